package teamsync_test

import (
	"database/sql"
	"testing"
	"time"

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

// TestEmptyRoundWritesNothing: a round with nothing to push or pull
// writes nothing on the server (its last sync is noted at most once a
// minute, and a push notes it in its own transaction).
func TestEmptyRoundWritesNothing(t *testing.T) {
	tm := newTeam(t)
	l := tm.join("王强", "L1")
	l.create(t, tm, "报表导出很慢")
	tm.round(l) // pushes, and notes the last sync with it
	db, err := sql.Open("sqlite", "file:"+tm.srv.Path()+"?mode=ro")
	must(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(tm.ctx)
	must(t, err)
	defer conn.Close()
	version := func() int64 {
		t.Helper()
		var v int64
		must(t, conn.QueryRowContext(tm.ctx, `PRAGMA data_version`).Scan(&v))
		return v
	}
	before := version()
	tm.tick(30 * time.Second)
	if rep := tm.round(l); rep.Pushed != 0 || rep.Pulled != 0 {
		t.Fatalf("round %+v, want an empty one", rep)
	}
	if after := version(); after != before {
		t.Fatalf("an empty round wrote on the server (data_version %d → %d)", before, after)
	}
	// A minute on, the round notes the last sync again.
	tm.tick(time.Minute)
	tm.round(l)
	if after := version(); after == before {
		t.Fatal("a round a minute later did not note the last sync")
	}
	devs, err := tm.srv.Devices(tm.ctx)
	must(t, err)
	if len(devs) != 1 || devs[0].LastSync == nil || !devs[0].LastSync.Equal(tm.clocks[0].Now()) {
		t.Fatalf("devices %+v, want the last sync at %s", devs, tm.clocks[0].Now())
	}
}
