package store_test

import (
	"context"
	"testing"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/settings"
)

// TestGuideSetting: the first-run guide is to be shown on a new database,
// stays put away once dismissed, and an unknown state is refused by name
// without writing anything.
func TestGuideSetting(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	st, err := s.Settings(ctx)
	if err != nil || st.Guide != "" {
		t.Fatalf("new database guide = %q, %v", st.Guide, err)
	}
	bad := st
	bad.Guide = "later"
	if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: bad}); fieldKeys(err)["guide"] != "not_in_list" {
		t.Fatalf("saving guide %q: %v", bad.Guide, err)
	}
	if got, _ := s.Settings(ctx); got.Guide != "" {
		t.Fatalf("a refused save wrote guide %q", got.Guide)
	}
	st.Guide = settings.GuideDismissed
	if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: st}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Settings(ctx); got.Guide != settings.GuideDismissed {
		t.Fatalf("guide after dismissal = %q", got.Guide)
	}
}
