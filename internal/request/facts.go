package request

import (
	"encoding/json"
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
// its record, or false when there is none.
func CurrentPlan(recs []Record) (Record, Plan, bool) {
	var best Record
	var bestPlan Plan
	found := false
	for _, rec := range recs {
		if rec.Kind != KindPlan {
			continue
		}
		var p Plan
		if json.Unmarshal(rec.Body, &p) != nil || p.Superseded {
			continue
		}
		if !found || p.VersionNo > bestPlan.VersionNo {
			best, bestPlan, found = rec, p, true
		}
	}
	return best, bestPlan, found
}

// Summarize gathers what the guards need from a request and its records.
// roles are the acting person's roles.
func Summarize(r Request, recs []Record, roles []Role) Facts {
	f := Facts{
		Status: r.Status, Path: r.State.Path, HeldFrom: r.State.HeldFrom,
		Type: r.Fields.Type, Urgency: r.Fields.Urgency, Department: r.Fields.Department, Owner: r.Fields.Owner,
		ActorRoles: roles,
	}
	planRec, plan, hasPlan := CurrentPlan(recs)
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
			var a Analysis
			if json.Unmarshal(rec.Body, &a) == nil {
				f.NoBreakdown = a.NoBreakdown
				f.AnalysisLetter = a.CoreNeeds != "" && a.ExpectedDelivery != ""
				f.AnalysisSigned = a.SignedBy != "" && a.SignedOn != ""
			}
		case KindReview:
			var rv Review
			if hasPlan && rec.ParentID == planRec.ID && json.Unmarshal(rec.Body, &rv) == nil {
				reviewed[rv.Department] = true
				if rv.Result == "revise" || rv.Result == "reject" {
					f.RevisionAsked = true
				}
			}
		case KindTeamMember:
			var m TeamMember
			if json.Unmarshal(rec.Body, &m) == nil && m.Role == "lead" {
				f.TeamLead = true
			}
		case KindTask:
			var t Task
			if json.Unmarshal(rec.Body, &t) == nil && OpenTask(t.Status) {
				f.OpenTasks++
			}
		case KindDelivery:
			var d Delivery
			if json.Unmarshal(rec.Body, &d) == nil {
				f.Delivered = true
				f.Accepted = d.Accepted != nil && *d.Accepted
				f.NotAccepted = d.Accepted != nil && !*d.Accepted
			}
		case KindResultNote:
			var n ResultNote
			f.ResultNote = json.Unmarshal(rec.Body, &n) == nil && n.Result != ""
		case KindFeedback:
			var fb Feedback
			if json.Unmarshal(rec.Body, &fb) == nil {
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
	return f
}
