package tests_test

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
)

// TestSyncKill runs a team server and two laptops as real processes on
// loopback and kills them with SIGKILL in the middle of a sync: (a) a
// laptop's `reqdesk sync` while the server applies the first batch of a
// large outbox, (b) the server while it applies a push, (c) the server
// while a laptop pulls in batches. After the process is started again
// and the laptop syncs once more, nothing is lost or applied twice: every
// command the laptop recorded is applied once, its outbox and inbox are
// empty, the numbers are unique and the laptops' shared data equal the
// server's.
func TestSyncKill(t *testing.T) {
	bin := binary(t)
	ctx := context.Background()
	srvDir, lapDir, lap2Dir := t.TempDir(), t.TempDir(), t.TempDir()
	if out, err := runBin(bin, "password-1\n", "user", "add", "王强", "--role", "supervisor,owner", "--password-stdin",
		"--data", srvDir); err != nil {
		t.Fatalf("user add: %v\n%s", err, out)
	}
	func() {
		st, err := store.Open(ctx, filepath.Join(srvDir, "reqdesk.db"), clock.System{})
		must(t, err)
		defer st.Close()
		cmds := command.New(st)
		set, err := st.Settings(ctx)
		must(t, err)
		set.NumberPattern, set.DeviceCode = "XR-{YYYY}-{DEV}-{NNN}", "HQ"
		_, err = command.Run(ctx, cmds, command.SaveSettings{Settings: set})
		must(t, err)
		_, err = command.Run(ctx, cmds, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"}}})
		must(t, err)
	}()
	port := freePort(t)
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	srv := startTeamServer(t, bin, srvDir, port)
	for _, j := range []struct{ dir, code string }{{lapDir, "A1"}, {lap2Dir, "B2"}} {
		if out, err := runBin(bin, "password-1\n", "join", url, "--user", "王强", "--device-code", j.code, "--data", j.dir); err != nil {
			t.Fatalf("join: %v\n%s", err, out)
		}
	}
	srvDB := openRO(t, filepath.Join(srvDir, "reqdesk.db"))
	lastSeq := func() int64 {
		var n int64
		must(t, srvDB.QueryRow(`SELECT last_seq FROM sync_devices WHERE code = 'A1' AND revoked_at IS NULL`).Scan(&n))
		return n
	}
	recorded, creates := 0, 0
	work := func(n int) {
		r, c := offlineWork(t, lapDir, n)
		recorded, creates = recorded+r, creates+c
	}

	// (a) The laptop is killed while the server applies the first batch
	// of its push: the answer is lost after the server committed.
	work(600)
	sync := startSync(t, bin, lapDir)
	waitUntil(t, "the server applies the first pushed command", func() bool { return lastSeq() > 0 })
	must(t, sync.Process.Signal(syscall.SIGKILL))
	sync.Wait()
	if n := lastSeq(); n >= int64(recorded) {
		t.Fatalf("the push was over (%d of %d applied) before the laptop was killed", n, recorded)
	}
	t.Logf("(a) laptop killed with %d of %d commands applied", lastSeq(), recorded)
	syncOK(t, bin, lapDir)
	srv = checkSynced(t, bin, srv, srvDir, port, recorded, creates, lapDir)

	// (b) The server is killed while it applies a push.
	before := lastSeq()
	work(600)
	sync = startSync(t, bin, lapDir)
	waitUntil(t, "the server applies the next push", func() bool { return lastSeq() > before })
	srv.kill(t)
	if err := sync.Wait(); err == nil {
		t.Fatal("the laptop's sync succeeded though the server was killed during its push")
	}
	t.Logf("(b) server killed with %d of %d commands applied", lastSeq(), recorded)
	srv = startTeamServer(t, bin, srvDir, port)
	syncOK(t, bin, lapDir)
	srv = checkSynced(t, bin, srv, srvDir, port, recorded, creates, lapDir)

	// (c) The server is killed while the second laptop pulls what the
	// first pushed, in batches.
	pulled := func() bool {
		var n int
		must(t, srvDB.QueryRow(`SELECT count(*) FROM sync_devices WHERE code = 'B2' AND revoked_at IS NULL
			AND last_sync_at IS NOT NULL AND last_sync_at > (SELECT last_sync_at FROM sync_devices WHERE code = 'A1'
			AND revoked_at IS NULL)`).Scan(&n))
		return n > 0
	}
	sync = startSync(t, bin, lap2Dir)
	waitUntil(t, "the second laptop pulls its first batch", pulled)
	srv.kill(t)
	if err := sync.Wait(); err == nil {
		t.Fatal("the second laptop's pull was over before the server was killed")
	}
	srv = startTeamServer(t, bin, srvDir, port)
	syncOK(t, bin, lap2Dir)
	syncOK(t, bin, lapDir)
	checkSynced(t, bin, srv, srvDir, port, recorded, creates, lapDir, lap2Dir)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func runBin(bin, stdin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	must(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// waitUntil polls cond until it holds (at most a minute).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(time.Minute); !cond(); {
		if time.Now().After(end) {
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// teamProc is a running `reqdesk serve --accounts`.
type teamProc struct {
	cmd    *exec.Cmd
	exited chan struct{}
}

// kill ends the server with SIGKILL.
func (p *teamProc) kill(t *testing.T) {
	t.Helper()
	must(t, p.cmd.Process.Signal(syscall.SIGKILL))
	<-p.exited
}

// stop ends the server with SIGTERM, as a person would.
func (p *teamProc) stop(t *testing.T) {
	t.Helper()
	must(t, p.cmd.Process.Signal(syscall.SIGTERM))
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}

// startTeamServer starts `reqdesk serve --accounts` on the port and waits
// until it answers /sync/probe.
func startTeamServer(t *testing.T, bin, dir string, port int) *teamProc {
	t.Helper()
	url := fmt.Sprintf("http://127.0.0.1:%d/sync/probe", port)
	for try := 0; ; try++ {
		p := &teamProc{cmd: exec.Command(bin, "serve", "--accounts", "--data", dir, "--addr", fmt.Sprintf("127.0.0.1:%d", port)),
			exited: make(chan struct{})}
		must(t, p.cmd.Start())
		go func() { p.cmd.Wait(); close(p.exited) }()
		t.Cleanup(func() { p.cmd.Process.Kill(); <-p.exited })
		if p.answers(url) {
			return p
		}
		// The previous process may hold the data directory or the port
		// for a moment after SIGKILL.
		if try == 50 {
			t.Fatal("serve did not start")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// answers waits until the server answers url, false when it exits first.
func (p *teamProc) answers(url string) bool {
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		select {
		case <-p.exited:
			return false
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return true
			}
		}
	}
	p.cmd.Process.Kill()
	return false
}

// checkSynced stops the server and checks what must hold after the
// laptops synced: the first laptop's commands (recorded of them, creates
// of which registered a request) were each applied once and none was
// refused, every laptop's outbox and inbox are empty and its shared data
// equal the server's, and the numbers are unique. It starts the server
// again.
func checkSynced(t *testing.T, bin string, srv *teamProc, srvDir string, port, recorded, creates int, laps ...string) *teamProc {
	t.Helper()
	ctx := context.Background()
	srv.stop(t)
	db := openRO(t, filepath.Join(srvDir, "reqdesk.db"))
	var applied, refused, requests, dups int
	must(t, db.QueryRow(`SELECT count(*) FROM sync_applied a JOIN sync_devices d ON d.id = a.device_id
		WHERE d.code = 'A1'`).Scan(&applied))
	must(t, db.QueryRow(`SELECT count(*) FROM sync_conflicts`).Scan(&refused))
	must(t, db.QueryRow(`SELECT count(*) FROM requests`).Scan(&requests))
	must(t, db.QueryRow(`SELECT count(*) FROM (SELECT number FROM requests GROUP BY number HAVING count(*) > 1)`).Scan(&dups))
	if applied != recorded || refused != 0 || requests != creates || dups != 0 {
		t.Fatalf("the server applied %d commands (want %d), refused %d, has %d requests (want %d), %d numbers twice",
			applied, recorded, refused, requests, creates, dups)
	}
	sst, err := store.Open(ctx, filepath.Join(srvDir, "reqdesk.db"), clock.System{})
	must(t, err)
	want, err := sst.SharedDump(ctx)
	sst.Close()
	must(t, err)
	for _, dir := range laps {
		st, err := store.Open(ctx, filepath.Join(dir, "reqdesk.db"), clock.System{})
		must(t, err)
		got, err := st.SharedDump(ctx)
		must(t, err)
		waiting, err := st.OutboxCount(ctx)
		must(t, err)
		inbox, err := st.InboxCount(ctx)
		must(t, err)
		st.Close()
		if waiting != 0 || inbox != 0 {
			t.Fatalf("%s: %d commands waiting, %d refused, want none", dir, waiting, inbox)
		}
		for _, table := range store.SharedTables() {
			if g, w := strings.Join(got[table], "\n"), strings.Join(want[table], "\n"); g != w {
				t.Fatalf("%s: %s differs from the server's (%d rows, the server %d)", dir, table, len(got[table]), len(want[table]))
			}
		}
	}
	return startTeamServer(t, bin, srvDir, port)
}

func startSync(t *testing.T, bin, dir string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "sync", "--data", dir)
	must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd
}

// syncOK runs `reqdesk sync` on the laptop, which must succeed.
func syncOK(t *testing.T, bin, dir string) {
	t.Helper()
	// The killed sync's process may hold the data directory a moment.
	for try := 0; ; try++ {
		out, err := runBin(bin, "", "sync", "--data", dir)
		if err == nil {
			return
		}
		if try == 20 || !strings.Contains(out, "正在") && !strings.Contains(out, "使用") {
			t.Fatalf("sync: %v\n%s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// offlineWork has the laptop register requests and triage every third,
// offline, and returns how many commands it recorded and how many of them
// registered a request.
func offlineWork(t *testing.T, dir string, n int) (int, int) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "reqdesk.db"), clock.System{})
	must(t, err)
	defer st.Close()
	cmds := command.New(st)
	teamsync.NewClient(cmds, nil) // keeps the outbox
	before, err := st.OutboxCount(ctx)
	must(t, err)
	cs, err := st.ListCustomers(ctx, customer.Query{Limit: 1})
	must(t, err)
	creates := 0
	for i := 0; i < n; {
		creates++
		r, err := command.Run(ctx, cmds, command.CreateRequest{Fields: request.Fields{CustomerID: cs.Items[0].ID,
			ContactName: "张伟", Channel: "电话", Type: "咨询", Urgency: request.UrgencyNormal,
			Title: fmt.Sprintf("离线登记 %d", i), Description: "客户来电", ReceivedAt: time.Now().Add(-time.Hour), ReceivedBy: "王强"}})
		must(t, err)
		i++
		if i%3 == 0 && i < n {
			_, err = command.Run(ctx, cmds, command.MoveRequest{ID: r.ID, Version: r.Version,
				Move: request.Move{Action: request.ActTriage, Department: "客服部"}})
			must(t, err)
			i++
		}
	}
	after, err := st.OutboxCount(ctx)
	must(t, err)
	if after-before != n {
		t.Fatalf("the outbox gained %d commands, want %d", after-before, n)
	}
	return n, creates
}
