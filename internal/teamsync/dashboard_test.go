package teamsync_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestDashboardAfterPush: the server's dashboard, kept between calls while
// nothing changes, counts a laptop's offline work at the first call after
// the laptop's push, and its step at the first call after the next push.
func TestDashboardAfterPush(t *testing.T) {
	tm := newTeam(t)
	zone, err := tm.srv.Zone(tm.ctx)
	must(t, err)
	month := report.Month(start.Year(), start.Month(), zone)
	count := func() (received float64, intake, triage int) {
		t.Helper()
		d, err := tm.srv.Dashboard(tm.ctx, month, "")
		must(t, err)
		for _, k := range d.KPIs {
			if k.ID == report.Received && k.Value.Value != nil {
				received = *k.Value.Value
			}
		}
		for _, b := range d.Backlog {
			switch b.Stage {
			case "intake":
				intake = b.Count
			case "triage":
				triage = b.Count
			}
		}
		return received, intake, triage
	}
	l := tm.join("王强", "L1")
	count()
	if got, _, _ := count(); got != 0 {
		t.Fatalf("received %v before any work, want 0", got)
	}
	r := l.create(t, tm, "报表导出很慢")
	if got, _, _ := count(); got != 0 {
		t.Fatalf("received %v before the push, want 0", got)
	}
	tm.round(l)
	if got, intake, _ := count(); got != 1 || intake != 1 {
		t.Fatalf("after the push: received %v, %d in intake; want 1 and 1", got, intake)
	}
	l.move(t, r.ID, request.Move{Action: request.ActTriage, Department: "客服部"})
	tm.round(l)
	if got, intake, triage := count(); got != 1 || intake != 0 || triage != 1 {
		t.Fatalf("after the step's push: received %v, %d in intake, %d in triage; want 1, 0, 1", got, intake, triage)
	}
}
