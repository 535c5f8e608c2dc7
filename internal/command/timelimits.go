package command

import (
	"context"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

// SaveSLASettings stores the working hours and the due-soon threshold;
// every open request's clocks follow.
type SaveSLASettings struct {
	Settings store.SLASettings `json:"settings"`
}

// Name names the command.
func (SaveSLASettings) Name() string { return "sla.saveSettings" }

func (c SaveSLASettings) run(ctx context.Context, tx *store.Tx) (store.SLASettings, error) {
	set := c.Settings
	if err := sla.CheckSettings(set.Hours, set.DueSoonPercent); err != nil {
		return set, err
	}
	before, err := tx.SLASettings(ctx)
	if err != nil {
		return set, err
	}
	// The channel limits have a command of their own (SaveChannelLimits);
	// a form of the hours alone, or a laptop from before them, keeps them.
	set.Channels = before.Channels
	if err := tx.SaveSLASettings(ctx, set); err != nil {
		return set, err
	}
	return set, tx.Audit(ctx, audit.EntitySettings, "sla", audit.ActionUpdate, before, set)
}

// ImportSchedule stores a year's holiday schedule from its JSON file (as
// sla.FormatSchedule writes it), replacing an earlier import or the
// shipped year; every open request's clocks follow.
type ImportSchedule struct {
	Data []byte `json:"data"`
}

// Name names the command.
func (ImportSchedule) Name() string { return "sla.importSchedule" }

func (c ImportSchedule) run(ctx context.Context, tx *store.Tx) (sla.Schedule, error) {
	sc, err := sla.ParseSchedule(c.Data)
	if err != nil {
		return sc, err
	}
	if err := tx.SaveSchedule(ctx, sc); err != nil {
		return sc, err
	}
	return sc, tx.Audit(ctx, audit.EntitySettings, fmt.Sprintf("schedule-%d", sc.Year), audit.ActionUpdate, nil, sc)
}

// SavePolicy adds a time-limit policy (ID empty) or changes one from the
// version read (Policy.Version); every open request's clocks follow. A
// policy applies to one urgency, and maybe a type or a channel of the word
// lists; no two apply to the same ones.
type SavePolicy struct {
	Policy sla.Policy `json:"policy"`
}

// Name names the command.
func (SavePolicy) Name() string { return "sla.savePolicy" }

func (c SavePolicy) run(ctx context.Context, tx *store.Tx) (sla.Policy, error) {
	p := c.Policy
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return sla.Policy{}, err
	}
	urgencies := make([]string, len(request.Urgencies))
	for i, u := range request.Urgencies {
		urgencies[i] = string(u)
	}
	if err := p.Validate(urgencies, lists); err != nil {
		return sla.Policy{}, err
	}
	all, err := tx.Policies(ctx)
	if err != nil {
		return sla.Policy{}, err
	}
	if err := sla.CheckUnique(all, p); err != nil {
		return sla.Policy{}, err
	}
	var before any
	id, action := p.ID, audit.ActionCreate
	if id == "" {
		id = tx.NewID()
		err = tx.InsertPolicy(ctx, id, p)
	} else {
		old, found := sla.Find(all, id)
		if !found {
			return sla.Policy{}, policyNotFound()
		}
		if old.Version != p.Version {
			return sla.Policy{}, apperr.Stale("policy")
		}
		before, action = old, audit.ActionUpdate
		err = tx.UpdatePolicy(ctx, p)
	}
	if err != nil {
		return sla.Policy{}, err
	}
	if all, err = tx.Policies(ctx); err != nil {
		return sla.Policy{}, err
	}
	after, _ := sla.Find(all, id)
	return after, tx.Audit(ctx, audit.EntityPolicy, id, action, before, after)
}

// DeletePolicy removes a policy narrowed to a type or a channel, of the
// version read; the general policy of an urgency stays (sla.CanDelete).
// Every open request's clocks follow.
type DeletePolicy struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
}

// Name names the command.
func (DeletePolicy) Name() string { return "sla.deletePolicy" }

func (c DeletePolicy) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	all, err := tx.Policies(ctx)
	if err != nil {
		return struct{}{}, err
	}
	p, found := sla.Find(all, c.ID)
	if !found {
		return struct{}{}, policyNotFound()
	}
	if p.Version != c.Version {
		return struct{}{}, apperr.Stale("policy")
	}
	if err := sla.CanDelete(p); err != nil {
		return struct{}{}, err
	}
	if err := tx.DeletePolicy(ctx, c.ID, c.Version); err != nil {
		return struct{}{}, err
	}
	return struct{}{}, tx.Audit(ctx, audit.EntityPolicy, c.ID, audit.ActionDelete, p, nil)
}

// policyNotFound is the error for a policy that is not (or no longer)
// stored.
func policyNotFound() error {
	return apperr.Missing("policy")
}
