package report

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// handBuilt is a small October 2026 (and one September request) whose
// measures are worked out by hand in TestMeasuresByHand.
func handBuilt() []Row {
	return []Row{
		{ // R1: a consultation answered within the hour, solved at first contact, 5 points.
			RequestID: "r1", Number: "XR-2026-001", Title: "咨询系统对接方案", Received: at("2026-10-01 09:00"),
			Type: "咨询", Channel: "电话", Department: "客服部", Owner: "李娜", Status: request.StatusArchived,
			Assigned: at("2026-10-01 09:10"), Responded: at("2026-10-01 09:30"), Resolved: at("2026-10-01 11:00"),
			ResultGiven: at("2026-10-01 11:10"), HandedOver: at("2026-10-01 11:10"), Contacts: 1, Surveyed: true,
			Feedback: &Scores{Timeliness: 5, Effectiveness: 4, Attitude: 5, Overall: 5, Solved: true},
			Clocks: []Clock{
				{Kind: sla.KindRespond, Due: at("2026-10-01 10:00"), Done: at("2026-10-01 09:30")},
				{Kind: sla.KindResolve, Due: at("2026-10-01 13:00"), Done: at("2026-10-01 11:00")},
			},
		},
		{ // R2: a complaint, late on both clocks, reopened, the customer says not solved.
			RequestID: "r2", Number: "XR-2026-002", Title: "系统对接失败", Received: at("2026-10-02 10:00"),
			Type: "投诉", Channel: "邮件", Department: "客服部", Owner: "李娜", Status: request.StatusFeedback,
			Assigned: at("2026-10-02 10:30"), Responded: at("2026-10-02 12:00"), Resolved: at("2026-10-03 10:00"),
			ResultGiven: at("2026-10-03 10:30"), HandedOver: at("2026-10-03 10:30"), Contacts: 3, Reopens: 1, Surveyed: true,
			Feedback: &Scores{Timeliness: 2, Effectiveness: 3, Attitude: 4, Overall: 3},
			Clocks: []Clock{
				{Kind: sla.KindRespond, Due: at("2026-10-02 11:00"), Done: at("2026-10-02 12:00")},
				{Kind: sla.KindResolve, Due: at("2026-10-02 14:00"), Done: at("2026-10-03 10:00")},
			},
		},
		{ // R3: a suggestion still in analysis, its resolve clock breached by now.
			RequestID: "r3", Number: "XR-2026-003", Title: "系统对接报错", Received: at("2026-10-05 08:00"),
			Type: "建议", Channel: "电话", Department: "技术支持部", Owner: "王强", Status: request.StatusAnalysis,
			Assigned: at("2026-10-05 09:00"), Responded: at("2026-10-05 10:00"),
			CustomerValue: 4, BusinessValue: 5, CostDays: 10, HighValue: true, Assessments: 1,
			Clocks: []Clock{{Kind: sla.KindResolve, Due: at("2026-10-06 08:00")}},
		},
		{ // R4: a suggestion implemented and delivered a day after the promised date; no feedback could be had.
			RequestID: "r4", Number: "XR-2026-004", Title: "合同续签流程", Received: at("2026-10-10 10:00"),
			Type: "建议", Channel: "来访/面谈", Department: "技术支持部", Owner: "王强", Status: request.StatusArchived,
			Path: request.PathFull, Assigned: at("2026-10-10 10:00"), Responded: at("2026-10-10 11:00"),
			Resolved: at("2026-10-20 10:00"), ResultGiven: at("2026-10-20 10:00"), Delivered: at("2026-10-20 10:00"),
			Promised: "2026-10-19", HandedOver: at("2026-10-21 09:00"), Contacts: 4, Surveyed: true, Implemented: true,
			HighValue: true, Assessments: 2, Converted: true,
		},
		{ // R5: screened out as invalid.
			RequestID: "r5", Number: "XR-2026-005", Title: "合同续签", Received: at("2026-10-12 15:00"),
			Type: "咨询", Channel: "电话", Department: "客服部", Status: request.StatusRejected,
		},
		{ // R6: September, answered in an hour.
			RequestID: "r6", Number: "XR-2026-000", Title: "发票开具", Received: at("2026-09-15 09:00"),
			Type: "咨询", Channel: "电话", Department: "客服部", Status: request.StatusArchived,
			Assigned: at("2026-09-15 09:05"), Responded: at("2026-09-15 10:00"), Resolved: at("2026-09-15 11:00"),
			ResultGiven: at("2026-09-15 11:05"), HandedOver: at("2026-09-15 11:05"), Contacts: 1, Surveyed: true,
			Feedback: &Scores{Timeliness: 4, Effectiveness: 4, Attitude: 4, Overall: 4, Solved: true},
		},
	}
}

func testContext() *Context {
	cfg := DefaultConfig()
	cfg.Location = time.UTC
	return &Context{Now: at("2026-10-31 12:00"), Config: cfg}
}

func show(v *float64) string {
	if v == nil {
		return "nil"
	}
	return fmt.Sprintf("%g", *v)
}

func TestMeasuresByHand(t *testing.T) {
	c := testContext()
	oct := In(handBuilt(), Month(2026, time.October, time.UTC))
	if len(oct) != 5 {
		t.Fatalf("October has %d rows, want 5", len(oct))
	}
	want := []struct {
		id      MeasureID
		value   string
		n, hits int
	}{
		{Received, "5", 5, 0},
		// (0.5 + 2 + 2 + 1) / 4 hours.
		{ResponseHours, "1.38", 4, 0},
		// R1 09:10→11:10 = 2 h, R2 24 h, R4 240 h: 266 / 3.
		{HandlingHours, "88.67", 3, 0},
		// R1 met, R2 late, R3 breached by now.
		{OnTimeResolve, "33.3", 3, 1},
		{OnTimeRespond, "50", 2, 1},
		// Valid R1-R4; solved R1 (said solved) and R4 (no feedback against it).
		{ResolutionRate, "50", 4, 2},
		// Of R1 and R4 only R1 was solved in one contact.
		{FirstContactRate, "50", 2, 1},
		{Satisfaction, "4", 2, 0},
		{SatisfiedRate, "50", 2, 1},
		{ScoreTimeliness, "3.5", 2, 0},
		{ScoreEffect, "3.5", 2, 0},
		{ScoreAttitude, "4.5", 2, 0},
		// Ever resolved: R1, R2, R4; reopened: R2.
		{ReopenRate, "33.3", 3, 1},
		// R4 delivered on the 20th, promised the 19th.
		{OnTimeDelivery, "0", 1, 0},
		// Handed over R1, R2, R4, all followed up (R4 with the reason none was had).
		{FeedbackRate, "100", 3, 3},
		// High-value needs assessed: R3 (no improvement yet) and R4 (made into one).
		{ConversionRate, "50", 2, 1},
		{ComplaintRate, "20", 5, 1},
		// No clock of these kinds.
		{OnTimeSurvey, "nil", 0, 0},
	}
	for _, w := range want {
		d, ok := Lookup(w.id)
		if !ok {
			t.Fatalf("no measure %s", w.id)
		}
		got := d.Compute(oct, c)
		if show(got.Value) != w.value || got.N != w.n || got.Hits != w.hits {
			t.Errorf("%s (%s) = %s over %d with %d hits, want %s over %d with %d", w.id, d.Name, show(got.Value), got.N, got.Hits, w.value, w.n, w.hits)
		}
	}
}

func TestEveryMeasureDefined(t *testing.T) {
	seen := map[MeasureID]bool{}
	for _, d := range Measures {
		if seen[d.ID] {
			t.Errorf("%s defined twice", d.ID)
		}
		seen[d.ID] = true
		if d.Name == "" || d.Definition == "" || d.Unit == "" || d.In == nil {
			t.Errorf("%s lacks a name, definition, unit or selection", d.ID)
		}
		if d.Kind == KindRate && d.Hit == nil || d.Kind == KindAverage && d.Value == nil {
			t.Errorf("%s: a %s needs its hit or value", d.ID, d.Kind)
		}
	}
	for _, list := range [][]MeasureID{KPIs, GroupMeasures, MonthlyIndicators, QuarterlyIndicators} {
		for _, id := range list {
			if !seen[id] {
				t.Errorf("%s is listed but not defined", id)
			}
		}
	}
}

func TestTargets(t *testing.T) {
	c := testContext()
	rows := handBuilt()
	oct := Month(2026, time.October, time.UTC)
	in := Input{Period: oct, Rows: rows, Open: openOf(rows), Now: c.Now, Config: c.Config}
	d := Build(in)
	got := map[MeasureID]string{}
	for _, k := range d.KPIs {
		switch {
		case k.Attainment.Target == nil:
			got[k.ID] = "none"
		case k.Attainment.Met == nil:
			got[k.ID] = "unknown"
		case *k.Attainment.Met:
			got[k.ID] = "met"
		default:
			got[k.ID] = "missed"
		}
	}
	want := map[MeasureID]string{
		ResolutionRate: "missed", SatisfiedRate: "missed", OnTimeDelivery: "missed", FeedbackRate: "met",
		ConversionRate: "met", Received: "none", ReopenRate: "none",
		// Relative targets with nothing a year earlier cannot be judged.
		ResponseHours: "unknown", ComplaintRate: "unknown",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %s, want %s", id, got[id], w)
		}
	}
	// September had one request answered in an hour; October averages 1.38 h.
	for _, k := range d.KPIs {
		if k.ID == ResponseHours && (show(k.Previous.Value) != "1" || show(k.Value.Value) != "1.38") {
			t.Errorf("response hours %s against %s last month", show(k.Value.Value), show(k.Previous.Value))
		}
		if k.ID == Received && len(k.Trend) != TrendMonths {
			t.Errorf("trend has %d months", len(k.Trend))
		}
	}
	// A relative target: response time −50% against a year earlier.
	base := Row{RequestID: "b", Received: at("2025-10-08 09:00"), Responded: at("2025-10-08 13:00"), Status: request.StatusArchived}
	in.Rows = append(in.Rows, base)
	for _, k := range Build(in).KPIs {
		if k.ID != ResponseHours {
			continue
		}
		// 4 h a year ago, 1.38 h now: −65.5%, within −50%.
		if k.Attainment.Change == nil || show(k.Attainment.Change) != "-65.5" || k.Attainment.Met == nil || !*k.Attainment.Met {
			t.Errorf("relative response target: change %s met %v", show(k.Attainment.Change), k.Attainment.Met)
		}
		if k.Attainment.Text != "较上年同期 ≤ -50%" {
			t.Errorf("target text %q", k.Attainment.Text)
		}
	}
}

func openOf(rows []Row) []Row {
	var out []Row
	for _, r := range rows {
		if r.Open() {
			out = append(out, r)
		}
	}
	return out
}

func TestDashboardParts(t *testing.T) {
	c := testContext()
	rows := handBuilt()
	d := Build(Input{Period: Month(2026, time.October, time.UTC), Rows: rows, Open: openOf(rows), Now: c.Now, Config: c.Config})
	if want := []Count{{"咨询", 2}, {"建议", 2}, {"投诉", 1}}; !reflect.DeepEqual(d.Types, want) {
		t.Errorf("types %v, want %v", d.Types, want)
	}
	if d.OpenTotal != 2 {
		t.Errorf("open %d, want 2 (R2 awaiting feedback, R3 in analysis)", d.OpenTotal)
	}
	for _, b := range d.Backlog {
		want := 0
		if b.Stage == "feedback" || b.Stage == "analysis" {
			want = 1
		}
		if b.Count != want {
			t.Errorf("backlog %s = %d, want %d", b.Stage, b.Count, want)
		}
		if want == 1 && b.ByAge[3] != 1 { // received 26 and 29 days before now
			t.Errorf("backlog %s by age %v, want 7-30 days", b.Stage, b.ByAge)
		}
	}
	if len(d.Quadrant) != 1 || d.Quadrant[0].Number != "XR-2026-003" || d.Quadrant[0].BusinessValue != 5 {
		t.Errorf("quadrant %+v", d.Quadrant)
	}
	if len(d.Departments) != 2 || d.Departments[0].Key != "客服部" || show(d.Departments[0].Values[0].Value) != "3" || d.Departments[0].Open != 1 {
		t.Errorf("departments %+v", d.Departments)
	}
	if len(d.Months) != TrendMonths || d.Months[11].Key != "2026-10" || d.Months[11].Received != 5 || d.Months[10].Received != 1 {
		t.Errorf("months %+v", d.Months[10:])
	}
}

func TestDrillSelectsTheRowsBehindANumber(t *testing.T) {
	c := testContext()
	oct := In(handBuilt(), Month(2026, time.October, time.UTC))
	pick := func(dr request.Drill) []string {
		var out []string
		for i := range oct {
			if Selects(dr, &oct[i], c) {
				out = append(out, oct[i].Number)
			}
		}
		return out
	}
	cases := []struct {
		dr   request.Drill
		want []string
	}{
		{request.Drill{Measure: string(ResolutionRate), Part: "miss"}, []string{"XR-2026-002", "XR-2026-003"}},
		{request.Drill{Measure: string(ResolutionRate), Part: "hit"}, []string{"XR-2026-001", "XR-2026-004"}},
		{request.Drill{Measure: string(OnTimeResolve), Part: "in"}, []string{"XR-2026-001", "XR-2026-002", "XR-2026-003"}},
		{request.Drill{Dim: "type", Key: "建议"}, []string{"XR-2026-003", "XR-2026-004"}},
		{request.Drill{Dim: "department", Key: "客服部", Measure: string(SatisfiedRate), Part: "miss"}, []string{"XR-2026-002"}},
		{request.Drill{Dim: "stage", Key: "analysis"}, []string{"XR-2026-003"}},
		{request.Drill{Dim: "term", Key: "系统对接"}, []string{"XR-2026-001", "XR-2026-002", "XR-2026-003"}},
	}
	for _, cs := range cases {
		if got := pick(cs.dr); !reflect.DeepEqual(got, cs.want) {
			t.Errorf("%+v selects %v, want %v", cs.dr, got, cs.want)
		}
	}
}

func TestTopTerms(t *testing.T) {
	titles := []string{"咨询系统对接方案", "系统对接失败", "系统对接报错", "合同续签", "合同续签流程", "ERP 接口超时", "erp接口对接"}
	// 对接 is in four titles, 系统对接 in three of them: both stand; 统对接
	// and 系统 give way to 系统对接, which holds them as often.
	got := TopTerms(titles, 5)
	want := []Term{{"对接", 4}, {"系统对接", 3}, {"合同续签", 2}, {"erp", 2}, {"接口", 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("TopTerms = %v, want %v", got, want)
	}
}

func TestPeriods(t *testing.T) {
	loc := time.UTC
	q, err := ParseQuarter("2026Q3", loc)
	if err != nil || q.From != at("2026-07-01 00:00") || q.To != at("2026-10-01 00:00") || q.Label != "2026年第三季度" {
		t.Fatalf("quarter %+v %v", q, err)
	}
	if p := q.Previous(); p.Key != "2026Q2" {
		t.Errorf("previous of Q3 is %s", p.Key)
	}
	if p := Quarter(2026, 1, loc).Previous(); p.Key != "2025Q4" {
		t.Errorf("previous of 2026Q1 is %s", p.Key)
	}
	m, _ := ParseMonth("2026-01", loc)
	if m.Previous().Key != "2025-12" || m.YearEarlier().Key != "2025-01" {
		t.Errorf("month neighbours %s %s", m.Previous().Key, m.YearEarlier().Key)
	}
	if ms := m.Months(3); ms[0].Key != "2025-11" || ms[2].Key != "2026-01" {
		t.Errorf("months %v", ms)
	}
	for _, bad := range []string{"2026-13", "2026Q5", "26-10", "", "1999-01", "2026-10-01~2026-09-01"} {
		if _, err := Parse(bad, loc); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
	r, err := Parse("2026-10-01~2026-10-15", loc)
	if err != nil || r.To != at("2026-10-16 00:00") || r.Previous().Key != "2026-09-16~2026-09-30" {
		t.Errorf("range %+v %v prev %s", r, err, r.Previous().Key)
	}
}

func TestMonthlyReport(t *testing.T) {
	c := testContext()
	rows := handBuilt()
	texts := Texts{Proposals: map[string]string{"系统对接": "编写对接指南，提供测试环境"}}
	m := BuildMonthly(Input{Period: Month(2026, time.October, time.UTC), Rows: rows, Open: openOf(rows), Now: c.Now, Config: c.Config}, texts)
	if m.Due != "2026-11-05" || m.Received != 5 {
		t.Errorf("due %s received %d", m.Due, m.Received)
	}
	if len(m.Problems) < 1 || m.Problems[0].Term != "系统对接" || m.Problems[0].Proposal != "编写对接指南，提供测试环境" ||
		!reflect.DeepEqual(m.Problems[0].Examples, []string{"XR-2026-001", "XR-2026-002", "XR-2026-003"}) {
		t.Errorf("problems %+v", m.Problems)
	}
	want := "2026年10月共受理客户需求 5 条，以“咨询”类最多（2 条，占 40.0%）。平均处理时长 88.7 小时，较上月上升 4333.5%；首次解决率 50.0%，较上月下降 50.0 个百分点；满意率 50.0%，较上月下降 50.0 个百分点。" +
		"未达目标的指标：问题解决率、满意率。集中反映的问题有“系统对接”（3 条）、“合同续签”（2 条）。"
	if m.Summary != want {
		t.Errorf("summary\n got %s\nwant %s", m.Summary, want)
	}
}

func TestQuarterlyFindings(t *testing.T) {
	c := testContext()
	rows := handBuilt()
	q := BuildQuarterly(Input{Period: Quarter(2026, 4, time.UTC), Rows: rows, Now: c.Now, Config: c.Config}, Texts{})
	if q.Previous.Key != "2026Q3" || len(q.Months) != 3 {
		t.Fatalf("previous %s months %d", q.Previous.Key, len(q.Months))
	}
	found := map[string]bool{}
	for _, f := range q.Findings {
		found[f] = true
	}
	for _, w := range []string{"问题解决率为 50.0%，未达到目标（≥ 95%）。", "按时交付率为 0.0%，未达到目标（≥ 85%）。"} {
		if !found[w] {
			t.Errorf("finding %q missing from %q", w, q.Findings)
		}
	}
}

func TestConfigValidation(t *testing.T) {
	bad := []Config{
		{Targets: map[MeasureID]Target{"nonsense": {Op: ">=", Value: 1}}},
		{Targets: map[MeasureID]Target{ResolutionRate: {Op: "==", Value: 1}}},
		{Targets: map[MeasureID]Target{ResolutionRate: {Op: ">=", Value: 120}}},
		{Targets: map[MeasureID]Target{Received: {Op: ">=", Value: 10}}},
		{ImprovementTypes: []string{string(make([]rune, 41))}},
		{ComplaintTypes: []string{"不存在的类型"}},
		{ImprovementTypes: []string{"a\x00"}},
	}
	var lists vocab.Lists
	for _, s := range append(DefaultConfig().ImprovementTypes, DefaultConfig().ComplaintTypes...) {
		lists.Types = append(lists.Types, vocab.Item{Label: s, Active: true})
	}
	for _, c := range bad {
		if err := c.Normalize().Validate(lists); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if err := DefaultConfig().Normalize().Validate(lists); err != nil {
		t.Errorf("defaults refused: %v", err)
	}
}

// TestTopTermsAskedAgain: the answer kept for the last titles is the one
// for those titles only; one title changed changes it.
func TestTopTermsAskedAgain(t *testing.T) {
	titles := []string{"发票开具延迟", "发票开具延迟处理", "系统对接", "财务系统对接"}
	count := func(terms []Term, term string) int {
		for _, x := range terms {
			if x.Term == term {
				return x.Count
			}
		}
		return 0
	}
	first := TopTerms(titles, 10)
	again := TopTerms(titles, 10)
	if count(first, "发票开具延迟") != 2 || count(again, "发票开具延迟") != 2 || len(first) != len(again) {
		t.Fatalf("first %v, again %v", first, again)
	}
	changed := append([]string(nil), titles...)
	changed[2] = "发票开具延迟问题"
	if got := TopTerms(changed, 10); count(got, "发票开具延迟") != 3 {
		t.Fatalf("after a title changed: %v, want 发票开具延迟 in 3", got)
	}
	if got := TopTerms(titles, 1); len(got) != 1 {
		t.Fatalf("n 1: %v", got)
	}
}
