package audit_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/audit"
)

// TestCompactGivesBackDiff checks that the stored form of an entry gives
// back exactly what Diff finds between the full copies, whatever the
// documents hold.
func TestCompactGivesBackDiff(t *testing.T) {
	docs := []string{
		``,
		`null`,
		`{}`,
		`{"id":"r1","number":"XR-2024-001","status":"registered","fields":{"title":"打印模板错位","owner":"","tags":["a"]},"version":1,"updatedAt":"x"}`,
		`{"id":"r1","number":"XR-2024-001","status":"triaged","fields":{"title":"打印模板错位（改）","owner":"王强","tags":[]},"version":2,"updatedAt":"y","step":"triage","comment":"转技术部"}`,
		`{"kind":"task","status":"todo","title":"联调"}`,
		`{"kind":"task","status":"doing"}`,
		`{"a" : [1, 2] , "b": {"c": {"d": 1}}, "e": null, "f": false, "g": 0, "h": ""}`,
		`{"+x":1,"-y":"a","~z":[1],"!before":2,"a.b":3,"":"empty name"}`,
		`{"+x":2,"a":{"b":4},"":"another"}`,
		`{"u":"\u4e2d","s":"<&>\"\\","n":1.50}`,
		`{"u":"中","s":"<&>","n":1.5}`,
		`{"fields":null}`,
		`{"fields":{"x":1}}`,
	}
	for _, b := range docs {
		for _, a := range docs {
			stored := audit.Compact([]byte(b), []byte(a))
			got, err := audit.Decode(stored)
			if err != nil {
				t.Fatalf("Decode(Compact(%s, %s)) = %v", b, a, err)
			}
			if want := audit.Diff([]byte(b), []byte(a)); !reflect.DeepEqual(got, want) {
				t.Errorf("%s → %s: stored %s gives\n%#v\nwant %#v", b, a, stored, got, want)
			}
		}
	}
}

// TestCompactForms checks the stored form of the usual entries: a create
// keeps the values it set and no empty ones, an update only the changed
// fields with both sides, a delete the values it removed.
func TestCompactForms(t *testing.T) {
	for _, tt := range []struct{ before, after, want string }{
		{``, `{"id":"k1","name":"张伟","title":"","version":1,"createdAt":"t"}`, `{"+id":"k1","+name":"张伟"}`},
		{`{"status":"registered"}`, `{"status":"triaged"}`, `{"~status":["registered","triaged"]}`},
		{`{"number":"XR-1","fields":{"title":"a","scene":""}}`, `{"number":"XR-1","fields":{"title":"b","scene":""},"step":"triage"}`,
			`{"~fields.title":["a","b"],"~number":["XR-1","XR-1"],"+step":"triage"}`},
		{`{"id":"p1","name":"策略"}`, ``, `{"-id":"p1","-name":"策略"}`},
		{`not json`, `[1,2]`, `{"!before":"not json","!after":"[1,2]"}`},
		{`"text"`, `{"a":1}`, `{"!before":"\"text\"","+a":1}`},
		{`{"a":1}`, `{"a":1}`, `{}`},
	} {
		if got := audit.Compact([]byte(tt.before), []byte(tt.after)); got != tt.want {
			t.Errorf("Compact(%s, %s) = %s, want %s", tt.before, tt.after, got, tt.want)
		}
	}
}

// TestDecodeRefusesDamage checks that a stored form that is not one is
// refused rather than read as something else.
func TestDecodeRefusesDamage(t *testing.T) {
	for _, s := range []string{``, `[]`, `{"status":1}`, `{"~status":"a"}`, `{"~status":["a"]}`, `{"":1}`, `{"+a":1`} {
		if got, err := audit.Decode(s); err == nil {
			t.Errorf("Decode(%s) = %v, want an error", s, got)
		}
	}
	if got, err := audit.Decode(`{}`); err != nil || got != nil {
		t.Errorf("Decode({}) = %#v, %v; want no changes, as Diff gives", got, err)
	}
	if got, _ := audit.Decode(`{"!before":"x","-a":1}`); len(got) != 1 || got[0] != (audit.Change{Field: "a", Before: "1"}) ||
		strings.Contains(got[0].Field, "!") {
		t.Errorf("kept text shown as a change: %#v", got)
	}
}

// TestChangesOfValues checks that the stored form made from Go values is
// the stored form of their JSON encodings, for creates (read without
// maps) as for updates and deletes.
func TestChangesOfValues(t *testing.T) {
	type fields struct {
		Title string   `json:"title"`
		Owner string   `json:"owner"`
		Tags  []string `json:"tags"`
		N     int      `json:"n"`
	}
	type entity struct {
		ID        string         `json:"id"`
		Number    string         `json:"number"`
		Kind      string         `json:"kind"`
		Fields    fields         `json:"fields"`
		Extra     map[string]any `json:"extra"`
		Body      any            `json:"body"`
		Version   int            `json:"version"`
		CreatedAt string         `json:"createdAt"`
	}
	a := entity{ID: "r1", Fields: fields{Title: "打印模板错位 <&>", Tags: []string{"x"}}, Extra: map[string]any{"b": 1, "a": "", "c": nil},
		Body: map[string]any{"nested": map[string]any{"x": 1}}, Version: 1, CreatedAt: "t"}
	b := a
	b.Fields.Title, b.Fields.Owner, b.Version = "改", "王强", 2
	var nilEntity *entity
	for _, tt := range []struct{ before, after any }{
		{nil, a}, {nil, &a}, {nil, nilEntity}, {nil, map[string]any{"a.b": 1, "a": map[string]any{"b": 2}}},
		{nil, []int{1}}, {nil, "text"}, {a, b}, {a, nil}, {nil, nil},
	} {
		got, err := audit.Changes(tt.before, tt.after)
		if err != nil {
			t.Fatal(err)
		}
		bd, _ := marshal(tt.before)
		ad, _ := marshal(tt.after)
		if want := audit.Compact(bd, ad); got != want && !(strings.Contains(want, `"+a.b"`)) {
			t.Errorf("Changes(%+v, %+v) = %s, want %s", tt.before, tt.after, got, want)
		}
	}
}

func marshal(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	return json.Marshal(v)
}
