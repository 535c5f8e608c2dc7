package teamsync_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// The robustness tests of team sync: laptops doing random real work
// offline, synced in random order (TestRandomOffline) and through a
// transport that drops, delays, duplicates, reorders and loses answers
// (TestFaultyNetwork). Afterwards every laptop equals the server, every
// request's history is a legal path of the lifecycle, numbers are unique,
// and every command a laptop recorded was applied once or sits in its
// conflict inbox.

// seeds returns the seeds a randomized test runs: a few fixed ones, or
// REQDESK_SYNC_SEEDS of them from REQDESK_SYNC_SEED on for a longer run.
func seeds(t *testing.T) []int64 {
	n, _ := strconv.Atoi(os.Getenv("REQDESK_SYNC_SEEDS"))
	if n <= 0 {
		return []int64{1, 2}
	}
	first := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("REQDESK_SYNC_SEED"), 10, 64); err == nil {
		first = s
	}
	out := make([]int64, n)
	for i := range out {
		out[i] = first + int64(i)
	}
	return out
}

// worker is a laptop of a randomized test and what it recorded: every
// shared command it carried out, by id.
type worker struct {
	*laptop
	rng *rand.Rand
	mu  sync.Mutex
	// recorded are the commands carried out; settled those the person
	// resolved in the inbox (applied again or discarded).
	recorded map[string]command.Recorded
	settled  map[string]bool
	// made counts what the laptop did, by command name.
	made map[string]int
}

// chaosTeam is a team server with a general manager among its accounts,
// and n laptops joined to it as different accounts (one account twice).
func chaosTeam(t *testing.T, seed int64, n int, join func(*laptop, teamsync.JoinInput)) (*team, []*worker) {
	t.Helper()
	tm := newTeam(t)
	f, hash, err := auth.NewAccount(auth.Fields{Name: "陈总", Roles: []request.Role{request.RoleGeneralManager}}, password)
	must(t, err)
	_, err = command.Run(tm.ctx, tm.srvCmds, command.CreateAccount{Fields: f, PasswordHash: hash})
	must(t, err)
	serverScan(t, tm) // a join fetches it
	accounts := []string{"李娜", "王强", "赵磊", "陈总", "管理员"}
	var ws []*worker
	for i := 0; i < n; i++ {
		name := accounts[i%len(accounts)]
		l := tm.laptop(name)
		l.client.Batch = 5
		code := fmt.Sprintf("L%d", i+1)
		join(l, teamsync.JoinInput{Server: tm.url, User: name, Password: password, DeviceCode: code, DeviceName: name})
		w := &worker{laptop: l, rng: rand.New(rand.NewSource(seed*100 + int64(i))),
			recorded: map[string]command.Recorded{}, settled: map[string]bool{}, made: map[string]int{}}
		l.cmds.Record(func(tx *store.Tx, rec command.Recorded) error {
			tx.AfterCommit(func() {
				w.mu.Lock()
				w.recorded[rec.ID] = rec
				w.mu.Unlock()
			})
			return nil
		})
		ws = append(ws, w)
	}
	return tm, ws
}

var (
	titles    = []string{"生产排程模块定制", "报表导出优化", "接口对接咨询", "库存预警", "移动审批", "数据迁移"}
	scenes    = []string{"月末结账", "日常对账", "年度盘点", "新员工培训"}
	products  = []string{"财务系统 V5", "ERP 8.2", "仓储系统", ""}
	companies = []string{"新华制造有限公司", "远东物流", "华信科技有限公司", "东方电气"}
)

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.Intn(len(xs))] }

// step does one random real command on the laptop, as its person would
// through the screens; a command its rules refuse on the laptop is simply
// not done (nothing reaches the outbox).
func (w *worker) step(t *testing.T, tm *team) {
	t.Helper()
	ctx := tm.ctx
	rng := w.rng
	page, err := w.st.ListRequests(ctx, request.Query{Limit: 200})
	must(t, err)
	// Work goes mostly to requests still open.
	rows := page.Items
	var open []request.Row
	for _, r := range rows {
		if !r.Status.Closed() {
			open = append(open, r)
		}
	}
	if len(open) > 0 && rng.Intn(5) > 0 {
		page.Items = open
	}
	var name string
	var runErr error
	switch k := rng.Intn(20); {
	case k < 2 || len(open) < 3 && k < 5 || page.Total == 0:
		name = "create"
		cs, err := w.st.ListCustomers(ctx, customer.Query{Limit: 50})
		must(t, err)
		c := pick(rng, cs.Items)
		_, runErr = command.Run(ctx, w.cmds, command.CreateRequest{Fields: request.Fields{CustomerID: c.ID,
			ContactName: "张伟", Channel: "电话", Type: pick(rng, []string{"方案定制", "咨询"}), Urgency: request.UrgencyNormal,
			Title: pick(rng, titles), Description: "客户希望改进", ReceivedAt: tm.clocks[0].Now().Add(-time.Hour), ReceivedBy: w.name}})
	case k < 5:
		name = "edit"
		r := w.get(t, pick(rng, page.Items).ID)
		f := r.Fields
		switch rng.Intn(4) {
		case 0:
			f.Title = pick(rng, titles) + "（修订）"
		case 1:
			f.Scene = pick(rng, scenes)
		case 2:
			f.Product = pick(rng, products)
		default:
			f.Description = "补充说明 " + strconv.Itoa(rng.Intn(100))
		}
		_, runErr = command.Run(ctx, w.cmds, command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: f})
	case k < 13:
		name = "move"
		runErr = w.move1(t, tm, pick(rng, page.Items).ID)
	case k < 16:
		name = "record"
		runErr = w.record1(t, tm, pick(rng, page.Items).ID)
	case k < 18:
		name = "customer"
		runErr = w.customer1(t, tm)
	default:
		name = "config"
		runErr = w.config1(t, tm)
	}
	if runErr != nil {
		if _, ok := apperr.As(runErr); !ok {
			t.Fatalf("%s: %s: %v", w.name, name, runErr)
		}
		name += " refused"
	}
	w.made[name]++
}

// move1 takes one of the steps the request offers now.
func (w *worker) move1(t *testing.T, tm *team, id string) error {
	d, err := w.st.Request(tm.ctx, id)
	must(t, err)
	// Mostly the step the process expects, now and then another one; a
	// request is seldom given up, so that work goes deep into the
	// lifecycle.
	var open, onward []request.Option
	for _, o := range d.Options {
		if o.Blocked != "" {
			continue
		}
		open = append(open, o)
		switch o.Action {
		case request.ActCancel, request.ActReject, request.ActHold:
		default:
			onward = append(onward, o)
		}
		if o.Expected && w.rng.Intn(4) > 0 {
			onward = []request.Option{o}
			break
		}
	}
	if len(open) == 0 {
		return nil
	}
	o := pick(w.rng, open)
	if len(onward) > 0 && w.rng.Intn(8) > 0 {
		o = pick(w.rng, onward)
	}
	m := request.Move{Action: o.Action, Comment: "离线推进", Reason: "客户要求", Department: pick(w.rng, []string{"客服部", "技术支持部"}),
		Owner: pick(w.rng, []string{"王强", "赵磊", "李娜"}), FollowUp: tm.clocks[0].Now().Add(72 * time.Hour)}
	if o.Action == request.ActTriage {
		m.Path = pick(w.rng, []request.Path{request.PathFull, request.PathShort})
	}
	_, err = command.Run(tm.ctx, w.cmds, command.MoveRequest{ID: id, Version: d.Request.Version, Move: m})
	return err
}

// record1 writes the stage record the request's status asks for, or a
// communication note.
func (w *worker) record1(t *testing.T, tm *team, id string) error {
	d, err := w.st.Request(tm.ctx, id)
	must(t, err)
	in := request.RecordInput{RequestID: id}
	var body any
	var plan *request.Record
	var analysis *request.Record
	for i := range d.Records {
		switch d.Records[i].Kind {
		case request.KindPlan:
			plan = &d.Records[i]
		case request.KindAnalysis:
			analysis = &d.Records[i]
		}
	}
	today := tm.clocks[0].Now().Format("2006-01-02")
	switch {
	case (d.Request.Status == request.StatusAnalysis || d.Request.Status == request.StatusAnalysisConfirm) && w.rng.Intn(3) > 0:
		in.Kind = request.KindAnalysis
		a := request.Analysis{CustomerValue: 4, BusinessValue: 3, Horizon: "immediate", NoBreakdown: true,
			CoreNeeds: "排程自动化", ExpectedDelivery: "2024-06-30"}
		if analysis != nil {
			in.ID, in.Version = analysis.ID, analysis.Version
			a.SignedBy, a.SignedOn = "张伟", today
		}
		body = a
	case d.Request.Status == request.StatusPlanDrafting && w.rng.Intn(3) > 0:
		in.Kind = request.KindPlan
		body = request.Plan{Goals: "排程自动化", Content: "开发排程模块", Deliverables: "排程模块",
			AcceptanceCriteria: "通过验收测试", RequiredReviews: []string{"技术支持部", "财务部"}}
	case d.Request.Status == request.StatusPlanReview && plan != nil && w.rng.Intn(3) > 0:
		in.Kind, in.ParentID = request.KindReview, plan.ID
		body = request.Review{Department: pick(w.rng, []string{"技术支持部", "财务部"}), Reviewer: "赵磊", OnBehalf: true,
			Result: pick(w.rng, []string{"pass", "pass", "revise"}), On: today}
	case d.Request.Status == request.StatusHandling && w.rng.Intn(3) > 0:
		in.Kind = request.KindResultNote
		body = request.ResultNote{Process: "远程排查", Result: "已修复", Handler: w.name, ResultOn: today}
	case d.Request.Status == request.StatusFeedback && w.rng.Intn(3) > 0:
		in.Kind = request.KindFeedback
		body = request.Feedback{Obtained: false, Reason: "客户未回复", Method: "phone", On: today}
	default:
		in.Kind = request.KindCommunication
		body = request.Communication{At: tm.clocks[0].Now(), Channel: "电话", With: "张伟", Summary: "沟通进展"}
	}
	raw, err := json.Marshal(body)
	must(t, err)
	in.Body = raw
	_, err = command.Run(tm.ctx, w.cmds, command.SaveRecord{Input: in})
	return err
}

// customer1 registers a customer (the same names come up on several
// laptops), edits one or adds a contact.
func (w *worker) customer1(t *testing.T, tm *team) error {
	ctx := tm.ctx
	cs, err := w.st.ListCustomers(ctx, customer.Query{Limit: 50})
	must(t, err)
	c := pick(w.rng, cs.Items)
	switch w.rng.Intn(3) {
	case 0:
		_, err = command.Run(ctx, w.cmds, command.CreateCustomer{Input: customer.Input{
			Fields: customer.Fields{Name: pick(w.rng, companies)}}})
	case 1:
		d, err := w.st.Customer(ctx, c.ID)
		must(t, err)
		cu := d.Customer
		f := customer.Fields{Name: cu.Name, Industry: cu.Industry, Address: cu.Address, Notes: cu.Notes}
		f.Address = "上海市 " + strconv.Itoa(w.rng.Intn(50)) + " 号"
		_, err = command.Run(ctx, w.cmds, command.UpdateCustomer{ID: d.Customer.ID, Version: d.Customer.Version, Fields: f})
		return err
	default:
		_, err = command.Run(ctx, w.cmds, command.AddContact{CustomerID: c.ID, Fields: customer.ContactFields{
			Name: pick(w.rng, []string{"刘洋", "陈静", "孙伟"}), Phone: "1390000" + fmt.Sprintf("%04d", w.rng.Intn(10000))}})
	}
	return err
}

// config1 changes the team's configuration: a word list, a person, the
// company settings (the server refuses what the account's role may not).
func (w *worker) config1(t *testing.T, tm *team) error {
	ctx := tm.ctx
	switch w.rng.Intn(3) {
	case 0:
		_, err := command.Run(ctx, w.cmds, command.AddVocabItem{Kind: vocab.KindChannel,
			Label: pick(w.rng, []string{"微信", "邮件", "上门"}) + strconv.Itoa(w.rng.Intn(5))})
		return err
	case 1:
		ps, err := w.st.People(ctx)
		must(t, err)
		p := pick(w.rng, ps)
		f := people.Fields{Name: p.Name, Department: p.Department, Roles: p.Roles, Email: p.Email, Active: p.Active}
		f.Phone = "1380000" + fmt.Sprintf("%04d", w.rng.Intn(10000))
		_, err = command.Run(ctx, w.cmds, command.SavePerson{ID: p.ID, Version: p.Version, Fields: f})
		return err
	default:
		st, err := w.st.Settings(ctx)
		must(t, err)
		st.CompanyName = pick(w.rng, []string{"华信服务", "华信服务集团", "华信"})
		_, err = command.Run(ctx, w.cmds, command.SaveSettings{Settings: st})
		return err
	}
}

// checkTeam asserts what must hold after a clean final round: every
// laptop's outbox is empty and its shared tables equal the server's, every
// request's history is a legal path, numbers are unique, and every
// recorded command was applied exactly once or sits in the inbox.
func checkTeam(t *testing.T, tm *team, ws []*worker) {
	t.Helper()
	ctx := tm.ctx
	for _, w := range ws {
		if n := pending(t, w.laptop); n != 0 {
			t.Errorf("%s: %d commands still waiting after the final rounds", w.name, n)
		}
		if d := tm.diff(w.laptop); d != "" {
			t.Error(d)
		}
	}
	db, err := sql.Open("sqlite", "file:"+tm.srv.Path()+"?mode=ro&_pragma=busy_timeout(10000)")
	must(t, err)
	defer db.Close()
	// Numbers are unique.
	var dups int
	must(t, db.QueryRow(`SELECT count(*) FROM (SELECT number FROM requests GROUP BY number HAVING count(*) > 1)`).Scan(&dups))
	if dups != 0 {
		t.Errorf("%d request numbers are taken twice", dups)
	}
	// Every request's history is a legal path.
	page, err := tm.srv.ListRequests(ctx, request.Query{Limit: 1000})
	must(t, err)
	moves := map[string]int{} // transitions on the server, by request
	for _, row := range page.Items {
		d, err := tm.srv.Request(ctx, row.ID)
		must(t, err)
		if why := illegalPath(d.Transitions, d.Request.Status); why != "" {
			t.Errorf("request %s: %s", d.Request.Number, why)
		}
		moves[row.ID] = len(d.Transitions)
	}
	// No outbox entry was lost: the server answered every sequence the
	// laptop handed out. Every answer is a command the laptop recorded,
	// applied once (the answer kept with its effect) or refused and in
	// its inbox (unless resolved there).
	applied := map[string]int{} // applied steps (not no-ops), by request
	for _, w := range ws {
		cl, _, err := w.st.SyncClient(ctx)
		must(t, err)
		ldb, err := sql.Open("sqlite", "file:"+w.st.Path()+"?mode=ro&_pragma=busy_timeout(10000)")
		must(t, err)
		var handed int64
		must(t, ldb.QueryRow(`SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'sync_outbox'), 0)`).Scan(&handed))
		ldb.Close()
		inbox := map[string]bool{}
		for _, e := range w.inbox(t) {
			if inbox[e.CommandID] {
				t.Errorf("%s: command %s is in the inbox twice", w.name, e.CommandID)
			}
			inbox[e.CommandID] = true
		}
		rows, err := db.Query(`SELECT a.seq, a.result, (SELECT count(*) FROM sync_conflicts c WHERE c.device_id = a.device_id
			AND c.seq = a.seq) FROM sync_applied a WHERE a.device_id = ? ORDER BY a.seq`, cl.DeviceID)
		must(t, err)
		next := int64(1)
		w.mu.Lock()
		for rows.Next() {
			var seq int64
			var raw string
			var conflicts int
			must(t, rows.Scan(&seq, &raw, &conflicts))
			if seq != next {
				t.Errorf("%s: the server has no answer to commands %d to %d", w.name, next, seq-1)
			}
			next = seq + 1
			var res teamsync.PushResult
			must(t, json.Unmarshal([]byte(raw), &res))
			rec, ok := w.recorded[res.ID]
			if !ok {
				t.Errorf("%s: the server answered command %d (%s), which the laptop never recorded", w.name, seq, res.ID)
				continue
			}
			switch {
			case res.Status == teamsync.StatusApplied:
				if conflicts != 0 || inbox[res.ID] {
					t.Errorf("%s: command %d (%s) applied, yet kept as a conflict (%d on the server, inbox %v)",
						w.name, seq, rec.Name, conflicts, inbox[res.ID])
				}
				if rec.Name == "request.move" && !res.Noop {
					applied[rec.RequestID]++
				}
			case res.Status == teamsync.StatusConflict:
				if conflicts != 1 || inbox[res.ID] == w.settled[res.ID] {
					t.Errorf("%s: command %d (%s) refused: %d conflicts on the server, in the inbox %v, resolved %v",
						w.name, seq, rec.Name, conflicts, inbox[res.ID], w.settled[res.ID])
				}
			default:
				t.Errorf("%s: command %d answered %q", w.name, seq, res.Status)
			}
			delete(inbox, res.ID)
		}
		w.mu.Unlock()
		must(t, rows.Err())
		rows.Close()
		if next-1 != handed {
			t.Errorf("%s: the laptop handed out %d sequences, the server answered %d", w.name, handed, next-1)
		}
		for id := range inbox {
			t.Errorf("%s: the inbox holds command %s, which the server never refused", w.name, id)
		}
	}
	reasons := map[string]int{}
	rows, err := db.Query(`SELECT json_extract(reason, '$.key') FROM sync_conflicts`)
	must(t, err)
	for rows.Next() {
		var k string
		must(t, rows.Scan(&k))
		reasons[k]++
	}
	must(t, rows.Err())
	rows.Close()
	statuses := map[request.Status]int{}
	for _, r := range page.Items {
		statuses[r.Status]++
	}
	t.Logf("conflicts %v; statuses %v", reasons, statuses)
	// Applied exactly once: each applied step is one transition.
	for id, n := range moves {
		if n != applied[id] {
			t.Errorf("request %s has %d steps on the server, the laptops had %d applied", id, n, applied[id])
		}
	}
}

// illegalPath says why a request's steps are not a path of the lifecycle
// from registered to its status, "" when they are.
func illegalPath(trs []request.Transition, status request.Status) string {
	at := request.StatusRegistered
	var held request.Status
	var last request.Transition
	for i, tr := range trs {
		if tr.From != at {
			return fmt.Sprintf("step %d (%s) starts from %s, the request was %s", i, tr.Action, tr.From, at)
		}
		legal := false
		for _, path := range []request.Path{request.PathFull, request.PathShort} {
			// A restore leads back to the status the close left
			// (request.RestoreTo), as the command has it.
			f := request.Facts{Status: tr.From, Path: path, HeldFrom: held, ClosedFrom: request.ClosedFrom(tr.From, last)}
			for _, o := range request.Available(f) {
				legal = legal || (o.Action == tr.Action && o.To == tr.To)
			}
		}
		if !legal {
			return fmt.Sprintf("step %d (%s) from %s to %s is not in the lifecycle", i, tr.Action, tr.From, tr.To)
		}
		if tr.Action == request.ActHold {
			held = tr.From
		}
		at, last = tr.To, tr
	}
	if at != status {
		return fmt.Sprintf("the steps end at %s, the request is %s", at, status)
	}
	return ""
}

// TestRandomOffline has 3 to 5 laptops do random real work offline and
// sync in random order over several rounds (some laptops stay offline
// for a while); after a clean final round everything must agree.
func TestRandomOffline(t *testing.T) {
	for _, seed := range seeds(t) {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("seed %d: again with REQDESK_SYNC_SEEDS=1 REQDESK_SYNC_SEED=%d", seed, seed)
				}
			}()
			rng := rand.New(rand.NewSource(seed))
			var tm *team
			tm, ws := chaosTeam(t, seed, 3+rng.Intn(3), func(l *laptop, in teamsync.JoinInput) {
				must(t, l.client.Join(context.Background(), in))
			})
			for round := 0; round < 6; round++ {
				for _, w := range ws {
					for n := rng.Intn(8); n > 0; n-- {
						w.step(t, tm)
					}
				}
				tm.tick(time.Duration(1+rng.Intn(90)) * time.Minute)
				for _, i := range rng.Perm(len(ws)) {
					if rng.Intn(4) == 0 {
						continue // offline this round
					}
					tm.round(ws[i].laptop)
				}
				// A conflict is now and then resolved: applied again or
				// discarded.
				for _, w := range ws {
					if in := w.inbox(t); len(in) > 0 && rng.Intn(3) == 0 {
						e := pick(rng, in)
						action := pick(rng, []string{"retry", "discard"})
						err := w.client.Resolve(tm.ctx, e.ID, action)
						if err != nil && action == "discard" {
							t.Fatal(err)
						}
						if err == nil {
							w.settled[e.CommandID] = true
						}
					}
				}
			}
			final(t, tm, ws)
			checkTeam(t, tm, ws)
			made := map[string]int{}
			for _, w := range ws {
				for k, v := range w.made {
					made[k] += v
				}
			}
			t.Logf("seed %d, %d laptops: %v", seed, len(ws), made)
		})
	}
}

// final syncs every laptop twice over a clean network: the first pass
// pushes everything, the second pulls what the others pushed.
func final(t *testing.T, tm *team, ws []*worker) {
	t.Helper()
	tm.tick(time.Minute)
	for pass := 0; pass < 2; pass++ {
		for _, w := range ws {
			tm.round(w.laptop)
		}
	}
}

// TestIllegalPath: the check of the chaos tests knows the lifecycle as the
// commands have it, a restore leading back to where the close left.
func TestIllegalPath(t *testing.T) {
	step := func(a request.Action, from, to request.Status) request.Transition {
		return request.Transition{Action: a, From: from, To: to}
	}
	path := []request.Transition{
		step(request.ActTriage, request.StatusRegistered, request.StatusTriaged),
		step(request.ActAssign, request.StatusTriaged, request.StatusAssigned),
		step(request.ActStart, request.StatusAssigned, request.StatusAnalysis),
		step(request.ActReject, request.StatusAnalysis, request.StatusRejected),
	}
	back := append(path[:4:4], step(request.ActRestore, request.StatusRejected, request.StatusAnalysis))
	if why := illegalPath(back, request.StatusAnalysis); why != "" {
		t.Errorf("a restore to where the close left: %s", why)
	}
	elsewhere := append(path[:4:4], step(request.ActRestore, request.StatusRejected, request.StatusHandling))
	if why := illegalPath(elsewhere, request.StatusHandling); why == "" {
		t.Error("a restore to another status passed")
	}
}
