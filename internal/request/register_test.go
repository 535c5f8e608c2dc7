package request_test

import (
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

var (
	registerNow   = time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)
	registerLists = vocab.Lists{
		Types: []vocab.Item{{Label: "技术咨询", Active: true, DefaultPath: "short"}, {Label: "方案定制", Active: true, DefaultPath: "full"},
			{Label: "旧类型", Active: false}},
		Channels:    []vocab.Item{{Label: "电话", Active: true}},
		Departments: []vocab.Item{{Label: "技术支持部", Active: true}},
	}
	registerStaff = request.Staff{"李娜": {Department: "客服部", Roles: []request.Role{request.RoleAgent}, Active: true},
		"赵磊": {Department: "技术支持部", Roles: []request.Role{request.RoleOwner}, Active: true}}
)

func intake() request.Fields {
	return request.Fields{CustomerID: "c1", ContactID: "k1", ContactName: "张伟", Channel: "电话", Type: "技术咨询",
		Urgency: request.UrgencyNormal, Title: "咨询系统对接方案", ReceivedAt: registerNow.Add(-time.Hour), ReceivedBy: "李娜"}
}

func checkOf(customerFound bool, contactOf string) request.FieldsCheck {
	return request.FieldsCheck{Lists: registerLists, Staff: registerStaff, CustomerFound: customerFound,
		ContactFound: contactOf != "", ContactCustomer: contactOf, Now: registerNow}
}

func keys(err error) map[string]string {
	out := map[string]string{}
	if e, ok := apperr.As(err); ok {
		for _, f := range e.Fields {
			out[f.Field] = f.Key
		}
	}
	return out
}

// TestRegister decides new requests without a database: every problem
// names its field, the path follows the type's configured default.
func TestRegister(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*request.Fields)
		in     request.FieldsCheck
		want   map[string]string // field → key; nil: accepted
		path   request.Path
	}{
		{"OK", func(*request.Fields) {}, checkOf(true, "c1"), nil, request.PathShort},
		{"OKFullPath", func(f *request.Fields) { f.Type = "方案定制" }, checkOf(true, "c1"), nil, request.PathFull},
		{"OKNoContact", func(f *request.Fields) { f.ContactID = "" }, checkOf(true, ""), nil, request.PathShort},
		{"ErrRequired", func(f *request.Fields) { *f = request.Fields{} }, checkOf(false, ""),
			map[string]string{"customerId": "required", "title": "required", "channel": "required", "type": "required",
				"urgency": "required", "receivedAt": "required", "receivedBy": "required"}, ""},
		{"ErrCustomerMissing", func(*request.Fields) {}, checkOf(false, ""), map[string]string{"customerId": "not_found"}, ""},
		{"ErrContactMissing", func(*request.Fields) {}, checkOf(true, ""), map[string]string{"contactId": "contact_not_of_customer"}, ""},
		{"ErrContactOfOtherCustomer", func(*request.Fields) {}, checkOf(true, "c2"), map[string]string{"contactId": "contact_not_of_customer"}, ""},
		{"ErrRetiredType", func(f *request.Fields) { f.Type = "旧类型" }, checkOf(true, "c1"), map[string]string{"type": "not_in_list"}, ""},
		{"ErrNotOnStaff", func(f *request.Fields) { f.ReceivedBy = "路人" }, checkOf(true, "c1"), map[string]string{"receivedBy": "not_a_person"}, ""},
		{"ErrFuture", func(f *request.Fields) { f.ReceivedAt = registerNow.Add(24 * time.Hour) }, checkOf(true, "c1"),
			map[string]string{"receivedAt": "in_future"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := intake()
			tt.mutate(&f)
			got, err := request.Register(f, tt.in)
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != request.StatusRegistered || got.State.Path != tt.path {
					t.Fatalf("registered %s on %s, want registered on %s", got.Status, got.State.Path, tt.path)
				}
				return
			}
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("code = %q (%v), want invalid", apperr.CodeOf(err), err)
			}
			ks := keys(err)
			for field, key := range tt.want {
				if ks[field] != key {
					t.Errorf("field %s: got %q, want %q (all: %v)", field, ks[field], key, ks)
				}
			}
		})
	}
	t.Run("Normalized", func(t *testing.T) {
		f := intake()
		f.Title = "  咨询系统对接方案 "
		got, err := request.Register(f, checkOf(true, "c1"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Fields.Title != "咨询系统对接方案" {
			t.Fatalf("title = %q", got.Fields.Title)
		}
	})
}

// TestEdit decides changes of a request's fields: a closed request is
// read-only, an unchanged form changes nothing, a retired list item stays
// acceptable when it was saved.
func TestEdit(t *testing.T) {
	f := intake()
	f.Type = "旧类型" // retired since the request was registered
	before := request.Request{ID: "r1", Status: request.StatusAnalysis, Fields: f, Version: 2}
	t.Run("OK", func(t *testing.T) {
		g := before.Fields
		g.Title = "咨询系统对接方案（加急）"
		after, changed, err := request.Edit(before, g, checkOf(true, "c1"))
		if err != nil || !changed || after.Fields.Title != g.Title || after.Status != before.Status {
			t.Fatalf("edit = %+v, %v, %v", after.Fields, changed, err)
		}
	})
	t.Run("Unchanged", func(t *testing.T) {
		g := before.Fields
		g.Title = " " + g.Title + " "
		_, changed, err := request.Edit(before, g, checkOf(true, "c1"))
		if err != nil || changed {
			t.Fatalf("changed = %v, %v; want unchanged", changed, err)
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		closed := before
		closed.Status = request.StatusArchived
		_, _, err := request.Edit(closed, before.Fields, checkOf(true, "c1"))
		if e, ok := apperr.As(err); !ok || e.Code != apperr.Forbidden || !strings.Contains(e.Error(), "只读") {
			t.Fatalf("err = %v, want forbidden, read-only", err)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		g := before.Fields
		g.Channel = "信鸽"
		if _, _, err := request.Edit(before, g, checkOf(true, "c1")); keys(err)["channel"] != "not_in_list" {
			t.Fatalf("err = %v, want channel not_in_list", err)
		}
	})
}

func TestDefaultPath(t *testing.T) {
	for _, tt := range []struct {
		typ  string
		want request.Path
	}{{"技术咨询", request.PathShort}, {"方案定制", request.PathFull}, {"旧类型", request.PathFull}, {"不在列表", request.PathFull}} {
		if got := request.DefaultPath(registerLists, tt.typ); got != tt.want {
			t.Errorf("DefaultPath(%s) = %s, want %s", tt.typ, got, tt.want)
		}
	}
}

func TestCheckDraft(t *testing.T) {
	for _, tt := range []struct {
		name, body, want string // want: a field key, or the code of a whole-draft error
	}{
		{"OKEmpty", "", ""},
		{"OK", `{"title":"咨询"}`, ""},
		{"ErrJSON", `{"title":`, "invalid_json"},
		{"ErrTooLarge", `{"t":"` + strings.Repeat("x", request.MaxDraft) + `"}`, "draft_too_large"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := request.CheckDraft(tt.body)
			got := keys(err)["body"]
			if e, ok := apperr.As(err); ok && got == "" {
				got = e.Key
			}
			if got != tt.want {
				t.Fatalf("CheckDraft = %v (%q), want %q", err, got, tt.want)
			}
		})
	}
}
