package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// TestWorkingHoursMoveOpenClocks: saving new working hours recomputes the
// open requests' clocks under those hours, not under the ones cached.
func TestWorkingHoursMoveOpenClocks(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t) // now: Friday 2024-03-15 10:00 (+08:00)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "咨询系统对接方案")
	f.ReceivedAt = now.Add(-2 * time.Minute)
	r := mustRequest(t, s, f)
	d, err := s.Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	before := clockOf(t, d.Clocks, sla.KindResolve).Due

	set, err := s.SLASettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for wd := range set.Hours.Week {
		set.Hours.Week[wd] = []sla.Interval{{Start: 8 * 60, End: 22 * 60}}
	}
	if _, err := command.Run(ctx, command.New(s), command.SaveSLASettings{Settings: set}); err != nil {
		t.Fatal(err)
	}
	if d, err = s.Request(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	after := clockOf(t, d.Clocks, sla.KindResolve).Due
	if !after.Before(before) {
		t.Fatalf("resolve due %v under longer hours, %v before", after, before)
	}
}
