package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
)

// The record measures run on every dashboard; they must read a period's
// customer-facing records from request_records_said, never scan every
// record of every year.
func TestSaidRecordsUseIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, numbers := range []bool{true, false} {
		if plan := queryPlan(t, s, saidRecordsSQL(numbers), "2024-03-01", "2024-04-01"); !strings.Contains(plan, "SEARCH r USING INDEX request_records_said") {
			t.Fatalf("the record measures (numbers %v) do not read request_records_said:\n%s", numbers, plan)
		}
	}
}

// TestOpenTasksUseIndex: a person's open tasks are found by the index of
// records with an owner (0027), not by reading every record.
func TestOpenTasksUseIndex(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	open := request.OpenStatuses()
	args := append([]any{"王强"}, anySlice(request.ClosedTaskStatuses)...)
	for _, st := range open {
		args = append(args, st)
	}
	if plan := queryPlan(t, s, openTasksSQL(len(open)), args...); !strings.Contains(plan, "SEARCH k USING INDEX request_records_owner") {
		t.Fatalf("the open tasks do not read request_records_owner:\n%s", plan)
	}
}

// queryPlan is SQLite's plan of query, a step a line.
func queryPlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	var plan []string
	err := eachRow(context.Background(), s.read, `EXPLAIN QUERY PLAN `+query, args, func(rows *sql.Rows) error {
		var id, parent, unused int
		var detail string
		err := rows.Scan(&id, &parent, &unused, &detail)
		plan = append(plan, detail)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}

// A server's readers map the database file (MapReads): the page caches a
// write empties are refilled from memory, not by a system call a page. A
// laptop's do not: a read error there must stay an error.
func TestMapReads(t *testing.T) {
	ctx := context.Background()
	for _, mapped := range []bool{false, true} {
		var opts []Option
		if mapped {
			opts = append(opts, MapReads())
		}
		s, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)), opts...)
		if err != nil {
			t.Fatal(err)
		}
		var n int64
		if err := s.read.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if mapped && n < 1<<30 || !mapped && n != 0 {
			t.Fatalf("MapReads %v: readers map %d bytes of the file", mapped, n)
		}
	}
}

// The running clocks are read by the index of those running when asked for
// by time (the alerts, the escalations), and by the requests' key when
// asked for by request (the list's badges), also when the planner knows
// the requests are many and nothing of the clocks, as an upgrade leaves
// request_clocks (0030) until the start's optimize.
func TestRunningClocksPlans(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	s, err := Open(ctx, path, clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Exec(ctx, `ANALYZE; DELETE FROM sqlite_stat1;
		INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('requests', 'requests_urgency', '100000 1001 1'),
			('requests', 'requests_updated', '100000 1'), ('requests', 'requests_type', '100000 1001 1'),
			('requests', 'requests_status', '100000 334 1'), ('requests', 'requests_received', '100000 1'),
			('requests', 'requests_owner', '100000 1001 1'), ('requests', 'requests_customer', '100000 44 1'),
			('requests', 'requests_contact', '100000 24 1'), ('requests', 'requests_channel', '100000 1001 1'),
			('requests', 'sqlite_autoindex_requests_2', '100000 1'), ('requests', 'sqlite_autoindex_requests_1', '100000 1')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(ctx, path, clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC))); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range []struct {
		from, where string
		args        []any
		want        []string
	}{
		{clocksFirst, `k.due_at IS NOT NULL`, nil,
			[]string{"SEARCH k USING INDEX request_clocks_open", "SEARCH r USING INTEGER PRIMARY KEY"}},
		{clocksFirst, `k.due_at IS NOT NULL AND k.due_at <= ?`, []any{1},
			[]string{"SEARCH k USING INDEX request_clocks_open", "SEARCH r USING INTEGER PRIMARY KEY"}},
		{requestsFirst, `r.id IN (?, ?)`, []any{"a", "b"},
			[]string{"SEARCH r USING COVERING INDEX sqlite_autoindex_requests_1", "SEARCH k USING PRIMARY KEY (req=?)"}},
	} {
		plan := queryPlan(t, s, runningClocksSQL(tt.from, tt.where), tt.args...)
		lines := strings.Split(plan, "\n")
		if len(lines) != len(tt.want) {
			t.Errorf("plan of %s:\n%s\nwant %q", tt.where, plan, tt.want)
			continue
		}
		for i, w := range tt.want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("plan of %s:\n%s\nwant %q", tt.where, plan, tt.want)
				break
			}
		}
	}
}
