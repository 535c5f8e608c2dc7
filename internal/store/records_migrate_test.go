package store_test

import (
	"context"
	"testing"
	"time"
)

// TestRecordTimes upgrades a team server's database of schema 27 whose
// records keep their times as text: each time in the program's form is
// kept as Unix milliseconds and reads back the same, any other stays the
// text it was, the indexes by time are there again, the change log notes
// nothing, and a record written afterwards is logged.
func TestRecordTimes(t *testing.T) {
	ctx := context.Background()
	old, path := teamServerAt(t, 27)
	for _, q := range []string{
		`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at, owner, status, due) VALUES
			('a', 'r1', 'communication', '{"at":"2024-03-15T02:05:00Z","channel":"电话","with":"张伟","summary":"确认","nextStep":""}',
			 '李娜', '2024-03-15T02:05:00.123Z', '2024-03-16T08:00:00.999Z', '', '', ''),
			('b', 'r1', 'task', '{"title":"部署","owner":"王强","due":"2024-03-20","status":"todo","percent":0}',
			 '王强', '1999-12-31T23:59:59.000Z', '2024-03-15 10:30:00', '王强', 'todo', '2024-03-20')`,
	} {
		if err := old.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st, logged := upgradeLogged(t, old, path)
	d, err := st.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339Nano, s); return t.UTC() }
	want := map[string][2]time.Time{
		"a": {at("2024-03-15T02:05:00.123Z"), at("2024-03-16T08:00:00.999Z")},
		"b": {at("1999-12-31T23:59:59Z"), {}}, // a text not in the program's form reads as before
	}
	if len(d.Records) != 2 {
		t.Fatalf("%d records after the upgrade", len(d.Records))
	}
	for _, r := range d.Records {
		if w := want[r.ID]; !r.CreatedAt.Equal(w[0]) || !r.UpdatedAt.Equal(w[1]) {
			t.Errorf("record %s: made %v, changed %v; want %v", r.ID, r.CreatedAt, r.UpdatedAt, w)
		}
	}
	kinds, err := st.Texts(ctx, `SELECT typeof(created_at) || '/' || typeof(updated_at) || ' ' || updated_at FROM request_records ORDER BY id`)
	if err != nil || len(kinds) != 2 || kinds[0] != "integer/integer 1710576000999" || kinds[1] != "integer/text 2024-03-15 10:30:00" {
		t.Errorf("kept as %q (%v)", kinds, err)
	}
	indexes, err := st.Texts(ctx, `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'request_records'
		AND name IN ('request_records_said', 'request_records_complaints') ORDER BY name`)
	if err != nil || len(indexes) != 2 {
		t.Errorf("indexes by time after the upgrade: %v (%v)", indexes, err)
	}
	var n int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&n); err != nil || n != logged {
		t.Errorf("the upgrade noted %d rows as changed for the team (%v)", n-logged, err)
	}
	if err := st.Exec(ctx, `UPDATE request_records SET updated_at = 1710662400000 WHERE id = 'a'`); err != nil {
		t.Fatal(err)
	}
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes WHERE tbl = 'request_records' AND row_id = 'a'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a record changed after the upgrade is not in the change log (%d, %v)", n, err)
	}
}
