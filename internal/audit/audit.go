// Package audit describes the audit trail: who changed what, when, and how.
// The store writes an Entry in the same transaction as every change.
package audit

import (
	"context"
	"encoding/json"
	"sort"
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
