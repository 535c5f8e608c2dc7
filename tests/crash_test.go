package tests_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/base64"
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

	"github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"
)

// TestCrashSafety starts the real program in serve mode, drives writes
// through its HTTP API from several writers at once (customers and requests
// created, requests edited and moved through steps, stage records kept, a
// table imported), kills it with SIGKILL at a random moment, restarts it,
// and after every restart checks that the database is sound and that every
// write acknowledged before any kill is there (an import all or nothing). In
// one round a restore is staged and the program is killed again while the
// next start applies it: the database replaced must be kept whole, with
// every acknowledged write. REQDESK_CRASH_KILLS sets how many rounds
// (default 4; `make crashtest` runs 50).
func TestCrashSafety(t *testing.T) {
	bin := binary(t)
	kills := 4
	if v := os.Getenv("REQDESK_CRASH_KILLS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("REQDESK_CRASH_KILLS=%q", v)
		}
		kills = n
	}
	data := t.TempDir()
	dbPath := filepath.Join(data, "reqdesk.db")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	restoreRound := min(2, kills-1)
	l := newLedger()
	staged, killed, acked, imports := false, 0, 0, 0
	for round := 0; round <= kills; round++ {
		srv := startServe(t, bin, data)
		// Receivers and owners are picked from the people list; a restored
		// backup may be older than the person, so each round makes sure.
		if status, body := srv.post(t, "SettingsApp/SavePerson", []any{"", 0, map[string]any{"name": "李娜",
			"department": "客服部", "roles": []string{"agent", "owner"}, "active": true}}); status != http.StatusOK &&
			!strings.Contains(string(body), "person_duplicate") {
			t.Fatalf("SavePerson: %d %s", status, body)
		}
		if staged {
			// The restore is done: the database it replaced, kept as a
			// backup, holds every write acknowledged before.
			var res struct {
				OK    bool
				Error string
			}
			srv.call(t, "DataApp/LastRestore", nil, &res)
			if !res.OK {
				t.Fatalf("the staged restore was not done: %+v", res)
			}
			l.checkKept(t, dbPath)
			acked += l.total()
			imports += l.importsAcked()
			l, staged = newLedger(), false
		} else {
			l.check(t, dbPath, fmt.Sprintf("after restart %d", round))
		}
		if round == kills {
			srv.stop(t)
			imports += l.importsAcked()
			break
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for _, w := range l.writers(t, srv, round) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					if !w(i) {
						return // the kill came mid-request: not acknowledged
					}
				}
			}()
		}
		switch {
		case round == 1:
			// One import surely acknowledged, while the writers run.
			l.importTable(t, srv, round, 40)
		case round%2 == 1:
			// Others cut short or not, at random.
			wg.Add(1)
			go func() { defer wg.Done(); l.importTable(t, srv, round, 40) }()
		}
		if round == restoreRound {
			l.stageRestore(t, srv)
			staged = true
		}
		time.Sleep(time.Duration(100+rng.IntN(500)) * time.Millisecond)
		srv.cmd.Process.Signal(syscall.SIGKILL)
		srv.cmd.Wait()
		killed++
		close(stop)
		wg.Wait()
		if staged {
			// Killed again while the next start applies the restore.
			for i := 0; i < 2; i++ {
				if startAndKill(t, bin, data, time.Duration(rng.IntN(400))*time.Millisecond) {
					killed++
				}
			}
		}
	}
	acked += l.total()
	if imports == 0 && kills > 1 {
		t.Fatal("no import was acknowledged before a kill")
	}
	if acked == 0 {
		t.Fatal("no write was acknowledged before any kill")
	}
	t.Logf("%d kills (%d of them while a staged restore was applied), %d acknowledged writes from concurrent writers (%d imports), all present after every restart; integrity ok",
		killed, killed-kills, acked, imports)
}

// ledger is what the server acknowledged, to be found after a restart.
type ledger struct {
	mu        sync.Mutex
	customers []string
	requests  []string          // titles
	records   []string          // communication summaries
	moves     map[string]int    // request id → steps acknowledged
	edits     map[string]*edit  // request id → its description
	imports   []*importedTable  // tables sent
	failures  map[string]string // writer → an answer that was not a kill
}

type edit struct{ acked, sent string }

type importedTable struct {
	prefix string
	rows   int
	acked  bool
}

func newLedger() *ledger {
	return &ledger{moves: map[string]int{}, edits: map[string]*edit{}, failures: map[string]string{}}
}

func (l *ledger) importsAcked() int {
	n := 0
	for _, im := range l.imports {
		if im.acked {
			n++
		}
	}
	return n
}

func (l *ledger) total() int {
	n := len(l.customers) + len(l.requests) + len(l.records)
	for _, m := range l.moves {
		n += m
	}
	for _, im := range l.imports {
		if im.acked {
			n++
		}
	}
	return n + len(l.edits)
}

// writers sets up the round's customer and requests and returns the
// writers that run concurrently until the kill; each does its i-th write
// and says whether it was acknowledged.
func (l *ledger) writers(t *testing.T, srv *serveProc, round int) []func(int) bool {
	t.Helper()
	var cust struct{ Customer struct{ ID string } }
	srv.call(t, "CustomersApp/Create", []any{map[string]any{"fields": map[string]any{"name": fmt.Sprintf("崩溃测试基准客户-%02d", round)}}}, &cust)
	newRequest := func(title string) (string, bool) {
		var r struct{ ID string }
		ok := srv.try(t, l, "requests", "RequestsApp/Create", []any{map[string]any{
			"customerId": cust.Customer.ID, "channel": "电话", "type": "技术咨询", "urgency": "normal",
			"title": title, "description": "初始", "receivedAt": time.Now().Format(time.RFC3339), "receivedBy": "李娜",
		}}, &r)
		return r.ID, ok
	}
	edited, _ := newRequest(fmt.Sprintf("崩溃测试编辑-%02d", round))
	moved, _ := newRequest(fmt.Sprintf("崩溃测试流转-%02d", round))
	recorded, _ := newRequest(fmt.Sprintf("崩溃测试记录-%02d", round))
	l.edits[edited] = &edit{acked: "初始", sent: "初始"}
	version := func(id string) int64 {
		var d struct{ Request struct{ Version int64 } }
		if !srv.try(t, l, "get", "RequestsApp/Get", []any{id}, &d) {
			return -1
		}
		return d.Request.Version
	}
	return []func(int) bool{
		func(i int) bool {
			name := fmt.Sprintf("崩溃测试客户-%02d-%04d", round, i)
			if !srv.try(t, l, "customers", "CustomersApp/Create", []any{map[string]any{"fields": map[string]any{"name": name, "industry": "制造业"}}}, nil) {
				return false
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			l.customers = append(l.customers, name)
			return true
		},
		func(i int) bool {
			title := fmt.Sprintf("崩溃测试需求-%02d-%04d", round, i)
			if _, ok := newRequest(title); !ok {
				return false
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			l.requests = append(l.requests, title)
			return true
		},
		func(i int) bool {
			v := version(edited)
			desc := fmt.Sprintf("第 %d 次修改", i+1)
			l.mu.Lock()
			l.edits[edited].sent = desc
			l.mu.Unlock()
			if v < 0 || !srv.try(t, l, "edits", "RequestsApp/Update", []any{edited, v, map[string]any{
				"customerId": cust.Customer.ID, "channel": "电话", "type": "技术咨询", "urgency": "normal",
				"title": fmt.Sprintf("崩溃测试编辑-%02d", round), "description": desc,
				"receivedAt": time.Now().Format(time.RFC3339), "receivedBy": "李娜",
			}}, nil) {
				return false
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			l.edits[edited].acked = desc
			return true
		},
		func(i int) bool {
			move := map[string]any{"action": "triage", "department": "技术支持部", "path": "full"}
			switch {
			case i%2 == 1:
				move = map[string]any{"action": "assign", "owner": "李娜"}
			case i > 0:
				move = map[string]any{"action": "return_to_triage", "comment": "重新分类"}
			}
			v := version(moved)
			if v < 0 || !srv.try(t, l, "moves", "RequestsApp/Move", []any{moved, v, move}, nil) {
				return false
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			l.moves[moved]++
			return true
		},
		func(i int) bool {
			summary := fmt.Sprintf("崩溃测试沟通-%02d-%04d", round, i)
			if !srv.try(t, l, "records", "RequestsApp/SaveRecord", []any{map[string]any{
				"requestId": recorded, "kind": "communication", "id": "", "version": 0, "parentId": "",
				"body": map[string]any{"at": time.Now().Format(time.RFC3339), "channel": "电话", "with": "王经理", "summary": summary},
			}}, nil) {
				return false
			}
			l.mu.Lock()
			defer l.mu.Unlock()
			l.records = append(l.records, summary)
			return true
		},
	}
}

// try makes a call; false when no answer came (the kill). Any other
// failure is a failure of the test.
func (s *serveProc) try(t *testing.T, l *ledger, writer, method string, args []any, out any) bool {
	body, _ := json.Marshal(args)
	req, _ := http.NewRequest("POST", s.base+"/api/"+method, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-ReqDesk-Call", "1")
	req.Header.Set("X-ReqDesk-Key", s.key)
	resp, err := s.client.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return false
	}
	if resp.StatusCode != http.StatusOK {
		l.mu.Lock()
		l.failures[writer] = fmt.Sprintf("%s: %d %s", method, resp.StatusCode, b)
		l.mu.Unlock()
		return false
	}
	if out != nil {
		json.Unmarshal(b, out)
	}
	return true
}

// importTable imports a table of n new requests at a random moment.
func (l *ledger) importTable(t *testing.T, srv *serveProc, round, n int) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"客户名称", "需求类型", "需求描述", "紧急程度", "接收时间", "渠道", "接收人"})
	prefix := fmt.Sprintf("崩溃测试导入-%02d-", round)
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		f.SetSheetRow("Sheet1", cell, &[]any{"崩溃测试导入客户", "技术咨询", fmt.Sprintf("%s%03d", prefix, i), "一般", "2024-03-15", "电话", "李娜"})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Error(err)
		return
	}
	im := &importedTable{prefix: prefix, rows: n}
	l.mu.Lock()
	l.imports = append(l.imports, im)
	l.mu.Unlock()
	var rep struct {
		Applied      bool
		ProblemCount int
	}
	if !srv.try(t, l, "import", "ExcelApp/Import", []any{base64.StdEncoding.EncodeToString(buf.Bytes())}, &rep) {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !rep.Applied {
		l.failures["import"] = fmt.Sprintf("not applied: %+v", rep)
		return
	}
	im.acked = true
}

// stageRestore stages the day's automatic backup.
func (l *ledger) stageRestore(t *testing.T, srv *serveProc) {
	t.Helper()
	for _, b := range autoBackups(t, srv) {
		if b.Automatic {
			srv.call(t, "DataApp/StageRestore", []any{b.Name, ""}, nil)
			return
		}
	}
}

// startAndKill starts the program and kills it after wait, whether or not
// it has finished starting; false when it exited first (the lock still held).
func startAndKill(t *testing.T, bin, data string, wait time.Duration) bool {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", "127.0.0.1:0")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(wait)
	err := cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	return err == nil
}

// check opens the database beside the running program and looks for every
// acknowledged write.
func (l *ledger) check(t *testing.T, dbPath, where string) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for w, f := range l.failures {
		t.Fatalf("writer %s got an answer other than a kill: %s", w, f)
	}
	if err := l.verify(dbPath); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
}

// verify returns the first acknowledged write the database lacks.
func (l *ledger) verify(dbPath string) error {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("integrity_check = %q, %v", check, err)
	}
	set := func(query string) (map[string]bool, error) {
		have := map[string]bool{}
		rows, err := db.Query(query)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var v sql.NullString
			rows.Scan(&v)
			have[v.String] = true
		}
		return have, rows.Err()
	}
	for _, c := range []struct {
		what, query string
		want        []string
	}{
		{"customer", `SELECT name FROM customers`, l.customers},
		{"request", `SELECT title FROM requests`, l.requests},
		{"stage record", `SELECT record_field(body, 'summary') FROM request_records WHERE kind = 'communication'`, l.records},
	} {
		have, err := set(c.query)
		if err != nil {
			return err
		}
		for _, w := range c.want {
			if !have[w] {
				return fmt.Errorf("acknowledged %s %s lost", c.what, w)
			}
		}
	}
	for id, e := range l.edits {
		var desc string
		db.QueryRow(`SELECT description FROM requests WHERE id = ?`, id).Scan(&desc)
		if desc != e.acked && desc != e.sent {
			return fmt.Errorf("request %s reads %q, acknowledged %q", id, desc, e.acked)
		}
	}
	for id, n := range l.moves {
		var got int
		if err := db.QueryRow(`SELECT count(*) FROM request_transitions
			WHERE req = (SELECT seq FROM requests WHERE id = ?)`, id).Scan(&got); err != nil {
			return fmt.Errorf("request %s: steps: %w", id, err)
		}
		if got < n {
			return fmt.Errorf("request %s has %d steps logged, %d acknowledged", id, got, n)
		}
	}
	for _, im := range l.imports {
		var got int
		db.QueryRow(`SELECT count(*) FROM requests WHERE title LIKE ?`, im.prefix+"%").Scan(&got)
		if (im.acked && got != im.rows) || (got != 0 && got != im.rows) {
			return fmt.Errorf("import %s has %d of %d rows (acknowledged: %v)", im.prefix, got, im.rows, im.acked)
		}
	}
	// Every customer row has its audit entry: no half-applied write.
	var orphans int
	db.QueryRow(`SELECT count(*) FROM customers c WHERE NOT EXISTS
		(SELECT 1 FROM audit_log a WHERE a.entity_id IN (c.id, unhex(replace(c.id, '-', ''))) AND a.action = 'create')`).Scan(&orphans)
	if orphans != 0 {
		return fmt.Errorf("%d customers without their audit entry", orphans)
	}
	return nil
}

// checkKept finds the database a restore replaced among the backups and
// checks it holds every acknowledged write; kills during the restore may
// have kept it more than once, the restored copy among them.
func (l *ledger) checkKept(t *testing.T, dbPath string) {
	t.Helper()
	kept, _ := filepath.Glob(filepath.Join(filepath.Dir(dbPath), "backups", "reqdesk-before-restore-*.db"))
	if len(kept) == 0 {
		t.Fatal("the restore kept no copy of the database it replaced")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []string
	for _, k := range kept {
		err := l.verify(k)
		if err == nil {
			return
		}
		errs = append(errs, filepath.Base(k)+": "+err.Error())
	}
	t.Fatalf("no copy kept by the restore holds every acknowledged write: %s", strings.Join(errs, "; "))
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
