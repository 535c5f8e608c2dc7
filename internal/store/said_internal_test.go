package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
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
		rows, err := s.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+saidRecordsSQL(numbers), "2024-03-01", "2024-04-01")
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		all := strings.Join(plan, "\n")
		if !strings.Contains(all, "SEARCH r USING INDEX request_records_said") {
			t.Fatalf("the record measures (numbers %v) do not read request_records_said:\n%s", numbers, all)
		}
	}
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
