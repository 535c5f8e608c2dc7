package store_test

import (
	"context"
	"testing"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestStepsCoded upgrades a team server's database of schema 36 whose
// steps keep their actions and statuses as words: after 0037 they keep
// codes, the request reads the same steps, the change log names no step
// the upgrade touched, and a step travels with its words.
func TestStepsCoded(t *testing.T) {
	ctx := context.Background()
	old, path := teamServerAt(t, 36)
	if err := old.Exec(ctx, `INSERT INTO request_transitions (seq, id, req, at, actor, action, from_status, to_status, comment, changes) VALUES
		(1, x'018e4063a400700080000000000000a1', 1, 1710468600000, '王强', 'triage', 'registered', 'triaged', '', '{}'),
		(2, x'018e4063a400700080000000000000a2', 1, 1710469200000, '王强', 'assign', 'triaged', 'assigned', '', '{}'),
		(3, x'018e4063a400700080000000000000a3', 1, 1710469800000, '王强', 'escalate_later', 'assigned', 'handling', '下一版的动作', '{}')`); err != nil {
		t.Fatal(err)
	}
	st, logged := upgradeLogged(t, old, path)
	var after int
	if err := st.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&after); err != nil || after != logged {
		t.Errorf("the change log names %d rows after the upgrade, %d before (%v)", after, logged, err)
	}
	stored, err := st.Texts(ctx, `SELECT action || ' ' || from_status || ' ' || to_status FROM request_transitions ORDER BY seq`)
	if want := []string{"a A B", "b B C", "escalate_later C L"}; err != nil || len(stored) != 3 || stored[0] != want[0] ||
		stored[1] != want[1] || stored[2] != want[2] {
		t.Errorf("steps stored as %q (%v), want %q", stored, err, want)
	}
	d, err := st.Request(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Transitions) != 3 || d.Transitions[1].Action != request.ActAssign || d.Transitions[1].From != request.StatusTriaged ||
		d.Transitions[1].To != request.StatusAssigned || d.Transitions[2].Action != "escalate_later" {
		t.Fatalf("steps after the upgrade: %+v", d.Transitions)
	}
	rows, err := st.SharedRows(ctx, []store.RowKey{{Table: "request_transitions", ID: "x:018e4063a400700080000000000000a2"}})
	if err != nil || len(rows) != 1 {
		t.Fatalf("shared rows: %v %v", rows, err)
	}
	if r := rows[0].Row; r["action"] != "assign" || r["from_status"] != "triaged" || r["to_status"] != "assigned" {
		t.Errorf("a step travels as %v", r)
	}
	// A step arriving with its words is kept by its codes.
	c := rows[0]
	c.ID, c.Row["id"] = "x:018e4063a400700080000000000000a4", []byte{0x01, 0x8e, 0x40, 0x63, 0xa4, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, 0xa4}
	c.Row["action"], c.Row["from_status"], c.Row["to_status"] = "start", "assigned", "handling"
	if err := applyChanges(st, []store.Change{c}); err != nil {
		t.Fatal(err)
	}
	if got, err := st.Texts(ctx, `SELECT action || from_status || to_status FROM request_transitions WHERE id = x'018e4063a400700080000000000000a4'`); err != nil || len(got) != 1 || got[0] != "cCL" {
		t.Errorf("a pulled step kept as %q (%v)", got, err)
	}
}
