package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// fromEveryRow is the dashboard built from every measure row in the
// database, with no kept sums; the time-limit risks left out.
func fromEveryRow(t *testing.T, s *store.Store, p report.Period, dept string) string {
	t.Helper()
	ctx := context.Background()
	cfg, err := s.ReportConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Location = p.From.Location()
	rows, err := s.MetricRows(ctx, p.From.AddDate(-5, 0, 0), p.To, dept)
	if err != nil {
		t.Fatal(err)
	}
	open, err := s.OpenMetricRows(ctx, dept)
	if err != nil {
		t.Fatal(err)
	}
	return withoutRisks(t, report.Build(report.Input{Period: p, Department: dept, Rows: rows, Open: open, Now: s.Now(), Config: cfg}))
}

func withoutRisks(t *testing.T, d report.Dashboard) string {
	t.Helper()
	d.Risks, d.Breached, d.DueSoon = nil, 0, 0
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func dashboard(t *testing.T, s *store.Store, p report.Period, dept string) report.Dashboard {
	t.Helper()
	d, err := s.Dashboard(context.Background(), p, dept)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func kept(t *testing.T, s *store.Store) []string {
	t.Helper()
	k, err := s.KeptSums(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func previous(t *testing.T, d report.Dashboard, id report.MeasureID) float64 {
	t.Helper()
	for _, k := range d.KPIs {
		if k.ID == id {
			return val(k.Previous)
		}
	}
	t.Fatalf("no KPI %s", id)
	return 0
}

// TestKeptSums opens the dashboard of April over March's requests: the
// first opening keeps the sums of the compared periods, the next ones read
// them, and closing a March request or changing what counts as a complaint
// gives the numbers every row gives.
func TestKeptSums(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	a := &flow{t: t, s: s, req: mustRequest(t, s, fields(c, "咨询系统对接方案"))}
	b := &flow{t: t, s: s, req: mustRequest(t, s, fields(c, "合同续签流程"))}
	a.move(request.Move{Action: request.ActCancel, Reason: "客户撤回"})
	clk.Add(47 * 24 * time.Hour) // 1 May: April has ended and is compared with all of March
	april, err := report.ParseMonth("2024-04", time.Local)
	if err != nil {
		t.Fatal(err)
	}
	if k := kept(t, s); len(k) != 0 {
		t.Fatalf("sums kept before any dashboard: %v", k)
	}

	first := dashboard(t, s, april, "")
	if got, want := withoutRisks(t, first), fromEveryRow(t, s, april, ""); got != want {
		t.Fatalf("first dashboard differs from every row's:\n got %s\nwant %s", got, want)
	}
	if got := previous(t, first, report.Received); got != 2 {
		t.Fatalf("March received %v, want 2", got)
	}
	if k := kept(t, s); len(k) != len(report.Compared(april, s.Now())) {
		t.Fatalf("kept %d sums, want one per compared period (%d): %v", len(k), len(report.Compared(april, s.Now())), k)
	}
	again := dashboard(t, s, april, "")
	if withoutRisks(t, again) != withoutRisks(t, first) {
		t.Fatal("the dashboard from kept sums differs from the first")
	}

	t.Run("ClosingDropsTheMonthsSums", func(t *testing.T) {
		before := kept(t, s)
		b.move(request.Move{Action: request.ActCancel, Reason: "重复登记"})
		after := kept(t, s)
		march, _ := report.ParseMonth("2024-03", time.Local)
		dropped := fmt.Sprintf(" %d %d", march.From.Unix(), march.To.Unix())
		if len(after) != len(before)-1 || contains(after, dropped) {
			t.Fatalf("kept after closing a March request: %v (before %v)", after, before)
		}
		d := dashboard(t, s, april, "")
		if got, want := withoutRisks(t, d), fromEveryRow(t, s, april, ""); got != want {
			t.Fatalf("dashboard after the close differs from every row's:\n got %s\nwant %s", got, want)
		}
		if got := previous(t, d, report.ResolutionRate); got != -1 {
			t.Fatalf("March resolution rate %v, want none (both cancelled)", got)
		}
		if len(kept(t, s)) != len(before) {
			t.Fatal("March's sums were not kept again")
		}
	})

	t.Run("AnotherComplaintTypeMakesThemAgain", func(t *testing.T) {
		cfg, err := s.ReportConfig(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cfg.ComplaintTypes = []string{"技术咨询"}
		if _, err := command.Run(ctx, command.New(s), command.SaveReportConfig{Config: cfg}); err != nil {
			t.Fatal(err)
		}
		d := dashboard(t, s, april, "")
		if got, want := withoutRisks(t, d), fromEveryRow(t, s, april, ""); got != want {
			t.Fatalf("dashboard after the configuration changed differs:\n got %s\nwant %s", got, want)
		}
		if got := previous(t, d, report.ComplaintRate); got != 100 {
			t.Fatalf("March complaint rate %v, want 100 (both are 技术咨询 now)", got)
		}
	})

	t.Run("ReportsAgree", func(t *testing.T) {
		live, err := s.LiveReport(ctx, report.KindMonthly, "2024-04", "")
		if err != nil {
			t.Fatal(err)
		}
		m := live.Monthly
		if m == nil {
			t.Fatal("no monthly report")
		}
		for _, r := range m.Indicators {
			if r.ID == report.Received && val(r.Previous) != 2 {
				t.Fatalf("monthly report's March received %v, want 2", val(r.Previous))
			}
		}
	})

	t.Run("ReadOnlyKeepsNothing", func(t *testing.T) {
		clk.Add(24 * time.Hour)
		may, _ := report.ParseMonth("2024-05", time.Local)
		before := kept(t, s)
		s.SetReadOnly(true)
		defer s.SetReadOnly(false)
		d := dashboard(t, s, may, "")
		if got, want := withoutRisks(t, d), fromEveryRow(t, s, may, ""); got != want {
			t.Fatalf("read-only dashboard differs:\n got %s\nwant %s", got, want)
		}
		if after := kept(t, s); len(after) != len(before) {
			t.Fatalf("a read-only store kept sums: %v", after)
		}
	})
}

func contains(list []string, suffix string) bool {
	for _, s := range list {
		if len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix {
			return true
		}
	}
	return false
}

// TestSumsTriggers writes measure rows directly and checks which kept sums
// each change drops, and that sums made before a change are not kept.
func TestSumsTriggers(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	req := mustRequest(t, s, fields(c, "咨询系统对接方案"))
	month := func(m time.Month) report.Period { return report.Month(2024, m, time.Local) }
	keep := func(dept string, p report.Period) {
		t.Helper()
		seq, err := s.MetricChanges(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.KeepSums(ctx, seq, dept, p, report.Sums{M: make([]report.Sum, len(report.Measures))})
	}
	write := func(r report.Row) {
		t.Helper()
		if err := s.WriteMetricRow(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	row := func(received time.Time, st request.Status, dept string) report.Row {
		return report.Row{RequestID: req.ID, Number: req.Number, Title: "咨询系统对接方案", Received: received,
			Status: st, Department: dept}
	}
	key := func(dept string, p report.Period) string {
		return fmt.Sprintf("%s %d %d", dept, p.From.Unix(), p.To.Unix())
	}
	reset := func() {
		t.Helper()
		for _, m := range []time.Month{time.January, time.February, time.March} {
			keep("", month(m))
			keep("客服部", month(m))
			keep("技术支持部", month(m))
		}
		keep("", report.Quarter(2024, 1, time.Local))
	}
	jan := month(time.January).From.Add(48 * time.Hour)
	feb := month(time.February).From.Add(48 * time.Hour)

	cases := []struct {
		name    string
		first   report.Row // written before the sums are kept
		then    report.Row
		dropped []string
	}{
		{"OpenStaysOpen", row(jan, request.StatusAnalysis, "客服部"), row(jan, request.StatusHandling, "客服部"), nil},
		{"Closing", row(jan, request.StatusFeedback, "客服部"), row(jan, request.StatusArchived, "客服部"),
			[]string{key("", month(time.January)), key("", report.Quarter(2024, 1, time.Local)), key("客服部", month(time.January))}},
		{"ClosedUnchanged", row(jan, request.StatusArchived, "客服部"), row(jan, request.StatusArchived, "客服部"), nil},
		{"ClosedMovesMonthAndDepartment", row(jan, request.StatusArchived, "客服部"), row(feb, request.StatusArchived, "技术支持部"),
			[]string{key("", month(time.January)), key("", month(time.February)), key("", report.Quarter(2024, 1, time.Local)),
				key("客服部", month(time.January)), key("技术支持部", month(time.February))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			write(tc.first)
			reset()
			before := kept(t, s)
			if len(before) != 10 {
				t.Fatalf("kept %d sums, want 10: %v", len(before), before)
			}
			write(tc.then)
			after := map[string]bool{}
			for _, k := range kept(t, s) {
				after[k] = true
			}
			var dropped []string
			for _, k := range before {
				if !after[k] {
					dropped = append(dropped, k)
				}
			}
			slices.Sort(dropped)
			want := slices.Clone(tc.dropped)
			slices.Sort(want)
			if !slices.Equal(dropped, want) {
				t.Fatalf("dropped %v, want %v", dropped, tc.dropped)
			}
		})
	}

	t.Run("MadeBeforeAChangeAreNotKept", func(t *testing.T) {
		write(row(jan, request.StatusArchived, "客服部"))
		reset()
		seq, _ := s.MetricChanges(ctx)
		march := month(time.March)
		if err := s.Exec(ctx, `DELETE FROM metric_sums`); err != nil {
			t.Fatal(err)
		}
		write(row(feb, request.StatusArchived, "客服部")) // a change after the rows were read
		s.KeepSums(ctx, seq, "", march, report.Sums{M: make([]report.Sum, len(report.Measures))})
		if k := kept(t, s); len(k) != 0 {
			t.Fatalf("sums made before a change were kept: %v", k)
		}
		s.KeepSums(ctx, seq+1, "", march, report.Sums{M: make([]report.Sum, len(report.Measures))})
		if k := kept(t, s); len(k) != 1 {
			t.Fatalf("sums made after the last change were not kept: %v", k)
		}
	})
}

// TestRebuildOnlyMissing: measure rows missing for some requests (an
// upgrade, rows written by hand) are derived for those requests alone, and
// equal the rows the store wrote.
func TestRebuildOnlyMissing(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	var ids []string
	for i := range 5 {
		f := &flow{t: t, s: s, req: mustRequest(t, s, fields(c, fmt.Sprintf("系统对接问题 %d", i)))}
		if i%2 == 0 {
			f.move(request.Move{Action: request.ActTriage, Department: "客服部"})
		}
		ids = append(ids, f.req.ID)
	}
	month := report.Month(now.Year(), now.Month(), time.Local)
	before, err := s.MetricRows(ctx, month.From, month.To, "")
	if err != nil || len(before) != 5 {
		t.Fatalf("%d rows before, %v", len(before), err)
	}
	if err := s.Exec(ctx, `DELETE FROM request_metrics WHERE req IN (SELECT seq FROM requests WHERE id IN (?, ?))`, ids[1], ids[3]); err != nil {
		t.Fatal(err)
	}
	n, err := s.RebuildMetrics(ctx)
	if err != nil || n != 2 {
		t.Fatalf("rebuilt %d rows, want the 2 missing: %v", n, err)
	}
	after, err := s.MetricRows(ctx, month.From, month.To, "")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(after)
	b, _ := json.Marshal(before)
	if string(a) != string(b) {
		t.Fatalf("rows after the rebuild differ:\n%s\n%s", a, b)
	}
	if n, err := s.RebuildMetrics(ctx); err != nil || n != 0 {
		t.Fatalf("a second rebuild wrote %d rows: %v", n, err)
	}
}

// TestMonthInProgress: on the 15th, March is compared with the 1st to the
// 15th of February, not all of it; the numbers equal every row's, and the
// sums of those days are kept and read again alike.
func TestMonthInProgress(t *testing.T) {
	s, clk, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	for _, day := range []int{5, 20} {
		clk.Set(time.Date(2024, 2, day, 10, 0, 0, 0, now.Location()))
		f := fields(c, "二月的需求")
		f.ReceivedAt = clk.Now().Add(-time.Hour)
		r := &flow{t: t, s: s, req: mustRequest(t, s, f)}
		r.move(request.Move{Action: request.ActCancel, Reason: "客户撤回"})
	}
	clk.Set(now) // 15 March
	march, err := report.ParseMonth("2024-03", now.Location())
	if err != nil {
		t.Fatal(err)
	}
	first := dashboard(t, s, march, "")
	if !first.InProgress || first.Previous.Label != "2024年2月1日至15日" {
		t.Fatalf("in progress %v, compared with %q", first.InProgress, first.Previous.Label)
	}
	if got := previous(t, first, report.Received); got != 1 {
		t.Errorf("received in February's first 15 days = %v, want 1", got)
	}
	if got, want := withoutRisks(t, first), fromEveryRow(t, s, march, ""); got != want {
		t.Fatalf("dashboard differs from every row's:\n got %s\nwant %s", got, want)
	}
	if again := dashboard(t, s, march, ""); withoutRisks(t, again) != withoutRisks(t, first) {
		t.Fatal("the dashboard from kept sums differs from the first")
	}
}

// TestOpenTrusted: a file opened as trusted (as the last clean close left
// it) is not searched for requests without derived rows at opening, so
// RebuildMetrics finds them afterwards; Open finds them at once.
func TestOpenTrusted(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "系统对接问题"))
	if err := s.Exec(ctx, `DELETE FROM request_metrics WHERE req = (SELECT seq FROM requests WHERE id = ?)`, r.ID); err != nil {
		t.Fatal(err)
	}
	s.Close()
	trusted, err := store.OpenTrusted(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := trusted.RebuildMetrics(ctx); err != nil || n != 1 {
		t.Fatalf("after a trusted opening RebuildMetrics made %d rows, want the 1 missing: %v", n, err)
	}
	if err := trusted.Exec(ctx, `DELETE FROM request_metrics WHERE req = (SELECT seq FROM requests WHERE id = ?)`, r.ID); err != nil {
		t.Fatal(err)
	}
	trusted.Close()
	plain, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if n, err := plain.RebuildMetrics(ctx); err != nil || n != 0 {
		t.Fatalf("Open left %d rows to make: %v", n, err)
	}
}
