package request

import (
	"fmt"
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
	Status          Status
	Path            Path
	HeldFrom        Status // the status an on-hold request resumes to
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
	guard  func(Facts, Move) string
}

// open lists the statuses from which hold and cancel are possible.
var open = []Status{StatusRegistered, StatusTriaged, StatusAssigned, StatusAnalysis, StatusAnalysisConfirm,
	StatusPlanDrafting, StatusPlanReview, StatusPlanApproval, StatusPlanConfirm, StatusImplementation,
	StatusAcceptance, StatusHandling, StatusResultGiven, StatusFeedback}

// transitions is the state machine: the only place that says which step
// leads where and what must be true for it.
var transitions = []transition{
	{ActTriage, []Status{StatusRegistered, StatusTriaged}, StatusTriaged, "", func(f Facts, m Move) string {
		return need(f.Department != "" || m.Department != "", "请先选择负责部门")
	}},
	{ActReturnToTriage, []Status{StatusAssigned}, StatusTriaged, "", nil},
	{ActAssign, []Status{StatusTriaged, StatusAssigned}, StatusAssigned, "", func(f Facts, m Move) string {
		return need(strings.TrimSpace(m.Owner) != "" || f.Owner != "", "请指定需求负责人")
	}},
	{ActStart, []Status{StatusAssigned}, "", "", nil},

	{ActAskAnalysisOK, []Status{StatusAnalysis}, StatusAnalysisConfirm, PathFull, func(f Facts, _ Move) string {
		if f.SubRequirements == 0 && !f.NoBreakdown {
			return "请先拆分子需求，或注明“无需拆分”"
		}
		return need(f.AnalysisLetter, "请先填写需求分析确认函的核心需求和预计交付时间")
	}},
	{ActAnalysisOK, []Status{StatusAnalysisConfirm}, StatusPlanDrafting, PathFull, func(f Facts, _ Move) string {
		return need(f.AnalysisSigned, "请先记录客户代表签字确认的姓名和日期")
	}},
	{ActAnalysisChanges, []Status{StatusAnalysisConfirm}, StatusAnalysis, PathFull, needComment},

	{ActSubmitReview, []Status{StatusPlanDrafting}, StatusPlanReview, PathFull, func(f Facts, _ Move) string {
		if f.PlanVersion == 0 {
			return "请先编写服务方案书"
		}
		return need(f.PlanComplete, "方案书须写明目标、内容、交付物和验收标准")
	}},
	{ActRevisePlan, []Status{StatusPlanReview}, StatusPlanDrafting, PathFull, needComment},
	{ActAskApproval, []Status{StatusPlanReview}, StatusPlanApproval, PathFull, func(f Facts, _ Move) string {
		if len(f.PendingReviews) > 0 {
			return "以下部门尚未给出评审意见：" + strings.Join(f.PendingReviews, "、")
		}
		return need(!f.RevisionAsked, "有评审意见要求修改或否决，请先修订方案")
	}},
	{ActApprove, []Status{StatusPlanApproval}, StatusPlanConfirm, PathFull, func(f Facts, _ Move) string {
		return need(hasRole(f.ActorRoles, RoleGeneralManager), "只有总经理可以批准方案")
	}},
	{ActDecline, []Status{StatusPlanApproval}, StatusPlanDrafting, PathFull, func(f Facts, m Move) string {
		if s := need(hasRole(f.ActorRoles, RoleGeneralManager), "只有总经理可以审批方案"); s != "" {
			return s
		}
		return needComment(f, m)
	}},
	{ActPlanOK, []Status{StatusPlanConfirm}, StatusImplementation, PathFull, func(f Facts, _ Move) string {
		if !f.PlanSigned {
			return "请先记录客户代表签字确认方案的姓名和日期"
		}
		return need(f.TeamLead, "请先组建服务团队并指定负责人")
	}},
	{ActPlanChanges, []Status{StatusPlanConfirm}, StatusPlanDrafting, PathFull, needComment},
	{ActDeliver, []Status{StatusImplementation}, StatusAcceptance, PathFull, func(f Facts, _ Move) string {
		if f.OpenTasks > 0 {
			return fmt.Sprintf("还有 %d 项实施任务未完成", f.OpenTasks)
		}
		return need(f.Delivered, "请先填写交付内容")
	}},
	{ActAccept, []Status{StatusAcceptance}, StatusFeedback, PathFull, func(f Facts, _ Move) string {
		return need(f.Accepted, "请先记录客户验收通过（交付验收单）")
	}},

	{ActGiveResult, []Status{StatusHandling}, StatusResultGiven, PathShort, func(f Facts, _ Move) string {
		return need(f.ResultNote, "请先填写处理结果说明")
	}},
	{ActSendResult, []Status{StatusResultGiven}, StatusFeedback, PathShort, nil},
	{ActSwitchToFullPath, []Status{StatusHandling}, StatusAnalysis, PathShort, needComment},

	{ActReopen, []Status{StatusAcceptance, StatusFeedback, StatusResultGiven}, "", "", needReason},
	{ActArchive, []Status{StatusFeedback}, StatusArchived, "", func(f Facts, _ Move) string {
		if f.Path == PathFull && !f.Accepted {
			return "缺少客户验收通过的交付验收单"
		}
		if f.Path == PathShort && !f.ResultNote {
			return "缺少处理结果说明"
		}
		if !f.Feedback && !f.NoFeedback {
			return "请先记录客户满意度反馈，或注明未能取得反馈的原因"
		}
		return need(!f.Feedback || f.FeedbackSolved || f.NoFeedback, "客户反馈问题未解决，请重新分析处理而不是归档")
	}},

	{ActHold, open, StatusOnHold, "", func(f Facts, m Move) string {
		if s := needReason(f, m); s != "" {
			return s
		}
		return need(!m.FollowUp.IsZero(), "请填写计划跟进日期")
	}},
	{ActResume, []Status{StatusOnHold}, "", "", nil},
	{ActReject, []Status{StatusRegistered, StatusTriaged, StatusAssigned, StatusAnalysis, StatusHandling}, StatusRejected, "", needReason},
	{ActCancel, open, StatusCancelled, "", needReason},
}

func need(ok bool, msg string) string {
	if ok {
		return ""
	}
	return msg
}

func needComment(_ Facts, m Move) string {
	return need(strings.TrimSpace(m.Comment) != "", "请填写说明")
}

func needReason(_ Facts, m Move) string {
	return need(strings.TrimSpace(m.Reason) != "", "请填写原因")
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
	}
	return ""
}

// Next checks a move against the state machine and the facts, and returns
// the status it leads to. A move the machine does not allow from the current
// status, or whose guard fails, is refused with an invalid_transition error
// that says why in plain Chinese.
func Next(f Facts, m Move) (Status, error) {
	if len([]rune(m.Comment)) > MaxComment || len([]rune(m.Reason)) > MaxComment {
		return "", &apperr.Error{Code: apperr.Invalid, Message: "说明过长",
			Fields: []apperr.FieldError{{Field: "comment", Key: "too_long", Params: map[string]any{"max": MaxComment}}}}
	}
	for _, t := range transitions {
		if t.action != m.Action {
			continue
		}
		if !t.allows(f.Status) || (t.path != "" && t.path != f.Path) {
			return "", apperr.Errorf(apperr.InvalidTransition, "当前状态“%s”不能执行“%s”", f.Status.Name(), m.Action.Name())
		}
		if t.guard != nil {
			if msg := t.guard(f, m); msg != "" {
				return "", apperr.Errorf(apperr.InvalidTransition, "不能%s：%s", m.Action.Name(), msg)
			}
		}
		to := t.target(f)
		if to == "" {
			return "", apperr.Errorf(apperr.InvalidTransition, "不能%s：无法确定目标状态", m.Action.Name())
		}
		return to, nil
	}
	return "", apperr.Errorf(apperr.InvalidTransition, "未知的操作：%s", m.Action)
}

// Available lists the actions the machine allows from f's status and path,
// each with the reason it is blocked now ("" when it can be taken). The
// detail page shows them as the next steps.
func Available(f Facts) []Option {
	var out []Option
	for _, t := range transitions {
		if !t.allows(f.Status) || (t.path != "" && t.path != f.Path) {
			continue
		}
		o := Option{Action: t.action, Name: t.action.Name(), To: t.target(f)}
		if t.guard != nil {
			// Comments and reasons are asked for when the step is taken;
			// only the records can block it in advance.
			// The same goes for what the step itself supplies (department, owner).
			o.Blocked = t.guard(f, Move{Action: t.action, Comment: "-", Reason: "-", Owner: "-", Department: "-", FollowUp: time.Unix(1, 0)})
		}
		out = append(out, o)
	}
	return out
}

// Option is one step the detail page offers.
type Option struct {
	Action  Action `json:"action"`
	Name    string `json:"name"`
	To      Status `json:"to"`
	Blocked string `json:"blocked"`
}

var actionNames = map[Action]string{
	ActTriage: "分类定级", ActAssign: "分配负责人", ActStart: "开始处理", ActAskAnalysisOK: "提交客户确认分析",
	ActAnalysisOK: "客户确认分析", ActAnalysisChanges: "客户要求修改分析", ActSubmitReview: "提交内部评审",
	ActRevisePlan: "退回修订方案", ActAskApproval: "提交总经理审批", ActApprove: "批准方案", ActDecline: "审批退回",
	ActPlanOK: "客户确认方案", ActPlanChanges: "客户要求变更方案", ActDeliver: "交付", ActAccept: "客户验收通过",
	ActGiveResult: "出具处理结果说明", ActSendResult: "告知客户处理结果", ActReopen: "重新处理（客户表示未解决）",
	ActArchive: "归档", ActHold: "暂不可执行", ActResume: "恢复执行", ActReject: "判定无效", ActCancel: "取消",
	ActReturnToTriage: "退回重新分类", ActSwitchToFullPath: "转为完整流程",
}

// Name is the action's Chinese name, used in messages.
func (a Action) Name() string {
	if n, ok := actionNames[a]; ok {
		return n
	}
	return string(a)
}
