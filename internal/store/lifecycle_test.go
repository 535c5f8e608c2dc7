package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// flow carries one request through the store, failing the test at the
// first refused step.
type flow struct {
	t   *testing.T
	s   *store.Store
	clk *clock.Fixed
	req request.Request
}

func (f *flow) move(m request.Move) {
	f.t.Helper()
	r, err := command.Run(context.Background(), command.New(f.s), command.MoveRequest{ID: f.req.ID, Version: f.req.Version, Move: m})
	if err != nil {
		f.t.Fatalf("%s from %s: %v", m.Action, f.req.Status, err)
	}
	f.req = r
}

func (f *flow) refused(m request.Move, code string) {
	f.t.Helper()
	_, err := command.Run(context.Background(), command.New(f.s), command.MoveRequest{ID: f.req.ID, Version: f.req.Version, Move: m})
	if got := apperr.CodeOf(err); got != code {
		f.t.Fatalf("%s from %s: code %q (%v), want %q", m.Action, f.req.Status, got, err, code)
	}
}

func (f *flow) add(kind request.RecordKind, parent string, body any) request.Record {
	f.t.Helper()
	raw, _ := json.Marshal(body)
	rec, err := command.Run(context.Background(), command.New(f.s), command.SaveRecord{Input: request.RecordInput{RequestID: f.req.ID, Kind: kind, ParentID: parent, Body: raw}})
	if err != nil {
		f.t.Fatalf("add %s: %v", kind, err)
	}
	return rec
}

func (f *flow) edit(rec request.Record, body any) request.Record {
	f.t.Helper()
	raw, _ := json.Marshal(body)
	out, err := command.Run(context.Background(), command.New(f.s), command.SaveRecord{Input: request.RecordInput{RequestID: f.req.ID, Kind: rec.Kind, ID: rec.ID, Version: rec.Version, Body: raw}})
	if err != nil {
		f.t.Fatalf("edit %s: %v", rec.Kind, err)
	}
	return out
}

func newFlow(t *testing.T, typ string) *flow {
	t.Helper()
	s, clk, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	fl := fields(c, "定制生产排程模块")
	fl.Type = typ
	return &flow{t: t, s: s, clk: clk, req: mustRequest(t, s, fl)}
}

func TestFullPath(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制")
	// The story's records are dated over three months: they are typed in
	// at their end, and no date a person enters may lie ahead of now.
	f.clk.Set(time.Date(2024, 6, 12, 10, 0, 0, 0, now.Location()))
	if f.req.State.Path != request.PathFull {
		t.Fatalf("path = %s, want full (from the type)", f.req.State.Path)
	}
	f.refused(request.Move{Action: request.ActTriage}, apperr.InvalidTransition) // no department yet
	f.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
	f.move(request.Move{Action: request.ActAssign, Owner: "王强"})
	f.move(request.Move{Action: request.ActStart})
	if f.req.Status != request.StatusAnalysis || f.req.Fields.Owner != "王强" {
		t.Fatalf("after start: %s, owner %q", f.req.Status, f.req.Fields.Owner)
	}

	// Analysis: breakdown with a dependency, then the letter.
	f.refused(request.Move{Action: request.ActAskAnalysisOK}, apperr.InvalidTransition)
	design := f.add(request.KindSubRequirement, "", request.SubRequirement{Title: "方案设计", Owner: "王强"})
	dev := f.add(request.KindSubRequirement, "", request.SubRequirement{Title: "开发测试", Owner: "李娜", DependsOn: []string{design.ID}})
	t.Run("ErrDoneBeforeDependency", func(t *testing.T) {
		raw, _ := json.Marshal(request.SubRequirement{Title: "开发测试", Owner: "李娜", Status: "done", DependsOn: []string{design.ID}})
		_, err := command.Run(ctx, command.New(f.s), command.SaveRecord{Input: request.RecordInput{RequestID: f.req.ID, Kind: request.KindSubRequirement, ID: dev.ID, Version: dev.Version, Body: raw}})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrCycle", func(t *testing.T) {
		raw, _ := json.Marshal(request.SubRequirement{Title: "方案设计", DependsOn: []string{dev.ID}})
		_, err := command.Run(ctx, command.New(f.s), command.SaveRecord{Input: request.RecordInput{RequestID: f.req.ID, Kind: request.KindSubRequirement, ID: design.ID, Version: design.Version, Body: raw}})
		if fieldKeys(err)["dependsOn"] != "cycle" {
			t.Fatalf("err = %v", err)
		}
	})
	analysis := f.add(request.KindAnalysis, "", request.Analysis{CustomerValue: 5, BusinessValue: 4, Horizon: "immediate",
		CoreNeeds: "生产排程自动化", ExpectedDelivery: "2024-06-30"})
	f.move(request.Move{Action: request.ActAskAnalysisOK})
	f.refused(request.Move{Action: request.ActAnalysisOK}, apperr.InvalidTransition) // unsigned
	f.edit(analysis, request.Analysis{CustomerValue: 5, BusinessValue: 4, Horizon: "immediate", CoreNeeds: "生产排程自动化",
		ExpectedDelivery: "2024-06-30", SignedBy: "张伟", SignedOn: "2024-03-20"})
	f.move(request.Move{Action: request.ActAnalysisOK})

	// Plan, review, a revision, approval.
	plan := f.add(request.KindPlan, "", request.Plan{Goals: "排程自动化", Content: "开发排程模块", Deliverables: "排程模块",
		AcceptanceCriteria: "通过验收测试", RequiredReviews: []string{"技术支持部", "财务部"}})
	f.move(request.Move{Action: request.ActSubmitReview})
	t.Run("ErrPlanLockedInReview", func(t *testing.T) {
		raw, _ := json.Marshal(request.Plan{Goals: "改目标", Content: "c", Deliverables: "d", AcceptanceCriteria: "a"})
		_, err := command.Run(ctx, command.New(f.s), command.SaveRecord{Input: request.RecordInput{RequestID: f.req.ID, Kind: request.KindPlan, ID: plan.ID, Version: plan.Version, Body: raw}})
		if apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("editing a plan under review: %v", err)
		}
	})
	f.add(request.KindReview, plan.ID, request.Review{Department: "技术支持部", Reviewer: "赵磊", OnBehalf: true, Result: "pass", On: "2024-03-25"})
	f.refused(request.Move{Action: request.ActAskApproval}, apperr.InvalidTransition) // 财务部 pending
	f.add(request.KindReview, plan.ID, request.Review{Department: "财务部", Reviewer: "周敏", OnBehalf: true, Result: "revise", Opinion: "成本偏高", On: "2024-03-25"})
	f.refused(request.Move{Action: request.ActAskApproval}, apperr.InvalidTransition) // revision asked
	f.move(request.Move{Action: request.ActRevisePlan, Comment: "压缩成本"})
	d, _ := f.s.Request(ctx, f.req.ID)
	cur, p, ok := request.CurrentPlan(d.Records)
	if !ok || p.VersionNo != 2 || cur.ID == plan.ID {
		t.Fatalf("after revision: current plan v%d (%v)", p.VersionNo, ok)
	}
	f.move(request.Move{Action: request.ActSubmitReview})
	f.add(request.KindReview, cur.ID, request.Review{Department: "技术支持部", Reviewer: "赵磊", OnBehalf: true, Result: "pass", On: "2024-03-27"})
	f.add(request.KindReview, cur.ID, request.Review{Department: "财务部", Reviewer: "周敏", OnBehalf: true, Result: "pass", On: "2024-03-27"})
	f.move(request.Move{Action: request.ActAskApproval})
	f.refused(request.Move{Action: request.ActApprove}, apperr.InvalidTransition) // 李娜 is not the general manager
	mustPerson(t, f.s, people.Fields{Name: "李娜", Roles: []request.Role{request.RoleGeneralManager}, Active: true})
	f.move(request.Move{Action: request.ActApprove})
	d, _ = f.s.Request(ctx, f.req.ID)
	cur, p, _ = request.CurrentPlan(d.Records)
	if p.ApprovedBy != "李娜" {
		t.Fatalf("approved by %q", p.ApprovedBy)
	}
	t.Run("ApprovedPlanKeepsContent", func(t *testing.T) {
		changed := p
		changed.Goals = "偷偷改掉目标"
		changed.SignedBy, changed.SignedOn = "张伟", "2024-04-01"
		cur = f.edit(cur, changed)
		var got request.Plan
		_ = json.Unmarshal(cur.Body, &got)
		if got.Goals != "排程自动化" || got.SignedBy != "张伟" || got.ApprovedBy != "李娜" {
			t.Fatalf("plan after edit = %+v", got)
		}
	})
	f.refused(request.Move{Action: request.ActPlanOK}, apperr.InvalidTransition) // no team
	f.add(request.KindTeamMember, "", request.TeamMember{Name: "王强", Role: "lead", Duties: "总体负责"})
	f.move(request.Move{Action: request.ActPlanOK})

	// Implementation and delivery.
	task := f.add(request.KindTask, "", request.Task{Title: "后端开发", Owner: "王强", Start: "2024-04-02", Due: "2024-04-30"})
	f.add(request.KindException, "", request.Exception{Type: "delay", On: "2024-04-20", Cause: "接口文档延迟", Handling: "加班追赶"})
	f.add(request.KindDelivery, "", request.Delivery{Items: "排程模块 v1.0", DeliveredOn: "2024-05-06"})
	f.refused(request.Move{Action: request.ActDeliver}, apperr.InvalidTransition) // task open
	f.edit(task, request.Task{Title: "后端开发", Owner: "王强", Status: "done"})
	f.move(request.Move{Action: request.ActDeliver})
	yes := true
	f.add(request.KindDelivery, "", request.Delivery{Items: "排程模块 v1.0", DeliveredOn: "2024-05-06", AcceptedOn: "2024-05-08", Representative: "张伟", Accepted: &yes})
	f.move(request.Move{Action: request.ActAccept})

	// Feedback says not solved: back to analysis, counted.
	f.add(request.KindFeedback, "", request.Feedback{Obtained: true, Timeliness: 3, Effectiveness: 2, Attitude: 4, Overall: 3, Solved: false, Method: "phone", On: "2024-05-10"})
	f.refused(request.Move{Action: request.ActArchive}, apperr.InvalidTransition)
	f.move(request.Move{Action: request.ActReopen, Reason: "排程结果与实际产能不符"})
	if f.req.Status != request.StatusAnalysis || f.req.State.ReopenCount != 1 {
		t.Fatalf("after reopen: %s, count %d", f.req.Status, f.req.State.ReopenCount)
	}
	// Back through the stages: the records already satisfy every guard.
	for _, a := range []request.Action{request.ActAskAnalysisOK, request.ActAnalysisOK, request.ActSubmitReview,
		request.ActAskApproval, request.ActApprove, request.ActPlanOK, request.ActDeliver, request.ActAccept} {
		f.move(request.Move{Action: a})
	}
	f.add(request.KindFeedback, "", request.Feedback{Obtained: true, Timeliness: 5, Effectiveness: 5, Attitude: 5, Overall: 5, Solved: true, Method: "questionnaire", On: "2024-06-10"})
	f.add(request.KindRetrospective, "", request.Retrospective{Lessons: "早做产能调研"})
	f.move(request.Move{Action: request.ActArchive})
	if f.req.Status != request.StatusArchived {
		t.Fatalf("status = %s", f.req.Status)
	}
	d, _ = f.s.Request(ctx, f.req.ID)
	if n := len(d.Transitions); n != 23 {
		t.Fatalf("transitions logged = %d, want 23", n)
	}
	if tr := d.Transitions[0]; tr.Action != request.ActTriage || tr.Actor != "李娜" || tr.From != request.StatusRegistered {
		t.Fatalf("first transition = %+v", tr)
	}
	// Archived, it is reopened only when the customer says it is not solved.
	if len(d.Options) != 1 || d.Options[0].Action != request.ActReopen {
		t.Fatalf("an archived request offers %v", d.Options)
	}
}

func TestShortPath(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "技术咨询")
	if f.req.State.Path != request.PathShort {
		t.Fatalf("path = %s, want short", f.req.State.Path)
	}
	f.move(request.Move{Action: request.ActTriage, Department: "客服部"})
	f.move(request.Move{Action: request.ActAssign, Owner: "李娜"})
	f.move(request.Move{Action: request.ActStart})
	if f.req.Status != request.StatusHandling {
		t.Fatalf("status = %s, want handling", f.req.Status)
	}
	f.add(request.KindCommunication, "", request.Communication{At: now, Channel: "电话", With: "张伟", Summary: "确认接口范围", NextStep: "发送文档"})
	f.refused(request.Move{Action: request.ActGiveResult}, apperr.InvalidTransition)
	f.add(request.KindResultNote, "", request.ResultNote{Process: "整理接口文档", Result: "已提供对接方案与接口文档"})
	f.move(request.Move{Action: request.ActGiveResult})
	f.move(request.Move{Action: request.ActSendResult, Comment: "邮件发送"})
	f.refused(request.Move{Action: request.ActArchive}, apperr.InvalidTransition) // no feedback
	f.add(request.KindFeedback, "", request.Feedback{Obtained: false, Reason: "客户多次未接电话", On: "2024-03-15"})
	f.move(request.Move{Action: request.ActArchive})
	if f.req.Status != request.StatusArchived {
		t.Fatalf("status = %s", f.req.Status)
	}
	t.Run("ArchivedIsReadOnly", func(t *testing.T) {
		raw, _ := json.Marshal(request.Communication{At: now, Summary: "补记"})
		_, err := command.Run(ctx, command.New(f.s), command.SaveRecord{Input: request.RecordInput{RequestID: f.req.ID, Kind: request.KindCommunication, Body: raw}})
		if apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("err = %v", err)
		}
		f.refused(request.Move{Action: request.ActCancel, Reason: "x"}, apperr.InvalidTransition)
		g := f.req.Fields
		g.Title = "改标题"
		if _, err := command.Run(ctx, command.New(f.s), command.UpdateRequest{ID: f.req.ID, Version: f.req.Version, Fields: g}); apperr.CodeOf(err) != apperr.Forbidden {
			t.Fatalf("edit of an archived request: %v", err)
		}
	})
}

func TestSideStates(t *testing.T) {
	ctx := context.Background()
	t.Run("HoldAndResume", func(t *testing.T) {
		f := newFlow(t, "方案定制")
		f.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
		f.refused(request.Move{Action: request.ActHold, Reason: "资源不足"}, apperr.InvalidTransition) // no follow-up date
		f.move(request.Move{Action: request.ActHold, Reason: "资源不足", FollowUp: time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local)})
		if f.req.State.HeldFrom != request.StatusTriaged || f.req.State.FollowUpOn != "2024-06-01" {
			t.Fatalf("state = %+v", f.req.State)
		}
		f.move(request.Move{Action: request.ActResume})
		if f.req.Status != request.StatusTriaged || f.req.State.HeldFrom != "" {
			t.Fatalf("after resume: %s %+v", f.req.Status, f.req.State)
		}
	})
	t.Run("RejectDuplicate", func(t *testing.T) {
		f := newFlow(t, "技术咨询")
		c, _ := f.s.Customer(ctx, f.req.Fields.CustomerID)
		second := mustRequest(t, f.s, fields(c, "重复登记的对接咨询"))
		g := &flow{t: t, s: f.s, req: second}
		g.refused(request.Move{Action: request.ActReject, Reason: "重复", DuplicateOf: "XR-1999-001"}, apperr.Invalid)
		g.move(request.Move{Action: request.ActReject, Reason: "重复", DuplicateOf: f.req.Number})
		if g.req.State.DuplicateOf != f.req.ID || g.req.Status != request.StatusRejected {
			t.Fatalf("state = %+v", g.req.State)
		}
	})
	t.Run("ErrStaleMove", func(t *testing.T) {
		f := newFlow(t, "技术咨询")
		_, err := command.Run(ctx, command.New(f.s), command.MoveRequest{ID: f.req.ID, Version: f.req.Version + 1, Move: request.Move{Action: request.ActTriage, Department: "客服部"}})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestMyWorkAndBoard(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制") // registered, received by 李娜 (the profile)
	mustPerson(t, f.s, people.Fields{Name: "李娜", Department: "财务部",
		Roles: []request.Role{request.RoleSupervisor, request.RoleGeneralManager}, Active: true})
	kinds := func() map[string]int {
		t.Helper()
		items, err := f.s.MyWork(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, it := range items {
			out[it.Kind]++
		}
		return out
	}
	if got := kinds(); got["triage"] != 1 {
		t.Fatalf("my work = %v, want the request to triage", got)
	}
	f.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
	f.move(request.Move{Action: request.ActAssign, Owner: "李娜"})
	f.move(request.Move{Action: request.ActStart})
	f.add(request.KindTask, "", request.Task{Title: "需求调研", Owner: "李娜", Due: "2024-03-20"})
	f.add(request.KindAnalysis, "", request.Analysis{NoBreakdown: true, CoreNeeds: "排程", ExpectedDelivery: "2024-05-01", SignedBy: "张伟", SignedOn: "2024-03-15"})
	f.move(request.Move{Action: request.ActAskAnalysisOK})
	f.move(request.Move{Action: request.ActAnalysisOK})
	f.add(request.KindPlan, "", request.Plan{Goals: "g", Content: "c", Deliverables: "d", AcceptanceCriteria: "a", RequiredReviews: []string{"财务部"}})
	f.move(request.Move{Action: request.ActSubmitReview})
	got := kinds()
	if got["own"] != 1 || got["task"] != 1 || got["review"] != 1 || got["triage"] != 0 {
		t.Fatalf("my work = %v", got)
	}
	cols, err := f.s.Board(ctx, request.Query{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		want := 0
		if c.Status == request.StatusPlanReview {
			want = 1
		}
		if c.Total != want || len(c.Items) != want {
			t.Fatalf("column %s: %d items, want %d", c.Status, c.Total, want)
		}
	}
}

func TestMovesAreAuditedWithTheirComment(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制")
	f.move(request.Move{Action: request.ActHold, Reason: "缺少硬件", Comment: "等新服务器", FollowUp: time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local)})
	h, err := f.s.History(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	changes := map[string]string{}
	for _, c := range last.Changes {
		changes[c.Field] = c.After
	}
	if changes["moveAction"] != `"hold"` || changes["moveComment"] != `"缺少硬件；等新服务器"` || changes["status"] != `"on_hold"` {
		t.Fatalf("audit changes = %v", changes)
	}
}
