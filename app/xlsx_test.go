package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

func excelApp(t *testing.T) *app.ExcelApp {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(time.Date(2024, 3, 20, 10, 0, 0, 0, time.Local)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.EnsureSettings(context.Background(), settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	for _, b := range app.Bindings(app.Deps{Store: st, Log: slog.New(slog.NewTextHandler(&logs, nil)), Version: "test"}) {
		if x, ok := b.(*app.ExcelApp); ok {
			return x
		}
	}
	t.Fatal("ExcelApp is not bound")
	return nil
}

func TestExcelApp(t *testing.T) {
	x := excelApp(t)
	tpl, err := x.Template()
	if err != nil || len(tpl) == 0 {
		t.Fatalf("template: %v", err)
	}
	// The bridge carries the bytes as a base64 string.
	if b, _ := json.Marshal(tpl); b[0] != '"' {
		t.Fatalf("bytes are not sent as a string: %.20s", b)
	}
	f, err := excelize.OpenReader(bytes.NewReader(tpl))
	if err != nil {
		t.Fatal(err)
	}
	row := []any{"", "科技有限公司", "张伟", "5678", "技术咨询", "咨询系统对接方案", "中", "2024-03-15 14:30", "", "", "电话"}
	f.SetSheetRow("客户需求登记表", "A2", &row)
	filled, _ := f.WriteToBuffer()
	f.Close()

	rep, err := x.DryRun(filled.Bytes())
	if err != nil || !rep.DryRun || rep.Created != 1 || rep.ProblemCount != 0 {
		t.Fatalf("dry run: %+v %v", rep, err)
	}
	rep, err = x.Import(filled.Bytes())
	if err != nil || !rep.Applied || rep.Created != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	for _, kind := range []string{"registrations", "tracking", "feedback"} {
		st, err := x.StartExport(kind, request.Query{Limit: 1})
		if err != nil {
			t.Fatalf("export %s: %v", kind, err)
		}
		for st.State == xlsx.JobRunning {
			if st, err = x.ExportProgress(st.ID); err != nil {
				t.Fatalf("progress of %s: %v", kind, err)
			}
		}
		want := map[string]int{"registrations": 1, "tracking": 1, "feedback": 0}[kind]
		if st.State != xlsx.JobDone || st.Total != want || st.Written != want {
			t.Fatalf("export %s ended %+v", kind, st)
		}
		out, err := x.ExportResult(st.ID)
		if err != nil || len(out) == 0 {
			t.Fatalf("export %s: %v", kind, err)
		}
		if rows := readRows(t, out); len(rows) != want+1 {
			t.Fatalf("export %s has %d rows", kind, len(rows))
		}
	}
	t.Run("ErrSaveNeedsTheDesktop", func(t *testing.T) {
		st, err := x.StartExport("registrations", request.Query{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = x.SaveExport(st.ID)
		if e := decode(t, err); e.Code != apperr.Invalid || !strings.Contains(e.Message, "桌面版") {
			t.Fatalf("save in serve mode: %+v", e)
		}
		if err := x.CancelExport(st.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := x.ExportProgress(st.ID); decode(t, err).Code != apperr.NotFound {
			t.Fatalf("progress after cancel: %v", err)
		}
	})
	if n, err := x.Count("registrations", request.Query{}); err != nil || n != 1 {
		t.Fatalf("count = %d %v", n, err)
	}
	if name, err := x.FileName("tracking"); err != nil || name != "需求处理进度跟踪表-20240320.xlsx" {
		t.Fatalf("file name = %q %v", name, err)
	}

	t.Run("ErrBadFileReachesTheUIAsJSON", func(t *testing.T) {
		_, err := x.DryRun([]byte("not a workbook"))
		e := decode(t, err)
		if e.Code != apperr.Invalid || !strings.Contains(e.Message, "不是 Excel 工作簿") {
			t.Fatalf("error = %+v", e)
		}
	})
	t.Run("ErrUnknownKind", func(t *testing.T) {
		_, err := x.StartExport("invoices", request.Query{})
		if e := decode(t, err); e.Code != apperr.Invalid {
			t.Fatalf("error = %+v", e)
		}
	})
}

// readRows reads a workbook's first sheet back.
func readRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
