package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/classify"
	"github.com/reqdesk/reqdesk/internal/store"
)

func init() {
	registry[AddRequestAttachment{}.Name()] = kindOf[attachment.Attachment, AddRequestAttachment](true, "RequestsApp.AddAttachment")
	registry[RemoveRequestAttachment{}.Name()] = kindOf[struct{}, RemoveRequestAttachment](true, "RequestsApp.RemoveAttachment")
	registry[SaveClassification{}.Name()] = kindOf[classify.Entry, SaveClassification](true, "SettingsApp.SaveClassification")
	registry[DeleteClassification{}.Name()] = kindOf[struct{}, DeleteClassification](true, "SettingsApp.DeleteClassification")
}

// AddRequestAttachment attaches a file (a screenshot, log, contract,
// photo) to a request; attachment.Check judges it by its content.
type AddRequestAttachment struct {
	RequestID string           `json:"requestId"`
	File      attachment.Input `json:"file"`
}

// Name names the command.
func (AddRequestAttachment) Name() string { return "request.addAttachment" }

func (c AddRequestAttachment) requestID() string { return c.RequestID }

func (c AddRequestAttachment) run(ctx context.Context, tx *store.Tx) (attachment.Attachment, error) {
	typ, name, err := attachment.Check(c.File)
	if err != nil {
		return attachment.Attachment{}, err
	}
	if _, err := tx.Request(ctx, c.RequestID); err != nil {
		return attachment.Attachment{}, err
	}
	a, err := tx.InsertRequestAttachment(ctx, c.RequestID, typ, name, c.File.Note, c.File.Bytes)
	if err != nil {
		return a, err
	}
	return a, tx.Audit(ctx, audit.EntityAttachment, c.RequestID, audit.ActionCreate, nil, a)
}

// RemoveRequestAttachment detaches a file, read at Version, from its
// request. The file itself is kept (files are shared by content and never
// deleted), so the audit entry still names what was there.
type RemoveRequestAttachment struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
}

// Name names the command.
func (RemoveRequestAttachment) Name() string { return "request.removeAttachment" }

func (c RemoveRequestAttachment) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	a, err := tx.RequestAttachment(ctx, c.ID)
	if err != nil {
		return struct{}{}, err
	}
	if err := tx.DeleteRequestAttachment(ctx, c.ID, c.Version); err != nil {
		return struct{}{}, err
	}
	return struct{}{}, tx.Audit(ctx, audit.EntityAttachment, a.RequestID, audit.ActionDelete, a, nil)
}

// SaveClassification adds a line to the classification standard (Line.ID
// empty) or changes one read at Line.Version.
type SaveClassification struct {
	Line classify.Input `json:"line"`
}

// Name names the command.
func (SaveClassification) Name() string { return "classification.save" }

func (c SaveClassification) run(ctx context.Context, tx *store.Tx) (classify.Entry, error) {
	lists, err := tx.Vocabularies(ctx)
	if err != nil {
		return classify.Entry{}, err
	}
	std, err := tx.Classification(ctx)
	if err != nil {
		return classify.Entry{}, err
	}
	in, err := classify.Check(c.Line, lists, std)
	if err != nil {
		return classify.Entry{}, err
	}
	var before any
	id := in.ID
	if id == "" {
		id = tx.NewID()
	} else {
		found := false
		for _, e := range std {
			if e.ID == id {
				before, found = e, true
			}
		}
		if !found {
			return classify.Entry{}, apperr.Missing("classification")
		}
	}
	if err := tx.SaveClassification(ctx, id, in); err != nil {
		return classify.Entry{}, err
	}
	after, err := tx.Classification(ctx)
	if err != nil {
		return classify.Entry{}, err
	}
	for _, e := range after {
		if e.ID == id {
			action := audit.ActionUpdate
			if before == nil {
				action = audit.ActionCreate
			}
			return e, tx.Audit(ctx, audit.EntityClassification, id, action, before, e)
		}
	}
	return classify.Entry{}, apperr.Missing("classification")
}

// DeleteClassification removes a line, read at Version, from the standard.
type DeleteClassification struct {
	ID      string `json:"id"`
	Version int64  `json:"version"`
}

// Name names the command.
func (DeleteClassification) Name() string { return "classification.delete" }

func (c DeleteClassification) run(ctx context.Context, tx *store.Tx) (struct{}, error) {
	std, err := tx.Classification(ctx)
	if err != nil {
		return struct{}{}, err
	}
	for _, e := range std {
		if e.ID == c.ID {
			if err := tx.DeleteClassification(ctx, c.ID, c.Version); err != nil {
				return struct{}{}, err
			}
			return struct{}{}, tx.Audit(ctx, audit.EntityClassification, c.ID, audit.ActionDelete, e, nil)
		}
	}
	return struct{}{}, apperr.Missing("classification")
}
