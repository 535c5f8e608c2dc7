package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing/fstest"
	"time"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
)

// The sync rows (issue 18): a team server on a copy of the generated
// database, served by the real handler stack (internal/server with
// accounts, /sync/ mounted) on loopback HTTP, and a laptop that joins it.

// SyncOptions size the sync rows.
type SyncOptions struct {
	Commands int // offline commands pushed in one round (1,000)
	PullRows int // changed rows pulled in one round (10,000)
	Rounds   int // empty rounds measured
	Runs     int // runs of the push and of the pull
	Laptops  int // laptops syncing at once in the load test (200)
	Browsers int // browser users at once in the load test (50)
	// Duration is how long the load runs; Period a laptop's time between
	// rounds, Think a browser user's between calls (both on average).
	Duration, Period, Think time.Duration
	// LoadOnly runs the load test alone: no laptop joins, pushes or
	// pulls before it (the rows of join, push, pull and the empty round
	// are left out).
	LoadOnly bool
	// Log, when set, tells the progress.
	Log func(format string, args ...any)
	// Parts, when not empty, names the rows measured (join, push, pull,
	// empty, load): the join is made whatever it says, the others need it.
	Parts []string
}

// DefaultSyncOptions are the sizes of issue 18.
func DefaultSyncOptions() SyncOptions {
	return SyncOptions{Commands: 1000, PullRows: 10000, Rounds: 200, Runs: 3, Laptops: 200, Browsers: 50,
		Duration: 60 * time.Second, Period: 15 * time.Second, Think: 2 * time.Second}
}

const (
	syncPassword = "bench password 9"
	// syncUser is the laptop's account (supervisor: it triages and assigns).
	syncUser  = "王强"
	syncOwner = "陈静"
	syncDept  = "技术支持部"
)

// syncTeam is the team server and the laptop.
type syncTeam struct {
	ctx      context.Context
	dir      string
	src      string
	srv      *store.Store
	srvCmds  *command.Service
	accounts *auth.Service
	http     *http.Server
	url      string
	laptop   *store.Store
	client   *teamsync.Client
	// laptopCmds are the laptop's commands, whose outbox the client keeps.
	laptopCmds *command.Service
	wire       *countingTransport
	base       request.Fields // the fields new requests are made of
	close      []func()
}

func (t *syncTeam) Close() {
	for i := len(t.close) - 1; i >= 0; i-- {
		t.close[i]()
	}
}

// SyncResults measures the sync rows on a copy of the database at src,
// working in dir: join, push, pull, an empty round, and the server under
// the load of laptops and browser users.
func SyncResults(ctx context.Context, src, dir string, o SyncOptions) []Result {
	t, err := newSyncTeam(ctx, src, dir)
	if err != nil {
		return []Result{{Op: Op{Name: "team sync: set-up"}, Err: err}}
	}
	defer t.Close()
	say := func(what string) {
		if o.Log != nil {
			o.Log("sync: %s", what)
		}
	}
	if o.LoadOnly {
		say("load")
		return t.load(o)
	}
	part := func(name string) bool { return len(o.Parts) == 0 || slices.Contains(o.Parts, name) }
	say("join")
	out := []Result{t.join(o)}
	if out[0].Err != nil {
		return out
	}
	if part("push") {
		say("push")
		out = append(out, t.push(o))
	}
	if part("pull") {
		say("pull")
		out = append(out, t.pull(o))
	}
	if part("empty") {
		say("empty round")
		out = append(out, t.emptyRound(o))
	}
	if part("load") {
		say("load")
		out = append(out, t.load(o)...)
	}
	return out
}

// newSyncTeam makes the team server on a copy of src: numbers carrying
// the device code, accounts for the people, /sync/ served.
func newSyncTeam(ctx context.Context, src, dir string) (*syncTeam, error) {
	t := &syncTeam{ctx: ctx, dir: dir, src: src}
	sdir := filepath.Join(dir, "server")
	if err := os.MkdirAll(sdir, 0o755); err != nil {
		return nil, err
	}
	path, err := Copy(src, sdir)
	if err != nil {
		return nil, err
	}
	clk := clock.NewFixed(Now)
	st, err := store.Open(ctx, path, clk, store.MapReads()) // as reqdesk serve on the network opens it
	if err != nil {
		return nil, err
	}
	t.close = append(t.close, func() { st.Close() })
	t.srv, t.srvCmds = st, command.New(st)
	cur, err := st.Settings(ctx)
	if err != nil {
		return t, err
	}
	cur.NumberPattern, cur.CompanyName, cur.DeviceCode = "XR-{YYYY}-{DEV}-{NNN}", "基准测试服务公司", "HQ"
	actx := audit.WithActor(ctx, "基准测试")
	if _, err := command.Run(actx, t.srvCmds, command.SaveSettings{Settings: cur}); err != nil {
		return t, fmt.Errorf("settings: %w", err)
	}
	people, err := st.People(ctx)
	if err != nil {
		return t, err
	}
	for _, p := range people {
		if p.Name == "基准测试" {
			continue
		}
		f, hash, err := auth.NewAccount(auth.Fields{Name: p.Name, Roles: p.Roles}, syncPassword)
		if err != nil {
			return t, err
		}
		if _, err := command.Run(actx, t.srvCmds, command.CreateAccount{Fields: f, PasswordHash: hash}); err != nil {
			return t, fmt.Errorf("account %s: %w", p.Name, err)
		}
	}
	t.accounts = auth.NewService(st, clk)
	syncSrv, err := teamsync.NewServer(ctx, t.srvCmds, t.accounts, nil)
	if err != nil {
		return t, err
	}
	h := server.New(server.Config{Bind: app.Binder(app.Deps{Store: st, Commands: t.srvCmds}), Assets: fstest.MapFS{},
		Accounts: t.accounts, Sync: syncSrv, Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return t, err
	}
	t.http = h.HTTPServer()
	go t.http.Serve(ln)
	t.close = append(t.close, func() { t.http.Close() })
	t.url = "http://" + ln.Addr().String()
	// New requests are made of a registered one's fields.
	page, err := st.ListRequests(ctx, request.Query{Statuses: []request.Status{request.StatusRegistered}, Limit: 1})
	if err != nil {
		return t, err
	}
	if len(page.Items) == 0 {
		return t, errors.New("no registered request to copy")
	}
	d, err := st.Request(ctx, page.Items[0].ID)
	if err != nil {
		return t, err
	}
	t.base = d.Request.Fields
	t.base.ReceivedAt, t.base.ReceivedBy = Now.Add(-time.Hour), syncUser
	return t, nil
}

// countingTransport counts the bytes that cross the wire (compressed, as
// sent), both ways.
type countingTransport struct {
	n atomic.Int64
}

func (c *countingTransport) transport() *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second}
	return &http.Transport{DisableCompression: true, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return &countingConn{Conn: conn, n: &c.n}, nil
	}}
}

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

func (c *countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// join joins a new laptop to the team, once (the row's one run), and the
// floor copies the database file.
func (t *syncTeam) join(o SyncOptions) Result {
	fi, err := os.Stat(t.srv.Path())
	size := int64(0)
	if err == nil {
		size = fi.Size()
	}
	var total int
	_ = t.srv.Read(t.ctx, func(tx *store.Tx) error {
		return tx.QueryRowContext(t.ctx, `SELECT count(*) FROM requests`).Scan(&total)
	})
	op := Op{Name: fmt.Sprintf("join a team of %d requests (log in, snapshot, load it, derive clocks, measures, search text)", total),
		Target: time.Minute,
		Why: "CPU profile of a run (40 s of CPU, from 88 s before the laptop took the snapshot file as its " +
			"database; 148 s of wall time at a load average of 15–20 on the 2 cores, where the process had two thirds " +
			"of one core, against 425 s for the row-copying join at a load average of 10): on the laptop, in the " +
			"snapshot file, the records' kept columns 6 s, the search index 5 s, the clocks and measure rows 9 s (each " +
			"computing on a second goroutine while the connection reads and writes), the backup over the live " +
			"database 6 s, the download and gunzip 5 s; the server's snapshot (tables and indexes copied record by " +
			"record) 5 s and its gzip 4 s. The wall time follows the load average of the other work on the machine " +
			"(not measured on idle cores)"}
	ldir := filepath.Join(t.dir, "laptop")
	if err := os.MkdirAll(ldir, 0o755); err != nil {
		return Result{Op: op, Err: err}
	}
	st, err := store.Open(t.ctx, filepath.Join(ldir, "reqdesk.db"), clock.NewFixed(Now))
	if err != nil {
		return Result{Op: op, Err: err}
	}
	t.close = append(t.close, func() { st.Close() })
	if err := st.EnsureSettings(t.ctx, settings.Defaults(syncUser)); err != nil {
		return Result{Op: op, Err: err}
	}
	t.laptop = st
	t.laptopCmds = command.New(st)
	t.client = teamsync.NewClient(t.laptopCmds, nil)
	t.wire = &countingTransport{}
	t.client.HTTP = &http.Client{Timeout: 10 * time.Minute, Transport: t.wire.transport()}
	start := time.Now()
	err = t.client.Join(t.ctx, teamsync.JoinInput{Server: t.url, User: syncUser, Password: syncPassword, DeviceCode: "L1",
		DeviceName: "基准测试笔记本"})
	d := time.Since(start)
	if err != nil {
		return Result{Op: op, Err: fmt.Errorf("join: %w", err)}
	}
	sent := t.wire.n.Load()
	// The floor: copying the database file.
	fdir := filepath.Join(t.dir, "floor-copy")
	floor := func() error {
		os.RemoveAll(fdir)
		if err := os.MkdirAll(fdir, 0o755); err != nil {
			return err
		}
		_, err := Copy(t.src, fdir)
		return err
	}
	fstart := time.Now()
	ferr := floor()
	fd := time.Since(fstart)
	os.RemoveAll(fdir)
	if ferr != nil {
		return Result{Op: op, Err: ferr}
	}
	op.Floor = floor
	op.Note = "floor: copy the database file"
	share := float64(sent) / float64(max(size, 1))
	met := verdict(d < time.Minute && share <= 0.5)
	return Result{Op: op, Runs: 1, Median: d, P95: d, FloorMedian: fd, FloorP95: fd,
		MedianText: fmt.Sprintf("%.1f s", d.Seconds()), P95Text: fmt.Sprintf("%.1f s", d.Seconds()),
		TargetText: "< 60 s, transfer ≤ ½ the database file",
		Met: fmt.Sprintf("%s (%.1f MB over the wire of a %.1f MB database file: %.0f%%)", met,
			float64(sent)/(1<<20), float64(size)/(1<<20), 100*share)}
}

// script carries out n commands as a person at a laptop does them, in
// blocks of five: register a request, edit it, triage it, assign it, log a
// call with the customer.
func (t *syncTeam) script(ctx context.Context, cmds *command.Service, n int, tag string) error {
	ctx = audit.WithActor(ctx, syncUser)
	var cur request.Request
	for i := 0; i < n; i++ {
		var err error
		switch i % 5 {
		case 0:
			f := t.base
			f.Title = fmt.Sprintf("%s（%s 第%d条）", t.base.Title, tag, i/5+1)
			cur, err = command.Run(ctx, cmds, command.CreateRequest{Fields: f})
		case 1:
			f := cur.Fields
			f.Description += "\n客户补充：希望下周前给出初步答复。"
			cur, err = command.Run(ctx, cmds, command.UpdateRequest{ID: cur.ID, Version: cur.Version, Fields: f})
		case 2:
			cur, err = command.Run(ctx, cmds, command.MoveRequest{ID: cur.ID, Version: cur.Version,
				Move: request.Move{Action: request.ActTriage, Department: syncDept}})
		case 3:
			cur, err = command.Run(ctx, cmds, command.MoveRequest{ID: cur.ID, Version: cur.Version,
				Move: request.Move{Action: request.ActAssign, Owner: syncOwner}})
		case 4:
			_, err = command.Run(ctx, cmds, command.SaveRecord{Input: communication(cur.ID, cur.Fields.ContactName)})
		}
		if err != nil {
			return fmt.Errorf("%s: command %d: %w", tag, i+1, err)
		}
	}
	return nil
}

// communication is a logged call with the customer.
func communication(requestID, with string) request.RecordInput {
	body, _ := json.Marshal(request.Communication{At: Now.Add(-30 * time.Minute), Channel: "电话", With: with,
		Summary: "电话确认需求范围和期望的完成时间", NextStep: "整理需求要点发给客户确认"})
	return request.RecordInput{RequestID: requestID, Kind: request.KindCommunication, Body: body}
}

// push: the laptop carries out the commands offline (untimed), then one
// round pushes them (and pulls back what they changed on the server). The
// floor carries out the same commands on a local store that is in no team
// (a copy of the database).
func (t *syncTeam) push(o SyncOptions) Result {
	op := Op{Name: fmt.Sprintf("push %d offline commands (register, edit, triage, assign, log a call) in one round", o.Commands),
		Target: 5 * time.Second, MaxRatio: 3, Runs: o.Runs, Note: "floor: the same commands carried out on a local store",
		Why: "the floor alone, the same commands on a local store, takes about 5 s at this load average; the round " +
			"(the server replays every command through the same rules, 50 to a transaction, and the laptop takes back " +
			"the rows they changed) stays within 2× of it"}
	fdir := filepath.Join(t.dir, "local")
	if err := os.MkdirAll(fdir, 0o755); err != nil {
		return Result{Op: op, Err: err}
	}
	fpath, err := Copy(t.src, fdir)
	if err != nil {
		return Result{Op: op, Err: err}
	}
	local, err := store.Open(t.ctx, fpath, clock.NewFixed(Now))
	if err != nil {
		return Result{Op: op, Err: err}
	}
	defer func() { local.Close(); os.RemoveAll(fdir) }()
	localCmds := command.New(local)
	laptopCmds := t.laptopCmds
	n := 0
	ready := false
	op.Prepare = func() error {
		// Prepare runs before each run of Run and of Floor: the laptop's
		// commands are made only for a Run.
		if ready {
			return nil
		}
		n++
		ready = true
		return t.script(t.ctx, laptopCmds, o.Commands, fmt.Sprintf("离线%d", n))
	}
	op.Run = func() error {
		ready = false
		rep, err := t.client.Round(t.ctx)
		if err == nil && (rep.Pushed != o.Commands || rep.Conflicts != 0) {
			err = fmt.Errorf("round %+v: want %d pushed, no conflicts", rep, o.Commands)
		}
		return err
	}
	m := 0
	op.Floor = func() error {
		m++
		return t.script(t.ctx, localCmds, o.Commands, fmt.Sprintf("本地%d", m))
	}
	r := Result{Op: op, Runs: o.Runs}
	r.Median, r.P95, r.Err = MeasureWith(o.Runs, op.Prepare, op.Run)
	if r.Err == nil {
		ready = true // no laptop commands before the floor's runs
		r.FloorMedian, r.FloorP95, r.Err = MeasureWith(o.Runs, nil, op.Floor)
	}
	return r
}

// pull: the server carries out commands (as the office does) until at
// least PullRows shared rows changed; each run sets the laptop's cursor
// back and pulls them in one round. The floor writes the same rows into
// the laptop's database with one prepared upsert a table, in one
// transaction.
func (t *syncTeam) pull(o SyncOptions) Result {
	op := Op{Name: fmt.Sprintf("pull %d changed rows in one round (and derive clocks, measures, search text)", o.PullRows),
		MaxRatio: 2, Runs: o.Runs, Note: "floor: the same rows upserted with prepared statements in one transaction",
		Why: "CPU profile: beyond the floor's upserts the round decodes the rows' JSON, looks up the request each " +
			"row belonged to, and recomputes the clocks, measure rows and search text of those requests; the server's " +
			"reading and compressing of the rows runs in the same process, on the same two cores. Audit entries " +
			"were unpacked on the server and packed again here (about 40 µs each way, a fifth of the round); they " +
			"now travel packed as they are kept"}
	cl, ok, err := t.laptop.SyncClient(t.ctx)
	if err != nil || !ok {
		return Result{Op: op, Err: fmt.Errorf("laptop not joined: %v", err)}
	}
	cursor := cl.Cursor
	count := func() (int, error) {
		var n int
		err := t.srv.Read(t.ctx, func(tx *store.Tx) error {
			return tx.QueryRowContext(t.ctx, `SELECT count(*) FROM sync_changes WHERE seq > ?`, cursor).Scan(&n)
		})
		return n, err
	}
	for i := 0; ; i++ {
		n, err := count()
		if err != nil {
			return Result{Op: op, Err: err}
		}
		if n >= o.PullRows {
			break
		}
		// About ten rows a block of five commands.
		if err := t.script(t.ctx, t.srvCmds, max(5, min(500, (o.PullRows-n)/2/5*5)), fmt.Sprintf("办公室%d", i+1)); err != nil {
			return Result{Op: op, Err: err}
		}
	}
	changes, _, _, err := t.srv.Changes(t.ctx, cursor, 1<<30)
	if err != nil {
		return Result{Op: op, Err: err}
	}
	op.Name = fmt.Sprintf("pull %d changed rows in one round (and derive clocks, measures, search text)", len(changes))
	op.Prepare = func() error {
		return t.laptop.Write(t.ctx, store.WriteAt{}, func(tx *store.Tx) error { return tx.SetSyncCursor(t.ctx, cursor) })
	}
	op.Run = func() error {
		rep, err := t.client.Round(t.ctx)
		if err == nil && rep.Pulled != len(changes) {
			err = fmt.Errorf("round %+v: want %d pulled", rep, len(changes))
		}
		return err
	}
	raw, err := Raw(t.laptop.Path())
	if err != nil {
		return Result{Op: op, Err: err}
	}
	defer raw.Close()
	op.Floor = func() error { return upsertRows(t.ctx, raw, changes) }
	r := Result{Op: op, Runs: o.Runs}
	r.Median, r.P95, r.Err = MeasureWith(o.Runs, op.Prepare, op.Run)
	if r.Err == nil {
		r.FloorMedian, r.FloorP95, r.Err = MeasureWith(o.Runs, nil, op.Floor)
	}
	return r
}

// upsertRows writes rows with one prepared upsert a table (and deletes
// the gone ones) in one transaction: the pull's floor.
func upsertRows(ctx context.Context, db *sql.DB, changes []store.Change) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return err
	}
	type prepared struct {
		stmt *sql.Stmt
		cols []string
	}
	stmts := map[string]prepared{}
	// The requests first: the steps and records look theirs up.
	changes = slices.Clone(changes)
	sort.SliceStable(changes, func(i, j int) bool {
		return changes[i].Table == "requests" && changes[i].Row != nil && !(changes[j].Table == "requests" && changes[j].Row != nil)
	})
	for _, c := range changes {
		key := "id"
		switch c.Table {
		case "settings":
			key = "key"
		case "sla_schedules":
			key = "year"
		}
		// A record's ids are kept by their 16 bytes (store's 0039), by
		// the store's function.
		uuid := func(col string) bool {
			return (c.Table == "request_records" && (col == "id" || col == "parent_id")) ||
				(c.Table == "comm_check_items" && col == "record_id")
		}
		if c.Row == nil {
			arg := "?"
			if uuid(key) {
				arg = "id_key(?)"
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+c.Table+` WHERE `+key+` = `+arg, c.ID); err != nil {
				return err
			}
			continue
		}
		p, ok := stmts[c.Table]
		if !ok {
			for col := range c.Row {
				p.cols = append(p.cols, col)
			}
			sort.Strings(p.cols)
			var set []string
			names, values := make([]string, len(p.cols)), make([]string, len(p.cols))
			for i, col := range p.cols {
				names[i], values[i] = col, "?"
				// The steps and records name their request by its seq here
				// (store's byReq tables): the row's request id, looked up.
				if col == "request_id" && (c.Table == "request_transitions" || c.Table == "request_records") {
					names[i], values[i] = "req", "(SELECT seq FROM requests WHERE id = ?)"
				}
				// A record's body is kept packed (store's 0034): the kind,
				// then the JSON, to the store's function.
				if col == "body" && c.Table == "request_records" {
					values[i] = "record_pack(?, ?)"
				}
				// A step's action and statuses by their codes (0037).
				if c.Table == "request_transitions" && (col == "action" || col == "from_status" || col == "to_status") {
					values[i] = "step_code(?)"
				}
				if uuid(col) {
					values[i] = "id_key(?)"
				}
				if col != key {
					set = append(set, names[i]+" = excluded."+names[i])
				}
			}
			p.stmt, err = tx.PrepareContext(ctx, `INSERT INTO `+c.Table+` (`+strings.Join(names, ", ")+`) VALUES (`+
				strings.Join(values, ", ")+`) ON CONFLICT (`+key+`) DO UPDATE SET `+strings.Join(set, ", "))
			if err != nil {
				return err
			}
			defer p.stmt.Close()
			stmts[c.Table] = p
		}
		args := make([]any, 0, len(p.cols)+1)
		for _, col := range p.cols {
			if col == "body" && c.Table == "request_records" {
				args = append(args, c.Row["kind"])
			}
			args = append(args, c.Row[col])
		}
		if _, err := p.stmt.ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("%s %s: %w", c.Table, c.ID, err)
		}
	}
	return tx.Commit()
}

// emptyRound: a round with nothing to push or pull; the floor is one
// loopback HTTP round trip to the server (GET /sync/probe).
func (t *syncTeam) emptyRound(o SyncOptions) Result {
	op := Op{Name: "empty round (nothing to push or pull)", Target: 20 * time.Millisecond, Runs: o.Rounds,
		Note: "floor: one HTTP round trip to the server (GET /sync/probe)"}
	// Whatever the pull left (the floor's rows) first.
	if _, err := t.client.Round(t.ctx); err != nil {
		return Result{Op: op, Err: err}
	}
	op.Run = func() error {
		rep, err := t.client.Round(t.ctx)
		if err == nil && (rep.Pushed != 0 || rep.Pulled != 0) {
			err = fmt.Errorf("round %+v: want an empty one", rep)
		}
		return err
	}
	hc := &http.Client{Timeout: 10 * time.Second}
	op.Floor = func() error {
		resp, err := hc.Get(t.url + "/sync/probe")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.Copy(io.Discard, resp.Body)
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("probe: %s", resp.Status)
		}
		return err
	}
	return Run([]Op{op}, o.Rounds)[0]
}

// load runs the server under laptops syncing and browser users at once,
// every one its own HTTP client on loopback, and times every request.
// Each laptop (a device registered on the server, speaking the wire of
// internal/teamsync as the client does: gzip-compressed JSON) makes a
// round every Period on average: it pushes an edit of its own request and
// a logged call, then pulls what changed since its cursor. Each browser
// user is logged in (a session cookie) and calls, every Think on average,
// the list's first page, a request's detail or the dashboard, as the
// browser does (POST /api/Struct.Method).
func (t *syncTeam) load(o SyncOptions) []Result {
	name := fmt.Sprintf("team server under load: %d laptops syncing (a round every %s on average: push an edit and a logged "+
		"call, pull) and %d browser users (list, detail, dashboard every %s on average) for %s, every HTTP request",
		o.Laptops, o.Period, o.Browsers, o.Think, o.Duration)
	fail := func(err error) []Result { return []Result{{Op: Op{Name: name}, Err: err}} }
	ctx := t.ctx
	u, err := t.accounts.Active(ctx, syncUser)
	if err != nil {
		return fail(err)
	}
	// Each laptop edits a request of its own, registered at the office.
	owned := make([]request.Request, o.Laptops)
	for i := range owned {
		f := t.base
		f.Title = fmt.Sprintf("%s（笔记本%d）", t.base.Title, i+1)
		if owned[i], err = command.Run(audit.WithActor(ctx, syncUser), t.srvCmds, command.CreateRequest{Fields: f}); err != nil {
			return fail(err)
		}
	}
	seq, err := t.srv.ChangeSeq(ctx)
	if err != nil {
		return fail(err)
	}
	laptops := make([]*fakeLaptop, o.Laptops)
	for i := range laptops {
		token := auth.NewToken()
		dev := store.Device{ID: uuid.Must(uuid.NewV7()).String(), Code: fmt.Sprintf("N%03d", i+1), Name: fmt.Sprintf("笔记本%d", i+1),
			AccountID: u.ID, Account: u.Name, JoinedAt: Now}
		if err := t.srv.InsertDevice(ctx, dev, auth.Digest(token)); err != nil {
			return fail(err)
		}
		laptops[i] = &fakeLaptop{url: t.url, token: token, cursor: seq, id: owned[i].ID, base: owned[i].Fields,
			hc: &http.Client{Timeout: time.Minute, Transport: &http.Transport{DisableCompression: true}}}
	}
	zone, err := t.srv.Zone(ctx)
	if err != nil {
		return fail(err)
	}
	period := report.Month(Now.Year(), Now.Month(), zone).Key
	people := []string{syncUser, "李娜", syncOwner, "孙建国"}
	browsers := make([]*browserUser, o.Browsers)
	for i := range browsers {
		b, err := newBrowserUser(t.url, people[i%len(people)], period)
		if err != nil {
			return fail(err)
		}
		browsers[i] = b
	}

	// The floor: the same calls one at a time on the idle server.
	var floor []time.Duration
	floorErr := func() error {
		for i := 0; i < 20; i++ {
			for _, l := range laptops[:min(len(laptops), 5)] {
				ds, err := l.round(ctx)
				if err != nil {
					return err
				}
				floor = append(floor, ds...)
			}
			for k, b := range browsers[:min(len(browsers), 5)] {
				d, err := b.call(ctx, (i+k)%7)
				if err != nil {
					return err
				}
				floor = append(floor, d)
			}
		}
		return nil
	}()
	if floorErr != nil {
		return fail(floorErr)
	}
	// The laptops of the floor pulled from where they were; the rest
	// start at the current sequence.
	seq, _ = t.srv.ChangeSeq(ctx)
	for _, l := range laptops[min(len(laptops), 5):] {
		l.cursor = seq
	}

	var mu sync.Mutex
	kinds := map[string][]time.Duration{}
	errs := map[string]int{}
	var firstErr error
	note := func(kind string, d time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			errs[kind]++
			if firstErr == nil {
				firstErr = fmt.Errorf("%s: %w", kind, err)
			}
			return
		}
		kinds[kind] = append(kinds[kind], d)
	}
	lctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	var wg sync.WaitGroup
	wait := func(rng *rand.Rand, mean time.Duration) bool {
		d := time.Duration((0.5 + rng.Float64()) * float64(mean))
		select {
		case <-lctx.Done():
			return false
		case <-time.After(d):
			return true
		}
	}
	for i, l := range laptops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(i)))
			// Spread the first rounds over a period.
			select {
			case <-lctx.Done():
				return
			case <-time.After(time.Duration(rng.Int63n(int64(o.Period)))):
			}
			for {
				ds, err := l.roundWith(ctx, func(kind string, d time.Duration, err error) { note(kind, d, err) })
				_ = ds
				if err != nil && errors.Is(err, context.Canceled) {
					return
				}
				if !wait(rng, o.Period) {
					return
				}
			}
		}()
	}
	for i, b := range browsers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(1000 + i)))
			if !wait(rng, o.Think/2) {
				return
			}
			for {
				k := rng.Intn(7)
				d, err := b.call(ctx, k)
				note(browserKinds[k], d, err)
				if !wait(rng, o.Think) {
					return
				}
			}
		}()
	}
	loadStart, loadBefore := time.Now(), loadAvg()
	wg.Wait()
	elapsed := time.Since(loadStart)

	var all []time.Duration
	names := make([]string, 0, len(kinds))
	for k, ds := range kinds {
		all = append(all, ds...)
		names = append(names, k)
	}
	sort.Strings(names)
	nerr := 0
	for _, n := range errs {
		nerr += n
	}
	med, p95 := Percentiles(all)
	fmed, fp95 := Percentiles(floor)
	op := Op{Name: name, Target: 200 * time.Millisecond, Floor: func() error { return nil },
		Note: "floor: the same calls one at a time on the idle server",
		Why: "CPU profile (a run at a load average of 3.5–4.7 from other work): per call the dashboard 40 ms of CPU " +
			"(90–100 ms before it was kept per data version and read only the open rows the change log names), a pull " +
			"11 ms (reading and compressing the rows every laptop has not seen; now the largest share), a push 9 ms " +
			"(replayed on the one writer; the last sync is noted in its transaction, not in one of its own), the list " +
			"9 ms; the laptops' own decoding of what they pull is a third of the process's CPU. On two shared cores the " +
			"calls queue (see the load average); pushes queue at the one writer. Pushes waited 50 s before each device " +
			"had its own lock and its commands shared transactions"}
	var parts []string
	for _, k := range names {
		km, kp := Percentiles(kinds[k])
		parts = append(parts, fmt.Sprintf("%s %d, median %s, p95 %s", k, len(kinds[k]), ms(km), ms(kp)))
	}
	met := verdict(p95 < op.Target && nerr == 0 && len(all) > 0)
	detail := fmt.Sprintf("%s (%d requests in %.0f s, %d errors; load average %s before, %s after; %s", met, len(all)+nerr,
		elapsed.Seconds(), nerr, loadBefore, loadAvg(), strings.Join(parts, "; "))
	if firstErr != nil {
		detail += "; first error: " + firstErr.Error()
	}
	detail += ")"
	return []Result{{Op: op, Runs: len(all), Median: med, P95: p95, FloorMedian: fmed, FloorP95: fp95,
		TargetText: "p95 < 200ms, 0 errors", Met: detail}}
}

// fakeLaptop is a device in the load test: a laptop's rounds as the wire
// carries them.
type fakeLaptop struct {
	url, token string
	hc         *http.Client
	seq        int64
	cursor     int64
	id         string
	base       request.Fields
	edits      int
}

func (l *fakeLaptop) round(ctx context.Context) ([]time.Duration, error) {
	var ds []time.Duration
	var first error
	_, err := l.roundWith(ctx, func(_ string, d time.Duration, err error) {
		if err != nil && first == nil {
			first = err
		}
		ds = append(ds, d)
	})
	if first != nil {
		return nil, first
	}
	return ds, err
}

// roundWith makes one round, noting each request's time.
func (l *fakeLaptop) roundWith(ctx context.Context, note func(kind string, d time.Duration, err error)) ([]time.Duration, error) {
	l.edits++
	f := l.base
	f.Scene = fmt.Sprintf("现场第%d次沟通", l.edits)
	upd, err := json.Marshal(command.UpdateRequest{ID: l.id, Fields: f, Base: &l.base})
	if err != nil {
		return nil, err
	}
	call, err := json.Marshal(command.SaveRecord{Input: communication(l.id, l.base.ContactName)})
	if err != nil {
		return nil, err
	}
	touched := []store.RowKey{{Table: "requests", ID: l.id}}
	in := teamsync.PushRequest{Commands: []teamsync.PushCommand{
		{Seq: l.seq + 1, ID: uuid.Must(uuid.NewV7()).String(), Name: "request.update", Args: upd, At: Now, RequestID: l.id, Touched: touched},
		{Seq: l.seq + 2, ID: uuid.Must(uuid.NewV7()).String(), Name: "record.save", Args: call, At: Now, RequestID: l.id, Touched: touched},
	}}
	var out teamsync.PushResponse
	start := time.Now()
	err = l.call(ctx, http.MethodPost, "/sync/push", in, &out)
	if err == nil {
		for _, r := range out.Results {
			if r.Status != teamsync.StatusApplied {
				err = fmt.Errorf("command %d: %s %v", r.Seq, r.Status, r.Conflict)
			}
		}
		if err == nil && len(out.Results) != len(in.Commands) {
			err = fmt.Errorf("%d of %d commands answered", len(out.Results), len(in.Commands))
		}
	}
	note("push", time.Since(start), err)
	if err != nil {
		return nil, err
	}
	l.seq += 2
	l.base = f
	for {
		// The cursor is all a fake laptop keeps of a pull: the rows are
		// read through (the answer decoded, its JSON checked) but not
		// built, which on a real laptop happens on another machine.
		var out struct {
			Next int64 `json:"next"`
			More bool  `json:"more"`
		}
		start := time.Now()
		err := l.call(ctx, http.MethodGet, "/sync/pull?after="+strconv.FormatInt(l.cursor, 10)+"&limit="+
			strconv.Itoa(teamsync.MaxBatch), nil, &out)
		note("pull", time.Since(start), err)
		if err != nil {
			return nil, err
		}
		l.cursor = out.Next
		if !out.More {
			return nil, nil
		}
	}
}

// call makes one call as teamsync's client does: a body compressed, the
// answer taken compressed.
func (l *fakeLaptop) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		var buf bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		if err := json.NewEncoder(gz).Encode(in); err != nil {
			return err
		}
		if err := gz.Close(); err != nil {
			return err
		}
		body = &buf
	}
	req, err := http.NewRequestWithContext(ctx, method, l.url+path, body)
	if err != nil {
		return err
	}
	req.Header.Set(teamsync.SchemaHeader, strconv.Itoa(store.LatestSchema()))
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", "gzip")
	}
	req.Header.Set("Authorization", "Bearer "+l.token)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := l.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return fmt.Errorf("%s %s: %s %s", method, path, resp.Status, b)
	}
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return err
		}
		r = gz
	}
	return json.NewDecoder(r).Decode(out)
}

// browserUser is a person logged in to the server in a browser.
type browserUser struct {
	url    string
	hc     *http.Client
	period string
	ids    []string
	mu     sync.Mutex
}

// browserKinds name the calls of a browser user: the list's first page
// (three times in seven), a request's detail (three in seven), the
// dashboard (one in seven).
var browserKinds = []string{"list", "list", "list", "detail", "detail", "detail", "dashboard"}

func newBrowserUser(url, name, period string) (*browserUser, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	b := &browserUser{url: url, period: period, hc: &http.Client{Timeout: time.Minute, Jar: jar}}
	body, _ := json.Marshal(map[string]string{"name": name, "password": syncPassword})
	var st server.SessionState
	if err := b.post(context.Background(), "/auth/login", body, &st); err != nil {
		return nil, fmt.Errorf("log in as %s: %w", name, err)
	}
	if st.User == nil {
		return nil, fmt.Errorf("log in as %s: no session", name)
	}
	return b, nil
}

func (b *browserUser) post(ctx context.Context, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.url+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(server.CallHeader, "1")
	req.Header.Set("Origin", b.url)
	resp, err := b.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
		return fmt.Errorf("%s: %s %s", path, resp.Status, msg)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// call makes the call of kind browserKinds[k] and times it.
func (b *browserUser) call(ctx context.Context, k int) (time.Duration, error) {
	var path string
	var args []any
	switch browserKinds[k] {
	case "list":
		q := request.Query{Sort: request.SortReceivedAt, Desc: true, Limit: 50}
		if k == 1 {
			q.Statuses = []request.Status{request.StatusImplementation, request.StatusHandling, request.StatusAssigned,
				request.StatusTriaged, request.StatusRegistered}
		}
		if k == 2 {
			q.Urgencies = []request.Urgency{request.UrgencyUrgent, request.UrgencyImportant}
		}
		path, args = "/api/RequestsApp/List", []any{q}
	case "detail":
		b.mu.Lock()
		if len(b.ids) == 0 {
			b.mu.Unlock()
			return b.call(ctx, 0) // a list first, to have a request to open
		}
		id := b.ids[k%len(b.ids)]
		b.mu.Unlock()
		path, args = "/api/RequestsApp/Get", []any{id}
	default:
		path, args = "/api/ReportsApp/Dashboard", []any{b.period, ""}
	}
	body, err := json.Marshal(args)
	if err != nil {
		return 0, err
	}
	start := time.Now()
	var out json.RawMessage
	err = b.post(ctx, path, body, &out)
	d := time.Since(start)
	if err != nil {
		return d, err
	}
	if browserKinds[k] == "list" {
		var page request.Page
		if err := json.Unmarshal(out, &page); err != nil {
			return d, err
		}
		b.mu.Lock()
		b.ids = b.ids[:0]
		for _, it := range page.Items {
			b.ids = append(b.ids, it.ID)
		}
		b.mu.Unlock()
	}
	return d, nil
}
