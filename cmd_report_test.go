package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestReportCommand writes the monthly and quarterly reports of a demo
// database as PDF and Excel, issues a version, and refuses bad periods.
func TestReportCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	files := t.TempDir()
	if out, err := run(t, "demo", "--customers", "4", "--requests", "40", "--data", dir); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	month := time.Now().Format("2006-01")
	quarter := time.Now().Format("2006") + "Q" + string(rune('1'+(time.Now().Month()-1)/3))

	pdfOut := filepath.Join(files, "月报.pdf")
	msg, err := run(t, "report", "monthly", month, "-o", pdfOut, "--data", dir)
	if err != nil || !strings.Contains(msg, "客户需求分析报告 YB-"+month+"-草稿") {
		t.Fatalf("monthly: %v %q", err, msg)
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", pdfOut, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v (poppler-utils is installed by make test)", err)
	}
	for _, w := range []string{"客户需求分析报告", "主要指标", "平均处理时长", "首次解决率", "高频问题与改进建议"} {
		if !strings.Contains(string(txt), w) {
			t.Errorf("monthly PDF lacks %q", w)
		}
	}

	xlsxOut := filepath.Join(files, "季报.xlsx")
	msg, err = run(t, "report", "quarterly", quarter, "--issue", "-o", xlsxOut, "--data", dir)
	if err != nil || !strings.Contains(msg, "JB-"+quarter+"-V1") || !strings.Contains(msg, "第 1 版") {
		t.Fatalf("quarterly: %v %q", err, msg)
	}
	f, err := excelize.OpenFile(xlsxOut)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := strings.Join(f.GetSheetList(), ",")
	if sheets != "概要,指标达成,优化方案指标,满意度分项,月度走势,类型分布,各部门,问题与措施,指标口径" {
		t.Errorf("sheets %s", sheets)
	}
	if v, _ := f.GetCellValue("指标达成", "A3"); v != "受理需求数" {
		t.Errorf("first indicator %q", v)
	}
	// Without --issue the issued version is what gets written again.
	msg, err = run(t, "report", "quarterly", quarter, "-o", filepath.Join(files, "again.pdf"), "--data", dir)
	if err != nil || !strings.Contains(msg, "JB-"+quarter+"-V1") {
		t.Fatalf("issued again: %v %q", err, msg)
	}
	msg, err = run(t, "report", "quarterly", quarter, "--draft", "-o", filepath.Join(files, "draft.pdf"), "--data", dir)
	if err != nil || !strings.Contains(msg, "草稿") {
		t.Fatalf("draft: %v %q", err, msg)
	}

	for _, bad := range [][]string{
		{"report", "monthly", "2026-13", "-o", filepath.Join(files, "x.pdf")},
		{"report", "quarterly", "2026-10", "-o", filepath.Join(files, "x.pdf")},
		{"report", "yearly", "2026", "-o", filepath.Join(files, "x.pdf")},
		{"report", "monthly", month, "-o", filepath.Join(files, "x.docx")},
		{"report", "monthly", month},
	} {
		if _, err := run(t, append(bad, "--data", dir)...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := os.Stat(filepath.Join(files, "x.pdf")); !os.IsNotExist(err) {
		t.Errorf("a refused report wrote a file: %v", err)
	}
}
