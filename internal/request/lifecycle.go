package request

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Path is the route a request takes through the process: the full path of
// template 000 (analysis, plan, review, implementation, delivery) or the short
// path of manual 001 for consultations and simple problems.
type Path string

// Paths.
const (
	PathFull  Path = "full"
	PathShort Path = "short"
)

// Statuses of the lifecycle, besides StatusRegistered.
const (
	StatusTriaged         Status = "triaged"          // 已分类
	StatusAssigned        Status = "assigned"         // 已分配
	StatusAnalysis        Status = "analysis"         // 需求分析中
	StatusAnalysisConfirm Status = "analysis_confirm" // 待客户确认分析
	StatusPlanDrafting    Status = "plan_drafting"    // 方案编制中
	StatusPlanReview      Status = "plan_review"      // 内部评审中
	StatusPlanApproval    Status = "plan_approval"    // 待审批
	StatusPlanConfirm     Status = "plan_confirm"     // 待客户确认方案
	StatusImplementation  Status = "implementation"   // 实施中
	StatusAcceptance      Status = "acceptance"       // 已交付待验收
	StatusHandling        Status = "handling"         // 处理中 (short path)
	StatusResultGiven     Status = "result_given"     // 已出具处理结果 (short path)
	StatusFeedback        Status = "feedback"         // 待满意度反馈
	StatusArchived        Status = "archived"         // 已归档
	StatusOnHold          Status = "on_hold"          // 暂不可执行
	StatusRejected        Status = "rejected"         // 无效/已拒绝
	StatusCancelled       Status = "cancelled"        // 已取消
)

// Statuses lists every status in process order, side states last.
var Statuses = []Status{
	StatusRegistered, StatusTriaged, StatusAssigned,
	StatusAnalysis, StatusAnalysisConfirm, StatusPlanDrafting, StatusPlanReview, StatusPlanApproval,
	StatusPlanConfirm, StatusImplementation, StatusAcceptance,
	StatusHandling, StatusResultGiven,
	StatusFeedback, StatusArchived,
	StatusOnHold, StatusRejected, StatusCancelled,
}

var statusNames = map[Status]string{
	StatusRegistered: "已登记", StatusTriaged: "已分类", StatusAssigned: "已分配",
	StatusAnalysis: "需求分析中", StatusAnalysisConfirm: "待客户确认分析", StatusPlanDrafting: "方案编制中",
	StatusPlanReview: "内部评审中", StatusPlanApproval: "待审批", StatusPlanConfirm: "待客户确认方案",
	StatusImplementation: "实施中", StatusAcceptance: "已交付待验收", StatusHandling: "处理中",
	StatusResultGiven: "已出具处理结果", StatusFeedback: "待满意度反馈", StatusArchived: "已归档",
	StatusOnHold: "暂不可执行", StatusRejected: "无效", StatusCancelled: "已取消",
}

// Name is the status's Chinese name, used in messages.
func (s Status) Name() string {
	if n, ok := statusNames[s]; ok {
		return n
	}
	return string(s)
}

// Closed reports whether the request is finished one way or another; a
// closed request's records are read-only.
func (s Status) Closed() bool {
	return s == StatusArchived || s == StatusRejected || s == StatusCancelled
}

// WaitingForCustomer reports whether the request waits on the customer, the
// time a policy may leave off the resolve clock.
func (s Status) WaitingForCustomer() bool {
	switch s {
	case StatusAnalysisConfirm, StatusPlanConfirm, StatusAcceptance, StatusFeedback:
		return true
	}
	return false
}

// Action names a step from one status to another.
type Action string

// Actions.
const (
	ActTriage           Action = "triage"           // 分类定级
	ActAssign           Action = "assign"           // 分配负责人
	ActStart            Action = "start"            // 开始分析 / 开始处理
	ActAskAnalysisOK    Action = "ask_analysis_ok"  // 提交客户确认分析
	ActAnalysisOK       Action = "analysis_ok"      // 客户已确认分析
	ActAnalysisChanges  Action = "analysis_changes" // 客户要求修改分析
	ActSubmitReview     Action = "submit_review"    // 提交内部评审
	ActRevisePlan       Action = "revise_plan"      // 退回修订方案
	ActAskApproval      Action = "ask_approval"     // 提交审批
	ActApprove          Action = "approve"          // 总经理批准
	ActDecline          Action = "decline"          // 审批退回
	ActPlanOK           Action = "plan_ok"          // 客户已确认方案
	ActPlanChanges      Action = "plan_changes"     // 客户要求变更方案
	ActDeliver          Action = "deliver"          // 交付
	ActAccept           Action = "accept"           // 客户验收通过
	ActGiveResult       Action = "give_result"      // 出具处理结果说明
	ActSendResult       Action = "send_result"      // 结果已告知客户
	ActReopen           Action = "reopen"           // 客户表示未解决，重新分析/处理
	ActArchive          Action = "archive"          // 归档
	ActHold             Action = "hold"             // 暂不可执行
	ActResume           Action = "resume"           // 恢复执行
	ActReject           Action = "reject"           // 判定无效
	ActCancel           Action = "cancel"           // 取消
	ActReturnToTriage   Action = "return_to_triage" // 退回重新分类
	ActSwitchToFullPath Action = "switch_full_path" // 转为完整流程
	ActRestore          Action = "restore"          // 撤销取消/无效，重新受理
)

// Role is a part a person plays in the process.
type Role string

// Roles, from DOMAIN.md.
const (
	RoleAgent          Role = "agent"           // 客服专员
	RoleSupervisor     Role = "supervisor"      // 客服主管
	RoleOwner          Role = "owner"           // 需求负责人
	RolePlanLead       Role = "plan_lead"       // 方案负责人
	RoleReviewer       Role = "reviewer"        // 评审人
	RoleGeneralManager Role = "general_manager" // 总经理
	RoleTeam           Role = "team"            // 组长 / 组员
)

// Roles lists every role.
var Roles = []Role{RoleAgent, RoleSupervisor, RoleOwner, RolePlanLead, RoleReviewer, RoleGeneralManager, RoleTeam}

// Facts is what the guards know of a request when it is asked to move: its
// state and a summary of its stage records, gathered by the store in the
// same transaction as the move.
type Facts struct {
	Status   Status
	Path     Path
	HeldFrom Status // the status an on-hold request resumes to
	// ClosedFrom is the status a cancelled or invalid request was closed
	// from (its last step's), the one restoring it returns to; "" when not
	// known (imported closed).
	ClosedFrom      Status
	Type            string
	Urgency         Urgency
	Department      string
	Owner           string
	SubRequirements int  // sub-requirements in the breakdown
	NoBreakdown     bool // the analysis says none are needed
	AnalysisLetter  bool // core needs and expected delivery written
	AnalysisSigned  bool // customer representative and date recorded
	PlanVersion     int  // current plan version, 0 when none
	PlanComplete    bool // the current plan has goals, content, deliverables, acceptance criteria
	PendingReviews  []string
	RevisionAsked   bool // a review of the current version asked for revision or rejected it
	PlanApproved    bool
	PlanSigned      bool
	TeamLead        bool // the service team has a lead
	OpenTasks       int  // implementation tasks neither done nor cancelled
	Delivered       bool // a delivery record exists
	Accepted        bool // the latest delivery was accepted by the customer
	NotAccepted     bool // the latest delivery was refused
	ResultNote      bool // short path: the result note is written
	Feedback        bool // a satisfaction feedback record exists
	FeedbackSolved  bool // the latest feedback says solved
	NoFeedback      bool // a reason why no feedback could be obtained is recorded
	ActorRoles      []Role
	// PlanMissing names the essentials the current plan lacks (see
	// PlanEssentials), when it is not complete.
	PlanMissing []string
	// Actor is the person acting, and Managers the active people who hold
	// the general manager's role: a refused approval names them.
	Actor    string
	Managers []string
}

// Move is a request to take an action, with what the action needs.
type Move struct {
	Action      Action    `json:"action"`
	Comment     string    `json:"comment"`
	Reason      string    `json:"reason"`      // hold, reject, cancel, reopen
	FollowUp    time.Time `json:"followUp"`    // hold: when to look again
	DuplicateOf string    `json:"duplicateOf"` // reject: the original request's number or id
	Owner       string    `json:"owner"`       // assign
	Department  string    `json:"department"`  // triage
	Path        Path      `json:"path"`        // triage
	// GreenChannel marks an urgent request for the green channel at triage:
	// the owner phones the customer directly.
	GreenChannel bool `json:"greenChannel"`
}

// MaxComment bounds a move's comment and reason, in characters.
const MaxComment = 2000

// transition is one edge of the state machine.
type transition struct {
	action Action
	from   []Status
	to     Status // "" when the target depends on the facts (resume, reopen, start)
	path   Path   // "" for both paths
	guard  guard
}

// guard says why a step cannot be taken now, as a message the UI
// translates, or nil when it can.
type guard func(Facts, Move) *apperr.Msg

// open lists the statuses from which hold and cancel are possible.
var open = []Status{StatusRegistered, StatusTriaged, StatusAssigned, StatusAnalysis, StatusAnalysisConfirm,
	StatusPlanDrafting, StatusPlanReview, StatusPlanApproval, StatusPlanConfirm, StatusImplementation,
	StatusAcceptance, StatusHandling, StatusResultGiven, StatusFeedback}

// transitions is the state machine: the only place that says which step
// leads where and what must be true for it. Each refusal says where the
// missing thing is entered.
var transitions = []transition{
	{ActTriage, []Status{StatusRegistered, StatusTriaged}, StatusTriaged, "", func(f Facts, m Move) *apperr.Msg {
		return need(f.Department != "" || m.Department != "", "guard_department_required", nil)
	}},
	{ActReturnToTriage, []Status{StatusAssigned}, StatusTriaged, "", nil},
	{ActAssign, []Status{StatusTriaged, StatusAssigned}, StatusAssigned, "", func(f Facts, m Move) *apperr.Msg {
		return need(strings.TrimSpace(m.Owner) != "" || f.Owner != "", "guard_owner_required", nil)
	}},
	{ActStart, []Status{StatusAssigned}, "", "", nil},

	{ActAskAnalysisOK, []Status{StatusAnalysis}, StatusAnalysisConfirm, PathFull, func(f Facts, _ Move) *apperr.Msg {
		if f.SubRequirements == 0 && !f.NoBreakdown {
			return &apperr.Msg{Key: "guard_breakdown_required"}
		}
		return need(f.AnalysisLetter, "guard_analysis_letter_required", nil)
	}},
	{ActAnalysisOK, []Status{StatusAnalysisConfirm}, StatusPlanDrafting, PathFull, func(f Facts, _ Move) *apperr.Msg {
		return need(f.AnalysisSigned, "guard_analysis_signature_required", nil)
	}},
	{ActAnalysisChanges, []Status{StatusAnalysisConfirm}, StatusAnalysis, PathFull, needComment},

	{ActSubmitReview, []Status{StatusPlanDrafting}, StatusPlanReview, PathFull, func(f Facts, _ Move) *apperr.Msg {
		if f.PlanVersion == 0 {
			return &apperr.Msg{Key: "guard_plan_required"}
		}
		if f.PlanComplete {
			return nil
		}
		missing := f.PlanMissing
		if len(missing) == 0 {
			missing = PlanEssentials
		}
		terms := make([]apperr.Term, len(missing))
		for i, m := range missing {
			terms[i] = PlanFieldTerm(m)
		}
		return &apperr.Msg{Key: "guard_plan_incomplete", Params: apperr.P{"missing": terms}}
	}},
	{ActRevisePlan, []Status{StatusPlanReview}, StatusPlanDrafting, PathFull, needComment},
	{ActAskApproval, []Status{StatusPlanReview}, StatusPlanApproval, PathFull, func(f Facts, _ Move) *apperr.Msg {
		if len(f.PendingReviews) > 0 {
			return &apperr.Msg{Key: "guard_reviews_pending", Params: apperr.P{"departments": f.PendingReviews}}
		}
		return need(!f.RevisionAsked, "guard_revision_asked", nil)
	}},
	{ActApprove, []Status{StatusPlanApproval}, StatusPlanConfirm, PathFull, func(f Facts, _ Move) *apperr.Msg {
		return needManager(f, ActApprove)
	}},
	{ActDecline, []Status{StatusPlanApproval}, StatusPlanDrafting, PathFull, func(f Facts, m Move) *apperr.Msg {
		if s := needManager(f, ActDecline); s != nil {
			return s
		}
		return needComment(f, m)
	}},
	{ActPlanOK, []Status{StatusPlanConfirm}, StatusImplementation, PathFull, func(f Facts, _ Move) *apperr.Msg {
		if !f.PlanSigned {
			return &apperr.Msg{Key: "guard_plan_signature_required"}
		}
		return need(f.TeamLead, "guard_team_lead_required", nil)
	}},
	{ActPlanChanges, []Status{StatusPlanConfirm}, StatusPlanDrafting, PathFull, needComment},
	{ActDeliver, []Status{StatusImplementation}, StatusAcceptance, PathFull, func(f Facts, _ Move) *apperr.Msg {
		if f.OpenTasks > 0 {
			return &apperr.Msg{Key: "guard_tasks_open", Params: apperr.P{"n": f.OpenTasks}}
		}
		return need(f.Delivered, "guard_delivery_required", nil)
	}},
	{ActAccept, []Status{StatusAcceptance}, StatusFeedback, PathFull, func(f Facts, _ Move) *apperr.Msg {
		return need(f.Accepted, "guard_acceptance_required", nil)
	}},

	{ActGiveResult, []Status{StatusHandling}, StatusResultGiven, PathShort, func(f Facts, _ Move) *apperr.Msg {
		return need(f.ResultNote, "guard_result_note_required", nil)
	}},
	{ActSendResult, []Status{StatusResultGiven}, StatusFeedback, PathShort, nil},
	{ActSwitchToFullPath, []Status{StatusHandling}, StatusAnalysis, PathShort, needComment},

	// Reopening is the way back when the customer says it is not solved,
	// from delivery on and from the archive too (DOMAIN.md, step 9).
	{ActReopen, []Status{StatusAcceptance, StatusFeedback, StatusResultGiven, StatusArchived}, "", "", needReason},
	// A request cancelled or screened out as invalid by mistake is restored
	// to where it was, with the reason.
	{ActRestore, []Status{StatusCancelled, StatusRejected}, "", "", needReason},
	{ActArchive, []Status{StatusFeedback}, StatusArchived, "", func(f Facts, _ Move) *apperr.Msg {
		if f.Path == PathFull && !f.Accepted {
			return &apperr.Msg{Key: "guard_archive_acceptance_missing"}
		}
		if f.Path == PathShort && !f.ResultNote {
			return &apperr.Msg{Key: "guard_archive_result_missing"}
		}
		if !f.Feedback && !f.NoFeedback {
			return &apperr.Msg{Key: "guard_feedback_required"}
		}
		return need(!f.Feedback || f.FeedbackSolved || f.NoFeedback, "guard_feedback_unsolved", nil)
	}},

	{ActHold, open, StatusOnHold, "", func(f Facts, m Move) *apperr.Msg {
		if s := needReason(f, m); s != nil {
			return s
		}
		return need(!m.FollowUp.IsZero(), "guard_follow_up_required", nil)
	}},
	{ActResume, []Status{StatusOnHold}, "", "", nil},
	{ActReject, []Status{StatusRegistered, StatusTriaged, StatusAssigned, StatusAnalysis, StatusHandling}, StatusRejected, "", needReason},
	{ActCancel, open, StatusCancelled, "", needReason},
}

// expected is the step the process takes next from each status when all
// goes as planned; the detail page highlights it. Statuses missing here
// (closed ones) expect nothing.
var expected = map[Status]Action{
	StatusRegistered:      ActTriage,
	StatusTriaged:         ActAssign,
	StatusAssigned:        ActStart,
	StatusAnalysis:        ActAskAnalysisOK,
	StatusAnalysisConfirm: ActAnalysisOK,
	StatusPlanDrafting:    ActSubmitReview,
	StatusPlanReview:      ActAskApproval,
	StatusPlanApproval:    ActApprove,
	StatusPlanConfirm:     ActPlanOK,
	StatusImplementation:  ActDeliver,
	StatusAcceptance:      ActAccept,
	StatusHandling:        ActGiveResult,
	StatusResultGiven:     ActSendResult,
	StatusFeedback:        ActArchive,
	StatusOnHold:          ActResume,
}

// Expected returns the step the process expects next for f: the regular
// step forward from its status, or reopening when the customer refused the
// delivery or said the problem is not solved. "" when none (closed).
func Expected(f Facts) Action {
	switch {
	case f.Status == StatusAcceptance && f.NotAccepted && !f.Accepted:
		return ActReopen
	case f.Status == StatusFeedback && f.Feedback && !f.FeedbackSolved:
		return ActReopen
	}
	return expected[f.Status]
}

func need(ok bool, key string, params apperr.P) *apperr.Msg {
	if ok {
		return nil
	}
	return &apperr.Msg{Key: key, Params: params}
}

func needComment(_ Facts, m Move) *apperr.Msg {
	return need(strings.TrimSpace(m.Comment) != "", "guard_comment_required", nil)
}

func needReason(_ Facts, m Move) *apperr.Msg {
	return need(strings.TrimSpace(m.Reason) != "", "guard_reason_required", nil)
}

// needManager refuses a step of the general manager's to anyone else,
// naming who holds the role and how to act as one of them.
func needManager(f Facts, a Action) *apperr.Msg {
	if hasRole(f.ActorRoles, RoleGeneralManager) {
		return nil
	}
	p := apperr.P{"action": a.Term(), "actor": f.Actor}
	if len(f.Managers) == 0 {
		return &apperr.Msg{Key: "guard_manager_none", Params: p}
	}
	p["names"] = f.Managers
	return &apperr.Msg{Key: "guard_manager_only", Params: p}
}

func hasRole(roles []Role, r Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

func (t transition) allows(s Status) bool {
	for _, f := range t.from {
		if f == s {
			return true
		}
	}
	return false
}

func (t transition) offered(f Facts) bool {
	return t.allows(f.Status) && (t.path == "" || t.path == f.Path)
}

func (t transition) target(f Facts) Status {
	if t.to != "" {
		return t.to
	}
	switch t.action {
	case ActStart:
		if f.Path == PathShort {
			return StatusHandling
		}
		return StatusAnalysis
	case ActResume:
		return f.HeldFrom
	case ActReopen:
		if f.Path == PathShort {
			return StatusHandling
		}
		return StatusAnalysis
	case ActRestore:
		return RestoreTo(f)
	}
	return ""
}

// Next checks a move against the state machine and the facts, and returns
// the status it leads to. A move the machine does not allow from the current
// status, or whose guard fails, is refused with an invalid_transition error
// that says why (a message key the UI translates, and plain Chinese).
func Next(f Facts, m Move) (Status, error) {
	if len([]rune(m.Comment)) > MaxComment || len([]rune(m.Reason)) > MaxComment {
		return "", &apperr.Error{Code: apperr.Invalid, Message: "说明过长", Key: "comment_too_long",
			Params: apperr.P{"max": MaxComment},
			Fields: []apperr.FieldError{{Field: "comment", Key: "too_long", Params: map[string]any{"max": MaxComment}}}}
	}
	for _, t := range transitions {
		if t.action != m.Action {
			continue
		}
		if !t.offered(f) {
			var steps []apperr.Term
			for _, o := range transitions {
				if o.offered(f) {
					steps = append(steps, o.action.Term())
				}
			}
			key := "step_not_from_status"
			if len(steps) == 0 {
				key = "step_not_from_closed"
			}
			return "", apperr.New(apperr.InvalidTransition, key,
				apperr.P{"status": f.Status.Term(), "action": m.Action.Term(), "steps": steps})
		}
		if t.guard != nil {
			if why := t.guard(f, m); why != nil {
				return "", apperr.New(apperr.InvalidTransition, "step_refused", apperr.P{"action": m.Action.Term(), "reason": *why})
			}
		}
		to := t.target(f)
		if to == "" {
			return "", apperr.New(apperr.InvalidTransition, "step_no_target", apperr.P{"action": m.Action.Term()})
		}
		return to, nil
	}
	return "", apperr.New(apperr.InvalidTransition, "step_unknown", apperr.P{"action": string(m.Action)})
}

// Available lists the actions the machine allows from f's status and path,
// each with the reason it is blocked now (none when it can be taken), and
// marks the one the process expects next. The detail page shows them as the
// next steps.
func Available(f Facts) []Option {
	var out []Option
	next := Expected(f)
	for _, t := range transitions {
		if !t.offered(f) {
			continue
		}
		o := Option{Action: t.action, Name: t.action.Name(), To: t.target(f), Expected: t.action == next}
		if t.guard != nil {
			// Comments and reasons are asked for when the step is taken;
			// only the records can block it in advance.
			// The same goes for what the step itself supplies (department, owner).
			if why := t.guard(f, Move{Action: t.action, Comment: "-", Reason: "-", Owner: "-", Department: "-", FollowUp: time.Unix(1, 0)}); why != nil {
				o.Reason = why
				o.Blocked = why.Text()
			}
		}
		out = append(out, o)
	}
	return out
}

// ClosedFrom is the status a request at cur was closed from, read off its
// last step last: "" when that step did not close it there.
func ClosedFrom(cur Status, last Transition) Status {
	if !cur.Closed() || last.To != cur {
		return ""
	}
	return last.From
}

// RestoreTo is the status restoring a cancelled or invalid request leads
// to: the one it was closed from, or, when that is not known (a request
// imported closed), the stage its fields show it had reached: assigned
// with an owner, triaged with a department, else registered.
func RestoreTo(f Facts) Status {
	switch {
	case f.ClosedFrom != "" && !f.ClosedFrom.Closed():
		return f.ClosedFrom
	case f.Owner != "":
		return StatusAssigned
	case f.Department != "":
		return StatusTriaged
	}
	return StatusRegistered
}

// Option is one step the detail page offers.
type Option struct {
	Action Action `json:"action"`
	Name   string `json:"name"`
	To     Status `json:"to"`
	// Blocked is why the step cannot be taken now, in Chinese; "" when it can.
	Blocked string `json:"blocked"`
	// Reason is Blocked as a message the UI translates.
	Reason *apperr.Msg `json:"reason,omitempty"`
	// Expected marks the step the process expects next (see Expected).
	Expected bool `json:"expected"`
}

var actionNames = map[Action]string{
	ActTriage: "分类定级", ActAssign: "分配负责人", ActStart: "开始处理", ActAskAnalysisOK: "提交客户确认分析",
	ActAnalysisOK: "客户确认分析", ActAnalysisChanges: "客户要求修改分析", ActSubmitReview: "提交内部评审",
	ActRevisePlan: "退回修订方案", ActAskApproval: "提交总经理审批", ActApprove: "批准方案", ActDecline: "审批退回",
	ActPlanOK: "客户确认方案", ActPlanChanges: "客户要求变更方案", ActDeliver: "交付", ActAccept: "客户验收通过",
	ActGiveResult: "出具处理结果说明", ActSendResult: "告知客户处理结果", ActReopen: "重新处理（客户表示未解决）",
	ActArchive: "归档", ActHold: "暂不可执行", ActResume: "恢复执行", ActReject: "判定无效", ActCancel: "取消",
	ActReturnToTriage: "退回重新分类", ActSwitchToFullPath: "转为完整流程", ActRestore: "撤销关闭，重新受理",
}

// Name is the action's Chinese name, used in messages.
func (a Action) Name() string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return string(a)
}

// Term is the action inside a message, named by the UI in its language.
func (a Action) Term() apperr.Term {
	return apperr.Term{Kind: "enums.moveAction", Code: string(a), Name: a.Name()}
}

// Term is the status inside a message, named by the UI in its language.
func (s Status) Term() apperr.Term {
	return apperr.Term{Kind: "enums.status", Code: string(s), Name: s.Name()}
}
