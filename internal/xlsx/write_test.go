package xlsx_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

func TestTemplate(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	// The current lists: one type added, one retired.
	if _, err := command.Run(ctx, command.New(s), command.AddVocabItem{Kind: "type", Label: "数据迁移"}); err != nil {
		t.Fatal(err)
	}
	lists, err := s.Vocabularies(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range lists.Types {
		if it.Label == "定制" {
			if _, err := command.Run(ctx, command.New(s), command.UpdateVocabItem{ID: it.ID, Version: it.Version, Label: it.Label, Active: false}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(ctx, &buf, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := xlsx.SheetRegistration

	t.Run("Sheets", func(t *testing.T) {
		got := f.GetSheetList()
		if len(got) != 3 || got[0] != sh || got[1] != xlsx.SheetInstructions {
			t.Fatalf("sheets = %v", got)
		}
		if visible, _ := f.GetSheetVisible(got[2]); visible {
			t.Fatalf("the lists sheet %q is visible", got[2])
		}
	})
	rows, err := f.GetRows(sh)
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows = %v %v", rows, err)
	}
	header := rows[0]
	t.Run("PaperOrderFirst", func(t *testing.T) {
		paper := []string{"需求编号", "客户名称", "联系人", "联系方式", "需求类型", "需求描述(简要)", "紧急程度", "接收时间", "接收人", "初步处理状态"}
		if strings.Join(header[:10], "|") != strings.Join(paper, "|") {
			t.Fatalf("header = %v", header)
		}
		for _, want := range []string{"渠道", "大类", "影响范围", "需求背景", "期望结果", "详细描述", "负责人", "部门"} {
			if !strings.Contains(strings.Join(header[10:], "|"), want) {
				t.Errorf("no column %s", want)
			}
		}
	})
	t.Run("FrozenHeader", func(t *testing.T) {
		p, err := f.GetPanes(sh)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Fatalf("panes = %+v %v", p, err)
		}
	})
	t.Run("WidthsFitChineseText", func(t *testing.T) {
		for i, h := range header {
			col, _ := excelize.ColumnNumberToName(i + 1)
			w, err := f.GetColWidth(sh, col)
			if err != nil {
				t.Fatal(err)
			}
			if need := float64(2*utf8.RuneCountInString(h)) - 2; w < need {
				t.Errorf("column %s %q is %.0f wide, needs %.0f", col, h, w, need)
			}
		}
	})
	t.Run("Dropdowns", func(t *testing.T) {
		dvs, err := f.GetDataValidations(sh)
		if err != nil {
			t.Fatal(err)
		}
		byCol := map[string]*excelize.DataValidation{}
		for _, dv := range dvs {
			byCol[strings.TrimRight(strings.Split(dv.Sqref, ":")[0], "0123456789")] = dv
		}
		for _, col := range []string{"E", "G", "J", "K", "L", "M", "U"} { // type, urgency, status, channel, category, scope, department
			dv := byCol[col]
			if dv == nil || dv.Type != "list" || !strings.Contains(dv.Formula1, "可选值") {
				t.Fatalf("column %s has no dropdown: %+v", col, dv)
			}
		}
		if dv := byCol["H"]; dv == nil || dv.Type != "date" {
			t.Fatalf("the received column has no date check: %+v", dv)
		}
		// The type dropdown lists the active types, the new one included.
		ref := byCol["E"].Formula1
		values := listValues(t, f, ref)
		joined := strings.Join(values, "|")
		if !strings.Contains(joined, "数据迁移") || strings.Contains(joined, "|定制|") || !strings.HasPrefix(joined, "咨询|") {
			t.Fatalf("type choices = %v", values)
		}
		if got := strings.Join(listValues(t, f, byCol["G"].Formula1), "|"); got != "紧急|重要|一般|潜在" {
			t.Fatalf("urgency choices = %s", got)
		}
	})
	t.Run("Instructions", func(t *testing.T) {
		rows, err := f.GetRows(xlsx.SheetInstructions)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range rows {
			text.WriteString(strings.Join(r, "\t") + "\n")
		}
		for _, want := range []string{"填写说明", "客户名称\t是", "高（=紧急）", "一行也不写入", "XR-2024-001", "数据迁移"} {
			if !strings.Contains(text.String(), want) {
				t.Errorf("instructions lack %q", want)
			}
		}
	})
	t.Run("AnEmptyTemplateImportsNothing", func(t *testing.T) {
		var again bytes.Buffer
		if err := xlsx.WriteTemplate(ctx, &again, s); err != nil {
			t.Fatal(err)
		}
		_, err := xlsx.Parse(again.Bytes(), shanghai)
		if err == nil || !strings.Contains(err.Error(), "只有表头") {
			t.Fatalf("err = %v", err)
		}
	})
}

// listValues reads the cells a dropdown's formula ('sheet'!$A$2:$A$9) names.
func listValues(t *testing.T, f *excelize.File, ref string) []string {
	t.Helper()
	sheetName, rng, ok := strings.Cut(ref, "!")
	if !ok {
		t.Fatalf("formula %q", ref)
	}
	sheetName = strings.Trim(sheetName, "'")
	from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	c1, r1, _ := excelize.CellNameToCoordinates(from)
	_, r2, _ := excelize.CellNameToCoordinates(to)
	var out []string
	for r := r1; r <= r2; r++ {
		cell, _ := excelize.CoordinatesToCellName(c1, r)
		v, _ := f.GetCellValue(sheetName, cell)
		out = append(out, v)
	}
	return out
}

func TestExportRegistrations(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	hx := existingCustomer(t, s)
	for i, title := range []string{"需求甲", "需求乙", "需求丙"} {
		f := request.Fields{CustomerID: hx.Customer.ID, Channel: "电话", Type: "建议", Urgency: request.UrgencyNormal,
			Title: title, ReceivedAt: now.Add(-time.Duration(3-i) * time.Hour), ReceivedBy: "李娜"}
		if i == 1 {
			f.Urgency = request.UrgencyUrgent
		}
		if _, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: f}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	n, err := xlsx.Export(ctx, &buf, s, xlsx.KindRegistrations, request.Query{Urgencies: []request.Urgency{request.UrgencyNormal},
		Sort: request.SortReceivedAt, Desc: true, Limit: 1})
	if err != nil || n != 2 {
		t.Fatalf("export: %d %v", n, err)
	}
	rows := cells(t, buf.Bytes(), xlsx.KindRegistrations.Title())
	if len(rows) != 3 || rows[0][0] != "需求编号" || rows[1][5] != "需求丙" || rows[2][5] != "需求甲" || rows[1][6] != "一般" ||
		rows[1][9] != "已登记" {
		t.Fatalf("rows = %v", rows)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, _ := f.GetCellValue(xlsx.KindRegistrations.Title(), "H2")
	if want := now.Add(-time.Hour).Format("2006-01-02 15:04"); v != want {
		t.Fatalf("received shown as %q, want %q", v, want)
	}
	if p, _ := f.GetPanes(xlsx.KindRegistrations.Title()); !p.Freeze || p.YSplit != 1 {
		t.Fatalf("panes = %+v", p)
	}
}

func TestExportTrackingAndFeedback(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	hx := existingCustomer(t, s)
	mk := func(title string) request.Request {
		r, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: request.Fields{CustomerID: hx.Customer.ID, Channel: "电话", Type: "方案定制",
			Urgency: request.UrgencyImportant, Title: title, ReceivedAt: now.Add(-72 * time.Hour), ReceivedBy: "李娜"}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	move := func(r request.Request, m request.Move) request.Request {
		out, err := command.Run(ctx, command.New(s), command.MoveRequest{ID: r.ID, Version: r.Version, Move: m})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	record := func(r request.Request, kind request.RecordKind, body any) {
		raw, _ := json.Marshal(body)
		if _, err := command.Run(ctx, command.New(s), command.SaveRecord{Input: request.RecordInput{RequestID: r.ID, Kind: kind, Body: raw}}); err != nil {
			t.Fatal(err)
		}
	}
	a := mk("定制生产排程模块")
	a = move(a, request.Move{Action: request.ActTriage, Department: "技术支持部"})
	a = move(a, request.Move{Action: request.ActAssign, Owner: "王强"})
	record(a, request.KindTask, request.Task{Title: "前端开发", Owner: "王强", Status: "doing", Percent: 40})
	record(a, request.KindTask, request.Task{Title: "后端开发", Owner: "王强", Status: "done", Percent: 90})
	record(a, request.KindTask, request.Task{Title: "旧方案", Owner: "王强", Status: "cancelled"})
	record(a, request.KindFeedback, request.Feedback{Obtained: false, Reason: "客户出差", On: "2024-03-18"})
	record(a, request.KindFeedback, request.Feedback{Obtained: true, Timeliness: 5, Effectiveness: 4, Attitude: 5, Overall: 4,
		Solved: true, Method: "phone", On: "2024-03-19", Comments: "=响应及时"})
	b := mk("咨询报表导出")
	c := mk("重复登记的需求")
	move(c, request.Move{Action: request.ActReject, Reason: "重复登记"})

	t.Run("Tracking", func(t *testing.T) {
		var buf bytes.Buffer
		n, err := xlsx.Export(ctx, &buf, s, xlsx.KindTracking, request.Query{Sort: request.SortNumber})
		if err != nil || n != 3 {
			t.Fatalf("export: %d %v", n, err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(xlsx.KindTracking.Title())
		head := strings.Join(rows[0], "|")
		if head != "需求编号|需求描述(简要)|客户名称|紧急程度|负责人|部门|接收时间|分配时间|当前阶段|计划完成时间|完成百分比|最后更新" {
			t.Fatalf("header = %s", head)
		}
		ra, rb, rc := rows[1], rows[2], rows[3]
		if ra[0] != a.Number || ra[4] != "王强" || ra[5] != "技术支持部" || ra[7] != now.Format("2006-01-02 15:04") ||
			ra[8] != "已分配" || ra[9] == "" || ra[10] != "70%" /* done counts as 100 */ {
			t.Errorf("assigned request = %q", ra)
		}
		if rb[0] != b.Number || rb[7] != "" || rb[8] != "已登记" || rb[10] != "0%" {
			t.Errorf("registered request = %q", rb)
		}
		if len(rc) > 10 && rc[10] != "" || rc[8] != "无效" {
			t.Errorf("rejected request = %q", rc)
		}
	})
	t.Run("Feedback", func(t *testing.T) {
		var buf bytes.Buffer
		n, err := xlsx.Export(ctx, &buf, s, xlsx.KindFeedback, request.Query{})
		if err != nil || n != 1 {
			t.Fatalf("export: %d %v", n, err)
		}
		rows := cells(t, buf.Bytes(), xlsx.KindFeedback.Title())
		r := rows[1]
		if r[0] != a.Number || r[4] != "2024-03-19" || r[5] != "电话回访" || strings.Join(r[6:10], ",") != "5,4,5,4" ||
			r[10] != "是" || r[12] != "=响应及时" || r[13] != "李娜" {
			t.Fatalf("feedback row = %q", r)
		}
	})
	t.Run("Counts", func(t *testing.T) {
		if n, err := s.CountRequests(ctx, request.Query{}); err != nil || n != 3 {
			t.Fatalf("count = %d %v", n, err)
		}
		if n, err := s.CountFeedback(ctx, request.Query{}); err != nil || n != 1 {
			t.Fatalf("feedback count = %d %v", n, err)
		}
	})
	t.Run("ErrBadFilter", func(t *testing.T) {
		_, err := xlsx.Export(ctx, &bytes.Buffer{}, s, xlsx.KindTracking, request.Query{ReceivedFrom: "上个月"})
		if err == nil {
			t.Fatal("a bad date filter was accepted")
		}
	})
}
