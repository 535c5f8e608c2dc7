package command_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// now is the fixed time of the command tests: 2024-03-15 10:00 in Shanghai.
var now = time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// seeded makes a database with the profile, two colleagues, a customer and
// one registered request, and returns its path and the request.
func seeded(t *testing.T) (string, request.Request) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	s, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(s.EnsureSettings(ctx, settings.Defaults("李娜")))
	for _, p := range []people.Fields{
		{Name: "王强", Department: "客服部", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner}, Active: true},
		{Name: "赵磊", Department: "技术支持部", Roles: []request.Role{request.RoleOwner}, Active: true},
	} {
		_, err := command.Run(ctx, command.New(s), command.SavePerson{Fields: p})
		must(err)
	}
	c, err := command.Run(ctx, command.New(s), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	must(err)
	r, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID,
		ContactName: "张伟", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "接口规范咨询",
		Description: "客户希望了解与财务系统对接的接口规范。", ReceivedAt: now.Add(-time.Hour), ReceivedBy: "李娜"}})
	must(err)
	return path, r
}

// dump lists every row of the tables a change of a request writes, in
// order, as text.
func dump(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=query_only(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, table := range []string{"requests", "request_transitions", "request_records", "request_clocks",
		"request_metrics", "audit_log"} {
		probe, err := db.Query(`SELECT * FROM ` + table + ` LIMIT 0`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := probe.Columns()
		probe.Close()
		order := make([]string, len(cols))
		for i := range cols {
			order[i] = fmt.Sprint(i + 1)
		}
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY ` + strings.Join(order, ", "))
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s:", table)
			for i, v := range vals {
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, " %s=%v", cols[i], v)
			}
			b.WriteByte('\n')
		}
		rows.Close()
	}
	return b.String()
}

// TestReplay carries out the same recorded commands on two copies of one
// database, each time decoding the command from its JSON as a server
// would: with the same time and command id, both end with the same rows,
// ids, audit entries and derived rows included. A refused command changes
// neither.
func TestReplay(t *testing.T) {
	path, r := seeded(t)
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := audit.WithActor(context.Background(), "王强")
	var svcs []*command.Service
	for _, p := range []string{path, copyPath} {
		// The clocks disagree: only the recorded time may count.
		s, err := store.Open(ctx, p, clock.NewFixed(now.Add(time.Duration(len(svcs))*time.Hour)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		svcs = append(svcs, command.New(s))
	}
	steps := []request.Move{
		{Action: request.ActTriage, Department: "技术支持部", Path: request.PathShort},
		{Action: request.ActAssign, Owner: "赵磊"},
		{Action: request.ActApprove}, // refused: nothing to approve on this path
		{Action: request.ActHold, Reason: "等客户资料", FollowUp: now.Add(72 * time.Hour)},
		{Action: request.ActResume},
	}
	version := r.Version
	for i, m := range steps {
		at := now.Add(time.Duration(i+1) * 10 * time.Minute)
		rec, err := json.Marshal(command.MoveRequest{ID: r.ID, Version: version, Move: m})
		if err != nil {
			t.Fatal(err)
		}
		cmdID := fmt.Sprintf("cmd-%d", i)
		var got []request.Request
		var errs []error
		for _, svc := range svcs {
			var c command.MoveRequest
			if err := json.Unmarshal(rec, &c); err != nil {
				t.Fatal(err)
			}
			out, err := command.RunAt(ctx, svc, store.WriteAt{Now: at, IDs: command.IDs(cmdID, at)}, c)
			got, errs = append(got, out), append(errs, err)
		}
		if apperr.CodeOf(errs[0]) != apperr.CodeOf(errs[1]) {
			t.Fatalf("step %s: errors %v and %v", m.Action, errs[0], errs[1])
		}
		if m.Action == request.ActApprove {
			if errs[0] == nil {
				t.Fatal("approving with no plan was allowed")
			}
			continue
		}
		if errs[0] != nil {
			t.Fatalf("step %s: %v", m.Action, errs[0])
		}
		if !got[0].UpdatedAt.Equal(at) {
			t.Errorf("step %s: updated at %v, want the recorded %v", m.Action, got[0].UpdatedAt, at)
		}
		version = got[0].Version
	}
	a, b := dump(t, path), dump(t, copyPath)
	if a != b {
		al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
		for i := range al {
			if i >= len(bl) || al[i] != bl[i] {
				t.Fatalf("the copies differ at row %d:\n%s\n%s", i, al[i], bl[min(i, len(bl)-1)])
			}
		}
		t.Fatalf("the copies differ in length: %d and %d rows", len(al), len(bl))
	}
	// resume from on hold, kept by their codes (store.stepCodes)
	if !strings.Contains(a, "action=u from_status=P") {
		t.Errorf("the steps are not in the transitions:\n%s", a)
	}
}

// TestAfterChange checks the listeners hear of a committed command, after
// its commit, and not of a refused one.
func TestAfterChange(t *testing.T) {
	path, r := seeded(t)
	s, err := store.Open(context.Background(), path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := command.New(s)
	var heard []string
	svc.AfterChange(func(name string) {
		// Committed: the change is visible to a reader.
		d, err := s.Request(context.Background(), r.ID)
		if err != nil || d.Request.Status == request.StatusRegistered {
			t.Errorf("listener ran before the commit: %v, %s", err, d.Request.Status)
		}
		heard = append(heard, name)
	})
	ctx := context.Background()
	if _, err := command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
		Move: request.Move{Action: request.ActApprove}}); err == nil {
		t.Fatal("approve on a registered request was allowed")
	}
	if _, err := command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
		Move: request.Move{Action: request.ActTriage, Department: "技术支持部"}}); err != nil {
		t.Fatal(err)
	}
	if len(heard) != 1 || heard[0] != "request.move" {
		t.Errorf("heard %v, want one request.move", heard)
	}
}
