package store_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/store"
)

// auditGolden is testdata/audit_v10_golden.json.gz, written by the program
// of schema 10 (full copies before and after): the audit log of a small demo
// (demo.Fill: people, customers, contacts, requests carried through their
// steps with records, as the commands wrote them) and of hand-made odd
// entries (ids and times not in the program's form, documents that are not
// JSON objects, field names that look like the stored marks, escapes,
// empty values), with the contacts' customers, and the history History
// showed of every entity.
type auditGolden struct {
	Rows []struct {
		Seq      int64   `json:"seq"`
		ID       string  `json:"id"`
		At       string  `json:"at"`
		Actor    string  `json:"actor"`
		Entity   string  `json:"entity"`
		EntityID string  `json:"entityId"`
		Action   string  `json:"action"`
		Before   *string `json:"before"`
		After    *string `json:"after"`
	} `json:"rows"`
	History  map[string][]audit.Entry `json:"history"`
	Contacts [][2]string              `json:"contacts"`
}

func readAuditGolden(t *testing.T) auditGolden {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "audit_v10_golden.json.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var g auditGolden
	if err := json.NewDecoder(zr).Decode(&g); err != nil {
		t.Fatal(err)
	}
	if len(g.Rows) < 100 || len(g.History) < 10 {
		t.Fatalf("golden has %d rows of %d entities", len(g.Rows), len(g.History))
	}
	return g
}

// writeAuditGolden writes the golden audit log, with the contacts'
// customers, into old, a database of schema 10; it returns the customers.
func writeAuditGolden(t *testing.T, old *store.Store, g auditGolden) map[string]bool {
	t.Helper()
	ctx := context.Background()
	customers := map[string]bool{}
	for _, k := range g.Contacts {
		if !customers[k[1]] {
			customers[k[1]] = true
			if err := old.Exec(ctx, `INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES (?, ?, ?, '', '')`,
				k[1], k[1], k[1]); err != nil {
				t.Fatal(err)
			}
		}
		if err := old.Exec(ctx, `INSERT INTO contacts (id, customer_id, name, created_at, updated_at) VALUES (?, ?, '', '', '')`,
			k[0], k[1]); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range g.Rows {
		if err := old.Exec(ctx, `INSERT INTO audit_log (seq, id, at, actor, entity, entity_id, action, before, after)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Seq, r.ID, r.At, r.Actor, r.Entity, r.EntityID, r.Action, r.Before, r.After); err != nil {
			t.Fatal(err)
		}
	}
	return customers
}

// sameHistories checks that every entity's history in st is, entry by
// entry, the one wanted (the golden's, as the program of schema 10 showed
// it); it returns the histories read.
func sameHistories(t *testing.T, st *store.Store, want map[string][]audit.Entry) map[string][]audit.Entry {
	t.Helper()
	out := map[string][]audit.Entry{}
	for id, w := range want {
		got, err := st.History(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out[id] = got
		if len(got) != len(w) {
			t.Errorf("history of %s: %d entries after the upgrade, want %d", id, len(got), len(w))
			continue
		}
		for i := range got {
			gj, _ := json.Marshal(got[i])
			wj, _ := json.Marshal(w[i])
			if !bytes.Equal(gj, wj) {
				t.Errorf("history of %s, entry %d after the upgrade:\n%s\nwant (schema 10):\n%s", id, i, gj, wj)
			}
		}
	}
	return out
}

// TestAuditMigrationKeepsHistory writes the golden audit log into a
// database of schema 10, upgrades it, and finds every entry kept and every
// entity's history exactly as the old program showed it.
func TestAuditMigrationKeepsHistory(t *testing.T) {
	ctx := context.Background()
	g := readAuditGolden(t)
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), 10)
	if err != nil {
		t.Fatal(err)
	}
	customers := writeAuditGolden(t, old, g)
	old.Close()

	st, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seen := 0
	for id, got := range sameHistories(t, st, g.History) {
		for _, e := range got {
			if !customers[id] || e.EntityID == id {
				seen++
			}
		}
	}
	if seen != len(g.Rows) {
		t.Errorf("histories show %d entries, the old log had %d", seen, len(g.Rows))
	}
	var n int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM audit_log`).Scan(&n); err != nil || n != len(g.Rows) {
		t.Errorf("audit_log has %d entries (%v), want %d", n, err, len(g.Rows))
	}
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_full'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("the old table is still there (%d, %v)", n, err)
	}
	// The upgrade gave the old table's pages back to the file system: what
	// is left free is less than the tenth that reclaim leaves in the file
	// (the later migrations free a few pages of their own).
	var pages int
	if err := st.QueryRow(ctx, `SELECT freelist_count, page_count FROM pragma_freelist_count, pragma_page_count`).Scan(&n, &pages); err != nil || n*10 >= pages {
		t.Errorf("%d free pages of %d after the upgrade (%v), want less than a tenth", n, pages, err)
	}
	// What History cannot show of an entry is kept too: the text of a side
	// that was not a JSON object, an id and a time not in the program's form.
	var stored any
	if err := st.QueryRow(ctx, `SELECT changes FROM audit_log WHERE id = 'b2' AND at = '2024-03-15 10:00:00'`).
		Scan(&stored); err != nil {
		t.Fatal(err)
	}
	changes, err := audit.Stored(stored) // packed since 0016
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(changes, `"!before":"not json"`) || !strings.Contains(changes, `"!after":"[1,2]"`) {
		t.Errorf("changes of b2 = %s, want both unreadable sides kept", changes)
	}
	if err := st.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE id = 'F0A1B2C3-D4E5-4F60-8172-839405A6B7C8'
		AND at = '2024-03-15T02:00:00.123456Z'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the entry with an upper-case id and a finer time was not kept as it was (%d, %v)", n, err)
	}
}
