package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// now is the fixed time of every store test: 2024-03-15 10:00 in Shanghai.
var now = time.Date(2024, 3, 15, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

func openStore(t testing.TB) (*store.Store, *clock.Fixed, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	clk := clock.NewFixed(now)
	s, err := store.Open(context.Background(), path, clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.EnsureSettings(context.Background(), settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	for _, p := range testStaff {
		mustPerson(t, s, p)
	}
	return s, clk, path
}

// testStaff are the people the tests name besides the profile, 李娜: owners,
// receivers and reviewers are picked from the people list.
var testStaff = []people.Fields{
	{Name: "王强", Department: "客服部", Roles: []request.Role{request.RoleSupervisor, request.RoleOwner, request.RolePlanLead}, Active: true},
	{Name: "赵磊", Department: "技术支持部", Roles: []request.Role{request.RoleOwner, request.RoleReviewer}, Active: true},
	{Name: "周敏", Department: "财务部", Roles: []request.Role{request.RoleReviewer}, Active: true},
}

// mustPerson adds the person f names to the people list, or changes them
// to f when they are on it.
func mustPerson(t testing.TB, s *store.Store, f people.Fields) people.Person {
	t.Helper()
	ctx := context.Background()
	list, err := s.People(ctx)
	if err != nil {
		t.Fatal(err)
	}
	id, version := "", int64(0)
	for _, p := range list {
		if p.Name == f.Name {
			id, version = p.ID, p.Version
		}
	}
	p, err := command.Run(ctx, command.New(s), command.SavePerson{ID: id, Version: version, Fields: f})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func mustCustomer(t testing.TB, s *store.Store, name string) customer.Detail {
	t.Helper()
	d, err := command.Run(context.Background(), command.New(s), command.CreateCustomer{Input: customer.Input{
		Fields:   customer.Fields{Name: name, Industry: "信息技术"},
		Contacts: []customer.ContactFields{{Name: "张伟", Title: "信息部经理", Phone: "13800138000", Email: "zhang@example.com"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fields(c customer.Detail, title string) request.Fields {
	return request.Fields{
		CustomerID:  c.Customer.ID,
		ContactID:   c.Contacts[0].ID,
		ContactName: c.Contacts[0].Name,
		ContactInfo: "5678",
		Channel:     "电话",
		Type:        "技术咨询",
		Urgency:     request.UrgencyNormal,
		Title:       title,
		Description: "客户希望了解与财务系统对接的接口规范和实施周期。",
		ReceivedAt:  now.Add(-time.Hour),
		ReceivedBy:  "李娜",
	}
}

func mustRequest(t testing.TB, s *store.Store, f request.Fields) request.Request {
	t.Helper()
	r, err := command.Run(context.Background(), command.New(s), command.CreateRequest{Fields: f})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// saveDraft keeps a draft through the command the app runs.
func saveDraft(ctx context.Context, s *store.Store, key, body string) error {
	_, err := command.Run(ctx, command.New(s), command.SaveDraft{Key: key, Body: body})
	return err
}

func fieldKeys(err error) map[string]string {
	out := map[string]string{}
	if e, ok := apperr.As(err); ok {
		for _, f := range e.Fields {
			out[f.Field] = f.Key
		}
	}
	return out
}

func count(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestOpen(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		s, _, path := openStore(t)
		got, err := s.SchemaVersion(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if want := store.LatestSchema(); got != want || want < 1 {
			t.Fatalf("schema = %d, want %d", got, want)
		}
		if n := count(t, path, "vocab_items"); n < 30 {
			t.Fatalf("seeded vocab items = %d, want the documents' lists", n)
		}
	})
	t.Run("ReopenKeepsData", func(t *testing.T) {
		s, _, path := openStore(t)
		c := mustCustomer(t, s, "科技有限公司")
		r := mustRequest(t, s, fields(c, "咨询系统对接方案"))
		s.Close()
		s2, err := store.Open(context.Background(), path, clock.NewFixed(now))
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		d, err := s2.Request(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := d.Request.Number, r.Number; got != want {
			t.Fatalf("number = %q, want %q", got, want)
		}
		if n := count(t, path, "schema_migrations"); n != store.LatestSchema() {
			t.Fatalf("migrations recorded = %d, want %d (each once)", n, store.LatestSchema())
		}
	})
	t.Run("ErrNewerSchema", func(t *testing.T) {
		_, _, path := openStore(t)
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')`); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if _, err := store.Open(context.Background(), path, clock.NewFixed(now)); err == nil {
			t.Fatal("opened a database from a newer version")
		}
	})
}

func TestSettings(t *testing.T) {
	s, _, _ := openStore(t)
	ctx := context.Background()
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.ProfileName != "李娜" || got.NumberPattern != request.DefaultNumberPattern {
		t.Fatalf("defaults = %+v", got)
	}
	t.Run("ErrDeviceRequired", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: settings.Settings{ProfileName: "李娜", NumberPattern: "XR-{YYYY}-{DEV}{NNN}"}})
		if got := fieldKeys(err)["deviceCode"]; got != "required_by_pattern" {
			t.Fatalf("deviceCode error = %q (%v)", got, err)
		}
	})
	t.Run("OK", func(t *testing.T) {
		saved, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: settings.Settings{ProfileName: " 王强 ", DeviceCode: "a1", NumberPattern: "XR-{YYYY}-{DEV}{NNN}"}})
		if err != nil {
			t.Fatal(err)
		}
		if saved.DeviceCode != "A1" || saved.ProfileName != "王强" {
			t.Fatalf("saved = %+v", saved)
		}
		h, err := s.History(ctx, "settings")
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 || h[0].Actor != "王强" {
			t.Fatalf("history = %+v", h)
		}
	})
}

func TestNumbering(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		s, _, _ := openStore(t)
		c := mustCustomer(t, s, "科技有限公司")
		var got []string
		for _, at := range []time.Time{now.AddDate(-1, 0, 0), now.Add(-2 * time.Hour), now.Add(-time.Hour), now.AddDate(-1, 1, 0)} {
			f := fields(c, "咨询系统对接方案")
			f.ReceivedAt = at
			got = append(got, mustRequest(t, s, f).Number)
		}
		want := []string{"XR-2023-001", "XR-2024-001", "XR-2024-002", "XR-2023-002"}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("numbers = %v, want %v", got, want)
			}
		}
	})
	t.Run("DeviceCode", func(t *testing.T) {
		s, _, _ := openStore(t)
		c := mustCustomer(t, s, "科技有限公司")
		if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: settings.Settings{ProfileName: "李娜", DeviceCode: "B", NumberPattern: "XR-{YYYY}-{DEV}{NNNN}"}}); err != nil {
			t.Fatal(err)
		}
		if got, want := mustRequest(t, s, fields(c, "咨询")).Number, "XR-2024-B0001"; got != want {
			t.Fatalf("number = %q, want %q", got, want)
		}
	})
	t.Run("SkipsTaken", func(t *testing.T) {
		s, _, _ := openStore(t)
		c := mustCustomer(t, s, "科技有限公司")
		mustRequest(t, s, fields(c, "一")) // XR-2024-001
		// Another pattern whose first number collides with the one taken.
		if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: settings.Settings{ProfileName: "李娜", NumberPattern: "XR-2024-{NNN}"}}); err != nil {
			t.Fatal(err)
		}
		if got, want := mustRequest(t, s, fields(c, "二")).Number, "XR-2024-002"; got != want {
			t.Fatalf("number = %q, want %q", got, want)
		}
	})
}

func TestCreateRequest(t *testing.T) {
	ctx := context.Background()
	s, _, path := openStore(t)
	c := mustCustomer(t, s, "科技有限公司")
	other := mustCustomer(t, s, "恒达物流有限公司")
	long := make([]rune, request.MaxTitle+1)
	for i := range long {
		long[i] = '字'
	}
	tests := []struct {
		name   string
		mutate func(*request.Fields)
		want   map[string]string
	}{
		{"ErrRequired", func(f *request.Fields) { *f = request.Fields{} },
			map[string]string{"customerId": "required", "title": "required", "channel": "required", "type": "required", "urgency": "required", "receivedAt": "required", "receivedBy": "required"}},
		{"ErrCustomerMissing", func(f *request.Fields) { f.CustomerID = "no-such-customer"; f.ContactID = "" },
			map[string]string{"customerId": "not_found"}},
		{"ErrContactOfOtherCustomer", func(f *request.Fields) { f.ContactID = other.Contacts[0].ID },
			map[string]string{"contactId": "contact_not_of_customer"}},
		{"ErrPhone", func(f *request.Fields) { f.ContactInfo = "电话号码abc" }, map[string]string{"contactInfo": "contact_info_invalid"}},
		{"ErrEmail", func(f *request.Fields) { f.ContactInfo = "zhang@@example" }, map[string]string{"contactInfo": "email_invalid"}},
		{"ErrTooLong", func(f *request.Fields) { f.Title = string(long) }, map[string]string{"title": "too_long"}},
		{"ErrNotInList", func(f *request.Fields) { f.Type = "随便"; f.Urgency = "very" }, map[string]string{"type": "not_in_list", "urgency": "not_in_list"}},
		{"ErrFuture", func(f *request.Fields) { f.ReceivedAt = now.Add(24 * time.Hour) }, map[string]string{"receivedAt": "in_future"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fields(c, "咨询系统对接方案")
			tt.mutate(&f)
			_, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: f})
			if got := apperr.CodeOf(err); got != apperr.Invalid {
				t.Fatalf("code = %q (%v), want invalid", got, err)
			}
			got := fieldKeys(err)
			for field, key := range tt.want {
				if got[field] != key {
					t.Errorf("field %s: got %q, want %q (all: %v)", field, got[field], key, got)
				}
			}
			if n := count(t, path, "requests"); n != 0 {
				t.Fatalf("requests written = %d, want 0", n)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		f := fields(c, "  咨询系统对接方案 ")
		f.ContactInfo = "１３８００１３８０００" // full-width, as typed with a Chinese input method
		r, err := command.Run(audit.WithActor(ctx, "王强"), command.New(s), command.CreateRequest{Fields: f})
		if err != nil {
			t.Fatal(err)
		}
		if r.Number != "XR-2024-001" || r.Status != request.StatusRegistered || r.Version != 1 {
			t.Fatalf("request = %+v", r)
		}
		if r.Fields.Title != "咨询系统对接方案" || r.Fields.ContactInfo != "13800138000" {
			t.Fatalf("not normalized: %q %q", r.Fields.Title, r.Fields.ContactInfo)
		}
		d, err := s.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Customer.Name != "科技有限公司" || d.Contact == nil || d.Contact.Name != "张伟" {
			t.Fatalf("detail = %+v", d)
		}
		if len(d.History) != 1 || d.History[0].Action != audit.ActionCreate || d.History[0].Actor != "王强" {
			t.Fatalf("history = %+v", d.History)
		}
	})
}

func TestUpdateRequest(t *testing.T) {
	ctx := context.Background()
	s, clk, _ := openStore(t)
	c := mustCustomer(t, s, "科技有限公司")
	r := mustRequest(t, s, fields(c, "咨询系统对接方案"))
	clk.Add(time.Minute)

	f := r.Fields
	f.Urgency = request.UrgencyUrgent
	f.Title = "咨询系统对接方案（加急）"
	updated, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: f})
	if err != nil {
		t.Fatal(err)
	}
	if updated.Version != r.Version+1 || updated.Fields.Urgency != request.UrgencyUrgent {
		t.Fatalf("updated = %+v", updated)
	}
	t.Run("ErrConflict", func(t *testing.T) {
		f := r.Fields
		f.Title = "被覆盖的标题"
		_, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: f}) // stale version
		if got := apperr.CodeOf(err); got != apperr.Conflict {
			t.Fatalf("code = %q (%v), want conflict", got, err)
		}
		d, _ := s.Request(ctx, r.ID)
		if d.Request.Fields.Title != "咨询系统对接方案（加急）" {
			t.Fatalf("stale update overwrote: %q", d.Request.Fields.Title)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: "missing", Version: 1, Fields: f})
		if got := apperr.CodeOf(err); got != apperr.NotFound {
			t.Fatalf("code = %q, want not_found", got)
		}
	})
	t.Run("AuditChanges", func(t *testing.T) {
		d, err := s.Request(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.History) != 2 {
			t.Fatalf("history has %d entries, want 2", len(d.History))
		}
		changed := map[string]audit.Change{}
		for _, ch := range d.History[1].Changes {
			changed[ch.Field] = ch
		}
		if ch := changed["fields.urgency"]; ch.Before != `"normal"` || ch.After != `"urgent"` {
			t.Fatalf("changes = %+v", d.History[1].Changes)
		}
		if _, ok := changed["fields.channel"]; ok {
			t.Fatalf("an unchanged field is listed: %+v", d.History[1].Changes)
		}
	})
	t.Run("NoChangeNoVersion", func(t *testing.T) {
		d, _ := s.Request(ctx, r.ID)
		same, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r.ID, Version: d.Request.Version, Fields: d.Request.Fields})
		if err != nil {
			t.Fatal(err)
		}
		if same.Version != d.Request.Version {
			t.Fatalf("version moved on an empty edit")
		}
	})
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	a := mustCustomer(t, s, "华信科技有限公司")
	b := mustCustomer(t, s, "恒达物流有限公司")
	r1 := mustRequest(t, s, fields(a, "咨询系统对接方案"))
	f := fields(b, "合同续签的价格咨询")
	f.Description = "客户询问明年ERP系统维护合同的续签价格"
	r2 := mustRequest(t, s, f)
	f = fields(b, "打印模板错位")
	f.Description = "发票打印时表头错位"
	r3 := mustRequest(t, s, f)

	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"TwoChars", "对接", []string{r1.ID}},
		{"TwoCharsInDescription", "合同", []string{r2.ID}},
		{"FourChars", "系统对接", []string{r1.ID}},
		{"NotAdjacent", "系接", nil},
		{"OneChar", "签", []string{r2.ID}},
		{"CustomerName", "恒达", []string{r2.ID, r3.ID}},
		{"Latin", "erp", []string{r2.ID}},
		{"Number", "XR-2024-003", []string{r3.ID}},
		{"TwoTerms", "打印 错位", []string{r3.ID}},
		{"Nothing", "量子计算", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.ListRequests(ctx, request.Query{Search: tt.query, Sort: request.SortNumber})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range page.Items {
				got = append(got, it.ID)
			}
			if len(got) != len(tt.want) || page.Total != len(tt.want) {
				t.Fatalf("search %q = %v (total %d), want %v", tt.query, got, page.Total, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("search %q = %v, want %v", tt.query, got, tt.want)
				}
			}
		})
	}
	// A character is found at the start of its run, inside it and at its
	// end (位 ends both of r3's texts and begins no bigram), and one no
	// request has is not.
	t.Run("EveryCharacter", func(t *testing.T) {
		for _, c := range "打印模板错位发票时表头" {
			page, err := s.ListRequests(ctx, request.Query{Search: string(c)})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != 1 || page.Items[0].ID != r3.ID {
				t.Errorf("search %q: total %d, want r3", string(c), page.Total)
			}
		}
		for _, c := range "贝爻" {
			if page, err := s.ListRequests(ctx, request.Query{Search: string(c)}); err != nil || page.Total != 0 {
				t.Errorf("search %q: total %d (%v), want none", string(c), page.Total, err)
			}
		}
	})
	t.Run("AfterEdit", func(t *testing.T) {
		f := r1.Fields
		f.Title = "咨询数据迁移方案"
		if _, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r1.ID, Version: r1.Version, Fields: f}); err != nil {
			t.Fatal(err)
		}
		// 对接 is still in the description; 对接方案 was only in the old title.
		for q, want := range map[string]int{"对接": 1, "迁移": 1, "对接方案": 0} {
			page, err := s.ListRequests(ctx, request.Query{Search: q})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != want {
				t.Errorf("search %q after edit: total %d, want %d", q, page.Total, want)
			}
		}
	})
	t.Run("AfterCustomerRename", func(t *testing.T) {
		d, _ := s.Customer(ctx, a.Customer.ID)
		if _, err := command.Run(ctx, command.New(s), command.UpdateCustomer{ID: a.Customer.ID, Version: d.Customer.Version, Fields: customer.Fields{Name: "博远软件有限公司"}}); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int{"博远": 1, "华信": 0} {
			page, err := s.ListRequests(ctx, request.Query{Search: q})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != want {
				t.Errorf("search %q after rename: total %d, want %d", q, page.Total, want)
			}
		}
	})
}

func TestListRequests(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	a := mustCustomer(t, s, "华信科技有限公司")
	b := mustCustomer(t, s, "恒达物流有限公司")
	for i, u := range []request.Urgency{request.UrgencyNormal, request.UrgencyUrgent, request.UrgencyImportant, request.UrgencyNormal} {
		c := a
		if i%2 == 1 {
			c = b
		}
		f := fields(c, "需求")
		f.Urgency = u
		f.ReceivedAt = now.AddDate(0, 0, -i)
		mustRequest(t, s, f)
	}
	tests := []struct {
		name  string
		q     request.Query
		total int
		first string
	}{
		{"All", request.Query{Sort: request.SortReceivedAt, Desc: true}, 4, "XR-2024-001"},
		{"Urgency", request.Query{Urgencies: []request.Urgency{request.UrgencyNormal}}, 2, "XR-2024-004"},
		{"SortUrgency", request.Query{Sort: request.SortUrgency}, 4, "XR-2024-002"},
		{"Customer", request.Query{CustomerID: b.Customer.ID, Sort: request.SortNumber}, 2, "XR-2024-002"},
		{"DateRange", request.Query{ReceivedFrom: "2024-03-13", ReceivedTo: "2024-03-14", Sort: request.SortNumber}, 2, "XR-2024-002"},
		{"Page", request.Query{Sort: request.SortNumber, Offset: 3, Limit: 2}, 4, "XR-2024-004"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.ListRequests(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != tt.total || len(page.Items) == 0 || page.Items[0].Number != tt.first {
				t.Fatalf("total %d, first %v; want %d, %s", page.Total, page.Items, tt.total, tt.first)
			}
		})
	}
	t.Run("ErrDate", func(t *testing.T) {
		_, err := s.ListRequests(ctx, request.Query{ReceivedFrom: "15/03/2024"})
		if got := fieldKeys(err)["receivedFrom"]; got != "date_invalid" {
			t.Fatalf("error = %v", err)
		}
	})
}

func TestCustomers(t *testing.T) {
	ctx := context.Background()
	s, _, path := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	t.Run("ErrDuplicateName", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(s), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技 有限公司"}}})
		if apperr.CodeOf(err) != apperr.Conflict || fieldKeys(err)["name"] != "duplicate" {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("ErrBadContactWritesNothing", func(t *testing.T) {
		before := count(t, path, "customers")
		_, err := command.Run(ctx, command.New(s), command.CreateCustomer{Input: customer.Input{
			Fields:   customer.Fields{Name: "新客户"},
			Contacts: []customer.ContactFields{{Name: "王五", Phone: "abc", Email: "not-an-email"}},
		}})
		keys := fieldKeys(err)
		if keys["contacts.0.phone"] != "phone_invalid" || keys["contacts.0.email"] != "email_invalid" {
			t.Fatalf("error = %v", err)
		}
		if got := count(t, path, "customers"); got != before {
			t.Fatalf("customers = %d, want %d", got, before)
		}
	})
	t.Run("ContactConflict", func(t *testing.T) {
		k := c.Contacts[0]
		if _, err := command.Run(ctx, command.New(s), command.UpdateContact{ID: k.ID, Version: k.Version, Fields: customer.ContactFields{Name: "张伟", Phone: "010-12345678"}}); err != nil {
			t.Fatal(err)
		}
		_, err := command.Run(ctx, command.New(s), command.UpdateContact{ID: k.ID, Version: k.Version, Fields: customer.ContactFields{Name: "张伟"}})
		if apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("error = %v, want conflict", err)
		}
	})
	t.Run("List", func(t *testing.T) {
		mustCustomer(t, s, "恒达物流有限公司")
		page, err := s.ListCustomers(ctx, customer.Query{Search: "物流"})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != 1 || page.Items[0].Name != "恒达物流有限公司" || page.Items[0].ContactCount != 1 {
			t.Fatalf("page = %+v", page)
		}
	})
}

func TestVocab(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	it, err := command.Run(ctx, command.New(s), command.AddVocabItem{Kind: "channel", Label: "企业微信"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, command.New(s), command.AddVocabItem{Kind: "channel", Label: "企业微信"}); fieldKeys(err)["label"] != "duplicate" {
		t.Fatalf("duplicate label accepted: %v", err)
	}
	f := fields(c, "咨询")
	f.Channel = "企业微信"
	r := mustRequest(t, s, f)
	if _, err := command.Run(ctx, command.New(s), command.UpdateVocabItem{ID: it.ID, Version: it.Version, Label: it.Label, Active: false}); err != nil {
		t.Fatal(err)
	}
	t.Run("RetiredRefusedForNew", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: f})
		if fieldKeys(err)["channel"] != "not_in_list" {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("RetiredKeptOnOld", func(t *testing.T) {
		g := r.Fields
		g.Title = "咨询（补充）"
		if _, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: g}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Reorder", func(t *testing.T) {
		lists, _ := s.Vocabularies(ctx)
		ids := []string{}
		for i := len(lists.Categories) - 1; i >= 0; i-- {
			ids = append(ids, lists.Categories[i].ID)
		}
		got, err := command.Run(ctx, command.New(s), command.ReorderVocab{Kind: "category", IDs: ids})
		if err != nil {
			t.Fatal(err)
		}
		if got.Categories[0].Label != "合作类" {
			t.Fatalf("first = %q", got.Categories[0].Label)
		}
		if _, err := command.Run(ctx, command.New(s), command.ReorderVocab{Kind: "category", IDs: ids[:1]}); apperr.CodeOf(err) != apperr.Conflict {
			t.Fatalf("partial reorder accepted: %v", err)
		}
	})
}

func TestDrafts(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	if got, _ := s.Draft(ctx, "intake"); got != "" {
		t.Fatalf("draft = %q", got)
	}
	if err := saveDraft(ctx, s, "intake", `{"title":"咨询"}`); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Draft(ctx, "intake"); got != `{"title":"咨询"}` {
		t.Fatalf("draft = %q", got)
	}
	if err := saveDraft(ctx, s, "intake", ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Draft(ctx, "intake"); got != "" {
		t.Fatalf("draft after discard = %q", got)
	}
}

func TestConcurrentCreates(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	const n = 40
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			_, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: fields(c, "并发登记")})
			errs <- err
		}()
	}
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.ListRequests(ctx, request.Query{Sort: request.SortNumber, Desc: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != n || page.Items[0].Number != "XR-2024-040" {
		t.Fatalf("total %d, last %s", page.Total, page.Items[0].Number)
	}
}

// FuzzSearch checks that whatever a user types into the search box yields a
// valid FTS5 query: never an error, only results or none.
func FuzzSearch(f *testing.F) {
	s, _, _ := openStore(f)
	c := mustCustomer(f, s, "华信科技有限公司")
	mustRequest(f, s, fields(c, "咨询系统对接方案"))
	for _, q := range []string{"对接", "XR-2024-001", `"*^:()`, "ǂ", "NEAR(a b)", "a OR b", "-x", "标题:值"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if _, err := s.ListRequests(context.Background(), request.Query{Search: q}); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
	})
}

func TestRenamedListItemKeepsOldRequestsEditable(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	r := mustRequest(t, s, fields(c, "咨询"))
	lists, _ := s.Vocabularies(ctx)
	for _, it := range lists.Channels {
		if it.Label == "电话" {
			if _, err := command.Run(ctx, command.New(s), command.UpdateVocabItem{ID: it.ID, Version: it.Version, Label: "电话/热线", Active: true}); err != nil {
				t.Fatal(err)
			}
		}
	}
	f := r.Fields
	f.Title = "咨询（补充）"
	if _, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: r.ID, Version: r.Version, Fields: f}); err != nil {
		t.Fatalf("editing a request whose channel was renamed: %v", err)
	}
	t.Run("CustomerHistoryHasContacts", func(t *testing.T) {
		h, err := s.History(ctx, c.Customer.ID)
		if err != nil {
			t.Fatal(err)
		}
		entities := map[string]int{}
		for _, e := range h {
			entities[e.Entity]++
		}
		if entities["customer"] != 1 || entities["contact"] != 1 {
			t.Fatalf("history entities = %v", entities)
		}
	})
}

// panicClock panics when asked the time while armed, standing in for any
// bug that panics in the middle of a write.
type panicClock struct {
	clock.Clock
	armed atomic.Bool
}

func (c *panicClock) Now() time.Time {
	if c.armed.Load() {
		panic("clock broke")
	}
	return c.Clock.Now()
}

// TestPanicInWriteRollsBack: a panic inside a write's transaction (recovered
// by the caller, as the bound methods' guard does) must not leave the
// transaction open on the only write connection: the next write goes
// through at once and the panicked one left nothing behind.
func TestPanicInWriteRollsBack(t *testing.T) {
	clk := &panicClock{Clock: clock.NewFixed(now)}
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	in := customer.Input{Fields: customer.Fields{Name: "华东制造有限公司", Industry: "制造业"}}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the armed clock did not panic")
			}
		}()
		clk.armed.Store(true)
		defer clk.armed.Store(false)
		_, _ = command.Run(context.Background(), command.New(s), command.CreateCustomer{Input: in})
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	in.Fields.Name = "华南物流有限公司"
	if _, err := command.Run(ctx, command.New(s), command.CreateCustomer{Input: in}); err != nil {
		t.Fatalf("write after a panic: %v", err)
	}
	page, err := s.ListCustomers(ctx, customer.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 1 || page.Items[0].Name != "华南物流有限公司" {
		t.Fatalf("customers after the panic: %+v", page)
	}
}

// TestProfileIsAPerson: receivers are picked from the people list, and the
// profile is proposed as the receiver, so the profile is on the list from
// the first start and after it is renamed.
func TestProfileIsAPerson(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	has := func(name string) bool {
		t.Helper()
		list, err := s.People(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range list {
			if p.Name == name {
				return p.Active
			}
		}
		return false
	}
	if !has("李娜") {
		t.Fatal("the profile of a new database is not on the people list")
	}
	st, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.ProfileName = "张三"
	if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: st}); err != nil {
		t.Fatal(err)
	}
	if !has("张三") {
		t.Fatal("the renamed profile is not on the people list")
	}
}

// TestSearchContactsAndSnippets finds requests by the contact's name and
// phone, and shows where a hit outside the list's columns is: a passage of
// the description around it, or the contact.
func TestSearchContactsAndSnippets(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	a := mustCustomer(t, s, "华信科技有限公司")
	f := fields(a, "打印模板错位")
	f.ContactName, f.ContactInfo = "欧阳明", "138-0013-8000"
	f.Description = strings.Repeat("客户说明了打印机型号与驱动版本以及使用环境。", 12) + "最后提到发票打印时表头错位，需要调整合同模板的页边距。"
	r1 := mustRequest(t, s, f)
	f = fields(a, "咨询系统对接方案")
	f.ContactName, f.ContactInfo = "李雷", "0571-88886666 转 123"
	r2 := mustRequest(t, s, f)

	tests := []struct {
		name, query string
		want        string // the request found
		field       string // where the snippet is, "" for none
		hit         string // the text marked in it
		cut         bool   // the passage starts with "…"
	}{
		{"ContactName", "欧阳明", r1.ID, "contactName", "欧阳明", false},
		{"ContactSurname", "欧阳", r1.ID, "contactName", "欧阳", false},
		{"PhoneAsWritten", "138-0013-8000", r1.ID, "contactInfo", "138", false},
		{"PhoneDigits", "13800138000", r1.ID, "contactInfo", "138-0013-8000", false},
		{"PhoneStart", "0571", r2.ID, "contactInfo", "0571", false},
		{"DeepInDescription", "页边距", r1.ID, "description", "页边距", true},
		{"InTitle", "对接方案", r2.ID, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.ListRequests(ctx, request.Query{Search: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			if page.Total != 1 || len(page.Items) != 1 || page.Items[0].ID != tt.want {
				t.Fatalf("search %q: total %d, items %+v", tt.query, page.Total, page.Items)
			}
			sn := page.Items[0].Snippet
			if tt.field == "" {
				if sn != nil {
					t.Fatalf("search %q: snippet %+v, want none (the hit is in the title)", tt.query, sn)
				}
				return
			}
			if sn == nil || sn.Field != tt.field {
				t.Fatalf("search %q: snippet %+v, want one in %s", tt.query, sn, tt.field)
			}
			var hits []string
			var text strings.Builder
			for _, p := range sn.Parts {
				text.WriteString(p.Text)
				if p.Hit {
					hits = append(hits, p.Text)
				}
			}
			if len(hits) == 0 || hits[0] != tt.hit {
				t.Fatalf("search %q: hits %q in %q, want %q", tt.query, hits, text.String(), tt.hit)
			}
			if got := strings.HasPrefix(text.String(), "…"); got != tt.cut {
				t.Fatalf("search %q: passage %q, cut at the start %v, want %v", tt.query, text.String(), got, tt.cut)
			}
			if n := utf8.RuneCountInString(text.String()); n > 80 {
				t.Fatalf("search %q: passage of %d characters: %q", tt.query, n, text.String())
			}
		})
	}
}
