package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestStepEntriesMove writes the golden audit log (the program of schema 10,
// whose steps wrote an entry each besides their transition) into a database
// of schema 10 with the transitions those steps wrote, and upgrades it:
// every step's entry moves into its transition (0025), and every entity's
// history is exactly as the old program showed it. An entry whose
// transition names another person, and a step entry without a transition,
// stay in the audit log; the change log notes nothing.
func TestStepEntriesMove(t *testing.T) {
	ctx := context.Background()
	g := readAuditGolden(t)
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), 10)
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := old.Exec(ctx, q, args...); err != nil {
			t.Fatal(err)
		}
	}
	writeAuditGolden(t, old, g)
	exec(`INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES ('cx', 'cx', 'cx', '', '')`)
	type side struct {
		Number      string `json:"number"`
		Status      string `json:"status"`
		MoveAction  string `json:"moveAction"`
		MoveComment string `json:"moveComment"`
	}
	requests := map[string]bool{}
	steps, seq := 0, 0
	var kept []string // entries that must stay
	for _, r := range g.Rows {
		if r.Entity != "request" || r.Action != "update" || r.Before == nil || r.After == nil {
			continue
		}
		var b, a side
		if json.Unmarshal([]byte(*r.Before), &b) != nil || json.Unmarshal([]byte(*r.After), &a) != nil || a.MoveAction == "" {
			continue
		}
		if !requests[r.EntityID] {
			requests[r.EntityID] = true
			seq++
			exec(`INSERT INTO requests (seq, id, number, status, customer_id, contact_name, contact_info, channel, type,
				urgency, title, description, received_at, received_by, created_at, updated_at)
				VALUES (?, ?, ?, 'registered', 'cx', '', '', '电话', '技术咨询', 'normal', '', '', ?, '', ?, ?)`,
				seq, r.EntityID, b.Number, r.At, r.At, r.At)
		}
		steps++
		actor := r.Actor
		if steps == 5 {
			// The step of another person than the entry's: it stays.
			actor = "另一人"
			kept = append(kept, r.ID)
		}
		if steps == 9 {
			// A step whose transition was not kept: it stays.
			kept = append(kept, r.ID)
			continue
		}
		// The program took the transition's id just before the entry's
		// (UUIDv7, in order): the moved entry shows the transition's, here
		// the same.
		exec(`INSERT INTO request_transitions (id, request_id, at, actor, action, from_status, to_status, comment)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.EntityID, r.At, actor, a.MoveAction,
			b.Status, a.Status, a.MoveComment)
	}
	if steps < 20 {
		t.Fatalf("the golden log has %d step entries", steps)
	}
	old.Close()
	// A team server's database: the change log is on.
	old, err = store.OpenAtVersion(ctx, path, clock.NewFixed(now), 24)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	st, logged := upgradeLogged(t, old, path)
	sameHistories(t, st, g.History)
	var entries, keeping, n int
	if err := st.QueryRow(ctx, `SELECT (SELECT count(*) FROM audit_log),
		(SELECT count(*) FROM request_transitions WHERE changes IS NOT NULL)`).Scan(&entries, &keeping); err != nil {
		t.Fatal(err)
	}
	if moved := steps - len(kept); keeping != moved || entries != len(g.Rows)-moved {
		t.Errorf("%d transitions keep entries, %d entries left of %d: want %d moved", keeping, entries, len(g.Rows), moved)
	}
	for _, id := range kept {
		u := uuid.MustParse(id)
		if err := st.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE id = ?`, u[:]).Scan(&n); err != nil || n != 1 {
			t.Errorf("entry %s did not stay (%d, %v)", id, n, err)
		}
	}
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&n); err != nil || n != logged {
		t.Errorf("the upgrade noted %d rows as changed for the team (%v)", n-logged, err)
	}
}
