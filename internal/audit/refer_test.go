package audit_test

import (
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/audit"
)

func TestRefer(t *testing.T) {
	fields := []string{"id", "title", "customerName", "fields.description", "status"}
	created, err := audit.Changes(nil, map[string]any{
		"id": "r1", "title": "咨询<对接>方案 & \"报价\"", "customerName": "华信科技",
		"fields": map[string]any{"description": "第一行\n第二行\t\u2028", "receivedAt": "2024-03-15T09:55:00+08:00"},
		"status": "registered", "version": 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	quote := func(s string) string { return `"` + s + `"` }
	for _, tt := range []struct {
		name   string
		values []string
		refers bool
		codes  string
	}{
		// Codes come in the order of the fields in the entry. Go writes <, > and & escaped: a value that SQLite writes
		// otherwise is not the entry's and does not refer.
		{"OK", []string{quote("r1"), quote(`咨询\u003c对接\u003e方案 \u0026 \"报价\"`), quote("华信科技"),
			quote(`第一行\n第二行\t\u2028`), quote("registered")}, true, "cdaeb"},
		{"SomeDiffer", []string{quote("r1"), quote(`咨询<对接>方案 & \"报价\"`), quote("华信"), "null", quote("registered")},
			true, "ae"},
		{"NoneEqual", []string{quote("r2"), "", "", "", quote("archived")}, false, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ref, ok := audit.Refer(created, fields, tt.values)
			if ok != tt.refers {
				t.Fatalf("Refer = %s, %v; want refers %v", ref, ok, tt.refers)
			}
			if !ok {
				if ref != created {
					t.Fatalf("a text that does not refer changed: %s", ref)
				}
				return
			}
			if !audit.Refers(ref) || !strings.HasPrefix(ref, `{"@":"`+tt.codes+`"`) {
				t.Fatalf("Refer = %s, want the codes %s", ref, tt.codes)
			}
			if len(ref) >= len(created) {
				t.Errorf("the referring form (%d bytes) is no shorter than the text (%d)", len(ref), len(created))
			}
			got, err := audit.Resolve(ref, fields, tt.values)
			if err != nil || got != created {
				t.Fatalf("Resolve = %s, %v; want %s", got, err, created)
			}
		})
	}
}

func TestResolvePinned(t *testing.T) {
	fields := []string{"id", "status", "title"}
	created := audit.Encode([]audit.Change{{Field: "id", After: `"r1"`}, {Field: "status", After: `"registered"`},
		{Field: "title", After: `"对接"`}})
	now := []string{`"r1"`, `"registered"`, `"对接"`}
	ref, ok := audit.Refer(created, fields, now)
	if !ok || ref != `{"@":"abc"}` {
		t.Fatalf("Refer = %s, %v", ref, ok)
	}
	// The request moved on and was renamed; the triggers pinned what it
	// was (as SQLite's json_insert appends a member).
	pinned := `{"@":"abc","b":"registered","c":"对接"}`
	later := []string{`"r1"`, `"archived"`, `"对接方案"`}
	if got, err := audit.Resolve(pinned, fields, later); err != nil || got != created {
		t.Fatalf("Resolve(pinned) = %s, %v; want %s", got, err, created)
	}
	// A request gone without its values pinned leaves its fields out
	// rather than show another's.
	if got, err := audit.Resolve(`{"@":"abc","b":"registered"}`, fields, []string{"", "", ""}); err != nil ||
		got != `{"+status":"registered"}` {
		t.Fatalf("Resolve(no values) = %s, %v", got, err)
	}
	for _, bad := range []string{`{"@":"abz"}`, `{"@":"ab","~title":["",""]}`, `{"@":"ab"`, `{"+id":"r1"}`} {
		if got, err := audit.Resolve(bad, fields, now); err == nil {
			t.Errorf("Resolve(%s) = %s, want an error", bad, got)
		}
	}
	// Only a creation refers.
	if _, ok := audit.Refer(`{"~status":["registered","triaged"]}`, fields, now); ok {
		t.Error("an edit's entry refers")
	}
}

func TestReferOnlyEncodesForm(t *testing.T) {
	fields := []string{"a", "b"}
	values := []string{`"x"`, `"y"`}
	for _, text := range []string{
		`{"+a":"x", "+b":"y"}`,    // a space Encode does not write
		`{"+b":"y","+a":"x"}`,     // out of order
		`{"+a":"x","+a":"x"}`,     // a field twice
		`{"~a":["w","x"]}`,        // not a creation
		`{"!after":"x","+a":"x"}`, // a kept side
		`{"+a":"x","+b":"y"`,      // not JSON
		`{"+\u0061":"x"}`,         // a name Encode writes plainly
		`{}`,
	} {
		if got, ok := audit.Refer(text, fields, values); ok || got != text {
			t.Errorf("Refer(%s) = %s, %v; want it kept as it is", text, got, ok)
		}
	}
}

func TestArrayItems(t *testing.T) {
	for _, tt := range []struct {
		name, array string
		want        []string
		bad         bool
	}{
		{name: "OK", array: `["a\"b",null,"",12,true,"x,y]"]`, want: []string{`"a\"b"`, "null", `""`, "12", "true", `"x,y]"`}},
		{name: "Empty", array: `[]`},
		{name: "ErrNested", array: `["a",["b"]]`, bad: true},
		{name: "ErrNotArray", array: `{"a":1}`, bad: true},
		{name: "ErrCut", array: `["a`, bad: true},
		{name: "ErrSpace", array: `["a", "b"]`, bad: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := audit.ArrayItems(tt.array)
			if (err != nil) != tt.bad || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("ArrayItems(%s) = %q, %v", tt.array, got, err)
			}
		})
	}
}
