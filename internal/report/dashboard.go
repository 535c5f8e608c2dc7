package report

import (
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// KPIs are the measures the dashboard shows as cards, in order.
var KPIs = []MeasureID{Received, ResponseHours, HandlingHours, OnTimeResolve, ResolutionRate, FirstContactRate,
	SatisfiedRate, OnTimeDelivery, FeedbackRate, ConversionRate, ReopenRate, ComplaintRate}

// GroupMeasures are the columns of the department and owner tables.
var GroupMeasures = []MeasureID{Received, ResponseHours, HandlingHours, OnTimeResolve, ResolutionRate, SatisfiedRate}

// Result is one measure over a period, with what it is judged against.
type Result struct {
	Def
	Value    Value `json:"value"`
	Previous Value `json:"previous"`
	// Baseline is the same period a year earlier.
	Baseline   Value      `json:"baseline"`
	Attainment Attainment `json:"attainment"`
	// Trend is the measure month by month over the trend months.
	Trend []*float64 `json:"trend"`
}

// Count is one value of a dimension and how many requests have it.
type Count struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// Stages group the statuses of open requests for the backlog.
var Stages = []string{"intake", "triage", "assignment", "analysis", "plan", "review", "implementation", "delivery", "feedback", "on_hold"}

var stageNames = map[string]string{
	"intake": "接收登记", "triage": "分类定级", "assignment": "分配", "analysis": "需求分析", "plan": "方案设计与确认",
	"review": "评审审批", "implementation": "实施处理", "delivery": "交付与结果", "feedback": "满意度回访", "on_hold": "暂不可执行",
}

// StageName is a stage's Chinese name.
func StageName(s string) string { return stageNames[s] }

// Stage is the backlog stage of an open status; "" for closed ones
// (request.StatusTable).
func Stage(s request.Status) string { return request.InfoOf(s).Backlog }

// AgeBuckets are the backlog's ages since receipt, in days: [0,1), [1,3), [3,7), [7,30), 30+.
var AgeBuckets = []string{"lt1d", "1to3d", "3to7d", "7to30d", "ge30d"}

// AgeBucket is the bucket of a request received at t, at now.
func AgeBucket(t, now time.Time) string {
	d := now.Sub(t).Hours() / 24
	switch {
	case d < 1:
		return "lt1d"
	case d < 3:
		return "1to3d"
	case d < 7:
		return "3to7d"
	case d < 30:
		return "7to30d"
	}
	return "ge30d"
}

// Backlog is the open requests at one stage, by age.
type Backlog struct {
	Stage string `json:"stage"`
	Name  string `json:"name"`
	Count int    `json:"count"`
	ByAge []int  `json:"byAge"` // in AgeBuckets' order
}

// Point is an open request on the quadrant chart.
type Point struct {
	RequestID     string          `json:"requestId"`
	Number        string          `json:"number"`
	Title         string          `json:"title"`
	Urgency       request.Urgency `json:"urgency"`
	CustomerValue int             `json:"customerValue"`
	BusinessValue int             `json:"businessValue"`
	CostDays      float64         `json:"costDays"`
}

// Group is one department's or owner's line of a table.
type Group struct {
	Key    string  `json:"key"`
	Open   int     `json:"open"`
	Values []Value `json:"values"` // GroupMeasures, in order
}

// Month is one month of the trend lines.
type MonthPoint struct {
	Key           string   `json:"key"`
	Label         string   `json:"label"`
	Received      int      `json:"received"`
	Solved        int      `json:"solved"`
	OnTimeResolve *float64 `json:"onTimeResolve"`
	Satisfaction  *float64 `json:"satisfaction"`
	ResponseHours *float64 `json:"responseHours"`
}

// Dashboard is everything the home screen shows, for one period and
// optionally one department.
type Dashboard struct {
	Period   Period `json:"period"`
	Previous Period `json:"previous"`
	// Baseline is the same period a year earlier, relative targets' basis.
	Baseline Period `json:"baseline"`
	// InProgress: the period has not ended, and Previous and Baseline are
	// only as many of their first days as it has had so far.
	InProgress bool      `json:"inProgress"`
	Department string    `json:"department"`
	Now        time.Time `json:"now"`
	KPIs       []Result  `json:"kpis"`
	OnTime     []Result  `json:"onTime"` // every clock's on-time rate
	// Plan004 are plan 004's measures (Plan004) with their targets; the
	// record measures among them are filled by the store (FillRecords).
	Plan004     []Result     `json:"plan004"`
	Scores      []Result     `json:"scores"` // satisfaction per dimension
	Months      []MonthPoint `json:"months"`
	Types       []Count      `json:"types"`
	Channels    []Count      `json:"channels"`
	Categories  []Count      `json:"categories"`
	Urgencies   []Count      `json:"urgencies"`
	Backlog     []Backlog    `json:"backlog"`
	OpenTotal   int          `json:"openTotal"`
	Quadrant    []Point      `json:"quadrant"`
	Departments []Group      `json:"departments"`
	Owners      []Group      `json:"owners"`
	TopTerms    []Term       `json:"topTerms"`
	Groups      []Def        `json:"groupMeasures"`
	// Risks are the running time limits due soon or breached, the most
	// pressing first (at most MaxRisks), and how many there are of each.
	Risks    []request.Alert `json:"risks"`
	Breached int             `json:"breached"`
	DueSoon  int             `json:"dueSoon"`
}

// MaxRisks is how many time-limit risks the dashboard lists.
const MaxRisks = 20

// Input is what the dashboard and the reports are built from: the rows
// received in the period (and, when Closed lacks them, in the periods it is
// compared with: a year before it, the trend months), and the open requests.
type Input struct {
	Period     Period
	Department string
	Rows       []Row
	// Open are the live rows (Row.Live): the open requests and the closed
	// ones with a complaint still open.
	Open []Row
	// Closed are the sums of the closed requests received in compared
	// periods (by key), which the store keeps so that a year of rows need
	// not be read again; the open requests received then are added to them.
	// A closed request's measures do not change with time (see Def).
	Closed map[string]Sums
	Now    time.Time
	Config Config
}

// summer gives the sums of the requests received in a period, from the
// kept sums of its closed requests and the open ones, or from the rows.
type summer struct {
	rows   []Row // in order of receipt
	open   []Row // in any order
	closed map[string]Sums
	c      *Context
}

func newSummer(in Input, c *Context) *summer {
	return &summer{rows: sorted(in.Rows), open: in.Open, closed: in.Closed, c: c}
}

func (s *summer) of(q Period) Sums {
	closed, ok := s.closed[q.Key]
	if !ok {
		return Summarize(In(s.rows, q), s.c)
	}
	// The open requests are few and in no order: those of q are picked
	// rather than the whole list sorted.
	out := Sums{M: make([]Sum, len(Measures))}
	for i := range s.open {
		if r := &s.open[i]; q.Contains(r.Received) {
			out.add(r, s.c)
		}
	}
	out.Add(closed)
	return out
}

func (s *summer) each(ps []Period) []Sums {
	out := make([]Sums, len(ps))
	for i, q := range ps {
		out[i] = s.of(q)
	}
	return out
}

// TrendMonths is how many months the trend lines cover.
const TrendMonths = 12

func byReceived(a, b Row) int { return a.Received.Compare(b.Received) }

// sorted returns rows in order of receipt, sorting a copy only when they are
// not (the store reads them in that order).
func sorted(rows []Row) []Row {
	if slices.IsSortedFunc(rows, byReceived) {
		return rows
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, byReceived)
	return rows
}

// In returns the rows received in period p: a part of rows, not a copy,
// when they are in order of receipt.
func In(rows []Row, p Period) []Row {
	if !slices.IsSortedFunc(rows, byReceived) {
		var out []Row
		for _, r := range rows {
			if p.Contains(r.Received) {
				out = append(out, r)
			}
		}
		return out
	}
	lo := sort.Search(len(rows), func(i int) bool { return !rows[i].Received.Before(p.From) })
	hi := sort.Search(len(rows), func(i int) bool { return !rows[i].Received.Before(p.To) })
	return rows[lo:hi:hi]
}

// Measure is measure id over the period's sums, against the previous
// period and the baseline, with its trend over months.
func Measure(id MeasureID, cur, prev, base Sums, months []Sums, c *Context) Result {
	d, _ := Lookup(id)
	res := Result{Def: d, Value: cur.Value(id), Previous: prev.Value(id), Baseline: base.Value(id)}
	res.Attainment = c.Config.Attain(d, res.Value, res.Baseline)
	for _, m := range months {
		res.Trend = append(res.Trend, m.Value(id).Value)
	}
	return res
}

// RecordValue is a record measure's value from its numerator and
// denominator: the rate in percent, nil over nothing.
func RecordValue(id MeasureID, num, den int) Value {
	d, _ := Lookup(id)
	return d.value(Sum{N: den, Hits: num})
}

// FillRecords sets the values of the record measures (RecordMeasures) among
// rs, those of the period (cur) and the previous one (prev) by id, and
// judges them against their targets in cfg. The store computes them over
// the communication records; rows cannot.
func FillRecords(rs []Result, cur, prev map[MeasureID]Value, cfg Config) {
	for i := range rs {
		if !rs[i].Records {
			continue
		}
		if v, ok := cur[rs[i].ID]; ok {
			rs[i].Value = v
		}
		if v, ok := prev[rs[i].ID]; ok {
			rs[i].Previous = v
		}
		rs[i].Attainment = cfg.Attain(rs[i].Def, rs[i].Value, rs[i].Baseline)
	}
}

// monthPoints are the trend lines' points: each month's received and
// solved requests, on-time resolve rate, satisfaction and response time.
func monthPoints(ps []Period, months []Sums) []MonthPoint {
	out := make([]MonthPoint, len(ps))
	for i, mp := range ps {
		s := months[i]
		out[i] = MonthPoint{Key: mp.Key, Label: mp.Label, Received: s.Rows, Solved: s.Solved,
			OnTimeResolve: s.Value(OnTimeResolve).Value, Satisfaction: s.Value(Satisfaction).Value,
			ResponseHours: s.Value(ResponseHours).Value}
	}
	return out
}

// Build computes the dashboard.
func Build(in Input) Dashboard {
	c := &Context{Now: in.Now, Config: in.Config}
	p := in.Period
	sm := newSummer(in, c)
	prevP, baseP := p.Comparisons(in.Now)
	cur := In(sm.rows, p)
	curS, prevS, baseS := sm.of(p), sm.of(prevP), sm.of(baseP)
	monthPs := p.Months(TrendMonths)
	months := sm.each(monthPs)
	d := Dashboard{Period: p, Previous: prevP, Baseline: baseP, InProgress: p.InProgress(in.Now), Department: in.Department, Now: in.Now}
	for _, id := range KPIs {
		d.KPIs = append(d.KPIs, Measure(id, curS, prevS, baseS, months, c))
	}
	for _, id := range []MeasureID{OnTimeRecord, OnTimeClassify, OnTimeRespond, OnTimeStart, OnTimeProgress, OnTimeResolve, OnTimeFeedback, OnTimeSurvey,
		OnTimeChannelRespond, OnTimePhoneAnswer, OnTimeHandover, OnTimeHandoverAnswer, OnTimeComplaintAccept, OnTimeComplaintAnswer} {
		d.OnTime = append(d.OnTime, Measure(id, curS, prevS, baseS, nil, c))
	}
	for _, id := range []MeasureID{Satisfaction, ScoreTimeliness, ScoreEffect, ScoreAttitude} {
		d.Scores = append(d.Scores, Measure(id, curS, prevS, baseS, nil, c))
	}
	for _, id := range Plan004 {
		r := Measure(id, curS, prevS, baseS, months, c)
		if r.Records {
			r.Trend = nil // the rows' months know nothing of records
		}
		d.Plan004 = append(d.Plan004, r)
	}
	d.Months = monthPoints(monthPs, months)
	d.Types = Distribution(cur, func(r *Row) string { return r.Type })
	d.Channels = Distribution(cur, func(r *Row) string { return r.Channel })
	d.Categories = Distribution(cur, func(r *Row) string { return r.Category })
	d.Urgencies = Distribution(cur, func(r *Row) string { return string(r.Urgency) })
	open := OpenOnly(in.Open)
	d.Backlog, d.OpenTotal = BacklogOf(open, in.Now)
	for _, r := range open {
		if r.CustomerValue > 0 || r.BusinessValue > 0 {
			d.Quadrant = append(d.Quadrant, Point{RequestID: r.RequestID, Number: r.Number, Title: r.Title, Urgency: r.Urgency,
				CustomerValue: r.CustomerValue, BusinessValue: r.BusinessValue, CostDays: r.CostDays})
		}
	}
	d.Departments = Groups(cur, open, func(r *Row) string { return r.Department }, c)
	d.Owners = Groups(cur, open, func(r *Row) string { return r.Owner }, c)
	d.TopTerms = TopTerms(titles(cur), 10)
	for _, id := range GroupMeasures {
		def, _ := Lookup(id)
		d.Groups = append(d.Groups, def)
	}
	return d
}

func titles(rows []Row) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Title
	}
	return out
}

// Distribution counts the rows by one dimension, the largest first; rows
// without a value count under "".
func Distribution(rows []Row, key func(*Row) string) []Count {
	m := map[string]int{}
	for i := range rows {
		m[key(&rows[i])]++
	}
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// BacklogOf counts open requests by stage and age at now.
func BacklogOf(open []Row, now time.Time) ([]Backlog, int) {
	open = OpenOnly(open)
	out := make([]Backlog, len(Stages))
	index := map[string]int{}
	for i, s := range Stages {
		out[i] = Backlog{Stage: s, Name: StageName(s), ByAge: make([]int, len(AgeBuckets))}
		index[s] = i
	}
	ageIndex := map[string]int{}
	for i, a := range AgeBuckets {
		ageIndex[a] = i
	}
	total := 0
	for _, r := range open {
		i, ok := index[Stage(r.Status)]
		if !ok {
			continue
		}
		out[i].Count++
		out[i].ByAge[ageIndex[AgeBucket(r.Received, now)]]++
		total++
	}
	return out, total
}

// Groups computes GroupMeasures per value of key over the period's rows,
// with each group's open requests now; the largest groups first.
func Groups(cur, open []Row, key func(*Row) string, c *Context) []Group {
	byKey := map[string][]Row{}
	openBy := map[string]int{}
	for i := range cur {
		k := key(&cur[i])
		byKey[k] = append(byKey[k], cur[i])
	}
	for i := range open {
		k := key(&open[i])
		openBy[k]++
		if _, ok := byKey[k]; !ok {
			byKey[k] = nil
		}
	}
	out := make([]Group, 0, len(byKey))
	for k, rows := range byKey {
		g := Group{Key: k, Open: openBy[k]}
		for _, id := range GroupMeasures {
			d, _ := Lookup(id)
			g.Values = append(g.Values, d.Compute(rows, c))
		}
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		ni, nj := *out[i].Values[0].Value, *out[j].Values[0].Value
		if ni != nj {
			return ni > nj
		}
		if out[i].Open != out[j].Open {
			return out[i].Open > out[j].Open
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// Selects tells whether row r is among the requests behind a number the
// dashboard shows; open tells the caller to pass open rows (backlog,
// quadrant) rather than the period's.
func Selects(dr request.Drill, r *Row, c *Context) bool {
	switch dr.Dim {
	case "type":
		return r.Type == dr.Key
	case "channel":
		return r.Channel == dr.Key
	case "category":
		return r.Category == dr.Key
	case "urgency":
		return string(r.Urgency) == dr.Key
	case "department":
		if r.Department != dr.Key {
			return false
		}
	case "owner":
		if r.Owner != dr.Key {
			return false
		}
	case "stage":
		return r.Open() && Stage(r.Status) == dr.Key
	case "age":
		st := Stage(r.Status)
		return st != "" && (dr.Stage == "" || st == dr.Stage) && AgeBucket(r.Received, c.Now) == dr.Key
	case "term":
		return strings.Contains(strings.ToLower(r.Title), strings.ToLower(dr.Key))
	case "open":
		return r.Open()
	}
	if dr.Measure == "" {
		return true
	}
	d, ok := Lookup(MeasureID(dr.Measure))
	return ok && d.Selects(r, c, dr.Part)
}

// DrillOpen reports whether a drill reads the open requests rather than
// those received in its period.
func DrillOpen(dr request.Drill) bool {
	return dr.Dim == "stage" || dr.Dim == "age" || dr.Dim == "open"
}

// OpenOnly keeps the rows of requests still being worked on: the live rows
// the store reads afresh include closed requests with a complaint still
// open (Row.Live), which are not backlog.
func OpenOnly(rows []Row) []Row {
	out := make([]Row, 0, len(rows))
	for i := range rows {
		if rows[i].Open() {
			out = append(out, rows[i])
		}
	}
	return out
}
