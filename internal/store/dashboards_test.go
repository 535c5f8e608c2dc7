package store_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// backlog is the dashboard's open requests by stage, as "stage:count".
func backlog(d report.Dashboard) map[string]int {
	out := map[string]int{}
	for _, b := range d.Backlog {
		if b.Count > 0 {
			out[b.Stage] = b.Count
		}
	}
	return out
}

// TestDashboardSeesEveryChange: a dashboard is computed once for the
// callers asking while nothing changes, and every change — a command, a
// write by another connection to the file, the clock moving on — is seen
// by the next call.
func TestDashboardSeesEveryChange(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := &flow{t: t, s: s, req: mustRequest(t, s, fields(c, "咨询系统对接方案"))}
	month, err := report.ParseMonth("2024-03", time.Local)
	if err != nil {
		t.Fatal(err)
	}
	get := func() report.Dashboard {
		t.Helper()
		d, err := s.Dashboard(ctx, month, "")
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	get() // keeps the sums of the periods compared: a write
	first := get()
	if got := val(kpi(t, first, report.Received)); got != 1 {
		t.Fatalf("received %v, want 1", got)
	}
	// Asked again, and by many at once, while nothing changed: the same
	// numbers, not computed again.
	n := s.DashboardsComputed()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := s.Dashboard(ctx, month, "")
			if err != nil {
				t.Error(err)
				return
			}
			a, _ := json.Marshal(d)
			b, _ := json.Marshal(first)
			if string(a) != string(b) {
				t.Error("a dashboard asked for again differs while nothing changed")
			}
		}()
	}
	wg.Wait()
	if got := s.DashboardsComputed(); got != n {
		t.Fatalf("computed %d times more while nothing changed, want 0", got-n)
	}

	// A step moves the request from intake to triage at the next call.
	if got := backlog(first); got["intake"] != 1 || got["triage"] != 0 {
		t.Fatalf("backlog before: %v", got)
	}
	f.move(request.Move{Action: request.ActTriage, Department: "客服部"})
	if got := backlog(get()); got["intake"] != 0 || got["triage"] != 1 {
		t.Fatalf("backlog after the step: %v, want it in triage", got)
	}
	// A request registered is counted at the next call.
	mustRequest(t, s, fields(c, "合同续签流程"))
	if got := val(kpi(t, get(), report.Received)); got != 2 {
		t.Fatalf("received %v after a new request, want 2", got)
	}
	// A write by another connection to the file (another store on it, as
	// another program would be) is seen too.
	other, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := command.Run(ctx, command.New(other), command.CreateRequest{Fields: fields(c, "发票开具延迟")}); err != nil {
		t.Fatal(err)
	}
	if got := val(kpi(t, get(), report.Received)); got != 3 {
		t.Fatalf("received %v after another connection's request, want 3", got)
	}
	// The clock moving on with no change: computed again, as of the new time.
	n = s.DashboardsComputed()
	clk.Add(time.Hour)
	d := get()
	if s.DashboardsComputed() != n+1 || !d.Now.Equal(now.Add(time.Hour)) {
		t.Fatalf("after an hour: computed %d more, as of %s; want 1 more, as of %s", s.DashboardsComputed()-n, d.Now, now.Add(time.Hour))
	}
}
