package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TestReadOnly keeps a database open for reading only, as the user may
// choose for a damaged one: reads work, every kind of write is refused.
func TestReadOnly(t *testing.T) {
	s, _, path := openStore(t)
	ctx := context.Background()
	c := mustCustomer(t, s, "华信科技有限公司")
	mustRequest(t, s, fields(c, "咨询系统对接方案"))
	s.SetReadOnly(true)
	if !s.ReadOnly() {
		t.Fatal("not read-only")
	}
	if n, err := s.CountRequests(ctx, request.Query{}); err != nil || n != 1 {
		t.Fatalf("read while read-only: %d, %v", n, err)
	}
	writes := map[string]error{
		"request": func() error {
			_, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: fields(c, "只读时登记")})
			return err
		}(),
		"settings": func() error {
			_, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: settings.Defaults("王强")})
			return err
		}(),
		"draft": saveDraft(ctx, s, "intake", `{"title":"草稿"}`),
	}
	for what, err := range writes {
		if e, ok := apperr.As(err); !ok || e.Code != apperr.Forbidden {
			t.Fatalf("%s while read-only: %v", what, err)
		}
	}
	s.SetReadOnly(false)
	mustRequest(t, s, fields(c, "恢复写入后登记"))

	t.Run("Describe", func(t *testing.T) {
		snap := filepath.Join(t.TempDir(), "copy.db")
		if err := s.Snapshot(ctx, snap); err != nil {
			t.Fatal(err)
		}
		sum, err := store.Describe(ctx, snap)
		if err != nil || sum.Requests != 2 || sum.Customers != 1 || sum.Schema != store.LatestSchema() || sum.LastChange.IsZero() {
			t.Fatalf("summary = %+v, %v (of %s)", sum, err, path)
		}
	})
}
