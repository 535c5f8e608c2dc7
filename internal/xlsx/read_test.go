package xlsx_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// registration is a small table whose description cell (D2) says @@D@@,
// as a shared string.
func registration(t *testing.T) []byte {
	return book(t, sheet{name: "登记表", rows: [][]any{
		{"需求编号", "客户名称", "需求类型", "需求描述", "紧急程度", "接收时间"},
		{"", "甲公司", "技术咨询", "@@D@@", "一般", "2024-03-15"},
	}})
}

// TestParseHostile: files built to exhaust memory are refused quickly with
// a message that says what is wrong, reading only a few megabytes of them.
func TestParseHostile(t *testing.T) {
	tests := []struct {
		name string
		part string
		from string
		to   func() []byte
		want []string
	}{
		{"ErrSheetOfBlanks", "xl/worksheets/sheet1.xml", "</row>", func() []byte {
			return append([]byte("</row>"), bytes.Repeat([]byte(" "), 64<<20)...)
		}, []string{"文件异常", "工作表“登记表”", "4 MB"}},
		{"ErrHugeSharedString", "xl/sharedStrings.xml", "@@D@@", func() []byte {
			return bytes.Repeat([]byte("a"), 64<<20)
		}, []string{"文件异常", "sharedStrings.xml", "4 MB"}},
		{"ErrHugeStringInRuns", "xl/sharedStrings.xml", "<t>@@D@@</t>", func() []byte {
			return bytes.Repeat([]byte("<r><t>"+strings.Repeat("长", 100_000)+"</t></r>"), 20)
		}, []string{"文件异常", "sharedStrings.xml", "4 MB"}},
		{"ErrTooMuchText", "xl/sharedStrings.xml", "<si><t>@@D@@</t></si>", func() []byte {
			return bytes.Repeat([]byte("<si><t>"+strings.Repeat("长", 1<<20/3)+"</t></si>"), 140)
		}, []string{"文字超过 128 MB", "分成几个文件"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.name == "ErrTooMuchText" {
				t.Skip("writes 140 MB of text")
			}
			data := patchZip(t, registration(t), tt.part, func(b []byte) []byte {
				if !bytes.Contains(b, []byte(tt.from)) {
					t.Fatalf("%s has no %q: %s", tt.part, tt.from, b)
				}
				return bytes.Replace(b, []byte(tt.from), tt.to(), 1)
			})
			_, err := xlsx.Parse(data, shanghai)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid {
				t.Fatalf("err = %v, want an invalid error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(e.Message, w) {
					t.Fatalf("message %q does not say %q", e.Message, w)
				}
			}
		})
	}
}

// TestParseStoredForms reads what Excel writes that the fixture writer
// does not: rich text with phonetic guides, _xHHHH_ escapes, cells without
// references, rows left out, the 1904 date system.
func TestParseStoredForms(t *testing.T) {
	data := registration(t)
	data = patchZip(t, data, "xl/sharedStrings.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<t>@@D@@</t>"), []byte(
			`<r><rPr><b/></rPr><t>打印</t></r><r><t xml:space="preserve">报表 _x005F_x0041_ A_x0042_</t></r><rPh sb="0" eb="2"><t>ダ</t></rPh>`), 1)
	})
	data = patchZip(t, data, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		i := bytes.Index(b, []byte(`<row r="2"`))
		j := bytes.Index(b, []byte(`</sheetData>`))
		row2 := b[i:j]
		// The same row again four rows down, its cells without references.
		row6 := bytes.Replace(row2, []byte(`<row r="2"`), []byte(`<row r="6"`), 1)
		for _, col := range []string{"A", "B", "C", "D", "E", "F"} {
			row6 = bytes.ReplaceAll(row6, []byte(` r="`+col+`2"`), nil)
		}
		return append(append(append([]byte{}, b[:j]...), row6...), b[j:]...)
	})
	data = patchZip(t, data, "xl/workbook.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<workbookPr"), []byte(`<workbookPr date1904="1"`), 1)
	})
	b := parse(t, data)
	if len(b.Sheets) != 1 || len(b.Sheets[0].Rows) != 2 {
		t.Fatalf("sheets = %+v", b.Sheets)
	}
	for i, want := range []int{2, 6} {
		r := b.Sheets[0].Rows[i]
		if r.Row != want || r.Fields.Title != "打印报表 _x0041_ AB" || r.CustomerName != "甲公司" || r.Fields.Urgency == "" {
			t.Fatalf("row %d = %+v", want, r)
		}
	}
}

// TestParseElementBound: a file of millions of empty cells is refused once
// it has more elements than the largest table an import takes, instead of
// being read for minutes.
func TestParseElementBound(t *testing.T) {
	data := patchZip(t, registration(t), "xl/worksheets/sheet1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("</row>"), append(bytes.Repeat([]byte("<c/>"), 20_000), []byte("</row>")...), 1)
	})
	if _, err := xlsx.ParseWithin(data, shanghai, 30_000); err != nil {
		t.Fatalf("under the bound: %v", err)
	}
	_, err := xlsx.ParseWithin(data, shanghai, 10_000)
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid || !strings.Contains(e.Message, "1000 万个") || !strings.Contains(e.Message, "空白") {
		t.Fatalf("err = %v", err)
	}
}

// TestParseNesting: a sheet whose elements carry a namespace prefix (as
// some writers give them) reads as the plain one; one whose end tags do
// not close its elements, or that ends with one open, is damaged.
func TestParseNesting(t *testing.T) {
	prefixed := regexp.MustCompile(`<(/?)([A-Za-z])`)
	for _, tt := range []struct {
		name    string
		patch   func([]byte) []byte
		damaged bool
	}{
		{"OKPrefixed", func(b []byte) []byte {
			b = prefixed.ReplaceAll(b, []byte("<${1}x:$2"))
			return bytes.Replace(b, []byte(`<x:worksheet xmlns=`), []byte(`<x:worksheet xmlns:x=`), 1)
		}, false},
		{"ErrEndTagOfAnother", func(b []byte) []byte { return bytes.Replace(b, []byte("</row>"), []byte("</col>"), 1) }, true},
		{"ErrEndsOpen", func(b []byte) []byte {
			return b[:bytes.Index(b, []byte("</sheetData>"))]
		}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := patchZip(t, registration(t), "xl/worksheets/sheet1.xml", tt.patch)
			b, err := xlsx.Parse(data, shanghai)
			if tt.damaged {
				if e, ok := apperr.As(err); !ok || !strings.Contains(e.Message, "已损坏") {
					t.Fatalf("err = %v, want the file damaged", err)
				}
				return
			}
			if err != nil || len(b.Sheets) != 1 || len(b.Sheets[0].Rows) != 1 || b.Sheets[0].Rows[0].CustomerName != "甲公司" {
				t.Fatalf("batch = %+v, %v", b.Sheets, err)
			}
		})
	}
}
