// Package audit describes the audit trail: who changed what, when, and how.
// The store writes an Entry in the same transaction as every change.
package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Actions recorded in the trail.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	// ActionMerge: a customer merged into another (both are audited).
	ActionMerge = "merge"
)

// Entities named in the trail.
const (
	EntityRequest      = "request"
	EntityRecord       = "record"
	EntityCustomer     = "customer"
	EntityContact      = "contact"
	EntityVocab        = "vocab"
	EntitySettings     = "settings"
	EntityAccount      = "account"
	EntityDocument     = "document"
	EntityPerson       = "person"
	EntityReport       = "report"
	EntityReportConfig = "report_config"
	EntityPolicy       = "sla_policy"
	// EntityAttachment: a file attached to a request, audited under the
	// request's id so its history shows it.
	EntityAttachment     = "attachment"
	EntityClassification = "classification"
)

// Entry is one recorded change.
type Entry struct {
	ID       string    `json:"id"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Entity   string    `json:"entity"`
	EntityID string    `json:"entityId"`
	Action   string    `json:"action"`
	Changes  []Change  `json:"changes"`
}

// Change is one field's value before and after an action. Values are JSON
// encoded so any field type fits; an absent side is empty.
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

type actorKey struct{}

// WithActor returns a context naming the person acting.
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// Actor returns the person acting in ctx, or "system" when none is named.
func Actor(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}

// Diff lists the fields whose JSON values differ between before and after
// (either may be nil), in field order. Nested objects are compared one level
// down ("fields.title"), so an edit names the fields it changed. Bookkeeping
// fields that change on every write are left out; identifying fields (the
// kind of a record, a request's number) are always kept so an entry says
// what it is about.
func Diff(before, after []byte) []Change {
	b, _ := flatten(before)
	a, _ := flatten(after)
	return diff(b, a)
}

func diff(b, a map[string]string) []Change {
	var out []Change
	add := func(k, bv, av string) {
		switch k {
		case "updatedAt", "version", "createdAt":
			return
		}
		if k != "kind" && k != "number" && (bv == av || (isEmptyJSON(bv) && isEmptyJSON(av))) {
			return
		}
		out = append(out, Change{Field: k, Before: bv, After: av})
	}
	for k, bv := range b {
		add(k, bv, a[k])
	}
	for k, av := range a {
		if _, ok := b[k]; !ok {
			add(k, "", av)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// flatten decodes a JSON object into its fields' JSON texts, with the
// fields of nested objects named parent.child; ok is false for a document
// that is not empty and not a JSON object or null (no fields are found in
// it). It reads the members' texts without decoding them, as
// json.Unmarshal into json.RawMessage values would give them.
func flatten(doc []byte) (_ map[string]string, ok bool) {
	if !json.Valid(doc) {
		return map[string]string{}, len(bytes.TrimSpace(doc)) == 0
	}
	return flattenValid(doc)
}

// flattenValid is flatten of a document known to be valid JSON.
func flattenValid(doc []byte) (_ map[string]string, ok bool) {
	out := make(map[string]string, 32)
	doc = bytes.TrimSpace(doc)
	if len(doc) == 0 || doc[0] != '{' {
		return out, string(doc) == "null"
	}
	members(doc, func(k string, v []byte) {
		if v[0] == '{' {
			members(v, func(nk string, nv []byte) { out[k+"."+nk] = string(nv) })
			return
		}
		out[k] = string(v)
	})
	return out, true
}

// members calls fn with the name and the value's text of each member of
// obj, a valid JSON object, in order.
func members(obj []byte, fn func(name string, value []byte)) {
	i := skipSpace(obj, 1)
	for i < len(obj) && obj[i] == '"' {
		end := skipValue(obj, i)
		name := string(obj[i+1 : end-1])
		if bytes.IndexByte(obj[i:end], '\\') >= 0 || !utf8.ValidString(name) {
			_ = json.Unmarshal(obj[i:end], &name)
		}
		i = skipSpace(obj, end)
		i = skipSpace(obj, i+1) // the colon
		end = skipValue(obj, i)
		fn(name, obj[i:end])
		i = skipSpace(obj, end)
		if i < len(obj) && obj[i] == ',' {
			i = skipSpace(obj, i+1)
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the valid JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(b)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipValue(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
		j++
	}
	return j
}

func isEmptyJSON(v string) bool {
	return v == "" || v == `""` || v == "null" || v == "false" || v == "0" || v == "[]"
}

// The stored form of an entry's changes (Encode, Decode): one JSON object
// holding only what Diff found, a member per changed field, sorted by field.
// A member's name is the field behind a mark saying which sides it has:
//
//	"~field": [before, after]   both sides
//	"+field": after             only after (a create, or a field added)
//	"-field": before            only before (a delete, or a field dropped)
//
// The values are the fields' JSON texts as Diff gives them, so Decode gives
// back exactly the changes that were encoded. A member marked "!" ("!before",
// "!after") keeps, as a JSON string, a stored document that was not a JSON
// object (only entries converted from the full copies of migration 0011 can
// have one); Diff found no fields in it, so Decode shows none, but its text
// is not lost.
const (
	markBoth   = '~'
	markAfter  = '+'
	markBefore = '-'
	markKept   = '!'
)

// Encode gives the stored form of changes (see above); changes must come
// from Diff: each field once, with at least one side.
func Encode(changes []Change) string {
	cs := append([]Change(nil), changes...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Field < cs[j].Field })
	var b strings.Builder
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		switch {
		case c.Before != "" && c.After != "":
			writeName(&b, markBoth, c.Field)
			b.WriteByte('[')
			b.WriteString(c.Before)
			b.WriteByte(',')
			b.WriteString(c.After)
			b.WriteByte(']')
		case c.Before != "":
			writeName(&b, markBefore, c.Field)
			b.WriteString(c.Before)
		default:
			writeName(&b, markAfter, c.Field)
			b.WriteString(c.After)
		}
	}
	b.WriteByte('}')
	return b.String()
}

func writeName(b *strings.Builder, mark byte, field string) {
	if plainName(field) {
		b.WriteByte('"')
		b.WriteByte(mark)
		b.WriteString(field)
		b.WriteString(`":`)
		return
	}
	name, _ := json.Marshal(string(mark) + field)
	b.Write(name)
	b.WriteByte(':')
}

// Compact is the stored form of the change from before to after (JSON
// documents; either may be empty): Encode(Diff(before, after)), keeping
// besides, under "!before" / "!after", a non-empty side that is not a JSON
// object, which Diff cannot read.
func Compact(before, after []byte) string {
	b, bok := flatten(before)
	a, aok := flatten(after)
	return compact(before, after, b, a, bok, aok)
}

// Changes is the stored form of the change from before to after (either
// may be nil): Compact of their JSON encodings.
func Changes(before, after any) (string, error) {
	side := func(v any) ([]byte, map[string]string, bool, error) {
		if v == nil {
			return nil, map[string]string{}, true, nil
		}
		doc, err := json.Marshal(v)
		if err != nil {
			return nil, nil, false, err
		}
		// json.Marshal writes valid JSON: no need to check it again.
		fields, ok := flattenValid(doc)
		return doc, fields, ok, nil
	}
	if before == nil && after != nil {
		doc, err := json.Marshal(after)
		if err != nil {
			return "", err
		}
		return created(doc), nil
	}
	bd, b, bok, err := side(before)
	if err != nil {
		return "", err
	}
	ad, a, aok, err := side(after)
	if err != nil {
		return "", err
	}
	return compact(bd, ad, b, a, bok, aok), nil
}

// created is Compact(nil, doc) for a valid JSON document, without the
// maps Diff needs to compare two sides: the fields of doc that are not
// empty (and kind and number), in field order.
func created(doc []byte) string {
	doc = bytes.TrimSpace(doc)
	if len(doc) == 0 || doc[0] != '{' {
		if string(doc) == "null" {
			return "{}"
		}
		return Compact(nil, doc)
	}
	cs := make([]Change, 0, 32)
	add := func(k string, v []byte) {
		switch k {
		case "updatedAt", "version", "createdAt":
			return
		}
		if k != "kind" && k != "number" && isEmptyJSON(string(v)) {
			return
		}
		cs = append(cs, Change{Field: k, After: string(v)})
	}
	members(doc, func(k string, v []byte) {
		if v[0] == '{' {
			members(v, func(nk string, nv []byte) { add(k+"."+nk, nv) })
			return
		}
		add(k, v)
	})
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Field < cs[j].Field })
	// A field named twice (a member "a.b" besides a member b of "a") is
	// kept once, with its last value, as flatten keeps it.
	out := cs[:0]
	for i, c := range cs {
		if i+1 < len(cs) && cs[i+1].Field == c.Field {
			continue
		}
		out = append(out, c)
	}
	return Encode(out)
}

func compact(before, after []byte, b, a map[string]string, bok, aok bool) string {
	out := Encode(diff(b, a))
	var kept []string
	if !bok {
		kept = append(kept, keptMember("before", before))
	}
	if !aok {
		kept = append(kept, keptMember("after", after))
	}
	if len(kept) == 0 {
		return out
	}
	if out == "{}" {
		return "{" + strings.Join(kept, ",") + "}"
	}
	return "{" + strings.Join(kept, ",") + "," + out[1:]
}

// keptMember is the member keeping the text of an unreadable side.
func keptMember(side string, doc []byte) string {
	text, _ := json.Marshal(string(doc))
	return `"` + string(markKept) + side + `":` + string(text)
}

// Decode reads the stored form of an entry's changes, in field order.
func Decode(stored string) ([]Change, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stored), &members); err != nil {
		return nil, fmt.Errorf("audit changes %.40q: %w", stored, err)
	}
	var out []Change // nil when none, as Diff gives
	for name, v := range members {
		if name == "" {
			return nil, fmt.Errorf("audit changes: a member without a name")
		}
		c := Change{Field: name[1:]}
		switch name[0] {
		case markBoth:
			var pair []json.RawMessage
			if err := json.Unmarshal(v, &pair); err != nil || len(pair) != 2 {
				return nil, fmt.Errorf("audit changes: %q is not a pair of values", c.Field)
			}
			c.Before, c.After = string(pair[0]), string(pair[1])
		case markAfter:
			c.After = string(v)
		case markBefore:
			c.Before = string(v)
		case markKept:
			continue
		default:
			return nil, fmt.Errorf("audit changes: member %q has no mark", name)
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out, nil
}
