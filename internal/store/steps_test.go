package store_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// movedBefore0025 is the request as the audit log recorded it after a step
// until 0025: the request after the step, with the step and its comment.
type movedBefore0025 struct {
	request.Request
	MoveAction  request.Action `json:"moveAction"`
	MoveComment string         `json:"moveComment,omitempty"`
}

// TestStepEntryKeptWithTransition carries a request through steps that
// change other fields too (department, owner, the hold's reason and date)
// and checks that no step writes an entry of its own, every transition
// keeps its step's, and the history shows each exactly as the entry the
// program wrote before 0025, in its place among the other entries; then
// that the transitions travel to another member with their entries, the
// history the same there, and a damaged one is refused.
func TestStepEntryKeptWithTransition(t *testing.T) {
	ctx := context.Background()
	// A team server's database: its change log says in what order rows
	// were written, and a pull sends them in that order.
	s, clk, _ := openStore(t)
	if err := s.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	fl := fields(mustCustomer(t, s, "华信科技有限公司"), "定制生产排程模块")
	fl.Type = "方案定制"
	f := &flow{t: t, s: s, clk: clk, req: mustRequest(t, s, fl)}
	var wants [][]audit.Change
	step := func(m request.Move) {
		t.Helper()
		before, err := f.s.Request(ctx, f.req.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.move(m)
		after, err := f.s.Request(ctx, f.req.ID)
		if err != nil {
			t.Fatal(err)
		}
		tr := after.Transitions[len(after.Transitions)-1]
		text, err := audit.Changes(before.Request, movedBefore0025{after.Request, tr.Action, tr.Comment})
		if err != nil {
			t.Fatal(err)
		}
		want, err := audit.Decode(text)
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, want)
	}
	step(request.Move{Action: request.ActTriage, Department: "技术支持部"})
	f.add(request.KindCommunication, "", request.Communication{At: now, Channel: "电话", With: "张伟", Summary: "确认需求"})
	step(request.Move{Action: request.ActAssign, Owner: "王强"})
	step(request.Move{Action: request.ActHold, Reason: "缺少硬件", Comment: `等新服务器 <"&">`, FollowUp: time.Date(2024, 6, 1, 0, 0, 0, 0, time.Local)})

	var own int
	if err := f.s.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE entity = 'request' AND action = 'update'`).Scan(&own); err != nil || own != 0 {
		t.Fatalf("%d steps wrote entries of their own (%v)", own, err)
	}
	h, err := f.s.History(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	// create, triage, the call, assign, hold: in the order they were made.
	var got [][]audit.Change
	var made []string
	for _, e := range h {
		made = append(made, e.Entity+"/"+e.Action)
		if e.Entity == audit.EntityRequest && e.Action == audit.ActionUpdate {
			got = append(got, e.Changes)
		}
	}
	if strings.Join(made, " ") != "request/create request/update record/create request/update request/update" {
		t.Fatalf("history in the order %v", made)
	}
	if !reflect.DeepEqual(got, wants) {
		t.Fatalf("step entries:\n%v\nwant as before 0025:\n%v", got, wants)
	}
	// A close as a duplicate links the two requests, its undoing unlinks
	// them, each before the step's entry in the same change and, under
	// this clock, in the same millisecond: the entries stand in the order
	// they were written, not by time or id.
	kept := mustRequest(t, s, fields(mustCustomer(t, s, "恒远物流有限公司"), "排程模块"))
	f.move(request.Move{Action: request.ActResume})
	f.move(request.Move{Action: request.ActReject, Reason: "重复", DuplicateOf: kept.Number})
	f.move(request.Move{Action: request.ActRestore, Reason: "并非重复"})
	h, err = f.s.History(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range h {
		order = append(order, e.Action)
	}
	if got := strings.Join(order[len(order)-5:], " "); got != "update link update unlink update" {
		t.Fatalf("the last entries: %s, want resume, link, reject, unlink, restore", got)
	}

	// Another member of the team receives the rows, in the order of the
	// change log.
	logged, err := f.s.Texts(ctx, `SELECT tbl || ' ' || row_id FROM sync_changes ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []store.RowKey
	for _, r := range logged {
		tbl, id, _ := strings.Cut(r, " ")
		keys = append(keys, store.RowKey{Table: tbl, ID: id})
	}
	sent, err := f.s.SharedRows(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	arrived := overTheWire(t, sent)
	dst, _, _ := openStore(t)
	if err := applyChanges(dst, arrived); err != nil {
		t.Fatal(err)
	}
	there, err := dst.History(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	hj, _ := json.Marshal(h)
	tj, _ := json.Marshal(there)
	if string(hj) != string(tj) {
		t.Errorf("history where the rows arrived:\n%s\nwhere they were made:\n%s", tj, hj)
	}
	// A transition whose kept entry was damaged on the way: refused.
	for i, c := range arrived {
		if c.Table != "request_transitions" {
			continue
		}
		bad := []store.Change{{Table: c.Table, ID: c.ID, Row: store.Row{}}}
		for k, v := range c.Row {
			bad[0].Row[k] = v
		}
		bad[0].Row["changes"] = []byte{0x01, 0xff, 0xff}
		other, _, _ := openStore(t)
		if err := applyChanges(other, append(arrived[:i:i], bad...)); err == nil || !strings.Contains(err.Error(), "transition") {
			t.Fatalf("a damaged step entry: %v, want it refused", err)
		}
		break
	}
}

// TestStepByAnotherActor: when the person the audit names is not the one
// the step's transition names (a session's account beside another actor),
// the step's entry is written to the audit log as before 0025.
func TestStepByAnotherActor(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制")
	acting := audit.WithActor(auth.WithUser(ctx, auth.User{Name: "王强", Roles: []request.Role{request.RoleSupervisor}}), "系统任务")
	r, err := command.Run(acting, command.New(f.s), command.MoveRequest{ID: f.req.ID, Version: f.req.Version,
		Move: request.Move{Action: request.ActTriage, Department: "技术支持部"}})
	if err != nil {
		t.Fatal(err)
	}
	var own, keeping int
	if err := f.s.QueryRow(ctx, `SELECT (SELECT count(*) FROM audit_log WHERE entity = 'request' AND action = 'update'),
		(SELECT count(*) FROM request_transitions WHERE changes IS NOT NULL)`).Scan(&own, &keeping); err != nil {
		t.Fatal(err)
	}
	if own != 1 || keeping != 0 {
		t.Fatalf("%d entries of its own, %d transitions keeping one: want the entry in the log", own, keeping)
	}
	h, err := f.s.History(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := h[len(h)-1]
	if last.Actor != "系统任务" || !reflect.DeepEqual(last.Changes[len(last.Changes)-1], audit.Change{Field: "status", Before: `"registered"`, After: `"triaged"`}) {
		t.Fatalf("entry = %+v", last)
	}
}
