package xlsx_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// imported is a store holding n requests, brought in as a user would: one
// imported table.
func imported(t *testing.T, n int) *store.Store {
	t.Helper()
	s, _ := openStore(t)
	rows := [][]any{paperHeader}
	for i := range n {
		rows = append(rows, paperRow("", fmt.Sprintf("客户%03d有限公司", i%40), fmt.Sprintf("第 %d 条需求", i+1), "2024-03-15 09:30"))
	}
	rep := runImport(t, s, book(t, sheet{name: "登记表", rows: rows}), false)
	if !rep.Applied || rep.Created != n {
		t.Fatalf("import: %+v%s", rep, problemsText(rep))
	}
	return s
}

// files lists what a directory holds.
func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestExportWithProgress(t *testing.T) {
	const n = 300
	s := imported(t, n)
	for _, kind := range []xlsx.Kind{xlsx.KindRegistrations, xlsx.KindTracking} {
		t.Run(string(kind), func(t *testing.T) {
			var seen []int
			var buf bytes.Buffer
			got, err := xlsx.ExportWithProgress(context.Background(), &buf, s, kind, request.Query{}, func(w int) { seen = append(seen, w) })
			if err != nil || got != n {
				t.Fatalf("export: %d, %v", got, err)
			}
			if len(seen) != n {
				t.Fatalf("progress told %d times, want once per row (%d)", len(seen), n)
			}
			for i, w := range seen {
				if w != i+1 {
					t.Fatalf("progress %v: step %d says %d", seen[:min(len(seen), i+3)], i, w)
				}
			}
			if rows := cells(t, buf.Bytes(), kind.Title()); len(rows) != n+1 {
				t.Fatalf("%d rows in the workbook, want %d and the header", len(rows)-1, n)
			}
		})
	}
}

// TestJobs runs exports in the background as the UI does: polling shows the
// count rising to the total, the workbook is fetched once, and no file is
// left behind.
func TestJobs(t *testing.T) {
	const n = 400
	s := imported(t, n)
	total, err := s.CountRequests(context.Background(), request.Query{})
	if err != nil || total != n {
		t.Fatalf("count = %d, %v", total, err)
	}
	dir := t.TempDir()
	jobs := xlsx.NewJobs(dir)
	t.Cleanup(jobs.Close)

	t.Run("OK", func(t *testing.T) {
		st, err := jobs.Start(s, xlsx.KindRegistrations, request.Query{}, total, "登记表.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		if st.State != xlsx.JobRunning || st.Total != n || st.ID == "" {
			t.Fatalf("started = %+v", st)
		}
		last := -1
		for {
			p, err := jobs.Status(st.ID)
			if err != nil {
				t.Fatal(err)
			}
			if p.Written < last || p.Written > p.Total {
				t.Fatalf("progress went from %d to %d of %d", last, p.Written, p.Total)
			}
			last = p.Written
			if p.State == xlsx.JobDone {
				break
			}
			if p.State != xlsx.JobRunning {
				t.Fatalf("state %s", p.State)
			}
		}
		if last != total {
			t.Fatalf("finished at %d of %d", last, total)
		}
		data, fin, err := jobs.Take(st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if fin.FileName != "登记表.xlsx" || fin.Written != n {
			t.Fatalf("finished = %+v", fin)
		}
		if rows := cells(t, data, xlsx.KindRegistrations.Title()); len(rows) != n+1 || rows[n][5] != fmt.Sprintf("第 %d 条需求", n) {
			t.Fatalf("%d rows, last %v", len(rows), rows[len(rows)-1])
		}
		if f := files(t, dir); len(f) != 0 {
			t.Fatalf("left behind: %v", f)
		}
		if _, _, err := jobs.Take(st.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("taken twice: %v", err)
		}
	})

	t.Run("Cancel", func(t *testing.T) {
		src := &stalling{after: 10, reached: make(chan struct{})}
		st, err := jobs.Start(src, xlsx.KindRegistrations, request.Query{}, 1000, "x.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		<-src.reached
		if f := files(t, dir); len(f) != 1 {
			t.Fatalf("files while running: %v", f)
		}
		if p, _ := jobs.Status(st.ID); p.State != xlsx.JobRunning || p.Written != 10 {
			t.Fatalf("before cancelling: %+v", p)
		}
		if err := jobs.Cancel(st.ID); err != nil {
			t.Fatal(err)
		}
		if f := files(t, dir); len(f) != 0 {
			t.Fatalf("a cancelled export left %v", f)
		}
		if _, err := jobs.Status(st.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("status after cancel: %v", err)
		}
	})

	t.Run("ErrFailed", func(t *testing.T) {
		src := &stalling{after: 5, fail: errors.New("disk I/O error")}
		st, err := jobs.Start(src, xlsx.KindRegistrations, request.Query{}, 100, "x.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		if err := jobs.Wait(st.ID); err != nil {
			t.Fatal(err)
		}
		p, err := jobs.Status(st.ID)
		if p.State != xlsx.JobFailed || err == nil || err.Error() != "disk I/O error" {
			t.Fatalf("failed export: %+v, %v", p, err)
		}
		if f := files(t, dir); len(f) != 0 {
			t.Fatalf("a failed export left %v", f)
		}
		if _, _, err := jobs.Take(st.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("take after failure: %v", err)
		}
	})

	t.Run("ErrKind", func(t *testing.T) {
		if _, err := jobs.Start(s, xlsx.Kind("everything"), request.Query{}, 1, "x.xlsx"); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("unknown kind: %v", err)
		}
	})
}

// stalling is a source whose registrations stop after a number of rows:
// with fail it fails there, otherwise it waits until the export is
// cancelled, so a test can look at a running export.
type stalling struct {
	after   int
	fail    error
	reached chan struct{}
}

func (s *stalling) Zone(context.Context) (*time.Location, error) { return shanghai, nil }

func (s *stalling) Registrations(ctx context.Context, _ request.Query) iter.Seq2[request.Request, error] {
	return func(yield func(request.Request, error) bool) {
		for i := 0; ; i++ {
			if i == s.after {
				if s.fail != nil {
					yield(request.Request{}, s.fail)
					return
				}
				close(s.reached)
				<-ctx.Done()
				yield(request.Request{}, ctx.Err())
				return
			}
			if !yield(request.Request{Number: fmt.Sprintf("XR-2024-%03d", i+1)}, nil) {
				return
			}
		}
	}
}

func (s *stalling) Tracking(context.Context, request.Query) iter.Seq2[request.TrackingRow, error] {
	return func(func(request.TrackingRow, error) bool) {}
}

func (s *stalling) Feedback(context.Context, request.Query) iter.Seq2[request.FeedbackRow, error] {
	return func(func(request.FeedbackRow, error) bool) {}
}

// TestJobsClearWhatAKillLeft: the workbook of an export cut short by a
// kill is cleared at the next start; other files in the folder stay.
func TestJobsClearWhatAKillLeft(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, "reqdesk-export-123456.xlsx")
	other := filepath.Join(dir, "notes.txt")
	os.WriteFile(left, []byte("PK"), 0o600)
	os.WriteFile(other, []byte("x"), 0o600)
	xlsx.NewJobs(dir)
	if _, err := os.Stat(left); err == nil {
		t.Fatal("an export left by a killed program was kept")
	}
	if _, err := os.Stat(other); err != nil {
		t.Fatalf("another file was removed: %v", err)
	}
}
