package report

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Phase is one stage of plan 004's programme year: the short term (months
// 1-2), the medium term (3-6) and the long term (7-12).
type Phase struct {
	Key    string `json:"key"` // short, medium, long
	Name   string `json:"name"`
	Period Period `json:"period"`
}

// Phases cuts year y into plan 004's three stages.
func Phases(year Period) []Phase {
	loc := year.From.Location()
	cut := func(key, name string, from, to int) Phase {
		f := year.From.AddDate(0, from-1, 0)
		t := year.From.AddDate(0, to, 0).AddDate(0, 0, -1)
		p, _ := ParseRange(f.Format("2006-01-02"), t.Format("2006-01-02"), loc)
		p.Label = fmt.Sprintf("%s（%d-%d月）", name, from, to)
		return Phase{Key: key, Name: name, Period: p}
	}
	return []Phase{cut("short", "短期", 1, 2), cut("medium", "中期", 3, 6), cut("long", "长期", 7, 12)}
}

// AnnualGoals are plan 004's goals the annual evaluation judges, each a
// measure with its target (Config.Targets): the programme's own measures
// (Plan004), then the targets it sets for the whole response (response
// time −50%, solution rate, on-time delivery, feedback response,
// satisfaction, complaints −40%) and its channel and hand-over standards.
var AnnualGoals = append(slices.Clone(Plan004), ResponseHours, ResolutionRate, OnTimeDelivery, FeedbackRate, SatisfiedRate,
	ComplaintRate, OnTimeChannelRespond, OnTimeHandover, OnTimeHandoverAnswer)

// Reached is a goal's value over one stretch of the year and how it stands
// against its target.
type Reached struct {
	Value      Value      `json:"value"`
	Baseline   Value      `json:"baseline"`
	Attainment Attainment `json:"attainment"`
}

// Goal is one of plan 004's goals over the year: by stage, over the whole
// year, and month by month.
type Goal struct {
	Def
	Phases []Reached  `json:"phases"`
	Year   Reached    `json:"year"`
	Months []*float64 `json:"months"`
	Target Attainment `json:"target"` // the target in words (Text), whatever the value
	Record bool       `json:"record"` // measured over communication records (internal/comm)
}

// Annual is plan 004's 《年度效果评估报告》: the goals of the short, medium
// and long term against what was reached, month by month, the problems
// found (computed, and Texts.Problems written by the issuer) and next
// year's measures (Texts.Measures).
type Annual struct {
	Period     Period       `json:"period"`
	Department string       `json:"department"`
	Generated  time.Time    `json:"generated"`
	Phases     []Phase      `json:"phases"`
	Goals      []Goal       `json:"goals"`
	Months     []MonthPoint `json:"months"`
	Received   int          `json:"received"`
	// Complaints are the year's complaints by cause, Channels the year's
	// response per channel against the standard.
	Complaints []Count           `json:"complaints"`
	Channels   []ChannelResponse `json:"channels"`
	Findings   []string          `json:"findings"`
	Texts      Texts             `json:"texts"`
}

// AnnualInput is what the annual evaluation reads: the rows received from
// the start of the year before to the end of the year (relative targets
// compare with a year earlier), the communication-quality measures of
// every month, stage and the year, the year's complaints, and the channel
// limits.
type AnnualInput struct {
	Input
	// Quality are the record measures by period key; Comm.Complaints the
	// year's complaints and Comm.Limits the channel limits.
	Quality map[string][]QualityValue
	Comm    CommInput
}

// BuildAnnual computes the annual evaluation.
func BuildAnnual(in AnnualInput, texts Texts) Annual {
	c := &Context{Now: in.Now, Config: in.Config}
	y := in.Period
	rows := sorted(in.Rows)
	sums := map[string]Sums{}
	sumOf := func(p Period) Sums {
		s, ok := sums[p.Key]
		if !ok {
			s = Summarize(In(rows, p), c)
			sums[p.Key] = s
		}
		return s
	}
	a := Annual{Period: y, Department: in.Department, Generated: in.Now, Phases: Phases(y), Texts: texts}
	a.Received = sumOf(y).Rows
	months := y.Months(12)
	a.Months = monthPoints(months, func() []Sums {
		out := make([]Sums, len(months))
		for i, m := range months {
			out[i] = sumOf(m)
		}
		return out
	}())
	for _, id := range AnnualGoals {
		d, record := goalDef(id)
		if d.ID == "" {
			continue
		}
		value := func(p Period) Value {
			if record {
				return qualityValue(in.Quality[p.Key], id)
			}
			return sumOf(p).Value(id)
		}
		reached := func(p Period) Reached {
			r := Reached{Value: value(p)}
			if !record {
				r.Baseline = sumOf(p.YearEarlier()).Value(id)
			}
			r.Attainment = in.Config.Attain(d, r.Value, r.Baseline)
			return r
		}
		g := Goal{Def: d, Record: record, Year: reached(y)}
		g.Target = g.Year.Attainment
		for _, ph := range a.Phases {
			g.Phases = append(g.Phases, reached(ph.Period))
		}
		for _, m := range months {
			g.Months = append(g.Months, value(m).Value)
		}
		a.Goals = append(a.Goals, g)
	}
	a.Complaints = countBy(in.Comm.Complaints, func(f ComplaintFact) string { return label(ComplaintCauses, f.Cause) })
	a.Channels = channelResponses(In(rows, y), in.Comm.Limits, c)
	a.Findings = annualFindings(a)
	return a
}

// goalDef finds a goal's definition, and whether it is measured over
// communication records (RecordMeasures).
func goalDef(id MeasureID) (Def, bool) {
	d, _ := Lookup(id)
	return d, d.Records
}

func qualityValue(qs []QualityValue, id MeasureID) Value {
	for _, q := range qs {
		if q.ID == string(id) {
			return Value{ID: id, Value: q.Value, N: q.Den, Hits: q.Num}
		}
	}
	return Value{ID: id}
}

func annualFindings(a Annual) []string {
	var out []string
	for _, g := range a.Goals {
		at := g.Year.Attainment
		if at.Met == nil || *at.Met {
			continue
		}
		s := fmt.Sprintf("%s全年 %s，未达到目标（%s）", g.Name, Format(g.Def, g.Year.Value.Value), at.Text)
		var missed []string
		for i, ph := range g.Phases {
			if ph.Attainment.Met != nil && !*ph.Attainment.Met {
				missed = append(missed, a.Phases[i].Name)
			}
		}
		if len(missed) > 0 {
			s += "；未达标的阶段：" + strings.Join(missed, "、")
		}
		out = append(out, s+"。")
	}
	if n := sumCounts(a.Complaints); n > 0 {
		top := a.Complaints[:min(3, len(a.Complaints))]
		var parts []string
		for _, c := range top {
			parts = append(parts, fmt.Sprintf("“%s”%d 件", c.Key, c.Count))
		}
		out = append(out, fmt.Sprintf("全年登记投诉 %d 件，最多的原因是%s。", n, strings.Join(parts, "、")))
	}
	for _, ch := range overLimit(a.Channels) {
		out = append(out, channelFinding(ch))
	}
	return out
}

func sumCounts(cs []Count) int {
	n := 0
	for _, c := range cs {
		n += c.Count
	}
	return n
}

// GoalVerdicts counts the goals met, missed and not judged over the year.
func (a Annual) GoalVerdicts() (met, missed, unknown int) {
	for _, g := range a.Goals {
		switch g.Year.Attainment.Verdict() {
		case VerdictMet:
			met++
		case VerdictMissed:
			missed++
		case VerdictUnknown:
			unknown++
		}
	}
	return
}
