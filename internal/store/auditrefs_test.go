package store_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// creationEntry is the stored changes of the request's creation entry.
func creationEntry(t *testing.T, s *store.Store, id string) any {
	t.Helper()
	key := uuid.MustParse(id)
	var stored any
	if err := s.QueryRow(context.Background(), `SELECT changes FROM audit_log
		WHERE entity_id = ? AND entity = 'request' AND action = 'create'`, key[:]).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	return stored
}

// shownCreation is the creation entry as the request's history shows it.
func shownCreation(t *testing.T, s *store.Store, id string) audit.Entry {
	t.Helper()
	h, err := s.History(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range h {
		if e.Action == audit.ActionCreate && e.EntityID == id {
			return e
		}
	}
	t.Fatalf("no creation in the history of %s: %+v", id, h)
	return audit.Entry{}
}

// TestAuditRefers checks that a request's creation entry is kept
// referring to the request (0041) and shows, through every later change of
// the request and of its customer and after the request is gone, exactly
// the changes it was written with; that those changes are not shared as
// changes of the entry; and that the entry travels as it was written and
// refers to the request again where it lands.
func TestAuditRefers(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	if err := s.EnableChangeLog(ctx); err != nil { // a laptop in a team
		t.Fatal(err)
	}
	svc := command.New(s)
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "咨询<系统>对接 & 报价")
	f.Description = "第一行\n第二行\t\"引号\"\u2028"
	f.Background = "客户自2024年起使用我司产品。"
	r := mustRequest(t, s, f)
	text, err := audit.Changes(nil, r)
	if err != nil {
		t.Fatal(err)
	}
	want, err := audit.Decode(text)
	if err != nil {
		t.Fatal(err)
	}
	stored, ok := creationEntry(t, s, r.ID).(string)
	if !ok || !audit.Refers(stored) || len(stored) > len(text)/3 {
		t.Fatalf("the creation is kept as %#v, want it referring to the request (%d bytes written)", stored, len(text))
	}
	check := func(when string) {
		t.Helper()
		got := shownCreation(t, s, r.ID)
		gj, _ := json.Marshal(got.Changes)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Fatalf("%s: the creation shows\n%s\nwant\n%s", when, gj, wj)
		}
	}
	check("as created")

	key := uuid.MustParse(r.ID)
	var creationKey string
	if err := s.QueryRow(ctx, `SELECT 'x:' || lower(hex(id)) FROM audit_log WHERE entity_id = ? AND action = 'create'`,
		key[:]).Scan(&creationKey); err != nil {
		t.Fatal(err)
	}
	loggedAt := func() (seq int64) {
		t.Helper()
		if err := s.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM sync_changes WHERE tbl = 'audit_log' AND row_id = ?`,
			creationKey).Scan(&seq); err != nil {
			t.Fatal(err)
		}
		return seq
	}
	created := loggedAt() // its writing is a change to share
	if created == 0 {
		t.Fatal("the creation entry is not in the change log")
	}
	// The request edited, moved on, its customer renamed, then moved to
	// another customer.
	f.Title, f.Description, f.Urgency = "咨询系统对接方案", "", request.UrgencyUrgent
	r, err = command.Run(ctx, svc, command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: f})
	if err != nil {
		t.Fatal(err)
	}
	check("after an edit")
	for _, m := range []request.Move{{Action: request.ActTriage, Department: "技术支持部"}, {Action: request.ActAssign, Owner: "王强"}} {
		if r, err = command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version, Move: m}); err != nil {
			t.Fatal(err)
		}
	}
	check("after two steps")
	if _, err := command.Run(ctx, svc, command.UpdateCustomer{ID: c.Customer.ID, Version: c.Customer.Version,
		Fields: customer.Fields{Name: "华信科技集团有限公司", Industry: "信息技术"}}); err != nil {
		t.Fatal(err)
	}
	check("after the customer's rename")
	other := mustCustomer(t, s, "东方教育股份有限公司")
	f2 := f
	f2.CustomerID, f2.ContactID, f2.ContactName = other.Customer.ID, other.Contacts[0].ID, other.Contacts[0].Name
	if r, err = command.Run(ctx, svc, command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: f2}); err != nil {
		t.Fatal(err)
	}
	check("after a move to another customer")
	if got := creationEntry(t, s, r.ID).(string); !audit.Refers(got) || !strings.Contains(got, `"华信科技有限公司"`) {
		t.Errorf("the customer's name it was created under is not pinned: %s", got)
	}
	// Pinning shares nothing: each change logged its own entry, not the
	// creation's again.
	if got := loggedAt(); got != created {
		t.Errorf("the creation entry was logged again as a change (%d, first %d)", got, created)
	}

	// It travels as it was written, and refers again where it lands.
	sent, err := s.SharedRows(ctx, []store.RowKey{{Table: "customers", ID: c.Customer.ID}, {Table: "customers", ID: other.Customer.ID},
		{Table: "contacts", ID: c.Contacts[0].ID}, {Table: "contacts", ID: other.Contacts[0].ID},
		{Table: "requests", ID: r.ID}, {Table: "audit_log", ID: creationKey}})
	if err != nil {
		t.Fatal(err)
	}
	if got := sent[len(sent)-1].Row["changes"]; got != text {
		t.Fatalf("the creation travels as %#v, want the text it was written with", got)
	}
	dst, _, _ := openStore(t)
	if err := applyChanges(dst, overTheWire(t, sent)); err != nil {
		t.Fatal(err)
	}
	if got, ok := creationEntry(t, dst, r.ID).(string); !ok || !audit.Refers(got) {
		t.Errorf("the creation that arrived is kept as %#v, want it referring", got)
	}
	if got, wantShown := shownCreation(t, dst, r.ID), shownCreation(t, s, r.ID); !sameJSON(got, wantShown) {
		t.Errorf("where it arrived the creation shows %+v, want %+v", got, wantShown)
	}

	// A request deleted by the team: its values are pinned first.
	gone := mustRequest(t, s, fields(c, "定制生产排程模块"))
	goneText, err := audit.Changes(nil, gone)
	if err != nil {
		t.Fatal(err)
	}
	if err := applyChanges(s, []store.Change{{Table: "requests", ID: gone.ID}}); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.QueryRow(ctx, `SELECT count(*) FROM requests WHERE id = ?`, gone.ID).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the request is still here (%d, %v)", n, err)
	}
	wantGone, _ := audit.Decode(goneText)
	if got := shownCreation(t, s, gone.ID); !sameJSON(got.Changes, wantGone) {
		t.Errorf("the creation of a request gone shows %+v, want %+v", got.Changes, wantGone)
	}
}

// sameJSON reports whether a and b read the same as JSON: what the
// frontend is given.
func sameJSON(a, b any) bool {
	aj, _ := json.Marshal(a)
	bj, _ := json.Marshal(b)
	return string(aj) == string(bj)
}

// TestAuditRefersUpgrade upgrades a team laptop of schema 40, whose
// requests' creation entries repeat the requests' values (packed), and
// checks that 0041 refers every one to its request, keeps the fields a
// request changed since, shows every history as before, notes nothing as
// changed for the team, and keeps the entries true through a later change.
func TestAuditRefersUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), 40)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.EnsureSettings(ctx, settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	for _, p := range testStaff {
		mustPerson(t, old, p)
	}
	c := mustCustomer(t, old, "华信科技有限公司")
	var reqs []request.Request
	for _, title := range []string{"咨询系统对接方案", "定制生产排程模块", "优化报表导出"} {
		reqs = append(reqs, mustRequest(t, old, fields(c, title)))
	}
	// As schema 40 wrote them: the whole text, packed.
	for _, r := range reqs {
		text, err := audit.Changes(nil, r)
		if err != nil {
			t.Fatal(err)
		}
		key := uuid.MustParse(r.ID)
		if err := old.Exec(ctx, `UPDATE audit_log SET changes = ? WHERE entity_id = ? AND action = 'create'`,
			audit.Storable(text), key[:]); err != nil {
			t.Fatal(err)
		}
	}
	if err := old.EnableChangeLog(ctx); err != nil {
		t.Fatal(err)
	}
	svc := command.New(old)
	f := fields(c, "咨询系统对接方案（改）")
	if _, err := command.Run(ctx, svc, command.UpdateRequest{ID: reqs[0].ID, Version: reqs[0].Version, Fields: f}); err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, svc, command.MoveRequest{ID: reqs[1].ID, Version: reqs[1].Version,
		Move: request.Move{Action: request.ActTriage, Department: "技术支持部"}}); err != nil {
		t.Fatal(err)
	}
	histories := map[string][]audit.Entry{}
	for _, r := range reqs {
		if histories[r.ID], err = old.History(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	var logged int
	if err := old.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&logged); err != nil {
		t.Fatal(err)
	}
	old.Close()

	s, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, r := range reqs {
		stored, ok := creationEntry(t, s, r.ID).(string)
		if !ok || !audit.Refers(stored) {
			t.Errorf("request %d: its creation is kept as %#v, want it referring", i, stored)
		}
		switch i {
		case 0:
			if !strings.Contains(stored, `"+fields.title":"咨询系统对接方案"`) {
				t.Errorf("the title the request was created with is not kept: %s", stored)
			}
		case 1:
			if !strings.Contains(stored, `"+status":"registered"`) {
				t.Errorf("the status the request was created with is not kept: %s", stored)
			}
		}
		got, err := s.History(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !sameJSON(got, histories[r.ID]) {
			t.Errorf("request %d: history after the upgrade\n%+v\nbefore\n%+v", i, got, histories[r.ID])
		}
	}
	var n int
	if err := s.QueryRow(ctx, `SELECT count(*) FROM sync_changes`).Scan(&n); err != nil || n != logged {
		t.Errorf("the upgrade noted %d rows as changed for the team (%v)", n-logged, err)
	}
	// The triggers keep them true from now on.
	d, err := s.Request(ctx, reqs[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	f = d.Request.Fields
	f.Title, f.Urgency = "优化报表导出功能", request.UrgencyUrgent
	if _, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: reqs[2].ID, Version: d.Request.Version, Fields: f}); err != nil {
		t.Fatal(err)
	}
	if got, want := shownCreation(t, s, reqs[2].ID), histories[reqs[2].ID][0]; !sameJSON(got, want) {
		t.Errorf("after an edit the creation shows %+v, want %+v", got, want)
	}
}

// TestAuditRefersImport checks that the creations an import writes, which
// it refers on a goroutine of its own from the values it writes
// (requestRefArgs), read back as they were written, for a customer there
// before and one the import made, and for texts Go and SQLite write
// differently; and that they stay so through a rename of the customer.
func TestAuditRefersImport(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	mustCustomer(t, s, "华信科技有限公司")
	// A customer merged away is still known by its name: a row naming it
	// goes to the one it became, under that one's name.
	gone, into := mustCustomer(t, s, "甲科技有限公司"), mustCustomer(t, s, "乙科技有限公司")
	if _, err := command.Run(ctx, command.New(s), command.MergeCustomer{From: gone.Customer.ID, Into: into.Customer.ID}); err != nil {
		t.Fatal(err)
	}
	cols := map[string]request.ImportColumn{}
	for i, f := range []string{request.ImportCustomerName, "type", "title", "urgency", "receivedAt", "description"} {
		cols[f] = request.ImportColumn{Letter: string(rune('A' + i)), Header: request.FieldLabel(f)}
	}
	sh := request.ImportSheet{Name: "登记表", HeaderRow: 1, Columns: cols}
	for i, row := range [][3]string{
		{"华信科技有限公司", "打印报错", "打印时提示“纸张错误”。"},
		{"东方<教育>股份有限公司", "导出 & 报表", "导出的表格\n缺少合计行\t\"急\""},
		{"东方<教育>股份有限公司", "数据迁移", "旧系统数据迁移\u2028到新系统"},
		{"甲科技有限公司", "报表导出", "导出的报表缺少合计行。"},
	} {
		sh.Rows = append(sh.Rows, request.ImportRow{Row: i + 2, CustomerName: row[0], Fields: request.Fields{
			Type: "技术咨询", Title: row[1], Description: row[2], Urgency: request.UrgencyNormal, ReceivedAt: now.Add(-time.Hour)}})
	}
	rep, err := command.Run(ctx, command.New(s), command.ImportRequests{Batch: request.ImportBatch{Sheets: []request.ImportSheet{sh}}})
	if err != nil || !rep.Applied || rep.Created != 4 {
		t.Fatalf("import = %+v, %v", rep, err)
	}
	page, err := s.ListRequests(ctx, request.Query{Limit: 10})
	if err != nil || len(page.Items) != 4 {
		t.Fatalf("requests = %+v, %v", page, err)
	}
	want := map[string][]audit.Change{}
	for _, it := range page.Items {
		d, err := s.Request(ctx, it.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Nothing changed since: the creation is the request as it is,
		// but for the customer's name the sheet gave.
		created := d.Request
		if created.Fields.CustomerID == into.Customer.ID {
			created.CustomerName = "甲科技有限公司"
		}
		text, err := audit.Changes(nil, created)
		if err != nil {
			t.Fatal(err)
		}
		if want[it.ID], err = audit.Decode(text); err != nil {
			t.Fatal(err)
		}
		if got := shownCreation(t, s, it.ID); !sameJSON(got.Changes, want[it.ID]) {
			t.Errorf("%s: the imported creation shows\n%+v\nwant\n%+v", it.Number, got.Changes, want[it.ID])
		}
		stored, ok := creationEntry(t, s, it.ID).(string)
		if !ok || !audit.Refers(stored) {
			t.Errorf("%s: the imported creation is kept as %#v, want it referring", it.Number, stored)
		}
		if strings.Contains(stored, "东方") != strings.Contains(d.Request.CustomerName, "东方") ||
			strings.Contains(stored, "甲科技") != (created.CustomerName == "甲科技有限公司") {
			t.Errorf("%s: a name Go and SQLite write alike is kept, or one they write differently is referred: %s", it.Number, stored)
		}
	}
	for _, name := range []string{"华信科技有限公司", "东方<教育>股份有限公司"} {
		cs, err := s.ListCustomers(ctx, customer.Query{Search: name, Limit: 10})
		if err != nil || len(cs.Items) != 1 {
			t.Fatalf("customer %s: %+v, %v", name, cs, err)
		}
		if _, err := command.Run(ctx, command.New(s), command.UpdateCustomer{ID: cs.Items[0].ID, Version: cs.Items[0].Version,
			Fields: customer.Fields{Name: name + "（新）"}}); err != nil {
			t.Fatal(err)
		}
	}
	for id, w := range want {
		if got := shownCreation(t, s, id); !sameJSON(got.Changes, w) {
			t.Errorf("after the renames the imported creation shows\n%+v\nwant\n%+v", got.Changes, w)
		}
	}
}

// TestAuditRefersDamaged checks that a creation entry that cannot be read
// stays as it is and as History shows it (without its changes), where it
// arrives and through the upgrade, without stopping the request's edits.
func TestAuditRefersDamaged(t *testing.T) {
	ctx := context.Background()
	src, _, _ := openStore(t)
	c := mustCustomer(t, src, "华信科技有限公司")
	r := mustRequest(t, src, fields(c, "咨询系统对接方案"))
	key := uuid.MustParse(r.ID)
	var creationKey string
	if err := src.QueryRow(ctx, `SELECT 'x:' || lower(hex(id)) FROM audit_log WHERE entity_id = ? AND action = 'create'`,
		key[:]).Scan(&creationKey); err != nil {
		t.Fatal(err)
	}
	sent, err := src.SharedRows(ctx, []store.RowKey{{Table: "customers", ID: c.Customer.ID},
		{Table: "contacts", ID: c.Contacts[0].ID}, {Table: "requests", ID: r.ID}, {Table: "audit_log", ID: creationKey}})
	if err != nil {
		t.Fatal(err)
	}
	arrived := overTheWire(t, sent)
	text := arrived[len(arrived)-1].Row["changes"].(string)
	damaged := strings.TrimSuffix(text, "}") + `,"+zzz":tru}`
	arrived[len(arrived)-1].Row["changes"] = damaged
	dst, _, _ := openStore(t)
	if err := applyChanges(dst, arrived); err != nil {
		t.Fatal(err)
	}
	kept := func() string {
		t.Helper()
		text, err := audit.Stored(creationEntry(t, dst, r.ID))
		if err != nil {
			t.Fatal(err)
		}
		return text
	}
	if got := kept(); got != damaged {
		t.Fatalf("the damaged entry is kept as %s, want it as it came", got)
	}
	if got := shownCreation(t, dst, r.ID); len(got.Changes) != 0 {
		t.Errorf("a damaged entry shows changes: %+v", got.Changes)
	}
	d, err := dst.Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := d.Request.Fields
	f.Title = "咨询系统对接方案（改）"
	if _, err := command.Run(ctx, command.New(dst), command.UpdateRequest{ID: r.ID, Version: d.Request.Version, Fields: f}); err != nil {
		t.Fatalf("an edit of the request beside a damaged entry: %v", err)
	}
	if got := kept(); got != damaged {
		t.Errorf("the edit changed the damaged entry: %s", got)
	}
}

// TestAuditRefTriggersMadeAgain checks that a start makes the triggers
// that keep the references true again when they are gone (a table made
// anew drops its triggers).
func TestAuditRefTriggersMadeAgain(t *testing.T) {
	ctx := context.Background()
	s, clk, path := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "咨询系统对接方案"))
	want := shownCreation(t, s, r.ID)
	for _, name := range []string{"audit_refs_request_update", "audit_refs_request_delete", "audit_refs_customer_name"} {
		if err := s.Exec(ctx, `DROP TRIGGER `+name); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s, err := store.Open(ctx, path, clk)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := s.Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := d.Request.Fields
	f.Title = "咨询系统对接方案（改）"
	if _, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r.ID, Version: d.Request.Version, Fields: f}); err != nil {
		t.Fatal(err)
	}
	if got := shownCreation(t, s, r.ID); !sameJSON(got, want) {
		t.Errorf("after an edit the creation shows %+v, want %+v", got.Changes, want.Changes)
	}
}
