package request_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// fullFields has every field set, each to a value of its own.
func fullFields() request.Fields {
	return request.Fields{CustomerID: "c", ContactID: "k", ContactName: "王工", ContactInfo: "138", Channel: "电话",
		Type: "咨询", Category: "产品类", Urgency: request.UrgencyUrgent, ImpactScope: "multi", Title: "标题",
		Description: "描述", Background: "背景", ExpectedOutcome: "期望", TimeRequirement: "本周", Scene: "场景",
		Product: "产品", ReceivedAt: time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC), ReceivedBy: "张三", Owner: "李四",
		Department: "研发部"}
}

// TestFieldDefsCoverFields: every field of request.Fields is in the one
// table (the ids under their names' fields), once.
func TestFieldDefsCoverFields(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range request.FieldDefs {
		if seen[d.Name] {
			t.Errorf("%s twice", d.Name)
		}
		seen[d.Name] = true
		if d.Label == "" || d.LabelEn == "" || d.Value == nil {
			t.Errorf("%s: label %q, en %q, value set %v", d.Name, d.Label, d.LabelEn, d.Value != nil)
		}
	}
	ft := reflect.TypeFor[request.Fields]()
	for i := range ft.NumField() {
		name, _, _ := strings.Cut(ft.Field(i).Tag.Get("json"), ",")
		if _, ok := request.FieldDefOf(name); !ok {
			t.Errorf("field %s of request.Fields is not in FieldDefs", name)
		}
	}
	for _, name := range []string{request.ImportNumber, request.ImportCustomerName, request.ImportStatus} {
		if !seen[name] {
			t.Errorf("%s is not in FieldDefs", name)
		}
	}
}

// TestFieldDefsCopyAndCompareTheirField: Copy sets its own field and no
// other; Differs sees that field and ChangedFields names it alone.
func TestFieldDefsCopyAndCompareTheirField(t *testing.T) {
	src := fullFields()
	for _, d := range request.FieldDefs {
		if d.Copy == nil {
			continue
		}
		t.Run(d.Name, func(t *testing.T) {
			var dst request.Fields
			d.Copy(&dst, src)
			changed := request.ChangedFields(request.Fields{}, dst)
			if len(changed) != 1 || changed[0].Name != d.Name {
				names := []string{}
				for _, c := range changed {
					names = append(names, c.Name)
				}
				t.Errorf("after Copy, changed = %v, want only %s", names, d.Name)
			}
			if !d.Differs(request.Fields{}, dst) {
				t.Errorf("Differs does not see the copied field")
			}
			if got, want := d.Value(request.Request{Fields: dst}), d.Value(request.Request{Fields: src}); got != want {
				t.Errorf("Value = %v, want %v", got, want)
			}
		})
	}
	if got := request.ChangedFields(src, src); len(got) != 0 {
		t.Errorf("ChangedFields of equal fields = %v", got)
	}
}

func TestFieldLabel(t *testing.T) {
	tests := []struct{ name, want string }{
		{"title", "需求描述(简要)"}, {"customerId", "客户名称"}, {"contactId", "联系人"}, {request.ImportStatus, "初步处理状态"},
		{"nope", "nope"},
	}
	for _, tt := range tests {
		if got := request.FieldLabel(tt.name); got != tt.want {
			t.Errorf("FieldLabel(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestFieldLabelsMatchTheUI: the UI names a request's fields
// (fields.request in frontend/src/locales) as the table does: in English
// always, in Chinese all but the status, which the UI calls 状态 and the
// registration table 初步处理状态 (the status a row starts in).
func TestFieldLabelsMatchTheUI(t *testing.T) {
	for _, l := range []struct {
		file  string
		label func(request.FieldDef) string
	}{{"en.ts", func(d request.FieldDef) string { return d.LabelEn }}, {"zh-CN.ts", func(d request.FieldDef) string { return d.Label }}} {
		b, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "locales", l.file))
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		i := strings.Index(text, "\n  fields: {\n    request: {\n")
		if i < 0 {
			t.Fatalf("%s: no fields.request", l.file)
		}
		block := text[i:]
		block = block[:strings.Index(block, "\n    },")]
		ui := map[string]string{}
		for _, m := range regexp.MustCompile(`(?m)^\s+(\w+): '([^']*)',`).FindAllStringSubmatch(block, -1) {
			ui[m[1]] = m[2]
		}
		for _, d := range request.FieldDefs {
			if l.file == "zh-CN.ts" && d.Name == request.ImportStatus {
				continue
			}
			if got, want := ui[d.Name], l.label(d); got != want {
				t.Errorf("%s fields.request.%s = %q, want %q as in request.FieldDefs", l.file, d.Name, got, want)
			}
		}
	}
}

// TestFieldDefsSetTheirText: SetText sets its own field and no other, and
// Value reads back what it set.
func TestFieldDefsSetTheirText(t *testing.T) {
	n := 0
	for _, d := range request.FieldDefs {
		if d.SetText == nil {
			continue
		}
		n++
		var f request.Fields
		d.SetText(&f, "x")
		changed := request.ChangedFields(request.Fields{}, f)
		if len(changed) != 1 || changed[0].Name != d.Name || d.Value(request.Request{Fields: f}) != "x" {
			t.Errorf("%s: SetText changed %d fields, value %v", d.Name, len(changed), d.Value(request.Request{Fields: f}))
		}
	}
	if got, want := n, 15; got != want {
		t.Errorf("%d text fields, want %d", got, want)
	}
}
