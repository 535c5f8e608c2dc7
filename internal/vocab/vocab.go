// Package vocab holds the editable word lists a request is classified with:
// request types, channels, categories and departments. The lists are seeded
// with the process documents' values and edited by the user; an item is
// retired (inactive) rather than deleted, because old requests still name it.
package vocab

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Kinds of list.
const (
	KindType       = "type"
	KindChannel    = "channel"
	KindCategory   = "category"
	KindDepartment = "department"
)

// Kinds lists every kind in display order.
var Kinds = []string{KindType, KindChannel, KindCategory, KindDepartment}

// MaxLabel is the longest label accepted, in characters.
const MaxLabel = 40

// Item is one entry of a list.
type Item struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Label     string `json:"label"`
	SortOrder int    `json:"sortOrder"`
	Active    bool   `json:"active"`
	// DefaultPath is, for request types, the path such requests take
	// unless triage decides otherwise: "full" or "short".
	DefaultPath string    `json:"defaultPath"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
	Version     int64     `json:"version"`
}

// Lists holds every list, each in display order, inactive items included.
type Lists struct {
	Types       []Item `json:"types"`
	Channels    []Item `json:"channels"`
	Categories  []Item `json:"categories"`
	Departments []Item `json:"departments"`
}

// Of returns the list of the given kind.
func (l Lists) Of(kind string) []Item {
	switch kind {
	case KindType:
		return l.Types
	case KindChannel:
		return l.Channels
	case KindCategory:
		return l.Categories
	case KindDepartment:
		return l.Departments
	}
	return nil
}

// Lookup reports whether label is in the list of kind, and whether it is active.
func (l Lists) Lookup(kind, label string) (found, active bool) {
	for _, it := range l.Of(kind) {
		if it.Label == label {
			return true, it.Active
		}
	}
	return false, false
}

// ValidKind reports whether kind names a list.
func ValidKind(kind string) bool {
	for _, k := range Kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// NormalizeLabel trims a label and checks it as a single-line text; it
// returns the clean label.
func NormalizeLabel(label string) (string, error) {
	label = strings.TrimSpace(label)
	var f apperr.Fields
	f.RequiredLine("label", label, MaxLabel)
	return label, f.Err()
}

// CheckKind refuses a kind that names no list.
func CheckKind(kind string) error {
	if !ValidKind(kind) {
		return apperr.New(apperr.Invalid, "vocab_kind_unknown", apperr.P{"kind": kind}).WithField("kind", "not_in_list")
	}
	return nil
}

// CheckUnique refuses label when an item of items other than exceptID
// already has it: a list names each thing once.
func CheckUnique(items []Item, label, exceptID string) error {
	for _, it := range items {
		if it.Label == label && it.ID != exceptID {
			return &apperr.Error{Code: apperr.Conflict, Message: "列表中已有同名项", Key: "vocab_duplicate",
				Fields: []apperr.FieldError{{Field: "label", Key: "duplicate"}}}
		}
	}
	return nil
}

// NextSortOrder is the place of an item appended to items: after the last.
func NextSortOrder(items []Item) int {
	n := 0
	for _, it := range items {
		n = max(n, it.SortOrder)
	}
	return n + 1
}

// CheckOrder accepts ids as the new order of the list of kind, whose items
// are items: ids must name each of them exactly once, else the list changed
// since the user read it.
func CheckOrder(kind string, items []Item, ids []string) error {
	if items == nil && !ValidKind(kind) {
		return apperr.New(apperr.Invalid, "vocab_kind_unknown", apperr.P{"kind": kind})
	}
	have := map[string]bool{}
	for _, it := range items {
		have[it.ID] = true
	}
	if len(ids) != len(items) {
		return apperr.New(apperr.Conflict, "vocab_order_stale", nil)
	}
	for _, id := range ids {
		if !have[id] {
			return apperr.New(apperr.Conflict, "vocab_order_stale", nil)
		}
		delete(have, id)
	}
	return nil
}

// IDs lists the ids of items in their order.
func IDs(items []Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

// Paths a request type's requests take by default.
const (
	PathFull  = "full"
	PathShort = "short"
)

// CheckPath refuses a default path other than PathFull or PathShort.
func CheckPath(path string) error {
	if path != PathFull && path != PathShort {
		return &apperr.Error{Code: apperr.Invalid, Message: "流程只能是完整流程或简易流程", Key: "path_invalid",
			Fields: []apperr.FieldError{{Field: "defaultPath", Key: "not_in_list"}}}
	}
	return nil
}

// CanSetPath refuses a default path on an item that is not a request type.
func CanSetPath(it Item) error {
	if it.Kind != KindType {
		return apperr.New(apperr.Invalid, "vocab_path_only_types", nil)
	}
	return nil
}
