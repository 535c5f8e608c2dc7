package pdf_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// reportRows makes n requests over the year up to October 2026, in a fixed
// pattern, enough for every chart and table of the reports.
func reportRows(n int) []report.Row {
	rnd := rand.New(rand.NewPCG(7, 7))
	types := []string{"技术咨询", "问题(报障)", "建议", "投诉", "方案定制"}
	titles := []string{"咨询系统对接方案", "系统对接接口报错", "合同续签流程咨询", "发票开具延迟", "培训课程安排", "报表导出很慢"}
	depts := []string{"客服部", "技术支持部", "产品研发部"}
	start := time.Date(2025, 10, 1, 8, 0, 0, 0, time.Local)
	var rows []report.Row
	for i := range n {
		rec := start.Add(time.Duration(rnd.IntN(396*24)) * time.Hour)
		r := report.Row{
			RequestID: fmt.Sprint("r", i), Number: fmt.Sprintf("XR-%d-%03d", rec.Year(), i+1), Title: titles[rnd.IntN(len(titles))],
			Received: rec, Type: types[rnd.IntN(len(types))], Channel: "电话", Department: depts[rnd.IntN(len(depts))],
			Owner: "李娜", Status: request.StatusArchived, Assigned: rec.Add(20 * time.Minute),
			Responded: rec.Add(time.Duration(30+rnd.IntN(300)) * time.Minute), Contacts: 1 + rnd.IntN(3),
		}
		if rnd.IntN(10) < 8 {
			r.Resolved = rec.Add(time.Duration(2+rnd.IntN(60)) * time.Hour)
			r.ResultGiven, r.HandedOver, r.Surveyed = r.Resolved, r.Resolved, true
			r.Feedback = &report.Scores{Timeliness: 3 + rnd.IntN(3), Effectiveness: 3 + rnd.IntN(3), Attitude: 4 + rnd.IntN(2), Overall: 3 + rnd.IntN(3), Solved: rnd.IntN(10) < 9}
			due := rec.Add(24 * time.Hour)
			r.Clocks = []report.Clock{{Kind: sla.KindResolve, Due: due, Done: r.Resolved}}
		} else {
			r.Status = request.StatusAnalysis
		}
		rows = append(rows, r)
	}
	return rows
}

func reportInput(t *testing.T, p report.Period) report.Input {
	rows := reportRows(600)
	var open []report.Row
	for _, r := range rows {
		if r.Open() {
			open = append(open, r)
		}
	}
	return report.Input{Period: p, Rows: rows, Open: open, Now: time.Date(2026, 11, 3, 9, 0, 0, 0, time.Local), Config: report.DefaultConfig()}
}

func TestMonthlyReportPDF(t *testing.T) {
	p := report.Month(2026, time.October, time.Local)
	texts := report.Texts{Proposals: map[string]string{}}
	probe := report.BuildMonthly(reportInput(t, p), texts)
	for _, pr := range probe.Problems {
		texts.Proposals[pr.Term] = "针对“" + pr.Term + "”编写常见问题解答，并在《需求分析确认函》中写明对接范围，每月复盘一次。"
	}
	m := report.BuildMonthly(reportInput(t, p), texts)
	meta := pdf.ReportMeta{Version: 2, GeneratedAt: m.Generated, GeneratedBy: "王强", IssuedBy: "王强", IssuedAt: m.Generated}
	out, err := pdf.RenderMonthly(pdf.Company{Name: "华信科技服务有限公司"}, &m, meta)
	if err != nil {
		t.Fatal(err)
	}
	if got := pageCount(t, out.PDF); got != out.Pages || got < 2 {
		t.Fatalf("pdfinfo counts %d pages, renderer %d", got, out.Pages)
	}
	all := text(t, out.PDF)
	want := []string{"客户需求分析报告", "2026年10月", "YB-2026-10-V2", "2026年11月5日前", "总体情况", m.Summary, "主要指标"}
	for _, r := range m.Indicators {
		want = append(want, r.Name, report.Format(r.Def, r.Value.Value))
	}
	want = append(want, "需求类型分布", "高频问题与改进建议")
	for _, pr := range m.Problems {
		want = append(want, pr.Term, texts.Proposals[pr.Term])
	}
	want = append(want, "附：指标口径", "编制（客服主管）")
	assertInOrder(t, all, want)
	for pg := 1; pg <= out.Pages; pg++ {
		if w := fmt.Sprintf("第 %d 页 / 共 %d 页", pg, out.Pages); count(all, w) != 1 {
			t.Errorf("page number %q missing", w)
		}
	}
	assertSubsetFont(t, out.PDF)
	artifact(t, out.PDF, "report-monthly")
}

func TestQuarterlyReportPDF(t *testing.T) {
	p := report.Quarter(2026, 3, time.Local)
	texts := report.Texts{Problems: "部分“系统对接”需求在分析阶段停留超过一周，原因是客户接口文档迟迟未到。",
		Measures: "一、建立对接资料清单，受理时一次性告知客户；\n二、分析阶段超过 5 个工作日的需求由主管每周跟进。"}
	q := report.BuildQuarterly(reportInput(t, p), texts)
	out, err := pdf.RenderQuarterly(pdf.Company{Name: "华信科技服务有限公司"}, &q, pdf.ReportMeta{GeneratedAt: q.Generated, GeneratedBy: "王强"})
	if err != nil {
		t.Fatal(err)
	}
	all := text(t, out.PDF)
	want := []string{"客户需求响应季度评估报告", "2026年第三季度", "JB-2026Q3-草稿", "指标达成情况"}
	for _, r := range q.Indicators {
		want = append(want, r.Name)
	}
	want = append(want, "目标达成对比", "季度内各月走势", "7月", "8月", "9月", "各部门情况", "发现的问题")
	want = append(want, q.Findings...)
	want = append(want, texts.Problems, "改进措施", "一、建立对接资料清单，受理时一次性告知客户；", "二、分析阶段超过 5 个工作日的需求由主管每周跟进。", "审批（总经理）")
	assertInOrder(t, all, want)
	if !strings.Contains(squash(all), squash("第 1 页 / 共 ")) {
		t.Error("no page numbers")
	}
	assertSubsetFont(t, out.PDF)
	artifact(t, out.PDF, "report-quarterly")
}

// TestReportWithoutData prints a month nobody worked in: no charts of
// nothing, dashes for rates over nothing.
func TestReportWithoutData(t *testing.T) {
	p := report.Month(2020, time.February, time.Local)
	m := report.BuildMonthly(report.Input{Period: p, Now: time.Date(2020, 3, 1, 0, 0, 0, 0, time.Local), Config: report.DefaultConfig()}, report.Texts{})
	out, err := pdf.RenderMonthly(pdf.Company{}, &m, pdf.ReportMeta{GeneratedAt: m.Generated})
	if err != nil {
		t.Fatal(err)
	}
	assertInOrder(t, text(t, out.PDF), []string{"2020年2月未受理客户需求。", "问题解决率", "—", "本期没有数据。", "本月需求标题中没有反复出现的问题。"})
}
