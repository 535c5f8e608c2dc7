package command_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// customerTables dumps every table a customer change writes, as text.
func customerTables(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, table := range []string{"customers", "contacts", "requests", "request_fts", "customer_duplicates", "customer_merges", "audit_log"} {
		rows, err := db.Query(`SELECT * FROM ` + table + ` ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, table, vals)
		}
		rows.Close()
	}
	return b.String()
}

func keyOf(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Key
	}
	return fmt.Sprint(err)
}

func TestCustomersRegisteredTwice(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "王强")
	svc, first, path := requestsWorld(t) // 华信科技有限公司 with 张伟
	st := svc.Store()
	create := func(name, contact string) customer.Detail {
		t.Helper()
		d, err := command.Run(ctx, svc, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: name},
			Contacts: []customer.ContactFields{{Name: contact}}}})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	get := func(id string) customer.Detail {
		t.Helper()
		d, err := st.Customer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}

	// A near-duplicate is created and flagged both ways.
	second := create("华信科技", "李明")
	if d := get(second.Customer.ID); len(d.Duplicates) != 1 || d.Duplicates[0].Other.ID != first.Customer.ID || d.Customer.Duplicates != 1 {
		t.Fatalf("the new customer's duplicates: %+v", d.Duplicates)
	}
	if d := get(first.Customer.ID); len(d.Duplicates) != 1 || d.Duplicates[0].Other.ID != second.Customer.ID {
		t.Fatalf("the first customer's duplicates: %+v", d.Duplicates)
	}
	page, err := st.ListCustomers(ctx, customer.Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range page.Items {
		if c.Duplicates != 1 {
			t.Errorf("%s listed with %d duplicates, want 1", c.Name, c.Duplicates)
		}
	}
	create("远景能源", "周洁") // not alike: no flag
	if d := get(first.Customer.ID); len(d.Duplicates) != 1 {
		t.Errorf("an unrelated customer was flagged: %+v", d.Duplicates)
	}

	// The form still refuses an exact name; the same command replayed from
	// another laptop keeps both.
	exact := command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "钱伟"}}}}
	if _, err := command.Run(ctx, svc, exact); keyOf(err) != "customer_duplicate" {
		t.Fatalf("exact duplicate on the form: %v", err)
	}
	at := requestsNow.Add(-30 * time.Minute)
	third, err := command.RunAt(ctx, svc, store.WriteAt{Now: at, IDs: command.IDs("0190a0a0-0000-7000-8000-000000000001", at), Replay: true}, exact)
	if err != nil {
		t.Fatalf("replayed registration refused: %v", err)
	}
	if d := get(third.Customer.ID); len(d.Duplicates) != 2 {
		t.Fatalf("the replayed twin is flagged with %d customers, want 2 (both others)", len(d.Duplicates))
	}
	// The twin stays editable under its name; taking another's is refused.
	third.Customer, err = command.Run(ctx, svc, command.UpdateCustomer{ID: third.Customer.ID, Version: third.Customer.Version,
		Fields: customer.Fields{Name: "华信科技有限公司", Industry: "制造"}})
	if err != nil {
		t.Fatalf("edit of a twin: %v", err)
	}
	if _, err := command.Run(ctx, svc, command.UpdateCustomer{ID: second.Customer.ID, Version: second.Customer.Version,
		Fields: customer.Fields{Name: "华信科技有限公司"}}); keyOf(err) != "customer_duplicate" {
		t.Fatalf("renaming to a name taken: %v", err)
	}

	// A request of the second customer, indexed with its name.
	req, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: second.Customer.ID,
		ContactID: second.Contacts[0].ID, ContactName: "李明", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal,
		Title: "报表导出乱码", ReceivedAt: requestsNow.Add(-time.Hour), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	found := func(term string) bool {
		t.Helper()
		p, err := st.ListRequests(ctx, request.Query{Search: term})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Items {
			if r.ID == req.ID {
				return true
			}
		}
		return false
	}
	if found("有限公司") {
		t.Fatal("the request is found under a name it does not have yet")
	}

	t.Run("ErrMergeRefusals", func(t *testing.T) {
		before := customerTables(t, path)
		for _, tc := range []struct {
			name, from, into, key string
		}{
			{"IntoItself", second.Customer.ID, second.Customer.ID, "customer_merge_self"},
			{"UnknownFrom", "no-such", first.Customer.ID, "not_found"},
			{"UnknownInto", second.Customer.ID, "no-such", "not_found"},
		} {
			if _, err := command.Run(ctx, svc, command.MergeCustomer{From: tc.from, Into: tc.into}); keyOf(err) != tc.key {
				t.Errorf("%s: got %v, want %s", tc.name, err, tc.key)
			}
		}
		if customerTables(t, path) != before {
			t.Fatal("a refused merge wrote")
		}
	})

	merged, err := command.Run(ctx, svc, command.MergeCustomer{From: second.Customer.ID, Into: first.Customer.ID})
	if err != nil {
		t.Fatal(err)
	}
	if merged.Contacts != 1 || merged.Requests != 1 || merged.Into.Customer.RequestCount != 1 || len(merged.Into.Contacts) != 2 {
		t.Fatalf("merge moved %d contacts and %d requests; into now %+v", merged.Contacts, merged.Requests, merged.Into.Customer)
	}
	if len(merged.Into.MergedFrom) != 1 || merged.Into.MergedFrom[0].FromID != second.Customer.ID || merged.Into.MergedFrom[0].MergedBy != "王强" {
		t.Errorf("merged from: %+v", merged.Into.MergedFrom)
	}
	// The pair is settled; the twin's flag with the merged one passed on.
	if d := get(first.Customer.ID); len(d.Duplicates) != 1 || d.Duplicates[0].Other.ID != third.Customer.ID {
		t.Errorf("after the merge the first customer's duplicates: %+v", d.Duplicates)
	}
	moved, err := st.Request(ctx, req.ID)
	if err != nil {
		t.Fatal(err)
	}
	if moved.Request.Fields.CustomerID != first.Customer.ID || moved.Request.CustomerName != "华信科技有限公司" {
		t.Errorf("the request stayed with %s (%s)", moved.Request.Fields.CustomerID, moved.Request.CustomerName)
	}
	if !found("有限公司") {
		t.Error("the moved request is not found under its new customer's name")
	}
	page, _ = st.ListCustomers(ctx, customer.Query{})
	for _, c := range page.Items {
		if c.ID == second.Customer.ID {
			t.Error("the merged customer is still listed")
		}
	}
	if d := get(second.Customer.ID); d.Customer.ID != first.Customer.ID {
		t.Errorf("opening the merged customer shows %s, want the one it became", d.Customer.Name)
	}
	for _, id := range []string{first.Customer.ID, second.Customer.ID} {
		h, err := st.History(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if h[len(h)-1].Action != audit.ActionMerge {
			t.Errorf("customer %s: last audit %s, want merge", id, h[len(h)-1].Action)
		}
	}

	t.Run("LaterCommandsFollowTheMerge", func(t *testing.T) {
		// Recorded on a laptop before it heard of the merge.
		r, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: second.Customer.ID,
			ContactID: second.Contacts[0].ID, ContactName: "李明", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal,
			Title: "打印预览空白", ReceivedAt: requestsNow.Add(-time.Hour), ReceivedBy: "李娜"}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Fields.CustomerID != first.Customer.ID {
			t.Errorf("the request landed on %s, want %s", r.Fields.CustomerID, first.Customer.ID)
		}
		k, err := command.Run(ctx, svc, command.AddContact{CustomerID: second.Customer.ID, Fields: customer.ContactFields{Name: "孙丽"}})
		if err != nil || k.CustomerID != first.Customer.ID {
			t.Errorf("the contact landed on %s (%v)", k.CustomerID, err)
		}
		_, err = command.Run(ctx, svc, command.UpdateCustomer{ID: second.Customer.ID, Version: second.Customer.Version,
			Fields: customer.Fields{Name: "华信科技", Industry: "制造"}})
		if keyOf(err) != "customer_merged" {
			t.Errorf("edit of the merged customer: %v", err)
		}
	})

	t.Run("ErrMergedOnes", func(t *testing.T) {
		before := customerTables(t, path)
		for _, tc := range []struct{ name, from, into string }{
			{"FromMerged", second.Customer.ID, third.Customer.ID},
			{"IntoMerged", third.Customer.ID, second.Customer.ID},
		} {
			if _, err := command.Run(ctx, svc, command.MergeCustomer{From: tc.from, Into: tc.into}); keyOf(err) != "customer_merged" {
				t.Errorf("%s: got %v, want customer_merged", tc.name, err)
			}
		}
		if customerTables(t, path) != before {
			t.Fatal("a refused merge wrote")
		}
	})

	t.Run("Dismiss", func(t *testing.T) {
		d, err := command.Run(ctx, svc, command.DismissDuplicate{A: third.Customer.ID, B: first.Customer.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Duplicates) != 0 || d.Customer.Duplicates != 0 {
			t.Errorf("still flagged: %+v", d.Duplicates)
		}
		before := customerTables(t, path)
		if _, err := command.Run(ctx, svc, command.DismissDuplicate{A: first.Customer.ID, B: third.Customer.ID}); keyOf(err) != "customer_not_duplicate" {
			t.Errorf("second dismissal: %v", err)
		}
		if _, err := command.Run(ctx, svc, command.DismissDuplicate{A: first.Customer.ID, B: "no-such"}); keyOf(err) != "not_found" {
			t.Errorf("unknown customer: %v", err)
		}
		if customerTables(t, path) != before {
			t.Fatal("a refused dismissal wrote")
		}
		// A dismissed pair is not flagged again by a later registration.
		if _, err := command.RunAt(ctx, svc, store.WriteAt{Replay: true, Now: requestsNow,
			IDs: command.IDs("0190a0a0-0000-7000-8000-000000000002", requestsNow)}, exact); err != nil {
			t.Fatal(err)
		}
		if d := get(first.Customer.ID); len(d.Duplicates) != 1 {
			t.Errorf("after another twin: %+v", d.Duplicates)
		}
	})
}

func TestImportFlagsDuplicates(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "李娜")
	svc, first, _ := requestsWorld(t)
	b := importBatch("接口对接")
	for i := range b.Sheets[0].Rows {
		b.Sheets[0].Rows[i].CustomerName = "华信科技 有限责任公司"
		b.Sheets[0].Rows[i].Fields.ReceivedAt = requestsNow.Add(-time.Hour)
	}
	rep, err := command.Run(ctx, svc, command.ImportRequests{Batch: b})
	if err != nil || !rep.Applied {
		t.Fatalf("import: %v %+v", err, rep)
	}
	d, err := svc.Store().Customer(ctx, first.Customer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Duplicates) != 1 || d.Duplicates[0].Other.Name != "华信科技 有限责任公司" {
		t.Fatalf("after the import: %+v", d.Duplicates)
	}
	// Merged, the imported name still finds its customer: the one it became.
	if _, err := command.Run(ctx, svc, command.MergeCustomer{From: d.Duplicates[0].Other.ID, Into: first.Customer.ID}); err != nil {
		t.Fatal(err)
	}
	b = importBatch("报表导出")
	b.Sheets[0].Rows[0].CustomerName = "华信科技 有限责任公司"
	b.Sheets[0].Rows[0].Fields.ReceivedAt = requestsNow.Add(-time.Hour)
	if rep, err = command.Run(ctx, svc, command.ImportRequests{Batch: b}); err != nil || !rep.Applied || rep.CustomersCreated != 0 {
		t.Fatalf("import after the merge: %v %+v", err, rep)
	}
	if d, err = svc.Store().Customer(ctx, first.Customer.ID); err != nil || d.Customer.RequestCount != 2 {
		t.Errorf("the merged customer has %d requests (%v), want 2", d.Customer.RequestCount, err)
	}
}
