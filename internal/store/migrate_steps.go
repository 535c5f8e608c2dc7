package store

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/report"

	"github.com/reqdesk/reqdesk/internal/request"
)

// goSteps are the Go steps of migrations, by the version of the SQL
// migration they follow: run in that migration's transaction right after
// its SQL, for what SQL cannot do, such as reading stored record bodies as
// the program reads them (request.DecodeRecord). A record body's shape
// changes this way: a new migration whose step rewrites every body of the
// kind into the new shape, since keys the program does not know are
// dropped the next time a record is saved.
var goSteps = map[int]func(ctx context.Context, tx *Tx) error{
	10: indexRecords,
	11: compactAudit,
	15: compactClocks,
	16: packAudit,
	19: rederiveMeasureRows,
	25: moveStepEntries,
	26: compactTransitions,
	28: recordTimes,
	31: remakeChangeLog,
	32: remakeChangeLog,
	33: recodeMetrics("request_metrics_old"),
	34: remakeChangeLog,
	35: recodeMetrics("request_metrics_0034"),
	37: remakeChangeLog,
	38: indexAll,
	39: remakeChangeLog,
	41: referAudit,
}

// recodeMetrics copies the measure rows (from old, the table as it was: see
// 0033 and 0035) into request_metrics a batch at a time in the order of the key,
// each of the current width written anew in today's form (encodeMetric)
// where it reads back as the row it was; a row that cannot be read, or one
// of an older width, is copied as it is (the start-up's rebuild and 0019
// deal with those). The counts must agree, or the migration fails and
// leaves the database as it was. The old table goes, with its triggers,
// which are made again on the new one with the index of the open rows.
func recodeMetrics(old string) func(ctx context.Context, tx *Tx) error {
	return func(ctx context.Context, tx *Tx) error {
		const batch = 5000
		out := newBulk(tx, "request_metrics", "received, request_id, department, open, data", 5)
		defer out.close()
		received := int64(math.MinInt64) // a receipt before 1970 is a time too
		id, copied := "", 0
		for {
			n := 0
			if err := eachRow(ctx, tx, `SELECT received, request_id, department, open, data FROM `+old+`
			WHERE (received, request_id) > (?, ?) ORDER BY received, request_id LIMIT ?`, []any{received, id, batch},
				func(sc *sql.Rows) error {
					var dept, data string
					var open int
					if err := sc.Scan(&received, &id, &dept, &open, &data); err != nil {
						return err
					}
					n++
					if m, err := decodeMetric(data); err == nil && metricWidth(data) == metricFields+1 {
						// A row that would not read back the same (a clock
						// that cannot be read is left out) is copied as it is.
						again := encodeMetric(m)
						if back, err := decodeMetric(again); err == nil && reflect.DeepEqual(back, m) {
							data = again
						}
					}
					return out.add(ctx, received, id, dept, open, data)
				}); err != nil {
				return err
			}
			if n == 0 {
				break
			}
			copied += n
		}
		if err := out.flush(ctx); err != nil {
			return err
		}
		var before, after int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM `+old+`), (SELECT count(*) FROM request_metrics)`).
			Scan(&before, &after); err != nil {
			return err
		}
		if before != copied || after != copied {
			return fmt.Errorf("measure rows: %d before, %d copied, %d after", before, copied, after)
		}
		for _, q := range []string{`DROP TABLE ` + old,
			`CREATE INDEX request_metrics_open ON request_metrics (department, data) WHERE open = 1`,
			`CREATE TRIGGER request_metrics_sums_insert AFTER INSERT ON request_metrics
		WHEN NEW.open = 0
		BEGIN
			UPDATE metric_changes SET seq = seq + 1 WHERE id = 1;
			DELETE FROM metric_sums WHERE department IN ('', NEW.department)
				AND period_from <= NEW.received AND period_to > NEW.received;
		END`,
			`CREATE TRIGGER request_metrics_sums_update AFTER UPDATE ON request_metrics
		WHEN (OLD.open = 0 OR NEW.open = 0) AND (OLD.data IS NOT NEW.data OR OLD.open IS NOT NEW.open
			OR OLD.received IS NOT NEW.received OR OLD.department IS NOT NEW.department)
		BEGIN
			UPDATE metric_changes SET seq = seq + 1 WHERE id = 1;
			DELETE FROM metric_sums WHERE department IN ('', OLD.department)
				AND period_from <= OLD.received AND period_to > OLD.received;
			DELETE FROM metric_sums WHERE department IN ('', NEW.department)
				AND period_from <= NEW.received AND period_to > NEW.received;
		END`,
			`CREATE TRIGGER request_metrics_sums_delete AFTER DELETE ON request_metrics
		WHEN OLD.open = 0
		BEGIN
			UPDATE metric_changes SET seq = seq + 1 WHERE id = 1;
			DELETE FROM metric_sums WHERE department IN ('', OLD.department)
				AND period_from <= OLD.received AND period_to > OLD.received;
		END`,
		} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
}

// history19 reads the transitions and records as they stood from 0019 to
// 0030 (see historyNow): both named their request by its id.
var history19 = historyShape{
	transitions: func(in string) string {
		return `SELECT request_id, id, at, actor, action, from_status, to_status, comment
			FROM request_transitions WHERE request_id IN ` + in + ` ORDER BY seq`
	},
	records: func(in string) string {
		return `SELECT id, request_id, kind, coalesce(parent_id, ''), body, created_by, created_at, updated_at, version
			FROM request_records WHERE request_id IN ` + in + ` AND kind IN ` + derivedKinds + ` ORDER BY created_at, id`
	},
}

// rederiveMeasureRows makes the measure rows written before plan 004's
// fields (0019) again from each request's history, a batch at a time,
// keeping the clocks the row holds: an upgrade does not recompute time
// limits. A row that cannot be read is left for the start-up's rebuild.
func rederiveMeasureRows(ctx context.Context, tx *Tx) error {
	// The step runs in an upgrade from before 0019, and by itself in a
	// test on the database of this version.
	cols, err := columns(ctx, tx, "request_transitions")
	if err != nil {
		return err
	}
	shape := history19
	if slices.Contains(cols, "req") {
		shape = historyNow
	}
	// The measure rows name their requests by id before 0040.
	mcols, err := columns(ctx, tx, "request_metrics")
	if err != nil {
		return err
	}
	byID := !slices.Contains(mcols, "req")
	readSQL := `SELECT ` + reqIDOf + `, data FROM request_metrics`
	if byID {
		readSQL = `SELECT request_id, data FROM request_metrics`
	}
	old := map[string]report.Row{}
	var ids []string
	if err := eachRow(ctx, tx, readSQL, nil, func(sc *sql.Rows) error {
		var id, data string
		if err := sc.Scan(&id, &data); err != nil {
			return err
		}
		if metricWidth(data) == metricFields+1 {
			return nil
		}
		if r, err := decodeMetric(data); err == nil {
			old[id] = r
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		return err
	}
	for len(ids) > 0 {
		n := min(deriveBatch, len(ids))
		reqs, seqs, err := requestsIn(ctx, tx, ids[:n])
		if err != nil {
			return err
		}
		trs, recs, err := historyOf(ctx, tx, reqs, shape)
		if err != nil {
			return err
		}
		for i, r := range reqs {
			row := report.Derive(r, trs[i], recs[i], nil)
			row.Clocks = old[r.ID].Clocks
			if !byID {
				err = writeMetrics(ctx, tx, seqs[i], row)
			} else {
				_, err = tx.ExecContext(ctx, `UPDATE request_metrics SET received = ?, department = ?, open = ?, data = ?
					WHERE request_id = ?`, unix(row.Received), row.Department, b2i(row.Live()), encodeMetric(row), r.ID)
			}
			if err != nil {
				return err
			}
		}
		ids = ids[n:]
	}
	return nil
}

// indexRecords fills the columns kept of the records' bodies (0010) for
// the records already there. A damaged body keeps empty columns; the
// health check reports it (checkRecords).
func indexRecords(ctx context.Context, tx *Tx) error {
	var recs []request.Record
	var keys []any // the ids as the table of 0010 keeps them (text)
	if err := eachRow(ctx, tx, `SELECT id, kind, body FROM request_records WHERE kind IN (?, ?)`,
		[]any{request.KindTask, request.KindSubRequirement}, func(rows *sql.Rows) error {
			var rec request.Record
			var key any
			var body string
			if err := rows.Scan(&key, &rec.Kind, &body); err != nil {
				return err
			}
			rec.ID, rec.Body = idText(key), []byte(body)
			recs, keys = append(recs, rec), append(keys, key)
			return nil
		}); err != nil {
		return err
	}
	for i, rec := range recs {
		body, err := request.DecodeRecord(rec)
		if err != nil {
			continue
		}
		if err := tx.s.writeIndex(ctx, tx, keys[i], rec.Kind, body); err != nil {
			return err
		}
	}
	return nil
}

// compactAudit converts the entries of the audit log written with full
// copies before and after (audit_log_full, see 0011) into the stored
// changes, a batch at a time, keeping each entry's seq, and drops the old
// table. Every converted entry is read back and compared with what History
// showed of the old one; the counts of both tables must agree, or the
// migration fails and its transaction leaves the database as it was.
func compactAudit(ctx context.Context, tx *Tx) error {
	const batch = 2000
	out := newBulk(tx, "audit_log", "seq, "+auditColumns, 1+auditWidth)
	defer out.close()
	last, converted := int64(0), 0
	for {
		type entry struct {
			seq                                     int64
			id, at, actor, entity, entityID, action string
			before, after                           []byte
		}
		var es []entry
		if err := eachRow(ctx, tx, `SELECT seq, id, at, actor, entity, entity_id, action,
			coalesce(before, ''), coalesce(after, '') FROM audit_log_full WHERE seq > ? ORDER BY seq LIMIT ?`,
			[]any{last, batch}, func(rows *sql.Rows) error {
				var e entry
				var before, after string
				if err := rows.Scan(&e.seq, &e.id, &e.at, &e.actor, &e.entity, &e.entityID, &e.action, &before, &after); err != nil {
					return err
				}
				e.before, e.after = []byte(before), []byte(after)
				es = append(es, e)
				return nil
			}); err != nil {
			return err
		}
		if len(es) == 0 {
			break
		}
		for _, e := range es {
			changes := audit.Compact(e.before, e.after)
			got, err := audit.Decode(changes)
			if err != nil {
				return fmt.Errorf("audit entry %s: %w", e.id, err)
			}
			if want := audit.Diff(e.before, e.after); !sameChanges(got, want) {
				return fmt.Errorf("audit entry %s: the stored changes %s do not give back %v", e.id, changes, want)
			}
			id := idKey(e.id)
			if idText(id) != e.id {
				id = e.id
			}
			var at any = e.at
			if t, err := time.Parse(timeLayout, e.at); err == nil && tx.s.ts(t) == e.at {
				at = millis(t)
			}
			if err := out.add(ctx, e.seq, id, at, e.actor, e.entity, e.entityID, e.action, changes); err != nil {
				return err
			}
			last = e.seq
		}
		converted += len(es)
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	var before, after int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit_log_full), (SELECT count(*) FROM audit_log)`).
		Scan(&before, &after); err != nil {
		return err
	}
	if before != converted || after != converted {
		return fmt.Errorf("audit log: %d entries before, %d converted, %d after", before, converted, after)
	}
	_, err := tx.ExecContext(ctx, `DROP TABLE audit_log_full`)
	return err
}

func sameChanges(a, b []audit.Change) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// compactClocks moves the clocks kept with text times (request_clocks_text,
// see 0015) into request_clocks with Unix milliseconds, a batch at a time,
// and drops the old table. A time is converted only when it is in the
// store's own form and reads back as the same text; the clocks of a request
// with any other are derived again from the request instead (they are
// derived rows: the same as the program writes), by the start-up's
// rebuild, which derives every request without a measure row (this
// version's program writes clocks of another shape, 0030). The counts must
// agree, or the migration fails and its transaction leaves the database as
// it was.
func compactClocks(ctx context.Context, tx *Tx) error {
	const batch = 5000
	out := newBulk(tx, "request_clocks", `request_id, kind, start_at, due_at, done_at, allowance, clock`, 7)
	defer out.close()
	// at converts one stored time; ok is false for a text not in the
	// store's form. A NULL stays NULL.
	at := func(v sql.NullString) (any, bool) {
		if !v.Valid {
			return nil, true
		}
		t, err := time.Parse(timeLayout, v.String)
		if err != nil || tx.s.ts(t) != v.String {
			return nil, false
		}
		return clockAt(t), true
	}
	type clockRow struct {
		requestID, kind, clock string
		start, due, done       sql.NullString
		allowance              int64
	}
	last, converted, skipped := int64(0), 0, 0
	rederive := map[string]bool{}
	var again []string
	for {
		var cs []clockRow
		if err := eachRow(ctx, tx, `SELECT rowid, request_id, kind, start_at, due_at, done_at, allowance, clock
			FROM request_clocks_text WHERE rowid > ? ORDER BY rowid LIMIT ?`, []any{last, batch}, func(rows *sql.Rows) error {
			var c clockRow
			if err := rows.Scan(&last, &c.requestID, &c.kind, &c.start, &c.due, &c.done, &c.allowance, &c.clock); err != nil {
				return err
			}
			cs = append(cs, c)
			return nil
		}); err != nil {
			return err
		}
		if len(cs) == 0 {
			break
		}
		for _, c := range cs {
			start, ok1 := at(c.start)
			due, ok2 := at(c.due)
			done, ok3 := at(c.done)
			if !c.start.Valid || !ok1 || !ok2 || !ok3 {
				if !rederive[c.requestID] {
					rederive[c.requestID] = true
					again = append(again, c.requestID)
				}
				skipped++
				continue
			}
			if err := out.add(ctx, c.requestID, c.kind, start, due, done, c.allowance, c.clock); err != nil {
				return err
			}
			converted++
		}
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	var before, after int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM request_clocks_text), (SELECT count(*) FROM request_clocks)`).
		Scan(&before, &after); err != nil {
		return err
	}
	if before != converted+skipped || after != converted {
		return fmt.Errorf("time-limit clocks: %d rows before, %d converted, %d to derive again, %d after",
			before, converted, skipped, after)
	}
	if _, err := tx.ExecContext(ctx, `DROP TABLE request_clocks_text`); err != nil {
		return err
	}
	if len(again) == 0 {
		return nil
	}
	// Their clocks go, the ones converted too, with their measure rows:
	// the rebuild derives both from what the database holds.
	for len(again) > 0 {
		n := min(500, len(again))
		for _, q := range []string{`DELETE FROM request_clocks WHERE request_id IN (`,
			`DELETE FROM request_metrics WHERE request_id IN (`} {
			if _, err := tx.ExecContext(ctx, q+placeholders(n)+`)`, anySlice(again[:n])...); err != nil {
				return err
			}
		}
		again = again[n:]
	}
	return nil
}

// packAudit moves the entries of the audit log (audit_log_text, see 0016)
// into audit_log with their changes packed where that is shorter
// (audit.Storable) and their entity's UUID as its 16 bytes, a batch at a
// time, keeping each entry's seq and every other column as it was. Each
// packed entry is unpacked again and must give back its text; the counts of
// both tables must agree, or the migration fails and its transaction leaves
// the database as it was. It then builds the index by entity, drops the old
// table and, on a database whose team-sync change log is on, makes its
// triggers again (they went with the old table): the entries moved are the
// same rows, so none of them is noted as changed.
func packAudit(ctx context.Context, tx *Tx) error {
	var logging int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name = 'sync_requests_insert'`).Scan(&logging); err != nil {
		return err
	}
	const batch = 5000
	out := newBulk(tx, "audit_log", "seq, "+auditColumns, 1+auditWidth)
	defer out.close()
	type entry struct {
		seq                                     int64
		id, at, actor, entity, entityID, action any
		changes                                 any
	}
	last, moved, packed := int64(0), 0, 0
	for {
		var es []entry
		if err := eachRow(ctx, tx, `SELECT seq, id, at, actor, entity, entity_id, action, changes
			FROM audit_log_text WHERE seq > ? ORDER BY seq LIMIT ?`, []any{last, batch}, func(rows *sql.Rows) error {
			var e entry
			if err := rows.Scan(&e.seq, &e.id, &e.at, &e.actor, &e.entity, &e.entityID, &e.action, &e.changes); err != nil {
				return err
			}
			es = append(es, e)
			return nil
		}); err != nil {
			return err
		}
		if len(es) == 0 {
			break
		}
		for _, e := range es {
			last = e.seq
			if text, ok := e.changes.(string); ok {
				kept := audit.Storable(text)
				if p, ok := kept.([]byte); ok {
					back, err := audit.Stored(p)
					if err != nil || back != text {
						return fmt.Errorf("audit entry %d: its packed changes do not give back %.60q (%v)", e.seq, text, err)
					}
					packed++
				}
				e.changes = kept
			}
			if id, ok := e.entityID.(string); ok {
				e.entityID = idKey(id)
			}
			if err := out.add(ctx, e.seq, e.id, e.at, e.actor, e.entity, e.entityID, e.action, e.changes); err != nil {
				return err
			}
		}
		moved += len(es)
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	var before, after int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit_log_text), (SELECT count(*) FROM audit_log)`).
		Scan(&before, &after); err != nil {
		return err
	}
	if before != moved || after != moved {
		return fmt.Errorf("audit log: %d entries before, %d moved (%d packed), %d after", before, moved, packed, after)
	}
	// An index's entries end with the rowid, so the entries of one entity
	// come in the order of seq.
	for _, q := range []string{`CREATE INDEX audit_entity ON audit_log (entity_id)`, `DROP TABLE audit_log_text`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if logging == 0 {
		return nil
	}
	return changeLogTriggers(ctx, tx, true)
}

// moveStepEntries moves the audit entries of steps into their transitions
// (0025, see steps.go), a batch at a time: an entry moves when a
// transition of its request at the same time, by the same person, without
// an entry yet, says the same step (audit.SplitStep), and every moved entry
// must read back from its transition as it was. Any other entry stays as it
// is (an older version's generated demo entries, which recorded the status
// alone, among them). The counts must agree, or the migration fails and its
// transaction leaves the database as it was. The change log, when on, is
// left out: every member of the team makes the same move in its own
// upgrade, so nothing is noted as changed.
func moveStepEntries(ctx context.Context, tx *Tx) error {
	var logging, before int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name = 'sync_requests_insert'), (SELECT count(*) FROM audit_log)`).Scan(&logging, &before); err != nil {
		return err
	}
	if logging > 0 {
		if err := changeLogTriggers(ctx, tx, false); err != nil {
			return err
		}
	}
	type entry struct {
		seq               int64
		entityID, at, raw any
		actor             string
	}
	const batch = 2000
	last, moved := int64(0), 0
	for {
		var es []entry
		if err := eachRow(ctx, tx, `SELECT seq, entity_id, at, actor, changes FROM audit_log
			WHERE entity = 'request' AND action = 'update' AND seq > ? ORDER BY seq LIMIT ?`, []any{last, batch},
			func(rows *sql.Rows) error {
				var e entry
				err := rows.Scan(&e.seq, &e.entityID, &e.at, &e.actor, &e.raw)
				es = append(es, e)
				return err
			}); err != nil {
			return err
		}
		if len(es) == 0 {
			break
		}
		for _, e := range es {
			last = e.seq
			ok, err := moveStepEntry(ctx, tx, e.seq, idText(e.entityID), e.at, e.actor, e.raw)
			if err != nil {
				return err
			}
			if ok {
				moved++
			}
		}
	}
	var after int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM audit_log`).Scan(&after); err != nil {
		return err
	}
	if after != before-moved {
		return fmt.Errorf("audit log: %d entries before, %d moved to their steps, %d after", before, moved, after)
	}
	if logging == 0 {
		return nil
	}
	return changeLogTriggers(ctx, tx, true)
}

// moveStepEntry moves one entry into its step's transition when there is
// one that says the same (see moveStepEntries); moved is false otherwise.
func moveStepEntry(ctx context.Context, tx *Tx, seq int64, requestID string, at any, actor string, raw any) (moved bool, err error) {
	text, err := audit.Stored(raw)
	if err != nil {
		return false, nil // a damaged entry stays as it is
	}
	changes, err := audit.Decode(text)
	if err != nil {
		return false, nil
	}
	step := false
	for _, c := range changes {
		step = step || c.Field == audit.FieldMoveAction
	}
	if !step {
		return false, nil
	}
	when, ok := at.(int64)
	if !ok {
		return false, nil // an entry whose time 0011 kept as text
	}
	type transition struct{ id, actor, action, from, to, comment, number string }
	var trs []transition
	if err := eachRow(ctx, tx, `SELECT t.id, t.actor, t.action, t.from_status, t.to_status, t.comment, r.number
		FROM request_transitions t JOIN requests r ON r.id = t.request_id
		WHERE t.request_id = ? AND t.at = ? AND t.changes IS NULL ORDER BY t.seq`, []any{requestID, tx.s.ts(storedTime(when))},
		func(rows *sql.Rows) error {
			var t transition
			err := rows.Scan(&t.id, &t.actor, &t.action, &t.from, &t.to, &t.comment, &t.number)
			trs = append(trs, t)
			return err
		}); err != nil {
		return false, err
	}
	for _, t := range trs {
		if t.actor != actor {
			continue
		}
		rest, ok := audit.SplitStep(changes, t.number, t.from, t.to, t.action, t.comment)
		if !ok {
			continue
		}
		// SplitStep gave back the entry from rest; what is kept must read
		// back as rest's text.
		text := audit.Encode(rest)
		kept := audit.Storable(text)
		if back, err := audit.Stored(kept); err != nil || back != text {
			return false, fmt.Errorf("audit entry %d: its changes kept with transition %s do not read back (%v)", seq, t.id, err)
		}
		// In the entry's place: before the entry written after it.
		if _, err := tx.ExecContext(ctx, `UPDATE request_transitions SET changes = ?, entry_pos = ? WHERE id = ?`,
			kept, 2*seq-1, t.id); err != nil {
			return false, err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit_log WHERE seq = ?`, seq); err != nil {
			return false, err
		}
		return true, nil
	}
	return false, nil
}

// compactTransitions moves the transitions kept with text ids and times
// (request_transitions_text, see 0026) into request_transitions with the
// id as its 16 bytes and the time as Unix milliseconds, a batch at a time,
// keeping each row's seq and every other column. An id or a time is
// converted only when it reads back as the same text; any other stays as
// it was. The counts must agree, or the migration fails and its
// transaction leaves the database as it was. It then builds the index by
// request, names the moved rows in the team's change log by their new keys
// (a member behind on its pulls still receives them), drops the old table
// and, when the change log is on, makes its triggers again.
func compactTransitions(ctx context.Context, tx *Tx) error {
	var logging int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name = 'sync_requests_insert'`).Scan(&logging); err != nil {
		return err
	}
	const batch = 5000
	out := newBulk(tx, "request_transitions", "seq, id, request_id, at, actor, action, from_status, to_status, comment, changes, entry_pos", 11)
	defer out.close()
	last, moved := int64(0), 0
	for {
		var rows [][]any
		if err := eachRow(ctx, tx, `SELECT seq, id, request_id, at, actor, action, from_status, to_status, comment, changes, entry_pos
			FROM request_transitions_text WHERE seq > ? ORDER BY seq LIMIT ?`, []any{last, batch}, func(sc *sql.Rows) error {
			row := make([]any, 11)
			var seq int64
			var id, at string
			ptrs := []any{&seq, &id, &row[2], &at, &row[4], &row[5], &row[6], &row[7], &row[8], &row[9], &row[10]}
			if err := sc.Scan(ptrs...); err != nil {
				return err
			}
			row[0], row[1], row[3] = seq, idKey(id), any(at)
			if t, err := time.Parse(timeLayout, at); err == nil && tx.s.ts(t) == at {
				row[3] = millis(t)
			}
			if idText(row[1]) != id {
				row[1] = id
			}
			rows = append(rows, row)
			return nil
		}); err != nil {
			return err
		}
		if len(rows) == 0 {
			break
		}
		for _, row := range rows {
			last = row[0].(int64)
			if err := out.add(ctx, row...); err != nil {
				return err
			}
		}
		moved += len(rows)
	}
	if err := out.flush(ctx); err != nil {
		return err
	}
	var before, after int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM request_transitions_text), (SELECT count(*) FROM request_transitions)`).
		Scan(&before, &after); err != nil {
		return err
	}
	if before != moved || after != moved {
		return fmt.Errorf("transitions: %d before, %d moved, %d after", before, moved, after)
	}
	for _, q := range []string{
		// An index's entries end with the rowid: a request's steps come in
		// the order of seq.
		`CREATE INDEX request_transitions_request ON request_transitions (request_id, seq)`,
		// The change log names a row by its key as the triggers write it.
		`UPDATE sync_changes SET row_id = (SELECT 'x:' || lower(hex(t.id)) FROM request_transitions t
			WHERE typeof(t.id) = 'blob' AND t.seq = (SELECT o.seq FROM request_transitions_text o WHERE o.id = sync_changes.row_id))
			WHERE tbl = 'request_transitions' AND row_id IN (SELECT o.id FROM request_transitions_text o
				JOIN request_transitions t ON t.seq = o.seq WHERE typeof(t.id) = 'blob')`,
		`DROP TABLE request_transitions_text`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := renameOutboxSteps(ctx, tx); err != nil {
		return err
	}
	if logging == 0 {
		return nil
	}
	return changeLogTriggers(ctx, tx, true)
}

// renameOutboxSteps names the transitions the commands waiting in a
// laptop's outbox wrote by their new keys (see compactTransitions): the
// rows a pull leaves alone until the command is pushed, and those it asks
// the server for afterwards, so a step the team refused is taken back.
func renameOutboxSteps(ctx context.Context, tx *Tx) error {
	type entry struct {
		seq     int64
		touched string
	}
	var es []entry
	if err := eachRow(ctx, tx, `SELECT seq, touched FROM sync_outbox WHERE touched LIKE '%request_transitions%'`, nil,
		func(sc *sql.Rows) error {
			var e entry
			err := sc.Scan(&e.seq, &e.touched)
			es = append(es, e)
			return err
		}); err != nil {
		return err
	}
	for _, e := range es {
		var keys []RowKey
		if err := json.Unmarshal([]byte(e.touched), &keys); err != nil {
			continue // unreadable here as before: left as it is
		}
		for i, k := range keys {
			if b, ok := idKey(k.ID).([]byte); ok && k.Table == "request_transitions" {
				keys[i].ID = "x:" + hex.EncodeToString(b)
			}
		}
		b, err := json.Marshal(keys)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sync_outbox SET touched = ? WHERE seq = ?`, string(b), e.seq); err != nil {
			return err
		}
	}
	return nil
}

// msOf is the SQL of a time text in the store's form as Unix milliseconds,
// in whole numbers only (no rounding of a fraction of a second), any other
// text as it is; msText is the store's form of such a number again.
func msOf(col string) string {
	return `CASE WHEN ` + col + ` GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'
		AND strftime('%Y-%m-%dT%H:%M:%S', substr(` + col + `, 1, 19)) = substr(` + col + `, 1, 19)
		THEN unixepoch(substr(` + col + `, 1, 19)) * 1000 + CAST(substr(` + col + `, 21, 3) AS INTEGER) ELSE ` + col + ` END`
}

func msText(col string) string {
	return `strftime('%Y-%m-%dT%H:%M:%S', ` + col + ` / 1000, 'unixepoch') || '.' || printf('%03d', ` + col + ` % 1000) || 'Z'`
}

// recordTimes converts the records' times to Unix milliseconds (0028): each
// converted one must give back the text it was, or the migration fails and
// its transaction leaves the database as it was.
func recordTimes(ctx context.Context, tx *Tx) error {
	var bad int
	for _, q := range []string{
		`UPDATE request_records SET created_ms = ` + msOf("created_at") + `, updated_ms = ` + msOf("updated_at"),
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM request_records
		WHERE (typeof(created_ms) = 'integer' AND `+msText("created_ms")+` IS NOT created_at)
		   OR (typeof(updated_ms) = 'integer' AND `+msText("updated_ms")+` IS NOT updated_at)
		   OR (typeof(created_ms) <> 'integer' AND created_ms IS NOT created_at)
		   OR (typeof(updated_ms) <> 'integer' AND updated_ms IS NOT updated_at)`).Scan(&bad); err != nil {
		return err
	}
	if bad > 0 {
		return fmt.Errorf("records: %d times do not give back their text", bad)
	}
	for _, q := range []string{
		`ALTER TABLE request_records DROP COLUMN created_at`,
		`ALTER TABLE request_records DROP COLUMN updated_at`,
		`ALTER TABLE request_records RENAME COLUMN created_ms TO created_at`,
		`ALTER TABLE request_records RENAME COLUMN updated_ms TO updated_at`,
		`CREATE INDEX request_records_complaints ON request_records (status, created_at) WHERE kind = 'complaint'`,
		`CREATE INDEX request_records_said ON request_records (created_at)
			WHERE kind IN ('communication', 'result_note', 'feedback', 'progress')`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return remakeChangeLog(ctx, tx)
}

// remakeChangeLog makes again, in the migration's transaction, the change
// log's triggers a migration dropped with a table or for a conversion, when
// the log is on (its triggers on requests are there): 0028, 0031, 0032, 0034,
// 0037.
// The start makes the triggers of new tables after the migrations, in a
// transaction of its own that a stop in between would skip.
func remakeChangeLog(ctx context.Context, tx *Tx) error {
	var logging int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name = 'sync_requests_insert'`).Scan(&logging); err != nil || logging == 0 {
		return err
	}
	return changeLogTriggers(ctx, tx, true)
}

// referAudit makes the triggers that keep a request's creation entry
// referring to the request (auditrefs.go) and refers every creation entry
// to its request as it is now (0041): audit_keep keeps a field by its code
// only where the entry reads back as it was written. The change log's
// trigger on the audit log, dropped by the migration's SQL, is made again
// after the conversion, which is no change to share.
func referAudit(ctx context.Context, tx *Tx) error {
	if err := ensureRefTriggers(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET changes = audit_keep(changes, `+requestRefValues(uuidText("entity_id"))+`)
		WHERE `+isCreationSQL); err != nil {
		return err
	}
	return remakeChangeLog(ctx, tx)
}
