package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// SaveRecord adds a stage record to a request (Input.ID empty) or replaces
// one's body (Input.ID and the version read). request.SaveRecord decides
// whether it may be saved and what its body becomes.
type SaveRecord struct {
	Input request.RecordInput `json:"input"`
}

// Name names the command.
func (SaveRecord) Name() string { return "record.save" }

func (c SaveRecord) run(ctx context.Context, tx *store.Tx) (request.Record, error) {
	in := c.Input
	s := request.RecordSave{Now: tx.Now()}
	var err error
	if s.Request, err = tx.Request(ctx, in.RequestID); err != nil {
		return request.Record{}, err
	}
	// A closed request is refused before anything else is read.
	if err := request.CheckWritable(s.Request); err != nil {
		return request.Record{}, err
	}
	if s.Staff, err = tx.Staff(ctx); err != nil {
		return request.Record{}, err
	}
	if s.Actor, err = tx.Actor(ctx); err != nil {
		return request.Record{}, err
	}
	if s.Records, err = tx.Records(ctx, in.RequestID); err != nil {
		return request.Record{}, err
	}
	if s.Zone, err = tx.Zone(ctx); err != nil {
		return request.Record{}, err
	}
	saved, err := request.SaveRecord(in, s)
	if err != nil {
		return request.Record{}, err
	}
	if err := checkScriptUse(ctx, tx, saved.Body); err != nil {
		return request.Record{}, err
	}
	if saved.Before == nil {
		out, err := tx.InsertRecord(ctx, in.RequestID, in.Kind, saved.ParentID, saved.Body)
		if err != nil {
			return out, err
		}
		return out, tx.Audit(ctx, audit.EntityRecord, in.RequestID, audit.ActionCreate, nil, out)
	}
	out, err := tx.UpdateRecord(ctx, *saved.Before, saved.Body)
	if err != nil {
		return out, err
	}
	return out, tx.Audit(ctx, audit.EntityRecord, in.RequestID, audit.ActionUpdate, saved.Before, out)
}

// DeleteRecord removes a stage record, read at Version, that nothing else
// refers to; request.DeleteRecord decides whether it may go.
type DeleteRecord struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
}

// Name names the command.
func (DeleteRecord) Name() string { return "record.delete" }

func (c DeleteRecord) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	rec, err := tx.Record(ctx, c.ID)
	if err != nil {
		return struct{}{}, err
	}
	if rec.Version != c.Version {
		return struct{}{}, apperr.Stale("record")
	}
	req, err := tx.Request(ctx, rec.RequestID)
	if err != nil {
		return struct{}{}, err
	}
	recs, err := tx.Records(ctx, rec.RequestID)
	if err != nil {
		return struct{}{}, err
	}
	if err := request.DeleteRecord(rec, c.Version, req, recs); err != nil {
		return struct{}{}, err
	}
	if err := tx.DeleteRecord(ctx, rec); err != nil {
		return struct{}{}, err
	}
	return struct{}{}, tx.Audit(ctx, audit.EntityRecord, rec.RequestID, audit.ActionDelete, rec, nil)
}

func (c SaveRecord) requestID() string { return c.Input.RequestID }
