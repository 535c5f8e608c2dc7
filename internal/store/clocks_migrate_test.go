package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestClockCompaction upgrades a database of schema 14 holding clocks with
// text times, as the program of that version wrote them, and checks that
// 0015 keeps every one with the same times in Unix milliseconds (and its
// allowance and clock; the limit's text is no longer kept) (read back
// through the store: the tracking table's due time), derives again the
// clocks of a request whose times are not in the store's form, and leaves
// no old table behind; and that the audit log keeps the entities' UUIDs as
// their bytes with every entry shown as before.
func TestClockCompaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	for step := 1; step <= 14; step++ {
		old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), step)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.Exec(ctx, fixtures[step-1]); err != nil {
			t.Fatalf("fixture %04d: %v", step, err)
		}
		if step == 14 {
			err = old.Exec(ctx, `INSERT INTO request_clocks (request_id, kind, start_at, due_at, done_at, allowance, limit_text, clock) VALUES
				('r2', 'record', '2024-03-15T01:58:00.000Z', '2024-03-15T02:03:00.000Z', '2024-03-15T02:01:00.123Z', 300,
				 '{"amount":5,"unit":"minutes","clock":"24x7"}', '24x7'),
				('r2', 'resolve', '2024-03-15T01:58:00.000Z', '2024-03-16T01:58:00.000Z', NULL, 86400,
				 '{"amount":24,"unit":"hours","clock":"24x7"}', '24x7'),
				('r2', 'respond', '2024-03-15T01:58:00.000Z', NULL, NULL, 28800,
				 '{"amount":8,"unit":"hours","clock":"working"}', 'working'),
				('r1', 'record', '2024-03-15T01:55:00.000Z', '2024-03-15 02:00:00', NULL, 300,
				 '{"amount":5,"unit":"minutes","clock":"24x7"}', '24x7'),
				('r1', 'classify', '2024-03-15T01:55:00.000Z', '2024-03-15T02:25:00.000Z', NULL, 1800,
				 '{"amount":30,"unit":"minutes","clock":"24x7"}', '24x7');
				-- Measure rows, so the start-up has no request to derive
				-- and the clocks read are the ones the migration wrote.
				INSERT INTO request_metrics (received, request_id, department, open, data) VALUES
					(1710467700, 'r1', '', 1, ''), (1710467880, 'r2', '', 1, '');
				-- Audit entries about an entity with a UUID id and one about
				-- an entity whose id is not one.
				INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) VALUES
					(x'018e4063a400700080000000000000b1', 1710468600000, '王强', 'customer',
					 '018e4063-a400-7000-8000-0000000000c9', 'update', '{"~name":["甲","乙"]}'),
					(x'018e4063a400700080000000000000b2', 1710468700000, '王强', 'customer',
					 '018E4063-A400-7000-8000-0000000000C9', 'update', '{"~name":["乙","丙"]}')`)
			if err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
	}
	s, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	ms := func(v string) string {
		tm, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(tm.UnixMilli())
	}
	// The kinds and calendars by their letters since 0036: record A,
	// respond D, resolve E; round the clock nothing, working time W.
	want := []string{
		"r2|A|" + ms("2024-03-15T01:58:00Z") + "|" + ms("2024-03-15T02:03:00Z") + "|" + ms("2024-03-15T02:01:00.123Z") +
			`|300|`,
		"r2|D|" + ms("2024-03-15T01:58:00Z") + `|NULL|NULL|28800|W`,
		"r2|E|" + ms("2024-03-15T01:58:00Z") + "|" + ms("2024-03-16T01:58:00Z") + `|NULL|86400|`,
	}
	if got := clockRows(t, path, "r2"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("clocks of r2 after the upgrade:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// r1 had a time not in the store's form: its clocks are derived again,
	// as the program derives them from this database (it holds no
	// time-limit policies yet, so none).
	if got := clockRows(t, path, "r1"); len(got) != 0 {
		t.Errorf("clocks of r1 after the upgrade = %q, want them derived again (none without policies)", got)
	}
	if exists(t, path, "request_clocks_text") {
		t.Error("the old clocks table is still there")
	}
	if got := count(t, path, "sqlite_master WHERE name = 'request_clocks' AND sql LIKE '%WITHOUT ROWID%'"); got != 1 {
		t.Error("request_clocks is not kept WITHOUT ROWID")
	}
	if got := count(t, path, "sqlite_master WHERE name = 'request_clocks_open'"); got != 1 {
		t.Error("the index of the running clocks is gone")
	}
	// The store reads the converted times: the tracking table's due time
	// is r2's resolve clock.
	found := false
	for row, err := range s.Tracking(ctx, request.Query{}) {
		if err != nil {
			t.Fatal(err)
		}
		if row.Number == "XR-2024-002" {
			found = true
			if wantDue := time.Date(2024, 3, 16, 1, 58, 0, 0, time.UTC); !row.Due.Equal(wantDue) {
				t.Errorf("tracking due of r2 = %v, want %v", row.Due, wantDue)
			}
		}
	}
	if !found {
		t.Fatal("r2 is not in the tracking table")
	}

	// The entity of an audit entry is kept as its 16 bytes when it is a
	// canonical UUID, as the text it was otherwise, and History shows the
	// same entries.
	if got := count(t, path, "audit_log WHERE typeof(entity_id) = 'blob'"); got != 1 {
		t.Errorf("%d audit entries keep their entity as bytes, want 1", got)
	}
	for _, tt := range []struct{ id, change string }{
		{"018e4063-a400-7000-8000-0000000000c9", "甲"},
		{"018E4063-A400-7000-8000-0000000000C9", "乙"},
		{"r2", "registered"},
	} {
		h, err := s.History(ctx, tt.id)
		if err != nil || len(h) != 1 || h[0].EntityID != tt.id || len(h[0].Changes) != 1 ||
			!strings.Contains(fmt.Sprint(h[0].Changes[0]), tt.change) {
			t.Errorf("history of %s after the upgrade = %+v, %v", tt.id, h, err)
		}
	}
}

func clockRows(t *testing.T, path, requestID string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT r.id || '|' || kind || '|' || start_at || '|' || coalesce(due_at, 'NULL') || '|' ||
		coalesce(done_at, 'NULL') || '|' || allowance || '|' || clock || '|' || typeof(start_at)
		FROM request_clocks k JOIN requests r ON r.seq = k.req WHERE r.id = ? ORDER BY kind`, requestID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(s, "|integer") {
			t.Errorf("clock %s: start is not stored as an integer", s)
		}
		out = append(out, strings.TrimSuffix(s, "|integer"))
	}
	return out
}
