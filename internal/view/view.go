// Package view holds the saved views of the request list (队列): a filter,
// a sort order and the columns shown, saved under a name for oneself or for
// the whole team, and shown in the navigation with how many requests each
// selects. The rules of saving one are here; the store keeps them.
package view

import (
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Scope says whose a view is: the team's (shared with every colleague and
// synced) or one person's own.
type Scope string

// The scopes of a view.
const (
	ScopeTeam Scope = "team"
	ScopeMine Scope = "mine"
)

// MaxName bounds a view's name, in characters; MaxViews bounds how many
// views one scope holds (the navigation lists them all and counts each).
const (
	MaxName  = 30
	MaxViews = 30
)

// Columns are the list's columns a view may show, as the list names them.
var Columns = []string{"number", "customerName", "contactName", "contactInfo", "channel", "type", "title",
	"urgency", "clock", "status", "owner", "department", "receivedAt", "receivedBy", "updatedAt"}

// sorts are the sort keys the list offers.
var sorts = []string{request.SortReceivedAt, request.SortNumber, request.SortUrgency, request.SortUpdatedAt,
	request.SortCustomer}

// View is a saved view.
type View struct {
	ID    string `json:"id"`
	Scope Scope  `json:"scope"`
	// Owner is the person a personal view belongs to, "" for a team view.
	Owner   string        `json:"owner"`
	Name    string        `json:"name"`
	Query   request.Query `json:"query"`
	Columns []string      `json:"columns"`
	// CreatedBy is who saved it first.
	CreatedBy string    `json:"createdBy"`
	UpdatedAt time.Time `json:"updatedAt"`
	Version   int64     `json:"version"`
}

// Input is a view as the person saves it.
type Input struct {
	Name    string        `json:"name"`
	Query   request.Query `json:"query"`
	Columns []string      `json:"columns"`
}

// Counted is a view with how many requests it selects now; Capped when
// there are at least that many (request.TotalCap).
type Counted struct {
	View
	Count  int  `json:"count"`
	Capped bool `json:"capped"`
}

// Saving is what a save is decided on besides the input.
type Saving struct {
	Scope Scope
	// Roles are the acting person's roles: a team view is the supervisor's
	// (or the administrator's) to save, like the other team settings.
	Roles []request.Role
	// Others are the views of the same scope (and owner) other than the one
	// saved: a name is used once.
	Others []View
}

// CanSaveTeam reports whether someone with roles may save or remove a team
// view: a supervisor or an administrator.
func CanSaveTeam(roles []request.Role) bool {
	return slices.Contains(roles, request.RoleSupervisor) || slices.Contains(roles, "admin")
}

// Check decides whether in may be saved and returns it cleaned: a name
// (one line, at most MaxName, not another view's), known columns (at least
// one), a known sort, no paging or dashboard drill (a view is a standing
// filter), and for a team view a supervisor's roles.
func Check(in Input, s Saving) (Input, error) {
	if s.Scope == ScopeTeam && !CanSaveTeam(s.Roles) {
		return in, apperr.New(apperr.Forbidden, "view_team_supervisor", nil)
	}
	if s.Scope != ScopeTeam && s.Scope != ScopeMine {
		return in, apperr.New(apperr.Invalid, "check_fields", nil).WithField("scope", "not_in_list")
	}
	in.Name = strings.TrimSpace(in.Name)
	var fe apperr.Fields
	fe.RequiredLine("name", in.Name, MaxName)
	if !fe.Has("name") {
		for _, o := range s.Others {
			if strings.EqualFold(o.Name, in.Name) {
				fe.Add("name", "view_name_taken")
				break
			}
		}
	}
	if len(s.Others) >= MaxViews {
		fe.AddParams("name", "view_too_many", map[string]any{"max": MaxViews})
	}
	cols := make([]string, 0, len(in.Columns))
	for _, c := range in.Columns {
		if !slices.Contains(Columns, c) {
			fe.Add("columns", "not_in_list")
			break
		}
		if !slices.Contains(cols, c) {
			cols = append(cols, c)
		}
	}
	if len(cols) == 0 && !fe.Has("columns") {
		fe.Add("columns", "required")
	}
	in.Columns = cols
	q := in.Query
	if q.Sort == "" {
		q.Sort = request.SortReceivedAt
	}
	if !slices.Contains(sorts, q.Sort) {
		fe.Add("sort", "not_in_list")
	}
	fe.Line("search", q.Search, request.MaxShort)
	fe.Line("owner", q.Owner, request.MaxShort)
	q.Search, q.Owner = strings.TrimSpace(q.Search), strings.TrimSpace(q.Owner)
	for _, st := range q.Statuses {
		if !slices.Contains(request.Statuses, st) {
			fe.Add("statuses", "not_in_list")
			break
		}
	}
	q.Offset, q.Limit, q.Drill, q.ExactTotal = 0, 0, nil, false
	in.Query = q
	return in, fe.Err()
}
