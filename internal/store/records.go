package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

var recordColumns = uuidText("id") + `, ` + reqIDOf + `, kind, coalesce(` + uuidText("parent_id") +
	`, ''), body, created_by, created_at, updated_at, version`

// scanRecord reads a row of recordColumns: the times kept as Unix
// milliseconds (0028), or a text 0028 kept as it was.
func scanRecord(sc interface{ Scan(...any) error }) (request.Record, error) {
	var r request.Record
	var body []byte
	var created, updated any
	err := sc.Scan(&r.ID, &r.RequestID, &r.Kind, &r.ParentID, &body, &r.CreatedBy, &created, &updated, &r.Version)
	r.Body = recordBody(body)
	r.CreatedAt, r.UpdatedAt = storedTime(created), storedTime(updated)
	return r, err
}

func (s *Store) records(ctx context.Context, q queryer, requestID string) ([]request.Record, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+recordColumns+` FROM request_records WHERE req = `+reqOf+`
		ORDER BY created_at, id`, requestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []request.Record{}
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (s *Store) recordByID(ctx context.Context, q queryer, id string) (request.Record, error) {
	r, err := scanRecord(q.QueryRowContext(ctx, `SELECT `+recordColumns+` FROM request_records WHERE id = ?`, idKey(id)))
	if err == sql.ErrNoRows {
		return r, notFound("record")
	}
	return r, err
}

// Record loads a stage record for a change.
func (t *Tx) Record(ctx context.Context, id string) (request.Record, error) {
	return t.s.recordByID(ctx, t, id)
}

// InsertRecord adds a stage record with the checked body (see
// request.SaveRecord), recorded by the actor, and derives its request's
// rows again.
func (t *Tx) InsertRecord(ctx context.Context, requestID string, kind request.RecordKind, parentID string, body any) (request.Record, error) {
	rec, err := t.AddRecord(ctx, requestID, kind, parentID, body)
	if err != nil {
		return rec, err
	}
	return rec, t.s.refreshClocks(ctx, t, requestID)
}

// UpdateRecord replaces the body of rec, read at its version, and derives
// its request's rows again; a record changed since is refused as stale.
func (t *Tx) UpdateRecord(ctx context.Context, rec request.Record, body any) (request.Record, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return request.Record{}, err
	}
	idx := request.IndexOf(body)
	packed, err := packBody(string(rec.Kind), raw)
	if err != nil {
		return request.Record{}, err
	}
	res, err := t.ExecContext(ctx, `UPDATE request_records SET body = ?, owner = ?, status = ?, due = ?, updated_at = ?,
		version = version + 1 WHERE id = ? AND version = ?`,
		packed, idx.Owner, idx.Status, idx.Due, millis(t.now), idKey(rec.ID), rec.Version)
	if err != nil {
		return request.Record{}, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = stale("record")
		}
		return request.Record{}, err
	}
	if err := t.s.writeDeps(ctx, t, idKey(rec.ID), rec.Kind, idx.DependsOn); err != nil {
		return request.Record{}, err
	}
	out, err := t.s.recordByID(ctx, t, rec.ID)
	if err != nil {
		return out, err
	}
	return out, t.s.refreshClocks(ctx, t, rec.RequestID)
}

// DeleteRecord removes rec, read at its version, and derives its request's
// rows again.
func (t *Tx) DeleteRecord(ctx context.Context, rec request.Record) error {
	res, err := t.ExecContext(ctx, `DELETE FROM request_records WHERE id = ? AND version = ?`, idKey(rec.ID), rec.Version)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = stale("record")
		}
		return err
	}
	return t.s.refreshClocks(ctx, t, rec.RequestID)
}

// writeIndex writes the columns kept of a record's body (see
// request.IndexOf): owner, status, due date, and what it depends on. key
// is the record's id as the table keeps it: idKey of the id since 0039.
func (s *Store) writeIndex(ctx context.Context, tx *Tx, key any, kind request.RecordKind, body any) error {
	if kind != request.KindTask && kind != request.KindSubRequirement && kind != request.KindComplaint {
		return nil // no columns kept
	}
	idx := request.IndexOf(body)
	if _, err := tx.ExecContext(ctx, `UPDATE request_records SET owner = ?, status = ?, due = ? WHERE id = ?`,
		idx.Owner, idx.Status, idx.Due, key); err != nil {
		return err
	}
	return s.writeDeps(ctx, tx, key, kind, idx.DependsOn)
}

// writeDeps replaces the dependencies kept of a record, keyed as
// writeIndex says; only tasks and sub-requirements have any.
func (s *Store) writeDeps(ctx context.Context, tx *Tx, key any, kind request.RecordKind, deps []string) error {
	if kind != request.KindTask && kind != request.KindSubRequirement {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM request_record_deps WHERE record_id = ?`, key); err != nil {
		return err
	}
	for _, d := range deps {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO request_record_deps (record_id, depends_on) VALUES (?, ?)`,
			key, idKey(d)); err != nil {
			return err
		}
	}
	return nil
}

// checkRecords reads every stage record's body as the program does
// (request.DecodeRecord) and names, in Chinese, the damaged ones with their
// request: a damaged body stops the changes that read it, and the health
// check is where it shows before anyone meets it.
func (s *Store) checkRecords(ctx context.Context) ([]string, error) {
	const shown = 50 // the rest are counted
	var out []string
	n := 0
	err := eachRow(ctx, s.read, `SELECT `+uuidText("k.id")+`, k.kind, k.body, r.number FROM request_records k
		JOIN requests r ON r.seq = k.req ORDER BY r.seq, k.created_at`, nil, func(rows *sql.Rows) error {
		var rec request.Record
		var body []byte
		var number string
		if err := rows.Scan(&rec.ID, &rec.Kind, &body, &number); err != nil {
			return err
		}
		rec.Body = recordBody(body)
		if _, err := request.DecodeRecord(rec); err != nil {
			if n++; n > shown {
				return nil
			}
			msg := err.Error()
			if e, ok := apperr.As(err); ok {
				msg = e.Message
			}
			out = append(out, "需求 "+number+"："+msg)
		}
		return nil
	})
	if n > shown {
		out = append(out, fmt.Sprintf("另有 %d 条记录的内容已损坏", n-shown))
	}
	return out, err
}
