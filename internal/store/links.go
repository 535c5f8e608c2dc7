package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/request"
)

// MaxLinks bounds the links a request page lists (either way).
const MaxLinks = 200

// links reads the links of request id, both ways, oldest first.
func (s *Store) links(ctx context.Context, q queryer, id string) ([]request.Link, error) {
	out := []request.Link{}
	err := eachRow(ctx, q, `SELECT id, from_id, to_id, kind, note, created_by, created_at FROM (
			SELECT * FROM request_links WHERE from_id = ?
			UNION ALL SELECT * FROM request_links WHERE to_id = ? AND from_id <> ?)
		ORDER BY created_at, id LIMIT ?`, []any{id, id, id, MaxLinks}, func(rows *sql.Rows) error {
		var l request.Link
		var at string
		if err := rows.Scan(&l.ID, &l.FromID, &l.ToID, &l.Kind, &l.Note, &l.CreatedBy, &at); err != nil {
			return err
		}
		l.CreatedAt = parseTS(at)
		out = append(out, l)
		return nil
	})
	return out, err
}

// Links loads request id's links, both ways, for a change.
func (t *Tx) Links(ctx context.Context, id string) ([]request.Link, error) {
	return t.s.links(ctx, t, id)
}

// Link loads one link for a change.
func (t *Tx) Link(ctx context.Context, id string) (request.Link, error) {
	var l request.Link
	var at string
	err := t.QueryRowContext(ctx, `SELECT id, from_id, to_id, kind, note, created_by, created_at FROM request_links
		WHERE id = ?`, id).Scan(&l.ID, &l.FromID, &l.ToID, &l.Kind, &l.Note, &l.CreatedBy, &at)
	if err == sql.ErrNoRows {
		return l, notFound("link")
	}
	l.CreatedAt = parseTS(at)
	return l, err
}

// InsertLink saves a new link with a fresh id, made now by who acts.
func (t *Tx) InsertLink(ctx context.Context, l request.Link) (request.Link, error) {
	by, err := t.Actor(ctx)
	if err != nil {
		return l, err
	}
	l.ID, l.CreatedBy, l.CreatedAt = t.NewID(), by, t.Now()
	now := t.s.ts(t.Now())
	_, err = t.ExecContext(ctx, `INSERT INTO request_links (id, from_id, to_id, kind, note, created_by, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, l.ID, l.FromID, l.ToID, l.Kind, l.Note, l.CreatedBy, now, now)
	return l, err
}

// DeleteLink removes a link.
func (t *Tx) DeleteLink(ctx context.Context, id string) error {
	_, err := t.ExecContext(ctx, `DELETE FROM request_links WHERE id = ?`, id)
	return err
}

// DuplicateOf is the request that request id was closed as a duplicate
// of, "" when none.
func (t *Tx) DuplicateOf(ctx context.Context, id string) (string, error) {
	var dup sql.NullString
	err := t.QueryRowContext(ctx, `SELECT duplicate_of FROM requests WHERE id = ? AND status = ?`, id,
		request.StatusRejected).Scan(&dup)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return dup.String, err
}

// LinkedRequests are request id's links as its page shows them: each with
// the other request's number, title and status, a pair linked twice the
// same way (two laptops offline) shown once.
func (s *Store) LinkedRequests(ctx context.Context, id string) ([]request.LinkedRequest, error) {
	ls, err := s.links(ctx, s.read, id)
	if err != nil {
		return nil, err
	}
	out := []request.LinkedRequest{}
	seen := map[string]bool{}
	for _, l := range ls {
		lr := request.LinkedRequest{Link: l, Outgoing: l.FromID == id, ID: l.ToID}
		if !lr.Outgoing {
			lr.ID = l.FromID
		}
		key := string(l.Kind) + "|" + lr.ID
		if lr.Outgoing || l.Kind == request.LinkRelated {
			key += "|out"
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		if err := s.read.QueryRowContext(ctx, `SELECT number, title, status FROM requests WHERE id = ?`, lr.ID).
			Scan(&lr.Number, &lr.Title, &lr.Status); err != nil {
			if err == sql.ErrNoRows {
				continue
			}
			return nil, err
		}
		out = append(out, lr)
	}
	return out, nil
}
