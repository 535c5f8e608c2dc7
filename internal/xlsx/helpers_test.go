package xlsx_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// shanghai is the company's time zone of the tests' stores (the default
// setting), in which workbooks' dates are read and written.
var shanghai = func() *time.Location {
	loc, err := time.LoadLocation(settings.DefaultTimeZone)
	if err != nil {
		panic(err)
	}
	return loc
}()

// now is the fixed time of the tests that use a store.
var now = time.Date(2024, 3, 20, 10, 0, 0, 0, shanghai)

func ftoa(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// sheet describes a worksheet of a fixture workbook.
type sheet struct {
	name   string
	rows   [][]any // from A1 down; nil rows stay blank
	merges [][2]string
	hidden bool
}

// book builds a workbook from sheets, as people's tables look.
func book(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	date, err := f.NewStyle(&excelize.Style{NumFmt: 22})
	if err != nil {
		t.Fatal(err)
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if d, ok := v.(serial); ok {
					if err := f.SetCellValue(sh.name, cell, float64(d)); err != nil {
						t.Fatal(err)
					}
					if err := f.SetCellStyle(sh.name, cell, cell, date); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := f.SetCellValue(sh.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for _, m := range sh.merges {
			if err := f.MergeCell(sh.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		if sh.hidden {
			if err := f.SetSheetVisible(sh.name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// serial is an Excel date as a date cell holds it.
type serial float64

// paperHeader is the paper registration table's header, in its order.
var paperHeader = []any{"需求编号", "客户名称", "联系人", "联系方式", "需求类型", "需求描述", "紧急程度", "接收时间", "接收人", "初步处理状态", "渠道"}

// paperRow is a row under paperHeader.
func paperRow(number, customer, title string, received any) []any {
	return []any{number, customer, "张伟", "13800138000", "技术咨询", title, "中", received, "李娜", "", "电话"}
}

func openStore(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	s, err := store.Open(context.Background(), path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.EnsureSettings(context.Background(), settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	// Receivers and owners are people of the list; 李娜, the profile, is.
	for _, name := range []string{"王强", "周敏"} {
		if _, err := command.Run(context.Background(), command.New(s), command.SavePerson{ID: "", Version: 0, Fields: people.Fields{Name: name, Active: true}}); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

func parse(t testing.TB, data []byte) request.ImportBatch {
	t.Helper()
	b, err := xlsx.Parse(data, shanghai)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return b
}

func runImport(t testing.TB, s *store.Store, data []byte, dryRun bool) request.ImportReport {
	t.Helper()
	rep, err := command.ImportWorkbook(context.Background(), command.New(s), data, dryRun)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return rep
}

// counted are the tables an import writes to.
var counted = []string{"customers", "contacts", "requests", "request_fts", "audit_log", "number_sequences",
	"request_clocks", "request_transitions"}

// counts returns the row count of every table an import writes to.
func counts(t testing.TB, path string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := map[string]int{}
	for _, table := range counted {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	var seqs string
	if err := db.QueryRow(`SELECT coalesce(group_concat(key || '=' || last), '') FROM number_sequences`).Scan(&seqs); err != nil {
		t.Fatal(err)
	}
	out["sequences:"+seqs] = 1
	return out
}

func sameCounts(t testing.TB, got, want map[string]int) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("the database changed:\n got  %v\n want %v", got, want)
	}
}

// cells reads a sheet back, as raw values.
func cells(t testing.TB, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// problemsText lists a report's problems, for failure messages.
func problemsText(rep request.ImportReport) string {
	var b bytes.Buffer
	for _, p := range rep.Problems {
		fmt.Fprintf(&b, "\n  %s!%s%d [%s] %s", p.Sheet, p.Column, p.Row, p.Header, p.Message)
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(&b, "\n  note: %s", n)
	}
	return b.String()
}
