// Package classify holds the 需求分类标准表 (manual 001, template 2): the
// team's standard that maps each request type to its category (大类), the
// department that owns it and its default urgency, with examples. Triage
// proposes from it; nothing is forced, the person triaging decides.
package classify

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// MaxExamples is the longest examples text, in characters.
const MaxExamples = 300

// Entry is one line of the standard.
type Entry struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	Category   string          `json:"category"`
	Department string          `json:"department"`
	Urgency    request.Urgency `json:"urgency"`
	Examples   string          `json:"examples"`
	Position   int             `json:"position"`
	UpdatedAt  time.Time       `json:"updatedAt"`
	Version    int64           `json:"version"`
}

// Input is a line as the editor sends it: ID empty for a new line,
// Version the one it read.
type Input struct {
	ID         string          `json:"id"`
	Version    int64           `json:"version"`
	Type       string          `json:"type"`
	Category   string          `json:"category"`
	Department string          `json:"department"`
	Urgency    request.Urgency `json:"urgency"`
	Examples   string          `json:"examples"`
}

// Proposal is what the standard proposes for a request of a type.
type Proposal struct {
	Found      bool            `json:"found"`
	Type       string          `json:"type"`
	Category   string          `json:"category"`
	Department string          `json:"department"`
	Urgency    request.Urgency `json:"urgency"`
	Examples   string          `json:"examples"`
}

// Propose returns the standard's line for the request type, if it has one.
func Propose(std []Entry, requestType string) Proposal {
	t := strings.TrimSpace(requestType)
	for _, e := range std {
		if e.Type == t {
			return Proposal{Found: true, Type: e.Type, Category: e.Category, Department: e.Department,
				Urgency: e.Urgency, Examples: e.Examples}
		}
	}
	return Proposal{Type: t}
}

// Check validates a line against the word lists and the other lines: the
// type, category and department are items of their lists, the urgency one
// of the four, and a type has one line only. It returns the line trimmed.
func Check(in Input, lists vocab.Lists, std []Entry) (Input, error) {
	in.Type = strings.TrimSpace(in.Type)
	in.Category = strings.TrimSpace(in.Category)
	in.Department = strings.TrimSpace(in.Department)
	in.Examples = strings.TrimSpace(in.Examples)
	var fe apperr.Fields
	for _, f := range []struct {
		name, value, kind string
	}{{"type", in.Type, vocab.KindType}, {"category", in.Category, vocab.KindCategory}, {"department", in.Department, vocab.KindDepartment}} {
		if f.value == "" {
			fe.Add(f.name, "required")
		} else if found, _ := lists.Lookup(f.kind, f.value); !found {
			fe.Add(f.name, "not_in_list")
		}
	}
	if !slices.Contains(request.Urgencies, in.Urgency) {
		fe.Add("urgency", "not_in_list")
	}
	switch {
	case utf8.RuneCountInString(in.Examples) > MaxExamples:
		fe.AddParams("examples", "too_long", map[string]any{"max": MaxExamples})
	case !utf8.ValidString(in.Examples) || strings.ContainsRune(in.Examples, utf8.RuneError):
		fe.Add("examples", "invalid_text")
	}
	if in.Type != "" && !fe.Has("type") {
		for _, e := range std {
			if e.Type == in.Type && e.ID != in.ID {
				fe.Add("type", "duplicate")
			}
		}
	}
	return in, fe.Err()
}
