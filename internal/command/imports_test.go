package command_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

var importNow = time.Date(2024, 3, 15, 10, 0, 0, 0, time.Local)

func openImportStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "reqdesk.db"), clock.NewFixed(importNow))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.EnsureSettings(context.Background(), settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	return s
}

// importBatch is one sheet whose rows have a customer, type, brief
// description, urgency and receipt time.
func importBatch(titles ...string) request.ImportBatch {
	cols := map[string]request.ImportColumn{}
	for i, f := range []string{request.ImportCustomerName, "type", "title", "urgency", "receivedAt"} {
		cols[f] = request.ImportColumn{Letter: string(rune('A' + i)), Header: request.FieldLabel(f)}
	}
	sh := request.ImportSheet{Name: "登记表", HeaderRow: 1, Columns: cols}
	for i, title := range titles {
		sh.Rows = append(sh.Rows, request.ImportRow{Row: i + 2, CustomerName: "华东科技", Fields: request.Fields{
			Type: "技术咨询", Title: title, Urgency: request.UrgencyNormal, ReceivedAt: importNow.Add(-time.Hour)}})
	}
	return request.ImportBatch{Sheets: []request.ImportSheet{sh}}
}

func countRequests(t *testing.T, s *store.Store) int {
	t.Helper()
	page, err := s.ListRequests(context.Background(), request.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return page.Total
}

func TestImportRequests(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s := openImportStore(t)
		rep, err := command.Run(ctx, command.New(s), command.ImportRequests{Batch: importBatch("打印报错", "导出报表")})
		if err != nil || !rep.Applied || rep.Created != 2 || rep.CustomersCreated != 1 {
			t.Fatalf("import = %+v, %v", rep, err)
		}
		if got, want := countRequests(t, s), 2; got != want {
			t.Errorf("requests = %d, want %d", got, want)
		}
		// The same rows again are the same requests, unchanged.
		rep, err = command.Run(ctx, command.New(s), command.ImportRequests{Batch: importBatch("打印报错", "导出报表")})
		if err != nil || rep.Skipped != 2 || rep.Created != 0 {
			t.Fatalf("again = %+v, %v", rep, err)
		}
	})
	t.Run("OKDryRunOnlyReads", func(t *testing.T) {
		s := openImportStore(t)
		s.SetReadOnly(true) // a dry run works on a database opened read-only
		rep, err := command.DryRunImport(ctx, command.New(s), importBatch("打印报错"))
		if err != nil || !rep.DryRun || rep.Applied || rep.Created != 1 {
			t.Fatalf("dry run = %+v, %v", rep, err)
		}
		if got := countRequests(t, s); got != 0 {
			t.Errorf("a dry run wrote %d requests", got)
		}
		if _, err := command.Run(ctx, command.New(s), command.ImportRequests{Batch: importBatch("打印报错")}); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("import on a read-only database: %v, want ErrReadOnly", err)
		}
	})
	t.Run("ErrProblemsWriteNothing", func(t *testing.T) {
		s := openImportStore(t)
		b := importBatch("打印报错", "")
		rep, err := command.Run(ctx, command.New(s), command.ImportRequests{Batch: b})
		if err != nil || rep.Applied || rep.ProblemCount != 1 || rep.Problems[0].Ref.Key != "import_required" {
			t.Fatalf("import = %+v, %v", rep, err)
		}
		if got := countRequests(t, s); got != 0 {
			t.Errorf("an import with a problem wrote %d requests", got)
		}
	})
}
