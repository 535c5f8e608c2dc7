package tests_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestDamagedDatabase starts the real program in serve mode on a database
// with a damaged page and walks the three choices the UI offers: the API
// reports the damage, the database can be kept open read-only (reads work,
// every write is refused in Chinese), what can be read exports to Excel,
// and the latest backup is restored at the next start, after which the
// program reports a sound database with the backup's data and the damaged
// one kept aside. The program stays up throughout: no crash loop.
func TestDamagedDatabase(t *testing.T) {
	bin := binary(t)
	data := t.TempDir()
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(data, "reqdesk.log"))
			t.Logf("reqdesk.log:\n%s", log)
		}
	})
	if out, err := exec.Command(bin, "demo", "--data", data, "--requests", "30", "--customers", "6").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	// The first start makes the day's automatic backup.
	s := startServe(t, bin, data)
	var want int
	s.call(t, "ExcelApp/Count", []any{"registrations", map[string]any{}}, &want)
	if want != 30 {
		t.Fatalf("%d requests in the demo", want)
	}
	backups := autoBackups(t, s)
	if len(backups) != 1 || !backups[0].Automatic {
		t.Fatalf("backups after the first start: %+v", backups)
	}
	s.stop(t)

	dbPath := filepath.Join(data, "reqdesk.db")
	corruptIndex(t, dbPath, "requests_owner")

	s = startServe(t, bin, data)
	health := s.health(t)
	if health.State != "damaged" || len(health.Problems) == 0 || len(health.Advice) != 3 {
		t.Fatalf("health of a damaged database: %+v", health)
	}

	t.Run("ReadOnly", func(t *testing.T) {
		var r healthReport
		s.call(t, "DataApp/OpenReadOnly", nil, &r)
		if !r.ReadOnly || s.health(t).ReadOnly != true {
			t.Fatalf("after choosing read-only: %+v", r)
		}
		var page struct {
			Total int `json:"total"`
		}
		s.call(t, "RequestsApp/List", []any{map[string]any{"pageSize": 5}}, &page)
		if page.Total != want {
			t.Fatalf("read-only list total %d, want %d", page.Total, want)
		}
		status, body := s.post(t, "CustomersApp/Create", []any{map[string]any{"fields": map[string]any{"name": "只读时登记的客户"}}})
		var e struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		}
		json.Unmarshal(body, &e)
		if status == http.StatusOK || e.Code != "forbidden" || !strings.Contains(e.Message, "只读") {
			t.Fatalf("a write while read-only: %d %s", status, body)
		}
	})

	t.Run("ExportWhatCanBeRead", func(t *testing.T) {
		var job struct {
			ID      string `json:"id"`
			State   string `json:"state"`
			Written int    `json:"written"`
			Total   int    `json:"total"`
		}
		s.call(t, "ExcelApp/StartExport", []any{"registrations", map[string]any{}}, &job)
		for job.State == "running" {
			s.call(t, "ExcelApp/ExportProgress", []any{job.ID}, &job)
		}
		if job.State != "done" || job.Written != want {
			t.Fatalf("export of a damaged database: %+v", job)
		}
		var b64 string
		s.call(t, "ExcelApp/ExportResult", []any{job.ID}, &b64)
		raw, _ := base64.StdEncoding.DecodeString(b64)
		f, err := excelize.OpenReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows(f.GetSheetName(0))
		if len(rows) != want+1 {
			t.Fatalf("%d rows exported, want %d and the header", len(rows)-1, want)
		}
	})

	t.Run("RestoreLatestBackup", func(t *testing.T) {
		var p struct {
			Source  string `json:"source"`
			Summary struct {
				Requests int `json:"requests"`
			} `json:"summary"`
		}
		s.call(t, "DataApp/RestoreLatest", nil, &p)
		if p.Source != backups[0].Name || p.Summary.Requests != want {
			t.Fatalf("staged restore: %+v", p)
		}
		var pending *struct{ Source string }
		s.call(t, "DataApp/PendingRestore", nil, &pending)
		if pending == nil || pending.Source != p.Source {
			t.Fatalf("pending restore: %+v", pending)
		}
		s.stop(t)

		s = startServe(t, bin, data)
		if h := s.health(t); h.State != "ok" || h.ReadOnly {
			t.Fatalf("health after the restore: %+v", h)
		}
		var last struct {
			OK     bool   `json:"ok"`
			Source string `json:"source"`
			Kept   string `json:"kept"`
		}
		s.call(t, "DataApp/LastRestore", nil, &last)
		if !last.OK || last.Source != p.Source || !strings.Contains(filepath.Base(last.Kept), "before-restore") {
			t.Fatalf("last restore: %+v", last)
		}
		var n int
		s.call(t, "ExcelApp/Count", []any{"registrations", map[string]any{}}, &n)
		if n != want {
			t.Fatalf("%d requests after the restore, want %d", n, want)
		}
		// Writes work again.
		if status, body := s.post(t, "CustomersApp/Create", []any{map[string]any{"fields": map[string]any{"name": "恢复后登记的客户"}}}); status != http.StatusOK {
			t.Fatalf("a write after the restore: %d %s", status, body)
		}
		s.call(t, "DataApp/PendingRestore", nil, &pending)
		if pending != nil {
			t.Fatalf("the restore is still pending: %+v", pending)
		}
	})
}

// corruptIndex overwrites the root page of an index with garbage, the way a
// failing disk or a torn write damages one page: the database still opens,
// and the integrity check finds the damage.
func corruptIndex(t *testing.T, dbPath, index string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var root, size int
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = ?`, index).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(dbPath, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, size), int64(root-1)*int64(size)); err != nil {
		t.Fatal(err)
	}
}

type healthReport struct {
	State    string   `json:"state"`
	Problems []string `json:"problems"`
	Advice   []string `json:"advice"`
	ReadOnly bool     `json:"readOnly"`
}

// health waits for the start-up integrity check and returns its verdict.
func (s *serveProc) health(t *testing.T) healthReport {
	t.Helper()
	var h healthReport
	for i := 0; i < 600; i++ {
		s.call(t, "SystemApp/Health", nil, &h)
		if h.State != "checking" {
			return h
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the integrity check never finished")
	return h
}

// post calls a bound method and returns the status and body.
func (s *serveProc) post(t *testing.T, method string, args []any) (int, []byte) {
	t.Helper()
	if args == nil {
		args = []any{}
	}
	body, _ := json.Marshal(args)
	req, err := http.NewRequest("POST", s.base+"/api/"+method, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-ReqDesk-Call", "1")
	req.Header.Set("X-ReqDesk-Key", s.key)
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, out
}

// call calls a bound method that must succeed and decodes its result.
func (s *serveProc) call(t *testing.T, method string, args []any, out any) {
	t.Helper()
	status, body := s.post(t, method, args)
	if status != http.StatusOK {
		t.Fatalf("%s: %d %s", method, status, body)
	}
	if out != nil {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s: %v in %s", method, err, body)
		}
	}
}

// stop ends the program as a user would (SIGTERM) and waits for it.
func (s *serveProc) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v", err)
		}
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		t.Fatal("serve did not stop on SIGTERM")
	}
}

type backupFile struct {
	Name      string `json:"name"`
	Automatic bool   `json:"automatic"`
}

// autoBackups waits for the day's automatic backup, which serve makes in the
// background after it starts (answering meanwhile), and lists the backups.
func autoBackups(t *testing.T, s *serveProc) []backupFile {
	t.Helper()
	var backups []backupFile
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		s.call(t, "DataApp/Backups", nil, &backups)
		for _, b := range backups {
			if b.Automatic {
				return backups
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no automatic backup 30 s after the start: %+v", backups)
		}
	}
}

// TestUnopenableDatabase: a database whose first page is destroyed cannot
// be opened at all; the program says so once, names the latest backup and
// the command that restores it, and exits instead of starting half-way.
func TestUnopenableDatabase(t *testing.T) {
	bin := binary(t)
	data := t.TempDir()
	if out, err := exec.Command(bin, "demo", "--data", data, "--requests", "5", "--customers", "2").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	s := startServe(t, bin, data)
	autoBackups(t, s)
	s.stop(t)
	dbPath := filepath.Join(data, "reqdesk.db")
	f, err := os.OpenFile(dbPath, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(bytes.Repeat([]byte{0x5A}, 100), 0) // the header: no longer a SQLite file
	f.Close()
	// A write-ahead log left beside it could still hold page 1 and bring the
	// header back: destroyed means both gone.
	os.Remove(dbPath + "-wal")
	os.Remove(dbPath + "-shm")

	// Bounded, so a serve that starts anyway fails the test instead of hanging it.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "serve", "--data", data, "--addr", "127.0.0.1:0").CombinedOutput()
	if err == nil {
		t.Fatalf("serve started on a destroyed database:\n%s", out)
	}
	msg := string(out)
	if !strings.Contains(msg, "无法打开数据库") || !strings.Contains(msg, "reqdesk-auto-") || !strings.Contains(msg, "reqdesk restore --latest") {
		t.Fatalf("message:\n%s", msg)
	}
	if out, err := exec.Command(bin, "restore", "--latest", "--data", data).CombinedOutput(); err != nil {
		t.Fatalf("restore --latest: %v\n%s", err, out)
	}
	s = startServe(t, bin, data)
	if h := s.health(t); h.State != "ok" {
		t.Fatalf("health after restoring: %+v", h)
	}
	var n int
	s.call(t, "ExcelApp/Count", []any{"registrations", map[string]any{}}, &n)
	if n != 5 {
		t.Fatalf("%d requests after restoring, want 5", n)
	}
}
