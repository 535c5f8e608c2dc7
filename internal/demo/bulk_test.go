package demo_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/demo"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

func bulk(t *testing.T, seed int64, n int) ([]request.Row, store.BulkCounts, string) {
	t.Helper()
	ctx := context.Background()
	clk := clock.NewFixed(time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local))
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	st, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.EnsureSettings(ctx, settings.Defaults("测试")); err != nil {
		t.Fatal(err)
	}
	counts, err := demo.Bulk(ctx, st, demo.Options{Customers: n / 50, Requests: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	var rows []request.Row
	for len(rows) < n {
		page, err := st.ListRequests(ctx, request.Query{Sort: request.SortNumber, Limit: 500, Offset: len(rows)})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) == 0 {
			break
		}
		rows = append(rows, page.Items...)
	}
	if _, err := demo.Bulk(ctx, st, demo.Options{Customers: 1, Requests: 1, Seed: seed}); err == nil {
		t.Errorf("Bulk filled a database that has data")
	}
	return rows, counts, path
}

// digest hashes every row the bulk load wrote, table by table in key order:
// customers, contacts, requests, their records, transitions, clocks, number
// sequences, the search index's own tables and the audit entries of those
// rows. (The demo team and the settings go through the store's ordinary
// methods, whose ids are random, so they are left out.)
func digest(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	for _, q := range []string{
		`SELECT * FROM customers ORDER BY id`,
		`SELECT * FROM contacts ORDER BY id`,
		`SELECT * FROM requests ORDER BY seq`,
		`SELECT * FROM request_records ORDER BY id`,
		`SELECT * FROM request_transitions ORDER BY seq`,
		`SELECT * FROM request_clocks ORDER BY req, kind`,
		`SELECT * FROM number_sequences ORDER BY key`,
		`SELECT * FROM request_fts_data ORDER BY id`,
		`SELECT * FROM request_fts_docsize ORDER BY id`,
		`SELECT * FROM request_fts_config ORDER BY k`,
		`SELECT * FROM audit_log WHERE entity IN ('customer', 'contact', 'request', 'record') ORDER BY seq`,
		`SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%T:%v|", v, v)
			}
			n++
		}
		rows.Close()
		fmt.Fprintf(h, "%s:%d\n", q, n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestBulk(t *testing.T) {
	const n = 3000
	a, counts, pathA := bulk(t, 1, n)
	b, _, pathB := bulk(t, 1, n)
	if len(a) != n || len(b) != n || counts.Requests != n {
		t.Fatalf("requests = %d, %d, counts %+v", len(a), len(b), counts)
	}
	if da, db := digest(t, pathA), digest(t, pathB); da != db {
		t.Errorf("two runs with one seed wrote different data: %s, %s", da, db)
	}
	statuses, types, channels, urgencies := map[request.Status]int{}, map[string]int{}, map[string]int{}, map[request.Urgency]int{}
	for i := range a {
		if a[i].Number != b[i].Number || a[i].Title != b[i].Title || a[i].Status != b[i].Status || !a[i].ReceivedAt.Equal(b[i].ReceivedAt) {
			t.Fatalf("row %d differs between two runs with one seed:\n%+v\n%+v", i, a[i], b[i])
		}
		statuses[a[i].Status]++
		types[a[i].Type]++
		channels[a[i].Channel]++
		urgencies[a[i].Urgency]++
	}
	if statuses[request.StatusArchived] < n/2 || len(statuses) < 12 {
		t.Errorf("statuses = %v, want mostly archived and a spread over the stages", statuses)
	}
	if len(types) != 13 || len(channels) != 10 || len(urgencies) != len(request.Urgencies) {
		t.Errorf("types %d, channels %d, urgencies %d: want every one", len(types), len(channels), len(urgencies))
	}
	if counts.Records < 3*n || counts.Transitions < 3*n || counts.Clocks < n ||
		counts.Audit != counts.Customers+counts.Contacts+counts.Requests {
		t.Errorf("counts = %+v, want records, transitions, clocks for every request, and a create entry for each customer, contact and request", counts)
	}
	// The steps keep their audit entries (0025): the audit log and the
	// transitions took 3725 bytes a request on this set when every step had
	// an entry of its own besides its transition.
	if _, history, _ := storage(t, pathA); history/int64(n) > 2800 {
		t.Errorf("the audit log and the transitions take %d bytes a request, want at most 2800", history/int64(n))
	}
	if other, _, pathC := bulk(t, 2, 300); digest(t, pathC) == digest(t, pathA) || other[0].Title == "" {
		t.Errorf("another seed gave the same data")
	}
}

// TestBulkReadPaths opens a bulk-loaded database through the store's own
// read paths: the database is back in WAL mode, the indexes rebuilt at the
// end of the load exist, search
// finds requests, a detail carries its records, history and clocks, and an
// approved plan names its approver as the store's approval does.
func TestBulkReadPaths(t *testing.T) {
	ctx := context.Background()
	rows, _, path := bulk(t, 3, 600)
	st, err := store.Open(ctx, path, clock.NewFixed(time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var indexes, check int
	var integrity string
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN ('requests_status',
		'audit_entity', 'request_records_singleton', 'request_transitions_request', 'request_clocks_open')`).Scan(&indexes); err != nil || indexes != 5 {
		t.Errorf("indexes after the load: %d, %v", indexes, err)
	}
	var journal string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&journal); err != nil || journal != "wal" {
		t.Errorf("journal mode after the load: %s, %v", journal, err)
	}
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Errorf("integrity_check: %s, %v", integrity, err)
	}
	if err := db.QueryRow(`SELECT count(*) FROM request_records WHERE kind = 'plan' AND record_field(body, 'approvedBy') = ''
		AND req IN (SELECT seq FROM requests WHERE status IN ('archived', 'implementation'))`).Scan(&check); err != nil || check != 0 {
		t.Errorf("%d approved plans without their approver (%v)", check, err)
	}
	page, err := st.ListRequests(ctx, request.Query{Search: rows[7].Title[:6], Limit: 50})
	if err != nil || page.Total == 0 {
		t.Fatalf("search %q: %+v, %v", rows[7].Title[:6], page.Total, err)
	}
	page, err = st.ListRequests(ctx, request.Query{Search: rows[7].Number, Limit: 5})
	if err != nil || page.Total != 1 || page.Items[0].ID != rows[7].ID {
		t.Fatalf("search by number %s: %+v, %v", rows[7].Number, page, err)
	}
	page, err = st.ListRequests(ctx, request.Query{Statuses: []request.Status{request.StatusArchived}, Limit: 1})
	if err != nil || len(page.Items) == 0 {
		t.Fatalf("archived: %v", err)
	}
	d, err := st.Request(ctx, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Records) < 3 || len(d.Transitions) < 3 || len(d.Clocks) == 0 {
		t.Errorf("detail: %d records, %d transitions, %d clocks", len(d.Records), len(d.Transitions), len(d.Clocks))
	}
	hist, err := st.History(ctx, d.Request.ID)
	if err != nil || len(hist) < len(d.Transitions)+1 {
		t.Errorf("history: %d entries for %d transitions, %v", len(hist), len(d.Transitions), err)
	}
	// Each step's entry, kept with its transition, as the command writes
	// it: the step, the status, and what else the step changed (the
	// assignment's owner).
	var steps []audit.Entry
	owner := false
	for _, e := range hist {
		for _, c := range e.Changes {
			if c.Field == audit.FieldMoveAction {
				steps = append(steps, e)
			}
			owner = owner || c.Field == "fields.owner"
		}
	}
	if len(steps) != len(d.Transitions) || !owner {
		t.Fatalf("history: %d step entries for %d transitions (owner assigned: %v)", len(steps), len(d.Transitions), owner)
	}
	for i, tr := range d.Transitions {
		if e := steps[i]; e.ID != tr.ID || !e.At.Equal(tr.At) || e.Actor != tr.Actor ||
			!slices.Contains(e.Changes, audit.Change{Field: audit.FieldMoveAction, After: `"` + string(tr.Action) + `"`}) {
			t.Errorf("step %d: entry %+v for transition %+v", i, e, tr)
		}
	}
	var bare int
	if err := db.QueryRow(`SELECT count(*) FROM request_transitions WHERE changes IS NULL`).Scan(&bare); err != nil || bare != 0 {
		t.Errorf("%d transitions keep no entry (%v)", bare, err)
	}
	for _, rec := range d.Records {
		if !json.Valid(rec.Body) {
			t.Errorf("record %s: body %s", rec.Kind, rec.Body)
		}
	}
	// The measure rows the load wrote are the ones the store derives itself.
	metricRows := func() map[string]string {
		out := map[string]string{}
		rs, err := db.Query(`SELECT (SELECT id FROM requests WHERE seq = req), data FROM request_metrics`)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		for rs.Next() {
			var id, data string
			if err := rs.Scan(&id, &data); err != nil {
				t.Fatal(err)
			}
			out[id] = data
		}
		return out
	}
	loaded := metricRows()
	if len(loaded) != 600 {
		t.Fatalf("%d measure rows for 600 requests", len(loaded))
	}
	st.Close()
	rw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Exec(`DELETE FROM request_metrics`); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	again, err := store.Open(ctx, path, clock.NewFixed(time.Date(2026, 11, 20, 15, 0, 0, 0, time.Local)))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	rebuilt := metricRows()
	for id, data := range loaded {
		if rebuilt[id] != data {
			t.Fatalf("request %s: loaded\n%s\nrebuilt\n%s", id, data, rebuilt[id])
		}
	}
}
