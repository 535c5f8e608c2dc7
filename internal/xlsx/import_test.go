package xlsx_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// messy is a table as people keep it: a merged title, a two-level header,
// shuffled columns with other names, blank rows, serial and text dates,
// full-width digits and 高/中/低.
func messy(t testing.TB) []byte {
	return book(t, sheet{name: "3月登记", merges: [][2]string{{"A1", "J1"}, {"B2", "C2"}, {"A2", "A3"}, {"D2", "D3"},
		{"E2", "E3"}, {"F2", "F3"}, {"G2", "G3"}, {"H2", "H3"}, {"I2", "I3"}, {"J2", "J3"}}, rows: [][]any{
		{"客户需求登记表"},
		{"登记时间", "客户信息", nil, "类型", "需求描述（简要）", "优先级", "登记人", "初步处理状态", "备注", "联系方式"},
		{nil, "客户名称", "联系人"},
		{serial(45366.604166666664), "华信科技 有限公司", "张伟", "技术咨询", "咨询系统对接方案", "中", "李娜", "需求分析中", "老客户", "5678"},
		nil,
		{"2024年3月16日 9时05分", "新客户有限公司", "王芳", "售后支持", "打印模块报错", "高", "", "", "", "wang@example.com"},
		{"２０２４/３/１７", "新客户有限公司", "王芳", "建议", "希望增加导出功能", "低", "周敏", "已登记", "", "１３９ １２３４ ５６７８"},
		nil, nil,
	}})
}

func existingCustomer(t testing.TB, s *store.Store) customer.Detail {
	t.Helper()
	d, err := command.Run(context.Background(), command.New(s), command.CreateCustomer{Input: customer.Input{
		Fields:   customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func allRequests(t testing.TB, s *store.Store) []request.Request {
	t.Helper()
	var out []request.Request
	for r, err := range s.Registrations(context.Background(), request.Query{Sort: request.SortNumber}) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestDryRunWritesNothing(t *testing.T) {
	s, path := openStore(t)
	existingCustomer(t, s)
	before := counts(t, path)
	rep := runImport(t, s, messy(t), true)
	if !rep.DryRun || rep.Applied || rep.ProblemCount != 0 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	if rep.Rows != 3 || rep.Created != 3 || rep.Updated != 0 || rep.Skipped != 0 || rep.CustomersCreated != 1 || rep.ContactsCreated != 1 {
		t.Fatalf("counts = %+v", rep)
	}
	sameCounts(t, counts(t, path), before)
}

// TestImportUnknownPerson: a receiver or owner not on the people list is a
// problem of its row, named in the dry run, and nothing is written.
func TestImportUnknownPerson(t *testing.T) {
	s, path := openStore(t)
	before := counts(t, path)
	row := paperRow("", "华信科技有限公司", "咨询系统对接方案", "2024-03-15 14:30")
	row[8] = "路人甲"
	data := book(t, sheet{name: "登记", rows: [][]any{paperHeader, row}})
	for _, dry := range []bool{true, false} {
		rep := runImport(t, s, data, dry)
		if rep.Applied || rep.ProblemCount != 1 || rep.Problems[0].Row != 2 || rep.Problems[0].Field != "receivedBy" ||
			!strings.Contains(rep.Problems[0].Message, "路人甲”不在人员名单中") {
			t.Fatalf("dry run %v: report = %+v%s", dry, rep, problemsText(rep))
		}
	}
	sameCounts(t, counts(t, path), before)
}

func TestImport(t *testing.T) {
	s, path := openStore(t)
	hx := existingCustomer(t, s)
	rep := runImport(t, s, messy(t), false)
	if !rep.Applied || rep.Created != 3 || rep.CustomersCreated != 1 || rep.ContactsCreated != 1 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	notes := strings.Join(rep.Notes, "\n")
	for _, want := range []string{"备注", "渠道"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes do not mention %s: %s", want, notes)
		}
	}
	rs := allRequests(t, s)
	if len(rs) != 3 {
		t.Fatalf("%d requests", len(rs))
	}
	byTitle := map[string]request.Request{}
	for _, r := range rs {
		byTitle[r.Fields.Title] = r
	}
	t.Run("MatchesTheExistingCustomerAndContact", func(t *testing.T) {
		r := byTitle["咨询系统对接方案"]
		if r.Fields.CustomerID != hx.Customer.ID || r.Fields.ContactID != hx.Contacts[0].ID {
			t.Fatalf("customer %s contact %s, want %s %s", r.Fields.CustomerID, r.Fields.ContactID, hx.Customer.ID, hx.Contacts[0].ID)
		}
	})
	t.Run("NumbersWithTheStoresPattern", func(t *testing.T) {
		var numbers []string
		for _, r := range rs {
			numbers = append(numbers, r.Number)
		}
		if strings.Join(numbers, " ") != "XR-2024-001 XR-2024-002 XR-2024-003" {
			t.Fatalf("numbers = %v", numbers)
		}
	})
	t.Run("Values", func(t *testing.T) {
		r := byTitle["咨询系统对接方案"]
		if r.Status != request.StatusAnalysis || r.State.Path != request.PathFull || r.Fields.Urgency != request.UrgencyImportant ||
			!r.Fields.ReceivedAt.Equal(day(2024, 3, 15, 14, 30)) || r.Fields.Channel != "电话" {
			t.Fatalf("request = %+v", r)
		}
		r = byTitle["打印模块报错"]
		if r.Status != request.StatusRegistered || r.Fields.ReceivedBy != "李娜" || r.Fields.Urgency != request.UrgencyUrgent ||
			r.Fields.Channel != "邮件" || !r.Fields.ReceivedAt.Equal(day(2024, 3, 16, 9, 5)) {
			t.Fatalf("request = %+v", r)
		}
		r = byTitle["希望增加导出功能"]
		if r.Fields.ContactInfo != "139 1234 5678" || r.Fields.Urgency != request.UrgencyNormal || r.Fields.ReceivedBy != "周敏" {
			t.Fatalf("request = %+v", r)
		}
	})
	t.Run("TheNewContactIsSharedByItsRows", func(t *testing.T) {
		a, b := byTitle["打印模块报错"], byTitle["希望增加导出功能"]
		if a.Fields.CustomerID != b.Fields.CustomerID || a.Fields.ContactID == "" || a.Fields.ContactID != b.Fields.ContactID {
			t.Fatalf("a %+v\nb %+v", a.Fields, b.Fields)
		}
		d, err := s.Customer(context.Background(), a.Fields.CustomerID)
		if err != nil || d.Customer.Name != "新客户有限公司" || len(d.Contacts) != 1 || d.Contacts[0].Email != "wang@example.com" {
			t.Fatalf("customer = %+v %v", d, err)
		}
	})
	t.Run("SearchableAndAudited", func(t *testing.T) {
		page, err := s.ListRequests(context.Background(), request.Query{Search: "导出功能"})
		if err != nil || page.Total != 1 {
			t.Fatalf("search: %d %v", page.Total, err)
		}
		d, err := s.Request(context.Background(), byTitle["咨询系统对接方案"].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.History) != 1 || d.History[0].Actor != "李娜" || d.History[0].Action != "create" {
			t.Fatalf("history = %+v", d.History)
		}
		if len(d.Transitions) != 1 || d.Transitions[0].Action != request.ActImport || d.Transitions[0].To != request.StatusAnalysis {
			t.Fatalf("transitions = %+v", d.Transitions)
		}
		if len(d.Clocks) == 0 {
			t.Fatal("no clocks")
		}
	})
	t.Run("AsTheListShowsIt", func(t *testing.T) {
		c := counts(t, path)
		if c["requests"] != 3 || c["request_fts"] != 3 || c["customers"] != 2 || c["contacts"] != 2 {
			t.Fatalf("counts = %v", c)
		}
	})
}

func TestReimportNoDuplicates(t *testing.T) {
	t.Run("ByNumber", func(t *testing.T) {
		s, path := openStore(t)
		data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
			paperRow("XR-2023-101", "甲公司", "需求一", "2023-11-01 10:00"),
			paperRow("XR-2023-102", "甲公司", "需求二", "2023-11-02 10:00")}})
		if rep := runImport(t, s, data, false); !rep.Applied || rep.Created != 2 {
			t.Fatalf("first import: %+v%s", rep, problemsText(rep))
		}
		after := counts(t, path)
		rep := runImport(t, s, data, false)
		if !rep.Applied || rep.Created != 0 || rep.Updated != 0 || rep.Skipped != 2 {
			t.Fatalf("second import: %+v%s", rep, problemsText(rep))
		}
		sameCounts(t, counts(t, path), after)
		if rs := allRequests(t, s); rs[0].Number != "XR-2023-101" || rs[1].Number != "XR-2023-102" {
			t.Fatalf("numbers not kept: %s %s", rs[0].Number, rs[1].Number)
		}
	})
	t.Run("WithoutNumbers", func(t *testing.T) {
		s, path := openStore(t)
		data := messy(t)
		runImport(t, s, data, false)
		after := counts(t, path)
		rep := runImport(t, s, data, false)
		if !rep.Applied || rep.Created != 0 || rep.Skipped != 3 {
			t.Fatalf("second import: %+v%s", rep, problemsText(rep))
		}
		sameCounts(t, counts(t, path), after)
	})
	t.Run("NumbersTheTableBringsAreNotHandedOut", func(t *testing.T) {
		s, _ := openStore(t)
		data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
			paperRow("", "甲公司", "需求一", "2024-03-01"), paperRow("XR-2024-001", "甲公司", "需求二", "2024-03-02")}})
		if rep := runImport(t, s, data, false); !rep.Applied {
			t.Fatalf("import: %+v%s", rep, problemsText(rep))
		}
		rs := allRequests(t, s)
		if rs[0].Number != "XR-2024-001" || rs[0].Fields.Title != "需求二" || rs[1].Number != "XR-2024-002" {
			t.Fatalf("numbers = %s %s", rs[0].Number, rs[1].Number)
		}
	})
}

func TestImportUpdatesByNumber(t *testing.T) {
	s, _ := openStore(t)
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader, paperRow("XR-2024-050", "甲公司", "需求一", "2024-03-01")}})
	runImport(t, s, data, false)
	// Only the number and the owner: the other fields stay as they are.
	update := book(t, sheet{name: "分配", rows: [][]any{{"需求编号", "负责人", "紧急程度", "客户名称"}, {"XR-2024-050", "王强", "紧急", "甲公司"}}})
	rep := runImport(t, s, update, false)
	if !rep.Applied || rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	r := allRequests(t, s)[0]
	if r.Fields.Owner != "王强" || r.Fields.Urgency != request.UrgencyUrgent || r.Fields.Title != "需求一" || r.Version != 2 {
		t.Fatalf("request = %+v", r)
	}
	d, err := s.Request(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := d.History[len(d.History)-1]
	if last.Action != "update" || last.Actor != "李娜" {
		t.Fatalf("history = %+v", d.History)
	}
	changed := map[string]bool{}
	for _, c := range last.Changes {
		changed[c.Field] = true
	}
	if !changed["fields.owner"] || !changed["fields.urgency"] || changed["fields.title"] {
		t.Fatalf("changes = %+v", last.Changes)
	}
}

func TestImportProblems(t *testing.T) {
	s, path := openStore(t)
	runImport(t, s, book(t, sheet{name: "登记表", rows: [][]any{paperHeader, paperRow("XR-2024-090", "甲公司", "旧需求", "2024-03-01")}}), false)
	execSQL(t, path, `UPDATE requests SET status = 'archived' WHERE number = 'XR-2024-090'`)
	before := counts(t, path)
	future := now.Add(48 * time.Hour).Format("2006-01-02 15:04")
	bad := func(col int, v any, number string) []any {
		r := paperRow(number, "甲公司", "需求", "2024-03-10")
		r[col] = v
		return r
	}
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
		bad(4, "星际旅行", ""),                   // 2: type not in the list
		bad(3, "call me maybe", ""),          // 3: contact information
		bad(7, future, ""),                   // 4: in the future
		bad(1, "", ""),                       // 5: no customer
		bad(5, "", ""),                       // 6: no description
		bad(0, "XR-2024-777", "XR-2024-777"), // 7
		bad(0, "XR-2024-777", "XR-2024-777"), // 8: the same number again
		bad(5, "改了描述", "XR-2024-090"),        // 9: an archived request
		bad(10, "飞鸽传书", ""),                  // 10: channel not in the list
	}})
	rep := runImport(t, s, data, false)
	if rep.Applied || rep.ProblemCount != 8 || rep.InvalidRows != 8 || rep.Created != 1 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	want := []struct {
		row            int
		column, phrase string
	}{
		{2, "E", "可选：咨询、问题(报障)"}, {3, "D", "不是有效的电话号码"}, {4, "H", "晚于现在"}, {5, "B", "客户名称不能为空"},
		{6, "F", "需求描述不能为空"}, {8, "A", "重复出现"}, {9, "", "状态是“已归档”"}, {10, "K", "渠道“飞鸽传书”不在列表中"},
	}
	for i, w := range want {
		p := rep.Problems[i]
		if p.Row != w.row || p.Column != w.column || !strings.Contains(p.Message, w.phrase) || p.Sheet != "登记表" {
			t.Errorf("problem %d = %+v, want row %d column %q %q", i, p, w.row, w.column, w.phrase)
		}
	}
	sameCounts(t, counts(t, path), before)

	t.Run("MissingColumn", func(t *testing.T) {
		data := book(t, sheet{name: "简表", rows: [][]any{{"客户名称", "需求类型", "需求描述", "紧急程度"},
			{"甲公司", "建议", "需求一", "中"}, {"乙公司", "建议", "需求二", "中"}}})
		rep := runImport(t, s, data, true)
		if rep.ProblemCount != 1 || rep.Problems[0].Row != 1 || !strings.Contains(rep.Problems[0].Message, "没有“接收时间”列，2 条") {
			t.Fatalf("report = %+v%s", rep, problemsText(rep))
		}
	})
}

func TestImportAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 10,000 rows")
	}
	t.Run("ABadRowAt9999", func(t *testing.T) {
		s, path := openStore(t)
		before := counts(t, path)
		rep := runImport(t, s, bigTable(t, 10000, 9999), false)
		if rep.Applied || rep.ProblemCount != 1 || rep.Created != 9999 {
			t.Fatalf("report = %+v%s", rep, problemsText(rep))
		}
		if p := rep.Problems[0]; p.Row != 10000 || p.Column != "E" || !strings.Contains(p.Message, "星际旅行") {
			t.Fatalf("problem = %+v", p)
		}
		sameCounts(t, counts(t, path), before)
	})
	t.Run("AFailureWhileWriting", func(t *testing.T) {
		s, path := openStore(t)
		// The database refuses the 9,999th request only when it is written.
		execSQL(t, path, `CREATE TRIGGER refuse BEFORE INSERT ON requests
			WHEN NEW.title = '第9999条需求：系统对接咨询' BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
		before := counts(t, path)
		_, err := command.ImportWorkbook(context.Background(), command.New(s), bigTable(t, 10000, 0), false)
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Fatalf("err = %v", err)
		}
		sameCounts(t, counts(t, path), before)
		// And the store goes on working.
		if _, err := command.Run(context.Background(), command.New(s), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "之后的客户"}}}); err != nil {
			t.Fatal(err)
		}
	})
}

func TestImportHugeCellWritesNothing(t *testing.T) {
	s, path := openStore(t)
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader, paperRow("", "甲公司", "@@LONG@@", "2024-03-15")}})
	data = patchZip(t, data, "", func(b []byte) []byte {
		return bytes.ReplaceAll(b, []byte("@@LONG@@"), []byte(strings.Repeat("长", 40000)))
	})
	before := counts(t, path)
	rep := runImport(t, s, data, false)
	if rep.Applied || rep.ProblemCount != 1 || !strings.Contains(rep.Problems[0].Message, "40000 个字") {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	sameCounts(t, counts(t, path), before)
}

func TestRoundTrip(t *testing.T) {
	src, _ := openStore(t)
	ctx := context.Background()
	hx := existingCustomer(t, src)
	other, err := command.Run(ctx, command.New(src), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "=恶意公司"},
		Contacts: []customer.ContactFields{{Name: "@李雷", Email: "li@example.com"}}}})
	if err != nil {
		t.Fatal(err)
	}
	inputs := []request.Fields{
		{CustomerID: hx.Customer.ID, ContactID: hx.Contacts[0].ID, ContactName: "张伟", ContactInfo: "5678", Channel: "电话",
			Type: "技术咨询", Category: "产品类", Urgency: request.UrgencyImportant, ImpactScope: request.ImpactMulti,
			Title: "咨询系统对接方案", Description: "客户希望了解与财务系统对接的接口规范。\n第二段：实施周期。",
			Background: "上线新财务系统", ExpectedOutcome: "两周内拿到方案", TimeRequirement: "本周五前", Scene: "月底结账时",
			Product: "ERP 系统", ReceivedAt: now.Add(-49 * time.Hour).Add(123 * time.Millisecond), ReceivedBy: "李娜",
			Owner: "王强", Department: "技术支持部"},
		{CustomerID: other.Customer.ID, ContactID: other.Contacts[0].ID, ContactName: "@李雷", ContactInfo: "+86 138 0013 8000",
			Channel: "邮件", Type: "投诉", Urgency: request.UrgencyUrgent, Title: "=HYPERLINK(\"http://evil.example\",\"点我\")",
			Description: "-2+3", ReceivedAt: now.Add(-2 * time.Hour), ReceivedBy: "周敏"},
		{CustomerID: hx.Customer.ID, Channel: "在线客服", Type: "建议", Urgency: request.UrgencyPotential, Title: "希望增加导出功能",
			ReceivedAt: day(2023, 12, 31, 23, 59), ReceivedBy: "李娜", ImpactScope: request.ImpactBusinessLine},
	}
	for i, f := range inputs {
		r, err := command.Run(ctx, command.New(src), command.CreateRequest{Fields: f})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 { // a status beyond registered travels too
			if _, err := command.Run(ctx, command.New(src), command.MoveRequest{ID: r.ID, Version: r.Version, Move: request.Move{Action: request.ActTriage, Department: "技术支持部"}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	n, err := xlsx.Export(ctx, &buf, src, xlsx.KindRegistrations, request.Query{})
	if err != nil || n != 3 {
		t.Fatalf("export: %d %v", n, err)
	}

	t.Run("IntoAnEmptyDatabase", func(t *testing.T) {
		dst, _ := openStore(t)
		rep := runImport(t, dst, buf.Bytes(), false)
		if !rep.Applied || rep.Created != 3 || rep.CustomersCreated != 2 || rep.ContactsCreated != 2 {
			t.Fatalf("report = %+v%s", rep, problemsText(rep))
		}
		sameRequests(t, dst, src)
	})
	t.Run("ThroughLibreOffice", func(t *testing.T) {
		// A user opens the export in LibreOffice Calc and saves it: Calc
		// reads every cell and writes a workbook of its own (shared
		// strings, its own XML), which imports as the same requests.
		saved := libreOffice(t, buf.Bytes(), "xlsx")
		if bytes.Equal(saved, buf.Bytes()) {
			t.Fatal("LibreOffice gave the file back unchanged")
		}
		dst, _ := openStore(t)
		rep := runImport(t, dst, saved, false)
		if !rep.Applied || rep.Created != 3 || rep.CustomersCreated != 2 || rep.ContactsCreated != 2 {
			t.Fatalf("report = %+v%s", rep, problemsText(rep))
		}
		sameRequests(t, dst, src)
	})
	t.Run("BackIntoItsOwnDatabase", func(t *testing.T) {
		rep := runImport(t, src, buf.Bytes(), false)
		if !rep.Applied || rep.Skipped != 3 || rep.Created+rep.Updated != 0 {
			t.Fatalf("report = %+v%s", rep, problemsText(rep))
		}
	})
}

// sameRequests: got holds want's requests, as a round trip keeps them.
func sameRequests(t *testing.T, got, want *store.Store) {
	t.Helper()
	w, g := allRequests(t, want), allRequests(t, got)
	if len(g) != len(w) {
		t.Fatalf("%d requests, want %d", len(g), len(w))
	}
	for i := range w {
		if cw, cg := comparable(w[i]), comparable(g[i]); cw != cg {
			t.Errorf("request %d:\n got  %+v\n want %+v", i, cg, cw)
		}
	}
}

// comparable is what a round trip keeps of a request: everything but ids,
// bookkeeping and the milliseconds of the receipt time.
type roundTripped struct {
	Number, Customer, Status string
	Fields                   request.Fields
}

func comparable(r request.Request) roundTripped {
	f := r.Fields
	f.CustomerID, f.ContactID = "", ""
	f.ReceivedAt = f.ReceivedAt.Truncate(time.Second).UTC()
	return roundTripped{r.Number, r.CustomerName, string(r.Status), f}
}

func TestImportClosedStatus(t *testing.T) {
	s, path := openStore(t)
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
		{"XR-2023-001", "甲公司", "张伟", "5678", "技术咨询", "去年的咨询", "中", "2023-05-06 10:00", "李娜", "已完成", "电话"},
		{"XR-2023-002", "甲公司", "张伟", "5678", "技术咨询", "去年的另一个咨询", "中", "2023-05-07 10:00", "李娜", "", "电话"}}})
	rep := runImport(t, s, data, false)
	if !rep.Applied || !strings.Contains(strings.Join(rep.Notes, "\n"), "1 条新需求接收于 30 天以前") {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	rs := allRequests(t, s)
	if rs[0].Status != request.StatusArchived || rs[1].Status != request.StatusRegistered {
		t.Fatalf("statuses = %s %s", rs[0].Status, rs[1].Status)
	}
	// The archived one keeps no running clock; the detail page shows its
	// clocks stopped rather than breached.
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM request_clocks WHERE req = (SELECT seq FROM requests WHERE id = ?)`, rs[0].ID).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d clocks for an archived request (%v)", n, err)
	}
	d, err := s.Request(context.Background(), rs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range d.Clocks {
		if c.State == "breached" || c.State == "due_soon" {
			t.Fatalf("clock %s of an archived request is %s", c.Kind, c.State)
		}
	}
	// It is read-only like any archived request.
	if _, err := command.Run(context.Background(), command.New(s), command.UpdateRequest{ID: rs[0].ID, Version: rs[0].Version, Fields: rs[0].Fields}); err == nil {
		t.Fatal("an archived request was editable")
	}
}

func TestFormulaInjection(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	hx := existingCustomer(t, s)
	evil := []string{`=HYPERLINK("http://evil.example","点我")`, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1"}
	for i, title := range evil {
		if _, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: request.Fields{CustomerID: hx.Customer.ID, Channel: "电话", Type: "建议",
			Urgency: request.UrgencyNormal, Title: title, Description: evil[(i+1)%len(evil)],
			ReceivedAt: now.Add(-time.Duration(len(evil)-i) * time.Hour), ReceivedBy: "李娜"}}); err != nil {
			t.Fatalf("%q: %v", title, err)
		}
	}
	for _, kind := range xlsx.Kinds {
		t.Run(string(kind), func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := xlsx.Export(ctx, &buf, s, kind, request.Query{}); err != nil {
				t.Fatal(err)
			}
			raw := sheetXML(t, buf.Bytes())
			if bytes.Contains(raw, []byte("<f>")) || bytes.Contains(raw, []byte("<f ")) {
				t.Fatalf("the sheet holds a formula:\n%s", raw)
			}
			if kind != xlsx.KindRegistrations {
				return
			}
			f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sh := kind.Title()
			for row := 2; row <= len(evil)+1; row++ {
				cell, _ := excelize.CoordinatesToCellName(6, row) // 需求描述(简要)
				v, _ := f.GetCellValue(sh, cell)
				formula, _ := f.GetCellFormula(sh, cell)
				typ, _ := f.GetCellType(sh, cell)
				style, _ := f.GetCellStyle(sh, cell)
				xf := f.Styles.CellXfs.Xf[style]
				if formula != "" || typ != excelize.CellTypeInlineString || xf.QuotePrefix == nil || !*xf.QuotePrefix {
					t.Errorf("%s = %q: formula %q, type %v, quote prefix %v", cell, v, formula, typ, xf.QuotePrefix)
				}
				if strings.TrimSpace(v) != strings.TrimSpace(evil[row-2]) {
					t.Errorf("%s = %q, want %q", cell, v, evil[row-2])
				}
			}
			// The text comes back as text.
			dst, _ := openStore(t)
			rep := runImport(t, dst, buf.Bytes(), false)
			if !rep.Applied {
				t.Fatalf("report = %+v%s", rep, problemsText(rep))
			}
			for i, r := range allRequests(t, dst) {
				if r.Fields.Title != strings.TrimSpace(evil[i]) {
					t.Errorf("title %q, want %q", r.Fields.Title, evil[i])
				}
			}
		})
	}
}

// sheetXML returns the first worksheet's XML.
func sheetXML(t testing.TB, data []byte) []byte {
	t.Helper()
	var out []byte
	patchZip(t, data, "xl/worksheets/sheet1.xml", func(b []byte) []byte { out = b; return b })
	return out
}

// execSQL changes the database behind the store's back, for fixtures.
func execSQL(t testing.TB, path, query string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query); err != nil {
		t.Fatal(err)
	}
}

// TestImportSaysHowItRead covers a table that names its columns and values
// in its own words: the header 需求 is the brief description, the channel
// 来访 is the list's 来访/面谈, 高/中/低 are urgencies, and phones carry an
// extension written 转 123, 分机 123 or ext. 123. The dry run says how each
// was read, and the import writes them so.
func TestImportSaysHowItRead(t *testing.T) {
	s, _ := openStore(t)
	data := book(t, sheet{name: "登记", rows: [][]any{
		{"客户名称", "需求类型", "需求", "紧急程度", "接收时间", "渠道", "联系人", "联系方式"},
		{"华信科技", "技术咨询", "咨询系统对接方案", "高", "2024-03-15 14:30", "来访", "张伟", "010-88886666 转 123"},
		{"华信科技", "售后支持", "打印模块报错", "中", "2024-03-16 09:00", "来访", "张伟", "0571-8888666 分机 123"},
		{"华信科技", "建议", "希望增加导出功能", "低", "2024-03-17 10:00", "电话", "王芳", "021-55550000 ext. 123"},
		{"华信科技", "建议", "希望增加打印预览", "一般", "2024-03-17 11:00", "电话", "王芳", "021-55550000 EXT 12"},
	}})
	rep := runImport(t, s, data, true)
	if rep.ProblemCount != 0 || rep.Created != 4 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	notes := strings.Join(rep.Notes, "\n")
	for _, want := range []string{"“需求”按“需求描述(简要)”读取", "“来访”按“来访/面谈”导入（2 行）",
		"高 按“紧急”（1 行）", "中 按“重要”（1 行）", "低 按“一般”（1 行）"} {
		if !strings.Contains(notes, want) {
			t.Errorf("the dry run does not say %s:\n%s", want, notes)
		}
	}
	if strings.Contains(notes, "一般 按") {
		t.Errorf("the dry run mentions an urgency written as the list spells it:\n%s", notes)
	}
	rep = runImport(t, s, data, false)
	if !rep.Applied {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	byTitle := map[string]request.Request{}
	for _, r := range allRequests(t, s) {
		byTitle[r.Fields.Title] = r
	}
	tests := []struct {
		title, channel, contact string
		urgency                 request.Urgency
	}{
		{"咨询系统对接方案", "来访/面谈", "010-88886666 转 123", request.UrgencyUrgent},
		{"打印模块报错", "来访/面谈", "0571-8888666 分机 123", request.UrgencyImportant},
		{"希望增加导出功能", "电话", "021-55550000 ext. 123", request.UrgencyNormal},
	}
	for _, tt := range tests {
		r, ok := byTitle[tt.title]
		if !ok {
			t.Fatalf("no request %s among %v", tt.title, byTitle)
		}
		if got := r.Fields; got.Channel != tt.channel || got.ContactInfo != tt.contact || got.Urgency != tt.urgency {
			t.Errorf("%s: channel %q contact %q urgency %s, want %q %q %s", tt.title, got.Channel, got.ContactInfo, got.Urgency,
				tt.channel, tt.contact, tt.urgency)
		}
	}
}

// TestCompanyZone reads and writes a workbook's dates in the company's
// time zone (Asia/Shanghai by default), whatever zone the computer is set
// to: 09:00 in a table is 09:00 in Shanghai on a laptop set to New York.
func TestCompanyZone(t *testing.T) {
	laptop, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = laptop

	s, _ := openStore(t)
	ctx := context.Background()
	want := time.Date(2024, 3, 15, 9, 0, 0, 0, shanghai)
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
		paperRow("", "华兴科技", "打印机无法连接", "2024-03-15 09:00"),
		paperRow("", "华兴科技", "报表导出乱码", serial(45366.375)), // a date cell: 2024-03-15 09:00
		paperRow("", "华兴科技", "发票无法打印", "2024年3月15日 上午9点"),
	}})
	rep := runImport(t, s, data, false)
	if !rep.Applied || rep.Created != 3 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	for _, r := range allRequests(t, s) {
		if !r.Fields.ReceivedAt.Equal(want) {
			t.Errorf("%s received at %v, want %v", r.Fields.Title, r.Fields.ReceivedAt.In(shanghai), want)
		}
	}

	var buf bytes.Buffer
	if _, err := xlsx.Export(ctx, &buf, s, xlsx.KindRegistrations, request.Query{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.KindRegistrations.Title()) // as Excel shows them
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "接收时间")
	if col < 0 || len(rows) != 4 {
		t.Fatalf("exported %d rows, header %v", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if got := row[col]; got != "2024-03-15 09:00" {
			t.Errorf("exported 接收时间 = %q, want 2024-03-15 09:00", got)
		}
	}

	t.Run("ProblemsQuoteTheCompanyTime", func(t *testing.T) {
		data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
			paperRow("", "华兴科技", "来自未来的需求", "2024-03-25 09:00"),
		}})
		rep := runImport(t, s, data, true)
		if rep.ProblemCount != 1 || rep.Problems[0].Field != "receivedAt" || !strings.Contains(rep.Problems[0].Value, "2024-03-25 09:00") {
			t.Fatalf("want the receipt time in the future, quoted as written:%s", problemsText(rep))
		}
	})
}

// TestImportAfterRequests: imported requests follow those already there
// (their search text under their own rows), and one imported as 暂缓 is on
// hold from 已登记, with its transition.
func TestImportAfterRequests(t *testing.T) {
	s, _ := openStore(t)
	ctx := context.Background()
	hx := existingCustomer(t, s)
	before, err := command.Run(ctx, command.New(s), command.CreateRequest{Fields: request.Fields{CustomerID: hx.Customer.ID,
		Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "已有的需求：发票打印",
		ReceivedAt: now.Add(-time.Hour), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	data := book(t, sheet{name: "登记表", rows: [][]any{paperHeader,
		paperRow("", "华兴科技", "报表导出乱码", "2024-03-15 09:00"),
		append(paperRow("", "华兴科技", "接口对接暂缓", "2024-03-15 10:00")[:9], "暂缓", "电话"),
	}})
	rep := runImport(t, s, data, false)
	if !rep.Applied || rep.Created != 2 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	for word, want := range map[string]string{"发票打印": before.ID, "导出乱码": "", "对接暂缓": ""} {
		page, err := s.ListRequests(ctx, request.Query{Search: word})
		if err != nil || page.Total != 1 {
			t.Fatalf("search %s: %d %v", word, page.Total, err)
		}
		if got := page.Items[0]; !strings.Contains(got.Title, word) || want != "" && got.ID != want {
			t.Errorf("search %s found %s %q", word, got.Number, got.Title)
		}
	}
	page, err := s.ListRequests(ctx, request.Query{Search: "对接暂缓"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Request(ctx, page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Request.Status != request.StatusOnHold || d.Request.State.HeldFrom != request.StatusRegistered ||
		len(d.Transitions) != 1 || d.Transitions[0].To != request.StatusOnHold {
		t.Fatalf("on hold: status %s held from %q transitions %+v", d.Request.Status, d.Request.State.HeldFrom, d.Transitions)
	}
}

// TestImportSearchText: an import writes each request's search text as
// the store's own indexing does (it cuts the texts apart from the numbers,
// on another goroutine): every term at every place, compared through
// fts5vocab before and after the store indexes every request again.
func TestImportSearchText(t *testing.T) {
	s, path := openStore(t)
	existingCustomer(t, s)
	if rep := runImport(t, s, messy(t), false); !rep.Applied || rep.Created != 3 {
		t.Fatalf("report = %+v%s", rep, problemsText(rep))
	}
	imported := searchTerms(t, path, false)
	if len(imported) == 0 {
		t.Fatal("no search text")
	}
	searchTerms(t, path, true)
	again, err := store.Open(context.Background(), path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
	if indexed := searchTerms(t, path, false); !slices.Equal(imported, indexed) {
		t.Fatalf("the import's search text:\n%v\nthe store's:\n%v", imported, indexed)
	}
}

// searchTerms lists the search index's every term at every place; outdate
// marks the index as of an older cut, so the next opening indexes anew.
func searchTerms(t *testing.T, path string, outdate bool) []string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if outdate {
		if _, err := db.Exec(`UPDATE search_index SET version = 0`); err != nil {
			t.Fatal(err)
		}
		return nil
	}
	if _, err := db.Exec(`CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, request_fts, instance)`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT term, doc, col, offset FROM temp.terms ORDER BY doc, col, offset`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var term, col string
		var doc, offset int64
		if err := rows.Scan(&term, &doc, &col, &offset); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %s %d %s", doc, col, offset, term))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// libreOffice has LibreOffice Calc (soffice, headless) open a workbook and
// save it as format ("xlsx", "csv" …), and returns what it wrote.
func libreOffice(t *testing.T, data []byte, format string) []byte {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatal("soffice missing: `make test` installs LibreOffice Calc (scripts/setup.sh test)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "book.xlsx")
	out := filepath.Join(dir, "out")
	if err := os.MkdirAll(filepath.Dir(in), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--convert-to", format, "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	b, err := os.ReadFile(filepath.Join(out, "book."+format))
	if err != nil {
		t.Fatalf("soffice wrote no %s: %v", format, err)
	}
	return b
}
