package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Report kinds.
const (
	KindMonthly   = "monthly"
	KindQuarterly = "quarterly"
	// KindDiagnosis is plan 004's 《客户沟通现状诊断报告》, KindAnnual its
	// 《年度效果评估报告》 (diagnosis.go, annual.go).
	KindDiagnosis = "diagnosis"
	KindAnnual    = "annual"
)

// Kinds are the reports' kinds.
var Kinds = []string{KindMonthly, KindQuarterly, KindDiagnosis, KindAnnual}

// WholeCompany reports whether reports of kind cover only the whole
// company: plan 004's diagnosis and annual evaluation, whose checks and
// scripts belong to no department.
func WholeCompany(kind string) bool { return kind == KindDiagnosis || kind == KindAnnual }

// CheckDepartment refuses a department for a report of the whole company.
func CheckDepartment(kind, dept string) error {
	if WholeCompany(kind) && dept != "" {
		var fe apperr.Fields
		fe.Add("department", "not_in_list")
		return fe.Err()
	}
	return nil
}

// Problem is a frequent problem of the month with the proposal written for it.
type Problem struct {
	Term     string   `json:"term"`
	Count    int      `json:"count"`
	Examples []string `json:"examples"` // request numbers
	Proposal string   `json:"proposal"`
}

// Texts are what people write into a report: the improvement proposal for
// each top problem (by term), and the quarterly report's problems found and
// improvement measures.
type Texts struct {
	Proposals map[string]string `json:"proposals"`
	Problems  string            `json:"problems"`
	Measures  string            `json:"measures"`
}

// MaxText is the longest text accepted in a report, in characters.
const MaxText = 5000

// Monthly is the monthly analysis report 《客户需求分析报告》.
type Monthly struct {
	Period     Period    `json:"period"`
	Department string    `json:"department"`
	Due        string    `json:"due"` // the 5th of the next month
	Generated  time.Time `json:"generated"`
	Received   int       `json:"received"`
	Types      []Count   `json:"types"`
	Channels   []Count   `json:"channels"`
	// Indicators are the month's key measures against the previous month.
	Indicators []Result     `json:"indicators"`
	Scores     []Result     `json:"scores"`
	Problems   []Problem    `json:"problems"`
	Summary    string       `json:"summary"`
	Backlog    []Backlog    `json:"backlog"`
	Months     []MonthPoint `json:"months"`
	Texts      Texts        `json:"texts"`
	Config     ConfigView   `json:"config"`
}

// ConfigView is the part of the configuration a report was made with.
type ConfigView struct {
	ImprovementTypes []string `json:"improvementTypes"`
	ComplaintTypes   []string `json:"complaintTypes"`
}

// MonthlyIndicators are the measures of the monthly report.
var MonthlyIndicators = []MeasureID{Received, HandlingHours, ResponseHours, FirstContactRate, ResolutionRate,
	Satisfaction, SatisfiedRate, OnTimeResolve, FeedbackRate}

// QuarterlyIndicators are the measures of the quarterly evaluation.
var QuarterlyIndicators = []MeasureID{Received, ResponseHours, HandlingHours, OnTimeRespond, OnTimeResolve,
	ResolutionRate, FirstContactRate, Satisfaction, SatisfiedRate, OnTimeDelivery, FeedbackRate, ConversionRate,
	ReopenRate, ComplaintRate, Complained, OnTimeComplaintAccept, OnTimeComplaintAnswer, OnTimeChannelRespond,
	OnTimeHandover, OnTimeHandoverAnswer}

// BuildMonthly computes the monthly report from rows (as for Build: from a
// year before the month to its end) and the texts written so far.
func BuildMonthly(in Input, texts Texts) Monthly {
	c := &Context{Now: in.Now, Config: in.Config}
	p := in.Period
	sm := newSummer(in, c)
	cur := In(sm.rows, p)
	curS, prevS, baseS := sm.of(p), sm.of(p.Previous()), sm.of(p.YearEarlier())
	m := Monthly{Period: p, Department: in.Department, Generated: in.Now, Received: len(cur),
		Due:    time.Date(p.To.Year(), p.To.Month(), 5, 0, 0, 0, 0, p.To.Location()).Format("2006-01-02"),
		Config: ConfigView{in.Config.ImprovementTypes, in.Config.ComplaintTypes}}
	m.Types = Distribution(cur, func(r *Row) string { return r.Type })
	m.Channels = Distribution(cur, func(r *Row) string { return r.Channel })
	for _, id := range MonthlyIndicators {
		m.Indicators = append(m.Indicators, Measure(id, curS, prevS, baseS, nil, c))
	}
	for _, id := range []MeasureID{ScoreTimeliness, ScoreEffect, ScoreAttitude} {
		m.Scores = append(m.Scores, Measure(id, curS, prevS, baseS, nil, c))
	}
	m.Problems = problems(cur, 3, texts)
	m.Texts = texts
	m.Backlog, _ = BacklogOf(in.Open, in.Now)
	monthPs := p.Months(6)
	m.Months = monthPoints(monthPs, sm.each(monthPs))
	m.Summary = monthlySummary(m)
	return m
}

// problems are the top-n recurring terms of the titles with the requests
// they come from and the proposals written for them.
func problems(rows []Row, n int, texts Texts) []Problem {
	var out []Problem
	for _, t := range TopTerms(titles(rows), n) {
		p := Problem{Term: t.Term, Count: t.Count, Proposal: texts.Proposals[t.Term]}
		for _, r := range rows {
			if strings.Contains(strings.ToLower(r.Title), t.Term) && len(p.Examples) < 5 {
				p.Examples = append(p.Examples, r.Number)
			}
		}
		out = append(out, p)
	}
	return out
}

// Indicator returns the report's result for a measure.
func indicator(rs []Result, id MeasureID) (Result, bool) {
	for _, r := range rs {
		if r.ID == id {
			return r, true
		}
	}
	return Result{}, false
}

// Format shows a value with its unit: "12.5%", "3.2 小时", "4.35 分", "120 条", or "—".
func Format(d Def, v *float64) string {
	if v == nil {
		return "—"
	}
	switch d.Unit {
	case "%":
		return fmt.Sprintf("%.1f%%", *v)
	case "条":
		return fmt.Sprintf("%.0f 条", *v)
	case "小时":
		return fmt.Sprintf("%.1f 小时", *v)
	}
	return fmt.Sprintf("%.2f %s", *v, d.Unit)
}

// Change says how a value moved against the previous one: "上升 2.5 个百分点",
// "下降 12.0%", "持平", or "" when either is missing.
func Change(d Def, cur, prev *float64) string {
	if cur == nil || prev == nil {
		return ""
	}
	diff := *cur - *prev
	if diff > -0.05 && diff < 0.05 {
		return "持平"
	}
	dir := "上升"
	if diff < 0 {
		dir, diff = "下降", -diff
	}
	if d.Unit == "%" {
		return fmt.Sprintf("%s %.1f 个百分点", dir, diff)
	}
	if *prev == 0 {
		return dir
	}
	return fmt.Sprintf("%s %.1f%%", dir, diff*100 / *prev)
}

func monthlySummary(m Monthly) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s共受理客户需求 %d 条", m.Period.Label, m.Received)
	if len(m.Types) > 0 && m.Received > 0 {
		t := m.Types[0]
		name := t.Key
		if name == "" {
			name = "未分类"
		}
		fmt.Fprintf(&b, "，以“%s”类最多（%d 条，占 %.1f%%）", name, t.Count, float64(t.Count)*100/float64(m.Received))
	}
	b.WriteString("。")
	var parts []string
	for _, id := range []MeasureID{HandlingHours, FirstContactRate, SatisfiedRate} {
		r, ok := indicator(m.Indicators, id)
		if !ok || r.Value.Value == nil {
			continue
		}
		s := r.Name + " " + Format(r.Def, r.Value.Value)
		if ch := Change(r.Def, r.Value.Value, r.Previous.Value); ch != "" {
			s += "，较上月" + ch
		}
		parts = append(parts, s)
	}
	if len(parts) > 0 {
		b.WriteString(strings.Join(parts, "；") + "。")
	}
	var missed []string
	for _, r := range m.Indicators {
		if r.Attainment.Met != nil && !*r.Attainment.Met {
			missed = append(missed, r.Name)
		}
	}
	if len(missed) > 0 {
		fmt.Fprintf(&b, "未达目标的指标：%s。", strings.Join(missed, "、"))
	}
	if len(m.Problems) > 0 {
		var ts []string
		for _, p := range m.Problems {
			ts = append(ts, fmt.Sprintf("“%s”（%d 条）", p.Term, p.Count))
		}
		fmt.Fprintf(&b, "集中反映的问题有%s。", strings.Join(ts, "、"))
	}
	if m.Received == 0 {
		return fmt.Sprintf("%s未受理客户需求。", m.Period.Label)
	}
	return b.String()
}

// Quarterly is the quarterly evaluation report 季度评估报告.
type Quarterly struct {
	Period     Period       `json:"period"`
	Previous   Period       `json:"previous"`
	Department string       `json:"department"`
	Generated  time.Time    `json:"generated"`
	Indicators []Result     `json:"indicators"`
	Scores     []Result     `json:"scores"`
	Months     []MonthPoint `json:"months"`
	Types      []Count      `json:"types"`
	// Findings are generated from the indicators: targets missed, measures
	// that got worse.
	Findings []string `json:"findings"`
	// Plan004 are plan 004's measures (Plan004) against their targets.
	Plan004     []Result   `json:"plan004"`
	Departments []Group    `json:"departments"`
	Groups      []Def      `json:"groupMeasures"`
	Texts       Texts      `json:"texts"`
	Config      ConfigView `json:"config"`
}

// BuildQuarterly computes the quarterly evaluation.
func BuildQuarterly(in Input, texts Texts) Quarterly {
	c := &Context{Now: in.Now, Config: in.Config}
	p := in.Period
	sm := newSummer(in, c)
	prevP := p.Previous()
	cur := In(sm.rows, p)
	curS, prevS, baseS := sm.of(p), sm.of(prevP), sm.of(p.YearEarlier())
	q := Quarterly{Period: p, Previous: prevP, Department: in.Department, Generated: in.Now, Texts: texts,
		Config: ConfigView{in.Config.ImprovementTypes, in.Config.ComplaintTypes}}
	monthPs := p.Months(3)
	months := sm.each(monthPs)
	for _, id := range QuarterlyIndicators {
		q.Indicators = append(q.Indicators, Measure(id, curS, prevS, baseS, months, c))
	}
	for _, id := range []MeasureID{ScoreTimeliness, ScoreEffect, ScoreAttitude} {
		q.Scores = append(q.Scores, Measure(id, curS, prevS, baseS, nil, c))
	}
	for _, id := range Plan004 {
		r := Measure(id, curS, prevS, baseS, months, c)
		if r.Records {
			r.Trend = nil
		}
		q.Plan004 = append(q.Plan004, r)
	}
	q.Months = monthPoints(monthPs, months)
	q.Types = Distribution(cur, func(r *Row) string { return r.Type })
	q.Departments = Groups(cur, nil, func(r *Row) string { return r.Department }, c)
	for _, id := range GroupMeasures {
		d, _ := Lookup(id)
		q.Groups = append(q.Groups, d)
	}
	for _, r := range q.Indicators {
		if r.Attainment.Met != nil && !*r.Attainment.Met {
			q.Findings = append(q.Findings, fmt.Sprintf("%s为 %s，未达到目标（%s）。", r.Name, Format(r.Def, r.Value.Value), r.Attainment.Text))
			continue
		}
		if r.Kind == KindCount || r.Value.Value == nil || r.Previous.Value == nil {
			continue
		}
		worse := *r.Value.Value < *r.Previous.Value
		if !r.Higher {
			worse = *r.Value.Value > *r.Previous.Value
		}
		if ch := Change(r.Def, r.Value.Value, r.Previous.Value); worse && ch != "持平" {
			q.Findings = append(q.Findings, fmt.Sprintf("%s较上季度%s（%s → %s）。", r.Name, ch,
				Format(r.Def, r.Previous.Value), Format(r.Def, r.Value.Value)))
		}
	}
	return q
}

// Measured is every measure the quarterly report shows against its
// target: the indicators, then plan 004's measures not among them.
func (q Quarterly) Measured() []Result {
	out := append([]Result(nil), q.Indicators...)
	for _, r := range q.Plan004 {
		if _, ok := indicator(q.Indicators, r.ID); !ok {
			out = append(out, r)
		}
	}
	return out
}

// Validate checks texts written into a report: each a multi-line text of
// at most MaxText characters, at most 20 proposals, each under a single-line
// key (the problem it answers).
func (t Texts) Validate() error {
	var fe apperr.Fields
	fe.MaxLen("problems", t.Problems, MaxText)
	fe.MaxLen("measures", t.Measures, MaxText)
	if len(t.Proposals) > 20 {
		return textTooLong()
	}
	for k, v := range t.Proposals {
		fe.Line("proposals", k, 40)
		fe.MaxLen("proposals", v, MaxText)
	}
	return fe.Err()
}

func textTooLong() error {
	var fe apperr.Fields
	fe.AddParams("texts", "too_long", map[string]any{"max": MaxText})
	return fe.Err()
}
