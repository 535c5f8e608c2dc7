package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

func day(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, shanghai)
}

func TestParseTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsx.Template(&buf, vocab.Lists{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	row := []any{"", "华信科技有限公司", "张伟", "13800138000", "技术咨询", "咨询系统对接方案", "紧急", day(2024, 3, 15, 14, 30)}
	if err := f.SetSheetRow(xlsx.SheetRegistration, "A2", &row); err != nil {
		t.Fatal(err)
	}
	filled, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	b := parse(t, filled.Bytes())
	if len(b.Sheets) != 1 || b.Sheets[0].Name != xlsx.SheetRegistration || b.Sheets[0].HeaderRow != 1 {
		t.Fatalf("sheets = %+v", b.Sheets)
	}
	if got := len(b.Sheets[0].Columns); got < 20 {
		t.Fatalf("the template's %d columns were not all recognised: %v", got, b.Sheets[0].Columns)
	}
	rows := b.Sheets[0].Rows
	if len(rows) != 1 || rows[0].Row != 2 {
		t.Fatalf("rows = %+v", rows)
	}
	f0 := rows[0].Fields
	if rows[0].CustomerName != "华信科技有限公司" || f0.Urgency != request.UrgencyUrgent || !f0.ReceivedAt.Equal(day(2024, 3, 15, 14, 30)) {
		t.Fatalf("row = %+v", rows[0])
	}
	if len(b.Problems) != 0 {
		t.Fatalf("problems: %+v", b.Problems)
	}
}

func TestParseMessyTables(t *testing.T) {
	title := []any{"客户需求登记表（2024年3月）"}
	tests := []struct {
		name      string
		sheets    []sheet
		headerRow int
		rows      []int // the Excel row numbers read
		check     func(t *testing.T, b request.ImportBatch)
	}{
		{
			name: "TitleRowMergedAcross",
			sheets: []sheet{{name: "登记表", rows: [][]any{title, paperHeader,
				paperRow("XR-2024-001", "科技有限公司", "咨询系统对接方案", "2024-03-15")}, merges: [][2]string{{"A1", "K1"}}}},
			headerRow: 2, rows: []int{3},
			check: func(t *testing.T, b request.ImportBatch) {
				r := b.Sheets[0].Rows[0]
				if r.Number != "XR-2024-001" || r.Fields.Title != "咨询系统对接方案" || r.Fields.Urgency != request.UrgencyImportant {
					t.Fatalf("row = %+v", r)
				}
			},
		},
		{
			name: "TwoLevelMergedHeader",
			sheets: []sheet{{name: "登记表", rows: [][]any{
				title,
				{"需求编号", "客户信息", nil, nil, "需求类型", "需求描述", "紧急程度", "接收时间", "接收人", "状态"},
				{nil, "客户名称", "联系人", "联系电话", nil, nil, nil, nil, nil, nil},
				{"XR-2024-007", "华信科技", "王芳", "010-88886666", "售后支持", "打印模块报错", "高", "2024/3/18 9:30", "李娜", "处理中"},
			}, merges: [][2]string{{"A1", "J1"}, {"A2", "A3"}, {"B2", "D2"}, {"E2", "E3"}, {"F2", "F3"}, {"G2", "G3"},
				{"H2", "H3"}, {"I2", "I3"}, {"J2", "J3"}}}},
			headerRow: 3, rows: []int{4},
			check: func(t *testing.T, b request.ImportBatch) {
				sh := b.Sheets[0]
				for field, letter := range map[string]string{request.ImportNumber: "A", request.ImportCustomerName: "B",
					"contactName": "C", "contactInfo": "D", "type": "E", "receivedAt": "H", request.ImportStatus: "J"} {
					if sh.Columns[field].Letter != letter {
						t.Errorf("%s in column %q, want %s", field, sh.Columns[field].Letter, letter)
					}
				}
				r := sh.Rows[0]
				if r.CustomerName != "华信科技" || r.Fields.ContactInfo != "010-88886666" || r.Fields.Urgency != request.UrgencyUrgent ||
					r.Status != request.StatusHandling || !r.Fields.ReceivedAt.Equal(day(2024, 3, 18, 9, 30)) {
					t.Fatalf("row = %+v", r)
				}
			},
		},
		{
			name: "BlankRowsSkipped",
			sheets: []sheet{{name: "登记表", rows: [][]any{nil, paperHeader, nil,
				paperRow("", "甲公司", "需求一", "2024-03-01"), nil, nil, {nil, "  ", nil, "　"},
				paperRow("", "乙公司", "需求二", "2024-03-02"), nil}}},
			headerRow: 2, rows: []int{4, 8},
		},
		{
			name: "SerialDates",
			sheets: []sheet{{name: "登记表", rows: [][]any{paperHeader,
				paperRow("", "甲公司", "需求一", serial(45366.604166666664)), paperRow("", "甲公司", "需求二", serial(45367))}}},
			headerRow: 1, rows: []int{2, 3},
			check: func(t *testing.T, b request.ImportBatch) {
				got := []time.Time{b.Sheets[0].Rows[0].Fields.ReceivedAt, b.Sheets[0].Rows[1].Fields.ReceivedAt}
				if !got[0].Equal(day(2024, 3, 15, 14, 30)) || !got[1].Equal(day(2024, 3, 16, 0, 0)) {
					t.Fatalf("dates = %v", got)
				}
			},
		},
		{
			name: "ShuffledColumnsAndSynonyms",
			sheets: []sheet{{name: "Sheet1", rows: [][]any{
				{"登记时间", "优先级", "备注", "类型", "客户", "联系电话", "需求内容", "登记人"},
				{"2024年3月15日 14时30分", "低", "老客户", "建议", "丙公司", "5678", "希望增加导出功能", "周敏"},
			}}},
			headerRow: 1, rows: []int{2},
			check: func(t *testing.T, b request.ImportBatch) {
				r := b.Sheets[0].Rows[0]
				f := r.Fields
				if r.CustomerName != "丙公司" || f.Type != "建议" || f.Urgency != request.UrgencyNormal || f.ContactInfo != "5678" ||
					f.Title != "希望增加导出功能" || f.ReceivedBy != "周敏" || !f.ReceivedAt.Equal(day(2024, 3, 15, 14, 30)) {
					t.Fatalf("row = %+v", r)
				}
				if !strings.Contains(strings.Join(b.Notes, "\n"), "备注") {
					t.Fatalf("the unknown column is not noted: %v", b.Notes)
				}
			},
		},
		{
			name: "FullWidthDigitsAndSpaces",
			sheets: []sheet{{name: "登记表", rows: [][]any{paperHeader,
				{"ＸＲ－２０２４－０１２", "　丁公司　", "赵磊", "１３９ １２３４ ５６７８", "技术咨询", "接口咨询", "一般", "２０２４/３/１５", "李娜"}}}},
			headerRow: 1, rows: []int{2},
			check: func(t *testing.T, b request.ImportBatch) {
				r := b.Sheets[0].Rows[0]
				if r.Number != "XR-2024-012" || r.CustomerName != "丁公司" || r.Fields.ContactInfo != "139 1234 5678" ||
					!r.Fields.ReceivedAt.Equal(day(2024, 3, 15, 0, 0)) {
					t.Fatalf("row = %+v", r)
				}
			},
		},
		{
			name: "LongDescriptionInBriefColumn",
			sheets: []sheet{{name: "登记表", rows: [][]any{paperHeader,
				paperRow("", "甲公司", strings.Repeat("系统对接", 80), "2024-03-15")}}},
			headerRow: 1, rows: []int{2},
			check: func(t *testing.T, b request.ImportBatch) {
				r := b.Sheets[0].Rows[0]
				if n := len([]rune(r.Fields.Title)); n != request.MaxTitle || r.Fields.Description != strings.Repeat("系统对接", 80) || !r.Derived["description"] {
					t.Fatalf("title of %d characters, description %q", n, r.Fields.Description)
				}
			},
		},
		{
			name: "MonthlySheetsAndANotesSheet",
			sheets: []sheet{
				{name: "说明", rows: [][]any{{"本表由客服部维护"}}},
				{name: "1月", rows: [][]any{paperHeader, paperRow("", "甲公司", "需求一", "2024-01-05")}},
				{name: "2月", rows: [][]any{paperHeader, paperRow("", "乙公司", "需求二", "2024-02-05")}},
				{name: "旧表", rows: [][]any{paperHeader, paperRow("", "丙公司", "需求三", "2023-02-05")}, hidden: true},
			},
			headerRow: 1, rows: []int{2},
			check: func(t *testing.T, b request.ImportBatch) {
				if len(b.Sheets) != 2 || b.Sheets[0].Name != "1月" || b.Sheets[1].Name != "2月" {
					t.Fatalf("sheets = %v", b.Sheets)
				}
				if !strings.Contains(strings.Join(b.Notes, "\n"), "说明") {
					t.Fatalf("the sheet without a header is not noted: %v", b.Notes)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := parse(t, book(t, tt.sheets...))
			if len(b.Problems) != 0 {
				t.Fatalf("problems: %+v", b.Problems)
			}
			sh := b.Sheets[0]
			if sh.HeaderRow != tt.headerRow {
				t.Fatalf("header row = %d, want %d", sh.HeaderRow, tt.headerRow)
			}
			var got []int
			for _, r := range sh.Rows {
				got = append(got, r.Row)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.rows) {
				t.Fatalf("rows read = %v, want %v", got, tt.rows)
			}
			if tt.check != nil {
				tt.check(t, b)
			}
		})
	}
}

func TestParseCellProblems(t *testing.T) {
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
		{"", "甲公司", "张伟", "5678", "技术咨询", "需求一", "很急", "上周五", "李娜", "搁置"},
	}})
	b := parse(t, data)
	want := map[string]string{"G": "紧急、重要、一般、潜在", "H": "2024-03-15", "J": "需求分析中"}
	if len(b.Problems) != len(want) {
		t.Fatalf("problems = %+v", b.Problems)
	}
	for _, p := range b.Problems {
		if p.Sheet != "登记表" || p.Row != 2 || !strings.Contains(p.Message, want[p.Column]) {
			t.Errorf("problem = %+v", p)
		}
	}
	if r := b.Sheets[0].Rows[0]; !r.Flagged["urgency"] || !r.Flagged["receivedAt"] || !r.Flagged[request.ImportStatus] {
		t.Fatalf("flagged = %v", r.Flagged)
	}
}

func TestParseBadFiles(t *testing.T) {
	valid := book(t, sheet{name: "登记表", rows: [][]any{paperHeader, paperRow("", "甲公司", "需求一", "2024-03-15")}})
	tests := []struct {
		name string
		data func(t *testing.T) []byte
		want string
	}{
		{"ErrEmptyFile", func(*testing.T) []byte { return nil }, "文件是空的"},
		{"ErrNotXlsx", func(*testing.T) []byte { return []byte("需求编号,客户名称\nXR-2024-001,科技有限公司\n") }, "不是 Excel 工作簿"},
		{"ErrPDF", func(*testing.T) []byte { return []byte("%PDF-1.7\n...") }, "不是 Excel 工作簿"},
		{"ErrEncrypted", func(t *testing.T) []byte {
			f, err := excelize.OpenReader(bytes.NewReader(valid))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := f.Write(&buf, excelize.Options{Password: "密码123"}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}, "密码"},
		{"ErrOldXls", func(*testing.T) []byte {
			return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)
		}, ".xls"},
		{"ErrTruncated", func(*testing.T) []byte { return valid[:len(valid)/2] }, "已损坏"},
		{"ErrZipOfSomethingElse", func(t *testing.T) []byte {
			var buf bytes.Buffer
			z := zip.NewWriter(&buf)
			w, _ := z.Create("readme.txt")
			io.WriteString(w, "hello")
			z.Close()
			return buf.Bytes()
		}, "已损坏"},
		{"ErrBrokenSheetXML", func(t *testing.T) []byte {
			return patchZip(t, valid, "xl/worksheets/sheet1.xml", func([]byte) []byte { return []byte("<worksheet><sheetData><row") })
		}, "已损坏"},
		{"ErrSheetCutAtATag", func(t *testing.T) []byte {
			return patchZip(t, valid, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
				return b[:bytes.Index(b, []byte("<row r=\"2\""))]
			})
		}, "已损坏"},
		{"ErrEmptySheet", func(t *testing.T) []byte { return book(t, sheet{name: "Sheet1"}) }, "都是空的"},
		{"ErrHeaderOnly", func(t *testing.T) []byte {
			return book(t, sheet{name: "登记表", rows: [][]any{paperHeader, nil, nil}})
		}, "只有表头"},
		{"ErrNoHeader", func(t *testing.T) []byte {
			return book(t, sheet{name: "数据", rows: [][]any{{"甲", "乙", "丙"}, {1, 2, 3}}})
		}, "没有找到登记表的表头"},
		{"ErrTooLarge", func(*testing.T) []byte { return append([]byte("PK"), make([]byte, xlsx.MaxFileSize)...) }, "超过导入上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := xlsx.Parse(tt.data(t), shanghai)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid {
				t.Fatalf("err = %v, want an invalid error", err)
			}
			if !strings.Contains(e.Message, tt.want) {
				t.Fatalf("message %q does not say %q", e.Message, tt.want)
			}
		})
	}
}

func TestParseTooManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a table of 100,001 rows")
	}
	// Three columns are enough to be a registration table.
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"客户名称", "需求类型", "需求描述"})
	row := []any{"甲公司", "建议", "需求"}
	for i := 2; i <= xlsx.MaxRows+2; i++ {
		if err := sw.SetRow("A"+strconv.Itoa(i), row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_, err = xlsx.Parse(buf.Bytes(), shanghai)
	e, ok := apperr.As(err)
	if !ok || !strings.Contains(e.Message, "100000") || !strings.Contains(e.Message, "拆分") {
		t.Fatalf("err = %v", err)
	}
}

func TestParseHugeCell(t *testing.T) {
	data := book(t, sheet{name: "登记表", rows: [][]any{
		{"需求编号", "客户名称", "需求类型", "需求描述", "详细描述", "紧急程度", "接收时间", "渠道"},
		{"", "甲公司", "技术咨询", "需求一", "@@LONG@@", "一般", "2024-03-15", "电话"},
	}})
	data = patchZip(t, data, "", func(b []byte) []byte {
		return bytes.ReplaceAll(b, []byte("@@LONG@@"), []byte(strings.Repeat("长", 40000)))
	})
	b := parse(t, data)
	if len(b.Problems) != 1 || b.Problems[0].Column != "E" || b.Problems[0].Row != 2 || !strings.Contains(b.Problems[0].Message, "32767") {
		t.Fatalf("problems = %+v", b.Problems)
	}
}

// bigTable writes a registration table of n rows with the StreamWriter;
// row bad (1-based data row, 0 for none) gets a type no list has.
func bigTable(t testing.TB, n, bad int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", paperHeader); err != nil {
		t.Fatal(err)
	}
	base := toSerialDay(2024, 1, 1)
	for i := 1; i <= n; i++ {
		typ := "技术咨询"
		if i == bad {
			typ = "星际旅行"
		}
		row := []any{"", fmt.Sprintf("客户%03d有限公司", i%500), fmt.Sprintf("联系人%d", i%7), "13800138000", typ,
			fmt.Sprintf("第%d条需求：系统对接咨询", i), []string{"高", "中", "低"}[i%3], base + float64(i%70) + 0.375, "李娜", "", "电话"}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func toSerialDay(y int, m time.Month, d int) float64 {
	return xlsx.ToSerial(time.Date(y, m, d, 0, 0, 0, 0, shanghai), shanghai)
}

// patchZip rewrites the entries of a zip (all when name is ""), for files
// Excel itself would not write.
func patchZip(t testing.TB, data []byte, name string, change func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if name == "" || f.Name == name {
			body = change(body)
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
