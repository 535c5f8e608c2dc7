package request

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// StepInput is what a step of the lifecycle is decided on besides the
// request and the move; the caller loads it.
type StepInput struct {
	Records []Record
	// Acting names who takes the step: Actor, ActorRoles and Managers (the
	// people who may approve, for a refusal that names them).
	Acting Facts
	Staff  Staff
	Lists  vocab.Lists
	// DuplicateID is the id of the request the move's DuplicateOf names,
	// "" when it names none that exists.
	DuplicateID string
	// ClosedFrom is, for restoring a closed request, the status its last
	// step closed it from (Facts.ClosedFrom).
	ClosedFrom Status
	Now        time.Time
	Zone       *time.Location // the company's time zone, for dates
}

// StepResult is what a step changes.
type StepResult struct {
	Request Request // the request after the step, with its new status
	Comment string  // the transition's comment: the reason, then the comment
	// Plan is the current plan rewritten by the step (approved, or
	// superseded), nil when the step leaves the plan alone.
	Plan *PlanChange
}

// PlanChange is a change of the plan records a step makes: the current
// plan's record rewritten with Plan, and, when the step sends the plan back
// for revising, Next as the new version to add.
type PlanChange struct {
	Record Record
	Plan   Plan
	Next   *Plan
}

// Step decides a step of the lifecycle: whether the move is allowed from the
// request's status and records, and what it changes. It reads nothing and
// writes nothing; the command that calls it saves the result.
func Step(before Request, m Move, in StepInput) (StepResult, error) {
	if err := m.Check(EnteredSpan(before.Fields.ReceivedAt, in.Now).In(in.Zone), in.Staff, before.Fields.Owner); err != nil {
		return StepResult{}, err
	}
	// A damaged record would read as not done: the step stops instead.
	f, err := summarize(before, in.Records, nil)
	if err != nil {
		return StepResult{}, err
	}
	f.Actor, f.ActorRoles, f.Managers = in.Acting.Actor, in.Acting.ActorRoles, in.Acting.Managers
	f.ClosedFrom = in.ClosedFrom
	// What the move itself brings counts for its guard.
	if m.Department != "" {
		f.Department = m.Department
	}
	if m.Path != "" {
		f.Path = m.Path
	}
	to, err := Next(f, m)
	if err != nil {
		return StepResult{}, err
	}
	r := before
	res := StepResult{Comment: m.Comment}
	if m.Reason != "" {
		res.Comment = joinNonEmpty(m.Reason, m.Comment)
	}
	zone := in.Zone
	if zone == nil {
		zone = time.Local
	}
	st := &r.State
	switch m.Action {
	case ActTriage:
		if m.Path != "" {
			if m.Path != PathFull && m.Path != PathShort {
				return StepResult{}, fieldError("path", "not_in_list", "流程只能是完整流程或简易流程")
			}
			st.Path = m.Path
		}
		if m.Department != "" {
			if found, active := in.Lists.Lookup("department", m.Department); !found || !active {
				return StepResult{}, fieldError("department", "not_in_list", "部门不在列表中")
			}
			r.Fields.Department = m.Department
		}
		st.GreenChannel = m.GreenChannel && GreenChannelAllowed(r.Fields.Urgency)
	case ActAssign:
		if m.Owner != "" {
			r.Fields.Owner = m.Owner
		}
	case ActHold:
		st.HeldFrom = r.Status // still the status before the move
		st.FollowUpOn = m.FollowUp.In(zone).Format("2006-01-02")
		st.StatusReason = m.Reason
	case ActResume:
		st.HeldFrom, st.FollowUpOn, st.StatusReason = "", "", ""
	case ActReject:
		if m.DuplicateOf != "" {
			if in.DuplicateID == "" {
				return StepResult{}, fieldError("duplicateOf", "not_found", "找不到所重复的原需求")
			}
			st.DuplicateOf = in.DuplicateID
		}
		st.StatusReason = m.Reason
	case ActCancel:
		st.StatusReason = m.Reason
	case ActReopen:
		st.ReopenCount++
	case ActRestore:
		// Back on hold it keeps its follow-up; anywhere else the closing
		// reason and the duplicate it named no longer hold.
		if to != StatusOnHold {
			st.StatusReason = ""
		}
		st.DuplicateOf = ""
	case ActSwitchToFullPath:
		st.Path = PathFull
	case ActApprove:
		rec, p, ok := CurrentPlan(in.Records)
		if !ok {
			return StepResult{}, apperr.New(apperr.InvalidTransition, "plan_none_to_approve", nil)
		}
		p.ApprovedBy, p.ApprovedAt = in.Acting.Actor, in.Now.UTC().Format("2006-01-02T15:04:05.000Z")
		res.Plan = &PlanChange{Record: rec, Plan: p}
	case ActRevisePlan, ActDecline, ActPlanChanges:
		if rec, p, ok := CurrentPlan(in.Records); ok {
			old := p
			old.Superseded = true
			next := p
			next.VersionNo++
			next.ApprovedBy, next.ApprovedAt, next.SignedBy, next.SignedOn = "", "", "", ""
			res.Plan = &PlanChange{Record: rec, Plan: old, Next: &next}
		}
	}
	r.Status = to
	res.Request = r
	return res, nil
}

func fieldError(field, key, msg string) error {
	return &apperr.Error{Code: apperr.Invalid, Message: msg, Fields: []apperr.FieldError{{Field: field, Key: key}}}
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += "；"
		}
		out += p
	}
	return out
}
