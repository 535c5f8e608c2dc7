package sla

import (
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Kind names one of the process's time limits.
type Kind string

// The time limits of DOMAIN.md, each measured from one moment to another.
const (
	KindRecord         Kind = "record"          // 登记: received → recorded
	KindClassify       Kind = "classify"        // 分类: received → classified
	KindStart          Kind = "start"           // 开始处理: assigned → handling started
	KindRespond        Kind = "respond"         // 首次响应: received → first response to the customer
	KindResolve        Kind = "resolve"         // 解决: received → resolved (result note or delivery)
	KindResultFeedback Kind = "result_feedback" // 结果反馈: resolved → result given to the customer
	KindProgress       Kind = "progress"        // 进度更新: while handling runs long, an update at least every so often
	KindSurvey         Kind = "survey"          // 满意度回访: handed over → feedback recorded

	// The channel and cross-department limits of plan 004 (ChannelLimits),
	// and a complaint's own (办法 003).
	KindChannelRespond  Kind = "channel_respond"  // 渠道首次响应: received → first response, by channel
	KindPhoneAnswer     Kind = "phone_answer"     // 电话接听: the call rang → picked up
	KindHandover        Kind = "handover"         // 转交部门: received → handed to the department
	KindHandoverAnswer  Kind = "handover_answer"  // 转交后答复: handed over → the customer answered
	KindComplaintAccept Kind = "complaint_accept" // 投诉受理: complaint registered → investigation taken up
	KindComplaintAnswer Kind = "complaint_answer" // 投诉答复: investigation taken up → the customer answered
)

// Name is the kind's Chinese name, for messages and records.
func (k Kind) Name() string {
	switch k {
	case KindRecord:
		return "登记"
	case KindClassify:
		return "分类"
	case KindStart:
		return "开始处理"
	case KindRespond:
		return "首次响应"
	case KindResolve:
		return "解决"
	case KindResultFeedback:
		return "结果反馈"
	case KindProgress:
		return "进度更新"
	case KindSurvey:
		return "满意度回访"
	case KindChannelRespond:
		return "渠道首次响应"
	case KindPhoneAnswer:
		return "电话接听"
	case KindHandover:
		return "转交部门"
	case KindHandoverAnswer:
		return "转交后答复"
	case KindComplaintAccept:
		return "投诉受理"
	case KindComplaintAnswer:
		return "投诉答复"
	}
	return string(k)
}

// Kinds lists every kind in the order a request meets them.
var Kinds = []Kind{KindRecord, KindClassify, KindRespond, KindChannelRespond, KindPhoneAnswer, KindHandover,
	KindHandoverAnswer, KindStart, KindProgress, KindResolve, KindResultFeedback, KindSurvey, KindComplaintAccept,
	KindComplaintAnswer}

// Independent reports whether a clock of kind k runs on its own after the
// request closed: a complaint comes after the request was handled, often
// after it was archived.
func (k Kind) Independent() bool { return k == KindComplaintAccept || k == KindComplaintAnswer }

// Policy is the set of time limits for requests of one urgency, optionally
// narrowed to one type or channel. A limit with an empty unit is off.
type Policy struct {
	ID             string `json:"id"`
	Urgency        string `json:"urgency"`
	Type           string `json:"type"`    // "" for every type
	Channel        string `json:"channel"` // "" for every channel
	Record         Limit  `json:"record"`
	Classify       Limit  `json:"classify"`
	Start          Limit  `json:"start"`
	Respond        Limit  `json:"respond"`
	Resolve        Limit  `json:"resolve"`
	ResultFeedback Limit  `json:"resultFeedback"`
	ProgressEvery  Limit  `json:"progressEvery"`
	// ProgressAfter is how long handling must run before progress updates
	// are owed.
	ProgressAfter Limit `json:"progressAfter"`
	Survey        Limit `json:"survey"`
	// PauseWhileWaiting stops the resolve clock while the request waits for
	// the customer or is on hold.
	PauseWhileWaiting bool      `json:"pauseWhileWaiting"`
	UpdatedAt         time.Time `json:"updatedAt"`
	Version           int64     `json:"version"`
}

// Limit returns the policy's limit of kind (progress: the interval).
func (p Policy) Limit(k Kind) Limit {
	switch k {
	case KindRecord:
		return p.Record
	case KindClassify:
		return p.Classify
	case KindStart:
		return p.Start
	case KindRespond:
		return p.Respond
	case KindResolve:
		return p.Resolve
	case KindResultFeedback:
		return p.ResultFeedback
	case KindProgress:
		return p.ProgressEvery
	case KindSurvey:
		return p.Survey
	}
	return Limit{}
}

// Off reports whether the limit is switched off.
func (l Limit) Off() bool { return l.Unit == "" }

// Validate checks every limit that is on, naming the policy's fields, and
// what the policy applies to: one of urgencies, and a type and a channel
// (when narrowed to one) of the word lists.
func (p Policy) Validate(urgencies []string, lists vocab.Lists) error {
	var fe apperr.Fields
	switch {
	case strings.TrimSpace(p.Urgency) == "":
		fe.Add("urgency", "required")
	case !slices.Contains(urgencies, p.Urgency):
		fe.Add("urgency", "not_in_list")
	}
	for _, f := range []struct{ name, kind, v string }{{"type", vocab.KindType, p.Type}, {"channel", vocab.KindChannel, p.Channel}} {
		if f.v == "" {
			continue
		}
		if found, _ := lists.Lookup(f.kind, f.v); !found {
			fe.Add(f.name, "not_in_list")
		}
	}
	for _, f := range []struct {
		name string
		l    Limit
	}{{"record", p.Record}, {"classify", p.Classify}, {"start", p.Start}, {"respond", p.Respond},
		{"resolve", p.Resolve}, {"resultFeedback", p.ResultFeedback}, {"progressEvery", p.ProgressEvery},
		{"progressAfter", p.ProgressAfter}, {"survey", p.Survey}} {
		if f.l.Off() {
			continue
		}
		var lf apperr.Fields
		f.l.validate(&lf)
		if e, ok := apperr.As(lf.Err()); ok {
			for _, x := range e.Fields {
				fe.AddParams(f.name+"."+x.Field, x.Key, x.Params)
			}
		}
	}
	if !p.ProgressEvery.Off() && p.ProgressEvery.Amount == 0 {
		fe.AddParams("progressEvery.amount", "out_of_range", map[string]any{"min": 1})
	}
	return fe.Err()
}

// Specificity ranks how narrowly a policy applies: one naming a type or a
// channel wins over the urgency's general policy.
func (p Policy) Specificity() int {
	n := 0
	if p.Type != "" {
		n += 2
	}
	if p.Channel != "" {
		n++
	}
	return n
}

// Pick returns the most specific policy that applies to a request of the
// given urgency, type and channel, and false when none does.
func Pick(policies []Policy, urgency, typ, channel string) (Policy, bool) {
	best, found := Policy{}, false
	for _, p := range policies {
		if p.Urgency != urgency || (p.Type != "" && p.Type != typ) || (p.Channel != "" && p.Channel != channel) {
			continue
		}
		if !found || p.Specificity() > best.Specificity() {
			best, found = p, true
		}
	}
	return best, found
}

// DefaultPolicies are the documents' numbers (manual 001, template 000):
// record in 5 minutes, classify in 30, result feedback 2 hours after
// completion, a progress update every 24 hours once handling exceeds 2
// hours, the satisfaction survey within 3 working days; per urgency the start
// of handling, the first response and the resolution. 紧急 responds at once,
// counted here as the 10 minutes it has to start. 潜在 needs follow the
// routine 一般 limits.
func DefaultPolicies() []Policy {
	m := func(n int) Limit { return Limit{Amount: n, Unit: UnitMinutes, Clock: Clock24x7} }
	h := func(n int) Limit { return Limit{Amount: n, Unit: UnitHours, Clock: Clock24x7} }
	wh := func(n int) Limit { return Limit{Amount: n, Unit: UnitHours, Clock: ClockWorking} }
	wd := func(n int) Limit { return Limit{Amount: n, Unit: UnitDays, Clock: ClockWorking} }
	base := Policy{Record: m(5), Classify: m(30), ResultFeedback: h(2), ProgressEvery: h(24), ProgressAfter: h(2),
		Survey: wd(3), PauseWhileWaiting: true}
	urgent, important, normal, potential := base, base, base, base
	urgent.Urgency, urgent.Start, urgent.Respond, urgent.Resolve = "urgent", m(10), m(10), h(4)
	important.Urgency, important.Start, important.Respond, important.Resolve = "important", h(1), h(4), h(24)
	normal.Urgency, normal.Start, normal.Respond, normal.Resolve = "normal", wh(2), wh(8), wd(3)
	potential = normal
	potential.Urgency = "potential"
	return []Policy{urgent, important, normal, potential}
}
