package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
)

// TestReclaimPending: when the disk lacks room for the VACUUM that 0034's
// shrunk rows need, the upgrade notes it, and a later start with room runs
// it and clears the note.
func TestReclaimPending(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	clk := clock.NewFixed(time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC))
	s, err := open(ctx, path, clk, 33)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES ('c1', '华信', '华信', '', '');
		INSERT INTO requests (seq, id, number, status, customer_id, channel, type, urgency, title, received_at, received_by,
			created_at, updated_at) VALUES (1, 'r1', 'XR-2026-001', 'handling', 'c1', '电话', '咨询', 'normal', '', '', '', '', '');
		WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000)
		INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at)
		SELECT 'n' || i, 1, 'communication', json_object('at', '2026-10-01T02:30:00Z', 'channel', '电话', 'with', '张伟',
			'summary', '第' || i || '次回访，确认问题已解决', 'nextStep', ''), '李娜', i, i FROM k`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	pages := func(s *Store) (n, pending int) {
		t.Helper()
		if err := s.write.QueryRowContext(ctx, `SELECT (SELECT page_count FROM pragma_page_count),
			(SELECT count(*) FROM settings WHERE key = ?)`, reclaimPendingKey).Scan(&n, &pending); err != nil {
			t.Fatal(err)
		}
		return n, pending
	}
	roomOn = func(string) (int64, error) { return 0, nil }
	defer func() { roomOn = diskFree }()
	if s, err = open(ctx, path, clk, LatestSchema()); err != nil {
		t.Fatal(err)
	}
	full, pending := pages(s)
	s.Close()
	if pending != 1 {
		t.Fatalf("an upgrade without room for VACUUM noted nothing (%d pages)", full)
	}
	roomOn = diskFree
	if s, err = open(ctx, path, clk, LatestSchema()); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, pending := pages(s); pending != 0 || n >= full {
		t.Errorf("the next start with room: %d pages from %d, the note %d", n, full, pending)
	}
}
