package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Target is what management expects of a measure. An absolute target is a
// bound on the value (on-time delivery ≥ 85%); a relative one is a bound on
// the change in percent against the same period a year earlier (response
// time −50%: Op "<=", Value -50).
type Target struct {
	Op       string  `json:"op"` // ">=" or "<="
	Value    float64 `json:"value"`
	Relative bool    `json:"relative"`
}

// Config is the reports' editable settings.
type Config struct {
	Targets map[MeasureID]Target `json:"targets"`
	// ImprovementTypes were the request types whose conversion into
	// implemented improvements was measured; 需求转化率 now reads the
	// quarterly value assessments of high-value needs, and the list is only
	// kept as stored. ComplaintTypes count as complaints.
	ImprovementTypes []string `json:"improvementTypes"`
	ComplaintTypes   []string `json:"complaintTypes"`
	// Plan004Targets: the configuration was saved knowing plan 004's
	// measures, so a target missing among them was removed on purpose
	// (see WithPlan004Targets).
	Plan004Targets bool `json:"plan004Targets"`
	// Location is the time zone periods are cut in; local time when nil.
	Location *time.Location `json:"-"`
}

// DefaultConfig carries the targets of plan 004 and manual 001.
func DefaultConfig() Config {
	return Config{
		Targets: map[MeasureID]Target{
			OnTimeDelivery: {Op: ">=", Value: 85},
			ResolutionRate: {Op: ">=", Value: 95},
			SatisfiedRate:  {Op: ">=", Value: 90},
			FeedbackRate:   {Op: ">=", Value: 100},
			ConversionRate: {Op: ">=", Value: 30},
			ResponseHours:  {Op: "<=", Value: -50, Relative: true},
			ComplaintRate:  {Op: "<=", Value: -40, Relative: true},
			// Plan 004's needs and communication measures.
			OnlineSatisfaction:  {Op: ">=", Value: 90},
			OfflineRecordRate:   {Op: ">=", Value: 95},
			CrossDeptHours:      {Op: "<=", Value: -60, Relative: true},
			IdentifyAccuracy:    {Op: ">=", Value: 90},
			KeyNeedMissRate:     {Op: "<=", Value: 5},
			CollectionCoverage:  {Op: ">=", Value: 100},
			ArchiveCompleteness: {Op: ">=", Value: 98},
			ScriptFitRate:       {Op: ">=", Value: 95},
			CheckPassRate:       {Op: ">=", Value: 90},
			RectificationRate:   {Op: ">=", Value: 100},
		},
		ImprovementTypes: []string{"建议", "新增功能需求", "现有功能优化", "服务流程改进"},
		ComplaintTypes:   []string{"投诉"},
		Plan004Targets:   true,
	}
}

// WithPlan004Targets gives a configuration saved before plan 004's
// measures existed their default targets; one saved since keeps what it
// says (a target removed stays removed).
func (c Config) WithPlan004Targets() Config {
	if c.Plan004Targets {
		return c
	}
	if c.Targets == nil {
		c.Targets = map[MeasureID]Target{}
	}
	def := DefaultConfig().Targets
	for _, id := range Plan004 {
		if _, ok := c.Targets[id]; !ok {
			if t, ok := def[id]; ok {
				c.Targets[id] = t
			}
		}
	}
	c.Plan004Targets = true
	return c
}

// Normalize trims the type lists and drops empty or repeated entries.
func (c Config) Normalize() Config {
	clean := func(in []string) []string {
		out := []string{}
		seen := map[string]bool{}
		for _, s := range in {
			s = strings.TrimSpace(s)
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		return out
	}
	c.ImprovementTypes, c.ComplaintTypes = clean(c.ImprovementTypes), clean(c.ComplaintTypes)
	if c.Targets == nil {
		c.Targets = map[MeasureID]Target{}
	}
	return c
}

// Validate checks a normalized config: targets only for known measures,
// with a known bound and a number that can be met; the type lists name
// request types of lists (retired ones too: old requests still have them).
func (c Config) Validate(lists vocab.Lists) error {
	var fe apperr.Fields
	for id, t := range c.Targets {
		field := "targets." + string(id)
		d, ok := Lookup(id)
		switch {
		case !ok || d.Kind == KindCount && !t.Relative:
			fe.Add(field, "not_in_list")
		case t.Op != ">=" && t.Op != "<=":
			fe.Add(field, "not_in_list")
		case t.Relative && !(t.Value >= -100 && t.Value <= 1000):
			fe.Range(field, -100, 1000)
		case !t.Relative && d.Kind == KindRate && !(t.Value >= 0 && t.Value <= 100):
			fe.Range(field, 0, 100)
		case !t.Relative && d.Kind == KindAverage && !(t.Value >= 0 && t.Value <= 100000):
			fe.Range(field, 0, 100000)
		case math.IsNaN(t.Value) || math.IsInf(t.Value, 0):
			fe.Add(field, "out_of_range")
		}
	}
	for _, list := range []struct {
		field string
		items []string
	}{{"improvementTypes", c.ImprovementTypes}, {"complaintTypes", c.ComplaintTypes}} {
		if len(list.items) > 50 {
			fe.AddParams(list.field, "too_many", map[string]any{"max": 50})
		}
		for _, s := range list.items {
			if found, _ := lists.Lookup(vocab.KindType, s); !found {
				fe.AddParams(list.field, "not_a_type", map[string]any{"type": s})
				break
			}
		}
	}
	return fe.Err()
}

// Attainment is a measure's value against its target.
type Attainment struct {
	Target *Target `json:"target"`
	// Met is nil when there is no target or nothing to judge it by.
	Met *bool `json:"met"`
	// Change is the change in percent against the baseline (a year earlier)
	// that a relative target is judged by.
	Change *float64 `json:"change"`
	// Text says the target in words: "≥ 85%", "较上年同期 ≤ -50%".
	Text string `json:"text"`
	// Explain says in plain words what the target asks and how the value
	// stands against it, or why it cannot be judged.
	Explain string `json:"explain"`
}

// Attain judges value v (and, for relative targets, the baseline b) against
// the target configured for d.
func (c Config) Attain(d Def, v, b Value) Attainment {
	t, ok := c.Targets[d.ID]
	if !ok {
		return Attainment{}
	}
	a := Attainment{Target: &t, Text: t.Describe(d)}
	a.Explain = t.asks(d)
	x := v.Value
	if t.Relative {
		switch {
		case v.Value == nil:
			a.Explain += "本期没有可计算的需求，无法判断。"
			return a
		case b.Value == nil || *b.Value == 0:
			a.Explain += "上年同期没有可比的数据（没有需求或为 0），算不出变化，所以无法判断。"
			return a
		}
		ch := round((*v.Value-*b.Value)*100 / *b.Value, 1)
		a.Change, x = &ch, &ch
		dir := "上升"
		if ch < 0 {
			dir = "下降"
		}
		a.Explain += fmt.Sprintf("上年同期 %s，本期 %s，%s %g%%，", amount(*b.Value, d.Unit), amount(*v.Value, d.Unit), dir, math.Abs(ch))
	} else if x != nil {
		a.Explain += fmt.Sprintf("本期 %s，", amount(*x, d.Unit))
	}
	if x == nil {
		a.Explain += "本期没有可计算的需求，无法判断。"
		return a
	}
	met := *x >= t.Value
	if t.Op == "<=" {
		met = *x <= t.Value
	}
	a.Met = &met
	a.Explain += a.Verdict() + "。"
	return a
}

// The verdicts of a measure against its target, as printed and exported.
const (
	VerdictMet     = "达标"
	VerdictMissed  = "未达标"
	VerdictUnknown = "无法判定"
)

// Verdict says how the value stands against its target: VerdictMet,
// VerdictMissed, VerdictUnknown when there is nothing to judge it by, and
// "" when the measure has no target.
func (a Attainment) Verdict() string {
	switch {
	case a.Target == nil:
		return ""
	case a.Met == nil:
		return VerdictUnknown
	case *a.Met:
		return VerdictMet
	}
	return VerdictMissed
}

// asks says what the target asks for in a sentence.
func (t Target) asks(d Def) string {
	if !t.Relative {
		bound := "不低于"
		if t.Op == "<=" {
			bound = "不高于"
		}
		return fmt.Sprintf("目标：%s%s %s。", d.Name, bound, amount(t.Value, d.Unit))
	}
	v := math.Abs(t.Value)
	var want string
	switch {
	case t.Op == "<=" && t.Value <= 0:
		want = fmt.Sprintf("至少下降 %g%%", v)
	case t.Op == "<=":
		want = fmt.Sprintf("上升不超过 %g%%", v)
	case t.Value >= 0:
		want = fmt.Sprintf("至少上升 %g%%", v)
	default:
		want = fmt.Sprintf("下降不超过 %g%%", v)
	}
	return fmt.Sprintf("目标：%s与上年同期相比%s（变化 = (本期 − 上年同期) ÷ 上年同期）。", d.Name, want)
}

// amount is a number with its unit.
func amount(x float64, unit string) string {
	if unit == "%" {
		return fmt.Sprintf("%g%%", round(x, 1))
	}
	return fmt.Sprintf("%g %s", round(x, 2), unit)
}

// Describe says the target in words.
func (t Target) Describe(d Def) string {
	op := "≥"
	if t.Op == "<=" {
		op = "≤"
	}
	if t.Relative {
		return fmt.Sprintf("较上年同期 %s %+g%%", op, t.Value)
	}
	unit := d.Unit
	if unit != "%" {
		unit = " " + unit
	}
	return fmt.Sprintf("%s %g%s", op, t.Value, unit)
}
