package store

import (
	"context"
	"database/sql"
)

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
func (t *Tx) SaveDraft(ctx context.Context, key, body string) error {
	if body == "" {
		_, err := t.ExecContext(ctx, `DELETE FROM drafts WHERE key = ?`, key)
		return err
	}
	_, err := t.ExecContext(ctx, `INSERT INTO drafts (key, body, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`, key, body, t.s.ts(t.now))
	return err
}
