package request

import (
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// The records of plan 004's channel rules and 办法 003's complaints.
const (
	KindHandover  RecordKind = "handover"  // 转交记录: a problem outside customer service handed to its department
	KindComplaint RecordKind = "complaint" // 投诉 (办法 003): kept only through the complaint commands
)

// Handover records that a problem outside customer service was handed to
// the department that handles it (plan 004: within 1 hour; the customer
// answered within 24 hours of it).
type Handover struct {
	At         time.Time `json:"at"`
	Department string    `json:"department"`
	Receiver   string    `json:"receiver"`
	Note       string    `json:"note"`
}

// Complaint statuses, in the order a complaint meets them.
const (
	ComplaintRegistered    = "registered"    // 已登记
	ComplaintInvestigating = "investigating" // 调查中
	ComplaintAnswered      = "answered"      // 已答复
	ComplaintClosed        = "closed"        // 已结案
)

// ComplaintCauses are what a complaint can be about.
var ComplaintCauses = []string{"attitude", "timeliness", "quality", "communication", "other"}

// Complaint is a customer's complaint about how a request was handled (办法
// 003): registered against the request, investigated (findings, who was
// responsible, measures), answered to the customer, and closed with the
// customer's reaction.
type Complaint struct {
	ReceivedAt  time.Time `json:"receivedAt"`
	Channel     string    `json:"channel"`
	Complainant string    `json:"complainant"`
	Cause       string    `json:"cause"`
	Content     string    `json:"content"`
	Status      string    `json:"status"`
	// Investigation.
	Investigator string    `json:"investigator"`
	AcceptedAt   time.Time `json:"acceptedAt,omitzero"`
	Findings     string    `json:"findings"`
	Responsible  string    `json:"responsible"`
	Measures     string    `json:"measures"`
	// The answer to the customer.
	Answer     string    `json:"answer"`
	AnsweredAt time.Time `json:"answeredAt,omitzero"`
	AnsweredBy string    `json:"answeredBy"`
	// Closing: whether the customer accepted the answer, and a note.
	Accepted    *bool     `json:"accepted,omitempty"`
	ClosedAt    time.Time `json:"closedAt,omitzero"`
	ClosingNote string    `json:"closingNote"`
}

// ComplaintInput is what a person enters at a complaint's step: the
// registration's fields (register), the investigator (accept), the
// findings, responsible, measures and answer (answer), the customer's
// reaction (close, reinvestigate: the note says why).
type ComplaintInput struct {
	ReceivedAt   time.Time `json:"receivedAt"`
	Channel      string    `json:"channel"`
	Complainant  string    `json:"complainant"`
	Cause        string    `json:"cause"`
	Content      string    `json:"content"`
	Investigator string    `json:"investigator"`
	Findings     string    `json:"findings"`
	Responsible  string    `json:"responsible"`
	Measures     string    `json:"measures"`
	Answer       string    `json:"answer"`
	AnsweredAt   time.Time `json:"answeredAt"`
	Accepted     *bool     `json:"accepted"`
	Note         string    `json:"note"`
}

// Complaint actions.
const (
	ComplaintAccept        = "accept"        // 受理调查
	ComplaintAnswer        = "answer"        // 答复客户
	ComplaintClose         = "close"         // 结案
	ComplaintReinvestigate = "reinvestigate" // 客户不接受答复，重新调查
)

// ComplaintContext is what the complaint rules read besides the input: the
// request complained about, the people who may be named, who acts, now and
// the company's zone.
type ComplaintContext struct {
	Request Request
	Staff   Staff
	Actor   string
	Now     time.Time
	Zone    *time.Location
}

func (c ComplaintContext) span() Span {
	return EnteredSpan(c.Request.Fields.ReceivedAt, c.Now).In(c.Zone)
}

// RegisterComplaint checks a new complaint against the request it is about
// and returns its body: when the customer complained (not before the
// request came, not ahead of now), the channel, who complained, what about
// (a cause of ComplaintCauses) and what they said. Any request may be
// complained about, an archived one too.
func RegisterComplaint(in ComplaintInput, c ComplaintContext) (Complaint, error) {
	var fe apperr.Fields
	out := Complaint{ReceivedAt: in.ReceivedAt, Channel: trim(in.Channel), Complainant: trim(in.Complainant),
		Cause: trim(in.Cause), Content: trim(in.Content), Status: ComplaintRegistered}
	if out.ReceivedAt.IsZero() {
		fe.Add("receivedAt", "required")
	}
	c.span().CheckTime(&fe, "receivedAt", out.ReceivedAt)
	fe.Line("channel", out.Channel, MaxShort)
	fe.RequiredLine("complainant", out.Complainant, MaxShort)
	oneOf(&fe, "cause", out.Cause, true, ComplaintCauses...)
	fe.Required("content", out.Content, MaxText)
	return out, fe.Err()
}

// StepComplaint decides a complaint's step: accept (registered →
// investigating: an active person of the list investigates, from now),
// answer (investigating → answered: findings, who was responsible, the
// measures and the answer, told to the customer at AnsweredAt, by default
// now, not before the investigation was taken up), close (answered →
// closed: whether the customer accepted the answer; a note required when
// not) and reinvestigate (answered → investigating, with why). It returns
// the complaint as it becomes; a step the status does not allow is refused
// naming the status.
func StepComplaint(cur Complaint, action string, in ComplaintInput, c ComplaintContext) (Complaint, error) {
	allowed := map[string]string{ComplaintAccept: ComplaintRegistered, ComplaintAnswer: ComplaintInvestigating,
		ComplaintClose: ComplaintAnswered, ComplaintReinvestigate: ComplaintAnswered}
	from, ok := allowed[action]
	if !ok {
		return cur, apperr.New(apperr.Invalid, "complaint_action_unknown", apperr.P{"action": action})
	}
	if cur.Status != from {
		return cur, apperr.New(apperr.Conflict, "complaint_step_refused",
			apperr.P{"status": apperr.Term{Kind: "complaint.status", Code: cur.Status, Name: ComplaintStatusName(cur.Status)},
				"action": apperr.Term{Kind: "complaint.action", Code: action, Name: ComplaintActionName(action)}})
	}
	var fe apperr.Fields
	out := cur
	switch action {
	case ComplaintAccept:
		out.Investigator = trim(in.Investigator)
		fe.RequiredLine("investigator", out.Investigator, MaxShort)
		c.Staff.CheckPerson(&fe, "investigator", out.Investigator, "", true)
		out.AcceptedAt, out.Status = c.Now, ComplaintInvestigating
	case ComplaintAnswer:
		out.Findings, out.Responsible, out.Measures, out.Answer = trim(in.Findings), trim(in.Responsible), trim(in.Measures), trim(in.Answer)
		fe.Required("findings", out.Findings, MaxText)
		fe.RequiredLine("responsible", out.Responsible, MaxShort)
		fe.Required("measures", out.Measures, MaxText)
		fe.Required("answer", out.Answer, MaxText)
		out.AnsweredAt = in.AnsweredAt
		if out.AnsweredAt.IsZero() {
			out.AnsweredAt = c.Now
		}
		c.span().CheckTime(&fe, "answeredAt", out.AnsweredAt)
		if !fe.Has("answeredAt") && out.AnsweredAt.Before(cur.AcceptedAt.Add(-ClockSkew)) {
			fe.Add("answeredAt", "before_start")
		}
		out.AnsweredBy, out.Status = c.Actor, ComplaintAnswered
	case ComplaintClose:
		out.Accepted, out.ClosingNote = in.Accepted, trim(in.Note)
		if out.Accepted == nil {
			fe.Add("accepted", "required")
		} else if !*out.Accepted && out.ClosingNote == "" {
			fe.Add("note", "required")
		}
		fe.MaxLen("note", out.ClosingNote, MaxText)
		out.ClosedAt, out.Status = c.Now, ComplaintClosed
	case ComplaintReinvestigate:
		note := trim(in.Note)
		fe.Required("note", note, MaxText)
		// The answer stands in the history; the new one replaces it.
		out.ClosingNote, out.Answer, out.AnsweredAt, out.AnsweredBy = note, "", time.Time{}, ""
		out.Status = ComplaintInvestigating
	}
	return out, fe.Err()
}

// ComplaintStatusName is a status's Chinese name.
func ComplaintStatusName(s string) string {
	return map[string]string{ComplaintRegistered: "已登记", ComplaintInvestigating: "调查中",
		ComplaintAnswered: "已答复", ComplaintClosed: "已结案"}[s]
}

// ComplaintActionName is an action's Chinese name.
func ComplaintActionName(a string) string {
	return map[string]string{ComplaintAccept: "受理调查", ComplaintAnswer: "答复客户", ComplaintClose: "结案",
		ComplaintReinvestigate: "重新调查"}[a]
}

// Open reports whether a complaint is not closed yet.
func (c Complaint) Open() bool { return c.Status != ComplaintClosed }

// validateHandover checks a hand-over's fields.
func validateHandover(fe *apperr.Fields, b *Handover) {
	if b.At.IsZero() {
		fe.Add("at", "required")
	}
	fe.RequiredLine("department", trimp(&b.Department), MaxShort)
	fe.Line("receiver", trimp(&b.Receiver), MaxShort)
	fe.MaxLen("note", trimp(&b.Note), MaxText)
}

// maxWaitSeconds bounds a call's recorded waiting time (an hour).
const maxWaitSeconds = 3600

// validateWait checks a call's recorded waiting time.
func validateWait(fe *apperr.Fields, w *int) {
	if w != nil && (*w < 0 || *w > maxWaitSeconds) {
		fe.Range("waitSeconds", 0, maxWaitSeconds)
	}
}

// channelTimeline adds to tl what the channel and complaint clocks read of
// the records: the calls with their waiting time, the first hand-over,
// and the complaint measured (the oldest one not answered yet, else the
// latest).
func channelTimeline(tl *sla.Timeline, recs []Record) {
	var measured *Complaint
	for _, rec := range recs {
		switch rec.Kind {
		case KindCommunication:
			c, err := BodyOf[Communication](rec)
			if err != nil || c.WaitSeconds == nil || c.At.IsZero() {
				continue
			}
			tl.Calls = append(tl.Calls, sla.Call{Rang: c.At.Add(-time.Duration(*c.WaitSeconds) * time.Second), Answered: c.At})
		case KindHandover:
			h, err := BodyOf[Handover](rec)
			if err == nil && !h.At.IsZero() && (tl.HandoverAt.IsZero() || h.At.Before(tl.HandoverAt)) {
				tl.HandoverAt = h.At
			}
		case KindComplaint:
			c, err := BodyOf[Complaint](rec)
			if err != nil {
				continue
			}
			switch {
			case measured == nil:
				measured = &c
			case c.AnsweredAt.IsZero() && (!measured.AnsweredAt.IsZero() || c.ReceivedAt.Before(measured.ReceivedAt)):
				measured = &c // unanswered, and older than the unanswered one kept
			case !c.AnsweredAt.IsZero() && !measured.AnsweredAt.IsZero() && c.ReceivedAt.After(measured.ReceivedAt):
				measured = &c // all answered so far: the latest
			}
		}
	}
	if measured != nil {
		tl.ComplaintAt, tl.ComplaintAcceptedAt, tl.ComplaintAnsweredAt = measured.ReceivedAt, measured.AcceptedAt, measured.AnsweredAt
	}
}

// Complaints returns the decoded complaints among recs, skipping damaged
// ones (the health check lists those): how many there are and whether one
// is open.
func Complaints(recs []Record) (n int, open bool) {
	for _, rec := range recs {
		if rec.Kind != KindComplaint {
			continue
		}
		var c Complaint
		if json.Unmarshal(rec.Body, &c) != nil {
			continue
		}
		n++
		open = open || c.Open()
	}
	return n, open
}
