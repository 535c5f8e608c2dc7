package command

import (
	"context"
	"encoding/json"

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
//
// Base are the values the edit started from, noted when it is first
// carried out: the team server merges an edit made offline field by field
// against them (request.MergeFields).
type UpdateRequest struct {
	ID      string          `json:"id"`
	Version int64           `json:"version"`
	Fields  request.Fields  `json:"fields"`
	Base    *request.Fields `json:"base,omitempty"`
}

func (c UpdateRequest) requestID() string { return c.ID }

func (c UpdateRequest) withBase(ctx context.Context, tx *store.Tx) (any, error) {
	if c.Base == nil {
		r, err := tx.Request(ctx, c.ID)
		if err != nil {
			return c, err
		}
		c.Base = &r.Fields
	}
	return c, nil
}

// rebase merges an edit made offline into the request as the server has
// it: the fields it changed take its values, unless the server's changed
// differently meanwhile, which keep theirs and are reported. A request
// closed meanwhile refuses the edit.
func (c UpdateRequest) rebase(ctx context.Context, tx *store.Tx) (Command[request.Request], Outcome, error) {
	r, err := tx.Request(ctx, c.ID)
	if err != nil {
		return c, Outcome{}, err
	}
	if r.Status.Closed() {
		return c, Outcome{}, apperr.New(apperr.Conflict, "sync_request_closed", apperr.P{"status": r.Status.Term()})
	}
	c.Version = r.Version
	if c.Base == nil {
		return c, Outcome{}, nil
	}
	merged, conflicts, err := request.MergeFields(c.Base.Normalize(), c.Fields.Normalize(), r.Fields)
	if err != nil {
		return c, Outcome{}, err
	}
	c.Fields = merged
	if len(conflicts) > 0 {
		return c, Outcome{Partial: request.FieldConflict(conflicts)}, nil
	}
	return c, Outcome{}, nil
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

// ResolveOnCall registers a consultation answered during the call and
// closes it on the short path in the same transaction (当场解决): the
// request is created (CreateRequest), triaged to the department on the
// short path, assigned to the person taking the call, started, its call,
// result note and feedback recorded (SaveRecord), and it takes the steps
// give_result, send_result and archive (MoveRequest), each with its own
// guards and audit entry, exactly as if they were taken one by one; any
// refusal writes nothing. request.PlanOnCall makes the records.
type ResolveOnCall struct {
	Fields request.Fields `json:"fields"`
	OnCall request.OnCall `json:"onCall"`
}

// Name names the command.
func (ResolveOnCall) Name() string { return "request.resolveOnCall" }

func (c ResolveOnCall) run(ctx context.Context, tx *store.Tx) (request.Request, error) {
	actor, err := tx.Actor(ctx)
	if err != nil {
		return request.Request{}, err
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return request.Request{}, err
	}
	f := c.Fields.Normalize()
	recs, err := request.PlanOnCall(f, c.OnCall, actor, tx.Now(), zone)
	if err != nil {
		return request.Request{}, err
	}
	r, err := Within(ctx, tx, CreateRequest{Fields: f})
	if err != nil {
		return request.Request{}, err
	}
	record := func(kind request.RecordKind, body any) error {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		_, err = Within(ctx, tx, SaveRecord{Input: request.RecordInput{RequestID: r.ID, Kind: kind, Body: raw}})
		return err
	}
	for _, a := range request.OnCallSteps {
		switch a {
		case request.ActGiveResult:
			if err := record(request.KindCommunication, recs.Call); err != nil {
				return request.Request{}, err
			}
			if err := record(request.KindResultNote, recs.Result); err != nil {
				return request.Request{}, err
			}
		case request.ActArchive:
			if err := record(request.KindFeedback, recs.Feedback); err != nil {
				return request.Request{}, err
			}
		}
		m := request.Move{Action: a}
		switch a {
		case request.ActTriage:
			m.Department, m.Path = c.OnCall.Department, request.PathShort
		case request.ActAssign:
			m.Owner = actor
		case request.ActSendResult:
			m.Comment = "当场告知客户"
		}
		cur, err := tx.Request(ctx, r.ID)
		if err != nil {
			return request.Request{}, err
		}
		if r, err = Within(ctx, tx, MoveRequest{ID: r.ID, Version: cur.Version, Move: m, From: cur.Status}); err != nil {
			return request.Request{}, err
		}
	}
	return r, nil
}
