package request

import (
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// ClockSkew is how far a date a person enters may lie after now: the clocks
// of two laptops, or of a laptop and the office server, differ by minutes.
const ClockSkew = 5 * time.Minute

// Span is when what a person records about a request can have happened:
// not before the request was received, not after now (give or take
// ClockSkew). A communication "tomorrow" would stop the response clock
// before anyone answered; one in 2099 or before the request came is a typo.
type Span struct {
	From time.Time // the request's receipt
	Now  time.Time
	// Zone is the company's time zone, in which days are told; the
	// laptop's when nil.
	Zone *time.Location
}

// EnteredSpan is the span of a request received at receivedAt, as of now.
func EnteredSpan(receivedAt, now time.Time) Span {
	return Span{From: receivedAt, Now: now}
}

// In returns the span with its days told in zone (nil: the laptop's).
func (s Span) In(zone *time.Location) Span {
	s.Zone = zone
	return s
}

func (s Span) loc() *time.Location {
	if s.Zone != nil {
		return s.Zone
	}
	return time.Local
}

// CheckTime records field as out of the span when t (set) lies before the
// request's receipt or after now.
func (s Span) CheckTime(fe *apperr.Fields, field string, t time.Time) {
	switch {
	case t.IsZero():
	case t.After(s.Now.Add(ClockSkew)):
		fe.Add(field, "in_future")
	case t.Before(s.From.Add(-ClockSkew)):
		fe.AddParams(field, "before_receipt", map[string]any{"receivedAt": s.From.In(s.loc()).Format("2006-01-02 15:04")})
	}
}

// CheckDay is CheckTime for a calendar day (YYYY-MM-DD, local time): the
// day may be the day of receipt and today, not before nor after.
func (s Span) CheckDay(fe *apperr.Fields, field, day string) {
	d, err := time.ParseInLocation("2006-01-02", day, s.loc())
	if day == "" || err != nil {
		return
	}
	first := s.From.Add(-ClockSkew).In(s.loc()).Format("2006-01-02")
	last := s.Now.Add(ClockSkew).In(s.loc()).Format("2006-01-02")
	switch d := d.Format("2006-01-02"); {
	case d > last:
		fe.Add(field, "in_future")
	case d < first:
		fe.AddParams(field, "before_receipt", map[string]any{"receivedAt": first})
	}
}

// CheckPlanned bounds a day planned ahead (a follow-up, a milestone, a due
// date): not before the request's receipt, and within the calendar's range.
func (s Span) CheckPlanned(fe *apperr.Fields, field, day string) {
	d, err := time.ParseInLocation("2006-01-02", day, s.loc())
	if day == "" || err != nil {
		return
	}
	if d.Year() > maxYear {
		fe.Add(field, "date_out_of_range")
		return
	}
	if first := s.From.Add(-ClockSkew).In(s.loc()).Format("2006-01-02"); day < first {
		fe.AddParams(field, "before_receipt", map[string]any{"receivedAt": first})
	}
}

// maxYear is the last year a planned date may fall in.
const maxYear = 2100

// Staff is who may be named on a request, by name: the people list
// (设置 → 人员), with each person's department, roles and whether they are
// still active.
type Staff map[string]StaffMember

// StaffMember is one person of the list as the rules see them.
type StaffMember struct {
	Department string
	Roles      []Role
	Active     bool
}

// CheckPerson records field when name (set) is not a person of the list
// (key not_a_person), or names a retired one while active is asked for
// (person_inactive). kept is the field's value before an edit: a name kept
// as saved stays acceptable even when its person has left since.
func (st Staff) CheckPerson(fe *apperr.Fields, field, name, kept string, active bool) {
	if name == "" || name == kept || fe.Has(field) {
		return
	}
	p, ok := st[name]
	switch {
	case !ok:
		fe.AddParams(field, "not_a_person", map[string]any{"name": name})
	case active && !p.Active:
		fe.AddParams(field, "person_inactive", map[string]any{"name": name})
	}
}

// CheckReview checks who gives a department's review (评审意见): a person
// of the list, of the department reviewed, holding the 评审人 role. actor
// is who records it: the reviewer, or someone else who says explicitly that
// they record it on the reviewer's behalf (a paper opinion typed in).
func (st Staff) CheckReview(fe *apperr.Fields, r Review, actor string) {
	st.CheckPerson(fe, "reviewer", r.Reviewer, "", true)
	if fe.Has("reviewer") || fe.Has("department") {
		return
	}
	p := st[r.Reviewer]
	switch {
	case p.Department != r.Department:
		fe.AddParams("reviewer", "not_of_department", map[string]any{"name": r.Reviewer, "department": r.Department})
	case !hasRole(p.Roles, RoleReviewer):
		fe.AddParams("reviewer", "not_reviewer", map[string]any{"name": r.Reviewer})
	case actor != r.Reviewer && !r.OnBehalf:
		fe.AddParams("onBehalf", "on_behalf_required", map[string]any{"name": r.Reviewer})
	}
}

// Check checks what a move brings besides the step itself: its texts
// (comment and reason keep line breaks; names and the duplicate's number
// are single lines), the owner it assigns (an active person of the list,
// or owner, the request's owner now, kept) and the follow-up day it plans
// (not before today, not past 2100).
func (m Move) Check(span Span, staff Staff, owner string) error {
	var fe apperr.Fields
	fe.MaxLen("comment", m.Comment, MaxComment)
	fe.MaxLen("reason", m.Reason, MaxComment)
	fe.Line("owner", m.Owner, MaxShort)
	fe.Line("department", m.Department, MaxShort)
	fe.Line("duplicateOf", m.DuplicateOf, MaxShort)
	if m.Action == ActAssign {
		staff.CheckPerson(&fe, "owner", m.Owner, owner, true)
	}
	if !m.FollowUp.IsZero() {
		day := m.FollowUp.In(span.loc()).Format("2006-01-02")
		if m.FollowUp.Year() < 2000 {
			fe.Add("followUp", "date_out_of_range")
		} else if today := span.Now.In(span.loc()).Format("2006-01-02"); day < today {
			fe.Add("followUp", "in_past")
		} else {
			span.CheckPlanned(&fe, "followUp", day)
		}
	}
	return fe.Err()
}

// MaxDraft bounds a stored draft, in bytes.
const MaxDraft = 1 << 20

// CheckDraft checks an unfinished intake form as the window keeps it: ""
// (none), or a JSON object of at most MaxDraft bytes whose texts are whole
// (no U+FFFD, no invalid UTF-8), so a draft comes back as it was typed.
func CheckDraft(body string) error {
	if len(body) > MaxDraft {
		return apperr.New(apperr.Invalid, "draft_too_large", nil)
	}
	if body == "" {
		return nil
	}
	var fe apperr.Fields
	var v map[string]any
	if key, _ := apperr.TextProblem(body, len(body), true); key != "" {
		fe.Add("body", key)
	} else if json.Unmarshal([]byte(body), &v) != nil {
		fe.Add("body", "invalid_json")
	}
	return fe.Err()
}
