package request

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// RecordKind names a kind of stage record kept on a request.
type RecordKind string

// Record kinds. Singletons exist at most once per request.
const (
	KindCommunication  RecordKind = "communication"   // 沟通记录
	KindResearch       RecordKind = "research"        // 调研记录
	KindSubRequirement RecordKind = "sub_requirement" // 子需求
	KindAnalysis       RecordKind = "analysis"        // 分析与评分, 需求分析确认函 (singleton)
	KindPlan           RecordKind = "plan"            // 服务方案书, one record per version
	KindReview         RecordKind = "review"          // 方案评审意见 (parent: plan)
	KindTeamMember     RecordKind = "team_member"     // 服务团队成员
	KindTask           RecordKind = "task"            // 实施任务
	KindProgress       RecordKind = "progress"        // 进度更新 / 周例会纪要
	KindException      RecordKind = "exception"       // 异常与变更
	KindDelivery       RecordKind = "delivery"        // 交付验收
	KindFeedback       RecordKind = "feedback"        // 满意度反馈
	KindResultNote     RecordKind = "result_note"     // 处理结果说明 (singleton)
	KindRetrospective  RecordKind = "retrospective"   // 复盘 (singleton)
	KindEmergency      RecordKind = "emergency"       // 应急处置记录 (办法 003)
)

// Record is one stage record. Body holds the kind's fields (the structs
// below), read through DecodeRecord or BodyOf; the envelope is the same for
// every kind.
type Record struct {
	ID        string          `json:"id"`
	RequestID string          `json:"requestId"`
	Kind      RecordKind      `json:"kind"`
	ParentID  string          `json:"parentId"`
	Body      json.RawMessage `json:"body" ts_type:"any"`
	CreatedBy string          `json:"createdBy"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
	Version   int64           `json:"version"`
}

// RecordInput adds a record (ID empty) or replaces the body of one (ID and
// the Version read).
type RecordInput struct {
	RequestID string          `json:"requestId"`
	Kind      RecordKind      `json:"kind"`
	ID        string          `json:"id"`
	Version   int64           `json:"version"`
	ParentID  string          `json:"parentId"`
	Body      json.RawMessage `json:"body" ts_type:"any"`
}

// Communication is one contact with the customer (沟通记录).
type Communication struct {
	At       time.Time `json:"at"`
	Channel  string    `json:"channel"`
	With     string    `json:"with"`
	Summary  string    `json:"summary"`
	NextStep string    `json:"nextStep"`
	// WaitSeconds is how long a call waited before it was picked up, where
	// that is recorded (plan 004: 15 seconds).
	WaitSeconds *int `json:"waitSeconds,omitempty"`
	ScriptUse
}

// ScriptUse names the reply script (话术, internal/comm) and its revision a
// record's text was written from; empty when none was used. 话术适配率 is
// read from it.
type ScriptUse struct {
	ScriptID       string `json:"scriptId,omitempty"`
	ScriptRevision int    `json:"scriptRevision,omitempty"`
}

// Script is the reference itself, for the bodies that embed one.
func (u ScriptUse) Script() ScriptUse { return u }

// check refuses half a reference, or one that cannot name a script.
func (u *ScriptUse) check(fe *apperr.Fields) {
	u.ScriptID = strings.TrimSpace(u.ScriptID)
	switch {
	case u.ScriptID == "" && u.ScriptRevision != 0:
		fe.Add("scriptId", "required")
	case u.ScriptID != "" && u.ScriptRevision < 1:
		fe.Add("scriptRevision", "required")
	case u.ScriptID != "":
		fe.Line("scriptId", u.ScriptID, MaxShort)
	}
}

// Research is a note from interviews, site visits or documents.
type Research struct {
	Method       string `json:"method"` // interview, site_visit, document, other
	On           string `json:"on"`     // YYYY-MM-DD
	Participants string `json:"participants"`
	Summary      string `json:"summary"`
}

// SubRequirement is one part of the breakdown; ParentID of the record makes
// the tree, DependsOn names sibling records.
type SubRequirement struct {
	Title     string   `json:"title"`
	Owner     string   `json:"owner"`
	Milestone string   `json:"milestone"` // YYYY-MM-DD
	Status    string   `json:"status"`    // open, done
	DependsOn []string `json:"dependsOn"`
	Notes     string   `json:"notes"`
}

// Analysis holds the scores and the analysis confirmation letter.
type Analysis struct {
	CustomerValue    int     `json:"customerValue"` // 1-5
	BusinessValue    int     `json:"businessValue"` // 1-5
	CostDays         float64 `json:"costDays"`
	CostMoney        float64 `json:"costMoney"`
	Difficulty       string  `json:"difficulty"` // low, medium, high
	Horizon          string  `json:"horizon"`    // immediate, short, long (立即/短期/长期)
	Generality       string  `json:"generality"` // general, particular
	NoBreakdown      bool    `json:"noBreakdown"`
	CoreNeeds        string  `json:"coreNeeds"`
	KeyPoints        string  `json:"keyPoints"`
	ExpectedDelivery string  `json:"expectedDelivery"` // YYYY-MM-DD
	SignedBy         string  `json:"signedBy"`
	SignedOn         string  `json:"signedOn"`
}

// Quadrant is the analysis' place among the four quadrants (四象限).
func (a Analysis) Quadrant() string {
	important := a.CustomerValue >= 4 || a.BusinessValue >= 4
	urgent := a.Horizon == "immediate"
	switch {
	case a.CustomerValue == 0 && a.BusinessValue == 0 && a.Horizon == "":
		return ""
	case urgent && important:
		return "urgent_important"
	case important:
		return "important_not_urgent"
	case urgent:
		return "urgent_not_important"
	}
	return "neither"
}

// Plan is one version of the service plan (服务方案书).
type Plan struct {
	VersionNo          int      `json:"versionNo"`
	Goals              string   `json:"goals"`
	Content            string   `json:"content"`
	PeriodStart        string   `json:"periodStart"`
	PeriodEnd          string   `json:"periodEnd"`
	People             string   `json:"people"`
	Technology         string   `json:"technology"`
	Cost               float64  `json:"cost"`
	Deliverables       string   `json:"deliverables"`
	AcceptanceCriteria string   `json:"acceptanceCriteria"`
	Risks              string   `json:"risks"`
	ExecutionPlan      string   `json:"executionPlan"`
	RequiredReviews    []string `json:"requiredReviews"` // departments whose opinion is required
	Superseded         bool     `json:"superseded"`
	ApprovedBy         string   `json:"approvedBy"`
	ApprovedAt         string   `json:"approvedAt"`
	SignedBy           string   `json:"signedBy"`
	SignedOn           string   `json:"signedOn"`
}

// PlanEssentials are the parts every plan must state before review, by
// their field names.
var PlanEssentials = []string{"goals", "content", "deliverables", "acceptanceCriteria"}

var planFieldNames = map[string]string{
	"goals": "服务目标", "content": "服务内容", "deliverables": "交付物", "acceptanceCriteria": "验收标准",
}

// Missing lists the essentials (see PlanEssentials) the plan leaves empty.
func (p Plan) Missing() []string {
	var out []string
	for _, f := range []struct {
		name, v string
	}{{"goals", p.Goals}, {"content", p.Content}, {"deliverables", p.Deliverables}, {"acceptanceCriteria", p.AcceptanceCriteria}} {
		if f.v == "" {
			out = append(out, f.name)
		}
	}
	return out
}

// PlanFieldTerm is a field of the plan inside a message, named by the UI.
func PlanFieldTerm(field string) apperr.Term {
	name, ok := planFieldNames[field]
	if !ok {
		name = field
	}
	return apperr.Term{Kind: "fields.plan", Code: field, Name: name}
}

// Review is one department's opinion on a plan version (parent: the plan).
type Review struct {
	Department string `json:"department"`
	Reviewer   string `json:"reviewer"`
	Opinion    string `json:"opinion"`
	Result     string `json:"result"` // pass, revise, reject
	On         string `json:"on"`
	// OnBehalf says the person recording the review is not the reviewer
	// but types in the reviewer's opinion (given on paper, by phone); the
	// record's CreatedBy names who did.
	OnBehalf bool `json:"onBehalf"`
}

// TeamMember is a member of the service team.
type TeamMember struct {
	Name   string `json:"name"`
	Role   string `json:"role"` // lead, member
	Duties string `json:"duties"`
}

// Task is an implementation task.
type Task struct {
	Title     string   `json:"title"`
	Owner     string   `json:"owner"`
	Start     string   `json:"start"`
	Due       string   `json:"due"`
	Standard  string   `json:"standard"` // deliverable standard
	Status    string   `json:"status"`   // todo, doing, done, cancelled
	Percent   int      `json:"percent"`
	DependsOn []string `json:"dependsOn"`
}

// Open reports whether the task still has to be done: it is open unless
// done or cancelled.
func (t Task) Open() bool { return OpenTask(t.Status) }

// Progress is a progress update or weekly meeting minutes.
type Progress struct {
	Type      string `json:"type"` // update, meeting
	On        string `json:"on"`
	Attendees string `json:"attendees"`
	Summary   string `json:"summary"`
	ScriptUse
}

// Exception records a delay, change request, resource shortage or other
// exception, in writing, with cause and handling.
type Exception struct {
	Type       string `json:"type"` // delay, change_request, resource_shortage, other
	On         string `json:"on"`
	Cause      string `json:"cause"`
	Handling   string `json:"handling"`
	Result     string `json:"result"`
	Impact     string `json:"impact"`     // change requests
	ApprovedBy string `json:"approvedBy"` // change requests
}

// Delivery is what was delivered and the customer's acceptance (交付验收单).
type Delivery struct {
	Items          string `json:"items"`
	DeliveredOn    string `json:"deliveredOn"`
	AcceptedOn     string `json:"acceptedOn"`
	Representative string `json:"representative"`
	Accepted       *bool  `json:"accepted"` // nil until the customer decides
	Remarks        string `json:"remarks"`
}

// Feedback is the satisfaction survey, or why none could be obtained.
type Feedback struct {
	Obtained      bool   `json:"obtained"`
	Reason        string `json:"reason"` // when not obtained
	Timeliness    int    `json:"timeliness"`
	Effectiveness int    `json:"effectiveness"`
	Attitude      int    `json:"attitude"`
	Overall       int    `json:"overall"`
	Solved        bool   `json:"solved"`
	NewNeeds      string `json:"newNeeds"`
	Comments      string `json:"comments"`
	Method        string `json:"method"` // phone, questionnaire, paper, onsite, other
	On            string `json:"on"`
	// SignedBy and SignedOn record the customer's signature on the filled
	// 满意度调查表, confirming these scores.
	SignedBy string `json:"signedBy"`
	SignedOn string `json:"signedOn"`
	ScriptUse
}

// ResultNote is the short path's result note (处理结果说明).
type ResultNote struct {
	Process  string `json:"process"`
	Result   string `json:"result"`
	Advice   string `json:"advice"`
	Handler  string `json:"handler"`
	ResultOn string `json:"resultOn"`
	ScriptUse
}

// Retrospective records what went well and the lessons (复盘).
type Retrospective struct {
	WentWell string `json:"wentWell"`
	Lessons  string `json:"lessons"`
}

// Emergency records how an emergency was handled (办法 003): the meeting the
// response-group leader called, the emergency plan, the resources used
// (spare equipment, materials, experts) and the progress reported to the
// customer until it was solved.
type Emergency struct {
	MeetingAt    time.Time `json:"meetingAt,omitzero"`
	Leader       string    `json:"leader"`
	Participants string    `json:"participants"`
	Plan         string    `json:"plan"`
	Resources    string    `json:"resources"`
	Progress     string    `json:"progress"`
	SolvedAt     time.Time `json:"solvedAt,omitzero"`
}

// Singleton reports whether a request has at most one record of kind.
func (k RecordKind) Singleton() bool {
	return k == KindAnalysis || k == KindResultNote || k == KindRetrospective
}

// ParentKind is the kind a record's parent must have ("" for none; a
// sub-requirement's parent is optional).
func (k RecordKind) ParentKind() RecordKind {
	switch k {
	case KindReview:
		return KindPlan
	case KindSubRequirement:
		return KindSubRequirement
	}
	return ""
}

// RecordCheck is what a record is checked against besides its own fields:
// when its dates can lie, who may be named in it, and who records it.
type RecordCheck struct {
	Span  Span
	Staff Staff
	Actor string
}

// DecodeBody parses and checks a record body of the given kind and returns
// it normalized (re-encoded from its struct, so unknown fields are gone).
func DecodeBody(kind RecordKind, raw json.RawMessage, rc RecordCheck) (any, json.RawMessage, error) {
	v, ok := NewBody(kind)
	if !ok {
		return nil, nil, apperr.New(apperr.Invalid, "record_kind_unknown", apperr.P{"kind": string(kind)})
	}
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	raw = dropEmpty(raw)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return nil, nil, apperr.New(apperr.Invalid, "record_body_invalid", apperr.P{"detail": err.Error()})
	}
	var fe apperr.Fields
	validateBody(&fe, v)
	checkContext(&fe, v, rc)
	if err := fe.Err(); err != nil {
		return nil, nil, err
	}
	out, err := json.Marshal(v)
	return v, out, err
}

// validateBody trims a body's text fields and checks them.
func validateBody(fe *apperr.Fields, v any) {
	switch b := v.(type) {
	case *Communication:
		b.Channel, b.With, b.Summary, b.NextStep = trim(b.Channel), trim(b.With), trim(b.Summary), trim(b.NextStep)
		if b.At.IsZero() {
			fe.Add("at", "required")
		}
		fe.Required("summary", b.Summary, MaxText)
		fe.Line("with", b.With, MaxShort)
		fe.MaxLen("nextStep", b.NextStep, MaxText)
		b.ScriptUse.check(fe)
		validateWait(fe, b.WaitSeconds)
	case *Handover:
		validateHandover(fe, b)
	case *Research:
		oneOf(fe, "method", b.Method, true, "interview", "site_visit", "document", "other")
		date(fe, "on", &b.On, true)
		fe.Required("summary", trimp(&b.Summary), MaxLong)
		fe.Line("participants", trimp(&b.Participants), MaxShort*2)
	case *SubRequirement:
		fe.RequiredLine("title", trimp(&b.Title), MaxTitle)
		fe.Line("owner", trimp(&b.Owner), MaxShort)
		date(fe, "milestone", &b.Milestone, false)
		if b.Status == "" {
			b.Status = "open"
		}
		oneOf(fe, "status", b.Status, true, "open", "done")
		fe.MaxLen("notes", trimp(&b.Notes), MaxText)
	case *Analysis:
		score(fe, "customerValue", b.CustomerValue)
		score(fe, "businessValue", b.BusinessValue)
		if b.CostDays < 0 || b.CostDays > 100000 {
			fe.Range("costDays", 0, 100000)
		}
		if b.CostMoney < 0 || b.CostMoney > 1e12 {
			fe.Range("costMoney", 0, 1e12)
		}
		oneOf(fe, "difficulty", b.Difficulty, false, "low", "medium", "high")
		oneOf(fe, "horizon", b.Horizon, false, "immediate", "short", "long")
		oneOf(fe, "generality", b.Generality, false, "general", "particular")
		fe.MaxLen("coreNeeds", trimp(&b.CoreNeeds), MaxText)
		fe.MaxLen("keyPoints", trimp(&b.KeyPoints), MaxText)
		date(fe, "expectedDelivery", &b.ExpectedDelivery, false)
		fe.Line("signedBy", trimp(&b.SignedBy), MaxShort)
		date(fe, "signedOn", &b.SignedOn, false)
		if (b.SignedBy == "") != (b.SignedOn == "") {
			fe.Add("signedOn", "signature_incomplete")
		}
	case *Plan:
		for _, f := range []struct {
			name string
			p    *string
		}{{"goals", &b.Goals}, {"content", &b.Content}, {"people", &b.People}, {"technology", &b.Technology},
			{"deliverables", &b.Deliverables}, {"acceptanceCriteria", &b.AcceptanceCriteria}, {"risks", &b.Risks}} {
			fe.MaxLen(f.name, trimp(f.p), MaxText)
		}
		fe.MaxLen("executionPlan", trimp(&b.ExecutionPlan), MaxLong)
		date(fe, "periodStart", &b.PeriodStart, false)
		date(fe, "periodEnd", &b.PeriodEnd, false)
		if b.PeriodStart != "" && b.PeriodEnd != "" && b.PeriodEnd < b.PeriodStart {
			fe.Add("periodEnd", "before_start")
		}
		if b.Cost < 0 || b.Cost > 1e12 {
			fe.Range("cost", 0, 1e12)
		}
		fe.Line("signedBy", trimp(&b.SignedBy), MaxShort)
		date(fe, "signedOn", &b.SignedOn, false)
		if (b.SignedBy == "") != (b.SignedOn == "") {
			fe.Add("signedOn", "signature_incomplete")
		}
	case *Review:
		fe.RequiredLine("department", trimp(&b.Department), MaxShort)
		fe.RequiredLine("reviewer", trimp(&b.Reviewer), MaxShort)
		fe.MaxLen("opinion", trimp(&b.Opinion), MaxText)
		oneOf(fe, "result", b.Result, true, "pass", "revise", "reject")
		if b.Result != "pass" && b.Opinion == "" {
			fe.Add("opinion", "required")
		}
		date(fe, "on", &b.On, true)
	case *TeamMember:
		fe.RequiredLine("name", trimp(&b.Name), MaxShort)
		oneOf(fe, "role", b.Role, true, "lead", "member")
		fe.MaxLen("duties", trimp(&b.Duties), MaxText)
	case *Task:
		fe.RequiredLine("title", trimp(&b.Title), MaxTitle)
		fe.RequiredLine("owner", trimp(&b.Owner), MaxShort)
		date(fe, "start", &b.Start, false)
		date(fe, "due", &b.Due, false)
		if b.Start != "" && b.Due != "" && b.Due < b.Start {
			fe.Add("due", "before_start")
		}
		fe.MaxLen("standard", trimp(&b.Standard), MaxText)
		if b.Status == "" {
			b.Status = "todo"
		}
		oneOf(fe, "status", b.Status, true, "todo", "doing", "done", "cancelled")
		if b.Percent < 0 || b.Percent > 100 {
			fe.Range("percent", 0, 100)
		}
		if b.Status == "done" {
			b.Percent = 100
		}
	case *Progress:
		oneOf(fe, "type", b.Type, true, "update", "meeting")
		date(fe, "on", &b.On, true)
		fe.Required("summary", trimp(&b.Summary), MaxLong)
		fe.Line("attendees", trimp(&b.Attendees), MaxShort*2)
		b.ScriptUse.check(fe)
	case *Exception:
		oneOf(fe, "type", b.Type, true, "delay", "change_request", "resource_shortage", "other")
		date(fe, "on", &b.On, true)
		fe.Required("cause", trimp(&b.Cause), MaxText)
		fe.MaxLen("handling", trimp(&b.Handling), MaxText)
		fe.MaxLen("result", trimp(&b.Result), MaxText)
		fe.MaxLen("impact", trimp(&b.Impact), MaxText)
		fe.Line("approvedBy", trimp(&b.ApprovedBy), MaxShort)
	case *Delivery:
		fe.Required("items", trimp(&b.Items), MaxText)
		date(fe, "deliveredOn", &b.DeliveredOn, true)
		date(fe, "acceptedOn", &b.AcceptedOn, false)
		fe.Line("representative", trimp(&b.Representative), MaxShort)
		fe.MaxLen("remarks", trimp(&b.Remarks), MaxText)
		if b.Accepted != nil && (b.Representative == "" || b.AcceptedOn == "") {
			fe.Add("representative", "signature_incomplete")
		}
	case *Feedback:
		date(fe, "on", &b.On, true)
		b.ScriptUse.check(fe)
		if !b.Obtained {
			fe.Required("reason", trimp(&b.Reason), MaxText)
			break
		}
		for _, s := range []struct {
			name string
			v    int
		}{{"timeliness", b.Timeliness}, {"effectiveness", b.Effectiveness}, {"attitude", b.Attitude}, {"overall", b.Overall}} {
			if s.v < 1 || s.v > 5 {
				fe.Add(s.name, "score_required")
			}
		}
		oneOf(fe, "method", b.Method, true, "phone", "questionnaire", "paper", "onsite", "other")
		fe.MaxLen("comments", trimp(&b.Comments), MaxText)
		fe.MaxLen("newNeeds", trimp(&b.NewNeeds), MaxText)
		fe.MaxLen("signedBy", trimp(&b.SignedBy), MaxShort)
		date(fe, "signedOn", &b.SignedOn, false)
		if (b.SignedBy == "") != (b.SignedOn == "") {
			fe.Add("signedOn", "signature_incomplete")
		}
	case *ResultNote:
		fe.Required("result", trimp(&b.Result), MaxLong)
		fe.MaxLen("process", trimp(&b.Process), MaxLong)
		fe.MaxLen("advice", trimp(&b.Advice), MaxText)
		fe.Line("handler", trimp(&b.Handler), MaxShort)
		b.ScriptUse.check(fe)
		date(fe, "resultOn", &b.ResultOn, false)
	case *Retrospective:
		fe.MaxLen("wentWell", trimp(&b.WentWell), MaxText)
		fe.MaxLen("lessons", trimp(&b.Lessons), MaxText)
	case *Emergency:
		if b.MeetingAt.IsZero() {
			fe.Add("meetingAt", "required")
		}
		fe.RequiredLine("leader", trimp(&b.Leader), MaxShort)
		fe.Line("participants", trimp(&b.Participants), MaxShort*2)
		fe.Required("plan", trimp(&b.Plan), MaxLong)
		fe.MaxLen("resources", trimp(&b.Resources), MaxText)
		fe.MaxLen("progress", trimp(&b.Progress), MaxLong)
		if !b.SolvedAt.IsZero() && b.SolvedAt.Before(b.MeetingAt) {
			fe.Add("solvedAt", "before_start")
		}
	}
}

// checkContext applies the rules that need more than the body: the dates a
// person enters lie between the request's receipt and now, days planned
// ahead not before the receipt, and a review is given by a reviewer of its
// department. Fields already found wrong are not checked again.
func checkContext(fe *apperr.Fields, v any, rc RecordCheck) {
	day := func(field, d string) {
		if !fe.Has(field) {
			rc.Span.CheckDay(fe, field, d)
		}
	}
	planned := func(field, d string) {
		if !fe.Has(field) {
			rc.Span.CheckPlanned(fe, field, d)
		}
	}
	switch b := v.(type) {
	case *Communication:
		rc.Span.CheckTime(fe, "at", b.At)
	case *Research:
		day("on", b.On)
	case *SubRequirement:
		planned("milestone", b.Milestone)
	case *Analysis:
		planned("expectedDelivery", b.ExpectedDelivery)
		day("signedOn", b.SignedOn)
	case *Plan:
		planned("periodStart", b.PeriodStart)
		planned("periodEnd", b.PeriodEnd)
		day("signedOn", b.SignedOn)
	case *Review:
		day("on", b.On)
		rc.Staff.CheckReview(fe, *b, rc.Actor)
	case *Task:
		planned("start", b.Start)
		planned("due", b.Due)
	case *Progress:
		day("on", b.On)
	case *Exception:
		day("on", b.On)
	case *Delivery:
		day("deliveredOn", b.DeliveredOn)
		day("acceptedOn", b.AcceptedOn)
	case *Feedback:
		day("on", b.On)
	case *ResultNote:
		day("resultOn", b.ResultOn)
	case *Handover:
		rc.Span.CheckTime(fe, "at", b.At)
	case *Emergency:
		rc.Span.CheckTime(fe, "meetingAt", b.MeetingAt)
		rc.Span.CheckTime(fe, "solvedAt", b.SolvedAt)
	}
}

func trim(s string) string { return strings.TrimSpace(s) }

func trimp(p *string) string {
	*p = strings.TrimSpace(*p)
	return *p
}

func oneOf(fe *apperr.Fields, field, v string, required bool, allowed ...string) {
	if v == "" {
		if required {
			fe.Add(field, "required")
		}
		return
	}
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	fe.Add(field, "not_in_list")
}

func score(fe *apperr.Fields, field string, v int) {
	if v != 0 && (v < 1 || v > 5) {
		fe.Range(field, 1, 5)
	}
}

// date checks a YYYY-MM-DD date field, accepting an RFC 3339 time too (and
// keeping only its local date).
func date(fe *apperr.Fields, field string, p *string, required bool) {
	*p = strings.TrimSpace(*p)
	if *p == "" {
		if required {
			fe.Add(field, "required")
		}
		return
	}
	if t, err := time.Parse(time.RFC3339, *p); err == nil {
		*p = t.In(time.Local).Format("2006-01-02")
	}
	t, err := time.Parse("2006-01-02", *p)
	switch {
	case err != nil || !utf8.ValidString(*p):
		fe.Add(field, "date_invalid")
	case t.Year() < 2000 || t.Year() > 2100:
		fe.Add(field, "date_out_of_range")
	}
}

// dropEmpty removes the keys whose value is "" or null, so that an empty
// form field reads as absent (a time left blank is then "required", not a
// parse error).
func dropEmpty(raw json.RawMessage) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return raw // the decoder reports it
	}
	for k, v := range m {
		if s := string(v); s == `""` || s == "null" {
			delete(m, k)
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return raw
	}
	return out
}
