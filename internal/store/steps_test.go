package store_test

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

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
	f := newFlow(t, "方案定制")
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
	var order []string
	for _, e := range h {
		order = append(order, e.Entity+"/"+e.Action)
		if e.Entity == audit.EntityRequest && e.Action == audit.ActionUpdate {
			got = append(got, e.Changes)
		}
	}
	if strings.Join(order, " ") != "request/create request/update record/create request/update request/update" {
		t.Fatalf("history in the order %v", order)
	}
	if !reflect.DeepEqual(got, wants) {
		t.Fatalf("step entries:\n%v\nwant as before 0025:\n%v", got, wants)
	}

	// Another member of the team receives the request's rows.
	d, err := f.s.Request(ctx, f.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	keys := []store.RowKey{{Table: "customers", ID: d.Request.Fields.CustomerID}}
	if d.Request.Fields.ContactID != "" {
		keys = append(keys, store.RowKey{Table: "contacts", ID: d.Request.Fields.ContactID})
	}
	keys = append(keys, store.RowKey{Table: "requests", ID: d.Request.ID})
	for _, tr := range d.Transitions {
		// The change log names a transition by its id's bytes (0026).
		u := uuid.MustParse(tr.ID)
		keys = append(keys, store.RowKey{Table: "request_transitions", ID: "x:" + hex.EncodeToString(u[:])})
	}
	for _, r := range d.Records {
		keys = append(keys, store.RowKey{Table: "request_records", ID: r.ID})
	}
	entries, err := f.s.Texts(ctx, `SELECT 'x:' || lower(hex(id)) FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range entries {
		keys = append(keys, store.RowKey{Table: "audit_log", ID: key})
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
