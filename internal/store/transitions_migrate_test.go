package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestTransitionsCompact upgrades a team server's database of schema 25
// whose transitions keep text ids and times: each moves with its id as the
// UUID's bytes and its time in Unix milliseconds, an id or a time not in the
// program's form stays the text it was, every request reads the same steps
// in the same order, the change log names the moved rows by their new keys
// (so a member behind on its pulls receives them) and nothing else, and new
// steps are logged.
func TestTransitionsCompact(t *testing.T) {
	ctx := context.Background()
	old, path := teamServerAt(t, 25)
	for _, q := range []string{
		`INSERT INTO request_transitions (seq, id, request_id, at, actor, action, from_status, to_status, comment, changes) VALUES
			(1, '018e4063-a400-7000-8000-0000000000a1', 'r1', '2024-03-15T02:10:00.000Z', '王强', 'triage', 'registered', 'triaged', '', '{"~fields.department":["","客服部"]}'),
			(2, 't-old', 'r1', '2024-03-15T02:20:00.123Z', '王强', 'assign', 'triaged', 'assigned', '', NULL),
			(3, '018e4063-a400-7000-8000-0000000000a3', 'r1', '2024-03-15 10:30:00', '李娜', 'start', 'assigned', 'handling', '开始', '{}')`,
		// A step taken offline, waiting in the outbox to be pushed.
		`INSERT INTO sync_outbox (id, name, args, at, touched, request_id) VALUES ('cmd1', 'request.move', '{}',
			'2024-03-15T02:10:00.000Z', '[{"table":"requests","id":"r1"},{"table":"request_transitions","id":"018e4063-a400-7000-8000-0000000000a1"},{"table":"request_transitions","id":"t-old"}]', 'r1')`,
	} {
		if err := old.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st, logged := upgradeLogged(t, old, path)
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339Nano, s); return t.UTC() }
	want := []request.Transition{
		{ID: "018e4063-a400-7000-8000-0000000000a1", At: at("2024-03-15T02:10:00Z"), Actor: "王强", Action: "triage", From: "registered", To: "triaged"},
		{ID: "t-old", At: at("2024-03-15T02:20:00.123Z"), Actor: "王强", Action: "assign", From: "triaged", To: "assigned"},
		{ID: "018e4063-a400-7000-8000-0000000000a3", Actor: "李娜", Action: "start", From: "assigned", To: "handling", Comment: "开始"},
	}
	d, err := st.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Transitions, want) {
		t.Fatalf("steps after the upgrade:\n%+v\nwant\n%+v", d.Transitions, want)
	}
	var kinds string
	if err := st.QueryRow(ctx, `SELECT group_concat(typeof(id) || '/' || typeof(at), ' ') FROM (SELECT id, at FROM request_transitions ORDER BY seq)`).
		Scan(&kinds); err != nil || kinds != "blob/integer text/integer blob/text" {
		t.Errorf("kept as %q (%v), want the UUIDs' bytes, the times in milliseconds, the rest as it was", kinds, err)
	}
	// The log names the moved rows by their new keys, and nothing more.
	logRows, err := st.Texts(ctx, `SELECT tbl || ' ' || row_id FROM sync_changes ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []store.RowKey
	for _, r := range logRows {
		tbl, id, _ := strings.Cut(r, " ")
		keys = append(keys, store.RowKey{Table: tbl, ID: id})
	}
	if len(keys) != logged {
		t.Fatalf("the log has %d rows after the upgrade, %d before", len(keys), logged)
	}
	rows, err := st.SharedRows(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	steps := 0
	for i, r := range rows {
		if r.Row == nil {
			t.Errorf("%s %s: the logged row is not found", keys[i].Table, keys[i].ID)
		}
		if keys[i].Table == "request_transitions" {
			steps++
		}
	}
	if steps != 3 {
		t.Errorf("the log names %d steps, want 3", steps)
	}
	// The rows the waiting command wrote are named by their new keys.
	touched, err := st.Texts(ctx, `SELECT touched FROM sync_outbox WHERE id = 'cmd1'`)
	if err != nil || len(touched) != 1 || touched[0] != `[{"table":"requests","id":"r1"},`+
		`{"table":"request_transitions","id":"x:018e4063a400700080000000000000a1"},{"table":"request_transitions","id":"t-old"}]` {
		t.Errorf("the outbox's rows after the upgrade: %q (%v)", touched, err)
	}
	// New steps are logged by the triggers made again.
	if err := st.Exec(ctx, `INSERT INTO request_transitions (id, req, at, actor, action, from_status, to_status)
		VALUES (x'018e4063a400700080000000000000a4', (SELECT seq FROM requests WHERE id = 'r1'), 1710471600000, '李娜', 'give_result', 'handling', 'result_given')`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes WHERE tbl = 'request_transitions'
		AND row_id = 'x:018e4063a400700080000000000000a4'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a new step is not in the change log (%d, %v)", n, err)
	}
}

// upgradeLogged closes old, a database of an earlier schema whose team
// change log is on, and opens it again at the current one: it returns the
// store and how many rows the log named before the upgrade.
func upgradeLogged(t *testing.T, old *store.Store, path string) (*store.Store, int) {
	t.Helper()
	ctx := context.Background()
	var logged int
	if err := old.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&logged); err != nil {
		t.Fatal(err)
	}
	old.Close()
	st, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, logged
}

// teamServerAt is a team server's database (its change log on) at schema
// version, holding customer c1 and its request r1 (XR-2024-001); it returns
// the store and the file's path.
func teamServerAt(t *testing.T, version int) (*store.Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), version)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES ('c1', '华信', '华信', '', '')`,
		`INSERT INTO requests (seq, id, number, status, customer_id, contact_name, contact_info, channel, type, urgency, title,
			description, received_at, received_by, created_at, updated_at) VALUES
			(1, 'r1', 'XR-2024-001', 'handling', 'c1', '', '', '电话', '技术咨询', 'normal', '', '', '2024-03-15T01:55:00.000Z', '',
			 '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z')`,
	} {
		if err := old.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return old, path
}
