package pdf

import (
	"fmt"
	"math"
	"strings"

	"github.com/reqdesk/reqdesk/internal/report"
)

// Plan 004's two reports: 《客户沟通现状诊断报告》 and 《年度效果评估报告》.

// pctText shows a percentage or "—".
func pctText(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *v)
}

// hoursText shows a time in hours as minutes, hours or days, whichever
// reads best: "2.5 分钟", "3.2 小时", "1.5 天".
func hoursText(v *float64) string {
	if v == nil {
		return "—"
	}
	h := *v
	switch {
	case h < 1:
		return fmt.Sprintf("%.1f 分钟", h*60)
	case h < 48:
		return fmt.Sprintf("%.1f 小时", h)
	}
	return fmt.Sprintf("%.1f 天", h/24)
}

// rateItem is one bar of a chart of rates: its label, value in percent,
// the target it is judged by (a mark) and a note beside it.
type rateItem struct {
	label  string
	value  *float64
	target *float64
	met    *bool
	note   string
}

// rateBars draws rates over 0-100% as horizontal bars, green when their
// target is met, red when missed, blue without a target, with the target
// as a mark.
func (b *builder) rateBars(items []rateItem, legend string) {
	if len(items) == 0 {
		b.paragraph("本期没有数据。", true)
		return
	}
	barH, gap := 5.0, 2.6
	labelW, valueW := 36.0, 36.0
	plotW := b.width() - labelW - valueW
	h := float64(len(items))*(barH+gap) + 8
	b.ensure(h)
	y := b.y + 2
	for _, it := range items {
		b.color(colText)
		b.aligned(marginX, y, labelW-3, barH, sizeSmall, clean(truncate(b, it.label, labelW-3, sizeSmall)), "R", false)
		b.fillColor(colLabelBg)
		b.f.Rect(marginX+labelW, y+0.5, plotW, barH-1, "F")
		col := series[0]
		switch {
		case it.value == nil:
			col = colMuted
		case it.met != nil && *it.met:
			col = colMet
		case it.met != nil:
			col = colMissed
		}
		if it.value != nil {
			b.fillColor(col)
			b.f.Rect(marginX+labelW, y+0.5, math.Max(plotW*math.Min(*it.value, 100)/100, 0.4), barH-1, "F")
		}
		if it.target != nil {
			tx := marginX + labelW + plotW*math.Min(*it.target, 100)/100
			b.drawColor(colText)
			b.f.SetLineWidth(0.5)
			b.f.Line(tx, y-0.5, tx, y+barH+0.5)
		}
		b.color(colMuted)
		b.text(marginX+labelW+plotW+2, y, barH, sizeSmall, clean(truncate(b, pctText(it.value)+" "+it.note, valueW-2, sizeSmall)))
		y += barH + gap
	}
	if legend != "" {
		b.color(colMuted)
		b.text(marginX+labelW, y, 4, sizeTiny, legend)
	}
	b.color(colText)
	b.y += h
}

// RenderDiagnosis prints plan 004's 《客户沟通现状诊断报告》.
func RenderDiagnosis(company Company, r *report.Diagnosis, m ReportMeta) (Output, error) {
	b := newBuilder("P", company, m.GeneratedAt)
	number := ReportNumber(report.KindDiagnosis, r.Period.Key, r.Department, m.Version)
	b.setHead(reportHead("客户沟通现状诊断报告", number, m))
	b.newPage()
	b.titleBlock("客户沟通现状诊断报告", b.reportMetaItems(r.Period.Label, r.Department, number, m, ""))
	var sec sections
	b.heading(sec.next("总体情况"))
	b.paragraph(r.Summary, true)

	b.heading(sec.next("各渠道响应时长与标准"))
	b.paragraphAt(marginX, b.width(), "标准取自《客户沟通与需求管理优化方案》（时限设置 → 渠道与跨部门时限可改）；按时率按已完成或已超时的时限计，首次响应时长为接收到第一次回复客户的自然时长。", sizeSmall, false)
	rows := make([][]string, 0, len(r.Channels))
	var bars []rateItem
	for _, ch := range r.Channels {
		std := ch.Standard
		if std == "" {
			std = "未设标准"
		}
		recv := "—"
		if ch.Received > 0 {
			recv = fmt.Sprint(ch.Received)
		}
		basis := "—"
		if ch.Measured > 0 {
			basis = fmt.Sprintf("%d/%d", ch.Met, ch.Measured)
		}
		rows = append(rows, []string{ch.Channel, std, recv, hoursText(ch.AvgHours), hoursText(ch.MaxHours), basis,
			fmt.Sprint(ch.Over()), pctText(ch.Rate)})
		if ch.Standard != "" {
			hundred := 100.0
			met := ch.Measured > 0 && ch.Over() == 0
			it := rateItem{label: ch.Channel, value: ch.Rate, target: &hundred, note: fmt.Sprintf("（%d/%d）", ch.Met, ch.Measured)}
			if ch.Measured > 0 {
				it.met = &met
			}
			bars = append(bars, it)
		}
	}
	b.table([]column{{"渠道", 22, ""}, {"标准", 20, "C"}, {"受理", 9, "R"}, {"平均首次响应", 15, "R"}, {"最长", 13, "R"},
		{"按时/计时", 12, "R"}, {"超时", 8, "R"}, {"按时率", 11, "R"}}, rows)
	if len(bars) > 0 {
		b.rateBars(bars, "各渠道按时率；竖线为 100%（全部在标准内），绿色为全部按时，红色为有超时。")
	}

	b.heading(sec.next("主要指标"))
	b.indicators(r.Indicators, "上期")

	b.heading(sec.next("投诉原因分析"))
	if r.Complaints == 0 {
		b.paragraph("本期没有登记投诉。", true)
	} else {
		b.paragraphAt(marginX, b.width(), fmt.Sprintf("本期登记投诉 %d 件（按登记时间统计），按原因：", r.Complaints), sizeBody, false)
		b.hbars(r.Causes, r.Complaints, 10)
		var st []string
		for _, c := range r.Statuses {
			st = append(st, fmt.Sprintf("%s %d 件", c.Key, c.Count))
		}
		b.paragraphAt(marginX, b.width(), "处理状态："+strings.Join(st, "，")+"。", sizeSmall, false)
	}

	b.heading(sec.next("沟通记录完整性"))
	b.paragraphAt(marginX, b.width(), fmt.Sprintf("一条沟通记录写明了沟通对象、沟通内容和下一步即为完整；目标 ≥ %.0f%%。", report.RecordTarget), sizeSmall, false)
	if r.RecordTotal.Records == 0 {
		b.paragraph("本期没有沟通记录。", true)
	} else {
		rows = rows[:0]
		target := report.RecordTarget
		bars = bars[:0]
		for _, rc := range append(append([]report.RecordCompleteness(nil), r.Records...), r.RecordTotal) {
			rows = append(rows, []string{rc.Channel, fmt.Sprint(rc.Records), fmt.Sprint(rc.Complete), pctText(rc.Rate)})
			met := rc.Rate != nil && *rc.Rate >= target
			bars = append(bars, rateItem{label: rc.Channel, value: rc.Rate, target: &target, met: &met,
				note: fmt.Sprintf("（%d/%d）", rc.Complete, rc.Records)})
		}
		b.table([]column{{"渠道", 30, ""}, {"沟通记录", 20, "R"}, {"完整", 20, "R"}, {"完整率", 20, "R"}}, rows)
		b.rateBars(bars, fmt.Sprintf("竖线为目标 %.0f%%；绿色为达标，红色为未达标。", target))
		if len(r.Missing) > 0 {
			var ms []string
			for _, c := range r.Missing {
				ms = append(ms, fmt.Sprintf("%s %d 条", c.Key, c.Count))
			}
			b.paragraphAt(marginX, b.width(), "不完整记录的缺项："+strings.Join(ms, "，")+"。", sizeSmall, false)
		}
	}

	b.heading(sec.next("质量抽检结果"))
	ck := r.Checks
	if ck.Scored == 0 {
		b.paragraph("本期没有评分的抽检记录。", true)
	} else {
		b.paragraphAt(marginX, b.width(), fmt.Sprintf("本期评分抽检记录 %d 条，合格 %d 条，合格率 %s；不合格开出整改 %d 项，已关闭 %d 项。",
			ck.Scored, ck.Passed, pctText(ck.Rate), ck.RectOpened, ck.RectClosed), sizeBody, false)
		rows = rows[:0]
		for _, c := range ck.Channels {
			rows = append(rows, []string{c.Channel, fmt.Sprint(c.Scored), fmt.Sprint(c.Passed), pctText(c.Rate)})
		}
		b.table([]column{{"渠道", 30, ""}, {"评分", 20, "R"}, {"合格", 20, "R"}, {"合格率", 20, "R"}}, rows)
		bars = bars[:0]
		for _, p := range ck.Points {
			avg := "—"
			if p.Avg != nil {
				avg = fmt.Sprintf("（均分 %.2f/%d）", *p.Avg, p.Max)
			}
			bars = append(bars, rateItem{label: p.Label, value: p.Share, note: avg})
		}
		if len(bars) > 0 {
			b.paragraphAt(marginX, b.width(), "检查项得分率（平均得分占满分的比例）：", sizeSmall, false)
			b.rateBars(bars, "")
		}
	}
	if len(r.Quality) > 0 {
		rows = rows[:0]
		for _, q := range r.Quality {
			verdict := "无法判定"
			if q.Met != nil {
				verdict = map[bool]string{true: report.VerdictMet, false: report.VerdictMissed}[*q.Met]
			}
			rows = append(rows, []string{q.Name, pctText(q.Value), fmt.Sprintf("%d/%d", q.Num, q.Den), fmt.Sprintf("≥ %g%%", q.Target), verdict})
		}
		b.table([]column{{"沟通质量指标", 30, ""}, {"本期", 18, "R"}, {"依据", 16, "R"}, {"目标", 16, "C"}, {"达成", 16, "C"}}, rows)
	}

	b.issuerTexts(&sec, "发现的问题", r.Findings, r.Texts.Problems, "本期各渠道均在标准内响应，未发现需要专项改进的问题。",
		"改进建议", r.Texts.Measures)
	b.keep(func(b *builder) {
		b.definitions(r.Indicators)
		for _, q := range r.Quality {
			b.paragraphAt(marginX, b.width(), q.Name+"："+q.Definition+"。", sizeSmall, false)
		}
		b.signatures([]signBlock{{signer: Signer{Label: "编制（客户部）"}}, {signer: Signer{Label: "审核（品质部）"}}})
	})
	return b.finish()
}

// goalValue shows a goal's value: a rate in percent, a time in hours.
func goalValue(d report.Def, v *float64) string {
	if v == nil {
		return "—"
	}
	if d.Unit == "%" {
		return fmt.Sprintf("%.1f%%", *v)
	}
	return fmt.Sprintf("%.1f", *v)
}

func verdictOf(a report.Attainment) string {
	v := a.Verdict()
	if v == "" {
		return "—"
	}
	if a.Change != nil {
		v += fmt.Sprintf("（%+.1f%%）", *a.Change)
	}
	return v
}

// RenderAnnual prints plan 004's 《年度效果评估报告》.
func RenderAnnual(company Company, r *report.Annual, m ReportMeta) (Output, error) {
	b := newBuilder("P", company, m.GeneratedAt)
	number := ReportNumber(report.KindAnnual, r.Period.Key, r.Department, m.Version)
	b.setHead(reportHead("年度效果评估报告", number, m))
	b.newPage()
	b.titleBlock("年度效果评估报告", b.reportMetaItems(r.Period.Label, r.Department, number, m, ""))
	var sec sections
	b.heading(sec.next("总体情况"))
	met, missed, unknown := r.GoalVerdicts()
	var ph []string
	for _, p := range r.Phases {
		ph = append(ph, p.Period.Label)
	}
	b.paragraph(fmt.Sprintf("%s共受理客户需求 %d 条。按《客户沟通与需求管理优化方案》的%s三个阶段评估 %d 项目标：全年达标 %d 项，未达标 %d 项，无法判定 %d 项。",
		r.Period.Label, r.Received, strings.Join(ph, "、"), len(r.Goals), met, missed, unknown), true)

	b.heading(sec.next("目标与达成（分阶段）"))
	b.paragraphAt(marginX, b.width(), "“较上年同期”类目标按上年同一阶段的数值判定；沟通质量指标（话术适配率、抽检合格率、整改率）按沟通记录计算。", sizeSmall, false)
	cols := []column{{"目标指标", 24, ""}, {"目标", 18, "C"}}
	for _, p := range r.Phases {
		cols = append(cols, column{p.Period.Label, 13, "R"})
	}
	cols = append(cols, column{"全年", 12, "R"}, column{"全年达成", 16, "C"})
	rows := make([][]string, 0, len(r.Goals))
	for _, g := range r.Goals {
		row := []string{g.Name + unitNote(g.Def), g.Target.Text}
		for _, p := range g.Phases {
			row = append(row, goalValue(g.Def, p.Value.Value)+phaseMark(p.Attainment))
		}
		row = append(row, goalValue(g.Def, g.Year.Value.Value), verdictOf(g.Year.Attainment))
		rows = append(rows, row)
	}
	b.table(cols, rows)
	b.paragraphAt(marginX, b.width(), "阶段数值后的 ✓ 表示该阶段达标，✗ 表示未达标。", sizeTiny, false)

	b.heading(sec.next("各阶段达成对比"))
	b.phaseBars(r)

	b.heading(sec.next("逐月达成情况"))
	b.paragraphAt(marginX, b.width(), "比例类指标单位为 %，时长类指标单位见指标名；“—”为该月没有可计算的数据。", sizeSmall, false)
	// The months narrow enough for "100.0" on one line.
	mcols := []column{{"目标指标", 24, ""}}
	for _, mp := range r.Months {
		mcols = append(mcols, column{monthLabel(mp), 12.5, "R"})
	}
	rows = rows[:0]
	for _, g := range r.Goals {
		row := []string{g.Name + unitNote(g.Def)}
		for _, v := range g.Months {
			row = append(row, strings.TrimSuffix(goalValue(g.Def, v), "%"))
		}
		rows = append(rows, row)
	}
	b.table(mcols, rows)
	b.keep(func(b *builder) {
		b.paragraphAt(marginX, b.width(), "逐月受理与解决的需求：", sizeSmall, false)
		b.monthBars(r.Months)
	})
	b.goalLines(r)

	if len(r.Complaints) > 0 {
		b.heading(sec.next("全年投诉原因"))
		total := 0
		for _, c := range r.Complaints {
			total += c.Count
		}
		b.hbars(r.Complaints, total, 10)
	}

	b.issuerTexts(&sec, "存在的问题", r.Findings, r.Texts.Problems, "全年各项目标均已达成。", "下一年度措施", r.Texts.Measures)
	b.keep(func(b *builder) {
		b.heading("附：指标口径")
		for _, g := range r.Goals {
			b.paragraphAt(marginX, b.width(), g.Name+"："+g.Definition+"。", sizeSmall, false)
		}
		b.paragraphAt(marginX, b.width(), "统计口径：需求按接收时间、沟通记录按书写时间、抽检按评分时间归入期间；短期为第 1-2 个月，中期为第 3-6 个月，长期为第 7-12 个月。", sizeSmall, false)
		b.signatures([]signBlock{{signer: Signer{Label: "编制（客户部）"}}, {signer: Signer{Label: "审批（总经理）"}}})
	})
	return b.finish()
}

func unitNote(d report.Def) string {
	if d.Unit == "%" || d.Unit == "" {
		return ""
	}
	return "（" + d.Unit + "）"
}

func phaseMark(a report.Attainment) string {
	if a.Met == nil {
		return ""
	}
	if *a.Met {
		return " ✓"
	}
	return " ✗"
}

// phaseBars draws, for each goal in percent with an absolute target, its
// value in each stage and over the year as bars with the target as a line.
func (b *builder) phaseBars(r *report.Annual) {
	var goals []report.Goal
	for _, g := range r.Goals {
		if g.Unit == "%" && g.Target.Target != nil && !g.Target.Target.Relative {
			goals = append(goals, g)
		}
	}
	if len(goals) == 0 {
		b.paragraph("没有以百分比设定的目标。", true)
		return
	}
	// The year in teal (series[5]), not in the red that says "missed".
	names := make([]string, len(series))
	colour := make([]int, 0, len(r.Phases)+1)
	for i, p := range r.Phases {
		names[i] = p.Name
		colour = append(colour, i)
	}
	names[5] = "全年"
	colour = append(colour, 5)
	barH, gap, groupGap := 3.2, 0.6, 3.0
	labelW, valueW := 30.0, 14.0
	plotW := b.width() - labelW - valueW
	b.ensure(12)
	b.legend(marginX+labelW, b.y, names)
	b.y += 7
	for _, g := range goals {
		vals := make([]report.Reached, 0, 4)
		vals = append(vals, g.Phases...)
		vals = append(vals, g.Year)
		h := float64(len(vals))*(barH+gap) + groupGap
		b.ensure(h)
		y := b.y
		b.color(colText)
		b.aligned(marginX, y, labelW-3, float64(len(vals))*(barH+gap), sizeSmall, g.Name, "R", false)
		for i, v := range vals {
			b.fillColor(colLabelBg)
			b.f.Rect(marginX+labelW, y, plotW, barH, "F")
			if v.Value.Value != nil {
				b.fillColor(series[colour[min(i, len(colour)-1)]])
				b.f.Rect(marginX+labelW, y, math.Max(plotW*math.Min(*v.Value.Value, 100)/100, 0.4), barH, "F")
			}
			b.color(colMuted)
			b.text(marginX+labelW+plotW+1.5, y-0.6, barH+1, sizeTiny, pctText(v.Value.Value))
			y += barH + gap
		}
		tx := marginX + labelW + plotW*math.Min(g.Target.Target.Value, 100)/100
		b.drawColor(colText)
		b.f.SetLineWidth(0.5)
		b.f.Line(tx, b.y-0.8, tx, y)
		b.y += h
	}
	b.color(colMuted)
	b.text(marginX+labelW, b.y, 4, sizeTiny, "竖线为目标值。")
	b.color(colText)
	b.y += 7
}

// goalLines draws up to four goals in percent with an absolute target,
// those with data, month by month over 0-100%.
func (b *builder) goalLines(r *report.Annual) {
	var goals []report.Goal
	for _, g := range r.Goals {
		if g.Unit != "%" || len(goals) == 4 || g.Target.Target == nil || g.Target.Target.Relative {
			continue
		}
		have := false
		for _, v := range g.Months {
			have = have || v != nil
		}
		if have {
			goals = append(goals, g)
		}
	}
	if len(goals) == 0 || len(r.Months) == 0 {
		return
	}
	chartH, axisW := 46.0, 12.0
	h := chartH + 22
	b.ensure(h)
	b.paragraphAt(marginX, b.width(), "主要目标逐月走势：", sizeSmall, false)
	x0, y0 := marginX+axisW, b.y+4
	plotW := b.width() - axisW
	b.axes(x0, y0, plotW, chartH, 100, "%")
	slot := plotW / float64(len(r.Months))
	names := make([]string, 0, len(goals))
	for j, g := range goals {
		names = append(names, g.Name)
		col := series[j%len(series)]
		b.drawColor(col)
		b.fillColor(col)
		b.f.SetLineWidth(0.6)
		var px, py float64
		have := false
		for i, v := range g.Months {
			if v == nil {
				have = false
				continue
			}
			x := x0 + slot*(float64(i)+0.5)
			y := y0 + chartH - chartH*math.Min(*v, 100)/100
			if have {
				b.f.Line(px, py, x, y)
			}
			b.f.Circle(x, y, 0.8, "F")
			px, py, have = x, y, true
		}
	}
	for i, mp := range r.Months {
		b.color(colText)
		b.aligned(x0+slot*float64(i), y0+chartH+1, slot, 5, sizeTiny, monthLabel(mp), "C", false)
	}
	b.legend(x0, y0+chartH+7, names)
	b.y += h
}
