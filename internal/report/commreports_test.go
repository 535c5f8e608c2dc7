package report_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/sla"
)

func TestPhases(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	y, err := report.ParseFor(report.KindAnnual, "2026", cst)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := y.Previous().Key, "2025"; got != want {
		t.Errorf("previous year %s, want %s", got, want)
	}
	tests := []struct{ key, label string }{
		{"2026-01-01~2026-02-28", "短期（1-2月）"},
		{"2026-03-01~2026-06-30", "中期（3-6月）"},
		{"2026-07-01~2026-12-31", "长期（7-12月）"},
	}
	for i, ph := range report.Phases(y) {
		if ph.Period.Key != tests[i].key || ph.Period.Label != tests[i].label {
			t.Errorf("phase %d: %s %s, want %s %s", i, ph.Period.Key, ph.Period.Label, tests[i].key, tests[i].label)
		}
		if got, want := ph.Period.YearEarlier().Key[:4], "2025"; got != want {
			t.Errorf("phase %d a year earlier: %s", i, ph.Period.YearEarlier().Key)
		}
	}
	for _, bad := range []string{"2026-10", "26", "1999"} {
		if _, err := report.ParseFor(report.KindAnnual, bad, cst); err == nil {
			t.Errorf("annual period %q accepted", bad)
		}
	}
	for _, ok := range []string{"2026-10", "2026Q3"} {
		if _, err := report.ParseFor(report.KindDiagnosis, ok, cst); err != nil {
			t.Errorf("diagnosis period %q: %v", ok, err)
		}
	}
}

func TestLimitText(t *testing.T) {
	tests := []struct {
		limit sla.Limit
		want  string
	}{
		{sla.Limit{Amount: 3, Unit: sla.UnitMinutes, Clock: sla.ClockWorking}, "3 分钟（工作时间）"},
		{sla.Limit{Amount: 24, Unit: sla.UnitHours, Clock: sla.Clock24x7}, "24 小时"},
		{sla.Limit{Amount: 15, Unit: sla.UnitSeconds, Clock: sla.Clock24x7}, "15 秒"},
		{sla.Limit{Amount: 3, Unit: sla.UnitDays, Clock: sla.ClockWorking}, "3 个工作日"},
		{sla.Limit{}, ""},
	}
	for _, tt := range tests {
		if got := report.LimitText(tt.limit); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.limit, got, tt.want)
		}
	}
}

// TestDiagnosisWithoutDatabase builds the diagnosis from rows and facts:
// two 在线客服 requests answered in 2 and 10 minutes (the second late), four
// records of which three complete, two checks of which one passed.
func TestDiagnosisWithoutDatabase(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	p := report.Month(2026, time.March, cst)
	at := func(h, m int) time.Time { return time.Date(2026, 3, 2, h, m, 0, 0, cst) }
	row := func(id string, rec, resp time.Time) report.Row {
		due := rec.Add(3 * time.Minute)
		return report.Row{RequestID: id, Received: rec, Responded: resp, Channel: "在线客服", Status: "analysis",
			Clocks: []report.Clock{{Kind: sla.KindChannelRespond, Due: due, Done: resp}}}
	}
	in := report.Input{Period: p, Now: at(18, 0), Config: report.DefaultConfig(),
		Rows: []report.Row{row("a", at(9, 0), at(9, 2)), row("b", at(10, 0), at(10, 10))}}
	cm := report.CommInput{Limits: sla.DefaultChannelLimits(),
		Records: []report.RecordFact{{Channel: "电话", With: true, Summary: true, NextStep: true}, {Channel: "电话", With: true, Summary: true},
			{Channel: "邮件", With: true, Summary: true, NextStep: true}, {Channel: "邮件", With: true, Summary: true, NextStep: true}},
		Checks: []report.CheckFact{{Channel: "电话", Passed: true, Scores: []report.PointScore{{Label: "问候语规范", Max: 5, Score: 5}}},
			{Channel: "电话", Passed: false, Rect: "closed", Scores: []report.PointScore{{Label: "问候语规范", Max: 5, Score: 2}}}},
		Complaints: []report.ComplaintFact{{Cause: "quality"}, {Cause: "quality"}, {Cause: "other"}}}
	d := report.BuildDiagnosis(in, cm, report.Texts{})
	var online report.ChannelResponse
	for _, c := range d.Channels {
		if c.Channel == "在线客服" {
			online = c
		}
	}
	if online.Met != 1 || online.Measured != 2 || *online.Rate != 50 || *online.AvgHours != 0.1 {
		t.Errorf("在线客服 %+v", online)
	}
	if got := d.RecordTotal; got.Records != 4 || got.Complete != 3 || *got.Rate != 75 {
		t.Errorf("records %+v", got)
	}
	if len(d.Missing) != 1 || d.Missing[0] != (report.Count{Key: report.MissingNextStep, Count: 1}) {
		t.Errorf("missing %+v", d.Missing)
	}
	if c := d.Checks; c.Scored != 2 || c.Passed != 1 || *c.Rate != 50 || c.RectOpened != 1 || c.RectClosed != 1 || *c.Points[0].Share != 70 {
		t.Errorf("checks %+v %+v", c, c.Points)
	}
	if d.Causes[0] != (report.Count{Key: "处理质量", Count: 2}) {
		t.Errorf("causes %+v", d.Causes)
	}
}

func TestAddQuality(t *testing.T) {
	v := func(num, den int) report.QualityValue {
		return report.QualityValue{ID: "check_pass_rate", Name: "抽检合格率", Target: 90, Num: num, Den: den}
	}
	got := report.AddQuality([]report.QualityValue{v(3, 4)}, nil, []report.QualityValue{v(6, 6)})
	if len(got) != 1 || got[0].Num != 9 || got[0].Den != 10 || *got[0].Value != 90 || !*got[0].Met {
		t.Errorf("3/4 + 6/6: %+v", got)
	}
	if got := report.AddQuality([]report.QualityValue{v(0, 0)}); got[0].Value != nil || got[0].Met != nil {
		t.Errorf("0/0: %+v", got[0])
	}
}
