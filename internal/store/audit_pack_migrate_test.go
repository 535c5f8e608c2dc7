package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestAuditPacking upgrades a database of schema 15 holding the golden
// audit log (converted by the upgrades up to 15, as the program of that
// version kept it: changes as text) and an entry about a request whose id
// the bulk loader had kept as text, on a laptop whose team-sync change log
// is on, and checks that 0016 keeps every entry with every column as it was
// (the entity's UUID as its bytes), its changes packed where that is
// shorter and giving back exactly the text they were, every history shown
// exactly as before and as the program of schema 10 showed it, no entry
// noted as changed for the team, and the change log still noting new ones.
func TestAuditPacking(t *testing.T) {
	ctx := context.Background()
	g := readAuditGolden(t)
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), 10)
	if err != nil {
		t.Fatal(err)
	}
	writeAuditGolden(t, old, g)
	old.Close()
	old, err = store.OpenAtVersion(ctx, path, clock.NewFixed(now), 15)
	if err != nil {
		t.Fatal(err)
	}
	const textEntity = "018e4063-a400-7000-8000-0000000000d1"
	if err := old.Exec(ctx, `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) VALUES
		(x'018e4063a400700080000000000000d2', 1710468600000, '王强', 'request', ?, 'update',
		 '{"~status":["registered","triaged"]}')`, textEntity); err != nil {
		t.Fatal(err)
	}
	if err := old.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	type row struct {
		Seq                                int64
		ID, At, Actor, Entity, EntityID, A any
		Changes                            any
	}
	rows := func(s *store.Store) map[int64]row {
		out := map[int64]row{}
		var n int
		if err := s.QueryRow(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		for seq := int64(0); len(out) < n; {
			var r row
			err := s.QueryRow(ctx, `SELECT seq, id, at, actor, entity, entity_id, action, changes FROM audit_log WHERE seq > ?
				ORDER BY seq LIMIT 1`, seq).Scan(&r.Seq, &r.ID, &r.At, &r.Actor, &r.Entity, &r.EntityID, &r.A, &r.Changes)
			if err != nil {
				t.Fatal(err)
			}
			out[r.Seq], seq = r, r.Seq
		}
		return out
	}
	// The store of schema 15 reads the audit log alone (its transitions
	// keep no entries).
	histories := func(s *store.Store, read func(context.Context, string) ([]audit.Entry, error)) map[string]string {
		out := map[string]string{}
		for _, id := range append(mapKeys(g.History), textEntity) {
			h, err := read(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(h)
			out[id] = string(b)
		}
		return out
	}
	before, shown := rows(old), histories(old, old.AuditEntries)
	st, logged := upgradeLogged(t, old, path)
	after := rows(st)
	if len(after) != len(before) || len(before) != len(g.Rows)+1 {
		t.Fatalf("%d entries after the upgrade, %d before (golden %d + 1)", len(after), len(before), len(g.Rows))
	}
	packed := 0
	for seq, b := range before {
		a, ok := after[seq]
		if !ok {
			t.Errorf("entry %d is gone", seq)
			continue
		}
		text, ok := b.Changes.(string)
		if !ok {
			t.Fatalf("entry %d: schema 15 kept changes as %T", seq, b.Changes)
		}
		got, err := audit.Stored(a.Changes)
		if err != nil || got != text {
			t.Errorf("entry %d: changes read back %q (%v), were %q", seq, got, err, text)
		}
		if p, ok := a.Changes.([]byte); ok {
			packed++
			if len(p) >= len(text) {
				t.Errorf("entry %d: packed %d bytes into %d", seq, len(text), len(p))
			}
		}
		wantEntity := b.EntityID
		if b.EntityID == textEntity {
			wantEntity = []byte{0x01, 0x8e, 0x40, 0x63, 0xa4, 0x00, 0x70, 0x00, 0x80, 0x00, 0, 0, 0, 0, 0, 0xd1}
		}
		for _, c := range [][3]any{{"id", b.ID, a.ID}, {"at", b.At, a.At}, {"actor", b.Actor, a.Actor},
			{"entity", b.Entity, a.Entity}, {"entity_id", wantEntity, a.EntityID}, {"action", b.A, a.A}} {
			if !sameValue(c[1], c[2]) {
				t.Errorf("entry %d: %s is %#v after the upgrade, want %#v", seq, c[0], c[2], c[1])
			}
		}
	}
	if packed*2 < len(before) {
		t.Errorf("only %d of %d entries packed", packed, len(before))
	}
	for id, want := range shown {
		if got := histories(st, st.History)[id]; got != want {
			t.Errorf("history of %s after the upgrade:\n%s\nbefore:\n%s", id, got, want)
		}
	}
	for id, want := range g.History {
		gj, _ := json.Marshal(want)
		if shown[id] != string(gj) {
			t.Errorf("history of %s at schema 15 differs from schema 10's", id)
		}
	}
	var n int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_text'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the old table is still there (%d, %v)", n, err)
	}
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&n); err != nil || n != logged {
		t.Errorf("the upgrade noted %d rows as changed for the team (%v)", n-logged, err)
	}
	if err := st.Exec(ctx, `INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) VALUES
		(x'018e4063a400700080000000000000d3', 1710468700000, '王强', 'request', 'r9', 'update', '{}')`); err != nil {
		t.Fatal(err)
	}
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes WHERE tbl = 'audit_log'
		AND row_id = 'x:018e4063a400700080000000000000d3'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a new entry after the upgrade is not in the change log (%d, %v)", n, err)
	}
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sameValue(a, b any) bool {
	ab, aok := a.([]byte)
	bb, bok := b.([]byte)
	if aok || bok {
		return aok && bok && bytes.Equal(ab, bb)
	}
	return a == b
}

// TestUpgradeKeepsChangeLogWhole: a database whose team change log is on
// (a team server) and that is upgraded over migrations adding shared tables
// has the triggers of every shared table afterwards, as one joined at the
// latest version has, so rows of the new tables travel too.
func TestUpgradeKeepsChangeLogWhole(t *testing.T) {
	ctx := context.Background()
	triggers := func(s *store.Store) int {
		t.Helper()
		var n int
		if err := s.QueryRow(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\_%' ESCAPE '\'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	latest, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer latest.Close()
	if err := latest.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	want := triggers(latest)

	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), 15)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	if n := triggers(old); n >= want {
		t.Fatalf("version 15 has %d change-log triggers, the latest %d: the test needs a later migration that adds a shared table", n, want)
	}
	old.Close()
	up, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer up.Close()
	if got := triggers(up); got != want {
		t.Errorf("after the upgrade %d change-log triggers, want %d", got, want)
	}
}
