package xlsx_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// checkBatch holds for every batch Parse returns.
func checkBatch(t *testing.T, b request.ImportBatch) {
	t.Helper()
	if len(b.Sheets) == 0 {
		t.Fatal("a batch without sheets")
	}
	sheets, total := map[string]bool{}, 0
	for _, sh := range b.Sheets {
		sheets[sh.Name] = true
		last := sh.HeaderRow
		for _, r := range sh.Rows {
			if r.Row <= last {
				t.Fatalf("sheet %q: row %d after row %d (header %d)", sh.Name, r.Row, last, sh.HeaderRow)
			}
			last = r.Row
		}
		total += len(sh.Rows)
	}
	if total == 0 || total > xlsx.MaxRows {
		t.Fatalf("%d rows", total)
	}
	for _, p := range b.Problems {
		if !sheets[p.Sheet] || p.Message == "" || p.Row < 1 {
			t.Fatalf("problem %+v", p)
		}
	}
}

// FuzzParse feeds the parser arbitrary files, grown from real workbooks:
// it must answer every one with a batch or a plain invalid-file error.
func FuzzParse(f *testing.F) {
	var tpl bytes.Buffer
	if err := xlsx.Template(&tpl, vocab.Lists{}); err != nil {
		f.Fatal(err)
	}
	f.Add(tpl.Bytes())
	f.Add(messy(f))
	f.Add(book(f, sheet{name: "登记表", rows: [][]any{paperHeader, paperRow("XR-1", "甲", "需求", serial(45366.5))}}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := xlsx.Parse(data, shanghai)
		if err != nil {
			if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || e.Message == "" {
				t.Fatalf("err = %v", err)
			}
			return
		}
		checkBatch(t, b)
	})
}

// FuzzParseCells writes arbitrary text into the cells of a well-formed
// workbook: the parser must read every such table without calling it
// damaged (which is what a panic inside it would become).
func FuzzParseCells(f *testing.F) {
	f.Add("需求编号", "客户名称", "接收时间", "XR-2024-001", "科技有限公司", "2024年3月15日 下午2点", "高")
	f.Add("编号", "客户", "登记时间", "", "　", "45366.5", "中")
	f.Add("*客户名称/ID", "类型（必填）", "需求描述(简要)", "=1+1", "@x", "２０２４－０３－１５", "潜在")
	f.Fuzz(func(t *testing.T, h1, h2, h3, c1, c2, c3, c4 string) {
		x := excelize.NewFile()
		defer x.Close()
		rows := [][]any{
			{h1, h2, h3, "需求类型", "紧急程度"},
			{c1, c2, c3, "技术咨询", c4},
			{c4, c3, c2, c1, h1},
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := x.SetSheetRow("Sheet1", cell, &row); err != nil {
				t.Skip(err)
			}
		}
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Skip(err)
		}
		b, err := xlsx.Parse(buf.Bytes(), shanghai)
		if err != nil {
			e, ok := apperr.As(err)
			if !ok || strings.Contains(e.Message, "已损坏") {
				t.Fatalf("a well-formed workbook was refused: %v", err)
			}
			return
		}
		checkBatch(t, b)
	})
}
