package app_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/classify"
	"log/slog"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/app"
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	quality "github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/server"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/update"
	"github.com/reqdesk/reqdesk/internal/view"
)

// badCall is one bad value fed to a bound method: its arguments (nil for a
// nil pointer) and the field the refusal must name ("" when the refusal is
// about the call as a whole: an unknown id, a file that is not one).
type badCall struct {
	name  string
	args  []any
	field string
}

// world is a database with something of everything a write can touch: a
// customer, a request under plan review with records, a document, people,
// policies and word lists.
type world struct {
	st       *store.Store
	path     string
	bindings []any
	customer customer.Detail
	req      request.Request
	plan     request.Record
	comm     request.Record
	// complaint is registered against req, not yet taken up.
	complaint request.Record
	doc       document.Document
	policy    sla.Policy
	typeItem  string
	typeVer   int64
	person    people.Person
	// A weekly check 陈静 drew: one record unscored, one failed with its
	// open 整改 item.
	checkItem store.CheckItem
	rect      quality.Rectification
	script    quality.Script
}

// received is when the world's request came in; the clock stands two days
// later.
var received = time.Date(2024, 3, 18, 10, 0, 0, 0, time.Local)

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	w := &world{path: filepath.Join(t.TempDir(), "reqdesk.db")}
	st, err := store.Open(ctx, w.path, clock.NewFixed(received.Add(48*time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	w.st = st
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.EnsureSettings(ctx, settings.Defaults("王强")))
	for _, p := range []people.Fields{
		{Name: "王强", Department: "客服部", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner, request.RolePlanLead, request.RoleReviewer}, Active: true},
		{Name: "陈静", Department: "技术支持部", Roles: []request.Role{request.RoleOwner, request.RoleReviewer}, Active: true},
		{Name: "赵磊", Department: "技术支持部", Roles: []request.Role{request.RoleOwner}, Active: true},
		{Name: "刘洋", Department: "技术支持部", Roles: []request.Role{request.RoleReviewer}, Active: false},
	} {
		list, err := st.People(ctx)
		must(err)
		id, v := "", int64(0)
		for _, x := range list {
			if x.Name == p.Name {
				id, v = x.ID, x.Version
			}
		}
		w.person, err = command.Run(ctx, command.New(st), command.SavePerson{ID: id, Version: v, Fields: p})
		must(err)
	}
	w.customer, err = command.Run(ctx, command.New(st), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	must(err)
	w.req, err = command.Run(ctx, command.New(st), command.CreateRequest{Fields: request.Fields{CustomerID: w.customer.Customer.ID, ContactID: w.customer.Contacts[0].ID,
		Channel: "电话", Type: "方案定制", Urgency: request.UrgencyImportant, Title: "定制生产排程模块",
		ReceivedAt: received, ReceivedBy: "王强"}})
	must(err)
	move := func(m request.Move) {
		t.Helper()
		w.req, err = command.Run(ctx, command.New(st), command.MoveRequest{ID: w.req.ID, Version: w.req.Version, Move: m})
		must(err)
	}
	add := func(kind request.RecordKind, parent string, body any) request.Record {
		t.Helper()
		raw, _ := json.Marshal(body)
		rec, err := command.Run(ctx, command.New(st), command.SaveRecord{Input: request.RecordInput{RequestID: w.req.ID, Kind: kind, ParentID: parent, Body: raw}})
		must(err)
		return rec
	}
	move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
	move(request.Move{Action: request.ActAssign, Owner: "陈静"})
	move(request.Move{Action: request.ActStart})
	w.comm = add(request.KindCommunication, "", request.Communication{At: received.Add(time.Hour), Channel: "电话", With: "张伟", Summary: "确认范围"})
	add(request.KindAnalysis, "", request.Analysis{NoBreakdown: true, CoreNeeds: "排程自动化", ExpectedDelivery: "2024-06-30",
		SignedBy: "张伟", SignedOn: "2024-03-19"})
	move(request.Move{Action: request.ActAskAnalysisOK})
	move(request.Move{Action: request.ActAnalysisOK})
	w.plan = add(request.KindPlan, "", request.Plan{Goals: "g", Content: "c", Deliverables: "d", AcceptanceCriteria: "a",
		RequiredReviews: []string{"技术支持部"}})
	move(request.Move{Action: request.ActSubmitReview})
	w.doc, err = command.Run(ctx, command.New(st), command.GenerateDocument{RequestID: w.req.ID, Type: document.TypeAnalysisLetter})
	must(err)
	w.complaint, err = command.Run(ctx, command.New(st), command.RegisterComplaint{RequestID: w.req.ID, Input: request.ComplaintInput{
		ReceivedAt: received.Add(24 * time.Hour), Complainant: "张伟", Cause: "timeliness", Content: "方案迟迟未出"}})
	must(err)
	ps, err := st.Policies(ctx)
	must(err)
	w.policy = ps[0]
	lists, err := st.Vocabularies(ctx)
	must(err)
	w.typeItem, w.typeVer = lists.Types[0].ID, lists.Types[0].Version
	var logs bytes.Buffer
	chen, zhao := audit.WithActor(ctx, "陈静"), audit.WithActor(ctx, "赵磊")
	raw, _ := json.Marshal(request.Communication{At: received.Add(2 * time.Hour), Channel: "电话", With: "张伟", Summary: "约定回访"})
	_, err = command.Run(chen, command.New(st), command.SaveRecord{Input: request.RecordInput{RequestID: w.req.ID, Kind: request.KindCommunication, Body: raw}})
	must(err)
	w.script, err = command.Run(ctx, command.New(st), command.SaveScript{Input: quality.ScriptInput{Topic: "greeting", Title: "问候", Body: "{联系人}您好", Active: true}})
	must(err)
	chk, err := command.Run(zhao, command.New(st), command.DrawCheck{Week: quality.WeekKey(received)})
	must(err)
	if len(chk.Items) != 2 {
		t.Fatalf("check sample %d, want both records", len(chk.Items))
	}
	mine, other := chk.Items[0], chk.Items[1]
	if mine.Agent != "王强" {
		mine, other = other, mine
	}
	low := map[string]int{"chk-greeting": 1, "chk-timely": 1, "chk-complete": 1, "chk-correct": 1, "chk-tone": 1, "chk-confirm": 1}
	failed, err := command.Run(zhao, command.New(st), command.ScoreCheckItem{ID: mine.ID, Version: mine.Version, Scores: low,
		Rect: command.RectInput{Owner: "王强", Due: "2024-03-25", Problem: "未问候"}})
	must(err)
	w.rect, w.checkItem = *failed.Rect, other
	// An updater of a release with a key, whose address is not set yet.
	pub, _, _ := ed25519.GenerateKey(nil)
	up := update.New(update.Config{Dir: t.TempDir(), Exe: filepath.Join(t.TempDir(), "reqdesk"), Version: "1.0.0", Key: pub})
	w.bindings = app.Bindings(app.Deps{Store: st, Log: slog.New(slog.NewTextHandler(&logs, nil)), Version: "test", Update: up})
	return w
}

// digest sums every row of every table, read through a connection of its
// own, so that any write at all changes it.
func digest(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	h := sha256.New()
	for _, table := range tables {
		rs, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			continue // a virtual table's shadow that cannot be read alone
		}
		cols, _ := rs.Columns()
		var lines []string
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rs.Close()
		sort.Strings(lines)
		fmt.Fprintf(h, "%s %d\n%s\n", table, len(lines), strings.Join(lines, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// cases lists bad values for every bound method that writes. The values are
// those of issue 15's list (a record dated ahead or in 2099, a follow-up in
// year 1, control characters in labels and comments, an unknown urgency or
// type, text damaged in decoding) and issue 14's (people not on the list, a
// review by someone not of the department), and more of the same kind.
func (w *world) cases() map[string][]badCall {
	comm := func(c request.Communication) request.RecordInput {
		raw, _ := json.Marshal(c)
		return request.RecordInput{RequestID: w.req.ID, Kind: request.KindCommunication, Body: raw}
	}
	review := func(r request.Review) request.RecordInput {
		raw, _ := json.Marshal(r)
		return request.RecordInput{RequestID: w.req.ID, Kind: request.KindReview, ParentID: w.plan.ID, Body: raw}
	}
	rec := func(kind request.RecordKind, body any) request.RecordInput {
		raw, _ := json.Marshal(body)
		return request.RecordInput{RequestID: w.req.ID, Kind: kind, Body: raw}
	}
	complaint := func(edit func(*request.ComplaintInput)) request.ComplaintInput {
		c := request.ComplaintInput{ReceivedAt: received.Add(time.Hour), Complainant: "张伟", Cause: "attitude", Content: "态度生硬"}
		if edit != nil {
			edit(&c)
		}
		return c
	}
	channels := func(edit func(*sla.ChannelLimits)) sla.ChannelLimits {
		c := sla.DefaultChannelLimits()
		edit(&c)
		return c
	}
	fields := func(edit func(*request.Fields)) request.Fields {
		f := w.req.Fields
		edit(&f)
		return f
	}
	set := func(edit func(*settings.Settings)) settings.Settings {
		s := settings.Defaults("王强")
		edit(&s)
		return s
	}
	policy := func(edit func(*sla.Policy)) sla.Policy {
		p := w.policy
		p.ID, p.Version = "", 0
		edit(&p)
		return p
	}
	person := func(name string) people.Fields {
		return people.Fields{Name: name, Active: true}
	}
	at := func(s string) time.Time {
		t, _ := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
		return t
	}
	hold := func(m request.Move) request.Move {
		if m.Action == "" {
			m.Action = request.ActHold
		}
		if m.Reason == "" {
			m.Reason = "缺少硬件"
		}
		return m
	}
	v := w.req.Version
	return map[string][]badCall{
		"SettingsApp.Save": {
			{"NulInProfile", []any{set(func(s *settings.Settings) { s.ProfileName = "王强\x00" })}, "profileName"},
			{"NewlineInCompany", []any{set(func(s *settings.Settings) { s.CompanyName = "华信\n科技" })}, "companyName"},
			{"ReplacementChar", []any{set(func(s *settings.Settings) { s.Supervisor = "王\ufffd" })}, "supervisor"},
			{"UnknownTimeZone", []any{set(func(s *settings.Settings) { s.TimeZone = "Asia/Beijing" })}, "timeZone"},
		},
		"SettingsApp.AddVocabItem": {
			{"Nul", []any{"type", "a\x00"}, "label"},
			{"Tab", []any{"type", "a\tb"}, "label"},
			{"ReplacementChar", []any{"channel", "\ufffd"}, "label"},
			{"UnknownKind", []any{"colour", "红"}, "kind"},
		},
		"SettingsApp.UpdateVocabItem": {
			{"Escape", []any{w.typeItem, w.typeVer, "\x1b[31m咨询", true}, "label"},
			{"Unknown", []any{"no-such-item", int64(1), "咨询", true}, ""},
		},
		"SettingsApp.ReorderVocab": {
			{"UnknownKind", []any{"colour", []string{w.typeItem}}, ""},
			{"UnknownItem", []any{"type", []string{"no-such-item"}}, ""},
		},
		"SettingsApp.SetTypePath": {
			{"UnknownPath", []any{w.typeItem, w.typeVer, "sideways"}, "defaultPath"},
		},
		"SettingsApp.SavePerson": {
			{"NulInName", []any{"", int64(0), person("李\x00娜")}, "name"},
			{"NewlineInDepartment", []any{"", int64(0), people.Fields{Name: "李娜", Department: "客服\n部"}}, "department"},
			{"ReplacementChar", []any{"", int64(0), person("李\ufffd")}, "name"},
			{"UnknownRole", []any{"", int64(0), people.Fields{Name: "李娜", Roles: []request.Role{"emperor"}}}, "roles"},
		},
		"SettingsApp.SetCompanyLogo": {
			{"NotAPicture", []any{[]byte("GIF89a not really")}, ""},
			{"Nothing", []any{[]byte(nil)}, ""},
		},
		"CustomersApp.Create": {
			{"NulInName", []any{customer.Input{Fields: customer.Fields{Name: "远景\x00"}}}, "name"},
			{"ReplacementChar", []any{customer.Input{Fields: customer.Fields{Name: "远景\ufffd"}}}, "name"},
			{"ControlInContact", []any{customer.Input{Fields: customer.Fields{Name: "远景"},
				Contacts: []customer.ContactFields{{Name: "王\x01芳"}}}}, "contacts.0.name"},
		},
		"CustomersApp.Update": {
			{"DeleteInName", []any{w.customer.Customer.ID, w.customer.Customer.Version, customer.Fields{Name: "华信\x7f科技"}}, "name"},
			{"NewlineInIndustry", []any{w.customer.Customer.ID, w.customer.Customer.Version, customer.Fields{Name: "华信", Industry: "信息\n技术"}}, "industry"},
		},
		"CustomersApp.Merge": {
			{"IntoItself", []any{w.customer.Customer.ID, w.customer.Customer.ID}, ""},
			{"UnknownFrom", []any{"no-such-customer", w.customer.Customer.ID}, ""},
			{"UnknownInto", []any{w.customer.Customer.ID, "no-such-customer"}, ""},
			{"Nothing", []any{"", ""}, ""},
		},
		"CustomersApp.DismissDuplicate": {
			{"NotFlagged", []any{w.customer.Customer.ID, w.customer.Customer.ID}, ""},
			{"Unknown", []any{w.customer.Customer.ID, "no-such-customer"}, ""},
		},
		"CustomersApp.AddContact": {
			{"NulInName", []any{w.customer.Customer.ID, customer.ContactFields{Name: "王\x00"}}, "name"},
		},
		"CustomersApp.UpdateContact": {
			{"C1Control", []any{w.customer.Contacts[0].ID, w.customer.Contacts[0].Version, customer.ContactFields{Name: "张伟", Title: "经理\x01"}}, "title"},
		},
		"RequestsApp.Create": {
			{"UnknownReceiver", []any{fields(func(f *request.Fields) { f.ReceivedBy = "路人甲" })}, "receivedBy"},
			{"UnknownOwner", []any{fields(func(f *request.Fields) { f.Owner = "路人甲" })}, "owner"},
			{"RetiredOwner", []any{fields(func(f *request.Fields) { f.Owner = "刘洋" })}, "owner"},
			{"ReceivedIn2099", []any{fields(func(f *request.Fields) { f.ReceivedAt = at("2099-01-01 10:00") })}, "receivedAt"},
			{"NulInDescription", []any{fields(func(f *request.Fields) { f.Description = "接口\x00" })}, "description"},
			{"NewlineInProduct", []any{fields(func(f *request.Fields) { f.Product = "ERP\n系统" })}, "product"},
			{"ReplacementChar", []any{fields(func(f *request.Fields) { f.Title = "排程\ufffd" })}, "title"},
		},
		"RequestsApp.Update": {
			{"UnknownOwner", []any{w.req.ID, v, fields(func(f *request.Fields) { f.Owner = "路人甲" })}, "owner"},
			{"UnknownReceiver", []any{w.req.ID, v, fields(func(f *request.Fields) { f.ReceivedBy = "路人甲" })}, "receivedBy"},
			{"EscapeInScene", []any{w.req.ID, v, fields(func(f *request.Fields) { f.Scene = "\x1b[2J" })}, "scene"},
		},
		"RequestsApp.SaveDraft": {
			{"NotJSON", []any{"{not json"}, "body"},
			{"ReplacementChar", []any{`{"title":"排程` + "\ufffd" + `"}`}, "body"},
		},
		"RequestsApp.Bulk": {
			{"NoSelection", []any{command.Bulk{Kind: command.BulkAssign, Move: request.Move{Owner: "李娜"}}}, "ids"},
			{"UnknownKind", []any{command.Bulk{IDs: []string{w.req.ID}, Kind: "delete"}}, "kind"},
			{"NoOwner", []any{command.Bulk{IDs: []string{w.req.ID}, Kind: command.BulkAssign}}, "owner"},
			{"UnknownUrgency", []any{command.Bulk{IDs: []string{w.req.ID}, Kind: command.BulkUrgency, Urgency: "很急"}}, "urgency"},
		},
		"RequestsApp.ResolveOnCall": {
			{"NoResult", []any{fields(func(*request.Fields) {}), onCall(func(o *request.OnCall) { o.Result = "" })}, "result"},
			{"Unsolved", []any{fields(func(*request.Fields) {}), onCall(func(o *request.OnCall) { o.Solved = false })}, "solved"},
			{"NoScore", []any{fields(func(*request.Fields) {}), onCall(func(o *request.OnCall) { o.Overall = 0 })}, "overall"},
			{"UnknownReceiver", []any{fields(func(f *request.Fields) { f.ReceivedBy = "路人甲" }), onCall(func(*request.OnCall) {})}, "receivedBy"},
		},
		"RequestsApp.Move": {
			{"FollowUpYear1", []any{w.req.ID, v, hold(request.Move{FollowUp: at("0001-01-02 00:00")})}, "followUp"},
			{"FollowUpPast", []any{w.req.ID, v, hold(request.Move{FollowUp: at("2024-03-01 00:00")})}, "followUp"},
			{"FollowUp2199", []any{w.req.ID, v, hold(request.Move{FollowUp: at("2199-01-01 00:00")})}, "followUp"},
			{"NulInComment", []any{w.req.ID, v, request.Move{Action: request.ActRevisePlan, Comment: "压缩成本\x00"}}, "comment"},
			{"ReplacementCharInReason", []any{w.req.ID, v, request.Move{Action: request.ActCancel, Reason: "客户撤回\ufffd"}}, "reason"},
			{"UnknownOwner", []any{w.req.ID, v, request.Move{Action: request.ActAssign, Owner: "路人甲"}}, "owner"},
			{"Stale", []any{w.req.ID, v - 1, request.Move{Action: request.ActRevisePlan, Comment: "x"}}, ""},
		},
		"RequestsApp.SaveRecord": {
			{"CommunicationTomorrow", []any{comm(request.Communication{At: at("2024-03-21 10:00"), Summary: "回电"})}, "at"},
			{"Communication2099", []any{comm(request.Communication{At: at("2099-03-18 10:00"), Summary: "回电"})}, "at"},
			{"CommunicationBeforeReceipt", []any{comm(request.Communication{At: at("2024-03-01 10:00"), Summary: "回电"})}, "at"},
			{"NewlineInWith", []any{comm(request.Communication{At: received, With: "张\n伟", Summary: "回电"})}, "with"},
			{"NulInSummary", []any{comm(request.Communication{At: received, Summary: "回电\x00"})}, "summary"},
			{"ProgressTomorrow", []any{rec(request.KindProgress, request.Progress{Type: "update", On: "2024-03-21", Summary: "进展"})}, "on"},
			{"FeedbackIn2099", []any{rec(request.KindFeedback, request.Feedback{Reason: "未接", On: "2099-01-01"})}, "on"},
			{"TaskDueYear1", []any{rec(request.KindTask, request.Task{Title: "开发", Owner: "陈静", Due: "0001-01-02"})}, "due"},
			{"ReviewOtherDepartment", []any{review(request.Review{Department: "技术支持部", Reviewer: "王强", Result: "pass", On: "2024-03-20"})}, "reviewer"},
			{"ReviewWithoutRole", []any{review(request.Review{Department: "技术支持部", Reviewer: "赵磊", Result: "pass", On: "2024-03-20", OnBehalf: true})}, "reviewer"},
			{"ReviewUnknownPerson", []any{review(request.Review{Department: "技术支持部", Reviewer: "路人甲", Result: "pass", On: "2024-03-20"})}, "reviewer"},
			{"ReviewRetiredPerson", []any{review(request.Review{Department: "技术支持部", Reviewer: "刘洋", Result: "pass", On: "2024-03-20", OnBehalf: true})}, "reviewer"},
			{"ReviewForSomeoneElse", []any{review(request.Review{Department: "技术支持部", Reviewer: "陈静", Result: "pass", On: "2024-03-20"})}, "onBehalf"},
			{"UnknownKind", []any{request.RecordInput{RequestID: w.req.ID, Kind: "diary", Body: json.RawMessage(`{}`)}}, ""},
			{"CallWaitNegative", []any{comm(request.Communication{At: received, Summary: "来电", WaitSeconds: ptr(-1)})}, "waitSeconds"},
			{"CallWaitDay", []any{comm(request.Communication{At: received, Summary: "来电", WaitSeconds: ptr(86400)})}, "waitSeconds"},
			{"HandoverTomorrow", []any{rec(request.KindHandover, request.Handover{At: at("2024-03-21 10:00"), Department: "技术支持部"})}, "at"},
			{"HandoverNoDepartment", []any{rec(request.KindHandover, request.Handover{At: received})}, "department"},
			{"ComplaintAsRecord", []any{rec(request.KindComplaint, request.Complaint{Content: "x"})}, ""},
		},
		"RequestsApp.RegisterComplaint": {
			{"UnknownRequest", []any{"no-such", complaint(nil)}, ""},
			{"Tomorrow", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.ReceivedAt = at("2024-03-21 10:00") })}, "receivedAt"},
			{"BeforeReceipt", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.ReceivedAt = at("2024-03-01 10:00") })}, "receivedAt"},
			{"NoTime", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.ReceivedAt = time.Time{} })}, "receivedAt"},
			{"UnknownCause", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.Cause = "weather" })}, "cause"},
			{"NoContent", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.Content = "  " })}, "content"},
			{"NulInContent", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.Content = "太慢\x00" })}, "content"},
			{"NewlineInComplainant", []any{w.req.ID, complaint(func(c *request.ComplaintInput) { c.Complainant = "张\n伟" })}, "complainant"},
		},
		"RequestsApp.AssessValue": {
			{"UnknownRequest", []any{"no-such", request.ValueInput{Quarter: "2024Q1"}}, ""},
			{"NotHighValue", []any{w.req.ID, request.ValueInput{Quarter: "2024Q1"}}, ""},
		},
		"RequestsApp.Link": {
			{"UnknownRequest", []any{"no-such", request.LinkInput{Kind: request.LinkRelated, To: w.req.Number}}, ""},
			{"NoTarget", []any{w.req.ID, request.LinkInput{Kind: request.LinkRelated}}, "to"},
			{"UnknownTarget", []any{w.req.ID, request.LinkInput{Kind: request.LinkRelated, To: "XR-1999-999"}}, "to"},
			{"Self", []any{w.req.ID, request.LinkInput{Kind: request.LinkFollows, To: w.req.Number}}, "to"},
			{"DuplicateByLink", []any{w.req.ID, request.LinkInput{Kind: request.LinkDuplicate, To: w.req.Number}}, "kind"},
			{"UnknownKind", []any{w.req.ID, request.LinkInput{Kind: "cousin", To: w.req.Number}}, "kind"},
			{"NewlineInNote", []any{w.req.ID, request.LinkInput{Kind: request.LinkRelated, To: w.req.Number, Note: "a\nb"}}, "note"},
		},
		"RequestsApp.Unlink":   {{"Unknown", []any{w.req.ID, "no-such"}, ""}},
		"RequestsApp.FollowUp": {{"NotFeedback", []any{w.req.ID, w.comm.ID}, ""}, {"Unknown", []any{w.req.ID, "no-such"}, ""}},
		"RequestsApp.SaveMyView": {
			{"NoName", []any{"", int64(0), view.Input{Name: " ", Columns: []string{"number"}}}, "name"},
			{"NewlineInName", []any{"", int64(0), view.Input{Name: "紧急\n队列", Columns: []string{"number"}}}, "name"},
			{"NoColumns", []any{"", int64(0), view.Input{Name: "紧急"}}, "columns"},
			{"UnknownColumn", []any{"", int64(0), view.Input{Name: "紧急", Columns: []string{"salary"}}}, "columns"},
			{"UnknownSort", []any{"", int64(0), view.Input{Name: "紧急", Columns: []string{"number"}, Query: request.Query{Sort: "mood"}}}, "sort"},
			{"UnknownStatus", []any{"", int64(0), view.Input{Name: "紧急", Columns: []string{"number"}, Query: request.Query{Statuses: []request.Status{"lost"}}}}, "statuses"},
			{"UnknownView", []any{"no-such", int64(1), view.Input{Name: "紧急", Columns: []string{"number"}}}, ""},
		},
		"RequestsApp.SaveTeamView": {
			{"NoName", []any{"", int64(0), view.Input{Name: "", Columns: []string{"number"}}}, "name"},
			{"UnknownColumn", []any{"", int64(0), view.Input{Name: "紧急", Columns: []string{"salary"}}}, "columns"},
			{"UnknownView", []any{"no-such", int64(1), view.Input{Name: "紧急", Columns: []string{"number"}}}, ""},
		},
		"RequestsApp.DeleteMyView":   {{"Unknown", []any{"no-such"}, ""}},
		"RequestsApp.DeleteTeamView": {{"Unknown", []any{"no-such"}, ""}},
		"RequestsApp.StepComplaint": {
			{"UnknownComplaint", []any{"no-such", int64(1), request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}}, ""},
			{"NotAComplaint", []any{w.comm.ID, w.comm.Version, request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}}, ""},
			{"Stale", []any{w.complaint.ID, w.complaint.Version + 1, request.ComplaintAccept, request.ComplaintInput{Investigator: "王强"}}, ""},
			{"UnknownAction", []any{w.complaint.ID, w.complaint.Version, "forget", request.ComplaintInput{}}, ""},
			{"AnswerBeforeTakenUp", []any{w.complaint.ID, w.complaint.Version, request.ComplaintAnswer, request.ComplaintInput{
				Findings: "f", Responsible: "赵磊", Measures: "m", Answer: "a"}}, ""},
			{"UnknownInvestigator", []any{w.complaint.ID, w.complaint.Version, request.ComplaintAccept, request.ComplaintInput{Investigator: "路人甲"}}, "investigator"},
			{"RetiredInvestigator", []any{w.complaint.ID, w.complaint.Version, request.ComplaintAccept, request.ComplaintInput{Investigator: "刘洋"}}, "investigator"},
			{"NoInvestigator", []any{w.complaint.ID, w.complaint.Version, request.ComplaintAccept, request.ComplaintInput{}}, "investigator"},
		},
		"TimeLimitsApp.SaveChannelLimits": {
			{"UnknownChannel", []any{channels(func(c *sla.ChannelLimits) { c.Respond[0].Channel = "飞鸽传书" })}, "respond.0.channel"},
			{"ChannelTwice", []any{channels(func(c *sla.ChannelLimits) { c.Respond[1].Channel = c.Respond[0].Channel })}, "respond.1.channel"},
			{"PhoneNegative", []any{channels(func(c *sla.ChannelLimits) { c.PhoneAnswer.Amount = -15 })}, "phoneAnswer.amount"},
			{"HandoverUnknownUnit", []any{channels(func(c *sla.ChannelLimits) { c.Handover.Unit = "weeks" })}, "handover.unit"},
			{"ComplaintUnknownClock", []any{channels(func(c *sla.ChannelLimits) { c.ComplaintAnswer.Clock = "lunar" })}, "complaintAnswer.clock"},
			{"UnknownDepartment", []any{channels(func(c *sla.ChannelLimits) { c.ServiceDepartment = "不存在部" })}, "serviceDepartment"},
		},
		"RequestsApp.DeleteRecord": {
			{"Stale", []any{w.comm.ID, w.comm.Version + 1}, ""},
			{"Unknown", []any{"no-such-record", int64(1)}, ""},
		},
		"TimeLimitsApp.SavePolicy": {
			{"UrgencyWhenever", []any{policy(func(p *sla.Policy) { p.Urgency = "whenever" })}, "urgency"},
			{"UnknownType", []any{policy(func(p *sla.Policy) { p.Type = "不存在的类型" })}, "type"},
			{"UnknownChannel", []any{policy(func(p *sla.Policy) { p.Channel = "飞鸽\x00" })}, "channel"},
			{"BadUnit", []any{policy(func(p *sla.Policy) { p.Type = "咨询"; p.Resolve.Unit = "weeks" })}, "resolve.unit"},
		},
		"TimeLimitsApp.DeletePolicy": {
			{"Unknown", []any{"no-such-policy", int64(1)}, ""},
			{"GeneralPolicy", []any{w.policy.ID, w.policy.Version}, ""},
		},
		"TimeLimitsApp.SaveSettings": {
			{"DueSoonOver100", []any{store.SLASettings{Hours: sla.DefaultHours(), DueSoonPercent: 250}}, "dueSoonPercent"},
		},
		"TimeLimitsApp.ImportSchedule": {
			{"NotJSON", []any{"{"}, ""},
			{"NulInHolidayName", []any{`{"year":2027,"sources":[{"title":"国务院办公厅通知"}],"holidays":[{"name":"元旦\u0000","from":"2027-01-01","to":"2027-01-01"}]}`}, "holidays.0.name"},
		},
		"DocumentsApp.Generate": {
			{"UnknownType", []any{w.req.ID, document.Type("diary")}, ""},
			{"UnknownRequest", []any{"no-such-request", document.TypeRegistration}, ""},
		},
		"DocumentsApp.GenerateList": {
			{"UnknownStatus", []any{request.Query{Statuses: []request.Status{"dreaming"}}}, ""},
		},
		"DocumentsApp.Sign": {
			{"NulInSigner", []any{w.doc.ID, w.doc.RowVersion, document.SignInput{Role: document.RoleCustomer, Signer: "张\x00", PNG: []byte("x")}}, "signer"},
			{"UnknownRole", []any{w.doc.ID, w.doc.RowVersion, document.SignInput{Role: "emperor", Signer: "张伟"}}, ""},
		},
		"DocumentsApp.MarkSignedOnPaper": {
			{"ScanNotAPicture", []any{w.doc.ID, w.doc.RowVersion, &document.AttachmentInput{FileName: "scan.png", Bytes: []byte("not a picture")}}, "bytes"},
			{"Stale", []any{w.doc.ID, w.doc.RowVersion + 1, nil}, ""},
		},
		"DocumentsApp.AttachScan": {
			{"NoName", []any{w.doc.ID, document.AttachmentInput{FileName: " ", Bytes: []byte("%PDF-1.4\n%%EOF")}}, "fileName"},
			{"Empty", []any{w.doc.ID, document.AttachmentInput{FileName: "scan.pdf"}}, "bytes"},
		},
		"RequestsApp.AddAttachment": {
			{"RenamedExe", []any{w.req.ID, attachment.Input{FileName: "截图.png", Bytes: []byte("MZ\x90\x00\x03\x00\x00\x00")}}, "bytes"},
			{"UnknownBinary", []any{w.req.ID, attachment.Input{FileName: "a.txt", Bytes: []byte{0, 1, 2, 0xff}}}, "bytes"},
			{"NoName", []any{w.req.ID, attachment.Input{FileName: " ", Bytes: []byte("%PDF-1.4")}}, "fileName"},
			{"NoteTwoLines", []any{w.req.ID, attachment.Input{FileName: "a.pdf", Note: "a\nb", Bytes: []byte("%PDF-1.4")}}, "note"},
			{"NoRequest", []any{"no-such-request", attachment.Input{FileName: "a.pdf", Bytes: []byte("%PDF-1.4")}}, ""},
		},
		"RequestsApp.RemoveAttachment": {{"Unknown", []any{"no-such-attachment", int64(1)}, ""}},
		"SettingsApp.SaveClassification": {
			{"UnknownType", []any{classify.Input{Type: "不存在的类型", Category: "产品类", Department: "客服部", Urgency: request.UrgencyNormal}}, "type"},
			{"DuplicateType", []any{classify.Input{Type: "咨询", Category: "产品类", Department: "客服部", Urgency: request.UrgencyNormal}}, "type"},
			{"BadUrgency", []any{classify.Input{Type: "其他", Category: "产品类", Department: "客服部", Urgency: "高"}}, "urgency"},
			{"Stale", []any{classify.Input{ID: "seed-class-01", Version: 99, Type: "咨询", Category: "产品类", Department: "客服部", Urgency: request.UrgencyNormal}}, ""},
			{"Unknown", []any{classify.Input{ID: "no-such-line", Version: 1, Type: "咨询", Category: "产品类", Department: "客服部", Urgency: request.UrgencyNormal}}, ""},
		},
		"SettingsApp.DeleteClassification": {{"Unknown", []any{"no-such-line", int64(1)}, ""}, {"Stale", []any{"seed-class-01", int64(99)}, ""}},
		"ExcelApp.StartExport":             {{"UnknownKind", []any{"diary", request.Query{}}, ""}},
		"ExcelApp.CancelExport":            {{"Unknown", []any{"no-such-export"}, ""}},
		"ExcelApp.SaveExport":              {{"NoWindow", []any{"no-such-export"}, ""}},
		"ExcelApp.DryRun":                  {{"NotAWorkbook", []any{[]byte("not a workbook")}, ""}},
		"ExcelApp.Import":                  {{"NotAWorkbook", []any{[]byte("not a workbook")}, ""}},
		"DataApp.UploadBackup": {
			{"NotABackup", []any{"", "../../etc/passwd", int64(0), []byte("not a database"), true}, ""},
			{"UnknownUpload", []any{"no-such-upload", "x.db", int64(5), []byte("x"), false}, ""},
		},
		"DataApp.StageRestore":   {{"PathOutside", []any{"../reqdesk.db", ""}, ""}},
		"DataApp.InspectBackup":  {{"PathOutside", []any{"../reqdesk.db", ""}, ""}},
		"DataApp.DownloadBackup": {{"ShortPassphrase", []any{"abc"}, ""}},
		"DataApp.BackupToFolder": {{"NoWindow", []any{""}, ""}},
		"SystemApp.SaveFile":     {{"NoWindow", []any{"../../etc/passwd", []byte("x")}, ""}},
		"SystemApp.OpenFile":     {{"NoWindow", []any{"../../etc/passwd", []byte("x")}, ""}},
		"CommApp.SaveScript": {
			{"UnknownField", []any{quality.ScriptInput{Topic: "greeting", Title: "问候", Body: "{联系人}您好，{订单号}"}}, "body"},
			{"NoBody", []any{quality.ScriptInput{Topic: "greeting", Title: "问候"}}, "body"},
			{"UnknownChannel", []any{quality.ScriptInput{Channel: "飞鸽", Topic: "greeting", Title: "问候", Body: "您好"}}, "channel"},
			{"NewlineInTitle", []any{quality.ScriptInput{Topic: "greeting", Title: "问\n候", Body: "您好"}}, "title"},
			{"ChangeWithoutNote", []any{quality.ScriptInput{ID: w.script.ID, Version: w.script.Version, Topic: "greeting", Title: "问候", Body: "您好"}}, "note"},
			{"Unchanged", []any{quality.ScriptInput{ID: w.script.ID, Version: w.script.Version, Topic: "greeting", Title: "问候", Body: "{联系人}您好", Active: true, Note: "复盘"}}, ""},
			{"Stale", []any{quality.ScriptInput{ID: w.script.ID, Version: 99, Topic: "greeting", Title: "问候", Body: "您好", Note: "x"}}, ""},
		},
		"CommApp.SaveCheckConfig": {
			{"SizeZero", []any{quality.Config{SampleSize: 0, PassPercent: 80, Version: 1}}, "sampleSize"},
			{"UnknownChannel", []any{quality.Config{SampleSize: 3, ChannelSizes: map[string]int{"飞鸽": 2}, PassPercent: 80, Version: 1}}, "channelSizes"},
			{"PassAbove100", []any{quality.Config{SampleSize: 3, PassPercent: 101, Version: 1}}, "passPercent"},
		},
		"CommApp.SaveChecklistItem": {
			{"NoLabel", []any{quality.ChecklistItem{MaxScore: 5, Active: true}}, "label"},
			{"MaxZero", []any{quality.ChecklistItem{Label: "礼貌", MaxScore: 0, Active: true}}, "maxScore"},
			{"SameLabel", []any{quality.ChecklistItem{Label: "语气友好", MaxScore: 5, Active: true}}, "label"},
			{"Unknown", []any{quality.ChecklistItem{ID: "nope", Label: "x", MaxScore: 5, Active: true}}, ""},
		},
		"CommApp.DrawCheck": {
			{"BadWeek", []any{"2024-W99", ""}, "week"},
			{"BadSeed", []any{"2024-W12", "abc"}, "seed"},
			{"Future", []any{"2099-W01", ""}, "week"},
			{"NoRecords", []any{"2024-W01", ""}, ""},
		},
		"CommApp.ScoreCheckItem": {
			{"AboveMax", []any{w.checkItem.ID, w.checkItem.Version, map[string]int{"chk-greeting": 9, "chk-timely": 5, "chk-complete": 5, "chk-correct": 5, "chk-tone": 5, "chk-confirm": 5}, "", command.RectInput{}}, "score.chk-greeting"},
			{"Missing", []any{w.checkItem.ID, w.checkItem.Version, map[string]int{"chk-greeting": 5}, "", command.RectInput{}}, "score.chk-timely"},
			{"FailedNoOwner", []any{w.checkItem.ID, w.checkItem.Version, map[string]int{"chk-greeting": 0, "chk-timely": 0, "chk-complete": 0, "chk-correct": 0, "chk-tone": 0, "chk-confirm": 0}, "", command.RectInput{Due: "2024-03-25", Problem: "p"}}, "owner"},
			{"FailedDuePast", []any{w.checkItem.ID, w.checkItem.Version, map[string]int{"chk-greeting": 0, "chk-timely": 0, "chk-complete": 0, "chk-correct": 0, "chk-tone": 0, "chk-confirm": 0}, "", command.RectInput{Owner: "王强", Due: "2024-03-01", Problem: "p"}}, "due"},
			{"Unknown", []any{"nope", int64(1), map[string]int{}, "", command.RectInput{}}, ""},
		},
		"CommApp.CloseRectification": {
			{"NoAction", []any{w.rect.ID, w.rect.Version, "  "}, "actionTaken"},
			{"NulInAction", []any{w.rect.ID, w.rect.Version, "已整改\x00"}, "actionTaken"},
			{"Stale", []any{w.rect.ID, int64(99), "已整改"}, ""},
			{"Unknown", []any{"nope", int64(1), "已整改"}, ""},
		},
		"ReportsApp.SaveConfig": {
			{"UnknownType", []any{report.Config{ImprovementTypes: []string{"不存在的类型"}}}, "improvementTypes"},
			{"NulInType", []any{report.Config{ComplaintTypes: []string{"投诉\x00"}}}, "complaintTypes"},
			{"UnknownMeasure", []any{report.Config{Targets: map[report.MeasureID]report.Target{"luck": {Op: ">=", Value: 1}}}}, "targets.luck"},
		},
		"ReportsApp.SaveTexts": {
			{"NulInProblems", []any{"monthly", "2024-03", "", report.Texts{Problems: "响应慢\x00"}}, "problems"},
			{"ReplacementChar", []any{"monthly", "2024-03", "", report.Texts{Measures: "\ufffd"}}, "measures"},
			{"BadPeriod", []any{"monthly", "2024-13", "", report.Texts{}}, ""},
		},
		"ReportsApp.Issue": {
			{"UnknownKind", []any{"weekly", "2024-03", ""}, ""},
			{"BadPeriod", []any{"quarterly", "2024Q5", ""}, ""},
		},
		"RequestsApp.AddNote": {
			{"Empty", []any{w.req.ID, "  "}, "body"},
			{"UnknownName", []any{w.req.ID, "@张三 请看"}, "body"},
			{"InactiveName", []any{w.req.ID, "@刘洋 请看"}, "body"},
			{"NulInBody", []any{w.req.ID, "请看\x00"}, "body"},
			{"UnknownRequest", []any{"no-such-request", "请看"}, ""},
		},
		"TimeLimitsApp.MarkNotifications": {
			{"NoKeys", []any{notify.MarkInput{Action: "read"}}, "keys"},
			{"BadKey", []any{notify.MarkInput{Keys: []string{"mention"}, Action: "read"}}, "keys"},
			{"UnknownAction", []any{notify.MarkInput{Keys: []string{"mention/x"}, Action: "delete"}}, "action"},
			{"SnoozePast", []any{notify.MarkInput{Keys: []string{"mention/x"}, Action: "snooze", Until: received}}, "until"},
		},
		"TimeLimitsApp.SaveRobot": {
			{"UnknownKind", []any{notify.Robot{Kind: "feishu", URL: "https://example.com/hook"}}, "kind"},
			{"NotAURL", []any{notify.Robot{Kind: "dingtalk", URL: "oapi.dingtalk.com/robot/send"}}, "url"},
			{"NoURL", []any{notify.Robot{Kind: "wecom"}}, "url"},
			{"NewlineInSecret", []any{notify.Robot{Kind: "dingtalk", URL: "https://example.com/hook", Secret: "a\nb"}}, "secret"},
		},
		"SyncApp.Probe": {{"NotAURL", []any{"ftp://10.0.0.2"}, "server"}},
		"SyncApp.Join": {
			{"NotAURL", []any{app.JoinInput{Server: "10.0.0.2:8080", User: "王强", Password: "x", DeviceCode: "A1"}}, "server"},
			{"NoDeviceCode", []any{app.JoinInput{Server: "http://127.0.0.1:1", User: "王强", Password: "x"}}, "deviceCode"},
			{"BadDeviceCode", []any{app.JoinInput{Server: "http://127.0.0.1:1", User: "王强", Password: "x", DeviceCode: "a-b"}}, "deviceCode"},
		},
		"SyncApp.SyncNow":         {{"NotJoined", []any{}, ""}},
		"SyncApp.Leave":           {{"NotJoined", []any{}, ""}},
		"SyncApp.ResolveConflict": {{"UnknownAction", []any{"x", "fix"}, ""}, {"Unknown", []any{"no-such", "discard"}, ""}},
		"SyncApp.RevokeDevice":    {{"Unknown", []any{"no-such-device"}, ""}},
		"UpdateApp.SetAddress": {
			{"NotAURL", []any{"ftp://10.0.0.2/releases/"}, "address"}, {"NoHost", []any{"https://"}, "address"},
			{"Spaces", []any{"http://a b/"}, "address"}, {"Query", []any{"http://10.0.0.2/r/?x=1"}, "address"},
			{"Newline", []any{"http://10.0.0.2/\nx"}, "address"},
		},
		"UpdateApp.Check":    {{"NoSource", []any{}, ""}},
		"UpdateApp.Download": {{"NothingOffered", []any{}, ""}},
		"UpdateApp.Restart":  {{"NotDesktop", []any{}, ""}},
	}
}

// reads write nothing whatever they are given; noInput write but take no
// argument a caller could get wrong.
var (
	reads = map[string]bool{
		"SystemApp.Info": true, "SystemApp.Health": true, "SystemApp.IsDesktop": true, "SystemApp.Process": true,
		"SettingsApp.Get": true, "SettingsApp.Vocabularies": true, "SettingsApp.People": true,
		"SettingsApp.PreviewNumber": true, "SettingsApp.CompanyLogo": true,
		"CustomersApp.List": true, "CustomersApp.Get": true, "CustomersApp.History": true,
		"RequestsApp.Get": true, "RequestsApp.List": true, "RequestsApp.Total": true, "RequestsApp.Draft": true, "RequestsApp.Board": true,
		"RequestsApp.MyWork": true, "RequestsApp.Complaints": true, "RequestsApp.ValueDues": true,
		"RequestsApp.Related": true, "RequestsApp.Views": true, "CustomersApp.Requests": true,
		"RequestsApp.AttachmentTypes": true, "RequestsApp.Attachments": true, "RequestsApp.Attachment": true,
		"RequestsApp.ProposeClassification": true, "RequestsApp.Similar": true, "RequestsApp.Knowledge": true,
		"SettingsApp.Classification": true, "SettingsApp.ClassificationPDF": true,
		"SyncApp.Status": true, "SyncApp.Conflicts": true, "SyncApp.Unsynced": true, "SyncApp.Devices": true,
		"UpdateApp.Status":       true,
		"TimeLimitsApp.Policies": true, "TimeLimitsApp.Settings": true, "TimeLimitsApp.Schedules": true,
		"TimeLimitsApp.ExportSchedule": true,
		"DocumentsApp.Types":           true, "DocumentsApp.List": true, "DocumentsApp.Get": true, "DocumentsApp.PDF": true,
		"DocumentsApp.Attachment": true,
		"ExcelApp.Template":       true, "ExcelApp.ExportProgress": true, "ExcelApp.ExportResult": true,
		"ExcelApp.Count": true, "ExcelApp.FileName": true,
		"DataApp.Backups": true, "DataApp.PendingRestore": true, "DataApp.LastRestore": true,
		"ReportsApp.Measures": true, "ReportsApp.Dashboard": true, "ReportsApp.Config": true,
		"ReportsApp.Report": true, "ReportsApp.Issued": true, "ReportsApp.Saved": true,
		"ReportsApp.PDF": true, "ReportsApp.Excel": true, "ReportsApp.FileName": true,
		"CommApp.Basics": true, "CommApp.Scripts": true, "CommApp.Revisions": true, "CommApp.Fill": true,
		"CommApp.MissingTopics": true, "CommApp.CheckConfig": true, "CommApp.Checklist": true, "CommApp.Checks": true,
		"CommApp.Check": true, "CommApp.Measures": true, "CommApp.CheckPDF": true, "CommApp.CheckFileName": true,
		"RequestsApp.Notes": true, "TimeLimitsApp.MyNotifications": true, "TimeLimitsApp.Robot": true,
	}
	noInput = map[string]bool{
		"TimeLimitsApp.Alerts": true, "SettingsApp.RemoveCompanyLogo": true, "DataApp.RestoreLatest": true,
		"DataApp.CancelRestore": true, "DataApp.Restart": true, "DataApp.PickBackupFile": true,
		"DataApp.OpenReadOnly": true,
	}
)

// TestBadInputsWriteNothing feeds bad values to every bound method that
// writes, and checks that each is refused with a user error (naming the
// field where there is one) and that the database did not change at all.
// The methods come from the bindings, as for the access table: a new method
// with neither bad values here nor a place among reads or noInput fails.
func TestBadInputsWriteNothing(t *testing.T) {
	w := newWorld(t)
	cases := w.cases()
	byName := map[string]reflect.Value{}
	for _, b := range w.bindings {
		v := reflect.ValueOf(b)
		for i := 0; i < v.NumMethod(); i++ {
			byName[server.MethodName(b, v.Type().Method(i).Name)] = v.Method(i)
		}
	}
	if len(byName) < 50 {
		t.Fatalf("only %d bound methods found: the enumeration is broken", len(byName))
	}
	var names []string
	for name := range byName {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		n := 0
		for _, in := range []bool{len(cases[name]) > 0, reads[name], noInput[name]} {
			if in {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: give it bad values in cases, or list it among reads or noInput (exactly one)", name)
		}
	}
	for name := range cases {
		if _, ok := byName[name]; !ok {
			t.Errorf("cases name %s, which is not bound", name)
		}
	}
	for _, name := range names {
		for _, c := range cases[name] {
			t.Run(strings.ReplaceAll(name, ".", "/")+"/"+c.name, func(t *testing.T) {
				m := byName[name]
				if len(c.args) != m.Type().NumIn() {
					t.Fatalf("%d arguments, the method takes %d", len(c.args), m.Type().NumIn())
				}
				args := make([]reflect.Value, len(c.args))
				for i, a := range c.args {
					if a == nil {
						args[i] = reflect.Zero(m.Type().In(i))
					} else {
						args[i] = reflect.ValueOf(a)
					}
				}
				before := digest(t, w.path)
				out := m.Call(args)
				err, _ := out[len(out)-1].Interface().(error)
				if err == nil {
					t.Fatalf("accepted")
				}
				var e apperr.Error
				if jerr := json.Unmarshal([]byte(err.Error()), &e); jerr != nil || e.Code == "" || e.Code == apperr.Internal {
					t.Fatalf("refused with %q, want a user error", err.Error())
				}
				if c.field != "" {
					named := false
					for _, f := range e.Fields {
						named = named || f.Field == c.field
					}
					if !named {
						t.Fatalf("refusal %+v does not name the field %s", e, c.field)
					}
				}
				if after := digest(t, w.path); after != before {
					t.Fatalf("the database changed")
				}
			})
		}
	}
}

func ptr[T any](v T) *T { return &v }

// onCall is a complete 当场解决 form, changed by change.
func onCall(change func(*request.OnCall)) request.OnCall {
	o := request.OnCall{Department: "客服部", Result: "已在电话中答复", Timeliness: 5, Effectiveness: 5, Attitude: 5, Overall: 5, Solved: true}
	change(&o)
	return o
}
