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
