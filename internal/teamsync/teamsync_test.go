package teamsync_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/classify"
	"image"
	"image/color"
	pngenc "image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/teamsync"
	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// start is when the team starts work: 2024-03-15 10:00 in Shanghai.
var start = time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

const password = "correct horse 9"

// team is a team server and its laptops, each a real store in a data
// directory of its own, all on one clock that the test moves on.
type team struct {
	t        *testing.T
	ctx      context.Context
	clocks   []*clock.Fixed
	srv      *store.Store
	srvCmds  *command.Service
	accounts *auth.Service
	url      string
	customer customer.Detail
	// fingerprint is the server certificate's, over TLS.
	fingerprint string
	sync        *teamsync.Server
}

type laptop struct {
	name   string
	st     *store.Store
	cmds   *command.Service
	client *teamsync.Client
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newTeam starts a team server over loopback with the real handler stack
// (internal/server with accounts, /sync/ mounted), with its people and
// accounts and one customer.
func newTeam(t *testing.T) *team { t.Helper(); return newTeamOver(t, false) }

// newTeamOver is newTeam, over TLS with a self-signed certificate (whose
// fingerprint the team keeps) when secure.
func newTeamOver(t *testing.T, secure bool) *team {
	t.Helper()
	tm := &team{t: t, ctx: context.Background()}
	clk := clock.NewFixed(start)
	tm.clocks = append(tm.clocks, clk)
	st, err := store.Open(tm.ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	must(t, err)
	t.Cleanup(func() { st.Close() })
	tm.srv, tm.srvCmds = st, command.New(st)
	def := settings.Defaults("管理员")
	def.DeviceCode = "HQ"
	must(t, st.EnsureSettings(tm.ctx, def))
	cur, err := st.Settings(tm.ctx)
	must(t, err)
	cur.NumberPattern, cur.CompanyName = "XR-{YYYY}-{DEV}-{NNN}", "华信服务"
	_, err = command.Run(tm.ctx, tm.srvCmds, command.SaveSettings{Settings: cur})
	must(t, err)
	for _, p := range []people.Fields{
		{Name: "王强", Department: "客服部", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner, request.RolePlanLead}, Active: true},
		{Name: "赵磊", Department: "技术支持部", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner, request.RoleReviewer}, Active: true},
		{Name: "周敏", Department: "财务部", Roles: []request.Role{request.RoleReviewer}, Active: true},
		{Name: "李娜", Department: "客服部", Roles: []request.Role{request.RoleAgent, request.RoleOwner}, Active: true},
	} {
		_, err := command.Run(tm.ctx, tm.srvCmds, command.SavePerson{Fields: p})
		must(t, err)
	}
	for _, a := range []auth.Fields{
		{Name: "管理员", Roles: []request.Role{auth.RoleAdmin}},
		{Name: "王强", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner, request.RolePlanLead}},
		{Name: "赵磊", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner, request.RoleReviewer}},
		{Name: "李娜", Roles: []request.Role{request.RoleAgent, request.RoleOwner}},
	} {
		f, hash, err := auth.NewAccount(a, password)
		must(t, err)
		_, err = command.Run(tm.ctx, tm.srvCmds, command.CreateAccount{Fields: f, PasswordHash: hash})
		must(t, err)
	}
	tm.customer, err = command.Run(tm.ctx, tm.srvCmds, command.CreateCustomer{Input: customer.Input{
		Fields:   customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	must(t, err)
	tm.accounts = auth.NewService(st, clk)
	syncSrv, err := teamsync.NewServer(tm.ctx, tm.srvCmds, tm.accounts, nil)
	must(t, err)
	tm.sync = syncSrv
	h := server.New(server.Config{Bind: app.Binder(app.Deps{Store: st, Commands: tm.srvCmds}), Assets: fstest.MapFS{},
		Accounts: tm.accounts, Sync: syncSrv})
	hs := httptest.NewUnstartedServer(h.Handler())
	if secure {
		cert, fp, err := tlscert.Ensure(t.TempDir(), []string{"127.0.0.1"})
		must(t, err)
		hs.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
		hs.StartTLS()
		tm.fingerprint = fp
	} else {
		hs.Start()
	}
	t.Cleanup(hs.Close)
	tm.url = hs.URL
	return tm
}

// laptop opens a laptop's store of its own (not yet joined).
func (tm *team) laptop(name string) *laptop {
	tm.t.Helper()
	clk := clock.NewFixed(tm.clocks[0].Now())
	tm.clocks = append(tm.clocks, clk)
	st, err := store.Open(tm.ctx, filepath.Join(tm.t.TempDir(), "reqdesk.db"), clk)
	must(tm.t, err)
	tm.t.Cleanup(func() { st.Close() })
	must(tm.t, st.EnsureSettings(tm.ctx, settings.Defaults(name)))
	cmds := command.New(st)
	return &laptop{name: name, st: st, cmds: cmds, client: teamsync.NewClient(cmds, nil)}
}

// join opens a laptop and joins it to the team as the account name.
func (tm *team) join(name, code string) *laptop {
	tm.t.Helper()
	l := tm.laptop(name)
	l.client.Batch = 7 // pushes and pulls go in several batches
	must(tm.t, l.client.Join(tm.ctx, teamsync.JoinInput{Server: tm.url, User: name, Password: password, DeviceCode: code,
		DeviceName: name + "的笔记本"}))
	return l
}

// tick moves every clock on.
func (tm *team) tick(d time.Duration) {
	for _, c := range tm.clocks {
		c.Add(d)
	}
}

func (tm *team) round(l *laptop) teamsync.Report {
	tm.t.Helper()
	rep, err := l.client.Round(tm.ctx)
	if err != nil {
		tm.t.Fatalf("%s: round: %v", l.name, err)
	}
	return rep
}

// same checks every laptop's shared tables equal the server's, row by row.
func (tm *team) same(ls ...*laptop) {
	tm.t.Helper()
	for _, l := range ls {
		if d := tm.diff(l); d != "" {
			tm.t.Fatal(d)
		}
	}
}

// diff tells where a laptop's shared tables differ from the server's, ""
// when nowhere.
func (tm *team) diff(l *laptop) string {
	tm.t.Helper()
	want, err := tm.srv.SharedDump(tm.ctx)
	must(tm.t, err)
	got, err := l.st.SharedDump(tm.ctx)
	must(tm.t, err)
	for _, table := range store.SharedTables() {
		g, w := got[table], want[table]
		for i := 0; i < max(len(g), len(w)); i++ {
			var gi, wi string
			if i < len(g) {
				gi = g[i]
			}
			if i < len(w) {
				wi = w[i]
			}
			if gi != wi {
				return fmt.Sprintf("%s differs from the server in %s (%d rows, server %d), row %d:\n laptop:%s\n server:%s",
					l.name, table, len(g), len(w), i, gi, wi)
			}
		}
	}
	return ""
}

func (l *laptop) create(t *testing.T, tm *team, title string) request.Request {
	t.Helper()
	r, err := command.Run(tm.ctx, l.cmds, command.CreateRequest{Fields: request.Fields{CustomerID: tm.customer.Customer.ID,
		ContactID: tm.customer.Contacts[0].ID, ContactName: "张伟", Channel: "电话", Type: "方案定制",
		Urgency: request.UrgencyNormal, Title: title, Description: "客户希望" + title, ReceivedAt: tm.clocks[0].Now().Add(-time.Minute),
		ReceivedBy: l.name}})
	must(t, err)
	return r
}

func (l *laptop) get(t *testing.T, id string) request.Request {
	t.Helper()
	d, err := l.st.Request(context.Background(), id)
	must(t, err)
	return d.Request
}

func (l *laptop) move(t *testing.T, id string, m request.Move) request.Request {
	t.Helper()
	r := l.get(t, id)
	out, err := command.Run(context.Background(), l.cmds, command.MoveRequest{ID: id, Version: r.Version, Move: m})
	if err != nil {
		t.Fatalf("%s: %s from %s: %v", l.name, m.Action, r.Status, err)
	}
	return out
}

func (l *laptop) edit(t *testing.T, id string, change func(*request.Fields)) {
	t.Helper()
	r := l.get(t, id)
	f := r.Fields
	change(&f)
	_, err := command.Run(context.Background(), l.cmds, command.UpdateRequest{ID: id, Version: r.Version, Fields: f})
	must(t, err)
}

func (l *laptop) record(t *testing.T, requestID string, kind request.RecordKind, parent string, body any) request.Record {
	t.Helper()
	raw, _ := json.Marshal(body)
	rec, err := command.Run(context.Background(), l.cmds, command.SaveRecord{Input: request.RecordInput{RequestID: requestID,
		Kind: kind, ParentID: parent, Body: raw}})
	if err != nil {
		t.Fatalf("%s: add %s: %v", l.name, kind, err)
	}
	return rec
}

func (l *laptop) inbox(t *testing.T) []store.InboxEntry {
	t.Helper()
	es, err := l.st.Inbox(context.Background())
	must(t, err)
	return es
}

func reasonKey(t *testing.T, e store.InboxEntry) string {
	t.Helper()
	var r apperr.Error
	must(t, json.Unmarshal(e.Reason, &r))
	return r.Key
}

func pending(t *testing.T, l *laptop) int {
	t.Helper()
	n, err := l.st.OutboxCount(context.Background())
	must(t, err)
	return n
}

// TestTeam is a server and three laptops working offline and syncing in
// different orders, through every conflict of SYNC.md that this layer
// decides; after every round each laptop's shared tables equal the
// server's.
func TestTeam(t *testing.T) {
	tm := newTeam(t)
	ctx := tm.ctx
	li := tm.join("李娜", "a1") // lower case: codes are upper-cased
	wq := tm.join("王强", "B2")
	zl := tm.join("赵磊", "C3")
	tm.same(li, wq, zl)

	t.Run("ErrDeviceCodeTaken", func(t *testing.T) {
		other := tm.laptop("王强")
		err := other.client.Join(ctx, teamsync.JoinInput{Server: tm.url, User: "李娜", Password: password, DeviceCode: "B2"})
		if e, ok := apperr.As(err); !ok || e.Key != "sync_device_code_taken" {
			t.Fatalf("joining with a code another device has: %v", err)
		}
		err = other.client.Join(ctx, teamsync.JoinInput{Server: tm.url, User: "李娜", Password: "wrong password", DeviceCode: "D4"})
		if apperr.CodeOf(err) != apperr.Unauthorized {
			t.Fatalf("joining with a wrong password: %v", err)
		}
		err = other.client.Join(ctx, teamsync.JoinInput{Server: tm.url, User: "李娜", Password: password})
		if e, ok := apperr.As(err); !ok || e.Key != "sync_device_code_required" {
			t.Fatalf("joining without a device code: %v", err)
		}
	})

	// Identity: on a joined laptop the acting person is the account.
	if who, err := li.st.Actor(ctx); err != nil || who != "李娜" {
		t.Fatalf("the laptop acts as %q (%v)", who, err)
	}

	// Offline, every laptop registers a request; the numbers carry the
	// device codes and survive the replay on the server.
	tm.tick(time.Minute)
	r1 := li.create(t, tm, "生产排程模块定制")
	r2 := wq.create(t, tm, "报表导出优化")
	r3 := zl.create(t, tm, "接口对接咨询")
	if !strings.Contains(r1.Number, "-A1-") || !strings.Contains(r2.Number, "-B2-") {
		t.Fatalf("numbers %s, %s do not carry the device codes", r1.Number, r2.Number)
	}
	if pending(t, li) != 1 {
		t.Fatalf("outbox holds %d commands, want 1", pending(t, li))
	}
	if tm.diff(li) == "" {
		t.Fatal("a request registered offline is already on the server")
	}
	tm.tick(time.Minute)
	for _, l := range []*laptop{zl, li, wq, zl, li} {
		tm.round(l)
	}
	tm.same(li, wq, zl)
	if got := li.get(t, r2.ID).Number; got != r2.Number {
		t.Fatalf("request arrived numbered %s, want %s", got, r2.Number)
	}
	if got := wq.get(t, r1.ID); got.Fields.ReceivedBy != "李娜" {
		t.Fatalf("request arrived as %+v", got)
	}

	t.Run("StaleStep", func(t *testing.T) {
		// 王强 and 赵磊 both take r1 on offline: 王强 triages, 赵磊 puts it
		// on hold from registered. 王强 syncs first; 赵磊's step started
		// from a status the request left: a conflict, and his copy is set
		// back to the server's.
		tm.tick(time.Minute)
		wq.move(t, r1.ID, request.Move{Action: request.ActTriage, Department: "技术支持部"})
		zl.move(t, r1.ID, request.Move{Action: request.ActHold, Reason: "等客户资料", FollowUp: tm.clocks[0].Now().Add(72 * time.Hour)})
		tm.tick(time.Minute)
		tm.round(wq)
		rep := tm.round(zl)
		if rep.Conflicts != 1 {
			t.Fatalf("round: %+v, want one conflict", rep)
		}
		in := zl.inbox(t)
		if len(in) != 1 || reasonKey(t, in[0]) != "sync_stale_step" || in[0].RequestID != r1.ID || in[0].ChangedBy != "王强" {
			t.Fatalf("inbox %+v", in)
		}
		// When he changed it, from the server's audit trail (kept in Unix
		// milliseconds): the inbox says "王强 于 … 修改".
		if at := in[0].ChangedAt; at == nil || at.Before(start) || at.After(tm.clocks[0].Now()) {
			t.Fatalf("changed at %v, want the time of 王强's step, between %v and %v", at, start, tm.clocks[0].Now())
		}
		if got := zl.get(t, r1.ID).Status; got != request.StatusTriaged {
			t.Fatalf("赵磊's copy of r1 is %s, want the server's triaged", got)
		}
		tm.round(li)
		tm.same(li, wq, zl)
	})

	t.Run("SameStepIsNoop", func(t *testing.T) {
		// Both supervisors triage r2 the same way offline: the second is
		// applied as a no-op, with no second transition.
		tm.tick(time.Minute)
		wq.move(t, r2.ID, request.Move{Action: request.ActTriage, Department: "客服部"})
		zl.move(t, r2.ID, request.Move{Action: request.ActTriage, Department: "客服部"})
		tm.tick(time.Minute)
		tm.round(wq)
		if rep := tm.round(zl); rep.Conflicts != 0 || rep.Pushed != 1 {
			t.Fatalf("round %+v, want the step applied as a no-op", rep)
		}
		d, err := tm.srv.Request(ctx, r2.ID)
		must(t, err)
		n := 0
		for _, tr := range d.Transitions {
			if tr.Action == request.ActTriage {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("the server has %d triage steps of r2, want 1", n)
		}
		tm.round(li)
		tm.round(wq)
		tm.same(li, wq, zl)
	})

	t.Run("FieldMerge", func(t *testing.T) {
		// Offline, 李娜 edits r3's title and scene, 王强 its product and
		// scene (differently), 赵磊 its title the same way as 李娜.
		tm.tick(time.Minute)
		li.edit(t, r3.ID, func(f *request.Fields) { f.Title = "接口对接方案咨询"; f.Scene = "月末结账" })
		wq.edit(t, r3.ID, func(f *request.Fields) { f.Product = "财务系统 V5"; f.Scene = "日常对账" })
		zl.edit(t, r3.ID, func(f *request.Fields) { f.Title = "接口对接方案咨询" })
		tm.tick(time.Minute)
		if rep := tm.round(li); rep.Conflicts != 0 {
			t.Fatalf("first edit: %+v", rep)
		}
		rep := tm.round(wq)
		if rep.Conflicts != 1 {
			t.Fatalf("second edit: %+v, want a conflict on the scene", rep)
		}
		in := wq.inbox(t)
		if len(in) != 1 || reasonKey(t, in[0]) != "sync_field_conflict" || !strings.Contains(string(in[0].Reason), "scene") ||
			in[0].ChangedBy != "李娜" {
			t.Fatalf("inbox %+v", in)
		}
		if rep := tm.round(zl); rep.Conflicts != 0 {
			t.Fatalf("the same title twice: %+v", rep)
		}
		got := tm.srv
		d, err := got.Request(ctx, r3.ID)
		must(t, err)
		f := d.Request.Fields
		if f.Title != "接口对接方案咨询" || f.Scene != "月末结账" || f.Product != "财务系统 V5" {
			t.Fatalf("merged fields: title %q scene %q product %q", f.Title, f.Scene, f.Product)
		}
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.same(li, wq, zl)
		// Apply again: the scene the server refused is applied on the
		// current state, the other fields kept.
		_, text := teamsync.Describe(in[0].Name, in[0].Args)
		if !strings.Contains(text, "日常对账") {
			t.Errorf("the text of the edit %q lacks what was typed", text)
		}
		// Only what the edit changed: not the title, channel or receiver it left alone.
		if text != "财务系统 V5\n日常对账" {
			t.Errorf("the text of the edit is %q, want only the product and scene typed", text)
		}
		must(t, wq.client.Resolve(ctx, in[0].ID, "retry"))
		tm.round(wq)
		d, err = got.Request(ctx, r3.ID)
		must(t, err)
		if d.Request.Fields.Scene != "日常对账" || d.Request.Fields.Title != "接口对接方案咨询" {
			t.Fatalf("after apply again: %+v", d.Request.Fields)
		}
		if len(wq.inbox(t)) != 0 {
			t.Fatal("the resolved conflict stayed in the inbox")
		}
	})

	t.Run("ClosedRequest", func(t *testing.T) {
		// 王强 cancels r3 while 李娜 edits it and 赵磊 triages it offline:
		// both are refused, to their inboxes.
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.tick(time.Minute)
		wq.move(t, r3.ID, request.Move{Action: request.ActCancel, Reason: "客户撤回"})
		li.edit(t, r3.ID, func(f *request.Fields) { f.Background = "现有接口不稳定" })
		zl.move(t, r3.ID, request.Move{Action: request.ActTriage, Department: "技术支持部"})
		tm.tick(time.Minute)
		tm.round(wq)
		for _, l := range []*laptop{li, zl} {
			rep := tm.round(l)
			if rep.Conflicts != 1 {
				t.Fatalf("%s: %+v, want a conflict", l.name, rep)
			}
			in := l.inbox(t)
			if reasonKey(t, in[0]) != "sync_request_closed" {
				t.Fatalf("%s: inbox %+v", l.name, in)
			}
			if got := l.get(t, r3.ID); got.Status != request.StatusCancelled || got.Fields.Background != "" {
				t.Fatalf("%s's copy of r3: %s, background %q", l.name, got.Status, got.Fields.Background)
			}
			// Discarding clears it.
			must(t, l.client.Resolve(ctx, in[0].ID, "discard"))
		}
		tm.same(li, wq, zl)
	})

	t.Run("ReviewsCommute", func(t *testing.T) {
		// 赵磊 carries r1 to internal review; the reviews of two
		// departments are entered offline on two laptops: both stand.
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.tick(time.Minute)
		zl.move(t, r1.ID, request.Move{Action: request.ActAssign, Owner: "赵磊"})
		zl.move(t, r1.ID, request.Move{Action: request.ActStart})
		an := zl.record(t, r1.ID, request.KindAnalysis, "", request.Analysis{CustomerValue: 5, BusinessValue: 4,
			Horizon: "immediate", NoBreakdown: true, CoreNeeds: "排程自动化", ExpectedDelivery: "2024-06-30"})
		zl.move(t, r1.ID, request.Move{Action: request.ActAskAnalysisOK})
		raw, _ := json.Marshal(request.Analysis{CustomerValue: 5, BusinessValue: 4, Horizon: "immediate", NoBreakdown: true,
			CoreNeeds: "排程自动化", ExpectedDelivery: "2024-06-30", SignedBy: "张伟", SignedOn: "2024-03-15"})
		_, err := command.Run(ctx, zl.cmds, command.SaveRecord{Input: request.RecordInput{RequestID: r1.ID,
			Kind: request.KindAnalysis, ID: an.ID, Version: an.Version, Body: raw}})
		must(t, err)
		zl.move(t, r1.ID, request.Move{Action: request.ActAnalysisOK})
		plan := zl.record(t, r1.ID, request.KindPlan, "", request.Plan{Goals: "排程自动化", Content: "开发排程模块",
			Deliverables: "排程模块", AcceptanceCriteria: "通过验收测试", RequiredReviews: []string{"技术支持部", "财务部"}})
		zl.move(t, r1.ID, request.Move{Action: request.ActSubmitReview})
		tm.tick(time.Minute)
		tm.round(zl)
		tm.round(li)
		tm.round(wq)
		tm.same(li, wq, zl)
		tm.tick(time.Minute)
		zl.record(t, r1.ID, request.KindReview, plan.ID, request.Review{Department: "技术支持部", Reviewer: "赵磊",
			Result: "pass", On: "2024-03-15"})
		li.record(t, r1.ID, request.KindReview, plan.ID, request.Review{Department: "财务部", Reviewer: "周敏", OnBehalf: true,
			Result: "pass", On: "2024-03-15"})
		tm.tick(time.Minute)
		for _, l := range []*laptop{li, zl} {
			if rep := tm.round(l); rep.Conflicts != 0 {
				t.Fatalf("%s: %+v", l.name, rep)
			}
		}
		d, err := tm.srv.Request(ctx, r1.ID)
		must(t, err)
		reviews := 0
		for _, rec := range d.Records {
			if rec.Kind == request.KindReview {
				reviews++
			}
		}
		if reviews != 2 {
			t.Fatalf("the server has %d reviews, want 2", reviews)
		}
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.same(li, wq, zl)
	})

	t.Run("Documents", func(t *testing.T) {
		// A document generated offline and the scan of its signed paper
		// copy reach the server and the other laptops: the PDF and the
		// file travel by their hash.
		tm.tick(time.Minute)
		doc, err := command.Run(ctx, wq.cmds, command.GenerateDocument{RequestID: r2.ID, Type: document.TypeRegistration})
		must(t, err)
		var png bytes.Buffer
		img := image.NewRGBA(image.Rect(0, 0, 4, 4))
		img.Set(1, 1, color.RGBA{R: 200, A: 255})
		must(t, pngenc.Encode(&png, img))
		_, err = command.Run(ctx, wq.cmds, command.AddAttachment{DocumentID: doc.ID,
			Scan: document.AttachmentInput{FileName: "签字页.png", Bytes: png.Bytes()}})
		must(t, err)
		tm.tick(time.Minute)
		tm.round(wq)
		tm.round(li)
		tm.round(zl)
		tm.same(li, wq, zl)
		for _, l := range []*laptop{li, zl} {
			d, err := l.st.Document(ctx, doc.ID)
			must(t, err)
			pdf, err := l.st.DocumentPDF(ctx, doc.ID)
			must(t, err)
			if len(pdf) == 0 || blobs.Sum(pdf) != d.SHA256 {
				t.Fatalf("%s: the PDF arrived as %d bytes, not matching its hash", l.name, len(pdf))
			}
			if len(d.Attachments) != 1 {
				t.Fatalf("%s: %d attachments", l.name, len(d.Attachments))
			}
			data, err := l.st.AttachmentFile(d.Attachments[0].SHA256)
			must(t, err)
			if !bytes.Equal(data, png.Bytes()) {
				t.Fatalf("%s: the scan arrived changed", l.name)
			}
		}
	})

	t.Run("RequestAttachmentsAndStandard", func(t *testing.T) {
		// A log attached to a request offline, and a line of the
		// classification standard changed by the supervisor, reach the
		// server and the other laptops: the file travels by its hash.
		tm.tick(time.Minute)
		log := []byte("2026-03-15 09:12:03 ERROR 出库单打印失败\n")
		a, err := command.Run(ctx, wq.cmds, command.AddRequestAttachment{RequestID: r2.ID, File: attachment.Input{FileName: "print.log", Bytes: log}})
		must(t, err)
		std, err := wq.st.Classification(ctx)
		must(t, err)
		line := std[0]
		_, err = command.Run(ctx, wq.cmds, command.SaveClassification{Line: classify.Input{ID: line.ID, Version: line.Version, Type: line.Type,
			Category: line.Category, Department: "技术支持部", Urgency: line.Urgency, Examples: line.Examples}})
		must(t, err)
		tm.tick(time.Minute)
		tm.round(wq)
		tm.round(li)
		tm.round(zl)
		tm.same(li, wq, zl)
		for _, l := range []*laptop{li, zl} {
			got, data, err := l.st.RequestAttachment(ctx, a.ID)
			must(t, err)
			if !bytes.Equal(data, log) || got.SHA256 != blobs.Sum(log) {
				t.Fatalf("%s: the log arrived as %q", l.name, data)
			}
			std, err := l.st.Classification(ctx)
			must(t, err)
			if std[0].Department != "技术支持部" {
				t.Fatalf("%s: standard line %+v", l.name, std[0])
			}
		}
	})

	t.Run("Roles", func(t *testing.T) {
		// 李娜 (an agent) changes the company settings on her laptop: the
		// server checks the same role table as a browser call and refuses.
		st, err := li.st.Settings(ctx)
		must(t, err)
		st.CompanyName = "李娜的公司"
		_, err = command.Run(ctx, li.cmds, command.SaveSettings{Settings: st})
		must(t, err)
		rep := tm.round(li)
		if rep.Conflicts != 1 {
			t.Fatalf("%+v, want the settings refused", rep)
		}
		if in := li.inbox(t); reasonKey(t, in[0]) != "forbidden_role_one" {
			t.Fatalf("inbox %+v", in[0])
		}
		if got, _ := li.st.Settings(ctx); got.CompanyName != "华信服务" || got.ProfileName != "李娜" {
			t.Fatalf("settings after the refusal: %+v", got)
		}
		tm.same(li, wq, zl)
	})

	t.Run("ResentPushAppliedOnce", func(t *testing.T) {
		// A push whose answer was lost is sent again: the server answers
		// it as before and applies it once.
		tm.tick(time.Minute)
		r := li.create(t, tm, "重复提交测试")
		es, err := li.st.Outbox(ctx, 10)
		must(t, err)
		cl, _, err := li.st.SyncClient(ctx)
		must(t, err)
		push := func() teamsync.PushResponse {
			return postPush(t, tm.url, cl.Token, es)
		}
		first, second := push(), push()
		if first.Results[0].Status != teamsync.StatusApplied || second.Results[0].Status != teamsync.StatusDuplicate {
			t.Fatalf("answers %+v then %+v", first.Results, second.Results)
		}
		page, err := tm.srv.ListRequests(ctx, request.Query{Search: r.Number})
		must(t, err)
		if page.Total != 1 {
			t.Fatalf("the server has %d requests %s", page.Total, r.Number)
		}
		tm.round(li) // the laptop's own push is a duplicate too
		if pending(t, li) != 0 {
			t.Fatal("the outbox kept an applied command")
		}
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.same(li, wq, zl)
	})

	t.Run("TimeBounds", func(t *testing.T) {
		// A step keeps the time it was taken offline, bounded: never later
		// than the server's clock, never before the request's last step.
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.tick(time.Minute)
		tm.clocks[2].Add(time.Hour) // 王强's laptop runs an hour fast
		wq.move(t, r2.ID, request.Move{Action: request.ActAssign, Owner: "王强"})
		tm.clocks[2].Add(-time.Hour)
		tm.round(wq)
		last := func() time.Time {
			d, err := tm.srv.Request(ctx, r2.ID)
			must(t, err)
			return d.Transitions[len(d.Transitions)-1].At
		}
		assigned := last()
		if !assigned.Equal(tm.clocks[0].Now()) {
			t.Fatalf("a step from the future was recorded at %v, want the server's now %v", assigned, tm.clocks[0].Now())
		}
		tm.round(zl)
		tm.clocks[3].Add(-2 * time.Hour) // 赵磊's laptop runs two hours slow
		zl.move(t, r2.ID, request.Move{Action: request.ActHold, Reason: "等客户资料", FollowUp: tm.clocks[0].Now().Add(72 * time.Hour)})
		tm.clocks[3].Add(2 * time.Hour)
		tm.tick(time.Minute)
		tm.round(zl)
		if d, err := tm.srv.Request(ctx, r2.ID); err != nil || d.Request.Status != request.StatusOnHold {
			t.Fatalf("the step from a slow laptop was not applied: %v", err)
		}
		if got := last(); !got.Equal(assigned) {
			t.Fatalf("a step dated before the last one was recorded at %v, want %v", got, assigned)
		}
		for _, l := range []*laptop{li, wq, zl} {
			tm.round(l)
		}
		tm.same(li, wq, zl)
	})

	t.Run("Revoked", func(t *testing.T) {
		// A lost laptop is revoked: its next round is refused, and what it
		// did offline stays in its outbox.
		devs, err := tm.srv.Devices(ctx)
		must(t, err)
		var id string
		for _, d := range devs {
			if d.Code == "C3" {
				id = d.ID
			}
		}
		must(t, tm.srv.RevokeDevice(ctx, id))
		zl.create(t, tm, "离线登记")
		_, err = zl.client.Round(ctx)
		if e, ok := apperr.As(err); !ok || e.Key != "sync_device_revoked" || e.Code != apperr.DeviceRevoked ||
			!strings.Contains(e.Message, "本机已被移出团队") {
			t.Fatalf("a revoked device's round: %v", err)
		}
		// Not a 401: a browser on the laptop would take it for the end of
		// its session and log out.
		zcl, _, err := zl.st.SyncClient(ctx)
		must(t, err)
		req, err := http.NewRequest(http.MethodGet, tm.url+"/sync/pull?after=0", nil)
		must(t, err)
		req.Header.Set("Authorization", "Bearer "+zcl.Token)
		req.Header.Set(teamsync.SchemaHeader, strconv.Itoa(store.LatestSchema()))
		resp, err := http.DefaultClient.Do(req)
		must(t, err)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("a revoked device is answered %s, want 403", resp.Status)
		}
		if pending(t, zl) != 1 {
			t.Fatalf("the revoked laptop's outbox holds %d, want its 1 command", pending(t, zl))
		}
		cl, _, err := zl.st.SyncClient(ctx)
		must(t, err)
		if !strings.Contains(string(cl.LastError), "sync_device_revoked") {
			t.Fatalf("last error %s", cl.LastError)
		}
		// A disabled account stops its devices too.
		_, err = command.Run(ctx, tm.srvCmds, command.SetAccountDisabled{Account: "王强", Disabled: true})
		must(t, err)
		if _, err := wq.client.Round(ctx); apperr.CodeOf(err) != apperr.DeviceRevoked ||
			!strings.Contains(err.Error(), "王强") || !strings.Contains(err.Error(), "已停用") {
			t.Fatalf("a disabled account's round: %v", err)
		}
		_, err = command.Run(ctx, tm.srvCmds, command.SetAccountDisabled{Account: "王强", Disabled: false})
		must(t, err)
		tm.round(wq)
		tm.round(li)
		tm.same(li, wq)
		want, err := tm.srv.SharedDump(ctx)
		must(t, err)
		for table, n := range map[string]int{"requests": 4, "request_transitions": 8, "request_records": 4, "audit_log": 22} {
			if len(want[table]) < n {
				t.Errorf("the server has %d rows of %s, want at least %d", len(want[table]), table, n)
			}
		}
		// Each step's audit entry came with its transition (0025).
		for _, row := range want["request_transitions"] {
			if strings.Contains(row, " changes=<nil>") {
				t.Errorf("a transition keeps no audit entry: %s", row)
			}
		}
	})

	t.Run("Restart", func(t *testing.T) {
		// The program on a laptop starts again: it still belongs to its
		// team, records its changes and syncs.
		path := li.st.Path()
		must(t, li.st.Close())
		st, err := store.Open(ctx, path, tm.clocks[1])
		must(t, err)
		tm.t.Cleanup(func() { st.Close() }) // the laptop lives on after this step
		must(t, st.EnsureSettings(ctx, settings.Defaults("李娜")))
		li.st, li.cmds = st, command.New(st)
		li.client = teamsync.NewClient(li.cmds, nil)
		tm.tick(time.Minute)
		li.create(t, tm, "重启后登记")
		if pending(t, li) != 1 {
			t.Fatalf("after a restart the outbox holds %d, want 1", pending(t, li))
		}
		tm.round(li)
		tm.round(wq)
		tm.same(li, wq)
	})

	t.Run("Leave", func(t *testing.T) {
		before, err := li.st.SharedDump(ctx)
		must(t, err)
		must(t, li.client.Leave(ctx))
		after, err := li.st.SharedDump(ctx)
		must(t, err)
		if fmt.Sprint(before) != fmt.Sprint(after) {
			t.Fatal("leaving changed the data")
		}
		if _, err := li.client.Round(ctx); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("a round after leaving: %v", err)
		}
		if who, _ := li.st.Actor(ctx); who != "李娜" {
			t.Fatalf("after leaving the laptop acts as %q", who)
		}
	})
}

// postPush sends the outbox entries es as a device would, plain JSON.
func postPush(t *testing.T, url, token string, es []store.OutboxEntry) teamsync.PushResponse {
	t.Helper()
	in := teamsync.PushRequest{}
	for _, e := range es {
		in.Commands = append(in.Commands, teamsync.PushCommand{Seq: e.Seq, ID: e.ID, Name: e.Name, Args: e.Args, At: e.At,
			Numbers: e.Numbers, RequestID: e.RequestID, Touched: e.Touched})
	}
	body, err := json.Marshal(in)
	must(t, err)
	req, err := http.NewRequest(http.MethodPost, url+"/sync/push", bytes.NewReader(body))
	must(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(teamsync.SchemaHeader, strconv.Itoa(store.LatestSchema()))
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("push answered %s", resp.Status)
	}
	var out teamsync.PushResponse
	must(t, json.NewDecoder(resp.Body).Decode(&out))
	return out
}

// TestJoinKeepsABackup joins a laptop that has data of its own: its shared
// data becomes the team's, what it had is kept in a backup beside the
// database, and its derived data (search, measures) follows what arrived.
func TestJoinKeepsABackup(t *testing.T) {
	tm := newTeam(t)
	ctx := tm.ctx
	// The team has a request already.
	wq := tm.join("王强", "B2")
	r := wq.create(t, tm, "生产排程模块定制")
	tm.round(wq)

	l := tm.laptop("李娜")
	c, err := command.Run(ctx, l.cmds, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "本机客户"}}})
	must(t, err)
	_, err = command.Run(ctx, l.cmds, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactName: "王五",
		Channel: "电话", Type: "咨询", Urgency: request.UrgencyNormal, Title: "本机的需求", ReceivedAt: start.Add(-time.Minute),
		ReceivedBy: "李娜"}})
	must(t, err)
	must(t, l.client.Join(ctx, teamsync.JoinInput{Server: tm.url, User: "李娜", Password: password, DeviceCode: "A1"}))
	tm.same(l)
	backups, err := filepath.Glob(filepath.Join(filepath.Dir(l.st.Path()), "backups", "reqdesk-before-join-*.db"))
	must(t, err)
	if len(backups) != 1 {
		t.Fatalf("backups before joining: %v", backups)
	}
	page, err := l.st.ListRequests(ctx, request.Query{Search: "排程"})
	must(t, err)
	if page.Total != 1 || page.Items[0].ID != r.ID {
		t.Fatalf("searching the team's request on the laptop found %+v", page)
	}
	rows, err := l.st.OpenMetricRows(ctx, "")
	must(t, err)
	if len(rows) != 1 {
		t.Fatalf("the laptop has %d measure rows of open requests, want 1", len(rows))
	}
	if _, err := l.st.Clocks(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if clocks, _ := l.st.Clocks(ctx, r.ID); len(clocks) == 0 {
		t.Fatal("the team's request has no clocks on the laptop")
	}
}

// hookTransport runs before once, before the first call whose path has
// the prefix, then passes every call on.
type hookTransport struct {
	prefix string
	before func()
	once   sync.Once
}

func (h *hookTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasPrefix(r.URL.Path, h.prefix) {
		h.once.Do(h.before)
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestPullKeepsPendingRows changes a request on a laptop while its round
// is between push and pull: what the pull brings of that request does not
// overwrite the change, which the next round pushes and merges.
func TestPullKeepsPendingRows(t *testing.T) {
	tm := newTeam(t)
	a, b := tm.join("李娜", "A1"), tm.join("王强", "B2")
	r := a.create(t, tm, "生产排程模块定制")
	tm.round(a)
	tm.round(b)
	tm.tick(time.Minute)
	b.edit(t, r.ID, func(f *request.Fields) { f.Title = "生产排程与报表" })
	tm.round(b)
	tm.tick(time.Minute)
	a.client.HTTP = &http.Client{Transport: &hookTransport{prefix: "/sync/pull", before: func() {
		a.edit(t, r.ID, func(f *request.Fields) { f.Description = "本机写的详细描述" })
	}}}
	tm.round(a)
	got := a.get(t, r.ID)
	if got.Fields.Description != "本机写的详细描述" || got.Fields.Title != "生产排程模块定制" || pending(t, a) != 1 {
		t.Fatalf("the pull overwrote a change still waiting: %+v, %d waiting", got.Fields, pending(t, a))
	}
	tm.round(a)
	tm.round(b)
	got = a.get(t, r.ID)
	if got.Fields.Description != "本机写的详细描述" || got.Fields.Title != "生产排程与报表" {
		t.Fatalf("after the next round: %+v", got.Fields)
	}
	tm.same(a, b)
}

// TestSameCustomerTwice registers one new customer, with a request, on two
// laptops offline. Until customers registered twice are merged, the
// second is refused with the request made for it: both reach the inbox,
// the laptop's copy follows the server's, and the rounds go on.
func TestSameCustomerTwice(t *testing.T) {
	tm := newTeam(t)
	ctx := tm.ctx
	a, b := tm.join("李娜", "A1"), tm.join("王强", "B2")
	ids := map[*laptop]string{}
	for _, l := range []*laptop{a, b} {
		c, err := command.Run(ctx, l.cmds, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "新华制造有限公司"}}})
		must(t, err)
		ids[l] = c.Customer.ID
		_, err = command.Run(ctx, l.cmds, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID,
			ContactName: "王五", Channel: "电话", Type: "咨询", Urgency: request.UrgencyNormal, Title: l.name + "登记的需求",
			ReceivedAt: start.Add(-time.Minute), ReceivedBy: l.name}})
		must(t, err)
	}
	tm.tick(time.Minute)
	tm.round(a)
	// Both registrations are kept, flagged as possibly the same customer.
	if rep := tm.round(b); rep.Conflicts != 0 {
		t.Fatalf("the second registration: %+v, want it kept and flagged", rep)
	}
	d, err := tm.srv.Customer(ctx, ids[a])
	must(t, err)
	if len(d.Duplicates) != 1 || d.Duplicates[0].Other.ID != ids[b] {
		t.Fatalf("the server flags %+v as possible duplicates of %s, want %s", d.Duplicates, ids[a], ids[b])
	}
	// Laptop B, not yet knowing of the merge, registers one more request
	// for its customer; a supervisor merges B's customer into A's.
	_, err = command.Run(ctx, b.cmds, command.CreateRequest{Fields: request.Fields{CustomerID: ids[b],
		ContactName: "王五", Channel: "电话", Type: "咨询", Urgency: request.UrgencyNormal, Title: "合并前离线登记",
		ReceivedAt: start, ReceivedBy: b.name}})
	must(t, err)
	_, err = command.Run(audit.WithActor(ctx, "王强"), tm.srvCmds, command.MergeCustomer{From: ids[b], Into: ids[a]})
	must(t, err)
	tm.tick(time.Minute)
	for _, l := range []*laptop{a, b, a} {
		if rep := tm.round(l); rep.Conflicts != 0 {
			t.Fatalf("%s after the merge: %+v, want no conflict", l.name, rep)
		}
	}
	tm.same(a, b)
	for _, l := range []*laptop{a, b} {
		page, err := l.st.ListRequests(ctx, request.Query{CustomerID: ids[a], Limit: 10})
		must(t, err)
		if page.Total != 3 {
			t.Errorf("%s: the merged customer has %d requests, want all 3", l.name, page.Total)
		}
		gone, err := l.st.Customer(ctx, ids[b])
		must(t, err)
		if gone.Customer.ID != ids[a] {
			t.Errorf("%s: the customer merged away opens as %s, want the one it became, %s", l.name, gone.Customer.ID, ids[a])
		}
	}
}

// A team server over TLS with a self-signed certificate: the probe shows
// its fingerprint, a laptop joins pinned to it and syncs; a laptop pinned
// to another certificate, or trusting none, is refused and stays alone.
func TestPinnedServer(t *testing.T) {
	tm := newTeamOver(t, true)
	ctx := tm.ctx
	if !strings.HasPrefix(tm.url, "https://") {
		t.Fatalf("server at %s, want https", tm.url)
	}
	l := tm.laptop("李娜")
	probe, fp, err := l.client.Probe(ctx, tm.url)
	must(t, err)
	if fp != tm.fingerprint || probe.TeamName == "" {
		t.Fatalf("probe: team %q, fingerprint %q, want the server's %q", probe.TeamName, fp, tm.fingerprint)
	}
	in := teamsync.JoinInput{Server: tm.url, User: "李娜", Password: password, DeviceCode: "A1", DeviceName: "李娜的笔记本"}
	_, other, err := tlscert.Ensure(t.TempDir(), nil)
	must(t, err)
	for _, pin := range []string{other, ""} {
		in.Fingerprint = pin
		err := l.client.Join(ctx, in)
		if err == nil {
			t.Fatalf("joined pinned to %q, want a refusal: the server presents %s", pin, tm.fingerprint)
		}
		if e, ok := apperr.As(err); pin != "" && (!ok || e.Key != "certificate_mismatch") {
			t.Errorf("pinned to another certificate: %v, want certificate_mismatch", err)
		}
		if _, joined, err := l.st.SyncClient(ctx); err != nil || joined {
			t.Fatalf("after a refused join: joined %v (%v)", joined, err)
		}
	}
	in.Fingerprint = strings.ToLower(strings.ReplaceAll(tm.fingerprint, ":", " "))
	must(t, l.client.Join(ctx, in))
	r := l.create(t, tm, "经加密连接同步")
	tm.tick(time.Minute)
	if rep := tm.round(l); rep.Pushed != 1 || rep.Conflicts != 0 {
		t.Fatalf("round over TLS: %+v", rep)
	}
	if _, err := tm.srv.Request(ctx, r.ID); err != nil {
		t.Fatalf("the server lacks the request pushed over TLS: %v", err)
	}
}

// On a joined laptop the settings name the joined account as the person at
// the keyboard (what the screens show as 操作人 and put in 接收人); after
// leaving, the laptop's own profile name is back.
func TestJoinedAccountIsTheProfile(t *testing.T) {
	tm := newTeam(t)
	l := tm.laptop("root")
	must(t, l.client.Join(tm.ctx, teamsync.JoinInput{Server: tm.url, User: "李娜", Password: password, DeviceCode: "A1"}))
	st, err := l.st.Settings(tm.ctx)
	must(t, err)
	if st.ProfileName != "李娜" {
		t.Fatalf("joined as 李娜, the settings name %q", st.ProfileName)
	}
	// The profile name cannot be changed while joined: refused, naming the
	// field, and nothing written (not even to the outbox).
	waiting, err := l.st.OutboxCount(tm.ctx)
	must(t, err)
	other := st
	other.ProfileName = "王五"
	_, err = command.Run(tm.ctx, l.cmds, command.SaveSettings{Settings: other})
	if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != "profileName" ||
		e.Fields[0].Key != "joined_account" || e.Fields[0].Params["account"] != "李娜" {
		t.Fatalf("changing the profile name while joined: %v, want joined_account on profileName", err)
	}
	if n, _ := l.st.OutboxCount(tm.ctx); n != waiting {
		t.Fatalf("a refused save left %d commands in the outbox, want %d", n, waiting)
	}
	// Saving the settings as the screen shows them (the joined account as
	// the profile) changes the rest and keeps the laptop's own profile.
	st.CompanyName = "华信服务（本机）"
	saved, err := command.Run(tm.ctx, l.cmds, command.SaveSettings{Settings: st})
	must(t, err)
	if saved.ProfileName != "李娜" || saved.CompanyName != "华信服务（本机）" {
		t.Fatalf("saved while joined: %+v", saved)
	}
	must(t, l.client.Leave(tm.ctx))
	if st, err = l.st.Settings(tm.ctx); err != nil || st.ProfileName != "root" {
		t.Fatalf("after leaving, the settings name %q (%v), want the laptop's own root", st.ProfileName, err)
	}
}

// TestSchemaMismatch: a laptop and a server at different data versions
// (one upgraded before the other) do not sync, either way round, and say
// which side to upgrade; nothing is pushed or pulled, the laptop's changes
// wait, and once both are at the same version the next round carries them.
func TestSchemaMismatch(t *testing.T) {
	ctx := context.Background()
	tm := newTeam(t)
	a := tm.join("李娜", "A")
	r := a.create(t, tm, "离线登记的需求")
	if n := pending(t, a); n != 1 {
		t.Fatalf("%d commands waiting, want 1", n)
	}
	refused := func(key, says string) {
		t.Helper()
		_, err := a.client.Round(ctx)
		e, ok := apperr.As(err)
		if !ok || e.Key != key || !strings.Contains(e.Message, says) {
			t.Fatalf("round: %v, want %s", err, key)
		}
		if n := pending(t, a); n != 1 {
			t.Fatalf("%d commands waiting after the refused round, want 1", n)
		}
		if _, err := tm.srv.Request(ctx, r.ID); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("the server has the request after a refused round: %v", err)
		}
		cl, _, err := a.st.SyncClient(ctx)
		must(t, err)
		var shown apperr.Error
		if cl.LastError == nil || json.Unmarshal(cl.LastError, &shown) != nil || shown.Key != key {
			t.Fatalf("the laptop shows %s, want %s", cl.LastError, key)
		}
	}
	// The server upgraded first.
	tm.sync.SetSchema(store.LatestSchema() + 1)
	refused("sync_laptop_outdated", "请先升级本机")
	// The laptop upgraded first.
	tm.sync.SetSchema(store.LatestSchema() - 1)
	refused("sync_server_outdated", "请管理员先升级团队服务器")
	// Joining is refused too, and the probe says so before the password.
	b := tm.laptop("王强")
	keyOf := func(err error) string {
		if e, ok := apperr.As(err); ok {
			return e.Key
		}
		return fmt.Sprint(err)
	}
	if _, _, err := b.client.Probe(ctx, tm.url); keyOf(err) != "sync_server_outdated" {
		t.Fatalf("probe: %v", err)
	}
	if err := b.client.Join(ctx, teamsync.JoinInput{Server: tm.url, User: "王强", Password: password, DeviceCode: "B"}); keyOf(err) != "sync_server_outdated" {
		t.Fatalf("join: %v", err)
	}
	if _, ok, err := b.st.SyncClient(ctx); err != nil || ok {
		t.Fatalf("joined after a refused join: %v %v", ok, err)
	}
	// A server too old to say its version (answers without the header):
	// the laptop takes nothing from it.
	tm.sync.SetSchema(store.LatestSchema())
	mute := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, err := http.NewRequestWithContext(r.Context(), r.Method, tm.url+r.URL.RequestURI(), r.Body)
		if err != nil {
			t.Error(err)
			return
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Error(err)
			return
		}
		defer resp.Body.Close()
		for k, vs := range resp.Header {
			if k != teamsync.SchemaHeader {
				w.Header()[k] = vs
			}
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	defer mute.Close()
	if _, _, err := b.client.Probe(ctx, mute.URL); keyOf(err) != "sync_server_outdated" {
		t.Fatalf("probe of a server that does not say its version: %v", err)
	}
	// A laptop too old to say its version.
	tm.sync.SetSchema(store.LatestSchema())
	req, err := http.NewRequest(http.MethodGet, tm.url+"/sync/pull?after=0", nil)
	must(t, err)
	resp, err := http.DefaultClient.Do(req)
	must(t, err)
	var e apperr.Error
	must(t, json.NewDecoder(resp.Body).Decode(&e))
	resp.Body.Close()
	if resp.StatusCode != http.StatusConflict || e.Key != "sync_laptop_outdated" {
		t.Fatalf("a call without a version: %s %+v", resp.Status, e)
	}
	// Both at the same version again: the waiting change goes.
	if rep := tm.round(a); rep.Pushed != 1 {
		t.Fatalf("round %+v, want the waiting command pushed", rep)
	}
	tm.same(a)
}
