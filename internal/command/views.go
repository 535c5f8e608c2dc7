package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/view"
)

func init() {
	registry[SaveTeamView{}.Name()] = kindOf[view.View, SaveTeamView](true, "RequestsApp.SaveTeamView")
	registry[DeleteTeamView{}.Name()] = kindOf[struct{}, DeleteTeamView](true, "RequestsApp.DeleteTeamView")
	// A person's own views stay on the machine (and with the account) they
	// were saved on: not the team's data.
	registry[SaveMyView{}.Name()] = kindOf[view.View, SaveMyView](false, "RequestsApp.SaveMyView")
	registry[DeleteMyView{}.Name()] = kindOf[struct{}, DeleteMyView](false, "RequestsApp.DeleteMyView")
}

// SaveTeamView saves a view of the request list for the whole team: a new
// one (ID "") or the one with ID from Version. view.Check decides, a
// supervisor's roles included.
type SaveTeamView struct {
	ID      string     `json:"id,omitempty"`
	Version int64      `json:"version,omitempty"`
	Input   view.Input `json:"input"`
}

// Name names the command.
func (SaveTeamView) Name() string { return "view.saveTeam" }

func (c SaveTeamView) run(ctx context.Context, tx *store.Tx) (view.View, error) {
	return saveView(ctx, tx, view.ScopeTeam, c.ID, c.Version, c.Input)
}

// SaveMyView saves a view of the request list for the person acting.
type SaveMyView struct {
	ID      string     `json:"id,omitempty"`
	Version int64      `json:"version,omitempty"`
	Input   view.Input `json:"input"`
}

// Name names the command.
func (SaveMyView) Name() string { return "view.saveMine" }

func (c SaveMyView) run(ctx context.Context, tx *store.Tx) (view.View, error) {
	return saveView(ctx, tx, view.ScopeMine, c.ID, c.Version, c.Input)
}

func saveView(ctx context.Context, tx *store.Tx, scope view.Scope, id string, version int64, in view.Input) (view.View, error) {
	acting, err := tx.Acting(ctx)
	if err != nil {
		return view.View{}, err
	}
	owner := ""
	if scope == view.ScopeMine {
		owner = acting.Actor
	}
	all, err := tx.ViewsOf(ctx, scope, acting.Actor)
	if err != nil {
		return view.View{}, err
	}
	var before *view.View
	others := make([]view.View, 0, len(all))
	for _, v := range all {
		if v.ID == id {
			before = &v
			continue
		}
		others = append(others, v)
	}
	if id != "" && before == nil {
		return view.View{}, apperr.Missing("view")
	}
	if in, err = view.Check(in, view.Saving{Scope: scope, Roles: acting.ActorRoles, Others: others}); err != nil {
		return view.View{}, err
	}
	v := view.View{ID: id, Version: version, Scope: scope, Owner: owner, Name: in.Name, Query: in.Query,
		Columns: in.Columns, CreatedBy: acting.Actor}
	if before != nil {
		v.CreatedBy = before.CreatedBy
	}
	saved, err := tx.SaveView(ctx, v)
	if err != nil {
		return saved, err
	}
	action := audit.ActionCreate
	var was any
	if before != nil {
		action, was = audit.ActionUpdate, *before
	}
	return saved, tx.Audit(ctx, "view", saved.ID, action, was, saved)
}

// DeleteTeamView removes a team view (a supervisor's).
type DeleteTeamView struct {
	ID string `json:"id"`
}

// Name names the command.
func (DeleteTeamView) Name() string { return "view.deleteTeam" }

func (c DeleteTeamView) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	return struct{}{}, deleteView(ctx, tx, view.ScopeTeam, c.ID)
}

// DeleteMyView removes one of the acting person's own views.
type DeleteMyView struct {
	ID string `json:"id"`
}

// Name names the command.
func (DeleteMyView) Name() string { return "view.deleteMine" }

func (c DeleteMyView) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	return struct{}{}, deleteView(ctx, tx, view.ScopeMine, c.ID)
}

func deleteView(ctx context.Context, tx *store.Tx, scope view.Scope, id string) error {
	acting, err := tx.Acting(ctx)
	if err != nil {
		return err
	}
	if scope == view.ScopeTeam && !view.CanSaveTeam(acting.ActorRoles) {
		return apperr.New(apperr.Forbidden, "view_team_supervisor", nil)
	}
	v, err := tx.View(ctx, scope, id, acting.Actor)
	if err != nil {
		return err
	}
	if err := tx.DeleteView(ctx, v); err != nil {
		return err
	}
	return tx.Audit(ctx, "view", v.ID, audit.ActionDelete, v, nil)
}
