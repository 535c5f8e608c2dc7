package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
)

// adoptTeam is a team server's store with requests and a stage record,
// and a laptop's store with rows of its own.
func adoptTeam(t *testing.T) (ctx context.Context, srv, lap *Store) {
	t.Helper()
	ctx = context.Background()
	now := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	open := func(who string) *Store {
		s, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(now))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if err := s.EnsureSettings(ctx, settings.Defaults(who)); err != nil {
			t.Fatal(err)
		}
		return s
	}
	srv, lap = open("王强"), open("李娜")
	if err := srv.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.write.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, created_at, updated_at)
		VALUES ('c1', '华信科技', '华信科技', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	fields := func(title string, u request.Urgency, ago time.Duration) request.Fields {
		return request.Fields{CustomerID: "c1", Channel: "电话", Type: "技术咨询", Urgency: u, Title: title,
			ReceivedAt: now.Add(-ago), ReceivedBy: "王强"}
	}
	plan := request.ImportPlan{Reserved: map[string]bool{}, Creates: []request.ImportCreate{
		{Status: request.StatusRegistered, Path: request.PathShort, CustomerName: "华信科技",
			Fields: fields("打印机无法连接", request.UrgencyUrgent, 3*time.Hour)},
		{Status: request.StatusAnalysis, Path: request.PathFull, CustomerName: "华信科技",
			Fields: fields("咨询系统对接方案", request.UrgencyImportant, 50*time.Hour), MoveComment: "从表格导入"},
		{Status: request.StatusArchived, Path: request.PathShort, CustomerName: "华信科技",
			Fields: fields("已完成的需求", request.UrgencyNormal, 400*time.Hour), MoveComment: "从表格导入"},
	}}
	if err := srv.tx(ctx, func(tx *Tx) error { return tx.SaveImport(ctx, plan) }); err != nil {
		t.Fatal(err)
	}
	var rid string
	if err := srv.write.QueryRowContext(ctx, `SELECT id FROM requests WHERE title = '咨询系统对接方案'`).Scan(&rid); err != nil {
		t.Fatal(err)
	}
	if err := srv.tx(ctx, func(tx *Tx) error {
		_, err := tx.InsertRecord(ctx, rid, request.KindTask, "", request.Task{Title: "联调接口", Owner: "王强",
			Status: "doing"})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// The laptop's own: a customer of its own (shared: replaced), a
	// number handed out, a draft.
	for _, q := range []string{`INSERT INTO customers (id, name, name_key, created_at, updated_at)
		VALUES ('mine', '本机客户', '本机客户', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
		`INSERT INTO number_sequences (key, last) VALUES ('2024', 7)`} {
		if _, err := lap.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, srv, lap
}

// laptopState is every row of every table but the search index's shadow
// tables, as text.
func laptopState(t *testing.T, ctx context.Context, s *Store) map[string][]string {
	t.Helper()
	tables, err := queryIDs(ctx, s.read, `SELECT name FROM pragma_table_list WHERE schema = 'main'
		AND type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, tb := range tables {
		if err := eachRow(ctx, s.read, `SELECT * FROM `+tb+` ORDER BY 1`, nil, func(rows *sql.Rows) error {
			cols, _ := rows.Columns()
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			out[tb] = append(out[tb], fmt.Sprint(vals...))
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestAdoptSnapshot: a laptop takes the team's snapshot as its database.
// Cut short at each of its steps, the load leaves the laptop's database
// as it was, every row of it; whole, the laptop holds the server's shared
// rows, its own rows that stay, and the derived rows the server has
// (clocks, measure rows, records' kept columns, the search index).
func TestAdoptSnapshot(t *testing.T) {
	ctx, srv, lap := adoptTeam(t)
	if err := lap.EnableChangeLog(ctx); err != nil { // as a join does first
		t.Fatal(err)
	}
	before := laptopState(t, ctx, lap)
	schema := func() []string {
		out, err := queryIDs(ctx, lap.read, `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema
			WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	beforeSchema := schema()
	snapshot := func() string {
		path := filepath.Join(t.TempDir(), "snapshot.db")
		if _, err := srv.SyncSnapshot(ctx, path); err != nil {
			t.Fatal(err)
		}
		if ok, err := lap.adoptable(ctx, path); err != nil || !ok {
			t.Fatalf("the server's snapshot is not one to adopt: %v %v", ok, err)
		}
		return path
	}
	join := func(tx *Tx) error {
		return tx.JoinTeam(ctx, SyncClient{Server: "http://team", Team: "团队", DeviceID: "d1", DeviceCode: "L1",
			Token: "t", Account: "李娜", Cursor: 5, JoinedAt: lap.Now()})
	}
	stop := errors.New("stopped")
	defer func() { loadStop = nil }()
	for _, step := range []string{"tables", "derived", "staged", "restoring"} {
		loadStop = func(s string) error {
			if s == step {
				return stop
			}
			return nil
		}
		if err := lap.LoadSnapshot(ctx, snapshot(), join); !errors.Is(err, stop) {
			t.Fatalf("stopped at %s: %v", step, err)
		}
		if after := laptopState(t, ctx, lap); !reflect.DeepEqual(after, before) {
			t.Fatalf("a load stopped at %s changed the laptop's database", step)
		}
	}
	loadStop = nil
	// The records' kept columns are made from their bodies here, whatever
	// arrived in them.
	last := snapshot()
	func() {
		db, err := sql.Open("sqlite", "file:"+last)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, `UPDATE request_records SET owner = '', status = '' WHERE kind = 'task'`); err != nil {
			t.Fatal(err)
		}
	}()
	if err := lap.LoadSnapshot(ctx, last, join); err != nil {
		t.Fatal(err)
	}
	if after := schema(); !reflect.DeepEqual(after, beforeSchema) {
		t.Errorf("the laptop's schema after the join:\n%v\nbefore:\n%v", after, beforeSchema)
	}
	want, err := srv.SharedDump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := lap.SharedDump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range SharedTables() {
		if tb == "settings" {
			continue // the laptop's device code is its own
		}
		if !reflect.DeepEqual(got[tb], want[tb]) {
			t.Errorf("%s on the laptop:\n%v\non the server:\n%v", tb, got[tb], want[tb])
		}
	}
	srvState, lapState := laptopState(t, ctx, srv), laptopState(t, ctx, lap)
	for _, tb := range []string{"request_clocks", "request_metrics", "request_record_deps"} {
		if !reflect.DeepEqual(lapState[tb], srvState[tb]) {
			t.Errorf("%s on the laptop:\n%v\non the server:\n%v", tb, lapState[tb], srvState[tb])
		}
	}
	var owner string
	if err := lap.read.QueryRowContext(ctx, `SELECT owner FROM request_records WHERE kind = 'task'`).Scan(&owner); err != nil || owner != "王强" {
		t.Errorf("the task's kept owner: %q, %v", owner, err)
	}
	for _, tb := range []string{"number_sequences"} {
		if !reflect.DeepEqual(lapState[tb], before[tb]) {
			t.Errorf("the laptop's %s: %v, was %v", tb, lapState[tb], before[tb])
		}
	}
	if strings.Contains(fmt.Sprint(lapState["customers"]), "本机客户") {
		t.Error("the laptop's own customer outlived the join")
	}
	set, err := lap.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.ProfileName != "李娜" || set.DeviceCode != "L1" {
		t.Errorf("the laptop's own settings: %q, %q", set.ProfileName, set.DeviceCode)
	}
	if cl, ok, err := lap.SyncClient(ctx); err != nil || !ok || cl.Cursor != 5 {
		t.Errorf("joined: %+v %v %v", cl, ok, err)
	}
	page, err := lap.ListRequests(ctx, request.Query{Search: "对接", Limit: 10})
	if err != nil || len(page.Items) != 1 {
		t.Errorf("search after the join: %+v, %v", page.Items, err)
	}
	func() {
		db, err := sql.Open("sqlite", "file:"+lap.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var mode string
		if err := db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal mode after the join: %q, %v", mode, err)
		}
	}()
	if msgs, err := lap.Check(ctx); err != nil || len(msgs) > 0 {
		t.Errorf("check after the join: %v %v", msgs, err)
	}
	// What the laptop writes next is noted for the team.
	if err := lap.tx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE customers SET updated_at = '2024-03-15T10:00:00.000Z' WHERE id = 'c1'`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var logged int
	if err := lap.read.QueryRowContext(ctx, `SELECT count(*) FROM sync_changes WHERE tbl = 'customers'`).Scan(&logged); err != nil || logged != 1 {
		t.Errorf("change log after the join: %d, %v", logged, err)
	}
}

// TestLoadRowSnapshot: a snapshot a laptop cannot take as its database
// (one of the rows only, as servers made before) is copied row by row.
func TestLoadRowSnapshot(t *testing.T) {
	ctx, srv, lap := adoptTeam(t)
	path := filepath.Join(t.TempDir(), "snapshot.db")
	if _, err := srv.SyncSnapshot(ctx, path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	// A table made by CREATE TABLE … AS, as the rows-only snapshots had.
	for _, q := range []string{`CREATE TABLE people2 AS SELECT * FROM people`, `DROP TABLE people`,
		`ALTER TABLE people2 RENAME TO people`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	if ok, err := lap.adoptable(ctx, path); err != nil || ok {
		t.Fatalf("adoptable: %v %v", ok, err)
	}
	if err := lap.LoadSnapshot(ctx, path, nil); err != nil {
		t.Fatal(err)
	}
	want, _ := srv.SharedDump(ctx)
	got, _ := lap.SharedDump(ctx)
	for _, tb := range []string{"people", "requests", "request_records", "request_transitions"} {
		if !reflect.DeepEqual(got[tb], want[tb]) {
			t.Errorf("%s on the laptop:\n%v\non the server:\n%v", tb, got[tb], want[tb])
		}
	}
}

// TestPullSearchText: a pulled request is found by its new text and no
// longer by the old; one whose text did not change (a step) still by its
// own; a new one by its text.
func TestPullSearchText(t *testing.T) {
	ctx, srv, lap := adoptTeam(t)
	path := filepath.Join(t.TempDir(), "snapshot.db")
	seq, err := srv.SyncSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := lap.LoadSnapshot(ctx, path, nil); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE requests SET title = '扫描仪卡纸' WHERE title = '打印机无法连接'`,
		`UPDATE requests SET version = version + 1 WHERE title = '咨询系统对接方案'`} {
		if _, err := srv.write.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.tx(ctx, func(tx *Tx) error {
		return tx.SaveImport(ctx, request.ImportPlan{Reserved: map[string]bool{}, Creates: []request.ImportCreate{
			{Status: request.StatusRegistered, Path: request.PathShort, CustomerName: "华信科技",
				Fields: request.Fields{CustomerID: "c1", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal,
					Title: "投影仪无信号", ReceivedAt: srv.Now().Add(-time.Hour), ReceivedBy: "王强"}}}})
	}); err != nil {
		t.Fatal(err)
	}
	changes, _, _, err := srv.Changes(ctx, seq, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if err := lap.tx(ctx, func(tx *Tx) error { return tx.ApplyChanges(ctx, changes, nil, nil) }); err != nil {
		t.Fatal(err)
	}
	for word, want := range map[string]int{"扫描仪": 1, "打印机": 0, "对接": 1, "投影仪": 1} {
		page, err := lap.ListRequests(ctx, request.Query{Search: word, Limit: 10})
		if err != nil || len(page.Items) != want {
			t.Errorf("search %s after the pull: %d found (%v), want %d", word, len(page.Items), err, want)
		}
	}
}

// TestLoadSnapshotBeforeBySeq: a snapshot whose steps and records still
// name their request by its id (schema 30, before 0031 and 0032) is copied
// row by row, each naming the request by the seq it has here.
func TestLoadSnapshotBeforeBySeq(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2024, 3, 15, 10, 0, 0, 0, time.UTC)
	srv, err := open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(now), 30)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if _, err := srv.write.ExecContext(ctx, `INSERT INTO customers (id, name, name_key, created_at, updated_at)
			VALUES ('c1', '华信科技', '华信科技', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
		INSERT INTO requests (seq, id, number, status, customer_id, contact_name, contact_info, channel, type, urgency,
			title, description, received_at, received_by, created_at, updated_at) VALUES
			(7, 'r1', 'XR-2024-001', 'triaged', 'c1', '', '', '电话', '技术咨询', 'normal', '咨询系统对接方案', '',
			 '2024-03-15T01:55:00.000Z', '李娜', '2024-03-15T02:00:00.000Z', '2024-03-15T02:10:00.000Z');
		INSERT INTO request_transitions (id, request_id, at, actor, action, from_status, to_status, comment, changes) VALUES
			(x'018e4063a400700080000000000000a1', 'r1', 1710468600000, '王强', 'triage', 'registered', 'triaged', '', '{}');
		INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
			('cm1', 'r1', 'communication', '{"at":"2024-03-15T02:30:00Z","channel":"电话","with":"张伟","summary":"确认问题","nextStep":""}',
			 '李娜', 1710469800000, 1710469800000)`); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "snapshot.db")
	if _, err := srv.SyncSnapshot(ctx, path); err != nil {
		t.Fatal(err)
	}
	lap, err := Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer lap.Close()
	if ok, err := lap.adoptable(ctx, path); err != nil || ok {
		t.Fatalf("adoptable: %v %v", ok, err)
	}
	if err := lap.LoadSnapshot(ctx, path, nil); err != nil {
		t.Fatal(err)
	}
	d, err := lap.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Transitions) != 1 || d.Transitions[0].Action != request.ActTriage || len(d.Records) != 1 || d.Records[0].RequestID != "r1" {
		t.Fatalf("r1 on the laptop: %+v %+v", d.Transitions, d.Records)
	}
	for _, tb := range []string{"request_transitions", "request_records"} {
		var n int
		if err := lap.read.QueryRowContext(ctx, `SELECT count(*) FROM `+tb+` WHERE req = 7`).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s: %d rows name the request by its seq (%v)", tb, n, err)
		}
	}
}
