package report_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/report"
)

func TestVerdict(t *testing.T) {
	yes, no := true, false
	target := &report.Target{Op: ">=", Value: 85}
	tests := []struct {
		name string
		a    report.Attainment
		want string
	}{
		{"no target", report.Attainment{}, ""},
		{"no target, met set", report.Attainment{Met: &yes}, ""},
		{"nothing to judge by", report.Attainment{Target: target}, "无法判定"},
		{"met", report.Attainment{Target: target, Met: &yes}, "达标"},
		{"missed", report.Attainment{Target: target, Met: &no}, "未达标"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Verdict(); got != tt.want {
				t.Errorf("Verdict() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAttainExplainEndsWithVerdict(t *testing.T) {
	rate := report.Def{ID: report.OnTimeDelivery, Name: "按时交付率", Unit: "%"}
	c := report.Config{Targets: map[report.MeasureID]report.Target{report.OnTimeDelivery: {Op: ">=", Value: 85}}}
	num := func(x float64) report.Value { return report.Value{Value: &x} }
	tests := []struct {
		name string
		v    report.Value
		want string
	}{
		{"met", num(90), "达标"},
		{"missed", num(80), "未达标"},
		{"nothing", report.Value{}, "无法判定"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Attain(rate, tt.v, report.Value{}).Verdict(); got != tt.want {
				t.Errorf("Attain(%s).Verdict() = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
