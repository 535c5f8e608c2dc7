package pdf

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/report"
)

// ReportMeta identifies one printing of a report: issued version (0 for a
// draft printed from today's numbers), when and by whom.
type ReportMeta struct {
	Version     int
	GeneratedAt time.Time
	GeneratedBy string
	IssuedBy    string
	IssuedAt    time.Time
}

// Chart colours (RGB): the series of every chart, in order.
var series = [][3]int{{0x2f, 0x5d, 0x9e}, {0x4f, 0xa3, 0x6b}, {0xe0, 0x8a, 0x2c}, {0xc2, 0x4b, 0x4b}, {0x7a, 0x5c, 0xb3}, {0x3a, 0xa3, 0xa8}}

var (
	colMet    = [3]int{0x2e, 0x7d, 0x32}
	colMissed = [3]int{0xc6, 0x28, 0x28}
)

// ReportNumber is the document number printed on a report: YB (月报), JB
// (季报), ZD (沟通诊断) or NB (年度评估), the period, the department when
// one, and the version.
func ReportNumber(kind, period, department string, version int) string {
	prefix := map[string]string{report.KindQuarterly: "JB", report.KindDiagnosis: "ZD", report.KindAnnual: "NB"}[kind]
	if prefix == "" {
		prefix = "YB"
	}
	n := prefix + "-" + period
	if department != "" {
		n += "-" + department
	}
	if version == 0 {
		return n + "-草稿"
	}
	return fmt.Sprintf("%s-V%d", n, version)
}

func reportHead(title, number string, m ReportMeta) running {
	return running{title: title, docNumber: number, version: m.Version, generated: m.GeneratedAt}
}

func (b *builder) reportMetaItems(period, dept, number string, m ReportMeta, due string) []metaItem {
	if dept == "" {
		dept = "全部部门"
	}
	status := "草稿（按生成时的数据）"
	if m.Version > 0 {
		status = fmt.Sprintf("第 %d 版，%s 出具于 %s", m.Version, m.IssuedBy, b.dateCN(m.IssuedAt))
	}
	items := []metaItem{{"统计期间", period}, {"统计范围", dept}, {"报告编号", number}, {"状态", status},
		{"生成日期", b.dateCN(m.GeneratedAt)}, {"生成人", m.GeneratedBy}}
	if due != "" {
		items = append(items, metaItem{"报送期限", b.dayCN(due) + "前"})
	}
	return items
}

// RenderMonthly prints the monthly analysis report 《客户需求分析报告》.
func RenderMonthly(company Company, r *report.Monthly, m ReportMeta) (Output, error) {
	b := newBuilder("P", company, m.GeneratedAt)
	number := ReportNumber(report.KindMonthly, r.Period.Key, r.Department, m.Version)
	b.setHead(reportHead("客户需求分析报告", number, m))
	b.newPage()
	b.titleBlock("客户需求分析报告", b.reportMetaItems(r.Period.Label, r.Department, number, m, r.Due))
	var sec sections
	b.heading(sec.next("总体情况"))
	b.paragraph(r.Summary, true)
	b.heading(sec.next("主要指标"))
	b.indicators(r.Indicators, "上月")
	if len(r.Scores) > 0 {
		b.heading(sec.next("满意度分项"))
		b.scoreTable(r.Scores, "上月")
	}
	b.heading(sec.next("需求类型分布"))
	b.hbars(r.Types, r.Received, 10)
	if len(r.Channels) > 0 {
		b.heading(sec.next("需求渠道分布"))
		b.hbars(r.Channels, r.Received, 10)
	}
	if len(r.Months) > 0 {
		b.heading(sec.next("近六个月受理与解决情况"))
		b.monthBars(r.Months)
	}
	b.heading(sec.next("高频问题与改进建议"))
	if len(r.Problems) == 0 {
		b.paragraph("本月需求标题中没有反复出现的问题。", true)
	}
	for i, p := range r.Problems {
		b.ensure(3 * lineHeight(sizeBody))
		b.color(colAccent)
		b.boldText(marginX, b.y, lineHeight(sizeBody), sizeBody, fmt.Sprintf("%d. “%s”（%d 条）", i+1, clean(p.Term), p.Count))
		b.color(colText)
		b.y += lineHeight(sizeBody)
		if len(p.Examples) > 0 {
			b.paragraphAt(marginX+4, b.width()-4, "涉及需求："+strings.Join(p.Examples, "、"), sizeSmall, false)
		}
		proposal := p.Proposal
		if strings.TrimSpace(proposal) == "" {
			proposal = "（尚未填写改进建议）"
		}
		b.paragraphAt(marginX+4, b.width()-4, "改进建议："+proposal, sizeBody, false)
	}
	if open := openBacklog(r.Backlog); len(open) > 0 {
		b.heading(sec.next("在办需求（生成时）"))
		rows := make([][]string, 0, len(open))
		for _, bl := range open {
			rows = append(rows, []string{bl.Name, fmt.Sprint(bl.Count), fmt.Sprint(bl.ByAge[0]), fmt.Sprint(bl.ByAge[1]),
				fmt.Sprint(bl.ByAge[2]), fmt.Sprint(bl.ByAge[3]), fmt.Sprint(bl.ByAge[4])})
		}
		b.table([]column{{"阶段", 22, ""}, {"合计", 12, "R"}, {"不足1天", 13, "R"}, {"1-3天", 13, "R"}, {"3-7天", 13, "R"},
			{"7-30天", 13, "R"}, {"30天以上", 14, "R"}}, rows)
	}
	b.keep(func(b *builder) {
		b.definitions(r.Indicators)
		b.signatures([]signBlock{{signer: Signer{Label: "编制（客服主管）"}}, {signer: Signer{Label: "审阅"}}})
	})
	return b.finish()
}

// RenderQuarterly prints the quarterly evaluation report 季度评估报告.
func RenderQuarterly(company Company, r *report.Quarterly, m ReportMeta) (Output, error) {
	b := newBuilder("P", company, m.GeneratedAt)
	number := ReportNumber(report.KindQuarterly, r.Period.Key, r.Department, m.Version)
	b.setHead(reportHead("季度评估报告", number, m))
	b.newPage()
	b.titleBlock("客户需求响应季度评估报告", b.reportMetaItems(r.Period.Label, r.Department, number, m, ""))
	var sec sections
	b.heading(sec.next("指标达成情况"))
	b.paragraphAt(marginX, b.width(), "对比期为"+r.Previous.Label+"；“较上年同期”类目标按上年同季度的数值判定。", sizeSmall, false)
	b.indicators(r.Indicators, "上季度")
	if len(r.Plan004) > 0 {
		b.heading(sec.next("优化方案指标"))
		b.paragraphAt(marginX, b.width(), "《客户沟通与需求管理优化方案》的目标；话术适配率、抽检合格率、整改率按季度内的沟通记录计算，不分部门。", sizeSmall, false)
		b.indicators(r.Plan004, "上季度")
	}
	b.heading(sec.next("目标达成对比"))
	b.targetBars(r.Indicators)
	if len(r.Months) > 0 {
		b.heading(sec.next("季度内各月走势"))
		b.monthBars(r.Months)
		b.rateLines(r.Months)
	}
	if len(r.Scores) > 0 {
		b.heading(sec.next("满意度分项"))
		b.scoreTable(r.Scores, "上季度")
	}
	if len(r.Types) > 0 {
		total := 0
		for _, c := range r.Types {
			total += c.Count
		}
		b.heading(sec.next("需求类型分布"))
		b.hbars(r.Types, total, 10)
	}
	if len(r.Departments) > 0 {
		b.heading(sec.next("各部门情况"))
		cols := []column{{"部门", 20, ""}}
		for _, d := range r.Groups {
			cols = append(cols, column{d.Name, 14, "R"})
		}
		rows := make([][]string, 0, len(r.Departments))
		for _, g := range r.Departments {
			name := g.Key
			if name == "" {
				name = "（未分配）"
			}
			row := []string{name}
			for i, v := range g.Values {
				row = append(row, report.Format(r.Groups[i], v.Value))
			}
			rows = append(rows, row)
		}
		b.table(cols, rows)
	}
	b.issuerTexts(&sec, "发现的问题", r.Findings, r.Texts.Problems, "本季度各项指标均达到目标，未发现需要专项整改的问题。",
		"改进措施", r.Texts.Measures)
	b.keep(func(b *builder) {
		b.definitions(r.Measured())
		b.signatures([]signBlock{{signer: Signer{Label: "编制（客服主管）"}}, {signer: Signer{Label: "审批（总经理）"}}})
	})
	return b.finish()
}

func openBacklog(bl []report.Backlog) []report.Backlog {
	var out []report.Backlog
	for _, b := range bl {
		if b.Count > 0 {
			out = append(out, b)
		}
	}
	return out
}

// indicators draws the table of measures: value, target, attainment, the
// previous period's value and the change.
func (b *builder) indicators(rs []report.Result, prevLabel string) {
	rows := make([][]string, 0, len(rs))
	for _, r := range rs {
		target, met := "—", "—"
		if r.Attainment.Target != nil {
			target, met = r.Attainment.Text, r.Attainment.Verdict()
			if r.Attainment.Change != nil {
				met += fmt.Sprintf("（%+.1f%%）", *r.Attainment.Change)
			}
		}
		change := report.Change(r.Def, r.Value.Value, r.Previous.Value)
		if change == "" {
			change = "—"
		}
		basis := ""
		if r.Kind == report.KindRate && r.Value.N > 0 {
			basis = fmt.Sprintf("%d/%d", r.Value.Hits, r.Value.N)
		} else if r.Kind == report.KindAverage && r.Value.N > 0 {
			basis = fmt.Sprintf("%d 条", r.Value.N)
		}
		rows = append(rows, []string{r.Name, report.Format(r.Def, r.Value.Value), basis, target, met,
			report.Format(r.Def, r.Previous.Value), change})
	}
	b.table([]column{{"指标", 19, ""}, {"本期", 13, "R"}, {"依据", 11, "R"}, {"目标", 17, "C"}, {"达成", 13, "C"},
		{prevLabel, 12, "R"}, {"变化", 21, "C"}}, rows)
}

func (b *builder) scoreTable(rs []report.Result, prevLabel string) {
	rows := make([][]string, 0, len(rs))
	for _, r := range rs {
		change := report.Change(r.Def, r.Value.Value, r.Previous.Value)
		if change == "" {
			change = "—"
		}
		rows = append(rows, []string{r.Name, report.Format(r.Def, r.Value.Value), fmt.Sprintf("%d 条", r.Value.N),
			report.Format(r.Def, r.Previous.Value), change})
	}
	b.table([]column{{"分项", 25, ""}, {"本期均分", 18, "R"}, {"反馈数", 15, "R"}, {prevLabel, 18, "R"}, {"变化", 24, "C"}}, rows)
}

// definitions lists how each measure of the report is made.
func (b *builder) definitions(rs []report.Result) {
	b.heading("附：指标口径")
	for _, r := range rs {
		b.paragraphAt(marginX, b.width(), r.Name+"："+r.Definition+"。", sizeSmall, false)
	}
	b.paragraphAt(marginX, b.width(), "统计口径：按需求的接收时间归入统计期间；比例以“命中数/统计数”计，统计数为 0 时记为“—”。", sizeSmall, false)
}

// hbars draws a horizontal bar chart of counts with their shares of total;
// beyond max items the rest are summed as 其他.
func (b *builder) hbars(items []report.Count, total, maxItems int) {
	if len(items) == 0 || total == 0 {
		b.paragraph("本期没有数据。", true)
		return
	}
	if len(items) > maxItems {
		rest := 0
		for _, c := range items[maxItems-1:] {
			rest += c.Count
		}
		items = append(append([]report.Count(nil), items[:maxItems-1]...), report.Count{Key: "其他", Count: rest})
	}
	top := 0
	for _, c := range items {
		top = max(top, c.Count)
	}
	barH, gap := 5.0, 2.2
	labelW := 34.0
	valueW := 30.0
	plotW := b.width() - labelW - valueW
	h := float64(len(items))*(barH+gap) + 4
	b.ensure(h)
	y := b.y + 2
	for i, c := range items {
		name := c.Key
		if name == "" {
			name = "（未填写）"
		}
		b.color(colText)
		b.aligned(marginX, y, labelW-3, barH, sizeSmall, clean(truncate(b, name, labelW-3, sizeSmall)), "R", false)
		w := plotW * float64(c.Count) / float64(top)
		b.fillColor(series[i%len(series)])
		b.f.Rect(marginX+labelW, y+0.4, math.Max(w, 0.4), barH-0.8, "F")
		b.color(colMuted)
		b.text(marginX+labelW+w+2, y, barH, sizeSmall, fmt.Sprintf("%d（%.1f%%）", c.Count, float64(c.Count)*100/float64(total)))
		y += barH + gap
	}
	b.drawColor(colGrid)
	b.f.SetLineWidth(0.2)
	b.f.Line(marginX+labelW, b.y+1, marginX+labelW, y)
	b.color(colText)
	b.y += h + 2
}

// truncate shortens s with … to fit w.
func truncate(b *builder, s string, w, size float64) string {
	if b.m.text(s, size) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 && b.m.text(string(rs)+"…", size) > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

// monthBars draws received and solved requests per month as paired bars.
func (b *builder) monthBars(months []report.MonthPoint) {
	top := 1
	for _, m := range months {
		top = max(top, m.Received, m.Solved)
	}
	scale := niceCeil(float64(top))
	chartH := 50.0
	axisW := 12.0
	h := chartH + 16
	b.ensure(h)
	x0, y0 := marginX+axisW, b.y+4
	plotW := b.width() - axisW
	b.axes(x0, y0, plotW, chartH, scale, "")
	slot := plotW / float64(len(months))
	barW := math.Min(slot*0.3, 9)
	for i, m := range months {
		cx := x0 + slot*(float64(i)+0.5)
		for j, v := range []int{m.Received, m.Solved} {
			bh := chartH * float64(v) / scale
			bx := cx - barW + float64(j)*barW
			b.fillColor(series[j])
			b.f.Rect(bx, y0+chartH-bh, barW-0.6, bh, "F")
			b.color(colMuted)
			b.aligned(bx-2, y0+chartH-bh-4, barW+3.4, 4, sizeTiny, fmt.Sprint(v), "C", false)
		}
		b.color(colText)
		b.aligned(cx-slot/2, y0+chartH+1, slot, 5, sizeTiny, monthLabel(m), "C", false)
	}
	b.legend(x0, y0+chartH+7, []string{"受理", "已解决"})
	b.y += h
}

// rateLines draws the on-time resolve rate and the satisfaction (as a share
// of 5 points) per month as lines over 0-100%.
func (b *builder) rateLines(months []report.MonthPoint) {
	chartH := 42.0
	axisW := 12.0
	h := chartH + 16
	b.ensure(h)
	x0, y0 := marginX+axisW, b.y+4
	plotW := b.width() - axisW
	b.axes(x0, y0, plotW, chartH, 100, "%")
	slot := plotW / float64(len(months))
	lines := []func(report.MonthPoint) *float64{
		func(m report.MonthPoint) *float64 { return m.OnTimeResolve },
		func(m report.MonthPoint) *float64 {
			if m.Satisfaction == nil {
				return nil
			}
			v := *m.Satisfaction * 20 // 5 points = 100%
			return &v
		},
	}
	for j, get := range lines {
		b.drawColor(series[j+2])
		b.fillColor(series[j+2])
		b.f.SetLineWidth(0.6)
		var px, py float64
		have := false
		for i, m := range months {
			v := get(m)
			if v == nil {
				have = false
				continue
			}
			x := x0 + slot*(float64(i)+0.5)
			y := y0 + chartH - chartH**v/100
			if have {
				b.f.Line(px, py, x, y)
			}
			b.f.Circle(x, y, 0.9, "F")
			b.color(colMuted)
			b.aligned(x-8, y-4.5, 16, 4, sizeTiny, fmt.Sprintf("%.1f", *v), "C", false)
			px, py, have = x, y, true
		}
	}
	for i, m := range months {
		b.color(colText)
		b.aligned(x0+slot*float64(i), y0+chartH+1, slot, 5, sizeTiny, monthLabel(m), "C", false)
	}
	b.legend(x0, y0+chartH+7, []string{"", "", "解决时限按时率", "满意度（均分折算百分制）"})
	b.y += h
}

// targetBars draws, for each measure with an absolute target in percent,
// its value as a bar with the target as a mark.
func (b *builder) targetBars(rs []report.Result) {
	var items []report.Result
	for _, r := range rs {
		if r.Unit == "%" && r.Attainment.Target != nil && !r.Attainment.Target.Relative {
			items = append(items, r)
		}
	}
	if len(items) == 0 {
		b.paragraph("没有以百分比设定的目标。", true)
		return
	}
	barH, gap := 5.5, 3.0
	labelW := 30.0
	valueW := 28.0
	plotW := b.width() - labelW - valueW
	h := float64(len(items))*(barH+gap) + 10
	b.ensure(h)
	y := b.y + 2
	for _, r := range items {
		b.color(colText)
		b.aligned(marginX, y, labelW-3, barH, sizeSmall, r.Name, "R", false)
		b.fillColor(colLabelBg)
		b.f.Rect(marginX+labelW, y+0.5, plotW, barH-1, "F")
		col := colMuted
		if r.Attainment.Met != nil {
			col = colMissed
			if *r.Attainment.Met {
				col = colMet
			}
		}
		v := 0.0
		if r.Value.Value != nil {
			v = *r.Value.Value
		}
		b.fillColor(col)
		b.f.Rect(marginX+labelW, y+0.5, plotW*math.Min(v, 100)/100, barH-1, "F")
		tx := marginX + labelW + plotW*r.Attainment.Target.Value/100
		b.drawColor(colText)
		b.f.SetLineWidth(0.5)
		b.f.Line(tx, y-0.5, tx, y+barH+0.5)
		b.color(colMuted)
		b.text(marginX+labelW+plotW+2, y, barH, sizeSmall, report.Format(r.Def, r.Value.Value)+" / "+r.Attainment.Text)
		y += barH + gap
	}
	b.color(colMuted)
	b.text(marginX+labelW, y, 4, sizeTiny, "竖线为目标值；绿色为达标，红色为未达标，灰色为本期无数据。")
	b.color(colText)
	b.y += h
}

// axes draws a value axis from 0 to top with four grid lines.
func (b *builder) axes(x0, y0, w, h, top float64, unit string) {
	b.f.SetLineWidth(0.15)
	for i := 0; i <= 4; i++ {
		y := y0 + h - h*float64(i)/4
		b.drawColor(colFaint)
		if i == 0 {
			b.drawColor(colGrid)
		}
		b.f.Line(x0, y, x0+w, y)
		b.color(colMuted)
		v := top * float64(i) / 4
		b.aligned(x0-12, y-2, 10.5, 4, sizeTiny, strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")+unit, "R", false)
	}
	b.color(colText)
}

// legend draws coloured keys for the named series; empty names are skipped.
func (b *builder) legend(x, y float64, names []string) {
	for i, n := range names {
		if n == "" {
			continue
		}
		b.fillColor(series[i%len(series)])
		b.f.Rect(x, y+1.2, 3, 3, "F")
		b.color(colMuted)
		b.text(x+4.5, y, 5.5, sizeTiny, n)
		x += 4.5 + b.m.text(n, sizeTiny) + 6
	}
	b.color(colText)
}

func monthLabel(m report.MonthPoint) string {
	if len(m.Key) == 7 {
		return strings.TrimPrefix(m.Key[5:], "0") + "月"
	}
	return m.Label
}

// niceCeil rounds a chart's top up to 1, 2 or 5 times a power of ten, at
// least 4 so the four grid lines fall on whole numbers.
func niceCeil(v float64) float64 {
	if v <= 4 {
		return 4
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 4, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
