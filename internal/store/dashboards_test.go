package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
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

// TestOpenRowsFollowTheChangeLog: on a store whose change log is on (a
// team server), the open requests' rows a dashboard reads are those kept
// from its last read brought up to date by the log; after every kind of
// change they equal the rows read afresh, and a change the log cannot
// follow (a customer renamed) has them read afresh.
func TestOpenRowsFollowTheChangeLog(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	if err := s.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	c := mustCustomer(t, s, "华信科技有限公司")
	same := func(step string, dept string) int {
		t.Helper()
		kept, fresh, deltas, err := s.OpenRowsTwice(ctx, dept)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(kept)
		b, _ := json.Marshal(fresh)
		if string(a) != string(b) {
			t.Fatalf("%s (%q): kept rows differ from those read afresh:\n kept:  %s\n fresh: %s", step, dept, a, b)
		}
		return deltas
	}
	same("empty", "")
	f := &flow{t: t, s: s, req: mustRequest(t, s, fields(c, "咨询系统对接方案"))}
	d0 := same("a request registered", "")
	other := mustRequest(t, s, fields(c, "合同续签流程"))
	clk.Add(10 * time.Minute)
	f.move(request.Move{Action: request.ActTriage, Department: "客服部"})
	same("a step", "")
	f.add(request.KindCommunication, "", request.Communication{At: now.Add(5 * time.Minute), Channel: "电话", With: "张伟", Summary: "确认接口范围"})
	same("a record", "")
	f.move(request.Move{Action: request.ActAssign, Owner: "李娜"})
	same("assigned", "")
	if _, err := command.Run(ctx, command.New(s), command.MoveRequest{ID: other.ID, Version: other.Version,
		Move: request.Move{Action: request.ActCancel, Reason: "客户撤回"}}); err != nil {
		t.Fatal(err)
	}
	d1 := same("a request cancelled (no longer open)", "")
	if d1-d0 < 4 {
		t.Fatalf("the change log answered %d of 4 reads", d1-d0)
	}
	same("nothing changed", "")
	// A customer renamed: not a change the log follows, read afresh.
	cur := c.Customer
	if _, err := command.Run(ctx, command.New(s), command.UpdateCustomer{ID: cur.ID, Version: cur.Version,
		Fields: customer.Fields{Name: "华信科技股份有限公司", Industry: cur.Industry}}); err != nil {
		t.Fatal(err)
	}
	d2 := same("a customer renamed", "")
	if d2 != d1+1 {
		t.Fatalf("a customer renamed: the change log answered (%d → %d)", d1+1, d2)
	}
	// One department's rows, then all again.
	same("one department", "客服部")
	same("all again", "")
}

// TestDashboardRecordMeasures: the record measures (read at the same time
// as the measure rows) are those of the period and of the one it is
// compared with, each as RecordValues gives them alone.
func TestDashboardRecordMeasures(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	// Two calls logged in February, one in March.
	clk.Add(-30 * 24 * time.Hour)
	in := fields(c, "咨询系统对接方案")
	in.ReceivedAt = clk.Now().Add(-time.Hour)
	f := &flow{t: t, s: s, req: mustRequest(t, s, in)}
	for range 2 {
		f.add(request.KindCommunication, "", request.Communication{At: clk.Now(), Channel: "电话", With: "张伟", Summary: "确认接口范围"})
	}
	clk.Add(30 * 24 * time.Hour)
	f.add(request.KindCommunication, "", request.Communication{At: clk.Now(), Channel: "电话", With: "张伟", Summary: "回访"})
	p := report.Month(2024, time.March, now.Location())
	d, err := s.Dashboard(ctx, p, "")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := s.RecordValues(ctx, d.Period.From, d.Period.To)
	if err != nil {
		t.Fatal(err)
	}
	prev, err := s.RecordValues(ctx, d.Previous.From, d.Previous.To)
	if err != nil {
		t.Fatal(err)
	}
	if cur[report.ScriptFitRate].N != 1 || prev[report.ScriptFitRate].N != 2 {
		t.Fatalf("calls counted: %+v this month, %+v the month before; want 1 and 2", cur[report.ScriptFitRate], prev[report.ScriptFitRate])
	}
	n := 0
	for _, r := range d.Plan004 {
		if !r.Records {
			continue
		}
		n++
		if !reflect.DeepEqual(r.Value, cur[r.ID]) || !reflect.DeepEqual(r.Previous, prev[r.ID]) {
			t.Errorf("%s: dashboard %+v / %+v, alone %+v / %+v", r.ID, r.Value, r.Previous, cur[r.ID], prev[r.ID])
		}
	}
	if n != 3 {
		t.Fatalf("%d record measures on the dashboard, want 3", n)
	}
}

// TestRecordValuesKept: a period's record measures are computed once and
// kept while nothing they read changes; a change elsewhere (a setting, a
// request's step) keeps them, a record logged or changed, written by this
// store or by another connection, has them computed again with it.
func TestRecordValuesKept(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	in := fields(c, "咨询系统对接方案")
	in.ReceivedAt = clk.Now().Add(-time.Hour)
	f := &flow{t: t, s: s, req: mustRequest(t, s, in)}
	f.add(request.KindCommunication, "", request.Communication{At: clk.Now(), Channel: "电话", With: "张伟", Summary: "确认接口范围"})
	p := report.Month(2024, time.March, now.Location())
	calls := func(want int, computed int64, what string) {
		t.Helper()
		before := s.RecordValuesComputed()
		v, err := s.RecordValues(ctx, p.From, p.To)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.RecordValuesComputed() - before; v[report.ScriptFitRate].N != want || got != computed {
			t.Fatalf("%s: %d calls counted, computed %d times; want %d, %d", what, v[report.ScriptFitRate].N, got, want, computed)
		}
	}
	calls(1, 1, "first")
	calls(1, 0, "again")
	f.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
	if err := s.Exec(ctx, `UPDATE settings SET value = value || ' ' WHERE key = 'companyName'`); err != nil {
		t.Fatal(err)
	}
	calls(1, 0, "after a step and a setting")
	f.add(request.KindCommunication, "", request.Communication{At: clk.Now(), Channel: "电话", With: "张伟", Summary: "回访"})
	calls(2, 1, "after a call logged")
	// Another program on the file deletes one.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `DELETE FROM request_records WHERE kind = 'communication'
		AND id = (SELECT max(id) FROM request_records WHERE kind = 'communication')`); err != nil {
		t.Fatal(err)
	}
	calls(1, 1, "after another connection deleted a call")
}
