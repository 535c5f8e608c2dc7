package sla

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// ChannelLimits are plan 004's standards for answering the customer, which
// hold beside the urgency's policy whatever the urgency: the first response
// on a channel (在线客服 3 minutes, 社群 2 hours, 邮件 24 hours), a phone
// picked up within 15 seconds (where the call's waiting time is recorded), a
// problem outside customer service handed to its department within an hour
// and answered to the customer within 24 hours of the hand-over; and 办法
// 003's complaint limits. A limit with an empty unit is off.
type ChannelLimits struct {
	// Respond is the first-response limit per channel (a channel of the
	// word list); a channel not named has none.
	Respond []ChannelLimit `json:"respond"`
	// PhoneAnswer runs from the moment a call rang to its pick-up, for
	// every communication record with its waiting time.
	PhoneAnswer Limit `json:"phoneAnswer"`
	// ServiceDepartment is customer service (客服部): a request triaged to any
	// other department is handed over to it, within Handover of its receipt,
	// and the customer is answered within HandoverAnswer of the hand-over.
	ServiceDepartment string `json:"serviceDepartment"`
	Handover          Limit  `json:"handover"`
	HandoverAnswer    Limit  `json:"handoverAnswer"`
	// ComplaintAccept runs from a complaint's registration until its
	// investigation is taken up, ComplaintAnswer from then until the
	// customer has the answer.
	ComplaintAccept Limit `json:"complaintAccept"`
	ComplaintAnswer Limit `json:"complaintAnswer"`
}

// ChannelLimit is the first-response limit of one channel.
type ChannelLimit struct {
	Channel string `json:"channel"`
	Limit   Limit  `json:"limit"`
}

// DefaultChannelLimits are plan 004's numbers. 社群 (customer groups) is the
// word list's 社交媒体. Chat and community are answered in working time (the
// service desk is staffed then), e-mail within 24 hours on the 24x7 clock,
// the phone's 15 seconds while it rings. DOMAIN.md gives complaints no
// figures of their own; a complaint is a problem taken outside the front
// desk, so it gets 004's cross-department figures: taken up within 1 hour,
// answered within 24 hours of that.
func DefaultChannelLimits() ChannelLimits {
	return ChannelLimits{
		Respond: []ChannelLimit{
			{Channel: "在线客服", Limit: Limit{Amount: 3, Unit: UnitMinutes, Clock: ClockWorking}},
			{Channel: "社交媒体", Limit: Limit{Amount: 2, Unit: UnitHours, Clock: ClockWorking}},
			{Channel: "邮件", Limit: Limit{Amount: 24, Unit: UnitHours, Clock: Clock24x7}},
		},
		PhoneAnswer:       Limit{Amount: 15, Unit: UnitSeconds, Clock: Clock24x7},
		ServiceDepartment: "客服部",
		Handover:          Limit{Amount: 1, Unit: UnitHours, Clock: ClockWorking},
		HandoverAnswer:    Limit{Amount: 24, Unit: UnitHours, Clock: Clock24x7},
		ComplaintAccept:   Limit{Amount: 1, Unit: UnitHours, Clock: ClockWorking},
		ComplaintAnswer:   Limit{Amount: 24, Unit: UnitHours, Clock: Clock24x7},
	}
}

// maxChannelLimits bounds the per-channel list.
const maxChannelLimits = 50

// Validate checks every limit that is on, each channel against the word
// list (once), and the service department against the departments.
func (c ChannelLimits) Validate(lists vocab.Lists) error {
	var fe apperr.Fields
	lim := func(name string, l Limit) {
		if l.Off() {
			return
		}
		var lf apperr.Fields
		l.validate(&lf)
		if e, ok := apperr.As(lf.Err()); ok {
			for _, x := range e.Fields {
				fe.AddParams(name+"."+x.Field, x.Key, x.Params)
			}
		}
	}
	if len(c.Respond) > maxChannelLimits {
		fe.AddParams("respond", "too_many", map[string]any{"max": maxChannelLimits})
	}
	seen := map[string]bool{}
	for i, r := range c.Respond {
		f := fmt.Sprintf("respond.%d.", i)
		switch found, _ := lists.Lookup(vocab.KindChannel, r.Channel); {
		case strings.TrimSpace(r.Channel) == "":
			fe.Add(f+"channel", "required")
		case !found:
			fe.Add(f+"channel", "not_in_list")
		case seen[r.Channel]:
			fe.Add(f+"channel", "duplicate")
		}
		seen[r.Channel] = true
		lim(f+"limit", r.Limit)
	}
	if c.ServiceDepartment != "" {
		if found, _ := lists.Lookup(vocab.KindDepartment, c.ServiceDepartment); !found {
			fe.Add("serviceDepartment", "not_in_list")
		}
	}
	lim("phoneAnswer", c.PhoneAnswer)
	lim("handover", c.Handover)
	lim("handoverAnswer", c.HandoverAnswer)
	lim("complaintAccept", c.ComplaintAccept)
	lim("complaintAnswer", c.ComplaintAnswer)
	return fe.Err()
}

// RespondLimit is the first-response limit of channel, off when it has none.
func (c ChannelLimits) RespondLimit(channel string) Limit {
	for _, r := range c.Respond {
		if r.Channel == channel {
			return r.Limit
		}
	}
	return Limit{}
}

// CrossDepartment reports whether a request of department is handled
// outside customer service, so that it is owed a hand-over.
func (c ChannelLimits) CrossDepartment(department string) bool {
	return c.ServiceDepartment != "" && department != "" && department != c.ServiceDepartment
}

// EvaluateChannels measures the channel, cross-department and complaint
// clocks of a request received on channel, triaged to department, at now
// (see Evaluate for states). The first response is tl.RespondedAt; the call
// measured is the first one with its waiting time; the hand-over clock runs
// for a request outside customer service or one handed over all the same,
// and the answer after it ends with the first contact or result at or after
// the hand-over. The complaint clocks run even after the request closed.
func (c *Calendar) EvaluateChannels(cl ChannelLimits, channel, department string, tl Timeline, now time.Time, dueSoonPercent int) ([]Measure, error) {
	var out []Measure
	add := func(k Kind, lim Limit, start, done, closed time.Time) error {
		if lim.Off() || start.IsZero() {
			return nil
		}
		// A clock that stops when the request closes stood still while it
		// was closed before being reopened (Timeline.Stopped); the phone's
		// and the complaint's run on their own.
		var pauses []Pause
		if k == KindChannelRespond || k == KindHandover || k == KindHandoverAnswer {
			pauses = tl.Stopped
		}
		m, err := c.measure(k, lim, start, done, closed, pauses, now, dueSoonPercent)
		if err != nil {
			return err
		}
		out = append(out, m)
		return nil
	}
	if err := add(KindChannelRespond, cl.RespondLimit(channel), tl.ReceivedAt, tl.RespondedAt, tl.ClosedAt); err != nil {
		return nil, err
	}
	if len(tl.Calls) > 0 {
		call := tl.Calls[0]
		if err := add(KindPhoneAnswer, cl.PhoneAnswer, call.Rang, call.Answered, time.Time{}); err != nil {
			return nil, err
		}
	}
	if cl.CrossDepartment(department) || !tl.HandoverAt.IsZero() {
		if err := add(KindHandover, cl.Handover, tl.ReceivedAt, tl.HandoverAt, tl.ClosedAt); err != nil {
			return nil, err
		}
		if err := add(KindHandoverAnswer, cl.HandoverAnswer, tl.HandoverAt, AnsweredAfter(tl, tl.HandoverAt), tl.ClosedAt); err != nil {
			return nil, err
		}
	}
	if !tl.ComplaintAt.IsZero() {
		if err := add(KindComplaintAccept, cl.ComplaintAccept, tl.ComplaintAt, tl.ComplaintAcceptedAt, time.Time{}); err != nil {
			return nil, err
		}
		if err := add(KindComplaintAnswer, cl.ComplaintAnswer, tl.ComplaintAcceptedAt, tl.ComplaintAnsweredAt, time.Time{}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AnsweredAfter is the first contact with the customer (a communication or
// the result told) at or after from; zero when none came yet.
func AnsweredAfter(tl Timeline, from time.Time) time.Time {
	if from.IsZero() {
		return time.Time{}
	}
	var first time.Time
	for _, u := range append(slices.Clone(tl.Updates), tl.ResultGivenAt) {
		if !u.IsZero() && !u.Before(from) && (first.IsZero() || u.Before(first)) {
			first = u
		}
	}
	return first
}
