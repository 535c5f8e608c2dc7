package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// team is the demo company's staff and the roles they hold.
var team = []people.Fields{
	{Name: "李娜", Department: "客服部", Roles: []request.Role{request.RoleAgent}, Active: true},
	{Name: "王强", Department: "客服部", Roles: []request.Role{request.RoleSupervisor, request.RolePlanLead, request.RoleAgent}, Active: true},
	{Name: "陈静", Department: "技术支持部", Roles: []request.Role{request.RoleOwner, request.RoleReviewer, request.RoleTeam}, Active: true},
	{Name: "刘洋", Department: "产品研发部", Roles: []request.Role{request.RoleOwner, request.RoleReviewer, request.RoleTeam}, Active: true},
	{Name: "赵磊", Department: "技术支持部", Roles: []request.Role{request.RoleOwner, request.RoleTeam}, Active: true},
	{Name: "周敏", Department: "财务部", Roles: []request.Role{request.RoleReviewer}, Active: true},
	{Name: "孙建国", Department: "运营管理部", Roles: []request.Role{request.RoleGeneralManager}, Active: true},
}

// teamStaff is the team as the request rules see it.
var teamStaff = func() request.Staff {
	st := request.Staff{}
	for _, p := range team {
		st[p.Name] = request.StaffMember{Department: p.Department, Roles: p.Roles, Active: p.Active}
	}
	return st
}()

const generalManager = "孙建国"

var owners = []string{"陈静", "刘洋", "赵磊", "王强"}

// driver carries demo requests through the lifecycle on a clock it moves,
// so every step and record carries a plausible time.
type driver struct {
	ctx context.Context
	to  stepper
	clk *clock.Fixed
	rng *rand.Rand
	now time.Time // the real present: nothing happens after it
	// zone is the company's time zone, of the days recorded.
	zone *time.Location
	req  request.Request
	// comm picks the reply script a customer-facing record uses (nil:
	// none, as in Bulk).
	comm *demoComm
}

// stepper takes the lifecycle's steps: through the store (Fill), or in
// memory for the bulk generator (Bulk), which writes the outcome at once.
type stepper interface {
	move(ctx context.Context, r request.Request, m request.Move) (request.Request, error)
	save(ctx context.Context, in request.RecordInput) (request.Record, error)
	records(ctx context.Context, requestID string) ([]request.Record, error)
}

// storeSteps takes the steps through the store's public methods.
type storeSteps struct {
	st  *store.Store
	cmd *command.Service
}

func (s storeSteps) move(ctx context.Context, r request.Request, m request.Move) (request.Request, error) {
	return command.Run(ctx, s.cmd, command.MoveRequest{ID: r.ID, Version: r.Version, Move: m})
}

func (s storeSteps) save(ctx context.Context, in request.RecordInput) (request.Record, error) {
	return command.Run(ctx, s.cmd, command.SaveRecord{Input: in})
}

func (s storeSteps) records(ctx context.Context, requestID string) ([]request.Record, error) {
	d, err := s.st.Request(ctx, requestID)
	return d.Records, err
}

// errPresent stops a request's story when its next step would lie in the future.
var errPresent = fmt.Errorf("reached the present")

// wait moves the clock on by a random span between lo and hi.
func (d *driver) wait(lo, hi time.Duration) error {
	t := d.clk.Now().Add(lo + time.Duration(d.rng.Int64N(int64(hi-lo)+1)))
	if t.After(d.now) {
		return errPresent
	}
	d.clk.Set(t)
	return nil
}

func (d *driver) day() string { return d.clk.Now().In(d.zone).Format("2006-01-02") }

func (d *driver) as(who string) context.Context { return audit.WithActor(d.ctx, who) }

func (d *driver) move(who string, m request.Move) error {
	r, err := d.to.move(d.as(who), d.req, m)
	if err != nil {
		return fmt.Errorf("%s %s: %w", d.req.Number, m.Action, err)
	}
	d.req = r
	return nil
}

func (d *driver) add(who string, kind request.RecordKind, parent string, body any) (request.Record, error) {
	if d.comm != nil {
		body = d.comm.withScript(body, d.clk.Now())
	}
	raw, err := json.Marshal(body)
	if err != nil {
		return request.Record{}, err
	}
	rec, err := d.to.save(d.as(who), request.RecordInput{RequestID: d.req.ID, Kind: kind, ParentID: parent, Body: raw})
	if err != nil {
		return rec, fmt.Errorf("%s %s: %w", d.req.Number, kind, err)
	}
	return rec, nil
}

func (d *driver) edit(who string, rec request.Record, body any) (request.Record, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return rec, err
	}
	out, err := d.to.save(d.as(who), request.RecordInput{RequestID: d.req.ID, Kind: rec.Kind, ID: rec.ID, Version: rec.Version, Body: raw})
	if err != nil {
		return out, fmt.Errorf("%s %s: %w", d.req.Number, rec.Kind, err)
	}
	return out, nil
}

func (d *driver) pick(xs []string) string { return xs[d.rng.IntN(len(xs))] }

// story takes the request up to depth steps along its path; steps stop early
// at the present. A few requests end on hold, rejected or cancelled instead.
func (d *driver) story(depth int) error {
	err := d.steps(depth)
	if err == errPresent {
		return nil
	}
	return err
}

func (d *driver) steps(depth int) error {
	supervisor, owner := "王强", d.pick(owners)
	dept := map[string]string{"陈静": "技术支持部", "刘洋": "产品研发部", "赵磊": "技术支持部", "王强": "客服部"}[owner]
	steps := []func() error{
		func() error {
			if err := d.wait(5*time.Minute, 40*time.Minute); err != nil {
				return err
			}
			if err := d.move(supervisor, request.Move{Action: request.ActTriage, Department: dept,
				GreenChannel: d.req.Fields.Urgency == request.UrgencyUrgent}); err != nil {
				return err
			}
			return d.handOver(supervisor, dept, owner)
		},
		func() error {
			if err := d.wait(10*time.Minute, 2*time.Hour); err != nil {
				return err
			}
			return d.move(supervisor, request.Move{Action: request.ActAssign, Owner: owner})
		},
		func() error {
			if err := d.wait(10*time.Minute, 3*time.Hour); err != nil {
				return err
			}
			if _, err := d.add(owner, request.KindCommunication, "", request.Communication{At: d.clk.Now(), Channel: "电话",
				With: d.req.Fields.ContactName, Summary: "回复客户：已受理，确认问题现象和期望时间", NextStep: "安排处理",
				WaitSeconds: d.callWait()}); err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActStart, Comment: "已电话联系客户，了解情况"})
		},
	}
	if d.req.State.Path == request.PathShort {
		steps = append(steps, d.shortSteps(owner)...)
	} else {
		steps = append(steps, d.fullSteps(owner, supervisor)...)
	}
	steps = append(steps, func() error {
		if err := d.wait(time.Hour, 3*24*time.Hour); err != nil {
			return err
		}
		fb := request.Feedback{Obtained: true, Method: d.pick([]string{"phone", "questionnaire", "paper"}), On: d.day(),
			Timeliness: 3 + d.rng.IntN(3), Effectiveness: 3 + d.rng.IntN(3), Attitude: 4 + d.rng.IntN(2), Solved: true}
		fb.Overall = (fb.Timeliness + fb.Effectiveness + fb.Attitude + 1) / 3
		if d.rng.IntN(10) == 0 {
			fb = request.Feedback{Obtained: false, Reason: "客户多次未接听回访电话", On: d.day()}
		} else if fb.Effectiveness == 3 {
			fb.Comments = "处理及时，但希望后续提供更详细的操作说明。"
		} else if fb.Timeliness == 5 && fb.Effectiveness == 5 {
			// A satisfied customer names the next thing they need (新的需求).
			fb.NewNeeds = "希望增加月度数据导出到 Excel 的功能，便于财务对账。"
		}
		if _, err := d.add("李娜", request.KindFeedback, "", fb); err != nil {
			return err
		}
		return d.move("李娜", request.Move{Action: request.ActArchive})
	})
	for i, step := range steps {
		if i >= depth {
			return nil
		}
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

func (d *driver) shortSteps(owner string) []func() error {
	return []func() error{
		func() error {
			if err := d.wait(20*time.Minute, 6*time.Hour); err != nil {
				return err
			}
			if _, err := d.add(owner, request.KindCommunication, "", request.Communication{At: d.clk.Now(), Channel: "电话",
				With: d.req.Fields.ContactName, Summary: "与客户确认问题细节和期望", NextStep: "整理处理结果"}); err != nil {
				return err
			}
			if _, err := d.add(owner, request.KindResultNote, "", request.ResultNote{Process: "核实客户环境并复现问题，查阅相关文档。",
				Result: "已为客户解答并提供书面说明：" + d.req.Fields.Title, Handler: owner, ResultOn: d.day()}); err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActGiveResult})
		},
		func() error {
			if err := d.wait(10*time.Minute, 90*time.Minute); err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActSendResult, Comment: "已通过邮件发送处理结果说明"})
		},
	}
}

func (d *driver) fullSteps(owner, planLead string) []func() error {
	var analysis, plan request.Record
	return []func() error{
		func() error { // analysis: research, breakdown, letter
			if err := d.wait(time.Hour, 2*24*time.Hour); err != nil {
				return err
			}
			if _, err := d.add(owner, request.KindResearch, "", request.Research{Method: d.pick([]string{"interview", "site_visit", "document"}),
				On: d.day(), Participants: d.req.Fields.ContactName + "、" + owner, Summary: "与客户访谈，梳理现有业务流程和痛点。"}); err != nil {
				return err
			}
			var prev string
			for _, title := range []string{"需求分析", "方案设计", "开发测试", "部署上线"}[:2+d.rng.IntN(3)] {
				sr := request.SubRequirement{Title: title, Owner: owner, Milestone: d.clk.Now().AddDate(0, 0, 7+d.rng.IntN(30)).Format("2006-01-02")}
				if prev != "" {
					sr.DependsOn = []string{prev}
				}
				rec, err := d.add(owner, request.KindSubRequirement, "", sr)
				if err != nil {
					return err
				}
				prev = rec.ID
			}
			var err error
			analysis, err = d.add(owner, request.KindAnalysis, "", request.Analysis{
				CustomerValue: 2 + d.rng.IntN(4), BusinessValue: 2 + d.rng.IntN(4), CostDays: float64(5 + d.rng.IntN(40)),
				CostMoney: float64(1+d.rng.IntN(20)) * 10000, Difficulty: d.pick([]string{"low", "medium", "high"}),
				Horizon: d.pick([]string{"immediate", "short", "long"}), Generality: d.pick([]string{"general", "particular"}),
				CoreNeeds: d.req.Fields.Title, KeyPoints: "与现有系统的数据一致性；上线期间不影响日常业务。",
				ExpectedDelivery: d.clk.Now().AddDate(0, 1+d.rng.IntN(2), 0).Format("2006-01-02")})
			if err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActAskAnalysisOK})
		},
		func() error { // the customer signs the analysis confirmation letter
			if err := d.wait(time.Hour, 3*24*time.Hour); err != nil {
				return err
			}
			a, err := request.BodyOf[request.Analysis](analysis)
			if err != nil {
				return err
			}
			a.SignedBy, a.SignedOn = d.req.Fields.ContactName, d.day()
			if _, err := d.edit(owner, analysis, a); err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActAnalysisOK})
		},
		func() error { // the service plan
			if err := d.wait(24*time.Hour, 4*24*time.Hour); err != nil {
				return err
			}
			start := d.clk.Now().AddDate(0, 0, 7)
			var err error
			plan, err = d.add(planLead, request.KindPlan, "", request.Plan{
				Goals: "解决客户提出的“" + d.req.Fields.Title + "”，提升业务效率。", Content: "需求细化、方案设计、开发测试、部署上线与培训。",
				PeriodStart: start.Format("2006-01-02"), PeriodEnd: start.AddDate(0, 1, 0).Format("2006-01-02"),
				People: "项目经理 1 人，工程师 2 人", Technology: "现有平台二次开发", Cost: float64(2+d.rng.IntN(30)) * 10000,
				Deliverables: "功能模块、测试报告、操作手册", AcceptanceCriteria: "按验收测试用例全部通过", Risks: "客户数据质量",
				ExecutionPlan: "第一周需求细化；第二、三周开发；第四周测试与上线。", RequiredReviews: []string{"技术支持部", "财务部"}})
			if err != nil {
				return err
			}
			return d.move(planLead, request.Move{Action: request.ActSubmitReview})
		},
		func() error { // cross-department review
			if err := d.wait(2*time.Hour, 2*24*time.Hour); err != nil {
				return err
			}
			for _, rv := range []request.Review{
				{Department: "技术支持部", Reviewer: "陈静", Result: "pass", Opinion: "技术可行", On: d.day()},
				{Department: "财务部", Reviewer: "周敏", Result: "pass", Opinion: "成本合理", On: d.day()},
			} {
				if _, err := d.add(rv.Reviewer, request.KindReview, plan.ID, rv); err != nil {
					return err
				}
			}
			return d.move(planLead, request.Move{Action: request.ActAskApproval})
		},
		func() error {
			if err := d.wait(time.Hour, 2*24*time.Hour); err != nil {
				return err
			}
			return d.move(generalManager, request.Move{Action: request.ActApprove, Comment: "同意"})
		},
		func() error { // the customer signs the plan; the team is formed
			if err := d.wait(24*time.Hour, 5*24*time.Hour); err != nil {
				return err
			}
			recs, err := d.to.records(d.ctx, d.req.ID)
			if err != nil {
				return err
			}
			rec, p, _ := request.CurrentPlan(recs)
			p.SignedBy, p.SignedOn = d.req.Fields.ContactName, d.day()
			if _, err := d.edit(planLead, rec, p); err != nil {
				return err
			}
			member := "赵磊"
			if owner == member {
				member = "陈静"
			}
			for _, m := range []request.TeamMember{{Name: owner, Role: "lead", Duties: "项目总体负责"}, {Name: member, Role: "member", Duties: "开发与测试"}} {
				if _, err := d.add(planLead, request.KindTeamMember, "", m); err != nil {
					return err
				}
			}
			if err := d.move(planLead, request.Move{Action: request.ActPlanOK}); err != nil {
				return err
			}
			for i, title := range []string{"前端开发", "后端开发", "联调测试"} {
				if _, err := d.add(owner, request.KindTask, "", request.Task{Title: title, Owner: []string{owner, member, member}[i],
					Start: d.day(), Due: d.clk.Now().AddDate(0, 0, 14).Format("2006-01-02"), Standard: "通过测试用例",
					Status: "doing", Percent: 20 + 20*i}); err != nil {
					return err
				}
			}
			return nil
		},
		func() error { // implementation and delivery
			recs, err := d.to.records(d.ctx, d.req.ID)
			if err != nil {
				return err
			}
			var tasks []request.Record
			for _, rec := range recs {
				if rec.Kind == request.KindTask {
					tasks = append(tasks, rec)
				}
			}
			if err := d.wait(3*24*time.Hour, 20*24*time.Hour); err != nil {
				return err
			}
			if _, err := d.add(owner, request.KindProgress, "", request.Progress{Type: "meeting", On: d.day(), Attendees: owner + "、赵磊",
				Summary: "周例会：开发按计划推进，联调环境已就绪。"}); err != nil {
				return err
			}
			if _, err := d.add(owner, request.KindCommunication, "", request.Communication{At: d.clk.Now(), Channel: "邮件",
				With: d.req.Fields.ContactName, Summary: "向客户通报实施进度：开发完成，进入联调测试", NextStep: "安排交付"}); err != nil {
				return err
			}
			for _, t := range tasks {
				body, err := request.BodyOf[request.Task](t)
				if err != nil {
					return err
				}
				body.Status = "done"
				if _, err := d.edit(owner, t, body); err != nil {
					return err
				}
			}
			if _, err := d.add(owner, request.KindDelivery, "", request.Delivery{Items: "功能模块及操作手册", DeliveredOn: d.day()}); err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActDeliver})
		},
		func() error { // acceptance
			if err := d.wait(24*time.Hour, 4*24*time.Hour); err != nil {
				return err
			}
			yes := true
			if _, err := d.add(owner, request.KindDelivery, "", request.Delivery{Items: "功能模块及操作手册", DeliveredOn: d.day(),
				AcceptedOn: d.day(), Representative: d.req.Fields.ContactName, Accepted: &yes, Remarks: "验收通过"}); err != nil {
				return err
			}
			return d.move(owner, request.Move{Action: request.ActAccept})
		},
	}
}

// sideExit ends a request on hold, rejected or cancelled.
func (d *driver) sideExit() error {
	if err := d.wait(30*time.Minute, 24*time.Hour); err != nil {
		if err == errPresent {
			return nil
		}
		return err
	}
	var err error
	switch d.rng.IntN(3) {
	case 0:
		err = d.move("王强", request.Move{Action: request.ActHold, Reason: "当前技术条件暂不具备，待新版本平台上线后再评估",
			FollowUp: d.clk.Now().AddDate(0, 2, 0)})
	case 1:
		err = d.move("王强", request.Move{Action: request.ActReject, Reason: "与本公司业务无关"})
	default:
		err = d.move("王强", request.Move{Action: request.ActCancel, Reason: "客户撤回需求"})
		// One cancellation in ten is undone a few hours later: the customer
		// calls again (chosen by the number, so the random draws stay as
		// they were).
		if t := d.clk.Now().Add(3 * time.Hour); err == nil && strings.HasSuffix(d.req.Number, "7") && !t.After(d.now) {
			d.clk.Set(t)
			err = d.move("王强", request.Move{Action: request.ActRestore, Reason: "客户再次来电，需求仍需处理，重新受理"})
		}
	}
	return err
}

// handOver records, for a request triaged to a department other than
// customer service (plan 004), its hand-over to that department some
// minutes after the triage: most within the hour, one in seven later.
func (d *driver) handOver(supervisor, dept, receiver string) error {
	if dept == "客服部" {
		return nil
	}
	n := 0
	for _, c := range d.req.Number {
		n += int(c)
	}
	wait := 12 * time.Minute
	if n%7 == 0 {
		wait = 95 * time.Minute
	}
	t := d.clk.Now().Add(wait)
	if t.After(d.now) {
		return errPresent
	}
	d.clk.Set(t)
	_, err := d.add(supervisor, request.KindHandover, "", request.Handover{At: t, Department: dept, Receiver: receiver,
		Note: "非客服问题，转" + dept + "处理"})
	return err
}

// callWait is how long the customer's call waited before it was picked up,
// from the request's number so that the random sequence stays as it was:
// 3 to 22 seconds, a quarter of them over the 15 seconds of plan 004.
func (d *driver) callWait() *int {
	n := 0
	for _, c := range d.req.Number {
		n += int(c)
	}
	w := 3 + n%20
	return &w
}
