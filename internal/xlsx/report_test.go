package xlsx_test

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// TestMonthlyWorkbook writes a monthly report and reads it back: one sheet
// per table, rates as percentages, and a proposal that looks like a formula
// kept as text.
func TestMonthlyWorkbook(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 10, d, 9, 0, 0, 0, time.Local) }
	rows := []report.Row{
		{RequestID: "a", Number: "XR-2026-001", Title: "系统对接失败", Received: day(1), Type: "问题(报障)", Status: request.StatusArchived,
			Resolved: day(2), ResultGiven: day(2), HandedOver: day(2), Surveyed: true, Feedback: &report.Scores{Overall: 5, Solved: true}},
		{RequestID: "b", Number: "XR-2026-002", Title: "系统对接报错", Received: day(3), Type: "问题(报障)", Status: request.StatusAnalysis},
	}
	evil := "=HYPERLINK(\"http://x\",\"点我\")"
	m := report.BuildMonthly(report.Input{Period: report.Month(2026, 10, time.Local), Rows: rows, Now: day(31), Config: report.DefaultConfig()},
		report.Texts{Proposals: map[string]string{"系统对接": evil}})
	var buf bytes.Buffer
	if err := xlsx.WriteMonthly(&buf, &m, xlsx.ReportInfo{Number: "YB-2026-10-V1", Status: "第 1 版"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"概要", "主要指标", "满意度分项", "类型分布", "渠道分布", "月度走势", "高频问题", "在办需求", "指标口径"}
	if got := f.GetSheetList(); len(got) != len(want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	// 问题解决率: 1 of 2 solved, shown as 50.0%.
	found := false
	for r := 3; r < 3+len(m.Indicators); r++ {
		name, _ := f.GetCellValue("主要指标", "A"+strconv.Itoa(r))
		if name != "问题解决率" {
			continue
		}
		raw, _ := f.GetCellValue("主要指标", "B"+strconv.Itoa(r), excelize.Options{RawCellValue: true})
		shown, _ := f.GetCellValue("主要指标", "B"+strconv.Itoa(r))
		found = true
		if raw != "0.5" || shown != "50%" {
			t.Errorf("问题解决率 raw %q shown %q", raw, shown)
		}
	}
	if !found {
		t.Error("no 问题解决率 row")
	}
	cell := "E3"
	v, _ := f.GetCellValue("高频问题", cell)
	formula, _ := f.GetCellFormula("高频问题", cell)
	style, _ := f.GetCellStyle("高频问题", cell)
	xf := f.Styles.CellXfs.Xf[style]
	if v != evil || formula != "" || xf.QuotePrefix == nil || !*xf.QuotePrefix {
		t.Errorf("proposal cell %q formula %q quote %v", v, formula, xf.QuotePrefix)
	}
}
