package xlsx

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/report"
)

// rate is a percentage as a fraction cell, or "—".
func rate(v *float64) any {
	if v == nil {
		return "—"
	}
	return *v / 100
}

// opt is a value cell, or "—".
func opt(v *float64) any {
	if v == nil {
		return "—"
	}
	return *v
}

// WriteDiagnosis writes plan 004's 《客户沟通现状诊断报告》 as a workbook.
func WriteDiagnosis(w io.Writer, d *report.Diagnosis, info ReportInfo) error {
	b, err := newReportBook()
	if err != nil {
		return err
	}
	b.sheet("概要", "客户沟通现状诊断报告 "+d.Period.Label, []head{{"项目", 14, textCol}, {"内容", 90, wrapCol}},
		overview("客户沟通现状诊断报告", d.Period, d.Department, info, []any{"受理需求数", d.Received}, []any{"投诉件数", d.Complaints},
			[]any{"总体情况", d.Summary}))
	rows := make([][]any, 0, len(d.Channels))
	for _, ch := range d.Channels {
		std := ch.Standard
		if std == "" {
			std = "未设标准"
		}
		rows = append(rows, []any{ch.Channel, std, ch.Received, ch.Responded, opt(ch.AvgHours), opt(ch.MaxHours), ch.Measured, ch.Met,
			ch.Over(), rate(ch.Rate)})
	}
	b.sheet("渠道响应", "各渠道响应时长与标准", []head{{"渠道", 20, wrapCol}, {"标准", 18, textCol}, {"受理", 8, numberCol},
		{"已首次响应", 10, numberCol}, {"平均首次响应（小时）", 14, textCol}, {"最长（小时）", 12, textCol}, {"计时", 8, numberCol},
		{"按时", 8, numberCol}, {"超时", 8, numberCol}, {"按时率", 10, percentCol}}, rows)
	b.results("主要指标", "主要指标", "上期", d.Indicators)
	b.counts("投诉原因", "投诉原因", "原因", d.Causes)
	b.counts("投诉状态", "投诉处理状态", "状态", d.Statuses)
	rows = rows[:0]
	for _, rc := range append(append([]report.RecordCompleteness(nil), d.Records...), d.RecordTotal) {
		rows = append(rows, []any{rc.Channel, rc.Records, rc.Complete, rate(rc.Rate)})
	}
	for _, m := range d.Missing {
		rows = append(rows, []any{"缺项：" + m.Key, m.Count, "", ""})
	}
	b.sheet("记录完整性", fmt.Sprintf("沟通记录完整性（目标 ≥ %.0f%%）", report.RecordTarget), []head{{"渠道", 20, wrapCol},
		{"沟通记录", 10, numberCol}, {"完整", 10, numberCol}, {"完整率", 10, percentCol}}, rows)
	ck := d.Checks
	rows = [][]any{{"合计", ck.Scored, ck.Passed, rate(ck.Rate)}}
	for _, c := range ck.Channels {
		rows = append(rows, []any{c.Channel, c.Scored, c.Passed, rate(c.Rate)})
	}
	rows = append(rows, []any{"整改项（开出 / 已关闭）", ck.RectOpened, ck.RectClosed, ""})
	b.sheet("抽检结果", "质量抽检结果", []head{{"渠道", 24, wrapCol}, {"评分", 10, numberCol}, {"合格", 10, numberCol},
		{"合格率", 10, percentCol}}, rows)
	rows = rows[:0]
	for _, p := range ck.Points {
		rows = append(rows, []any{p.Label, p.Max, p.N, opt(p.Avg), rate(p.Share)})
	}
	b.sheet("检查项", "检查项得分", []head{{"检查项", 20, wrapCol}, {"满分", 8, numberCol}, {"评分数", 10, numberCol},
		{"平均得分", 10, textCol}, {"得分率", 10, percentCol}}, rows)
	rows = rows[:0]
	for _, q := range d.Quality {
		rows = append(rows, []any{q.Name, rate(q.Value), q.Den, q.Num, fmt.Sprintf("≥ %g%%", q.Target), verdict(q.Met), q.Definition})
	}
	b.sheet("沟通质量指标", "沟通质量指标", []head{{"指标", 14, wrapCol}, {"本期", 10, percentCol}, {"统计数", 10, numberCol},
		{"命中数", 10, numberCol}, {"目标", 10, textCol}, {"达成", 10, textCol}, {"口径", 60, wrapCol}}, rows)
	b.problems(d.Findings, d.Texts, "问题分析", "改进建议")
	b.definitions(d.Indicators)
	return b.finish(w)
}

func verdict(met *bool) string {
	switch {
	case met == nil:
		return report.VerdictUnknown
	case *met:
		return report.VerdictMet
	}
	return report.VerdictMissed
}

// problems writes the findings and the texts the issuer wrote.
func (b *reportBook) problems(findings []string, t report.Texts, problems, measures string) {
	rows := make([][]any, 0, len(findings)+2)
	for _, f := range findings {
		rows = append(rows, []any{"自动发现", f})
	}
	rows = append(rows, []any{problems, t.Problems}, []any{measures, t.Measures})
	b.sheet("问题与措施", "发现的问题与"+measures, []head{{"类别", 14, textCol}, {"内容", 90, wrapCol}}, rows)
}

// goalCell is a goal's value as a cell: a rate as a fraction, a time as a
// number, "—" for none.
func goalCell(d report.Def, v *float64) any {
	if v == nil {
		return "—"
	}
	if d.Unit == "%" {
		return *v / 100
	}
	return *v
}

// WriteAnnual writes plan 004's 《年度效果评估报告》 as a workbook.
func WriteAnnual(w io.Writer, a *report.Annual, info ReportInfo) error {
	b, err := newReportBook()
	if err != nil {
		return err
	}
	met, missed, unknown := a.GoalVerdicts()
	b.sheet("概要", "年度效果评估报告 "+a.Period.Label, []head{{"项目", 14, textCol}, {"内容", 90, wrapCol}},
		overview("年度效果评估报告", a.Period, a.Department, info, []any{"受理需求数", a.Received},
			[]any{"目标达成", fmt.Sprintf("评估 %d 项目标：全年达标 %d 项，未达标 %d 项，无法判定 %d 项", len(a.Goals), met, missed, unknown)}))
	heads := []head{{"目标指标", 18, wrapCol}, {"单位", 8, textCol}, {"目标", 18, wrapCol}}
	for _, p := range a.Phases {
		heads = append(heads, head{p.Period.Label, 14, nil}, head{p.Name + "达成", 10, textCol})
	}
	heads = append(heads, head{"全年", 12, nil}, head{"全年达成", 12, textCol}, head{"统计数", 10, numberCol}, head{"命中数", 10, numberCol})
	rows := make([][]any, 0, len(a.Goals))
	for _, g := range a.Goals {
		row := []any{g.Name, g.Unit, g.Target.Text}
		for _, p := range g.Phases {
			row = append(row, goalCell(g.Def, p.Value.Value), p.Attainment.Verdict())
		}
		row = append(row, goalCell(g.Def, g.Year.Value.Value), g.Year.Attainment.Verdict(), g.Year.Value.N, g.Year.Value.Hits)
		rows = append(rows, row)
	}
	b.sheet("目标达成", "目标与达成（分阶段）", heads, rows)
	valueCols := []int{4, 6, 8, 10}
	for i, g := range a.Goals {
		for _, col := range valueCols {
			cell, _ := excelize.CoordinatesToCellName(col, i+3)
			if b.err == nil {
				b.err = b.f.SetCellStyle("目标达成", cell, cell, b.valueStyle(g.Def))
			}
		}
	}
	heads = []head{{"目标指标", 18, wrapCol}}
	for _, m := range a.Months {
		heads = append(heads, head{m.Label, 11, nil})
	}
	rows = rows[:0]
	for _, g := range a.Goals {
		row := []any{g.Name}
		for _, v := range g.Months {
			row = append(row, goalCell(g.Def, v))
		}
		rows = append(rows, row)
	}
	b.sheet("逐月达成", "逐月达成情况", heads, rows)
	for i, g := range a.Goals {
		for j := range g.Months {
			cell, _ := excelize.CoordinatesToCellName(j+2, i+3)
			if b.err == nil {
				b.err = b.f.SetCellStyle("逐月达成", cell, cell, b.valueStyle(g.Def))
			}
		}
	}
	b.months("月度受理", "逐月受理与解决情况", a.Months)
	b.counts("投诉原因", "全年投诉原因", "原因", a.Complaints)
	b.problems(a.Findings, a.Texts, "存在的问题", "下一年度措施")
	rows = rows[:0]
	for _, g := range a.Goals {
		rows = append(rows, []any{g.Name, g.Definition})
	}
	rows = append(rows, []any{"统计口径", "需求按接收时间、沟通记录按书写时间、抽检按评分时间归入期间；短期为第 1-2 个月，中期为第 3-6 个月，长期为第 7-12 个月。"})
	b.sheet("指标口径", "指标口径", []head{{"指标", 18, wrapCol}, {"口径", 90, wrapCol}}, rows)
	return b.finish(w)
}
