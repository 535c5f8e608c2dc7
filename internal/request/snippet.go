package request

import (
	"strings"

	"github.com/reqdesk/reqdesk/internal/search"
)

// SnippetWidth is the most characters a snippet shows.
const SnippetWidth = 48

// SnippetOf tells, for a row a search found, where the hit is when the
// brief description does not show it: a passage of the detailed
// description, else the contact's name, else the contact's phone (also
// when the query is its digits typed without, or with other, separators).
// It is nil when the brief description shows the hit, or nothing does.
func SnippetOf(query string, w Row, description string) *Snippet {
	if search.Snippet(w.Title, query, SnippetWidth) != nil {
		return nil
	}
	for _, c := range []struct{ field, text string }{
		{"description", description}, {"contactName", w.ContactName}, {"contactInfo", w.ContactInfo},
	} {
		parts := search.Snippet(c.text, query, SnippetWidth)
		if parts == nil && c.field == "contactInfo" && phoneQuery(query, c.text) {
			parts = []search.Part{{Text: c.text, Hit: true}}
		}
		if parts != nil {
			s := &Snippet{Field: c.field}
			for _, p := range parts {
				s.Parts = append(s.Parts, SnippetPart{Text: p.Text, Hit: p.Hit})
			}
			return s
		}
	}
	return nil
}

// phoneQuery reports whether the query is the phone's digits typed without
// (or with other) separators.
func phoneQuery(query, phone string) bool {
	d := search.PhoneDigits(phone)
	var q strings.Builder
	for _, r := range query {
		if r >= '0' && r <= '9' {
			q.WriteRune(r)
		}
	}
	return d != "" && q.Len() >= 3 && strings.Contains(d, q.String())
}
