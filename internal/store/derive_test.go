package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// importBatch is one sheet of rows with the columns of the short table.
func importBatch(rows ...request.ImportRow) request.ImportBatch {
	cols := map[string]request.ImportColumn{}
	for i, f := range []string{request.ImportCustomerName, "contactName", "contactInfo", "type", "title", "urgency",
		"receivedAt", "receivedBy", request.ImportStatus} {
		cols[f] = request.ImportColumn{Letter: string(rune('A' + i)), Header: f}
	}
	for i := range rows {
		rows[i].Row = i + 2
	}
	return request.ImportBatch{Sheets: []request.ImportSheet{{Name: "Sheet1", HeaderRow: 1, Columns: cols, Rows: rows}}}
}

func importRow(customer, title string, received time.Time, st request.Status) request.ImportRow {
	return request.ImportRow{CustomerName: customer, Status: st, Fields: request.Fields{
		ContactName: "王强", ContactInfo: "13900001111", Type: "技术咨询", Title: title,
		Urgency: request.UrgencyNormal, ReceivedAt: received, ReceivedBy: "李娜"}}
}

// asJSON is a dashboard as the window receives it.
func asJSON(t *testing.T, d report.Dashboard) string {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestImportDerivesRows: an import leaves the measure rows, kept sums and
// clocks exactly as a recomputation from scratch makes them, in its own
// transaction: the dashboard right after it equals the one of a database
// whose derived rows were all thrown away and made again, and the
// notification centre counts the same breached and due-soon clocks.
func TestImportDerivesRows(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	c := mustCustomer(t, s, "华东科技有限公司")
	f := fields(c, "咨询系统对接方案")
	f.ReceivedAt = now.Add(-72 * time.Hour)
	mustRequest(t, s, f)
	month, err := report.ParseMonth("2024-03", now.Location())
	if err != nil {
		t.Fatal(err)
	}
	// Kept sums of the months compared are made and kept now.
	if _, err := s.Dashboard(ctx, month, ""); err != nil {
		t.Fatal(err)
	}
	rep, err := command.Run(ctx, command.New(s), command.ImportRequests{Batch: importBatch(
		importRow("华东科技有限公司", "打印模块报错", now.Add(-2*time.Hour), ""),
		importRow("西南制造集团", "申请增加报表导出", now.Add(-30*time.Hour), ""),
		importRow("西南制造集团", "培训课程安排", now.AddDate(0, -1, -3), request.StatusArchived),
	)})
	if err != nil || !rep.Applied || rep.Created != 3 {
		t.Fatalf("import = %+v, %v", rep, err)
	}
	got, err := s.Dashboard(ctx, month, "")
	if err != nil {
		t.Fatal(err)
	}
	alerts, err := s.Alerts(ctx, store.AllAlerts)
	if err != nil {
		t.Fatal(err)
	}
	if got.Breached == 0 || alerts.Breached != got.Breached || alerts.DueSoon != got.DueSoon {
		t.Errorf("breached/due soon: bell %d/%d, dashboard %d/%d", alerts.Breached, alerts.DueSoon, got.Breached, got.DueSoon)
	}

	// From scratch: every derived row thrown away, made again at the next start.
	s.Close()
	execSQL(t, path, `DELETE FROM metric_sums`, `DELETE FROM request_metrics`, `DELETE FROM request_clocks`)
	s2, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	want, err := s2.Dashboard(ctx, month, "")
	if err != nil {
		t.Fatal(err)
	}
	if g, w := asJSON(t, got), asJSON(t, want); g != w {
		t.Errorf("dashboard after the import differs from a recomputation:\n got %s\nwant %s", g, w)
	}
	if got.Breached != want.Breached || got.DueSoon != want.DueSoon {
		t.Errorf("breached/due soon after import %d/%d, recomputed %d/%d", got.Breached, got.DueSoon, want.Breached, want.DueSoon)
	}
}

func execSQL(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Clean(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestRestoreOfRowsLeftBehind: a database written by a program whose import
// left no measure rows (a backup restored from before), with sums kept
// without them, gets its rows at the next start, and the kept sums they fall
// in are dropped: the dashboard equals the one of rows derived at once.
func TestRestoreOfRowsLeftBehind(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	rep, err := command.Run(ctx, command.New(s), command.ImportRequests{Batch: importBatch(
		importRow("西南制造集团", "申请增加报表导出", now.Add(-30*time.Hour), ""),
		importRow("西南制造集团", "培训课程安排", now.AddDate(0, -1, -3), request.StatusArchived),
	)})
	if err != nil || !rep.Applied {
		t.Fatalf("import = %+v, %v", rep, err)
	}
	month, err := report.ParseMonth("2024-03", now.Location())
	if err != nil {
		t.Fatal(err)
	}
	want, err := s.Dashboard(ctx, month, "")
	if err != nil {
		t.Fatal(err)
	}
	// As the older program left it: no measure rows for the import, and
	// sums kept without them.
	execSQL(t, path, `DELETE FROM request_metrics`)
	stale, err := s.Dashboard(ctx, month, "")
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(t, stale) == asJSON(t, want) {
		t.Fatal("the dashboard did not change without the measure rows")
	}
	s.Close()
	s2, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Dashboard(ctx, month, "")
	if err != nil {
		t.Fatal(err)
	}
	if g, w := asJSON(t, got), asJSON(t, want); g != w {
		t.Errorf("dashboard after the start differs:\n got %s\nwant %s", g, w)
	}
}
