package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// MoveRequest takes a step of the lifecycle (triage, assign, … archive,
// hold, reject) on the request with id, from the version the user read.
// request.Step decides whether the step is allowed and what it changes.
//
// From is the status the step started from, noted when it is first carried
// out: the team server judges a step made offline by it (request.StepFrom).
type MoveRequest struct {
	ID      string         `json:"id"`
	Version int64          `json:"version"`
	Move    request.Move   `json:"move"`
	From    request.Status `json:"from,omitempty"`
}

func (c MoveRequest) requestID() string { return c.ID }

func (c MoveRequest) withBase(ctx context.Context, tx *store.Tx) (any, error) {
	if c.From == "" {
		r, err := tx.Request(ctx, c.ID)
		if err != nil {
			return c, err
		}
		c.From = r.Status
	}
	return c, nil
}

// rebase judges a step made offline against the request as the server has
// it: by the status it started from, not the version (see request.StepFrom).
func (c MoveRequest) rebase(ctx context.Context, tx *store.Tx) (Command[request.Request], Outcome, error) {
	r, err := tx.Request(ctx, c.ID)
	if err != nil {
		return c, Outcome{}, err
	}
	c.Version = r.Version
	last, ok, err := tx.LastTransition(ctx, c.ID)
	if err != nil {
		return c, Outcome{}, err
	}
	var lastp *request.Transition
	if ok {
		lastp = &last
	}
	noop, err := request.StepFrom(c.From, c.Move.Action, r.Status, lastp)
	return c, Outcome{Noop: noop}, err
}

// Name names the command.
func (MoveRequest) Name() string { return "request.move" }

func (c MoveRequest) run(ctx context.Context, tx *store.Tx) (request.Request, error) {
	before, err := tx.Request(ctx, c.ID)
	if err != nil {
		return request.Request{}, err
	}
	if before.Version != c.Version {
		return request.Request{}, apperr.Stale("request")
	}
	in := request.StepInput{Now: tx.Now()}
	if in.Zone, err = tx.Zone(ctx); err != nil {
		return request.Request{}, err
	}
	if in.Records, err = tx.Records(ctx, c.ID); err != nil {
		return request.Request{}, err
	}
	if in.Acting, err = tx.Acting(ctx); err != nil {
		return request.Request{}, err
	}
	if in.Staff, err = tx.Staff(ctx); err != nil {
		return request.Request{}, err
	}
	if c.Move.Action == request.ActTriage && c.Move.Department != "" {
		if in.Lists, err = tx.Vocabularies(ctx); err != nil {
			return request.Request{}, err
		}
	}
	if c.Move.Action == request.ActReject && c.Move.DuplicateOf != "" {
		named, err := tx.FindRequest(ctx, c.Move.DuplicateOf, c.ID)
		if err != nil {
			return request.Request{}, err
		}
		// A duplicate points to the request kept, not to another duplicate.
		if named != "" {
			if in.DuplicateID, err = request.KeptRequest(c.ID, named, func(id string) (string, error) {
				return tx.DuplicateOf(ctx, id)
			}); err != nil {
				return request.Request{}, err
			}
		}
	}
	if c.Move.Action == request.ActRestore {
		// Restoring returns to the status the last step closed it from.
		last, ok, err := tx.LastTransition(ctx, c.ID)
		if err != nil {
			return request.Request{}, err
		}
		if ok {
			in.ClosedFrom = request.ClosedFrom(before.Status, last)
		}
	}
	res, err := request.Step(before, c.Move, in)
	if err != nil {
		return request.Request{}, err
	}
	if err := savePlanChange(ctx, tx, before.ID, res.Plan); err != nil {
		return request.Request{}, err
	}
	tr := request.Transition{ID: tx.NewID(), At: tx.Now(), Actor: in.Acting.Actor, Action: c.Move.Action,
		From: before.Status, To: res.Request.Status, Comment: res.Comment}
	if err := tx.SaveStep(ctx, res.Request, before.Version, tr); err != nil {
		return request.Request{}, err
	}
	after, err := tx.Request(ctx, c.ID)
	if err != nil {
		return request.Request{}, err
	}
	if err := linkDuplicate(ctx, tx, before, after); err != nil {
		return request.Request{}, err
	}
	// The audit entry of the step: its transition keeps it.
	return after, tx.AuditStep(ctx, tr, before, after)
}

// savePlanChange writes the plan records a step changed: the current plan
// rewritten, and a new version added when the step sent it back.
func savePlanChange(ctx context.Context, tx *store.Tx, requestID string, pc *request.PlanChange) error {
	if pc == nil {
		return nil
	}
	after, err := tx.RewriteRecord(ctx, pc.Record, pc.Plan)
	if err != nil {
		return err
	}
	if err := tx.Audit(ctx, audit.EntityRecord, requestID, audit.ActionUpdate, pc.Record, after); err != nil {
		return err
	}
	if pc.Next == nil {
		return nil
	}
	created, err := tx.AddRecord(ctx, requestID, request.KindPlan, "", *pc.Next)
	if err != nil {
		return err
	}
	return tx.Audit(ctx, audit.EntityRecord, requestID, audit.ActionCreate, nil, created)
}
