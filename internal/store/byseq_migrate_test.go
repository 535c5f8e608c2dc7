package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestRowsBySeq upgrades a team server's database of schema 29 whose
// clocks, steps and records name their request by its id: after 0030–0032
// they name it by its seq, the request reads the same steps and records,
// the change log names no row the upgrade touched (nothing changed for the
// team) and logs new ones, a pull sends the rows with the request's id as
// before, and the record measures count again.
func TestRowsBySeq(t *testing.T) {
	ctx := context.Background()
	old, path := teamServerAt(t, 29)
	for _, q := range []string{
		`INSERT INTO request_transitions (seq, id, request_id, at, actor, action, from_status, to_status, comment, changes) VALUES
			(1, x'018e4063a400700080000000000000a1', 'r1', 1710468600000, '王强', 'triage', 'registered', 'triaged', '', '{}'),
			(2, x'018e4063a400700080000000000000a2', 'r1', 1710469200000, '王强', 'assign', 'triaged', 'assigned', '', '{"~fields.owner":["","李娜"]}')`,
		`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
			('cm1', 'r1', 'communication', '{"at":"2024-03-15T02:30:00Z","channel":"电话","with":"张伟","summary":"确认问题","nextStep":""}',
			 '李娜', 1710469800000, 1710469800000)`,
		`INSERT INTO request_clocks (request_id, kind, start_at, due_at, done_at, allowance, clock) VALUES
			('r1', 'resolve', 1710467700000, 1710554100000, NULL, 86400, '24x7')`,
		// A measure row, so the start-up derives nothing and the clock read
		// is the one the upgrade moved.
		`INSERT INTO request_metrics (received, request_id, department, open, data) VALUES (1710467700, 'r1', '', 1, '')`,
	} {
		if err := old.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var before int64
	if err := old.QueryRow(ctx, `SELECT seq FROM record_changes`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	st, logged := upgradeLogged(t, old, path)
	var after int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&after); err != nil || after != logged {
		t.Errorf("the change log names %d rows after the upgrade, %d before (%v)", after, logged, err)
	}
	for _, tb := range []string{"request_clocks", "request_transitions", "request_records"} {
		var n int
		if err := st.QueryRow(ctx, `SELECT count(*) FROM `+tb+` WHERE req = (SELECT seq FROM requests WHERE id = 'r1')`).
			Scan(&n); err != nil || n == 0 {
			t.Errorf("%s: %d rows name r1 by its seq (%v)", tb, n, err)
		}
		cols, err := st.Texts(ctx, `SELECT name FROM pragma_table_info('`+tb+`')`)
		if err != nil || strings.Contains(strings.Join(cols, " "), "request_id") {
			t.Errorf("%s keeps request_id: %v %v", tb, cols, err)
		}
	}
	var changes int64
	if err := st.QueryRow(ctx, `SELECT seq FROM record_changes`).Scan(&changes); err != nil || changes <= before {
		t.Errorf("the records' change count stayed %d (%v): kept measures would not be made again", changes, err)
	}
	d, err := st.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Transitions) != 2 || d.Transitions[1].Action != request.ActAssign || len(d.Records) != 1 ||
		d.Records[0].ID != "cm1" || d.Records[0].RequestID != "r1" {
		t.Fatalf("r1 after the upgrade: %+v %+v", d.Transitions, d.Records)
	}
	// A new record is logged, and travels naming its request by its id.
	if err := st.Exec(ctx, `INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at) VALUES
		('cm2', (SELECT seq FROM requests WHERE id = 'r1'), 'communication',
		 record_pack('communication', '{"at":"2024-03-15T03:00:00Z","channel":"电话","with":"张伟","summary":"回访","nextStep":""}'),
		 '李娜', 1710471600000, 1710471600000)`); err != nil {
		t.Fatal(err)
	}
	rows, err := st.SharedRows(ctx, []store.RowKey{{Table: "request_records", ID: "cm2"},
		{Table: "request_transitions", ID: "x:018e4063a400700080000000000000a2"}})
	if err != nil || len(rows) != 2 {
		t.Fatalf("shared rows: %v %v", rows, err)
	}
	for _, c := range rows {
		if c.Row["request_id"] != "r1" {
			t.Errorf("%s %s travels with request_id %v, want r1", c.Table, c.ID, c.Row["request_id"])
		}
		if _, ok := c.Row["req"]; ok {
			t.Errorf("%s %s travels with this machine's req", c.Table, c.ID)
		}
	}
	var n int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes WHERE tbl = 'request_records' AND row_id = 'cm2'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a new record is not in the change log (%d, %v)", n, err)
	}
	// A step or record arriving for a request not here is refused, with
	// nothing written.
	for _, c := range []store.Change{
		{Table: "request_records", ID: "cm9", Row: store.Row{"id": "cm9", "request_id": "gone", "kind": "communication",
			"parent_id": nil, "body": "{}", "created_by": "李娜", "version": int64(1), "owner": "", "status": "", "due": "",
			"created_at": int64(1710471600000), "updated_at": int64(1710471600000)}},
		{Table: "request_transitions", ID: "x:018e4063a400700080000000000000a9", Row: store.Row{
			"id": []byte{0x01, 0x8e, 0x40, 0x63, 0xa4, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, 0xa9}, "request_id": "gone",
			"at": int64(1710471600000), "actor": "王强", "action": "triage", "from_status": "registered",
			"to_status": "triaged", "comment": "", "changes": nil}},
	} {
		if err := applyChanges(st, []store.Change{c}); err == nil || !strings.Contains(err.Error(), ".req") {
			t.Errorf("%s of a request not here: %v, want it refused", c.Table, err)
		}
	}
	// A record names its request, as NOT NULL would have it.
	for _, q := range []string{`INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at) VALUES
		('cm3', NULL, 'communication', '{}', '李娜', 1710471600000, 1710471600000)`,
		`UPDATE request_records SET req = NULL WHERE id = 'cm2'`} {
		if err := st.Exec(ctx, q); err == nil || !strings.Contains(err.Error(), "request_records.req") {
			t.Errorf("%s: %v, want it refused", q, err)
		}
	}
}

// TestRowsBySeqOrphan: a record whose request is not there (written with
// the foreign keys off) stops the upgrade, which leaves the database as it
// was, the record with it.
func TestRowsBySeqOrphan(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), 31)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
		('lost', 'gone', 'communication', '{}', '李娜', 1710469800000, 1710469800000)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if st, err := store.Open(ctx, path, clock.NewFixed(now)); err == nil {
		st.Close()
		t.Fatal("the upgrade took a record whose request is missing")
	}
	old, err = store.OpenAtVersion(ctx, path, clock.NewFixed(now), 31)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if v, err := old.SchemaVersion(ctx); err != nil || v != 31 {
		t.Errorf("schema after the failed upgrade: %d %v", v, err)
	}
	var body string
	if err := old.QueryRow(ctx, `SELECT request_id FROM request_records WHERE id = 'lost'`).Scan(&body); err != nil || body != "gone" {
		t.Errorf("the record after the failed upgrade: %q %v", body, err)
	}
}
