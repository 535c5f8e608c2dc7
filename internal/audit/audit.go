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
	b, a := flatten(before), flatten(after)
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var out []Change
	for k := range keys {
		switch k {
		case "updatedAt", "version", "createdAt":
			continue
		}
		bv, av := b[k], a[k]
		if k != "kind" && k != "number" && (bv == av || (isEmptyJSON(bv) && isEmptyJSON(av))) {
			continue
		}
		out = append(out, Change{Field: k, Before: bv, After: av})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// flatten decodes a JSON object into its fields' JSON texts, with the
// fields of nested objects named parent.child.
func flatten(doc []byte) map[string]string {
	var top map[string]json.RawMessage
	_ = json.Unmarshal(doc, &top)
	out := map[string]string{}
	for k, v := range top {
		var nested map[string]json.RawMessage
		if len(v) > 0 && v[0] == '{' && json.Unmarshal(v, &nested) == nil {
			for nk, nv := range nested {
				out[k+"."+nk] = string(nv)
			}
			continue
		}
		out[k] = string(v)
	}
	return out
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
	name, _ := json.Marshal(string(mark) + field)
	b.Write(name)
	b.WriteByte(':')
}

// Compact is the stored form of the change from before to after (JSON
// documents; either may be empty): Encode(Diff(before, after)), keeping
// besides, under "!before" / "!after", a non-empty side that is not a JSON
// object, which Diff cannot read.
func Compact(before, after []byte) string {
	out := Encode(Diff(before, after))
	kept := ""
	for _, side := range []struct {
		name string
		doc  []byte
	}{{"before", before}, {"after", after}} {
		if !unreadable(side.doc) {
			continue
		}
		name, _ := json.Marshal(string(markKept) + side.name)
		text, _ := json.Marshal(string(side.doc))
		kept += string(name) + ":" + string(text)
		if side.name == "before" && unreadable(after) {
			kept += ","
		}
	}
	if kept == "" {
		return out
	}
	if out == "{}" {
		return "{" + kept + "}"
	}
	return "{" + kept + "," + out[1:]
}

// unreadable reports whether doc is a non-empty document flatten finds no
// object in: not JSON, or JSON of another kind than an object or null.
func unreadable(doc []byte) bool {
	if len(bytes.TrimSpace(doc)) == 0 {
		return false
	}
	var top map[string]json.RawMessage
	return json.Unmarshal(doc, &top) != nil
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
