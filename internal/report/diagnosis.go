package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// ComplaintFact is one complaint (办法 003) registered in a report's period.
type ComplaintFact struct {
	RequestID  string    `json:"requestId"`
	Number     string    `json:"number"`
	ReceivedAt time.Time `json:"receivedAt"`
	Channel    string    `json:"channel"`
	Cause      string    `json:"cause"`
	Status     string    `json:"status"`
}

// RecordFact is one communication record written in a report's period:
// its channel and which of what plan 004 asks to be recorded it has (who
// was spoken with, what was said, the next step).
type RecordFact struct {
	Channel  string
	With     bool
	Summary  bool
	NextStep bool
}

// Complete reports whether the record says all three.
func (r RecordFact) Complete() bool { return r.With && r.Summary && r.NextStep }

// CheckFact is one sampled record scored in a report's period (质量抽检).
type CheckFact struct {
	Channel string
	Passed  bool
	Scores  []PointScore
	// Rect is the state of the 整改 item a failed check opened: "" for
	// none, "open" or "closed".
	Rect string
}

// PointScore is one checklist point's score of a sampled record.
type PointScore struct {
	Label string
	Max   int
	Score int
}

// CommInput is what the diagnosis reads besides the requests' rows: the
// channel limits, the period's complaints, communication records and
// checks, and the communication-quality measures of internal/comm.
type CommInput struct {
	Limits     sla.ChannelLimits
	Complaints []ComplaintFact
	Records    []RecordFact
	Checks     []CheckFact
	Quality    []QualityValue
}

// ComplaintCauses names the causes of request.ComplaintCauses in Chinese.
var ComplaintCauses = map[string]string{"attitude": "服务态度", "timeliness": "处理时效", "quality": "处理质量",
	"communication": "沟通不畅", "other": "其他"}

// ComplaintStatuses names a complaint's statuses in Chinese.
var ComplaintStatuses = map[string]string{"registered": "已登记", "investigating": "调查中", "answered": "已答复", "closed": "已结案"}

// ChannelResponse is how quickly one channel (or the phone's pick-up, or a
// hand-over) answered against plan 004's standard.
type ChannelResponse struct {
	Channel  string `json:"channel"`
	Standard string `json:"standard"` // "3 分钟（工作时间）", or "" when the channel has none
	// Received counts the requests received on it, Responded those with a
	// first response; AvgHours and MaxHours their first response times.
	Received  int      `json:"received"`
	Responded int      `json:"responded"`
	AvgHours  *float64 `json:"avgHours"`
	MaxHours  *float64 `json:"maxHours"`
	// Measured counts the clocks that finished or are breached, Met those
	// within the standard; Rate is Met of Measured in percent.
	Measured int      `json:"measured"`
	Met      int      `json:"met"`
	Rate     *float64 `json:"rate"`
}

// Over counts the clocks that went over the standard.
func (c ChannelResponse) Over() int { return c.Measured - c.Met }

// RecordCompleteness is the completeness of one channel's records.
type RecordCompleteness struct {
	Channel  string   `json:"channel"`
	Records  int      `json:"records"`
	Complete int      `json:"complete"`
	Rate     *float64 `json:"rate"`
}

// CheckChannel is one channel's check results.
type CheckChannel struct {
	Channel string   `json:"channel"`
	Scored  int      `json:"scored"`
	Passed  int      `json:"passed"`
	Rate    *float64 `json:"rate"`
}

// CheckPoint is one checklist item's average score over the scored records.
type CheckPoint struct {
	Label string   `json:"label"`
	Max   int      `json:"max"`
	N     int      `json:"n"`
	Avg   *float64 `json:"avg"`
	// Share is the average in percent of the item's points.
	Share *float64 `json:"share"`
}

// CheckSummary is the period's quality checks.
type CheckSummary struct {
	Scored     int            `json:"scored"`
	Passed     int            `json:"passed"`
	Rate       *float64       `json:"rate"`
	Channels   []CheckChannel `json:"channels"`
	Points     []CheckPoint   `json:"points"`
	RectOpened int            `json:"rectOpened"`
	RectClosed int            `json:"rectClosed"`
}

// QualityValue is a communication-quality measure of internal/comm
// (话术适配率, 抽检合格率, 整改率) with its target, as internal/comm computed it
// (internal/comm imports this package, so the store brings the values).
type QualityValue struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Definition string   `json:"definition"`
	Target     float64  `json:"target"` // at least, in percent
	Num        int      `json:"num"`
	Den        int      `json:"den"`
	Value      *float64 `json:"value"`
	Met        *bool    `json:"met"`
}

// AddQuality adds up the values of the same measures over disjoint
// periods (each record counts in one): numerators and denominators, the
// rate and its verdict made again.
func AddQuality(parts ...[]QualityValue) []QualityValue {
	var out []QualityValue
	at := map[string]int{}
	for _, part := range parts {
		for _, q := range part {
			i, ok := at[q.ID]
			if !ok {
				i = len(out)
				at[q.ID] = i
				out = append(out, QualityValue{ID: q.ID, Name: q.Name, Definition: q.Definition, Target: q.Target})
			}
			out[i].Num += q.Num
			out[i].Den += q.Den
		}
	}
	for i := range out {
		q := &out[i]
		if q.Den > 0 {
			v := float64(q.Num) * 100 / float64(q.Den)
			met := v >= q.Target
			q.Value, q.Met = &v, &met
		}
	}
	return out
}

// RecordTarget is plan 004's record completeness (≥ 95%), what the
// diagnosis judges the records against.
const RecordTarget = 95.0

// Diagnosis is plan 004's 《客户沟通现状诊断报告》: response times per channel
// against the standard, complaint causes, record completeness and check
// results over a month or a quarter, with the findings they give and the
// texts the issuer writes (Texts.Problems: 问题分析, Texts.Measures: 改进建议).
type Diagnosis struct {
	Period     Period               `json:"period"`
	Department string               `json:"department"`
	Generated  time.Time            `json:"generated"`
	Received   int                  `json:"received"`
	Summary    string               `json:"summary"`
	Channels   []ChannelResponse    `json:"channels"`
	Indicators []Result             `json:"indicators"`
	Complaints int                  `json:"complaints"`
	Causes     []Count              `json:"causes"`
	Statuses   []Count              `json:"statuses"`
	Records    []RecordCompleteness `json:"records"`
	// RecordTotal is every channel's records together; Missing counts what
	// the incomplete ones lack (沟通对象, 内容摘要, 下一步).
	RecordTotal RecordCompleteness `json:"recordTotal"`
	Missing     []Count            `json:"missing"`
	Checks      CheckSummary       `json:"checks"`
	Quality     []QualityValue     `json:"quality"`
	Findings    []string           `json:"findings"`
	Texts       Texts              `json:"texts"`
}

// DiagnosisIndicators are the request measures the diagnosis lists.
var DiagnosisIndicators = []MeasureID{Received, ResponseHours, OnTimeRespond, OnTimeChannelRespond, OnTimePhoneAnswer,
	OnTimeHandover, OnTimeHandoverAnswer, CrossDeptHours, OfflineRecordRate, OnlineSatisfaction, ComplaintRate, Complained,
	OnTimeComplaintAccept, OnTimeComplaintAnswer, SatisfiedRate}

// Kind names used for the rows of the channel table that are not a channel.
const (
	RowPhoneAnswer    = "电话接听（来电等待）"
	RowHandover       = "转交相关部门"
	RowHandoverAnswer = "转交后答复客户"
)

// BuildDiagnosis computes the diagnosis from in (the rows of the period and
// the year before it, as for BuildQuarterly) and the communication facts.
func BuildDiagnosis(in Input, cm CommInput, texts Texts) Diagnosis {
	c := &Context{Now: in.Now, Config: in.Config}
	p := in.Period
	sm := newSummer(in, c)
	cur := In(sm.rows, p)
	curS, prevS, baseS := sm.of(p), sm.of(p.Previous()), sm.of(p.YearEarlier())
	d := Diagnosis{Period: p, Department: in.Department, Generated: in.Now, Received: len(cur), Texts: texts}
	for _, id := range DiagnosisIndicators {
		d.Indicators = append(d.Indicators, Measure(id, curS, prevS, baseS, nil, c))
	}
	d.Channels = channelResponses(cur, cm.Limits, c)
	d.Complaints = len(cm.Complaints)
	d.Causes = countBy(cm.Complaints, func(f ComplaintFact) string { return label(ComplaintCauses, f.Cause) })
	d.Statuses = countBy(cm.Complaints, func(f ComplaintFact) string { return label(ComplaintStatuses, f.Status) })
	d.Records, d.RecordTotal, d.Missing = recordCompleteness(cm.Records)
	d.Checks = checkSummary(cm.Checks)
	// The targets are the reports' (editable), the measures' own defaults
	// until someone sets them.
	for _, q := range cm.Quality {
		if t, ok := in.Config.Targets[MeasureID(q.ID)]; ok && !t.Relative {
			q.Target = t.Value
			if q.Value != nil {
				met := *q.Value >= t.Value
				q.Met = &met
			}
		}
		d.Quality = append(d.Quality, q)
	}
	d.Findings = diagnosisFindings(d)
	d.Summary = diagnosisSummary(d)
	return d
}

func label(names map[string]string, key string) string {
	if n, ok := names[key]; ok {
		return n
	}
	if key == "" {
		return "（未填写）"
	}
	return key
}

// countBy counts items by key, the most frequent first (then by key).
func countBy[T any](items []T, key func(T) string) []Count {
	n := map[string]int{}
	for _, it := range items {
		n[key(it)]++
	}
	out := make([]Count, 0, len(n))
	for k, v := range n {
		out = append(out, Count{Key: k, Count: v})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

func percent(hits, n int) *float64 {
	if n == 0 {
		return nil
	}
	v := round(float64(hits)*100/float64(n), 1)
	return &v
}

// LimitText says a limit in Chinese: "3 分钟（工作时间）", "24 小时", "15 秒";
// "" when it is off.
func LimitText(l sla.Limit) string {
	if l.Off() {
		return ""
	}
	unit := map[sla.Unit]string{sla.UnitSeconds: "秒", sla.UnitMinutes: "分钟", sla.UnitHours: "小时", sla.UnitDays: "天"}[l.Unit]
	if l.Clock == sla.ClockWorking {
		if l.Unit == sla.UnitDays {
			return fmt.Sprintf("%d 个工作日", l.Amount)
		}
		return fmt.Sprintf("%d %s（工作时间）", l.Amount, unit)
	}
	return fmt.Sprintf("%d %s", l.Amount, unit)
}

// channelResponses makes one row per channel the requests came in on (the
// channels with a standard first, in the order of the limits), then the
// phone's pick-up and the hand-overs when any was measured.
func channelResponses(rows []Row, lim sla.ChannelLimits, c *Context) []ChannelResponse {
	by := map[string]*ChannelResponse{}
	var order []string
	get := func(name string) *ChannelResponse {
		if r, ok := by[name]; ok {
			return r
		}
		r := &ChannelResponse{Channel: name}
		by[name] = r
		order = append(order, name)
		return r
	}
	for _, l := range lim.Respond {
		if !l.Limit.Off() {
			get(l.Channel).Standard = LimitText(l.Limit)
		}
	}
	phone := &ChannelResponse{Channel: RowPhoneAnswer, Standard: LimitText(lim.PhoneAnswer)}
	hand := &ChannelResponse{Channel: RowHandover, Standard: LimitText(lim.Handover)}
	handAns := &ChannelResponse{Channel: RowHandoverAnswer, Standard: LimitText(lim.HandoverAnswer)}
	sums := map[string]float64{}
	tally := func(cr *ChannelResponse, r *Row, k sla.Kind) {
		cl, ok := r.Clock(k)
		if !ok {
			return
		}
		switch cl.Outcome(r.Status, c.Now) {
		case Met:
			cr.Measured++
			cr.Met++
		case Late, Breached:
			cr.Measured++
		}
	}
	for i := range rows {
		r := &rows[i]
		name := r.Channel
		if name == "" {
			name = "（未填写）"
		}
		cr := get(name)
		cr.Received++
		if !r.Responded.IsZero() && !r.Responded.Before(r.Received) {
			h := hours(r.Received, r.Responded)
			cr.Responded++
			sums[name] += h
			if cr.MaxHours == nil || h > *cr.MaxHours {
				v := h
				cr.MaxHours = &v
			}
		}
		tally(cr, r, sla.KindChannelRespond)
		tally(phone, r, sla.KindPhoneAnswer)
		tally(hand, r, sla.KindHandover)
		tally(handAns, r, sla.KindHandoverAnswer)
	}
	var out []ChannelResponse
	for _, name := range order {
		cr := by[name]
		if cr.Received == 0 && cr.Standard == "" {
			continue
		}
		if cr.Responded > 0 {
			v := round(sums[name]/float64(cr.Responded), 4)
			cr.AvgHours = &v
			m := round(*cr.MaxHours, 4)
			cr.MaxHours = &m
		}
		cr.Rate = percent(cr.Met, cr.Measured)
		out = append(out, *cr)
	}
	for _, cr := range []*ChannelResponse{phone, hand, handAns} {
		if cr.Measured > 0 {
			cr.Rate = percent(cr.Met, cr.Measured)
			out = append(out, *cr)
		}
	}
	return out
}

// The parts of a communication record plan 004 asks to be recorded.
const (
	MissingWith     = "未写沟通对象"
	MissingSummary  = "未写沟通内容"
	MissingNextStep = "未写下一步"
)

func recordCompleteness(recs []RecordFact) ([]RecordCompleteness, RecordCompleteness, []Count) {
	by := map[string]*RecordCompleteness{}
	var order []string
	total := RecordCompleteness{Channel: "合计"}
	missing := map[string]int{}
	for _, r := range recs {
		name := r.Channel
		if name == "" {
			name = "（未填写）"
		}
		rc, ok := by[name]
		if !ok {
			rc = &RecordCompleteness{Channel: name}
			by[name] = rc
			order = append(order, name)
		}
		rc.Records++
		total.Records++
		if r.Complete() {
			rc.Complete++
			total.Complete++
		}
		if !r.With {
			missing[MissingWith]++
		}
		if !r.Summary {
			missing[MissingSummary]++
		}
		if !r.NextStep {
			missing[MissingNextStep]++
		}
	}
	out := make([]RecordCompleteness, 0, len(order))
	for _, name := range order {
		rc := by[name]
		rc.Rate = percent(rc.Complete, rc.Records)
		out = append(out, *rc)
	}
	slices.SortStableFunc(out, func(a, b RecordCompleteness) int { return b.Records - a.Records })
	total.Rate = percent(total.Complete, total.Records)
	var miss []Count
	for _, k := range []string{MissingWith, MissingSummary, MissingNextStep} {
		if missing[k] > 0 {
			miss = append(miss, Count{Key: k, Count: missing[k]})
		}
	}
	return out, total, miss
}

func checkSummary(checks []CheckFact) CheckSummary {
	var s CheckSummary
	byCh := map[string]*CheckChannel{}
	var chOrder []string
	type point struct {
		max, n, total int
	}
	pts := map[string]*point{}
	var ptOrder []string
	for _, ck := range checks {
		s.Scored++
		cc, ok := byCh[ck.Channel]
		if !ok {
			cc = &CheckChannel{Channel: ck.Channel}
			byCh[ck.Channel] = cc
			chOrder = append(chOrder, ck.Channel)
		}
		cc.Scored++
		if ck.Passed {
			s.Passed++
			cc.Passed++
		}
		switch ck.Rect {
		case "open":
			s.RectOpened++
		case "closed":
			s.RectOpened++
			s.RectClosed++
		}
		for _, sc := range ck.Scores {
			pt, ok := pts[sc.Label]
			if !ok {
				pt = &point{}
				pts[sc.Label] = pt
				ptOrder = append(ptOrder, sc.Label)
			}
			pt.max = max(pt.max, sc.Max)
			pt.n++
			pt.total += sc.Score
		}
	}
	s.Rate = percent(s.Passed, s.Scored)
	for _, ch := range chOrder {
		cc := byCh[ch]
		cc.Rate = percent(cc.Passed, cc.Scored)
		s.Channels = append(s.Channels, *cc)
	}
	for _, l := range ptOrder {
		pt := pts[l]
		cp := CheckPoint{Label: l, Max: pt.max, N: pt.n}
		if pt.n > 0 {
			avg := round(float64(pt.total)/float64(pt.n), 2)
			cp.Avg = &avg
			if pt.max > 0 {
				cp.Share = percent(pt.total, pt.n*pt.max)
			}
		}
		s.Points = append(s.Points, cp)
	}
	return s
}

// overLimit are the channels (and the phone, the hand-overs) with clocks
// over their standard, the most over first.
func overLimit(chs []ChannelResponse) []ChannelResponse {
	var out []ChannelResponse
	for _, ch := range chs {
		if ch.Standard != "" && ch.Over() > 0 {
			out = append(out, ch)
		}
	}
	slices.SortStableFunc(out, func(a, b ChannelResponse) int { return b.Over() - a.Over() })
	return out
}

func channelFinding(ch ChannelResponse) string {
	return fmt.Sprintf("“%s”有 %d 次超过标准（%s），按时率 %s（%d/%d）。", ch.Channel, ch.Over(), ch.Standard,
		pct(ch.Rate), ch.Met, ch.Measured)
}

func causeFinding(causes []Count, total int) string {
	top := causes[0]
	return fmt.Sprintf("投诉最多的原因是“%s”（%d 件，占 %.1f%%）。", top.Key, top.Count, float64(top.Count)*100/float64(total))
}

func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *v)
}

func diagnosisFindings(d Diagnosis) []string {
	var out []string
	for _, ch := range overLimit(d.Channels) {
		out = append(out, channelFinding(ch))
	}
	if d.Complaints > 0 {
		out = append(out, causeFinding(d.Causes, d.Complaints))
	}
	if r := d.RecordTotal.Rate; r != nil && *r < RecordTarget {
		s := fmt.Sprintf("沟通记录完整率 %.1f%%（%d/%d），低于 %.0f%%", *r, d.RecordTotal.Complete, d.RecordTotal.Records, RecordTarget)
		if len(d.Missing) > 0 {
			top := slices.MaxFunc(d.Missing, func(a, b Count) int { return a.Count - b.Count })
			s += fmt.Sprintf("；最常见的缺项是“%s”（%d 条）", top.Key, top.Count)
		}
		out = append(out, s+"。")
	}
	for _, q := range d.Quality {
		if q.Met != nil && !*q.Met {
			out = append(out, fmt.Sprintf("%s %.1f%%（%d/%d），未达到目标 ≥ %g%%。", q.Name, *q.Value, q.Num, q.Den, q.Target))
		}
	}
	var low *CheckPoint
	for i := range d.Checks.Points {
		pt := &d.Checks.Points[i]
		if pt.Share != nil && (low == nil || *pt.Share < *low.Share) {
			low = pt
		}
	}
	if low != nil && *low.Share < 80 {
		out = append(out, fmt.Sprintf("抽检中得分最低的是“%s”，平均 %.2f 分（满分 %d 分，得分率 %.1f%%）。", low.Label, *low.Avg, low.Max, *low.Share))
	}
	if open := d.Checks.RectOpened - d.Checks.RectClosed; open > 0 {
		out = append(out, fmt.Sprintf("抽检不合格开出的整改项尚有 %d 项未关闭。", open))
	}
	return out
}

func diagnosisSummary(d Diagnosis) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s共受理客户需求 %d 条", d.Period.Label, d.Received)
	var std []string
	for _, ch := range d.Channels {
		if ch.Standard != "" && ch.Measured > 0 {
			std = append(std, fmt.Sprintf("%s按时率 %s", ch.Channel, pct(ch.Rate)))
		}
	}
	if len(std) > 0 {
		b.WriteString("；对照沟通标准，" + strings.Join(std, "，"))
	}
	b.WriteString("。")
	if d.Complaints > 0 {
		fmt.Fprintf(&b, "期间登记投诉 %d 件，以“%s”为主。", d.Complaints, d.Causes[0].Key)
	} else {
		b.WriteString("期间没有登记投诉。")
	}
	if d.RecordTotal.Records > 0 {
		fmt.Fprintf(&b, "沟通记录 %d 条，完整率 %s。", d.RecordTotal.Records, pct(d.RecordTotal.Rate))
	}
	if d.Checks.Scored > 0 {
		fmt.Fprintf(&b, "质量抽检评分 %d 条，合格 %d 条，合格率 %s。", d.Checks.Scored, d.Checks.Passed, pct(d.Checks.Rate))
	}
	return b.String()
}
