package demo_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/demo"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// storage measures a database file: its size, and the pages of the audit
// trail (the audit log and the transitions, which keep their steps'
// entries, with their indexes) with the entries they hold.
func storage(t *testing.T, path string) (file, audit int64, entries int) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT page_count * page_size FROM pragma_page_count, pragma_page_size`).Scan(&file); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema
		WHERE tbl_name IN ('audit_log', 'request_transitions'))`).Scan(&audit); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM audit_log)
		+ (SELECT count(*) FROM request_transitions WHERE changes IS NOT NULL)`).Scan(&entries); err != nil {
		t.Fatal(err)
	}
	return file, audit, entries
}

// TestAuditStorage bounds the room the audit log takes on a demo made
// through the commands, as people work (every record saved, every step and
// edit an entry): with full copies of the entity before and after, an entry
// took 2 KB and the file 50 KB a request; only what changed takes a
// quarter of it.
func TestAuditStorage(t *testing.T) {
	ctx := context.Background()
	clk := clock.NewFixed(time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local))
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	st, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EnsureSettings(ctx, settings.Defaults("测试")); err != nil {
		t.Fatal(err)
	}
	const n = 120
	if _, err := demo.Fill(ctx, st, clk, demo.Options{Customers: 8, Requests: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	file, audit, entries := storage(t, path)
	if entries < 10*n {
		t.Fatalf("%d audit entries for %d requests, want every step and record", entries, n)
	}
	t.Logf("%d entries, %d bytes each; file %.1f KB a request", entries, audit/int64(entries), float64(file)/n/1024)
	if per := audit / int64(entries); per > 640 {
		t.Errorf("the audit log takes %d bytes an entry, want at most 640", per)
	}
	if per := float64(file) / n / 1024; per > 30 {
		t.Errorf("the database takes %.1f KB a request, want at most 30", per)
	}
}
