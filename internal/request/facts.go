package request

import (
	"sort"
	"time"
)

// State is the lifecycle part of a request, set only by moves.
type State struct {
	Path         Path   `json:"path"`
	GreenChannel bool   `json:"greenChannel"`
	HeldFrom     Status `json:"heldFrom"`
	FollowUpOn   string `json:"followUpOn"`
	StatusReason string `json:"statusReason"`
	DuplicateOf  string `json:"duplicateOf"`
	ReopenCount  int    `json:"reopenCount"`
}

// Transition is one recorded state change.
type Transition struct {
	ID      string    `json:"id"`
	At      time.Time `json:"at"`
	Actor   string    `json:"actor"`
	Action  Action    `json:"action"`
	From    Status    `json:"from"`
	To      Status    `json:"to"`
	Comment string    `json:"comment"`
}

// CurrentPlan returns the newest plan version that is not superseded, with
// its record, or false when there is none. A damaged plan counts for
// nothing here; the steps, which decide on it, stop on it (see summarize).
func CurrentPlan(recs []Record) (Record, Plan, bool) {
	rec, p, ok, _ := currentPlan(recs)
	return rec, p, ok
}

// currentPlan is CurrentPlan, with the error of the first damaged plan.
func currentPlan(recs []Record) (Record, Plan, bool, error) {
	var best Record
	var bestPlan Plan
	var first error
	found := false
	for _, rec := range recs {
		if rec.Kind != KindPlan {
			continue
		}
		p, err := BodyOf[Plan](rec)
		if err != nil && first == nil {
			first = err
		}
		if err != nil || p.Superseded {
			continue
		}
		if !found || p.VersionNo > bestPlan.VersionNo {
			best, bestPlan, found = rec, p, true
		}
	}
	return best, bestPlan, found, first
}

// Summarize gathers what the guards need from a request and its records.
// roles are the acting person's roles. The records are read with
// DecodeRecord; a damaged one counts for nothing here (the health check
// reports it), while Step, which decides on the facts, stops on it.
func Summarize(r Request, recs []Record, roles []Role) Facts {
	f, _ := summarize(r, recs, roles)
	return f
}

// summarize is Summarize, with the error of the first damaged record it
// read: a step stops on it rather than take a damaged task for done or a
// damaged delivery for none.
func summarize(r Request, recs []Record, roles []Role) (Facts, error) {
	f := Facts{
		Status: r.Status, Path: r.State.Path, HeldFrom: r.State.HeldFrom,
		Type: r.Fields.Type, Urgency: r.Fields.Urgency, Department: r.Fields.Department, Owner: r.Fields.Owner,
		ActorRoles: roles,
	}
	planRec, plan, hasPlan, first := currentPlan(recs)
	read := func(err error) bool {
		if err != nil && first == nil {
			first = err
		}
		return err == nil
	}
	if hasPlan {
		f.PlanVersion = plan.VersionNo
		f.PlanMissing = plan.Missing()
		f.PlanComplete = len(f.PlanMissing) == 0
		f.PlanApproved = plan.ApprovedBy != ""
		f.PlanSigned = plan.SignedBy != "" && plan.SignedOn != ""
	}
	reviewed := map[string]bool{}
	// Records come oldest first; the latest delivery and feedback count.
	sorted := append([]Record(nil), recs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].CreatedAt.Before(sorted[j].CreatedAt) })
	for _, rec := range sorted {
		switch rec.Kind {
		case KindSubRequirement:
			f.SubRequirements++
		case KindAnalysis:
			if a, err := BodyOf[Analysis](rec); read(err) {
				f.NoBreakdown = a.NoBreakdown
				f.AnalysisLetter = a.CoreNeeds != "" && a.ExpectedDelivery != ""
				f.AnalysisSigned = a.SignedBy != "" && a.SignedOn != ""
			}
		case KindReview:
			if !hasPlan || rec.ParentID != planRec.ID {
				break
			}
			if rv, err := BodyOf[Review](rec); read(err) {
				reviewed[rv.Department] = true
				if rv.Result == "revise" || rv.Result == "reject" {
					f.RevisionAsked = true
				}
			}
		case KindTeamMember:
			if m, err := BodyOf[TeamMember](rec); read(err) && m.Role == "lead" {
				f.TeamLead = true
			}
		case KindTask:
			if t, err := BodyOf[Task](rec); read(err) && OpenTask(t.Status) {
				f.OpenTasks++
			}
		case KindDelivery:
			if d, err := BodyOf[Delivery](rec); read(err) {
				f.Delivered = true
				f.Accepted = d.Accepted != nil && *d.Accepted
				f.NotAccepted = d.Accepted != nil && !*d.Accepted
			}
		case KindResultNote:
			n, err := BodyOf[ResultNote](rec)
			f.ResultNote = read(err) && n.Result != ""
		case KindFeedback:
			if fb, err := BodyOf[Feedback](rec); read(err) {
				f.Feedback = fb.Obtained
				f.FeedbackSolved = fb.Obtained && fb.Solved
				f.NoFeedback = !fb.Obtained
			}
		}
	}
	if hasPlan {
		for _, d := range plan.RequiredReviews {
			if !reviewed[d] {
				f.PendingReviews = append(f.PendingReviews, d)
			}
		}
	}
	return f, first
}
