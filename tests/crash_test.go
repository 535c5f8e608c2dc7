package tests_test

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// TestCrashSafety starts the real program in serve mode, drives writes
// through its HTTP API, kills it with SIGKILL at a random moment, restarts
// it, and checks that the database is sound and that every write that was
// acknowledged before the kill is there. REQDESK_CRASH_KILLS sets how many
// kills (default 5; `make crashtest` runs 50).
func TestCrashSafety(t *testing.T) {
	bin := binary(t)
	kills := 5
	if v := os.Getenv("REQDESK_CRASH_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("REQDESK_CRASH_KILLS=%q", v)
		}
		kills = n
	}
	data := t.TempDir()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	var acknowledged []string
	for round := 0; round < kills; round++ {
		srv := startServe(t, bin, data)
		var mu sync.Mutex
		var acked []string
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("崩溃测试客户-%02d-%04d", round, i)
				if err := srv.createCustomer(name); err != nil {
					return // the kill came mid-request: not acknowledged
				}
				mu.Lock()
				acked = append(acked, name)
				mu.Unlock()
			}
		}()
		time.Sleep(time.Duration(50+rng.IntN(400)) * time.Millisecond)
		srv.cmd.Process.Signal(syscall.SIGKILL)
		srv.cmd.Wait()
		close(stop)
		<-done
		mu.Lock()
		acknowledged = append(acknowledged, acked...)
		mu.Unlock()
	}
	if len(acknowledged) == 0 {
		t.Fatal("no write was acknowledged before any kill")
	}
	// A last start must open the database cleanly (it runs its checks), and
	// every acknowledged customer must be there.
	srv := startServe(t, bin, data)
	srv.cmd.Process.Signal(syscall.SIGTERM)
	srv.cmd.Wait()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "reqdesk.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check = %q, %v", check, err)
	}
	have := map[string]bool{}
	rows, err := db.Query(`SELECT name FROM customers`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		have[n] = true
	}
	rows.Close()
	for _, n := range acknowledged {
		if !have[n] {
			t.Fatalf("acknowledged write %s lost after a kill", n)
		}
	}
	// Every customer row has its audit entry: no half-applied write.
	var orphans int
	db.QueryRow(`SELECT count(*) FROM customers c WHERE NOT EXISTS
		(SELECT 1 FROM audit_log a WHERE a.entity_id = c.id AND a.action = 'create')`).Scan(&orphans)
	if orphans != 0 {
		t.Fatalf("%d customers without their audit entry", orphans)
	}
	t.Logf("%d kills, %d acknowledged writes, all present; integrity ok", kills, len(acknowledged))
}

type serveProc struct {
	cmd    *exec.Cmd
	base   string
	client *http.Client
	key    string
}

var urlPattern = regexp.MustCompile(`http://127\.0\.0\.1:\d+/\?token=[0-9a-f]+`)

func startServe(t *testing.T, bin, data string) *serveProc {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var cmd *exec.Cmd
	var out io.ReadCloser
	// The previous process may still hold the lock for a moment after SIGKILL.
	for try := 0; ; try++ {
		cmd = exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0")
		var err error
		if out, err = cmd.StdoutPipe(); err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		url := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if m := urlPattern.FindString(sc.Text()); m != "" {
					url <- m
				}
			}
			close(url)
		}()
		select {
		case u, ok := <-url:
			if !ok {
				cmd.Wait()
				if try < 20 {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				t.Fatal("serve exited without printing its URL")
			}
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
			resp, err := c.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			// The link hands the session key over in the fragment it
			// redirects to; calls carry it beside the cookie.
			key, _ := strings.CutPrefix(resp.Request.URL.Fragment, "reqdesk-key=")
			t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
			return &serveProc{cmd: cmd, base: u[:strings.Index(u, "/?")], client: c, key: key}
		case <-ctx.Done():
			cmd.Process.Kill()
			t.Fatal("serve did not start")
		}
	}
}

func (s *serveProc) createCustomer(name string) error {
	body, _ := json.Marshal([]any{map[string]any{"fields": map[string]any{"name": name, "industry": "制造业"}}})
	req, err := http.NewRequest("POST", s.base+"/api/CustomersApp/Create", strings.NewReader(string(body)))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-ReqDesk-Call", "1")
	req.Header.Set("X-ReqDesk-Key", s.key)
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}
