package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// CreateRequest registers a request from the fields typed at intake: it
// gets the next number of the configured pattern for its receipt time, the
// status registered and its type's default path. request.Register decides
// whether the fields may be saved.
type CreateRequest struct {
	Fields request.Fields `json:"fields"`
}

// Name names the command.
func (CreateRequest) Name() string { return "request.create" }

func (c CreateRequest) run(ctx context.Context, tx *store.Tx) (request.Request, error) {
	f, err := followMerges(ctx, tx, c.Fields.Normalize())
	if err != nil {
		return request.Request{}, err
	}
	in, err := tx.FieldsCheck(ctx, f)
	if err != nil {
		return request.Request{}, err
	}
	r, err := request.Register(f, in)
	if err != nil {
		return request.Request{}, err
	}
	if r.Number, err = tx.NextNumber(ctx, r.Fields.ReceivedAt); err != nil {
		return request.Request{}, err
	}
	r.ID = tx.NewID()
	if r, err = tx.InsertRequest(ctx, r); err != nil {
		return request.Request{}, err
	}
	return r, tx.Audit(ctx, audit.EntityRequest, r.ID, audit.ActionCreate, nil, r)
}

// UpdateRequest changes the fields of the request with id, from the
// version the user read. request.Edit decides whether the request may be
// changed and the fields saved; fields that come out as saved change
// nothing, not even the version.
type UpdateRequest struct {
	ID      string         `json:"id"`
	Version int64          `json:"version"`
	Fields  request.Fields `json:"fields"`
}

// Name names the command.
func (UpdateRequest) Name() string { return "request.update" }

func (c UpdateRequest) run(ctx context.Context, tx *store.Tx) (request.Request, error) {
	before, err := tx.Request(ctx, c.ID)
	if err != nil {
		return request.Request{}, err
	}
	if before.Version != c.Version {
		return request.Request{}, apperr.Stale("request")
	}
	f, err := followMerges(ctx, tx, c.Fields.Normalize())
	if err != nil {
		return request.Request{}, err
	}
	in, err := tx.FieldsCheck(ctx, f)
	if err != nil {
		return request.Request{}, err
	}
	r, changed, err := request.Edit(before, f, in)
	if err != nil || !changed {
		return r, err
	}
	if r, err = tx.SaveFields(ctx, r, before.Version); err != nil {
		return request.Request{}, err
	}
	return r, tx.Audit(ctx, audit.EntityRequest, r.ID, audit.ActionUpdate, before, r)
}

// SaveDraft keeps the unfinished form typed so far under key (the intake
// form, per account on a network); an empty body discards it.
// request.CheckDraft decides what may be kept. Drafts are scratch work, not
// records, so they are not audited.
type SaveDraft struct {
	Key  string `json:"key"`
	Body string `json:"body"`
}

// Name names the command.
func (SaveDraft) Name() string { return "draft.save" }

func (c SaveDraft) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	if err := request.CheckDraft(c.Body); err != nil {
		return struct{}{}, err
	}
	return struct{}{}, tx.SaveDraft(ctx, c.Key, c.Body)
}

// followMerges points fields that name a customer since merged into another
// at the one it became (store.Tx.CustomerID): a request registered offline
// for a customer a supervisor merged meanwhile lands on the merged customer.
func followMerges(ctx context.Context, tx *store.Tx, f request.Fields) (request.Fields, error) {
	if f.CustomerID == "" {
		return f, nil
	}
	id, err := tx.CustomerID(ctx, f.CustomerID)
	f.CustomerID = id
	return f, err
}
