package store

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/classify"
)

// The 需求分类标准表 is team data (synced): one row per request type.

const classificationCols = `id, request_type, category, department, urgency, examples, position, updated_at, version`

func (s *Store) classification(ctx context.Context, q queryer) ([]classify.Entry, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+classificationCols+` FROM classification_standard ORDER BY position, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []classify.Entry{}
	for rows.Next() {
		var e classify.Entry
		var at string
		if err := rows.Scan(&e.ID, &e.Type, &e.Category, &e.Department, &e.Urgency, &e.Examples, &e.Position, &at, &e.Version); err != nil {
			return nil, err
		}
		e.UpdatedAt = parseTS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Classification returns the classification standard in its order.
func (s *Store) Classification(ctx context.Context) ([]classify.Entry, error) {
	return s.classification(ctx, s.read)
}

// Classification loads the classification standard for a change.
func (t *Tx) Classification(ctx context.Context) ([]classify.Entry, error) {
	return t.s.classification(ctx, t)
}

// SaveClassification adds a line (in.ID empty: under the id given) or
// updates one read at in.Version.
func (t *Tx) SaveClassification(ctx context.Context, id string, in classify.Input) error {
	now := t.s.ts(t.now)
	if in.ID == "" {
		_, err := t.ExecContext(ctx, `INSERT INTO classification_standard (id, request_type, category, department, urgency,
			examples, position, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM classification_standard), ?, ?, 1)`,
			id, in.Type, in.Category, in.Department, in.Urgency, in.Examples, now, now)
		return err
	}
	res, err := t.ExecContext(ctx, `UPDATE classification_standard SET request_type = ?, category = ?, department = ?,
		urgency = ?, examples = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
		in.Type, in.Category, in.Department, in.Urgency, in.Examples, now, in.ID, in.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return stale("classification")
	}
	return nil
}

// DeleteClassification removes a line read at version.
func (t *Tx) DeleteClassification(ctx context.Context, id string, version int64) error {
	res, err := t.ExecContext(ctx, `DELETE FROM classification_standard WHERE id = ? AND version = ?`, id, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return stale("classification")
	}
	return nil
}
