package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/document"
)

// Attachments (scans and photos of signed paper copies) are files kept by
// content hash in the attachments folder beside the database (see
// internal/blobs); document_attachments holds their names, types and
// hashes. A file is written before the row that refers to it is committed
// and is never deleted: documents are versioned and nothing of them is
// ever removed, so a file no row refers to (a failed save) only takes room.

// AttachmentDir is the folder beside the database where attachment files
// are kept.
func AttachmentDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "attachments") }

// attachmentBytes reads an attachment's file, checked against its hash.
func (s *Store) attachmentBytes(a document.Attachment) ([]byte, error) {
	data, err := s.files.Get(a.SHA256)
	switch {
	case errors.Is(err, blobs.ErrMissing):
		return nil, apperr.New(apperr.NotFound, "attachment_missing", apperr.P{"name": a.FileName, "dir": s.files.Root()})
	case errors.Is(err, blobs.ErrCorrupt), !blobs.ValidSum(a.SHA256):
		return nil, apperr.New(apperr.NotFound, "attachment_corrupt", apperr.P{"name": a.FileName})
	case err != nil:
		return nil, fmt.Errorf("attachment %s: %w", a.ID, err)
	}
	return data, nil
}

// moveAttachmentsOut writes the attachment contents waiting in
// attachment_blobs (put there by migration 0007 or brought by a restored
// backup) out as files, and deletes each row once its file is in place, so
// that a crash at any point leaves either the row or the file, and running
// it again finishes the job. Only contents that some attachment refers to
// become files, each under the hash computed from the content itself; a
// row whose content does not match its hash is left where it is.
func (s *Store) moveAttachmentsOut(ctx context.Context) error {
	sums, err := queryIDs(ctx, s.write, `SELECT sha256 FROM attachment_blobs ORDER BY sha256`)
	if err != nil {
		return err
	}
	for _, key := range sums {
		var data []byte
		var refs int
		if err := s.write.QueryRowContext(ctx, `SELECT bytes, (SELECT count(*) FROM document_attachments WHERE sha256 = b.sha256)
			+ (SELECT count(*) FROM request_attachments WHERE sha256 = b.sha256)
			FROM attachment_blobs b WHERE sha256 = ?`, key).Scan(&data, &refs); err != nil {
			return err
		}
		if blobs.Sum(data) != key {
			continue // damaged: kept in the database rather than lost
		}
		if refs > 0 {
			if _, err := s.files.Put(data); err != nil {
				return fmt.Errorf("write attachment file into %s: %w", s.files.Root(), err)
			}
		}
		if _, err := s.write.ExecContext(ctx, `DELETE FROM attachment_blobs WHERE sha256 = ?`, key); err != nil {
			return err
		}
	}
	return nil
}

// embedAttachments copies into the snapshot at dest the attachment files
// its rows refer to, into attachment_blobs, so that the snapshot restores
// with its attachments wherever it is taken. A file that is missing or
// damaged is left out; Describe counts what a backup lacks. A snapshot of
// a schema without attachment_blobs holds its attachments in its rows.
func embedAttachments(ctx context.Context, dest string, files blobs.Dir) error {
	db, err := sql.Open("sqlite", "file:"+dest+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(DELETE)&_pragma=synchronous(FULL)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'attachment_blobs'`).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	var reqs int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'request_attachments'`).Scan(&reqs); err != nil {
		return err
	}
	q := `SELECT sha256 FROM document_attachments`
	if reqs > 0 {
		q += ` UNION SELECT sha256 FROM request_attachments`
	}
	sums, err := queryIDs(ctx, db, `SELECT sha256 FROM (`+q+`)
		WHERE sha256 NOT IN (SELECT sha256 FROM attachment_blobs) ORDER BY sha256`)
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, sum := range sums {
		data, err := files.Get(sum)
		if errors.Is(err, blobs.ErrMissing) || errors.Is(err, blobs.ErrCorrupt) || !blobs.ValidSum(sum) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO attachment_blobs (sha256, bytes) VALUES (?, ?)`, sum, data); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return db.Close()
}
