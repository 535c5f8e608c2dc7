package view_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/view"
)

func problem(err error) string {
	e, ok := apperr.As(err)
	if !ok {
		return ""
	}
	if len(e.Fields) > 0 {
		return e.Fields[0].Field + ":" + e.Fields[0].Key
	}
	return e.Code + ":" + e.Key
}

func TestCheck(t *testing.T) {
	supervisor := []request.Role{request.RoleAgent, request.RoleSupervisor}
	consultant := []request.Role{request.RoleAgent, request.RoleOwner}
	ok := view.Input{Name: " 紧急待分配 ", Columns: []string{"number", "title", "number"},
		Query: request.Query{Statuses: []request.Status{request.StatusTriaged}, Urgencies: []request.Urgency{request.UrgencyUrgent},
			Offset: 40, Limit: 20, Drill: &request.Drill{Measure: "x"}}}
	others := []view.View{{Name: "我的队列"}}
	tests := []struct {
		name  string
		in    view.Input
		scope view.Scope
		roles []request.Role
		want  string
	}{
		{"OKTeamBySupervisor", ok, view.ScopeTeam, supervisor, ""},
		{"OKTeamByAdmin", ok, view.ScopeTeam, []request.Role{"admin"}, ""},
		{"OKMineByConsultant", ok, view.ScopeMine, consultant, ""},
		{"ErrTeamByConsultant", ok, view.ScopeTeam, consultant, "forbidden:view_team_supervisor"},
		{"ErrTeamByManager", ok, view.ScopeTeam, []request.Role{request.RoleGeneralManager}, "forbidden:view_team_supervisor"},
		{"ErrNoName", view.Input{Name: "  ", Columns: []string{"number"}}, view.ScopeMine, consultant, "name:required"},
		{"ErrNameTaken", view.Input{Name: "我的队列", Columns: []string{"number"}}, view.ScopeMine, consultant, "name:view_name_taken"},
		{"ErrNameLong", view.Input{Name: "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", Columns: []string{"number"}},
			view.ScopeMine, consultant, "name:too_long"},
		{"ErrNoColumns", view.Input{Name: "a"}, view.ScopeMine, consultant, "columns:required"},
		{"ErrUnknownColumn", view.Input{Name: "a", Columns: []string{"salary"}}, view.ScopeMine, consultant, "columns:not_in_list"},
		{"ErrUnknownSort", view.Input{Name: "a", Columns: []string{"number"}, Query: request.Query{Sort: "mood"}}, view.ScopeMine, consultant, "sort:not_in_list"},
		{"ErrUnknownStatus", view.Input{Name: "a", Columns: []string{"number"}, Query: request.Query{Statuses: []request.Status{"lost"}}},
			view.ScopeMine, consultant, "statuses:not_in_list"},
		{"ErrUnknownScope", ok, "everyone", supervisor, "scope:not_in_list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := view.Check(tt.in, view.Saving{Scope: tt.scope, Roles: tt.roles, Others: others})
			if got := problem(err); got != tt.want {
				t.Fatalf("got %q (%v), want %q", got, err, tt.want)
			}
			if err != nil {
				return
			}
			if out.Name != "紧急待分配" || len(out.Columns) != 2 || out.Query.Offset != 0 || out.Query.Limit != 0 ||
				out.Query.Drill != nil || out.Query.Sort != request.SortReceivedAt {
				t.Errorf("not cleaned: %+v", out)
			}
		})
	}
}

func TestCheckTooMany(t *testing.T) {
	var others []view.View
	for i := 0; i < view.MaxViews; i++ {
		others = append(others, view.View{Name: string(rune('A' + i))})
	}
	_, err := view.Check(view.Input{Name: "新", Columns: []string{"number"}}, view.Saving{Scope: view.ScopeMine, Others: others})
	if got := problem(err); got != "name:view_too_many" {
		t.Fatalf("got %q", got)
	}
}
