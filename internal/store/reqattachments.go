package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/document"
)

// Files attached to a request are kept like documents' scans: the file by
// its content hash in the attachments folder (internal/blobs), the row in
// request_attachments naming it. Removing one deletes its row; the file
// stays, since equal files are shared and files are never deleted.

const requestAttachmentCols = `id, request_id, file_name, mime, size, sha256, note, added_at, added_by, version`

func scanRequestAttachment(sc interface{ Scan(...any) error }) (attachment.Attachment, error) {
	var a attachment.Attachment
	var at string
	err := sc.Scan(&a.ID, &a.RequestID, &a.FileName, &a.Mime, &a.Size, &a.SHA256, &a.Note, &at, &a.AddedBy, &a.Version)
	a.AddedAt = parseTS(at)
	if t, ok := attachment.TypeOf(a.Mime); ok {
		a.Kind = t.Kind
	}
	return a, err
}

// RequestAttachments lists a request's attached files, oldest first.
func (s *Store) RequestAttachments(ctx context.Context, requestID string) ([]attachment.Attachment, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+requestAttachmentCols+` FROM request_attachments
		WHERE request_id = ? ORDER BY added_at, id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []attachment.Attachment{}
	for rows.Next() {
		a, err := scanRequestAttachment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RequestAttachment returns an attached file with its content, checked
// against its hash.
func (s *Store) RequestAttachment(ctx context.Context, id string) (attachment.Attachment, []byte, error) {
	a, err := scanRequestAttachment(s.read.QueryRowContext(ctx, `SELECT `+requestAttachmentCols+`
		FROM request_attachments WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return a, nil, notFound("file")
	}
	if err != nil {
		return a, nil, err
	}
	data, err := s.attachmentBytes(document.Attachment{ID: a.ID, FileName: a.FileName, SHA256: a.SHA256})
	return a, data, err
}

// RequestAttachment loads an attached file's row for a change.
func (t *Tx) RequestAttachment(ctx context.Context, id string) (attachment.Attachment, error) {
	a, err := scanRequestAttachment(t.QueryRowContext(ctx, `SELECT `+requestAttachmentCols+`
		FROM request_attachments WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return a, notFound("file")
	}
	return a, err
}

// InsertRequestAttachment keeps a checked file (before the row that refers
// to it is committed) and attaches it to the request.
func (t *Tx) InsertRequestAttachment(ctx context.Context, requestID string, typ attachment.Type, name, note string, data []byte) (attachment.Attachment, error) {
	actor, err := t.Actor(ctx)
	if err != nil {
		return attachment.Attachment{}, err
	}
	sum, err := t.s.files.Put(data)
	if err != nil {
		return attachment.Attachment{}, fmt.Errorf("keep attachment file in %s: %w", t.s.files.Root(), err)
	}
	now := t.s.ts(t.now)
	a := attachment.Attachment{ID: t.NewID(), RequestID: requestID, FileName: name, Mime: typ.Mime, Kind: typ.Kind,
		Size: int64(len(data)), SHA256: sum, Note: note, AddedAt: parseTS(now), AddedBy: actor, Version: 1}
	_, err = t.ExecContext(ctx, `INSERT INTO request_attachments (id, request_id, file_name, mime, size, sha256, note,
		added_at, added_by, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		a.ID, requestID, a.FileName, a.Mime, a.Size, a.SHA256, a.Note, now, actor, now, now)
	return a, err
}

// DeleteRequestAttachment removes an attached file's row read at version;
// the file itself stays.
func (t *Tx) DeleteRequestAttachment(ctx context.Context, id string, version int64) error {
	res, err := t.ExecContext(ctx, `DELETE FROM request_attachments WHERE id = ? AND version = ?`, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return stale("file")
	}
	return nil
}
