package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// demoComplaints are what the demo's customers complain about (办法 003),
// with what the investigation found and the answer they were given.
var demoComplaints = []struct {
	cause, content, findings, responsible, measures, answer string
}{
	{"timeliness", "反映的问题两天没人回复，也没有告知进度。", "负责人出差期间未交接，进度更新超时。", "赵磊",
		"建立出差交接制度，系统提醒进度更新时限。", "已向客户致歉，说明原因及改进措施，并指定专人跟进。"},
	{"attitude", "电话中客服语气生硬，没有耐心听完问题。", "通话录音显示未按话术规范应答。", "李娜",
		"组织服务礼仪和话术培训，纳入每周质量抽检。", "已向客户致歉，由主管回访并解答遗留问题。"},
	{"quality", "交付的方案与确认的需求不一致，需要返工。", "需求变更未同步到实施团队。", "陈静",
		"变更须书面确认并同步到任务清单。", "已安排返工并承诺交付日期，客户认可。"},
	{"communication", "多次沟通后仍不清楚处理结果。", "处理结果未形成书面说明。", "刘洋",
		"处理结果一律出具《处理结果说明》。", "已补发书面说明并电话讲解。"},
}

// complaints registers customer complaints against some archived demo
// requests, a day or two after they closed, and takes them along their
// steps: some still registered or under investigation, most answered and
// closed, a few late.
func complaints(ctx context.Context, st *store.Store, cmds *command.Service, clk *clock.Fixed, now time.Time) error {
	page, err := st.ListRequests(ctx, request.Query{Statuses: []request.Status{request.StatusArchived}, Sort: request.SortNumber, Limit: 500})
	if err != nil {
		return err
	}
	for i, r := range page.Items {
		if i%9 != 4 {
			continue
		}
		k := i / 9
		c := demoComplaints[k%len(demoComplaints)]
		at := r.UpdatedAt.Add(time.Duration(20+k%30) * time.Hour)
		steps := []struct {
			wait   time.Duration
			who    string
			action string
			in     request.ComplaintInput
		}{
			{0, "李娜", "", request.ComplaintInput{ReceivedAt: at, Channel: "电话", Complainant: r.ContactName, Cause: c.cause, Content: c.content}},
			{time.Duration(30+k%3*70) * time.Minute, "王强", request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}},
			{time.Duration(4+k%4*9) * time.Hour, "王强", request.ComplaintAnswer, request.ComplaintInput{Findings: c.findings,
				Responsible: c.responsible, Measures: c.measures, Answer: c.answer}},
			{26 * time.Hour, "李娜", request.ComplaintClose, request.ComplaintInput{Accepted: ptrBool(k%5 != 3), Note: "客户认为赔偿不足，已记录并上报"}},
		}
		var rec request.Record
		// Most closed; some answered, under investigation or just registered.
		depth := []int{4, 4, 3, 2, 1, 4, 4}[k%7]
		for _, s := range steps[:depth] {
			at = at.Add(s.wait)
			if at.After(now) {
				break
			}
			clk.Set(at)
			actx := audit.WithActor(ctx, s.who)
			if s.action == "" {
				rec, err = command.Run(actx, cmds, command.RegisterComplaint{RequestID: r.ID, Input: s.in})
			} else {
				rec, err = command.Run(actx, cmds, command.StepComplaint{ID: rec.ID, Version: rec.Version, Action: s.action, Input: s.in})
			}
			if err != nil {
				return fmt.Errorf("demo complaint on %s: %w", r.Number, err)
			}
		}
	}
	return nil
}

func ptrBool(b bool) *bool { return &b }
