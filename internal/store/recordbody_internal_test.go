package store

import (
	"database/sql"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/request"
)

// jsonKeys are the keys of a body struct's JSON, in its order.
func jsonKeys(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous && name == "":
			out = append(out, jsonKeys(f.Type)...)
		case name == "-" || !f.IsExported():
		case name == "":
			out = append(out, f.Name)
		default:
			out = append(out, name)
		}
	}
	return out
}

// TestBodyLayoutsNameEveryKey: each kind's layout names the keys of its
// struct in their order, so a body as the program writes it packs without
// keys and reads back as the same text. A new field is added at the end of
// its kind's layout (never in between: bodies already packed name their
// values by place).
func TestBodyLayoutsNameEveryKey(t *testing.T) {
	for n, l := range bodyLayouts {
		if n == 0 {
			continue
		}
		v, ok := request.NewBody(request.RecordKind(l.kind))
		if !ok {
			t.Errorf("layout %d: kind %q unknown", n, l.kind)
			continue
		}
		keys := jsonKeys(reflect.TypeOf(v).Elem())
		if !slices.Equal(keys, l.keys[:min(len(keys), len(l.keys))]) || len(keys) != len(l.keys) {
			t.Errorf("layout %d (%s): keys %q, the struct's %q", n, l.kind, l.keys, keys)
		}
	}
	for _, k := range []request.RecordKind{request.KindCommunication, request.KindResearch, request.KindSubRequirement,
		request.KindAnalysis, request.KindPlan, request.KindReview, request.KindTeamMember, request.KindTask,
		request.KindProgress, request.KindException, request.KindDelivery, request.KindFeedback, request.KindResultNote,
		request.KindRetrospective, request.KindEmergency, request.KindHandover, request.KindComplaint,
		request.KindValueAssessment} {
		if _, ok := layoutOf[string(k)]; !ok {
			t.Errorf("kind %s has no layout", k)
		}
	}
}

// TestBodyLayoutsKeepTheirKeys: the layouts as released (0034). Bodies
// packed by them are on laptops and servers, so a layout may only gain keys
// at its end.
func TestBodyLayoutsKeepTheirKeys(t *testing.T) {
	released := map[int]string{
		1:  "communication at channel with summary nextStep waitSeconds scriptId scriptRevision",
		2:  "research method on participants summary",
		3:  "sub_requirement title owner milestone status dependsOn notes",
		4:  "analysis customerValue businessValue costDays costMoney difficulty horizon generality noBreakdown coreNeeds keyPoints expectedDelivery signedBy signedOn",
		5:  "plan versionNo goals content periodStart periodEnd people technology cost deliverables acceptanceCriteria risks executionPlan requiredReviews superseded approvedBy approvedAt signedBy signedOn",
		6:  "review department reviewer opinion result on onBehalf",
		7:  "team_member name role duties",
		8:  "task title owner start due standard status percent dependsOn",
		9:  "progress type on attendees summary scriptId scriptRevision",
		10: "exception type on cause handling result impact approvedBy",
		11: "delivery items deliveredOn acceptedOn representative accepted remarks",
		12: "feedback obtained reason timeliness effectiveness attitude overall solved newNeeds comments method on signedBy signedOn scriptId scriptRevision",
		13: "result_note process result advice handler resultOn scriptId scriptRevision",
		14: "retrospective wentWell lessons",
		15: "emergency meetingAt leader participants plan resources progress solvedAt",
		16: "handover at department receiver note",
		17: "complaint receivedAt channel complainant cause content status investigator acceptedAt findings responsible measures answer answeredAt answeredBy accepted closedAt closingNote",
		18: "value_assessment quarter repeatPurchase costSaved improvement improvementNote note assessor assessedAt",
	}
	for n, want := range released {
		f := strings.Fields(want)
		if n >= len(bodyLayouts) || bodyLayouts[n].kind != f[0] || !slices.Equal(bodyLayouts[n].keys[:min(len(f)-1, len(bodyLayouts[n].keys))], f[1:]) {
			t.Errorf("layout %d changed: want %q first", n, want)
		}
	}
}

func TestPackBody(t *testing.T) {
	for _, c := range []struct {
		kind, in, out string // out "" for in itself
	}{
		{"task", `{"title":"联调测试","owner":"陈静","start":"2021-12-08","due":"2021-12-22","standard":"通过测试用例","status":"done","percent":100,"dependsOn":null}`, ""},
		{"communication", `{"at":"2021-12-20T02:42:54.519166115+08:00","channel":"邮件","with":"张涛","summary":"向客户通报\"进度\"：\\n完成","nextStep":""}`, ""},
		{"communication", `{"at":"2021-12-20T02:42:54+08:00","scriptId":"s1","scriptRevision":3}`, ""},
		{"plan", `{"versionNo":2,"requiredReviews":["技术支持部","财务部"],"superseded":false,"approvedAt":"2021-11-28T01:29:04.998Z"}`, ""},
		{"delivery", `{"items":"x","accepted":true,"remarks":""}`, ""},
		{"feedback", `{}`, ""},
		// Keys the layout does not name, and one twice, follow the rest.
		{"review", `{"extra":{"a":[1,2,{"b":"}"}]},"result":"pass","result":"fail","on":"2021-01-02"}`,
			`{"result":"pass","on":"2021-01-02","extra":{"a":[1,2,{"b":"}"}]},"result":"fail"}`},
		// Keys out of order come back in the layout's.
		{"team_member", `{"duties":"d","name":"n"}`, `{"name":"n","duties":"d"}`},
		// Spaces go; numbers and escapes stay as written.
		{"analysis", ` { "costDays" : 1.5e3 , "coreNeeds" : "a\u0000b" } `, `{"costDays":1.5e3,"coreNeeds":"a\u0000b"}`},
		// A kind without a layout, or a body that is not an object: as it is.
		{"unknown", `{"a":1}`, ""},
		{"task", `[1,2]`, ""},
		{"task", `"text"`, ""},
	} {
		packed, err := packBody(c.kind, []byte(c.in))
		if err != nil {
			t.Fatalf("%s: %v", c.in, err)
		}
		want := c.out
		if want == "" {
			want = strings.Join(strings.Fields(c.in), "")
			if c.kind != "analysis" {
				want = c.in
			}
		}
		back, err := recordJSON(packed)
		if err != nil || string(back) != want {
			t.Errorf("%s: packed %q reads back %s (%v), want %s", c.in, packed, back, err, want)
		}
		if again, err := packBody(c.kind, packed); err != nil || string(again) != string(packed) {
			t.Errorf("%s: packing a packed body gave %q, %v", c.in, again, err)
		}
		if strings.HasPrefix(want, "{") && c.kind != "unknown" && len(packed) >= len(want) && want != "{}" {
			t.Errorf("%s: packed %d bytes, the JSON %d", c.in, len(packed), len(want))
		}
	}
	for _, bad := range []string{``, `{`, `{"a":}`, `nope`} {
		if p, err := packBody("task", []byte(bad)); err == nil {
			t.Errorf("%q packed as %q", bad, p)
		}
	}
	for _, damaged := range [][]byte{{}, {packedBody}, {packedBody, 99}, {packedBody, 7, 'x', 0, 'y', 0, 'z', 0, 'w'}} {
		if js, err := recordJSON(damaged); err == nil {
			t.Errorf("%q read as %s", damaged, js)
		}
		if js := recordBody(damaged); string(js) != damagedBody {
			t.Errorf("%q read for the program as %s", damaged, js)
		}
	}
	// A packed body is taken as it is only when it reads as JSON and was
	// packed for the kind.
	task, _ := packBody("task", []byte(`{"title":"t"}`))
	for _, bad := range [][]byte{[]byte("garbage"), {packedBody, 99}, task} {
		if p, err := packBody("communication", bad); err == nil {
			t.Errorf("%q taken for a communication as %q", bad, p)
		}
	}
	if p, err := packBody("task", task); err != nil || string(p) != string(task) {
		t.Errorf("a packed task taken as %q, %v", p, err)
	}
	// A body kept as JSON (before 0034) reads as it is.
	if js, err := recordJSON([]byte(`{"name":"n"}`)); err != nil || string(js) != `{"name":"n"}` {
		t.Errorf("JSON body read as %s, %v", js, err)
	}
}

// TestRecordField: record_field gives what json_extract gives on the JSON,
// for every kind of value, packed or not.
func TestRecordField(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bodies := map[string]string{
		"plan":          `{"versionNo":2,"goals":"目标 \"引号\"","cost":270000.5,"requiredReviews":["技术支持部"],"superseded":false,"approvedBy":null,"signedOn":"","x":{"y":1},"z":true}`,
		"delivery":      `{"items":"x","accepted":true}`,
		"communication": `{"at":"2021-12-20T02:42:54+08:00","waitSeconds":-3}`,
		"unknown":       `{"a":"b","n":1e2}`,
	}
	keys := []string{"versionNo", "goals", "cost", "requiredReviews", "superseded", "approvedBy", "signedOn", "x", "z",
		"items", "accepted", "remarks", "at", "waitSeconds", "scriptId", "a", "n", "missing"}
	for kind, body := range bodies {
		for _, key := range keys {
			var want, got, viaJSON, typeWant, typeGot any
			err := db.QueryRow(`SELECT json_extract(?1, '$.' || ?3), record_field(record_pack(?2, ?1), ?3),
				json_extract(record_json(record_pack(?2, ?1)), '$.' || ?3),
				typeof(json_extract(?1, '$.' || ?3)), typeof(record_field(record_pack(?2, ?1), ?3))`,
				body, kind, key).Scan(&want, &got, &viaJSON, &typeWant, &typeGot)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(want, got) || !reflect.DeepEqual(want, viaJSON) || typeWant != typeGot {
				t.Errorf("%s %s: json_extract %v (%v), record_field %v (%v), of record_json %v", kind, key, want, typeWant, got, typeGot, viaJSON)
			}
		}
	}
	// A body packed before its layout named a key keeps it with the
	// others, and it is found there.
	var v any
	if err := db.QueryRow(`SELECT record_field(x'0107' || CAST('"n' AS BLOB) || x'01' || CAST('{"duties":"d"}' AS BLOB), 'duties')`).
		Scan(&v); err != nil || v != "d" {
		t.Errorf("a key kept with the others: %v, %v", v, err)
	}
	// A body that cannot be read has no values, and reads as saying so:
	// a statement over many is not stopped by one.
	if err := db.QueryRow(`SELECT record_field(x'0163', 'x'), record_json(x'0163')`).Scan(&v, &v); err != nil || v != damagedBody {
		t.Errorf("a damaged body: %v, %v", v, err)
	}
	if err := db.QueryRow(`SELECT record_field(record_pack('plan', '{"cost":1e400}'), 'cost') = json_extract('{"cost":1e400}', '$.cost')`).
		Scan(&v); err != nil || v != int64(1) {
		t.Errorf("a number too large: %v, %v", v, err)
	}
	// A body kept as JSON answers the same.
	if err := db.QueryRow(`SELECT record_field(?, 'goals')`, bodies["plan"]).Scan(&v); err != nil || v != `目标 "引号"` {
		t.Errorf("field of a JSON body: %v, %v", v, err)
	}
	if err := db.QueryRow(`SELECT record_pack('task', 'not json')`).Scan(&v); err == nil {
		t.Error("record_pack took text that is not JSON")
	}
	var raw []byte
	if err := db.QueryRow(`SELECT record_json(NULL)`).Scan(&raw); err != nil || raw != nil {
		t.Errorf("record_json(NULL) = %s, %v", raw, err)
	}
}
