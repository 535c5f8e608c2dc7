package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// generated is two years of requests up to the end of October 2026, open
// and closed, on every path the measures look at, from a fixed seed.
func generated(n int) []Row {
	rng := rand.New(rand.NewPCG(7, 11))
	start := at("2024-11-01 00:00")
	span := at("2026-11-01 00:00").Sub(start)
	statuses := []request.Status{request.StatusArchived, request.StatusArchived, request.StatusFeedback,
		request.StatusAnalysis, request.StatusImplementation, request.StatusRejected, request.StatusCancelled,
		request.StatusRegistered, request.StatusResultGiven, request.StatusOnHold}
	types := []string{"咨询", "投诉", "建议", "现有功能优化", "故障报修"}
	depts := []string{"客服部", "技术支持部", "实施部"}
	minutes := func(lo, hi int) time.Duration { return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Minute }
	rows := make([]Row, n)
	for i := range rows {
		recv := start.Add(time.Duration(rng.Int64N(int64(span)))).Truncate(time.Minute)
		r := Row{RequestID: fmt.Sprintf("g%d", i), Number: fmt.Sprintf("N%d", i), Title: "系统对接",
			Received: recv, Type: types[rng.IntN(len(types))], Channel: "电话", Department: depts[rng.IntN(len(depts))],
			Owner: "李娜", Status: statuses[rng.IntN(len(statuses))], Reopens: rng.IntN(4) / 3, Contacts: rng.IntN(4)}
		r.Assigned = recv.Add(minutes(1, 120))
		if rng.IntN(5) > 0 {
			r.Responded = recv.Add(minutes(5, 600))
		}
		due := recv.Add(minutes(60, 5000))
		resolve := Clock{Kind: sla.KindResolve, Due: due}
		if r.Status.Closed() || rng.IntN(2) == 0 {
			r.Resolved = recv.Add(minutes(30, 8000))
			r.ResultGiven = r.Resolved.Add(minutes(0, 60))
			r.HandedOver = r.ResultGiven
			resolve.Done = r.Resolved
			if rng.IntN(3) == 0 {
				r.Delivered = r.Resolved
				r.Implemented = true
				if rng.IntN(2) == 0 {
					r.Promised = r.Resolved.AddDate(0, 0, rng.IntN(3)-1).Format("2006-01-02")
				}
			}
			if rng.IntN(4) > 0 {
				r.Surveyed = true
				if rng.IntN(3) > 0 {
					r.Feedback = &Scores{Timeliness: 1 + rng.IntN(5), Effectiveness: 1 + rng.IntN(5),
						Attitude: 1 + rng.IntN(5), Overall: 1 + rng.IntN(5), Solved: rng.IntN(4) > 0}
				}
			}
		}
		respond := Clock{Kind: sla.KindRespond, Due: recv.Add(minutes(30, 240))}
		if !r.Responded.IsZero() {
			respond.Done = r.Responded
		}
		r.Clocks = []Clock{respond, resolve}
		rows[i] = r
	}
	return rows
}

// split is what the store hands the builders: the period's rows, the open
// requests, and the sums of the closed requests of every compared period.
func split(rows []Row, p Period, c *Context) Input {
	in := Input{Period: p, Now: c.Now, Config: c.Config, Closed: map[string]Sums{}}
	var closed []Row
	for _, r := range rows {
		if p.Contains(r.Received) {
			in.Rows = append(in.Rows, r)
		}
		if r.Open() {
			in.Open = append(in.Open, r)
		} else {
			closed = append(closed, r)
		}
	}
	closed = sorted(closed)
	for _, q := range Compared(p, c.Now) {
		in.Closed[q.Key] = Summarize(In(closed, q), c)
	}
	return in
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The dashboard and both reports give the same numbers from kept sums of
// the closed requests plus the open ones as from every row.
func TestKeptSumsGiveTheSameNumbers(t *testing.T) {
	c := testContext()
	rows := generated(3000)
	open := 0
	for _, r := range rows {
		if r.Open() {
			open++
		}
	}
	if open < 300 || open > 2700 {
		t.Fatalf("%d of %d generated requests are open: the test needs both", open, len(rows))
	}
	full := func(p Period) Input {
		var opens []Row
		for _, r := range rows {
			if r.Open() {
				opens = append(opens, r)
			}
		}
		return Input{Period: p, Rows: rows, Open: opens, Now: c.Now, Config: c.Config}
	}
	for _, p := range []Period{Month(2026, time.October, time.UTC), Month(2026, time.March, time.UTC),
		Quarter(2026, 3, time.UTC), mustRange(t, "2026-09-10", "2026-10-20")} {
		t.Run(p.Key, func(t *testing.T) {
			in := split(rows, p, c)
			if len(in.Closed) == 0 {
				t.Fatal("no compared periods")
			}
			if got, want := asJSON(t, Build(in)), asJSON(t, Build(full(p))); got != want {
				t.Errorf("dashboard from kept sums differs:\n got %s\nwant %s", got, want)
			}
			if p.Kind == "range" {
				return
			}
			if got, want := asJSON(t, BuildMonthly(in, Texts{})), asJSON(t, BuildMonthly(full(p), Texts{})); got != want {
				t.Errorf("monthly report from kept sums differs:\n got %s\nwant %s", got, want)
			}
			if got, want := asJSON(t, BuildQuarterly(in, Texts{})), asJSON(t, BuildQuarterly(full(p), Texts{})); got != want {
				t.Errorf("quarterly report from kept sums differs:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func mustRange(t *testing.T, from, to string) Period {
	t.Helper()
	p, err := ParseRange(from, to, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A closed request counts the same whenever it is measured: what lets the
// store keep the sums of closed requests.
func TestClosedRowsTimeless(t *testing.T) {
	c := testContext()
	later := *c
	later.Now = c.Now.AddDate(3, 0, 0)
	earlier := *c
	earlier.Now = c.Now.AddDate(-3, 0, 0)
	checked := 0
	for _, r := range append(generated(2000), handBuilt()...) {
		if r.Live() {
			continue
		}
		checked++
		one := []Row{r}
		a, b, e := Summarize(one, c), Summarize(one, &later), Summarize(one, &earlier)
		if !reflect.DeepEqual(a, b) || !reflect.DeepEqual(a, e) {
			t.Fatalf("closed request %s counts differently with time:\n%+v\n%+v\n%+v", r.RequestID, e, a, b)
		}
	}
	if checked < 500 {
		t.Fatalf("only %d closed requests checked", checked)
	}
}

// TestSumsVersion guards the sums kept in databases: when the measures
// count a fixed set of rows differently, SumsVersion must change so that
// sums made by an older program are made again. Change both constants.
func TestSumsVersion(t *testing.T) {
	const version, digest = 3, "6ca9963ff1979e4d"
	b, err := MarshalSums(Summarize(generated(2000), testContext()))
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	got := hex.EncodeToString(h[:8])
	if got != digest || SumsVersion != version {
		t.Fatalf("the measures' sums of the fixed rows are %s (SumsVersion %d), recorded %s (version %d): "+
			"if a measure's definition changed, raise SumsVersion and record both here", got, SumsVersion, digest, version)
	}
}

func TestSumsRoundTrip(t *testing.T) {
	s := Summarize(generated(500), testContext())
	b, err := MarshalSums(s)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalSums(b)
	if err != nil || !reflect.DeepEqual(back, s) {
		t.Fatalf("round trip = %+v, %v; want %+v", back, err, s)
	}
	if _, err := UnmarshalSums([]byte(`{"rows":1,"solved":0,"m":{"received":[1,0,0]}}`)); err == nil {
		t.Fatal("sums lacking measures were read")
	}
	// Added to an empty set, sums stay what they were.
	var sum Sums
	sum.Add(s)
	if !reflect.DeepEqual(sum, s) {
		t.Fatal("adding to nothing changed the sums")
	}
	for _, id := range KPIs {
		d, _ := Lookup(id)
		if got, want := s.Value(id), d.Compute(generated(500), testContext()); !reflect.DeepEqual(got, want) {
			t.Errorf("%s from sums = %+v, computed = %+v", id, got, want)
		}
	}
}

func TestCompared(t *testing.T) {
	p := Month(2026, time.October, time.UTC)
	var keys []string
	for _, q := range Compared(p, p.To) {
		keys = append(keys, q.Key)
	}
	want := []string{"2026-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
		"2026-05", "2026-06", "2026-07", "2026-08"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("compared with %v, want %v", keys, want)
	}
	keys = nil
	for _, q := range Compared(Quarter(2026, 3, time.UTC), time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)) {
		keys = append(keys, q.Key)
	}
	// The quarter's own months are measured from its rows.
	want = []string{"2026Q2", "2025Q3", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
		"2026-05", "2026-06"}
	if !reflect.DeepEqual(keys, want) {
		t.Fatalf("quarter compared with %v, want %v", keys, want)
	}
}

// TestComparisonsInProgress: a month on its 3rd day is compared with the
// 1st to the 3rd of the month before and of a year earlier, and those
// periods are among the ones whose sums are kept; an ended month, or one on
// its last day, with the whole of them.
func TestComparisonsInProgress(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	oct := Month(2026, time.October, loc)
	third := time.Date(2026, 10, 3, 15, 0, 0, 0, loc)
	prev, base := oct.Comparisons(third)
	if got, want := prev.Key+" "+base.Key, "2026-09-01~2026-09-03 2025-10-01~2025-10-03"; got != want || !oct.InProgress(third) {
		t.Fatalf("comparisons on the 3rd = %s, want %s", got, want)
	}
	if prev.Label != "2026年9月1日至3日" || !prev.To.Equal(time.Date(2026, 9, 4, 0, 0, 0, 0, loc)) {
		t.Errorf("previous = %+v", prev)
	}
	keys := map[string]bool{}
	for _, q := range Compared(oct, third) {
		keys[q.Key] = true
	}
	if !keys[prev.Key] || !keys[base.Key] || !keys["2026-09"] {
		t.Errorf("compared %v lacks the same days or the trend month", keys)
	}
	for _, now := range []time.Time{time.Date(2026, 10, 31, 9, 0, 0, 0, loc), time.Date(2026, 11, 2, 0, 0, 0, 0, loc)} {
		if prev, base := oct.Comparisons(now); prev.Key != "2026-09" || base.Key != "2025-10" || oct.InProgress(now) {
			t.Errorf("comparisons at %v = %s, %s, want the whole months", now, prev.Key, base.Key)
		}
	}
	// The 31st of March against a February that has only 28 days: all of it.
	mar := Month(2026, time.March, loc)
	if prev, _ := mar.Comparisons(time.Date(2026, 3, 30, 9, 0, 0, 0, loc)); prev.Key != "2026-02" {
		t.Errorf("March 30th compared with %s, want all of February", prev.Key)
	}
}

// TestAttainExplains: every target says in plain words what it asks and
// how the value stands, or why it cannot be judged.
func TestAttainExplains(t *testing.T) {
	cfg := DefaultConfig()
	resp, _ := Lookup(ResponseHours)
	rate, _ := Lookup(OnTimeDelivery)
	num := func(x float64) Value { return Value{Value: &x, N: 3} }
	tests := []struct {
		name string
		d    Def
		v, b Value
		want string
	}{
		{"relative met", resp, num(2), num(4.5),
			"目标：平均响应时长与上年同期相比至少下降 50%（变化 = (本期 − 上年同期) ÷ 上年同期）。上年同期 4.5 小时，本期 2 小时，下降 55.6%，达标。"},
		{"relative without a year earlier", resp, num(2), Value{},
			"目标：平均响应时长与上年同期相比至少下降 50%（变化 = (本期 − 上年同期) ÷ 上年同期）。上年同期没有可比的数据（没有需求或为 0），算不出变化，所以无法判断。"},
		{"absolute missed", rate, num(80), Value{}, "目标：按时交付率不低于 85%。本期 80%，未达标。"},
		{"absolute without rows", rate, Value{}, Value{}, "目标：按时交付率不低于 85%。本期没有可计算的需求，无法判断。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cfg.Attain(tt.d, tt.v, tt.b).Explain; got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
