package request_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/reqdesk/reqdesk/internal/request"
)

// inGroup reports whether the request r is in the group g of me's work, as
// the store selects it.
func inGroup(g request.WorkGroup, r request.Request, me string) bool {
	if !slices.Contains(g.Statuses, r.Status) {
		return false
	}
	switch g.Owner {
	case request.NoOwner:
		return r.Fields.Owner == ""
	case request.OwnedByWorker:
		return r.Fields.Owner == me
	case request.WorkerOrNone:
		return r.Fields.Owner == me || r.Fields.Owner == ""
	}
	return true
}

func kindsOf(w request.Worker) []string {
	var out []string
	for _, g := range request.WorkGroups(w) {
		out = append(out, g.Kind)
	}
	return out
}

// TestWorkGroups: who gets which groups of 我的工作, without a database.
func TestWorkGroups(t *testing.T) {
	everyRole := []request.Role{request.RoleSupervisor, request.RoleGeneralManager, request.RoleOwner}
	tests := []struct {
		name string
		w    request.Worker
		want []string
	}{
		{"Supervisor", request.Worker{Name: "王强", Roles: []request.Role{request.RoleSupervisor}, Held: everyRole},
			[]string{"triage", "assign", "own", "follow_up"}},
		{"GeneralManager", request.Worker{Name: "孙建国", Roles: []request.Role{request.RoleGeneralManager}, Held: everyRole},
			[]string{"approve", "own", "follow_up"}},
		{"Owner", request.Worker{Name: "赵磊", Roles: []request.Role{request.RoleOwner}, Held: everyRole},
			[]string{"own", "follow_up"}},
		{"NobodyHoldsTheRoles", request.Worker{Name: "李娜", Roles: []request.Role{request.RoleAgent}, Held: []request.Role{request.RoleAgent}},
			[]string{"triage", "assign", "approve", "own", "follow_up"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kindsOf(tt.w); !slices.Equal(got, tt.want) {
				t.Fatalf("groups = %v, want %v", got, tt.want)
			}
		})
	}
	t.Run("FollowUpUnowned", func(t *testing.T) {
		held := request.Request{Status: request.StatusOnHold}
		for _, tt := range tests[:3] {
			got := false
			for _, g := range request.WorkGroups(tt.w) {
				if g.Kind == "follow_up" {
					got = inGroup(g, held, tt.w.Name) && g.FollowUp
				}
			}
			if want := tt.name == "Supervisor"; got != want {
				t.Errorf("%s follows up a request on hold nobody owns: %v, want %v", tt.name, got, want)
			}
		}
	})
}

// TestEveryOpenRequestReachesSomeoneByRule walks every open status, with
// and without an owner: some person of a usual team has it in a group.
func TestEveryOpenRequestReachesSomeoneByRule(t *testing.T) {
	held := []request.Role{request.RoleSupervisor, request.RoleGeneralManager, request.RoleOwner}
	team := []request.Worker{
		{Name: "陈静", Roles: []request.Role{request.RoleSupervisor}, Held: held},
		{Name: "赵总", Roles: []request.Role{request.RoleGeneralManager}, Held: held},
		{Name: "李娜", Roles: []request.Role{request.RoleOwner}, Held: held},
	}
	for _, st := range request.BoardStatuses() {
		for _, owner := range []string{"", "李娜"} {
			r := request.Request{Status: st, Fields: request.Fields{Owner: owner}}
			if st == request.StatusPlanReview {
				continue // the reviewing departments' work, found in the records (TestReviewWork)
			}
			reached := false
			for _, w := range team {
				for _, g := range request.WorkGroups(w) {
					reached = reached || inGroup(g, r, w.Name)
				}
			}
			if !reached {
				t.Errorf("request in %s with owner %q is in nobody's work", st, owner)
			}
		}
	}
}

func TestBoardStatuses(t *testing.T) {
	got := request.BoardStatuses()
	if len(got) == 0 || got[0] != request.StatusRegistered {
		t.Fatalf("board = %v, want registered first", got)
	}
	for _, st := range got {
		if st.Closed() {
			t.Errorf("closed status %s on the board", st)
		}
	}
}

func TestReviewWork(t *testing.T) {
	plan, _ := json.Marshal(request.Plan{VersionNo: 1, RequiredReviews: []string{"财务部", "技术支持部"}})
	review, _ := json.Marshal(request.Review{Department: "技术支持部", Reviewer: "赵磊", Result: "pass"})
	recs := []request.Record{{ID: "p1", Kind: request.KindPlan, Body: plan},
		{ID: "v1", Kind: request.KindReview, ParentID: "p1", Body: review}}
	r := request.Request{ID: "r1", Status: request.StatusPlanReview}
	for _, tt := range []struct {
		name, dept string
		status     request.Status
		want       bool
	}{
		{"Pending", "财务部", request.StatusPlanReview, true},
		{"AlreadyGiven", "技术支持部", request.StatusPlanReview, false},
		{"NotAsked", "客服部", request.StatusPlanReview, false},
		{"NotUnderReview", "财务部", request.StatusPlanApproval, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := r
			r.Status = tt.status
			w, ok := request.ReviewWork(r, recs, tt.dept)
			if ok != tt.want || (ok && (w.Kind != "review" || w.Detail != tt.dept)) {
				t.Fatalf("ReviewWork = %+v, %v; want %v", w, ok, tt.want)
			}
		})
	}
}
