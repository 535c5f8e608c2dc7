package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// MaxDraft bounds a stored draft, in bytes.
const MaxDraft = 1 << 20

// Draft returns the unfinished form stored under key, or "" when there is none.
func (s *Store) Draft(ctx context.Context, key string) (string, error) {
	var body string
	err := s.read.QueryRowContext(ctx, `SELECT body FROM drafts WHERE key = ?`, key).Scan(&body)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return body, err
}

// SaveDraft stores an unfinished form under key; an empty body removes it.
// Drafts are scratch work, not records, so they are not audited.
func (s *Store) SaveDraft(ctx context.Context, key, body string) error {
	if len(body) > MaxDraft {
		return apperr.New(apperr.Invalid, "draft_too_large", nil)
	}
	if err := request.CheckDraft(body); err != nil {
		return err
	}
	if s.readOnly.Load() {
		return ErrReadOnly
	}
	if body == "" {
		_, err := s.write.ExecContext(ctx, `DELETE FROM drafts WHERE key = ?`, key)
		return err
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO drafts (key, body, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, key, body, s.ts(s.clock.Now()))
	return err
}
