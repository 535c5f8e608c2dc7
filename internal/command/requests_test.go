package command_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// requestsNow is the fixed time of the requests' command tests.
var requestsNow = time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

// requestsWorld opens a store with the profile 李娜 and one customer, and
// returns its command service, the customer and the database's path.
func requestsWorld(t *testing.T) (*command.Service, customer.Detail, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	st, err := store.Open(ctx, path, clock.NewFixed(requestsNow))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.EnsureSettings(ctx, settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	c, err := command.Run(ctx, command.New(st), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	if err != nil {
		t.Fatal(err)
	}
	return command.New(st), c, path
}

func intakeOf(c customer.Detail, title string) request.Fields {
	return request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID, ContactName: "张伟", Channel: "电话",
		Type: "技术咨询", Urgency: request.UrgencyNormal, Title: title, ReceivedAt: requestsNow.Add(-time.Hour), ReceivedBy: "李娜"}
}

func rowsIn(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCreateRequestReplays: the same command given the same time and ids
// makes the same request, on another database too.
func TestCreateRequestReplays(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "李娜")
	at := time.Date(2024, 3, 15, 3, 0, 0, 0, time.UTC)
	var got []request.Request
	for range 2 {
		svc, c, _ := requestsWorld(t)
		n := 0
		ids := func() string { n++; return fmt.Sprintf("id-%d", n) }
		r, err := command.RunAt(ctx, svc, store.WriteAt{Now: at, IDs: ids}, command.CreateRequest{Fields: intakeOf(c, "咨询系统对接方案")})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, r)
	}
	for _, r := range got {
		if r.ID != "id-1" || !r.CreatedAt.Equal(at) || r.Number != "XR-2024-001" || r.Status != request.StatusRegistered {
			t.Fatalf("request = %s %s %s %s, want id-1 made at %s", r.ID, r.Number, r.Status, r.CreatedAt, at)
		}
	}
	if got[0].Number != got[1].Number || got[0].State != got[1].State {
		t.Fatalf("replays differ: %+v, %+v", got[0], got[1])
	}
}

// TestRequestCommandsWriteNothingOnBadInput: a refused create or update
// writes no row and no audit entry.
func TestRequestCommandsWriteNothingOnBadInput(t *testing.T) {
	ctx := context.Background()
	svc, c, path := requestsWorld(t)
	bad := intakeOf(c, "")
	if _, err := command.Run(ctx, svc, command.CreateRequest{Fields: bad}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("create err = %v, want invalid", err)
	}
	if n := rowsIn(t, path, "requests"); n != 0 {
		t.Fatalf("requests = %d after a refused create", n)
	}
	r, err := command.Run(ctx, svc, command.CreateRequest{Fields: intakeOf(c, "咨询系统对接方案")})
	if err != nil {
		t.Fatal(err)
	}
	entries := rowsIn(t, path, "audit_log")
	g := r.Fields
	g.Channel = "信鸽"
	_, err = command.Run(ctx, svc, command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: g})
	if e, ok := apperr.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "channel" {
		t.Fatalf("update err = %v, want channel refused", err)
	}
	d, err := svc.Store().Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Request.Version != r.Version || d.Request.Fields.Channel != "电话" || rowsIn(t, path, "audit_log") != entries {
		t.Fatalf("a refused update wrote: version %d, channel %s", d.Request.Version, d.Request.Fields.Channel)
	}
}

func TestSaveDraft(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := requestsWorld(t)
	for _, tt := range []struct {
		name, body, want string
		code             string
	}{
		{"OK", `{"title":"咨询"}`, `{"title":"咨询"}`, ""},
		{"ErrNotJSON", `{"title":`, `{"title":"咨询"}`, apperr.Invalid},
		{"Discard", "", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := command.Run(ctx, svc, command.SaveDraft{Key: "intake", Body: tt.body})
			if (err == nil) != (tt.code == "") || (err != nil && apperr.CodeOf(err) != tt.code) {
				t.Fatalf("err = %v, want code %q", err, tt.code)
			}
			if got, _ := svc.Store().Draft(ctx, "intake"); got != tt.want {
				t.Fatalf("draft = %q, want %q", got, tt.want)
			}
		})
	}
}
