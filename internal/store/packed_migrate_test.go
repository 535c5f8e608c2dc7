package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestRecordBodiesPacked upgrades a team server's database of schema 33
// whose records keep their bodies as JSON: after 0034 each body is packed,
// smaller, and reads back as the JSON it was (in its kind's order), through
// the store, through SQL's record_field and on the wire; the change log
// names no record the upgrade touched, logs new ones, and the records'
// change count moves.
func TestRecordBodiesPacked(t *testing.T) {
	ctx := context.Background()
	old, path := teamServerAt(t, 33)
	bodies := []struct{ id, kind, body, want string }{
		{"t1", "task", `{"title":"联调测试","owner":"陈静","start":"2021-12-08","due":"2021-12-22","standard":"通过测试用例","status":"done","percent":100,"dependsOn":null}`, ""},
		{"c1", "communication", `{"at":"2021-12-20T02:42:54.519166115+08:00","channel":"邮件","with":"张涛","summary":"通报\"进度\"\n下一步","nextStep":"","waitSeconds":3}`, ""},
		{"p1", "plan", `{"versionNo":1,"goals":"目标","requiredReviews":["技术支持部","财务部"],"superseded":false,"approvedAt":"2021-11-28T01:29:04.998Z"}`, ""},
		// Keys of another order, and one no layout names (a body of an
		// older or newer program).
		{"m1", "team_member", `{"duties":"项目总体负责","name":"刘洋","legacy":{"a":[1]},"role":"lead"}`,
			`{"name":"刘洋","role":"lead","duties":"项目总体负责","legacy":{"a":[1]}}`},
		{"f1", "feedback", `{"obtained":true,"overall":4,"solved":true}`, ""},
	}
	for _, b := range bodies {
		if err := old.Exec(ctx, `INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at)
			VALUES (?, 1, ?, ?, '李娜', 1710469800000, 1710469800000)`, b.id, b.kind, b.body); err != nil {
			t.Fatal(err)
		}
	}
	// And enough more for the file's size to tell.
	if err := old.Exec(ctx, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3000)
		INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at)
		SELECT 'n' || i, 1, 'communication', json_object('at', '2024-03-15T02:30:00Z', 'channel', '电话', 'with', '张伟',
			'summary', '第' || i || '次回访，确认问题已解决', 'nextStep', ''), '李娜', 1710469800000 + i, 1710469800000 + i FROM k`); err != nil {
		t.Fatal(err)
	}
	var before, textBytes, pagesBefore int64
	if err := old.QueryRow(ctx, `SELECT (SELECT seq FROM record_changes), (SELECT sum(length(CAST(body AS BLOB))) FROM request_records),
		(SELECT page_count FROM pragma_page_count)`).Scan(&before, &textBytes, &pagesBefore); err != nil {
		t.Fatal(err)
	}
	st, logged := upgradeLogged(t, old, path)
	var after int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&after); err != nil || after != logged {
		t.Errorf("the change log names %d rows after the upgrade, %d before (%v)", after, logged, err)
	}
	var text, packedBytes, changes, pages, free int64
	if err := st.QueryRow(ctx, `SELECT count(*) FILTER (WHERE typeof(body) <> 'blob'), sum(length(body)),
		(SELECT seq FROM record_changes), (SELECT page_count FROM pragma_page_count), (SELECT freelist_count FROM pragma_freelist_count)
		FROM request_records`).Scan(&text, &packedBytes, &changes, &pages, &free); err != nil {
		t.Fatal(err)
	}
	if text != 0 || packedBytes*10 > textBytes*7 {
		t.Errorf("%d bodies kept as text; %d bytes from %d", text, packedBytes, textBytes)
	}
	// The rows shrank in place; VACUUM gives the room back (shrunkAfter).
	if pages >= pagesBefore || free != 0 {
		t.Errorf("the file has %d pages (%d free) after the upgrade, %d before", pages, free, pagesBefore)
	}
	if changes <= before {
		t.Errorf("the records' change count stayed %d: kept measures would not be made again", changes)
	}
	d, err := st.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range d.Records {
		got[r.ID] = string(r.Body)
	}
	keys := make([]store.RowKey, len(bodies))
	for i, b := range bodies {
		want := b.want
		if want == "" {
			want = b.body
		}
		if got[b.id] != want {
			t.Errorf("%s reads %s, want %s", b.id, got[b.id], want)
		}
		keys[i] = store.RowKey{Table: "request_records", ID: b.id}
	}
	// The wire carries the JSON, so a machine of another version reads it.
	rows, err := st.SharedRows(ctx, keys)
	if err != nil || len(rows) != len(bodies) {
		t.Fatalf("shared rows: %v %v", rows, err)
	}
	for i, c := range rows {
		var a, b any
		text, _ := c.Row["body"].(string)
		if json.Unmarshal([]byte(text), &a) != nil || json.Unmarshal([]byte(bodies[i].body), &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s travels as %v, want %s", c.ID, c.Row["body"], bodies[i].body)
		}
	}
	var overall, obtained int
	if err := st.QueryRow(ctx, `SELECT record_field(body, 'overall'), record_field(body, 'obtained') FROM request_records
		WHERE id = 'f1'`).Scan(&overall, &obtained); err != nil || overall != 4 || obtained != 1 {
		t.Errorf("record_field of f1: overall %d obtained %d (%v)", overall, obtained, err)
	}
	// A record written now is packed and logged.
	rec, err := command.Run(ctx, command.New(st), command.SaveRecord{Input: request.RecordInput{RequestID: "r1",
		Kind: request.KindCommunication, Body: json.RawMessage(`{"at":"2024-03-15T01:58:00Z","channel":"电话","with":"张伟","summary":"回访","nextStep":""}`)}})
	if err != nil {
		t.Fatal(err)
	}
	var typ string
	var n int
	if err := st.QueryRow(ctx, `SELECT typeof(body), (SELECT count(*) FROM sync_changes WHERE tbl = 'request_records' AND row_id = ?)
		FROM request_records WHERE id = unhex(replace(?, '-', ''))`, rec.ID, rec.ID).Scan(&typ, &n); err != nil || typ != "blob" || n != 1 {
		t.Errorf("a new record: body %s, logged %d times (%v)", typ, n, err)
	}
}
