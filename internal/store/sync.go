package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Team sync (internal/teamsync) moves the rows of the tables a team shares
// between the team server and its laptops. What is derived from them
// (clocks, measure rows, kept sums, the search index, a record's
// dependencies) never travels: it is recomputed where the rows arrive.

// syncTable is a table the team shares: its key column, the columns that
// stay behind (local integer keys; a document's PDF, which travels by its
// hash), and for settings which rows are the team's.
type syncTable struct {
	name, key string
	local     []string
	when      string // trigger condition on the row (NEW./OLD. prefixed)
	// blobKey: the key may be bytes (an audit entry's id is its UUID's 16
	// bytes since migration 0011, a transition's since 0026; older ones
	// kept theirs as text). The
	// change log names such a row "x:" and the hex of its bytes (see
	// keyArg).
	blobKey bool
	// byReq: the table names its request by the request's seq, in column
	// req (0030 on), which stays on this machine: a row travels with the
	// request's id as request_id instead (syncColumns, selectList,
	// upsertRow), so the same row reads the same on every machine.
	byReq bool
	// packed: the column of a stage record's body, kept packed (0034),
	// which travels as its JSON (record_json) and is packed again where
	// it lands, so the wire and the machines of other versions see JSON.
	packed string
	// coded: the columns of a transition kept by their codes (0037),
	// which travel as their words (step_word) and are coded again where
	// they land.
	coded []string
	// uuids: the columns that keep a UUID as its 16 bytes (idKey; a
	// record's ids since 0039), which travel as the UUID's text
	// (uuidText) and are keyed again where they land; the change log
	// names a row whose key is one of them by the text too.
	uuids []string
	// resolved: the column of an audit entry's changes, which a request's
	// creation may keep referring to the request (0041, auditrefs.go). It
	// travels resolved, as it was written (auditChangesRead), and is
	// referred again where it lands (audit_keep); an update that only
	// refers it or pins a value in it changes nothing that travels, so the
	// change log leaves it out.
	resolved string
}

// reqIDOf is the id of the request a row of a byReq table names.
const reqIDOf = `(SELECT id FROM requests WHERE seq = req)`

// reqOf is the seq of the request whose id is bound: what a byReq table's
// req is for it.
const reqOf = `(SELECT seq FROM requests WHERE id = ?)`

// keyArg is the value a row's key in the change log stands for: the bytes
// of an "x:"-named key, else the text itself (see syncTable.keyArg).
func keyArg(id string) any {
	if h, ok := strings.CutPrefix(id, "x:"); ok {
		if b, err := hex.DecodeString(h); err == nil {
			return b
		}
	}
	return id
}

// keyArg is the value of t's key for the change log's name of a row: a
// key kept by idKey (uuids) as idKey keeps it, else keyArg's.
func (t syncTable) keyArg(id string) any {
	if slices.Contains(t.uuids, t.key) {
		return idKey(id)
	}
	return keyArg(id)
}

// sharedSettings are the settings the team shares; the profile name, the
// device code and the first-run guide stay on each machine.
var sharedSettings = []string{"numberPattern", "companyName", "supervisor", "responseLeader", "timeZone",
	logoKey, "sla", reportConfigKey}

// syncTables are the shared tables, parents before children.
var syncTables = []syncTable{
	{name: "settings", key: "key", when: "key IN ('" + strings.Join(sharedSettings, "', '") + "')"},
	{name: "vocab_items", key: "id"},
	{name: "classification_standard", key: "id"},
	{name: "people", key: "id"},
	{name: "customers", key: "id"},
	{name: "contacts", key: "id"},
	{name: "customer_duplicates", key: "id"},
	{name: "customer_merges", key: "id"},
	{name: "requests", key: "id", local: []string{"seq"}},
	{name: "request_transitions", key: "id", local: []string{"seq", "entry_pos"}, blobKey: true, byReq: true,
		coded: stepColumns},
	{name: "request_records", key: "id", byReq: true, packed: "body", uuids: []string{"id", "parent_id"}},
	{name: "request_notes", key: "id"},
	{name: "note_mentions", key: "id"},
	{name: "notification_marks", key: "id"},
	{name: "request_links", key: "id"},
	{name: "team_views", key: "id"},
	{name: "request_attachments", key: "id"},
	{name: "comm_scripts", key: "id"},
	{name: "comm_script_revisions", key: "id"},
	{name: "comm_check_config", key: "id"},
	{name: "comm_checklist", key: "id"},
	{name: "comm_checks", key: "id"},
	{name: "comm_check_items", key: "id", uuids: []string{"record_id"}},
	{name: "comm_rectifications", key: "id"},
	{name: "sla_policies", key: "id"},
	{name: "sla_schedules", key: "year"},
	{name: "escalations", key: "id"},
	{name: "documents", key: "id", local: []string{"pdf"}},
	{name: "document_signatures", key: "id"},
	{name: "document_attachments", key: "id"},
	{name: "reports", key: "id"},
	{name: "audit_log", key: "id", local: []string{"seq"}, blobKey: true, resolved: "changes"},
}

func syncTableNamed(name string) (syncTable, bool) {
	for _, t := range syncTables {
		if t.name == name {
			return t, true
		}
	}
	return syncTable{}, false
}

// SharedTables names the tables the team shares, parents first.
func SharedTables() []string {
	out := make([]string, len(syncTables))
	for i, t := range syncTables {
		out[i] = t.name
	}
	return out
}

// IsShared reports whether table is one the team shares.
func IsShared(table string) bool {
	_, ok := syncTableNamed(table)
	return ok
}

// RowKey names one row of a shared table by its key.
type RowKey struct {
	Table string `json:"table"`
	ID    string `json:"id"`
}

// Row is one row of a shared table, column by column: int64, float64,
// string, []byte or nil, as SQLite gives them. In JSON, bytes are
// {"$b": base64}.
type Row map[string]any

// MarshalJSON writes the row with its bytes in base64.
func (r Row) MarshalJSON() ([]byte, error) {
	if r == nil {
		return []byte("null"), nil
	}
	m := make(map[string]any, len(r))
	for k, v := range r {
		if b, ok := v.([]byte); ok {
			m[k] = map[string]string{"$b": base64.StdEncoding.EncodeToString(b)}
			continue
		}
		m[k] = v
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads a row written by MarshalJSON, numbers as int64
// unless they have a fraction (see rowjson.go).
func (r *Row) UnmarshalJSON(data []byte) error {
	row, err := parseRow(data)
	if err != nil {
		return err
	}
	*r = row
	return nil
}

// Change is a shared row as it is now, nil when it was deleted; Seq is
// its place in the server's change sequence (0 outside a pull).
type Change struct {
	Seq   int64  `json:"seq"`
	Table string `json:"table"`
	ID    string `json:"id"`
	Row   Row    `json:"row"`
}

// EnableChangeLog installs the triggers that note every write to a shared
// table in the change log: on a team server, and on a laptop that joins
// one (where it tells which rows each command wrote). It is idempotent.
func (s *Store) EnableChangeLog(ctx context.Context) error {
	err := s.tx(ctx, func(tx *Tx) error { return changeLogTriggers(ctx, tx, true) })
	if err == nil {
		s.changeLog.Store(true)
	}
	return err
}

// changeLogTriggers makes the triggers of the change log, or drops them.
// Only the shared tables the database has so far get triggers: a migration's
// Go step that makes them again runs before later migrations add their
// tables, which get theirs once the schema is whole (Store.migrate).
func changeLogTriggers(ctx context.Context, tx *Tx, on bool) error {
	have := map[string]bool{}
	if err := eachRow(ctx, tx, `SELECT name FROM sqlite_master WHERE type = 'table'`, nil, func(rows *sql.Rows) error {
		var name string
		err := rows.Scan(&name)
		have[name] = true
		return err
	}); err != nil {
		return err
	}
	for _, t := range syncTables {
		if on && !have[t.name] {
			continue
		}
		for _, ev := range []struct{ name, ref string }{{"INSERT", "NEW"}, {"UPDATE", "NEW"}, {"DELETE", "OLD"}} {
			q := `DROP TRIGGER IF EXISTS sync_` + t.name + `_` + strings.ToLower(ev.name)
			if on {
				key := ev.ref + "." + t.key
				if t.key == "year" {
					key = "CAST(" + key + " AS TEXT)"
				}
				if t.blobKey {
					key = "CASE typeof(" + key + ") WHEN 'blob' THEN 'x:' || lower(hex(" + key + ")) ELSE " + key + " END"
				}
				if slices.Contains(t.uuids, t.key) {
					key = uuidText(key)
				}
				when := ""
				if t.when != "" {
					when = " WHEN " + ev.ref + "." + t.when
				}
				if t.resolved != "" && ev.name == "UPDATE" {
					quiet := "NOT (" + refersSQL("OLD."+t.resolved) + " OR " + refersSQL("NEW."+t.resolved) + ")"
					if when == "" {
						when = " WHEN " + quiet
					} else {
						when += " AND " + quiet
					}
				}
				q = fmt.Sprintf(`CREATE TRIGGER IF NOT EXISTS sync_%s_%s AFTER %s ON %s%s BEGIN
					DELETE FROM sync_changes WHERE tbl = '%s' AND row_id = %s;
					INSERT INTO sync_changes (tbl, row_id) VALUES ('%s', %s);
				END`, t.name, strings.ToLower(ev.name), ev.name, t.name, when, t.name, key, t.name, key)
			}
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
	}
	return nil
}

// DisableChangeLog removes the triggers of EnableChangeLog and empties the
// log (a laptop that left its team).
func (s *Store) DisableChangeLog(ctx context.Context) error {
	err := s.tx(ctx, func(tx *Tx) error {
		if err := changeLogTriggers(ctx, tx, false); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sync_changes`)
		return err
	})
	if err == nil {
		s.changeLog.Store(false)
	}
	return err
}

// detectChangeLog notes whether the triggers are installed.
func (s *Store) detectChangeLog(ctx context.Context) error {
	var n int
	if err := s.write.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
		AND name = 'sync_requests_insert'`).Scan(&n); err != nil {
		return err
	}
	s.changeLog.Store(n > 0)
	return nil
}

// markChanges notes where the change log stands as a transaction begins.
func (s *Store) markChanges(ctx context.Context, tx *Tx) error {
	if !s.changeLog.Load() {
		return nil
	}
	return tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_changes`).Scan(&tx.mark)
}

// Touched returns the shared rows the transaction wrote so far (none
// unless the change log is on).
func (t *Tx) Touched(ctx context.Context) ([]RowKey, error) {
	if !t.s.changeLog.Load() {
		return nil, nil
	}
	rows, err := t.QueryContext(ctx, `SELECT tbl, row_id FROM sync_changes WHERE seq > ? ORDER BY seq`, t.mark)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []RowKey
	for rows.Next() {
		var k RowKey
		if err := rows.Scan(&k.Table, &k.ID); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// ForgetTouched empties the change log up to now: a laptop keeps no log,
// only what each command wrote, in its outbox.
func (t *Tx) ForgetTouched(ctx context.Context) error {
	_, err := t.ExecContext(ctx, `DELETE FROM sync_changes`)
	return err
}

// ChangeSeq is the last change sequence.
func (s *Store) ChangeSeq(ctx context.Context) (int64, error) {
	var seq int64
	err := s.read.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM sync_changes`).Scan(&seq)
	return seq, err
}

// Changes returns up to limit rows changed after the sequence after, as
// they are now, read in one transaction; more tells whether others follow.
func (s *Store) Changes(ctx context.Context, after int64, limit int) (out []Change, next int64, more bool, err error) {
	next = after
	err = s.Read(ctx, func(tx *Tx) error {
		var keys []Change
		if err := eachRow(ctx, tx, `SELECT seq, tbl, row_id FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?`,
			[]any{after, limit + 1}, func(sc *sql.Rows) error {
				var c Change
				if err := sc.Scan(&c.Seq, &c.Table, &c.ID); err != nil {
					return err
				}
				keys = append(keys, c)
				return nil
			}); err != nil {
			return err
		}
		if len(keys) > limit {
			keys, more = keys[:limit], true
		}
		rows, err := s.syncRows(ctx, tx, keys)
		if err != nil {
			return err
		}
		for i, c := range keys {
			c.Row = rows[i]
			out = append(out, c)
			next = c.Seq
		}
		return nil
	})
	return out, next, more, err
}

// SharedRows returns the rows keys name as they are now (Row nil for one
// that does not exist), read in one transaction.
func (s *Store) SharedRows(ctx context.Context, keys []RowKey) ([]Change, error) {
	var out []Change
	err := s.Read(ctx, func(tx *Tx) error {
		cs := make([]Change, len(keys))
		for i, k := range keys {
			cs[i] = Change{Table: k.Table, ID: k.ID}
		}
		rows, err := s.syncRows(ctx, tx, cs)
		if err != nil {
			return err
		}
		for i := range cs {
			cs[i].Row = rows[i]
		}
		out = cs
		return nil
	})
	return out, err
}

// columns lists a table's columns.
func columns(ctx context.Context, q queryer, table string) ([]string, error) {
	return queryIDs(ctx, q, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
}

// syncColumns lists the columns of a shared table that travel, by the
// names they travel under: a byReq table's req as request_id.
func syncColumns(ctx context.Context, q queryer, t syncTable) ([]string, error) {
	cols, err := columns(ctx, q, t.name)
	if err != nil {
		return nil, err
	}
	out := cols[:0]
	for _, c := range cols {
		switch {
		case slices.Contains(t.local, c):
		case t.byReq && c == "req":
			out = append(out, "request_id")
		default:
			out = append(out, c)
		}
	}
	return out, nil
}

// selectList is what a query of t's rows selects for the travelling
// columns cols: the column itself, or for a byReq table's request_id the
// id of the request its req names.
func (t syncTable) selectList(cols []string) string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c
		switch {
		case t.byReq && c == "request_id":
			out[i] = reqIDOf + ` AS request_id`
		case t.packed != "" && c == t.packed:
			out[i] = `record_json(` + c + `) AS ` + c
		case slices.Contains(t.coded, c):
			out[i] = `step_word(` + c + `) AS ` + c
		case slices.Contains(t.uuids, c):
			out[i] = uuidText(c) + ` AS ` + c
		case c == t.resolved:
			out[i] = auditChangesRead + ` AS ` + c
		}
	}
	return strings.Join(out, ", ")
}

// syncRowBatch is how many keys one query of syncRows names.
const syncRowBatch = 500

// syncRows reads the shared rows the changes name, as they are now (nil
// for one that does not exist), in the order of the changes: a query per
// table and batch of keys, its columns looked up once.
func (s *Store) syncRows(ctx context.Context, q queryer, changes []Change) ([]Row, error) {
	out := make([]Row, len(changes))
	byTable := map[string][]int{}
	var tables []string
	for i, c := range changes {
		if _, ok := byTable[c.Table]; !ok {
			tables = append(tables, c.Table)
		}
		byTable[c.Table] = append(byTable[c.Table], i)
	}
	for _, table := range tables {
		t, ok := syncTableNamed(table)
		if !ok {
			return nil, fmt.Errorf("not a shared table: %q", table)
		}
		cols, err := syncColumns(ctx, q, t)
		if err != nil {
			return nil, err
		}
		keyAt := slices.Index(cols, t.key)
		if keyAt < 0 {
			return nil, fmt.Errorf("%s: its key %s does not travel", t.name, t.key)
		}
		idx := byTable[table]
		for start := 0; start < len(idx); start += syncRowBatch {
			part := idx[start:min(len(idx), start+syncRowBatch)]
			args := make([]any, len(part))
			where := map[string][]int{} // the changes each key names
			for j, i := range part {
				args[j] = t.keyArg(changes[i].ID)
				where[changes[i].ID] = append(where[changes[i].ID], i)
			}
			cond := t.key + " IN (?" + strings.Repeat(", ?", len(part)-1) + ")"
			if t.when != "" {
				cond += " AND " + t.when
			}
			if err := eachRow(ctx, q, `SELECT `+t.selectList(cols)+` FROM `+t.name+` WHERE `+cond, args,
				func(rows *sql.Rows) error {
					vals := make([]any, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					if err := rows.Scan(ptrs...); err != nil {
						return err
					}
					row := make(Row, len(cols))
					for i, c := range cols {
						row[c] = vals[i]
					}
					for _, i := range where[rowKeyName(t, vals[keyAt])] {
						out[i] = row
					}
					return nil
				}); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// rowKeyName is how the change log names a row by its key's value (see
// EnableChangeLog): bytes as "x:" and their hex, a year as its digits.
func rowKeyName(t syncTable, v any) string {
	switch x := v.(type) {
	case []byte:
		if t.blobKey {
			return "x:" + hex.EncodeToString(x)
		}
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

// MissingFiles lists the content the changes refer to that this machine
// lacks: documents' PDFs and attachment files, by SHA-256.
func (s *Store) MissingFiles(ctx context.Context, changes []Change) (pdfs, files []string, err error) {
	seen := map[string]bool{}
	for _, c := range changes {
		if c.Row == nil {
			continue
		}
		sum, _ := c.Row["sha256"].(string)
		if sum == "" || seen[c.Table+sum] {
			continue
		}
		seen[c.Table+sum] = true
		switch c.Table {
		case "documents":
			if _, ok := c.Row["pdf"]; ok {
				continue
			}
			var n int
			if err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE sha256 = ?`, sum).Scan(&n); err != nil {
				return nil, nil, err
			}
			if n == 0 {
				pdfs = append(pdfs, sum)
			}
		case "document_attachments", "request_attachments":
			if !s.files.Has(sum) {
				files = append(files, sum)
			}
		}
	}
	return pdfs, files, nil
}

// PDFBySum returns the PDF whose SHA-256 is sum.
func (s *Store) PDFBySum(ctx context.Context, sum string) ([]byte, error) {
	var b []byte
	err := s.read.QueryRowContext(ctx, `SELECT pdf FROM documents WHERE sha256 = ? LIMIT 1`, sum).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, notFound("document")
	}
	return b, err
}

// AttachmentFile returns the attachment file whose SHA-256 is sum.
func (s *Store) AttachmentFile(sum string) ([]byte, error) {
	if !blobs.ValidSum(sum) {
		return nil, notFound("document")
	}
	return s.files.Get(sum)
}

// PutAttachmentFile keeps an attachment file that arrived, refusing one
// whose content is not sum.
func (s *Store) PutAttachmentFile(sum string, data []byte) error {
	if blobs.Sum(data) != sum {
		return fmt.Errorf("attachment %s arrived damaged", sum)
	}
	_, err := s.files.Put(data)
	return err
}

// ApplyChanges writes rows that arrived from the team server over this
// machine's, in the transaction of tx: each row is inserted or replaced
// (its local columns kept), a nil row deleted. pdfs are documents' PDFs
// fetched by hash. Rows of keep (those a command not yet pushed wrote)
// are left as they are. The requests the rows belong to get their derived
// rows and search text anew.
func (t *Tx) ApplyChanges(ctx context.Context, changes []Change, keep map[RowKey]bool, pdfs map[string][]byte) error {
	if _, err := t.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	s := t.s
	requests := map[string]bool{}
	texts := map[string]bool{}
	var customers []string
	limits, records := false, map[string]bool{}
	colsOf := map[string][]string{}
	// One prepared statement a table for the upserts and for the lookups of
	// the request a row belonged to, instead of one parsed a row.
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	prepare := func(q string) (*sql.Stmt, error) {
		if st, ok := stmts[q]; ok {
			return st, nil
		}
		st, err := t.PrepareContext(ctx, q)
		if err != nil {
			return nil, err
		}
		stmts[q] = st
		return st, nil
	}
	for _, c := range requestsAhead(changes) {
		if keep[RowKey{c.Table, c.ID}] {
			continue
		}
		tb, ok := syncTableNamed(c.Table)
		if !ok {
			return fmt.Errorf("not a shared table: %q", c.Table)
		}
		// The request a row belongs to, before and after.
		if err := requestsOf(prepare, ctx, tb, c, requests); err != nil {
			return err
		}
		if tb.name == "requests" && c.Row != nil {
			if err := searchTextChange(prepare, ctx, c, texts); err != nil {
				return err
			}
		}
		switch tb.name {
		case "settings", "sla_policies", "sla_schedules":
			limits = true
		case "customers":
			customers = append(customers, c.ID)
		case "request_records":
			records[c.ID] = true
		}
		if c.Row == nil {
			if err := s.deleteSynced(ctx, t, tb, c.ID); err != nil {
				return fmt.Errorf("delete %s %s: %w", c.Table, c.ID, err)
			}
			continue
		}
		cols, ok := colsOf[tb.name]
		if !ok {
			var err error
			if cols, err = syncColumns(ctx, t, tb); err != nil {
				return err
			}
			colsOf[tb.name] = cols
		}
		row := c.Row
		if tb.name == "documents" {
			if _, ok := row["pdf"]; !ok {
				sum, _ := row["sha256"].(string)
				if b, ok := pdfs[sum]; ok {
					row = copyRow(row)
					row["pdf"] = b
				} else if b, err := s.localPDF(ctx, t, sum); err != nil {
					return err
				} else if b != nil {
					row = copyRow(row)
					row["pdf"] = b
				} else {
					return fmt.Errorf("document %s: its PDF %s did not arrive", c.ID, sum)
				}
			}
			cols = append(append([]string(nil), cols...), "pdf")
		}
		if tb.name == "audit_log" || tb.name == "request_transitions" {
			var err error
			if row, err = arrivedAuditRow(tb.name, row); err != nil {
				return err
			}
		}
		if err := upsertRow(ctx, prepare, tb, cols, row); err != nil {
			return fmt.Errorf("write %s %s: %w", c.Table, c.ID, err)
		}
		if tb.name == "request_transitions" && row["changes"] != nil {
			// The step's entry stands where it arrived among the audit
			// log's, as it did when it came as an entry (the changes
			// arrive in the order the server wrote them); one already here
			// keeps its place.
			st, err := prepare(`UPDATE request_transitions SET entry_pos = ` + nextEntryPos + `
				WHERE id = ? AND entry_pos IS NULL AND changes IS NOT NULL`)
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(ctx, row["id"]); err != nil {
				return fmt.Errorf("write %s %s: %w", c.Table, c.ID, err)
			}
		}
	}
	for id := range records {
		if err := s.reindexRecord(ctx, t, id); err != nil {
			return err
		}
	}
	for _, id := range customers {
		if err := s.reindexCustomerRequests(ctx, t, id); err != nil {
			return err
		}
	}
	if limits {
		t.s.forgetLimits()
		t.AfterCommit(t.s.forgetLimits)
	}
	return t.refreshRequests(ctx, requests, texts, limits)
}

// requestsAhead is changes with the requests written (not deleted) moved
// ahead of the rest, each part in its order: a row of a byReq table names
// its request by the seq the request has here, and the change log orders a
// request by its last change, which may follow its steps' and records'.
// A pull applies every change since its cursor at once, so a row's request
// is among them when it is not here yet.
func requestsAhead(changes []Change) []Change {
	out := make([]Change, 0, len(changes))
	for _, c := range changes {
		if c.Table == "requests" && c.Row != nil {
			out = append(out, c)
		}
	}
	for _, c := range changes {
		if c.Table != "requests" || c.Row == nil {
			out = append(out, c)
		}
	}
	return out
}

// searchTextColumns are the columns of a request its search text is made
// of, with its customer's name (see indexDoc).
var searchTextColumns = []string{"number", "title", "description", "contact_name", "contact_info", "customer_id"}

// searchTextChange notes in texts whether the request row c arrives with
// another search text than the one indexed here: absent when its columns
// are those stored, false for a request new here (nothing to take out of
// the index), true for one whose text changed.
func searchTextChange(prepare func(string) (*sql.Stmt, error), ctx context.Context, c Change, texts map[string]bool) error {
	st, err := prepare(`SELECT ` + strings.Join(searchTextColumns, ", ") + ` FROM requests WHERE id = ?`)
	if err != nil {
		return err
	}
	old := make([]sql.NullString, len(searchTextColumns))
	ptrs := make([]any, len(old))
	for i := range old {
		ptrs[i] = &old[i]
	}
	err = st.QueryRowContext(ctx, c.ID).Scan(ptrs...)
	if err == sql.ErrNoRows {
		if _, seen := texts[c.ID]; !seen {
			texts[c.ID] = false
		}
		return nil
	}
	if err != nil {
		return err
	}
	for i, col := range searchTextColumns {
		v, _ := c.Row[col].(string)
		if c.Row[col] != nil && !old[i].Valid || v != old[i].String {
			texts[c.ID] = true
			return nil
		}
	}
	return nil
}

// An audit entry travels with its changes as they are kept: packed
// (audit.Pack, since 0016) when that is shorter, else the text. Every
// program since 0016 reads both forms, and a team's snapshot carries them
// so anyway. Unpacking each entry on the server only to pack it again on
// every laptop cost about 40 µs an entry each way (priming DEFLATE with
// its dictionary), a fifth of a pull's time.
//
// arrivedAuditRow is the row of an audit entry that arrived, or of a
// transition keeping its step's entry (0025), as it is kept here: changes
// sent as text (a request's creation, resolved, or by a server before
// 0016) are packed when that is shorter, but for a request's creation,
// which audit_keep refers to its request where it is written;
// packed ones are kept as they came once they read back, so a damaged entry
// is refused rather than kept unreadable. A transition's changes are NULL
// when it keeps no entry.
func arrivedAuditRow(table string, row Row) (Row, error) {
	what := "audit entry"
	if table == "request_transitions" {
		what = "transition"
	}
	switch v := row["changes"].(type) {
	case string:
		if table == "audit_log" && refersToRequest(row["entity"], row["action"]) {
			// A request's creation comes as the text it was written with,
			// which audit_keep refers to the request (upsertRow).
			return row, nil
		}
		row = copyRow(row)
		row["changes"] = audit.Storable(v)
	case []byte:
		if _, err := audit.Stored(v); err != nil {
			return nil, fmt.Errorf("%s %v: %w", what, row["id"], err)
		}
	case nil:
		if table != "request_transitions" {
			return nil, fmt.Errorf("%s %v: no changes", what, row["id"])
		}
	default:
		return nil, fmt.Errorf("%s %v: changes of type %T", what, row["id"], v)
	}
	return row, nil
}

func copyRow(r Row) Row {
	out := make(Row, len(r)+1)
	for k, v := range r {
		out[k] = v
	}
	return out
}

func (s *Store) localPDF(ctx context.Context, tx *Tx, sum string) ([]byte, error) {
	var b []byte
	err := tx.QueryRowContext(ctx, `SELECT pdf FROM documents WHERE sha256 = ? LIMIT 1`, sum).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return b, err
}

// requestsOf adds to ids the request the row c belongs to, as stored here
// and as it arrives.
func requestsOf(prepare func(string) (*sql.Stmt, error), ctx context.Context, tb syncTable, c Change, ids map[string]bool) error {
	col := ""
	switch tb.name {
	case "requests":
		ids[c.ID] = true
		return nil
	case "request_transitions", "request_records", "escalations", "documents":
		col = "request_id"
	default:
		return nil
	}
	if c.Row != nil {
		if id, ok := c.Row[col].(string); ok && id != "" {
			ids[id] = true
		}
	}
	if tb.byReq {
		col = reqIDOf
	}
	st, err := prepare(`SELECT ` + col + ` FROM ` + tb.name + ` WHERE id = ?`)
	if err != nil {
		return err
	}
	var id sql.NullString
	err = st.QueryRowContext(ctx, tb.keyArg(c.ID)).Scan(&id)
	if err == sql.ErrNoRows {
		return nil
	}
	if id.Valid && id.String != "" {
		ids[id.String] = true
	}
	return err
}

// upsertRow inserts a row or replaces the columns it carries; a byReq
// table's request_id is kept as its request's seq (ApplyChanges writes the
// requests first): a request not here leaves it NULL, which the table
// refuses (NOT NULL, or for the records the triggers of 0032).
func upsertRow(ctx context.Context, prepare func(string) (*sql.Stmt, error), tb syncTable, cols []string, row Row) error {
	// Every parameter is numbered: a column's is its place, and
	// audit_keep's own come after the row's.
	args := make([]any, len(cols))
	names, values := make([]string, len(cols)), make([]string, len(cols))
	var set []string
	for i, c := range cols {
		v, ok := row[c]
		if !ok {
			return fmt.Errorf("column %s missing from %v", c, row)
		}
		p := fmt.Sprintf("?%d", i+1)
		args[i], names[i], values[i] = v, c, p
		if c == tb.resolved {
			n := len(args)
			values[i] = fmt.Sprintf(`audit_keep(%s, CASE WHEN ?%d THEN %s END)`, p, n+1, requestRefValues(fmt.Sprintf("?%d", n+2)))
			args = append(args, refersToRequest(row["entity"], row["action"]), idText(row["entity_id"]))
		}
		if tb.byReq && c == "request_id" {
			names[i], values[i] = "req", strings.Replace(reqOf, "?", p, 1)
		}
		if tb.packed != "" && c == tb.packed {
			kind, _ := row["kind"].(string)
			b, ok := bytesOf(v)
			if !ok {
				return fmt.Errorf("%s of %s: %T", c, tb.name, v)
			}
			packed, err := packBody(kind, b)
			if err != nil {
				return err
			}
			args[i] = packed
		}
		if slices.Contains(tb.coded, c) {
			word, ok := v.(string)
			if !ok {
				return fmt.Errorf("%s of %s: %T", c, tb.name, v)
			}
			args[i] = stepCode(word)
		}
		if slices.Contains(tb.uuids, c) {
			args[i] = idKeyArg(v)
		}
		if c != tb.key {
			set = append(set, names[i]+" = excluded."+names[i])
		}
	}
	st, err := prepare(`INSERT INTO ` + tb.name + ` (` + strings.Join(names, ", ") + `) VALUES (` + strings.Join(values, ", ") + `)
		ON CONFLICT (` + tb.key + `) DO UPDATE SET ` + strings.Join(set, ", "))
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// deleteSynced deletes a row the server no longer has, with what is derived
// from it here.
func (s *Store) deleteSynced(ctx context.Context, tx *Tx, tb syncTable, id string) error {
	if tb.name == "requests" {
		var seq int64
		err := tx.QueryRowContext(ctx, `SELECT seq FROM requests WHERE id = ?`, id).Scan(&seq)
		if err == sql.ErrNoRows {
			return nil
		}
		if err != nil {
			return err
		}
		for _, q := range []string{`DELETE FROM request_fts WHERE rowid = ?`, `DELETE FROM request_clocks WHERE req = ?`,
			`DELETE FROM request_metrics WHERE req = ?`} {
			if _, err := tx.ExecContext(ctx, q, seq); err != nil {
				return err
			}
		}
	}
	where := tb.key + " = ?"
	if tb.when != "" {
		where += " AND " + tb.when
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM `+tb.name+` WHERE `+where, tb.keyArg(id))
	return err
}

// reindexRecord fills the columns and dependencies kept of a record's body
// (see indexRecords), when the record exists.
func (s *Store) reindexRecord(ctx context.Context, tx *Tx, id string) error {
	rec, err := s.recordByID(ctx, tx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil // deleted by the same pull
	}
	if err != nil {
		return err
	}
	body, err := request.DecodeRecord(rec)
	if err != nil {
		return nil // a damaged body keeps empty columns (see indexRecords)
	}
	return s.writeIndex(ctx, tx, idKey(rec.ID), rec.Kind, body)
}

// refreshRequests recomputes the derived rows of the requests that still
// exist among ids, and the search text of those of texts (see
// searchTextChange); with all, every open request's clocks too (the
// settings, policies or calendar changed).
func (t *Tx) refreshRequests(ctx context.Context, ids, texts map[string]bool, all bool) error {
	s := t.s
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	sort.Strings(list)
	if len(list) > 0 {
		// A batch of requests read at once, their search text written and
		// their rows derived from what was read (see deriveRequests).
		w, err := s.newDerived(ctx, t)
		if err != nil {
			return err
		}
		defer w.close()
		for len(list) > 0 {
			n := min(deriveBatch, len(list))
			reqs, seqs, err := requestsIn(ctx, t, list[:n])
			if err != nil {
				return err
			}
			for i, r := range reqs {
				replace, ok := texts[r.ID]
				if !ok {
					continue
				}
				if err := s.index(ctx, t, seqs[i], r, replace); err != nil {
					return err
				}
			}
			if err := s.deriveRead(ctx, t, w, reqs, seqs); err != nil {
				return err
			}
			list = list[n:]
		}
		if err := w.flush(ctx); err != nil {
			return err
		}
	}
	if all {
		return s.refreshOpenClocks(ctx, t)
	}
	return nil
}

// SyncSnapshot writes to dest a consistent copy of the team's data: every
// shared table (documents with their PDFs) as this database defines it,
// with its rows and nothing else, and returns the change sequence it
// stands at. It is made in one read transaction of the database, which
// writers do not wait for, into a new database file of the same page size
// that attaches it: each table is created by the statement that created it
// here, with its indexes, and filled by INSERT … SELECT *, which SQLite
// carries out as a copy of the stored records of the table and of each
// index, in order, rather than row by row and index entry by index entry
// (building the indexes on the laptop took it longer than making the whole
// snapshot here). What is derived is the laptop's to make; a laptop of the
// same schema takes the file itself as its database (LoadSnapshot).
func (s *Store) SyncSnapshot(ctx context.Context, dest string) (seq int64, err error) {
	os.Remove(dest)
	defer func() {
		if err != nil {
			os.Remove(dest)
		}
	}()
	var pageSize int
	if err := s.read.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return 0, err
	}
	db, err := sql.Open("sqlite", "file:"+dest+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	// The copy is a new file until it is sent: no journal to keep, nothing
	// to flush to disk (a server stopped meanwhile makes it again).
	for _, q := range []string{fmt.Sprintf(`PRAGMA page_size = %d`, pageSize), `PRAGMA journal_mode = OFF`,
		`PRAGMA synchronous = OFF`, `PRAGMA temp_store = MEMORY`,
		`ATTACH DATABASE '` + strings.ReplaceAll(s.path, "'", "''") + `' AS live`} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return 0, fmt.Errorf("snapshot: %s: %w", q, err)
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM live.sync_changes`).Scan(&seq); err != nil {
		return 0, err
	}
	copyOf := func(table, where string) error {
		var ddl string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM live.sqlite_schema WHERE type = 'table' AND name = ?`,
			table).Scan(&ddl); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, ddl); err != nil {
			return err
		}
		indexes, err := queryIDs(ctx, tx, `SELECT sql FROM live.sqlite_schema WHERE type = 'index' AND tbl_name = ?
			AND sql IS NOT NULL ORDER BY name`, table)
		if err != nil {
			return err
		}
		for _, ddl := range indexes {
			if _, err := tx.ExecContext(ctx, ddl); err != nil {
				return err
			}
		}
		q := `INSERT INTO main.` + table + ` SELECT * FROM live.` + table
		if where != "" {
			q += ` WHERE ` + where
		}
		_, err = tx.ExecContext(ctx, q)
		return err
	}
	if err := copyOf("schema_migrations", ""); err != nil {
		return 0, fmt.Errorf("snapshot schema_migrations: %w", err)
	}
	for _, t := range syncTables {
		if err := copyOf(t.name, t.when); err != nil {
			return 0, fmt.Errorf("snapshot %s: %w", t.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	if _, err := conn.ExecContext(ctx, `DETACH DATABASE live`); err != nil {
		return 0, err
	}
	return seq, nil
}

// copySnapshot replaces this machine's shared tables with those of the
// snapshot at path in one transaction, together with what else fn writes
// in it; the settings that stay on each machine stay: what LoadSnapshot
// does with a snapshot it cannot take as its database (one of another
// schema, or written by a server that made snapshots of the rows only).
// The rows are copied by SQLite itself (the snapshot attached), with the
// tables' secondary indexes dropped and built again at the end, and the
// change log's triggers off while they are copied (what arrives is no
// change of this machine's). The derived data is made again from what
// arrived: the search index and the measure rows and clocks at once
// after the commit, and, were the program stopped first, at its next
// start (Open).
func (s *Store) copySnapshot(ctx context.Context, path string, fn func(*Tx) error) error {
	// ATTACH cannot run inside a transaction; the store's one writing
	// connection keeps it for the transaction that follows.
	if _, err := s.write.ExecContext(ctx, `ATTACH DATABASE '`+strings.ReplaceAll(path, "'", "''")+`' AS snap`); err != nil {
		return err
	}
	defer s.write.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE snap`)
	for _, q := range []string{`PRAGMA temp_store = MEMORY`, `PRAGMA threads = 2`} {
		if _, err := s.write.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	defer s.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA temp_store = DEFAULT`)
	defer s.write.ExecContext(context.WithoutCancel(ctx), `PRAGMA threads = 0`)
	err := s.tx(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		// Index building sorts more than the default cache holds.
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
			return err
		}
		defer tx.ExecContext(context.WithoutCancel(ctx), `PRAGMA cache_size = -2000`)
		logging := s.changeLog.Load()
		if logging {
			if err := changeLogTriggers(ctx, tx, false); err != nil {
				return err
			}
		}
		clear := []string{`DELETE FROM request_clocks`, `DELETE FROM request_metrics`, `DELETE FROM metric_sums`,
			`DELETE FROM request_record_deps`, `INSERT INTO request_fts (request_fts) VALUES ('delete-all')`,
			`UPDATE search_index SET version = 0 WHERE id = 1`}
		for i := len(syncTables) - 1; i >= 0; i-- {
			t := syncTables[i]
			q := `DELETE FROM ` + t.name
			if t.when != "" {
				q += ` WHERE ` + t.when
			}
			clear = append(clear, q)
		}
		for _, q := range clear {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		names := make([]string, len(syncTables))
		for i, t := range syncTables {
			names[i] = t.name
		}
		indexes, err := dropIndexes(ctx, tx, names)
		if err != nil {
			return err
		}
		for _, t := range syncTables {
			cols, err := syncColumns(ctx, tx, t)
			if err != nil {
				return err
			}
			switch t.name {
			case "documents":
				cols = append(cols, "pdf")
			case "requests":
				// Their seqs come along, so the snapshot's req columns
				// name the same requests here.
				cols = append(cols, "seq")
			}
			targets, sources := slices.Clone(cols), slices.Clone(cols)
			if t.byReq {
				snapCols, err := queryIDs(ctx, tx, `SELECT name FROM pragma_table_info(?, 'snap')`, t.name)
				if err != nil {
					return err
				}
				i := slices.Index(cols, "request_id")
				targets[i], sources[i] = "req", "req"
				if !slices.Contains(snapCols, "req") { // a snapshot of a schema before the table's byReq
					sources[i] = `(SELECT r.seq FROM main.requests r WHERE r.id = s.request_id)`
				}
			}
			if t.packed != "" {
				// A snapshot's body as JSON (before 0034) is packed; one
				// packed stays as it is.
				i := slices.Index(cols, t.packed)
				sources[i] = `record_pack(s.kind, s.` + t.packed + `)`
			}
			for _, c := range t.coded {
				// Words (before 0037) are coded; codes stay as they are.
				sources[slices.Index(cols, c)] = `step_code(s.` + c + `)`
			}
			for _, c := range t.uuids {
				// UUIDs as text (before 0039) are keyed; bytes stay.
				sources[slices.Index(cols, c)] = `id_key(s.` + c + `)`
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO main.`+t.name+` (`+strings.Join(targets, ", ")+`) SELECT `+
				strings.Join(sources, ", ")+` FROM snap.`+t.name+` s`); err != nil {
				return fmt.Errorf("snapshot %s: %w", t.name, err)
			}
		}
		for _, ddl := range indexes {
			if _, err := tx.ExecContext(ctx, ddl); err != nil {
				return fmt.Errorf("snapshot: %s: %w", ddl, err)
			}
		}
		if logging {
			if err := changeLogTriggers(ctx, tx, true); err != nil {
				return err
			}
		}
		if err := indexLoadedRecords(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sync_changes`); err != nil {
			return err
		}
		if fn != nil {
			return fn(tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.forgetLimits()
	if err := s.refreshSearchIndex(ctx); err != nil {
		return err
	}
	_, err = s.RebuildMetrics(ctx)
	return err
}

// indexLoadedRecords fills the columns and dependencies kept of the
// loaded records' bodies, as indexRecords does, with one prepared statement
// each instead of three parsed a record (the dependencies were emptied).
func indexLoadedRecords(ctx context.Context, tx *Tx) error {
	upd, err := tx.PrepareContext(ctx, `UPDATE request_records SET owner = ?, status = ?, due = ? WHERE id = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	dep, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO request_record_deps (record_id, depends_on) VALUES (?, ?)`)
	if err != nil {
		return err
	}
	defer dep.Close()
	// The columns as they arrived are read too: a row whose columns are
	// already those its body gives is not written again (rewriting a
	// record rewrites its body).
	type stored struct {
		rec                request.Record
		owner, status, due sql.NullString
	}
	var recs []stored
	if err := eachRow(ctx, tx, `SELECT `+uuidText("id")+`, kind, body, owner, status, due FROM request_records WHERE kind IN (?, ?)`,
		[]any{request.KindTask, request.KindSubRequirement}, func(rows *sql.Rows) error {
			var r stored
			var body []byte
			if err := rows.Scan(&r.rec.ID, &r.rec.Kind, &body, &r.owner, &r.status, &r.due); err != nil {
				return err
			}
			r.rec.Body = recordBody(body)
			recs = append(recs, r)
			return nil
		}); err != nil {
		return err
	}
	same := func(col sql.NullString, v string) bool { return col.Valid && col.String == v }
	// The bodies are decoded on a goroutine of their own while the
	// connection writes what the batch before gave (pipeline).
	type kept struct {
		stored
		idx request.RecordIndex
		ok  bool
	}
	return pipeline(func() (*[]kept, error) {
		if len(recs) == 0 {
			return nil, nil
		}
		n := min(1000, len(recs))
		batch := make([]kept, n)
		for i, r := range recs[:n] {
			batch[i].stored = r
		}
		recs = recs[n:]
		return &batch, nil
	}, func(batch *[]kept) error {
		for i := range *batch {
			k := &(*batch)[i]
			body, err := request.DecodeRecord(k.rec)
			if err != nil {
				continue // a damaged body keeps empty columns (see indexRecords)
			}
			k.idx, k.ok = request.IndexOf(body), true
		}
		return nil
	}, func(batch *[]kept) error {
		for _, k := range *batch {
			if !k.ok {
				continue
			}
			if !same(k.owner, k.idx.Owner) || !same(k.status, k.idx.Status) || !same(k.due, k.idx.Due) {
				if _, err := upd.ExecContext(ctx, k.idx.Owner, k.idx.Status, k.idx.Due, idKey(k.rec.ID)); err != nil {
					return err
				}
			}
			for _, d := range k.idx.DependsOn {
				if _, err := dep.ExecContext(ctx, idKey(k.rec.ID), idKey(d)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// dropIndexes drops the secondary indexes of the tables (those made by
// CREATE INDEX, not those of a PRIMARY KEY or UNIQUE column) and returns
// the statements that make them again.
func dropIndexes(ctx context.Context, tx *Tx, tables []string) ([]string, error) {
	var names, ddls []string
	if err := eachRow(ctx, tx, `SELECT name, sql FROM main.sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (`+placeholders(len(tables))+`) ORDER BY name`, anySlice(tables), func(rows *sql.Rows) error {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			return err
		}
		names, ddls = append(names, name), append(ddls, ddl)
		return nil
	}); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX main."`+name+`"`); err != nil {
			return nil, err
		}
	}
	return ddls, nil
}

// SnapshotAttachmentSums lists the SHA-256 of every attachment file the
// documents of the snapshot at path (SyncSnapshot) refer to that is not on
// this machine: what a laptop fetches before it loads the snapshot.
func (s *Store) SnapshotAttachmentSums(ctx context.Context, path string) ([]string, error) {
	snap, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	sums, err := queryIDs(ctx, snap, `SELECT sha256 FROM document_attachments
		UNION SELECT sha256 FROM request_attachments ORDER BY sha256`)
	if err != nil {
		return nil, err
	}
	out := sums[:0]
	for _, sum := range sums {
		if !s.files.Has(sum) {
			out = append(out, sum)
		}
	}
	return out, nil
}

// SharedDump lists every shared row, table by table in key order, as
// text: what a test compares between the server and a laptop.
func (s *Store) SharedDump(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	err := s.Read(ctx, func(tx *Tx) error {
		for _, t := range syncTables {
			cols, err := syncColumns(ctx, tx, t)
			if err != nil {
				return err
			}
			where := ""
			if t.when != "" {
				where = " WHERE " + t.when
			}
			rows, err := tx.QueryContext(ctx, `SELECT `+t.selectList(cols)+` FROM `+t.name+where+` ORDER BY `+t.key)
			if err != nil {
				return err
			}
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				var b strings.Builder
				for i, c := range cols {
					v := vals[i]
					if c == t.resolved {
						// Kept packed or not, the entry as written.
						if text, err := audit.Stored(v); err == nil {
							v = text
						}
					}
					if raw, ok := v.([]byte); ok {
						v = blobs.Sum(raw)
					}
					fmt.Fprintf(&b, " %s=%v", c, v)
				}
				out[t.name] = append(out[t.name], b.String())
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}
