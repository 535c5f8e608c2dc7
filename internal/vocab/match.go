package vocab

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Match finds the item of the list of kind that text names: the same label,
// or one that differs only in full-width letters and brackets, spaces or
// case ("问题（报障）" names "问题(报障)"), which is how labels typed into a
// spreadsheet by hand differ from the list, or one part of a label that
// joins two names with a slash ("来访" names "来访/面谈"). It returns the item's label as
// the list spells it.
func (l Lists) Match(kind, text string) (label string, active, ok bool) {
	items := l.Of(kind)
	for _, it := range items {
		if it.Label == text {
			return it.Label, it.Active, true
		}
	}
	key := MatchKey(text)
	for _, it := range items {
		if MatchKey(it.Label) == key {
			return it.Label, it.Active, true
		}
	}
	// "来访" names "来访/面谈": one of the parts of a label that joins two
	// names, when no other label has that part.
	found := -1
	for i, it := range items {
		for _, part := range strings.Split(MatchKey(it.Label), "/") {
			if part == key && part != "" {
				if found >= 0 && found != i {
					return "", false, false
				}
				found = i
			}
		}
	}
	if found >= 0 {
		return items[found].Label, items[found].Active, true
	}
	return "", false, false
}

// ActiveLabels lists the labels of the list of kind that may be chosen now,
// in display order.
func (l Lists) ActiveLabels(kind string) []string {
	var out []string
	for _, it := range l.Of(kind) {
		if it.Active {
			out = append(out, it.Label)
		}
	}
	return out
}

// MatchKey is the form in which two labels count as the same: full-width
// folded, lower-cased, without spaces.
func MatchKey(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
}
