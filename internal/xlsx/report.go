package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/report"
)

// ReportInfo identifies the printing of a report in its workbook.
type ReportInfo struct {
	Number string // the report number, as on the PDF
	Status string // 草稿 or 第 N 版，出具人，日期
}

// reportBook writes a report's tables, one sheet each.
type reportBook struct {
	f   *excelize.File
	st  *styles
	err error
}

func newReportBook() (*reportBook, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	return &reportBook{f: f, st: st}, nil
}

// sheet adds a sheet with a title line, a header row and rows; numbers stay
// numbers, text that could be read as a formula is kept as text.
func (b *reportBook) sheet(name, title string, heads []head, rows [][]any) {
	if b.err != nil {
		return
	}
	first := b.f.GetSheetName(0)
	if first == "Sheet1" {
		b.err = b.f.SetSheetName(first, name)
	} else {
		_, b.err = b.f.NewSheet(name)
	}
	if b.err != nil {
		return
	}
	set := func(col, row int, v any, style int) {
		if b.err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		if s, ok := v.(string); ok && risky(s) {
			if style, b.err = b.st.quote(style); b.err != nil {
				return
			}
		}
		if b.err = b.f.SetCellValue(name, cell, v); b.err == nil {
			b.err = b.f.SetCellStyle(name, cell, cell, style)
		}
	}
	set(1, 1, title, b.st.title)
	for i, h := range heads {
		set(i+1, 2, h.title, b.st.header)
		colName, _ := excelize.ColumnNumberToName(i + 1)
		if b.err == nil {
			b.err = b.f.SetColWidth(name, colName, colName, h.width)
		}
	}
	for r, row := range rows {
		for c, v := range row {
			style := b.st.wrap
			if c < len(heads) && heads[c].style != nil {
				style = heads[c].style(b.st)
			}
			set(c+1, r+3, v, style)
		}
	}
	if b.err == nil && len(heads) > 0 {
		b.err = b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	}
}

func (b *reportBook) finish(w io.Writer) error {
	if b.err != nil {
		return b.err
	}
	defer b.f.Close()
	b.f.SetActiveSheet(0)
	return b.f.Write(w)
}

// num is a measure's value as a number cell (a rate as a fraction, shown
// as a percentage), or "—" when nothing was measured.
func num(d report.Def, v *float64) any {
	if v == nil {
		return "—"
	}
	if d.Unit == "%" {
		return *v / 100
	}
	return *v
}

func valueHeads(first string) []head {
	return []head{{first, 18, wrapCol}, {"本期", 12, nil}, {"单位", 8, textCol}, {"统计数", 10, numberCol},
		{"命中数", 10, numberCol}, {"目标", 18, wrapCol}, {"达成", 12, textCol}, {"对比期", 12, nil}, {"变化", 20, wrapCol}}
}

// valueStyle gives rates a percent format and other measures two decimals.
func (b *reportBook) valueStyle(d report.Def) int {
	if d.Unit == "%" {
		return b.st.percent
	}
	return b.st.text
}

// results writes measures with their targets and change on one sheet.
func (b *reportBook) results(name, title, against string, rs []report.Result) {
	heads := valueHeads("指标")
	heads[7].title = against
	rows := make([][]any, 0, len(rs))
	for _, r := range rs {
		target, met := "", r.Attainment.Verdict()
		if r.Attainment.Target != nil {
			target = r.Attainment.Text
		}
		rows = append(rows, []any{r.Name, num(r.Def, r.Value.Value), r.Unit, r.Value.N, r.Value.Hits, target, met,
			num(r.Def, r.Previous.Value), report.Change(r.Def, r.Value.Value, r.Previous.Value)})
	}
	b.sheet(name, title, heads, rows)
	// Each value cell takes its measure's format.
	for i, r := range rs {
		for _, col := range []string{"B", "H"} {
			cell := fmt.Sprintf("%s%d", col, i+3)
			if b.err == nil {
				b.err = b.f.SetCellStyle(name, cell, cell, b.valueStyle(r.Def))
			}
		}
	}
}

func (b *reportBook) counts(name, title, dim string, cs []report.Count) {
	total := 0
	for _, c := range cs {
		total += c.Count
	}
	rows := make([][]any, 0, len(cs))
	for _, c := range cs {
		key := c.Key
		if key == "" {
			key = "（未填写）"
		}
		rows = append(rows, []any{key, c.Count, float64(c.Count) / float64(max(total, 1))})
	}
	b.sheet(name, title, []head{{dim, 24, wrapCol}, {"需求数", 12, numberCol}, {"占比", 12, percentCol}}, rows)
}

func (b *reportBook) months(name, title string, ms []report.MonthPoint) {
	rows := make([][]any, 0, len(ms))
	opt := func(v *float64, scale float64) any {
		if v == nil {
			return "—"
		}
		return *v / scale
	}
	for _, m := range ms {
		rows = append(rows, []any{m.Label, m.Received, m.Solved, opt(m.OnTimeResolve, 100), opt(m.Satisfaction, 1), opt(m.ResponseHours, 1)})
	}
	b.sheet(name, title, []head{{"月份", 14, textCol}, {"受理", 10, numberCol}, {"已解决", 10, numberCol},
		{"解决按时率", 12, percentCol}, {"满意度均分", 12, textCol}, {"平均响应时长（小时）", 18, textCol}}, rows)
}

func (b *reportBook) definitions(rs []report.Result) {
	rows := make([][]any, 0, len(rs)+1)
	for _, r := range rs {
		rows = append(rows, []any{r.Name, r.Definition})
	}
	rows = append(rows, []any{"统计口径", "按需求的接收时间归入统计期间；比例以“命中数/统计数”计，统计数为 0 时记为“—”。"})
	b.sheet("指标口径", "指标口径", []head{{"指标", 18, wrapCol}, {"口径", 90, wrapCol}}, rows)
}

func overview(title string, p report.Period, dept string, info ReportInfo, extra ...[]any) [][]any {
	if dept == "" {
		dept = "全部部门"
	}
	rows := [][]any{{"报告", title}, {"统计期间", p.Label}, {"统计范围", dept}, {"报告编号", info.Number}, {"状态", info.Status}}
	return append(rows, extra...)
}

// WriteMonthly writes the monthly analysis report as a workbook.
func WriteMonthly(w io.Writer, m *report.Monthly, info ReportInfo) error {
	b, err := newReportBook()
	if err != nil {
		return err
	}
	b.sheet("概要", "客户需求分析报告 "+m.Period.Label, []head{{"项目", 14, textCol}, {"内容", 90, wrapCol}},
		overview("客户需求分析报告", m.Period, m.Department, info, []any{"报送期限", m.Due}, []any{"受理需求数", m.Received},
			[]any{"总体情况", m.Summary}))
	b.results("主要指标", "主要指标", "上月", m.Indicators)
	b.results("满意度分项", "满意度分项", "上月", m.Scores)
	b.counts("类型分布", "需求类型分布", "需求类型", m.Types)
	b.counts("渠道分布", "需求渠道分布", "渠道", m.Channels)
	b.months("月度走势", "近六个月受理与解决情况", m.Months)
	rows := make([][]any, 0, len(m.Problems))
	for i, p := range m.Problems {
		rows = append(rows, []any{i + 1, p.Term, p.Count, strings.Join(p.Examples, "、"), p.Proposal})
	}
	b.sheet("高频问题", "高频问题与改进建议", []head{{"序号", 6, numberCol}, {"问题", 18, wrapCol}, {"需求数", 10, numberCol},
		{"涉及需求", 40, wrapCol}, {"改进建议", 60, wrapCol}}, rows)
	b.backlog(m.Backlog)
	b.definitions(m.Indicators)
	return b.finish(w)
}

func (b *reportBook) backlog(bl []report.Backlog) {
	rows := make([][]any, 0, len(bl))
	for _, s := range bl {
		row := []any{s.Name, s.Count}
		for _, n := range s.ByAge {
			row = append(row, n)
		}
		rows = append(rows, row)
	}
	b.sheet("在办需求", "在办需求（生成时）", []head{{"阶段", 16, textCol}, {"合计", 10, numberCol}, {"不足1天", 10, numberCol},
		{"1-3天", 10, numberCol}, {"3-7天", 10, numberCol}, {"7-30天", 10, numberCol}, {"30天以上", 10, numberCol}}, rows)
}

// WriteQuarterly writes the quarterly evaluation report as a workbook.
func WriteQuarterly(w io.Writer, q *report.Quarterly, info ReportInfo) error {
	b, err := newReportBook()
	if err != nil {
		return err
	}
	b.sheet("概要", "客户需求响应季度评估报告 "+q.Period.Label, []head{{"项目", 14, textCol}, {"内容", 90, wrapCol}},
		overview("客户需求响应季度评估报告", q.Period, q.Department, info, []any{"对比期", q.Previous.Label}))
	b.results("指标达成", "指标达成情况", "上季度", q.Indicators)
	if len(q.Plan004) > 0 {
		b.results("优化方案指标", "优化方案指标", "上季度", q.Plan004)
	}
	b.results("满意度分项", "满意度分项", "上季度", q.Scores)
	b.months("月度走势", "季度内各月走势", q.Months)
	b.counts("类型分布", "需求类型分布", "需求类型", q.Types)
	heads := []head{{"部门", 16, wrapCol}}
	for _, d := range q.Groups {
		heads = append(heads, head{d.Name + "（" + d.Unit + "）", 14, nil})
	}
	rows := make([][]any, 0, len(q.Departments))
	for _, g := range q.Departments {
		name := g.Key
		if name == "" {
			name = "（未分配）"
		}
		row := []any{name}
		for i, v := range g.Values {
			row = append(row, num(q.Groups[i], v.Value))
		}
		rows = append(rows, row)
	}
	b.sheet("各部门", "各部门情况", heads, rows)
	for i := range rows {
		for j, d := range q.Groups {
			cell, _ := excelize.CoordinatesToCellName(j+2, i+3)
			if b.err == nil {
				b.err = b.f.SetCellStyle("各部门", cell, cell, b.valueStyle(d))
			}
		}
	}
	findings := make([][]any, 0, len(q.Findings)+2)
	for _, f := range q.Findings {
		findings = append(findings, []any{"自动发现", f})
	}
	findings = append(findings, []any{"发现的问题", q.Texts.Problems}, []any{"改进措施", q.Texts.Measures})
	b.sheet("问题与措施", "发现的问题与改进措施", []head{{"类别", 14, textCol}, {"内容", 90, wrapCol}}, findings)
	b.definitions(q.Measured())
	return b.finish(w)
}
