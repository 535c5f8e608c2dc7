package store_test

import (
	"context"
	"testing"

	"github.com/reqdesk/reqdesk/internal/store"
)

// The records of TestRecordIDsKeyed: a sub-requirement, a task under it
// that depends on it, a logged call a check item drew, and one arriving.
const (
	subID  = "018e4063-a400-7000-8000-0000000000b1"
	taskID = "018e4063-a400-7000-8000-0000000000b2"
	callID = "018e4063-a400-7000-8000-0000000000b3"
	newID  = "018e4063-a400-7000-8000-0000000000b4"
)

// TestRecordIDsKeyed upgrades a team server's database of schema 38 whose
// records keep their ids as text: after 0039 a UUID is kept as its 16
// bytes (an id of another form as its text) in the records, their parents,
// their dependencies and the check items; every foreign key still holds;
// the change log names no row the upgrade touched; the request reads the
// same records; a record travels with its ids as text, and one arriving
// so is kept by its bytes.
func TestRecordIDsKeyed(t *testing.T) {
	ctx := context.Background()
	old, path := teamServerAt(t, 38)
	for _, q := range []string{
		`INSERT INTO request_records (id, req, kind, parent_id, body, created_by, created_at, updated_at, owner, status) VALUES
			('` + subID + `', 1, 'sub_requirement', NULL, record_pack('sub_requirement', '{"title":"接口设计","owner":"王强","status":"open"}'),
			 '李娜', 1710468600000, 1710468600000, '王强', 'open'),
			('` + taskID + `', 1, 'task', '` + subID + `',
			 record_pack('task', '{"title":"接口开发","owner":"王强","status":"todo","dependsOn":["` + subID + `"]}'),
			 '李娜', 1710468660000, 1710468660000, '王强', 'todo'),
			('` + callID + `', 1, 'communication', NULL,
			 record_pack('communication', '{"at":"2024-03-15T03:00:00Z","channel":"电话","with":"张伟","summary":"确认需求","nextStep":""}'),
			 '李娜', 1710471600000, 1710471600000, '', ''),
			('legacy1', 1, 'communication', NULL,
			 record_pack('communication', '{"at":"2024-03-15T04:00:00Z","channel":"邮件","with":"张伟","summary":"寄送资料","nextStep":""}'),
			 '李娜', 1710475200000, 1710475200000, '', '')`,
		`INSERT INTO request_record_deps (record_id, depends_on) VALUES ('` + taskID + `', '` + subID + `')`,
		`INSERT INTO comm_checks (id, week, checker, seed, sizes, created_at, updated_at) VALUES
			('ck1', '2024-W11', '王强', 7, '{"电话":1}', '2024-03-16T02:00:00.000Z', '2024-03-16T02:00:00.000Z')`,
		`INSERT INTO comm_check_items (id, check_id, position, record_id, request_id, channel, agent, created_at, updated_at) VALUES
			('ci1', 'ck1', 1, '` + callID + `', 'r1', '电话', '李娜', '2024-03-16T02:00:00.000Z', '2024-03-16T02:00:00.000Z')`,
		`INSERT INTO comm_rectifications (id, check_item_id, owner, due, problem, status, created_at, updated_at) VALUES
			('rc1', 'ci1', '李娜', '2024-03-20', '未使用问候语', 'open', '2024-03-16T03:00:00.000Z', '2024-03-16T03:00:00.000Z')`,
	} {
		if err := old.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st, logged := upgradeLogged(t, old, path)
	var after int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&after); err != nil || after != logged {
		t.Errorf("the change log names %d rows after the upgrade, %d before (%v)", after, logged, err)
	}
	for _, c := range []struct{ name, q, want string }{
		{"records", `SELECT group_concat(typeof(id), ' ') FROM (SELECT id FROM request_records ORDER BY created_at)`,
			"blob blob blob text"},
		{"parent", `SELECT typeof(c.parent_id) FROM request_records c JOIN request_records p ON p.id = c.parent_id`, "blob"},
		{"deps", `SELECT typeof(d.record_id) || ' ' || typeof(d.depends_on) FROM request_record_deps d
			JOIN request_records r ON r.id = d.depends_on`, "blob blob"},
		{"checkItem", `SELECT typeof(i.record_id) FROM comm_check_items i JOIN request_records r ON r.id = i.record_id`, "blob"},
		{"foreignKeys", `SELECT count(*) FROM pragma_foreign_key_check`, "0"},
	} {
		if got, err := st.Texts(ctx, c.q); err != nil || len(got) != 1 || got[0] != c.want {
			t.Errorf("%s: %q (%v), want %q", c.name, got, err, c.want)
		}
	}
	d, err := st.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	parents := map[string]string{}
	for _, r := range d.Records {
		ids = append(ids, r.ID)
		parents[r.ID] = r.ParentID
	}
	if len(ids) != 4 || ids[0] != subID || ids[1] != taskID || ids[2] != callID || ids[3] != "legacy1" || parents[taskID] != subID {
		t.Fatalf("records after the upgrade: %v, parents %v", ids, parents)
	}
	if err := st.Read(ctx, func(tx *store.Tx) error { _, err := tx.Record(ctx, taskID); return err }); err != nil {
		t.Errorf("the task by its id: %v", err)
	}
	qc, err := st.QualityCheck(ctx, "ck1")
	if err != nil || len(qc.Items) != 1 || qc.Items[0].RecordID != callID {
		t.Errorf("the check's items after the upgrade: %+v (%v)", qc.Items, err)
	}
	rows, err := st.SharedRows(ctx, []store.RowKey{{Table: "request_records", ID: taskID}, {Table: "comm_check_items", ID: "ci1"}})
	if err != nil || len(rows) != 2 || rows[0].Row == nil || rows[1].Row == nil {
		t.Fatalf("shared rows: %v %v", rows, err)
	}
	if r := rows[0].Row; r["id"] != taskID || r["parent_id"] != subID {
		t.Errorf("a record travels as %v", r)
	}
	if r := rows[1].Row; r["record_id"] != callID {
		t.Errorf("a check item travels as %v", r)
	}
	// A record arriving with its ids as text is kept by their bytes, and
	// a change to it is logged by its text.
	c := rows[0]
	c.ID, c.Row["id"] = newID, newID
	if err := applyChanges(st, []store.Change{c}); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Texts(ctx, `SELECT typeof(id) || ' ' || typeof(parent_id) FROM request_records WHERE id = unhex('018e4063a400700080000000000000b4')`); err != nil ||
		len(got) != 1 || got[0] != "blob blob" {
		t.Errorf("a pulled record kept as %q (%v)", got, err)
	}
	if err := st.Exec(ctx, `UPDATE request_records SET created_by = '王强' WHERE id = unhex('018e4063a400700080000000000000b2')`); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Texts(ctx, `SELECT row_id FROM sync_changes WHERE tbl = 'request_records' ORDER BY seq DESC LIMIT 1`); err != nil ||
		len(got) != 1 || got[0] != taskID {
		t.Errorf("the change log names the record %q (%v), want its id's text", got, err)
	}
	// And one deleted on the server goes here.
	if err := applyChanges(st, []store.Change{{Table: "request_records", ID: newID}}); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Texts(ctx, `SELECT count(*) FROM request_records WHERE id = unhex('018e4063a400700080000000000000b4')`); err != nil || got[0] != "0" {
		t.Errorf("a record deleted on the server: %q (%v)", got, err)
	}
}
