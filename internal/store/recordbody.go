package store

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"modernc.org/sqlite"
)

// A stage record's body is kept packed (migration 0034): its values
// without their keys, in the order its kind's layout names them. The keys
// took two fifths of a body, 70 MB of the 100k data set. A packed body is
//
//	0x01, the layout's number, the values each ended by 0x00 but the last
//
// and, for keys the layout does not name, 0x01 and an object of them. A
// value is its compact JSON text with four short forms: "" is 0x02, null
// 0x03, false 0x04, true 0x05; a string leaves out its closing quote. A
// value the body lacks is empty, and those at the end are left out. JSON
// text never holds the bytes 0x00 to 0x05 outside a string, nor inside one
// (they are escaped there), so they cannot be mistaken. Layout 0 keeps the
// JSON as it is, for a body that is not an object or a kind without a
// layout. Text that does not begin with 0x01 is a body as JSON (the form
// before 0034), read as it is.
//
// The program reads a body as JSON (recordJSON), and SQL through two
// functions: record_json(body) is the JSON, record_field(body, key) one
// value as json_extract(json, '$.key') gives it. record_pack(kind, json)
// packs; a body already packed comes back as it is.
const packedBody = 0x01

const (
	valueEnd   = 0x00
	extrasMark = 0x01
	emptyText  = 0x02
	nullValue  = 0x03
	falseValue = 0x04
	trueValue  = 0x05
)

// bodyLayouts are the layouts by number, each the keys of a kind's body in
// the order of its struct. A stored body names its layout, so a layout
// only ever grows at its end (a body packed before lacks the new keys,
// which read as absent) and a number is never used for another kind: a new
// kind takes the next number. TestBodyLayoutsKeepTheirKeys holds the
// layouts to the ones released, TestBodyLayoutsNameEveryKey to the structs.
var bodyLayouts = [...]struct {
	kind string
	keys []string
}{
	1:  {"communication", []string{"at", "channel", "with", "summary", "nextStep", "waitSeconds", "scriptId", "scriptRevision"}},
	2:  {"research", []string{"method", "on", "participants", "summary"}},
	3:  {"sub_requirement", []string{"title", "owner", "milestone", "status", "dependsOn", "notes"}},
	4:  {"analysis", []string{"customerValue", "businessValue", "costDays", "costMoney", "difficulty", "horizon", "generality", "noBreakdown", "coreNeeds", "keyPoints", "expectedDelivery", "signedBy", "signedOn"}},
	5:  {"plan", []string{"versionNo", "goals", "content", "periodStart", "periodEnd", "people", "technology", "cost", "deliverables", "acceptanceCriteria", "risks", "executionPlan", "requiredReviews", "superseded", "approvedBy", "approvedAt", "signedBy", "signedOn"}},
	6:  {"review", []string{"department", "reviewer", "opinion", "result", "on", "onBehalf"}},
	7:  {"team_member", []string{"name", "role", "duties"}},
	8:  {"task", []string{"title", "owner", "start", "due", "standard", "status", "percent", "dependsOn"}},
	9:  {"progress", []string{"type", "on", "attendees", "summary", "scriptId", "scriptRevision"}},
	10: {"exception", []string{"type", "on", "cause", "handling", "result", "impact", "approvedBy"}},
	11: {"delivery", []string{"items", "deliveredOn", "acceptedOn", "representative", "accepted", "remarks"}},
	12: {"feedback", []string{"obtained", "reason", "timeliness", "effectiveness", "attitude", "overall", "solved", "newNeeds", "comments", "method", "on", "signedBy", "signedOn", "scriptId", "scriptRevision"}},
	13: {"result_note", []string{"process", "result", "advice", "handler", "resultOn", "scriptId", "scriptRevision"}},
	14: {"retrospective", []string{"wentWell", "lessons"}},
	15: {"emergency", []string{"meetingAt", "leader", "participants", "plan", "resources", "progress", "solvedAt"}},
	16: {"handover", []string{"at", "department", "receiver", "note"}},
	17: {"complaint", []string{"receivedAt", "channel", "complainant", "cause", "content", "status", "investigator", "acceptedAt", "findings", "responsible", "measures", "answer", "answeredAt", "answeredBy", "accepted", "closedAt", "closingNote"}},
	18: {"value_assessment", []string{"quarter", "repeatPurchase", "costSaved", "improvement", "improvementNote", "note", "assessor", "assessedAt"}},
}

// layoutOf is the number of each kind's layout; keyPlace the place of each
// key in its layout, by layout.
var (
	layoutOf = map[string]byte{}
	keyPlace = make([]map[string]int, len(bodyLayouts))
)

func init() {
	for n, l := range bodyLayouts {
		if l.kind == "" {
			continue
		}
		layoutOf[l.kind] = byte(n)
		keyPlace[n] = make(map[string]int, len(l.keys))
		for i, k := range l.keys {
			keyPlace[n][k] = i
		}
	}
	sqlite.MustRegisterDeterministicScalarFunction("record_pack", 2, sqlRecordPack)
	sqlite.MustRegisterDeterministicScalarFunction("record_json", 1, sqlRecordJSON)
	sqlite.MustRegisterDeterministicScalarFunction("record_field", 2, sqlRecordField)
}

// errBodyDamaged is a packed body that cannot be read.
var errBodyDamaged = errors.New("packed record body damaged")

// packBody packs raw, a body of kind as JSON, or returns a body already
// packed for kind as it is. Text that is not JSON, or a packed body that
// does not read as JSON or was packed by another kind's layout, is an
// error.
func packBody(kind string, raw []byte) ([]byte, error) {
	if len(raw) > 0 && raw[0] == packedBody {
		js, err := recordJSON(raw)
		if err != nil || !json.Valid(js) || (raw[1] != 0 && raw[1] != layoutOf[kind]) {
			return nil, fmt.Errorf("record body: %w", errBodyDamaged)
		}
		return raw, nil
	}
	var compact bytes.Buffer
	compact.Grow(len(raw))
	if err := json.Compact(&compact, raw); err != nil {
		return nil, fmt.Errorf("record body: %w", err)
	}
	js := compact.Bytes()
	n, ok := layoutOf[kind]
	if !ok || js[0] != '{' {
		return append([]byte{packedBody, 0}, js...), nil
	}
	values := make([][]byte, len(bodyLayouts[n].keys))
	var extras [][]byte
	last := -1
	err := eachMember(js, func(member, key, value []byte) {
		if i, ok := keyPlace[n][string(key)]; ok && values[i] == nil {
			values[i] = value
			last = max(last, i)
			return
		}
		extras = append(extras, member)
	})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(js))
	out = append(out, packedBody, n)
	for i := 0; i <= last; i++ {
		if i > 0 {
			out = append(out, valueEnd)
		}
		out = appendValue(out, values[i])
	}
	if len(extras) > 0 {
		out = append(out, extrasMark, '{')
		out = append(out, bytes.Join(extras, []byte{','})...)
		out = append(out, '}')
	}
	return out, nil
}

// eachMember calls fn with each member of js, a compact JSON object: the
// member's text, its key as written between the quotes, and its value.
func eachMember(js []byte, fn func(member, key, value []byte)) error {
	i := 1 // past '{'
	for i < len(js)-1 {
		start := i
		end := stringEnd(js, i)
		if end < 0 || end+1 >= len(js) || js[end+1] != ':' {
			return errors.New("record body: not an object")
		}
		key := js[i+1 : end]
		i = end + 2
		v := i
		depth := 0
	value:
		for ; i < len(js); i++ {
			switch js[i] {
			case '"':
				if i = stringEnd(js, i); i < 0 {
					return errors.New("record body: not an object")
				}
			case '{', '[':
				depth++
			case '}', ']':
				if depth == 0 {
					break value
				}
				depth--
			case ',':
				if depth == 0 {
					break value
				}
			}
		}
		fn(js[start:i], key, js[v:i])
		i++ // past ',' (or the closing '}')
	}
	return nil
}

// stringEnd is the place of the quote closing the string that opens at i.
func stringEnd(js []byte, i int) int {
	for j := i + 1; j < len(js); j++ {
		switch js[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

func appendValue(out, v []byte) []byte {
	switch string(v) {
	case "":
		return out
	case `""`:
		return append(out, emptyText)
	case "null":
		return append(out, nullValue)
	case "false":
		return append(out, falseValue)
	case "true":
		return append(out, trueValue)
	}
	if v[0] == '"' {
		return append(out, v[:len(v)-1]...)
	}
	return append(out, v...)
}

// valueJSON appends the JSON of a packed value to out.
func valueJSON(out, v []byte) []byte {
	if len(v) == 1 {
		switch v[0] {
		case emptyText:
			return append(out, `""`...)
		case nullValue:
			return append(out, "null"...)
		case falseValue:
			return append(out, "false"...)
		case trueValue:
			return append(out, "true"...)
		}
	}
	out = append(out, v...)
	if v[0] == '"' {
		out = append(out, '"')
	}
	return out
}

// packedParts splits a packed body b into its layout's number, its values
// and its object of other keys (nil for none).
func packedParts(b []byte) (byte, []byte, []byte, error) {
	if len(b) < 2 || b[0] != packedBody || int(b[1]) >= len(bodyLayouts) || (b[1] != 0 && bodyLayouts[b[1]].kind == "") {
		return 0, nil, nil, errBodyDamaged
	}
	rest, extras := b[2:], []byte(nil)
	if b[1] != 0 {
		if i := bytes.IndexByte(rest, extrasMark); i >= 0 {
			rest, extras = rest[:i], rest[i+1:]
		}
	}
	return b[1], rest, extras, nil
}

// recordJSON is the JSON of a stored body: unpacked, or as it is when it
// was kept as JSON.
func recordJSON(b []byte) ([]byte, error) {
	if len(b) == 0 {
		return nil, errBodyDamaged
	}
	if b[0] != packedBody {
		return b, nil
	}
	n, values, extras, err := packedParts(b)
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return values, nil
	}
	keys := bodyLayouts[n].keys
	out := make([]byte, 0, len(b)*2)
	out = append(out, '{')
	for i := 0; len(values) > 0; i++ {
		v, rest, _ := bytes.Cut(values, []byte{valueEnd})
		if i >= len(keys) {
			return nil, errBodyDamaged
		}
		if len(v) > 0 {
			if len(out) > 1 {
				out = append(out, ',')
			}
			out = append(out, '"')
			out = append(out, keys[i]...)
			out = append(out, '"', ':')
			out = valueJSON(out, v)
		}
		values = rest
	}
	if len(extras) > 2 {
		if len(out) > 1 {
			out = append(out, ',')
		}
		out = append(out, extras[1:len(extras)-1]...)
	}
	return append(out, '}'), nil
}

// recordBody is a body scanned from the table as request.Record keeps it.
// A packed body that cannot be read comes as a JSON text saying so, which
// request.DecodeRecord then reports as the record's damage, naming it, as
// it does a body of the wrong shape; so does record_json, so that a
// statement reading many bodies (a pull, a dump) is not stopped by one.
func recordBody(b []byte) json.RawMessage {
	js, err := recordJSON(b)
	if err != nil {
		return json.RawMessage(damagedBody)
	}
	return json.RawMessage(js)
}

// damagedBody is the JSON a body that cannot be read reads as.
const damagedBody = `"packed record body damaged"`

// recordField is one value of a stored body as json_extract(body, '$.'+key)
// gives it: text, an integer, a real, 1 or 0 for true or false, nil for
// null or a key the body lacks, or the JSON of an object or array. A body
// that cannot be read has no values (nil).
func recordField(b []byte, key string) (driver.Value, error) {
	if len(b) > 0 && b[0] == packedBody {
		n, values, extras, err := packedParts(b)
		if err != nil {
			return nil, nil
		}
		if i, ok := keyPlace[n][key]; ok && n != 0 {
			for ; i > 0 && values != nil; i-- {
				if j := bytes.IndexByte(values, valueEnd); j >= 0 {
					values = values[j+1:]
				} else {
					values = nil
				}
			}
			if v, _, _ := bytes.Cut(values, []byte{valueEnd}); len(v) > 0 {
				return jsonValue(valueJSON(nil, v))
			}
			// Not in its place: a body packed before the layout named
			// the key keeps it with the others.
		}
		b = extras
		if n == 0 {
			b = values
		}
		if len(b) == 0 {
			return nil, nil
		}
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, nil // not an object: json_extract finds no key either
	}
	v, ok := m[key]
	if !ok {
		return nil, nil
	}
	return jsonValue(v)
}

// jsonValue is a JSON value as SQLite's json_extract returns it.
func jsonValue(v []byte) (driver.Value, error) {
	switch {
	case len(v) == 0:
		return nil, nil
	case v[0] == '"':
		if bytes.IndexByte(v, '\\') < 0 {
			return string(v[1 : len(v)-1]), nil
		}
		var s string
		err := json.Unmarshal(v, &s)
		return s, err
	case v[0] == '{' || v[0] == '[':
		return string(v), nil
	case string(v) == "null":
		return nil, nil
	case string(v) == "true":
		return int64(1), nil
	case string(v) == "false":
		return int64(0), nil
	}
	if i, err := strconv.ParseInt(string(v), 10, 64); err == nil {
		return i, nil
	}
	f, err := strconv.ParseFloat(string(v), 64)
	if errors.Is(err, strconv.ErrRange) {
		err = nil // ±Inf, as SQLite reads a number too large
	}
	return f, err
}

// bytesOf is an SQL argument's bytes (text or a blob), ok false for NULL.
func bytesOf(v driver.Value) ([]byte, bool) {
	switch v := v.(type) {
	case []byte:
		return v, true
	case string:
		return []byte(v), true
	}
	return nil, false
}

func sqlRecordPack(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	kind, _ := args[0].(string)
	b, ok := bytesOf(args[1])
	if !ok {
		return nil, nil
	}
	return packBody(kind, b)
}

func sqlRecordJSON(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	b, ok := bytesOf(args[0])
	if !ok {
		return nil, nil
	}
	js, err := recordJSON(b)
	if err != nil {
		return damagedBody, nil
	}
	return string(js), nil
}

func sqlRecordField(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	b, ok := bytesOf(args[0])
	key, _ := args[1].(string)
	if !ok {
		return nil, nil
	}
	return recordField(b, key)
}
