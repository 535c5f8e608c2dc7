package command_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// openConfig opens a new database at a fixed time, seeded as at start-up,
// with the service that changes it.
func openConfig(t *testing.T) (*store.Store, *command.Service) {
	t.Helper()
	clk := clock.NewFixed(time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.EnsureSettings(context.Background(), settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	return st, command.New(st)
}

// TestIssueReportFirst issues a report before anything read it: the sums
// of the periods it compares with are computed inside the command's
// transaction, which must not wait for a write of its own to keep them.
func TestIssueReportFirst(t *testing.T) {
	_, svc := openConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r, err := command.Run(ctx, svc, command.IssueReport{Kind: "monthly", Period: "2024-02"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Version != 1 || r.Period != "2024-02" || r.IssuedBy != "李娜" || r.IssuedAt == nil || len(r.Body) == 0 {
		t.Fatalf("issued = %+v", r)
	}
	again, err := command.Run(ctx, svc, command.IssueReport{Kind: "monthly", Period: "2024-02"})
	if err != nil || again.Version != 2 {
		t.Fatalf("second issue = %+v, %v", again, err)
	}
}

// TestSettingsCommandsRefuseBadInput: every bad input is refused with an
// error naming the field, and nothing is written.
func TestSettingsCommandsRefuseBadInput(t *testing.T) {
	st, svc := openConfig(t)
	ctx := context.Background()
	before, err := st.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	bad := before
	bad.NumberPattern = "XR-{YYYY}"
	if _, err := command.Run(ctx, svc, command.SaveSettings{Settings: bad}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("bad pattern: %v", err)
	}
	if after, _ := st.Settings(ctx); after != before {
		t.Fatalf("settings changed: %+v", after)
	}
	if _, err := command.Run(ctx, svc, command.SetCompanyLogo{Data: []byte{}}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("empty logo: %v", err)
	}
	set, err := st.SLASettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.DueSoonPercent = 95
	_, err = command.Run(ctx, svc, command.SaveSLASettings{Settings: set})
	if e, ok := apperr.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "dueSoonPercent" {
		t.Fatalf("due-soon 95%%: %v", err)
	}
	if _, err := command.Run(ctx, svc, command.ImportSchedule{Data: []byte(`{"year": 2027}`)}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("schedule without days: %v", err)
	}
	if _, err := command.Run(ctx, svc, command.DeletePolicy{ID: "missing", Version: 1}); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("delete a missing policy: %v", err)
	}
}

// TestCreateAccount: the account holder lands on the people list in the
// account's roles on requests; names and hashes are checked.
func TestCreateAccount(t *testing.T) {
	st, svc := openConfig(t)
	ctx := context.Background()
	f, hash, err := auth.NewAccount(auth.Fields{Name: "王芳", Roles: []request.Role{auth.RoleAdmin, request.RoleOwner}}, "管理员的密码-2024")
	if err != nil {
		t.Fatal(err)
	}
	a, err := command.Run(ctx, svc, command.CreateAccount{Fields: f, PasswordHash: hash})
	if err != nil || a.Name != "王芳" || a.Disabled {
		t.Fatalf("created %+v, %v", a, err)
	}
	list, err := st.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var roles []request.Role
	for _, p := range list {
		if p.Name == "王芳" {
			roles = p.Roles
		}
	}
	if len(roles) != 1 || roles[0] != request.RoleOwner {
		t.Fatalf("person's roles = %v", roles)
	}
	t.Run("ErrDuplicate", func(t *testing.T) {
		_, err := command.Run(ctx, svc, command.CreateAccount{Fields: auth.Fields{Name: " 王芳", Roles: f.Roles}, PasswordHash: hash})
		if e, ok := apperr.As(err); !ok || e.Key != "account_duplicate" {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("ErrBadHash", func(t *testing.T) {
		_, err := command.Run(ctx, svc, command.CreateAccount{Fields: auth.Fields{Name: "李四", Roles: f.Roles}, PasswordHash: "plain"})
		if err == nil {
			t.Fatal("an account without a password hash was created")
		}
		if all, _ := st.Accounts(ctx); len(all) != 1 {
			t.Fatalf("accounts = %+v", all)
		}
	})
	t.Run("ErrMissingAccount", func(t *testing.T) {
		_, err := command.Run(ctx, svc, command.SetAccountDisabled{Account: "没有这个人", Disabled: true})
		if apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("Disable", func(t *testing.T) {
		a, err := command.Run(ctx, svc, command.SetAccountDisabled{Account: "王芳", Disabled: true})
		if err != nil || !a.Disabled || a.Version != 2 {
			t.Fatalf("disabled %+v, %v", a, err)
		}
	})
}
