package request_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// ready is a full-path request whose records satisfy every guard.
func ready(s request.Status) request.Facts {
	return request.Facts{
		Status: s, Path: request.PathFull, Department: "技术支持部", Owner: "王强",
		SubRequirements: 2, AnalysisLetter: true, AnalysisSigned: true, PlanVersion: 1, PlanComplete: true,
		PlanApproved: true, PlanSigned: true, TeamLead: true, Delivered: true, Accepted: true,
		ResultNote: true, Feedback: true, FeedbackSolved: true,
		ActorRoles: []request.Role{request.RoleGeneralManager},
	}
}

func short(s request.Status) request.Facts {
	f := ready(s)
	f.Path = request.PathShort
	f.Accepted = false
	f.Delivered = false
	return f
}

func TestNext(t *testing.T) {
	hold := request.Move{Action: request.ActHold, Reason: "缺少硬件资源", FollowUp: time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local)}
	tests := []struct {
		name  string
		facts request.Facts
		move  request.Move
		want  request.Status
	}{
		// The full path, step by step.
		{"Triage", ready(request.StatusRegistered), request.Move{Action: request.ActTriage}, request.StatusTriaged},
		{"Retriage", ready(request.StatusTriaged), request.Move{Action: request.ActTriage}, request.StatusTriaged},
		{"Assign", ready(request.StatusTriaged), request.Move{Action: request.ActAssign, Owner: "王强"}, request.StatusAssigned},
		{"StartFull", ready(request.StatusAssigned), request.Move{Action: request.ActStart}, request.StatusAnalysis},
		{"AskAnalysisOK", ready(request.StatusAnalysis), request.Move{Action: request.ActAskAnalysisOK}, request.StatusAnalysisConfirm},
		{"AnalysisOK", ready(request.StatusAnalysisConfirm), request.Move{Action: request.ActAnalysisOK}, request.StatusPlanDrafting},
		{"AnalysisChanges", ready(request.StatusAnalysisConfirm), request.Move{Action: request.ActAnalysisChanges, Comment: "补充接口范围"}, request.StatusAnalysis},
		{"SubmitReview", ready(request.StatusPlanDrafting), request.Move{Action: request.ActSubmitReview}, request.StatusPlanReview},
		{"RevisePlan", ready(request.StatusPlanReview), request.Move{Action: request.ActRevisePlan, Comment: "成本过高"}, request.StatusPlanDrafting},
		{"AskApproval", ready(request.StatusPlanReview), request.Move{Action: request.ActAskApproval}, request.StatusPlanApproval},
		{"Approve", ready(request.StatusPlanApproval), request.Move{Action: request.ActApprove}, request.StatusPlanConfirm},
		{"Decline", ready(request.StatusPlanApproval), request.Move{Action: request.ActDecline, Comment: "工期太长"}, request.StatusPlanDrafting},
		{"PlanOK", ready(request.StatusPlanConfirm), request.Move{Action: request.ActPlanOK}, request.StatusImplementation},
		{"PlanChanges", ready(request.StatusPlanConfirm), request.Move{Action: request.ActPlanChanges, Comment: "客户增加培训"}, request.StatusPlanDrafting},
		{"Deliver", ready(request.StatusImplementation), request.Move{Action: request.ActDeliver}, request.StatusAcceptance},
		{"Accept", ready(request.StatusAcceptance), request.Move{Action: request.ActAccept}, request.StatusFeedback},
		{"ArchiveFull", ready(request.StatusFeedback), request.Move{Action: request.ActArchive}, request.StatusArchived},
		// The short path.
		{"StartShort", short(request.StatusAssigned), request.Move{Action: request.ActStart}, request.StatusHandling},
		{"GiveResult", short(request.StatusHandling), request.Move{Action: request.ActGiveResult}, request.StatusResultGiven},
		{"SendResult", short(request.StatusResultGiven), request.Move{Action: request.ActSendResult}, request.StatusFeedback},
		{"ArchiveShort", short(request.StatusFeedback), request.Move{Action: request.ActArchive}, request.StatusArchived},
		{"SwitchToFull", short(request.StatusHandling), request.Move{Action: request.ActSwitchToFullPath, Comment: "需要定制开发"}, request.StatusAnalysis},
		// Reopen: "not solved" goes back to analysis, or to handling on the short path.
		{"ReopenAtAcceptance", ready(request.StatusAcceptance), request.Move{Action: request.ActReopen, Reason: "接口仍报错"}, request.StatusAnalysis},
		{"ReopenAtFeedback", ready(request.StatusFeedback), request.Move{Action: request.ActReopen, Reason: "问题复现"}, request.StatusAnalysis},
		{"ReopenShort", short(request.StatusFeedback), request.Move{Action: request.ActReopen, Reason: "问题复现"}, request.StatusHandling},
		// Side states.
		{"Hold", ready(request.StatusImplementation), hold, request.StatusOnHold},
		{"Resume", func() request.Facts {
			f := ready(request.StatusOnHold)
			f.HeldFrom = request.StatusImplementation
			return f
		}(), request.Move{Action: request.ActResume}, request.StatusImplementation},
		{"Reject", ready(request.StatusRegistered), request.Move{Action: request.ActReject, Reason: "重复登记", DuplicateOf: "XR-2024-001"}, request.StatusRejected},
		{"Cancel", ready(request.StatusPlanDrafting), request.Move{Action: request.ActCancel, Reason: "客户取消项目"}, request.StatusCancelled},
		{"ReturnToTriage", ready(request.StatusAssigned), request.Move{Action: request.ActReturnToTriage}, request.StatusTriaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := request.Next(tt.facts, tt.move)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Next = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestNextRefused(t *testing.T) {
	with := func(f request.Facts, change func(*request.Facts)) request.Facts {
		change(&f)
		return f
	}
	tests := []struct {
		name  string
		facts request.Facts
		move  request.Move
		want  string // part of the message
	}{
		{"ErrSkipStages", ready(request.StatusRegistered), request.Move{Action: request.ActArchive}, "现在可以执行：分类定级"},
		{"ErrUnknownAction", ready(request.StatusRegistered), request.Move{Action: "teleport"}, "未知的操作"},
		{"ErrTriageNoDepartment", with(ready(request.StatusRegistered), func(f *request.Facts) { f.Department = "" }), request.Move{Action: request.ActTriage}, "负责部门"},
		{"ErrAssignNoOwner", with(ready(request.StatusTriaged), func(f *request.Facts) { f.Owner = "" }), request.Move{Action: request.ActAssign}, "负责人"},
		{"ErrNoBreakdown", with(ready(request.StatusAnalysis), func(f *request.Facts) { f.SubRequirements = 0 }), request.Move{Action: request.ActAskAnalysisOK}, "子需求"},
		{"ErrNoLetter", with(ready(request.StatusAnalysis), func(f *request.Facts) { f.AnalysisLetter = false }), request.Move{Action: request.ActAskAnalysisOK}, "确认函"},
		{"ErrUnsigned", with(ready(request.StatusAnalysisConfirm), func(f *request.Facts) { f.AnalysisSigned = false }), request.Move{Action: request.ActAnalysisOK}, "签字"},
		{"ErrChangesNoComment", ready(request.StatusAnalysisConfirm), request.Move{Action: request.ActAnalysisChanges}, "说明"},
		{"ErrNoPlan", with(ready(request.StatusPlanDrafting), func(f *request.Facts) { f.PlanVersion = 0 }), request.Move{Action: request.ActSubmitReview}, "方案书"},
		{"ErrPlanIncomplete", with(ready(request.StatusPlanDrafting), func(f *request.Facts) { f.PlanComplete = false }), request.Move{Action: request.ActSubmitReview}, "验收标准"},
		{"ErrPendingReviews", with(ready(request.StatusPlanReview), func(f *request.Facts) { f.PendingReviews = []string{"财务部", "销售部"} }), request.Move{Action: request.ActAskApproval}, "财务部、销售部"},
		{"ErrRevisionAsked", with(ready(request.StatusPlanReview), func(f *request.Facts) { f.RevisionAsked = true }), request.Move{Action: request.ActAskApproval}, "修订"},
		{"ErrApproveNotGM", with(ready(request.StatusPlanApproval), func(f *request.Facts) { f.ActorRoles = []request.Role{request.RoleSupervisor} }), request.Move{Action: request.ActApprove}, "总经理"},
		{"ErrPlanUnsigned", with(ready(request.StatusPlanConfirm), func(f *request.Facts) { f.PlanSigned = false }), request.Move{Action: request.ActPlanOK}, "签字"},
		{"ErrNoTeam", with(ready(request.StatusPlanConfirm), func(f *request.Facts) { f.TeamLead = false }), request.Move{Action: request.ActPlanOK}, "服务团队"},
		{"ErrOpenTasks", with(ready(request.StatusImplementation), func(f *request.Facts) { f.OpenTasks = 2 }), request.Move{Action: request.ActDeliver}, "2 项"},
		{"ErrNotAccepted", with(ready(request.StatusAcceptance), func(f *request.Facts) { f.Accepted = false }), request.Move{Action: request.ActAccept}, "验收"},
		{"ErrNoResultNote", with(short(request.StatusHandling), func(f *request.Facts) { f.ResultNote = false }), request.Move{Action: request.ActGiveResult}, "处理结果说明"},
		{"ErrShortActionOnFull", ready(request.StatusHandling), request.Move{Action: request.ActGiveResult}, "不能执行"},
		{"ErrFullActionOnShort", short(request.StatusAnalysis), request.Move{Action: request.ActAskAnalysisOK}, "不能执行"},
		{"ErrArchiveNoFeedback", with(ready(request.StatusFeedback), func(f *request.Facts) { f.Feedback = false }), request.Move{Action: request.ActArchive}, "满意度"},
		{"ErrArchiveUnsolved", with(ready(request.StatusFeedback), func(f *request.Facts) { f.FeedbackSolved = false }), request.Move{Action: request.ActArchive}, "未解决"},
		{"ErrArchiveNoAcceptance", with(ready(request.StatusFeedback), func(f *request.Facts) { f.Accepted = false }), request.Move{Action: request.ActArchive}, "验收"},
		{"ErrArchiveShortNoNote", with(short(request.StatusFeedback), func(f *request.Facts) { f.ResultNote = false }), request.Move{Action: request.ActArchive}, "处理结果说明"},
		{"ErrHoldNoReason", ready(request.StatusAnalysis), request.Move{Action: request.ActHold, FollowUp: time.Now()}, "原因"},
		{"ErrHoldNoDate", ready(request.StatusAnalysis), request.Move{Action: request.ActHold, Reason: "资源不足"}, "跟进日期"},
		{"ErrRejectNoReason", ready(request.StatusRegistered), request.Move{Action: request.ActReject}, "原因"},
		{"ErrRejectLate", ready(request.StatusImplementation), request.Move{Action: request.ActReject, Reason: "无关"}, "不能执行"},
		{"ErrArchivedOnlyReopens", ready(request.StatusArchived), request.Move{Action: request.ActCancel, Reason: "x"}, "现在可以执行：重新处理"},
		{"ErrRestoreNoReason", ready(request.StatusCancelled), request.Move{Action: request.ActRestore}, "原因"},
		{"ErrRestoreOpen", ready(request.StatusAnalysis), request.Move{Action: request.ActRestore, Reason: "x"}, "不能执行"},
		{"ErrReopenArchivedNoReason", ready(request.StatusArchived), request.Move{Action: request.ActReopen}, "原因"},
		{"ErrReopenNoReason", ready(request.StatusFeedback), request.Move{Action: request.ActReopen}, "原因"},
		{"ErrResumeNotHeld", ready(request.StatusAnalysis), request.Move{Action: request.ActResume}, "不能执行"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := request.Next(tt.facts, tt.move)
			if got := apperr.CodeOf(err); got != apperr.InvalidTransition {
				t.Fatalf("code = %q (%v), want invalid_transition", got, err)
			}
			if e, _ := apperr.As(err); !strings.Contains(e.Message, tt.want) {
				t.Fatalf("message %q does not mention %q", e.Message, tt.want)
			}
		})
	}
}

func TestAvailable(t *testing.T) {
	f := ready(request.StatusAnalysis)
	f.SubRequirements = 0
	got := map[request.Action]string{}
	for _, o := range request.Available(f) {
		got[o.Action] = o.Blocked
	}
	if _, ok := got[request.ActGiveResult]; ok {
		t.Fatal("a short-path step is offered on the full path")
	}
	if b, ok := got[request.ActAskAnalysisOK]; !ok || !strings.Contains(b, "子需求") {
		t.Fatalf("ask_analysis_ok: offered %v, blocked %q", ok, b)
	}
	if b, ok := got[request.ActHold]; !ok || b != "" {
		t.Fatalf("hold: offered %v, blocked %q", ok, b)
	}
}

// TestEveryStatusReachable walks the machine from registered and checks that
// each status of both paths can be reached and that archived is left only
// by reopening (the customer says it is not solved).
func TestEveryStatusReachable(t *testing.T) {
	seen := map[request.Status]bool{request.StatusRegistered: true}
	for _, path := range []request.Path{request.PathFull, request.PathShort} {
		queue := []request.Status{request.StatusRegistered}
		visited := map[request.Status]bool{}
		for len(queue) > 0 {
			s := queue[0]
			queue = queue[1:]
			if visited[s] {
				continue
			}
			visited[s] = true
			f := ready(s)
			f.Path = path
			f.HeldFrom = request.StatusAnalysis
			for _, o := range request.Available(f) {
				if o.To != "" && !visited[o.To] {
					seen[o.To] = true
					queue = append(queue, o.To)
				}
			}
		}
	}
	for _, s := range request.Statuses {
		if !seen[s] {
			t.Errorf("status %s cannot be reached", s)
		}
	}
	if opts := request.Available(ready(request.StatusArchived)); len(opts) != 1 || opts[0].Action != request.ActReopen {
		t.Errorf("archived offers %v", opts)
	}
}

func TestAvailableCountsWhatTheStepSupplies(t *testing.T) {
	f := ready(request.StatusRegistered)
	f.Department, f.Owner = "", ""
	for _, o := range request.Available(f) {
		if o.Action == request.ActTriage && o.Blocked != "" {
			t.Fatalf("triage blocked by the department it sets: %q", o.Blocked)
		}
	}
	f.Status = request.StatusPlanApproval
	for _, o := range request.Available(f) {
		if o.Action == request.ActRevisePlan {
			t.Fatal("revise_plan offered at approval: only the general manager's decline sends it back there")
		}
	}
}

// TestGuardsShowTheWayOut checks that a refusal says what to do: who may
// approve and how to act as them, where the team is formed, which parts of
// the plan are missing; and that it travels as a key with params.
func TestGuardsShowTheWayOut(t *testing.T) {
	notGM := ready(request.StatusPlanApproval)
	notGM.ActorRoles, notGM.Actor, notGM.Managers = []request.Role{request.RoleSupervisor}, "李娜", []string{"张总"}
	noGM := notGM
	noGM.Managers = nil
	noTeam := ready(request.StatusPlanConfirm)
	noTeam.TeamLead = false
	plan := ready(request.StatusPlanDrafting)
	plan.PlanComplete, plan.PlanMissing = false, []string{"goals", "acceptanceCriteria"}
	tests := []struct {
		name      string
		facts     request.Facts
		move      request.Move
		key       string
		want, not []string
	}{
		{"ManagerNamed", notGM, request.Move{Action: request.ActApprove}, "guard_manager_only",
			[]string{"只有总经理可以批准方案", "张总", "设置 → 操作人与公司", "设置 → 人员与角色", "“李娜”"}, nil},
		{"NoManagerYet", noGM, request.Move{Action: request.ActApprove}, "guard_manager_none",
			[]string{"还没有总经理", "设置 → 人员与角色"}, nil},
		{"TeamWhere", noTeam, request.Move{Action: request.ActPlanOK}, "guard_team_lead_required",
			[]string{"“实施”页", "服务团队", "组长"}, nil},
		{"PlanMissingNamed", plan, request.Move{Action: request.ActSubmitReview}, "guard_plan_incomplete",
			[]string{"服务目标、验收标准", "“服务方案”页"}, []string{"服务内容", "交付物"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := request.Next(tt.facts, tt.move)
			e, ok := apperr.As(err)
			if !ok {
				t.Fatalf("err = %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q does not mention %q", e.Message, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(e.Message, w) {
					t.Errorf("message %q mentions %q", e.Message, w)
				}
			}
			reason, _ := e.Params["reason"].(apperr.Msg)
			if e.Key != "step_refused" || reason.Key != tt.key {
				t.Fatalf("key %q reason %q, want step_refused with %q", e.Key, reason.Key, tt.key)
			}
		})
	}
}

func TestPlanMissing(t *testing.T) {
	got := request.Plan{Goals: "提升效率", Content: "部署"}.Missing()
	if want := []string{"deliverables", "acceptanceCriteria"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Missing = %v, want %v", got, want)
	}
}

// TestExpected checks that the step the process expects next is the one
// forward from the status, not the step just taken: after triage (a
// triaged request may be triaged again) the next one is assigning.
func TestExpected(t *testing.T) {
	refused := ready(request.StatusAcceptance)
	refused.Accepted, refused.NotAccepted = false, true
	unsolved := ready(request.StatusFeedback)
	unsolved.FeedbackSolved = false
	tests := []struct {
		name  string
		facts request.Facts
		want  request.Action
	}{
		{"Registered", ready(request.StatusRegistered), request.ActTriage},
		{"Triaged", ready(request.StatusTriaged), request.ActAssign},
		{"Assigned", ready(request.StatusAssigned), request.ActStart},
		{"PlanReview", ready(request.StatusPlanReview), request.ActAskApproval},
		{"Handling", short(request.StatusHandling), request.ActGiveResult},
		{"OnHold", ready(request.StatusOnHold), request.ActResume},
		{"Refused", refused, request.ActReopen},
		{"Unsolved", unsolved, request.ActReopen},
		{"Archived", ready(request.StatusArchived), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := request.Expected(tt.facts); got != tt.want {
				t.Fatalf("Expected = %q, want %q", got, tt.want)
			}
			marked := 0
			for _, o := range request.Available(tt.facts) {
				if o.Expected {
					marked++
					if o.Action != tt.want {
						t.Fatalf("option %s marked expected, want %s", o.Action, tt.want)
					}
				}
			}
			if want := map[bool]int{true: 1, false: 0}[tt.want != ""]; marked != want {
				t.Fatalf("%d options marked expected, want %d", marked, want)
			}
		})
	}
}

// TestRestore: a cancelled or invalid request goes back to the status it
// was closed from, or, when that is unknown, to the stage its fields show.
func TestRestore(t *testing.T) {
	with := func(f request.Facts, change func(*request.Facts)) request.Facts {
		change(&f)
		return f
	}
	tests := []struct {
		name  string
		facts request.Facts
		want  request.Status
	}{
		{"OK", with(ready(request.StatusCancelled), func(f *request.Facts) { f.ClosedFrom = request.StatusPlanDrafting }), request.StatusPlanDrafting},
		{"OKOnHold", with(ready(request.StatusCancelled), func(f *request.Facts) { f.ClosedFrom = request.StatusOnHold }), request.StatusOnHold},
		{"OKRejected", with(ready(request.StatusRejected), func(f *request.Facts) { f.ClosedFrom = request.StatusRegistered }), request.StatusRegistered},
		{"OKUnknownOwner", with(ready(request.StatusCancelled), func(f *request.Facts) { f.Owner = "李娜" }), request.StatusAssigned},
		{"OKUnknownDepartment", with(ready(request.StatusRejected), func(f *request.Facts) { f.Owner, f.Department = "", "技术支持部" }), request.StatusTriaged},
		{"OKUnknown", with(ready(request.StatusRejected), func(f *request.Facts) { f.Owner, f.Department = "", "" }), request.StatusRegistered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := request.Next(tt.facts, request.Move{Action: request.ActRestore, Reason: "误操作"})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("restored to %s, want %s", got, tt.want)
			}
		})
	}
}
