package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese line-breaking rules (避头尾, after GB/T 15834 and the W3C's
// "Requirements for Chinese Text Layout"): a line may break between any two
// CJK characters and at spaces between Latin words, never inside a Latin word
// or number, never before a closing mark and never after an opening one.
const (
	// noLineStart may not begin a line: closing brackets and quotes, the
	// sentence and pause marks, and their ASCII and half-width cousins.
	noLineStart = "，。、；：？！）》」』”’〕】〗〉｝］…‥·・％‰℃" + ",.;:?!)]}%"
	// noLineEnd may not end a line: the opening brackets and quotes.
	noLineEnd = "（《「『“‘〔【〖〈｛［" + "([{"
)

func isNoLineStart(r rune) bool { return strings.ContainsRune(noLineStart, r) }
func isNoLineEnd(r rune) bool   { return strings.ContainsRune(noLineEnd, r) }

// isWide reports whether r is set as a character of its own, with a break
// opportunity on either side: Han ideographs, kana, hangul, CJK symbols and
// punctuation, full-width forms.
func isWide(r rune) bool {
	switch {
	case r >= 0x2E80 && r <= 0x9FFF, // radicals, CJK symbols and punctuation, kana, CJK unified
		r >= 0xA960 && r <= 0xA97F, r >= 0xAC00 && r <= 0xD7FF, // hangul
		r >= 0xF900 && r <= 0xFAFF,                             // compatibility ideographs
		r >= 0xFE10 && r <= 0xFE1F, r >= 0xFE30 && r <= 0xFE4F, // vertical and compatibility forms
		r >= 0xFF00 && r <= 0xFFEF, // full-width and half-width forms
		r >= 0x20000:
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// isDashOrEllipsis marks the two-em marks (——, ……) whose halves stay on one line.
func isDashOrEllipsis(r rune) bool { return r == '—' || r == '…' }

// Breaker splits text into lines no wider than a width, measuring each rune
// with the font's advance widths.
type Breaker struct {
	// Width returns the advance of r in the unit the line width is given in.
	Width func(r rune) float64
}

// Lines breaks text into lines of at most width. A newline always ends a
// line (an empty paragraph gives an empty line); within a paragraph the
// lines, concatenated, give back the paragraph exactly: spaces where a line
// breaks stay at the end of the line, where they take no room.
func (b Breaker) Lines(text string, width float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, b.lines(para, width, width)...)
	}
	return out
}

// lines breaks one paragraph (no newlines) greedily into a first line of
// at most first and further lines of at most rest.
func (b Breaker) lines(p string, first, rest float64) []string {
	if p == "" {
		return []string{""}
	}
	var lines []string
	width := first
	var line strings.Builder
	lineW := 0.0 // width of line without its trailing spaces
	pendW := 0.0 // width of line's trailing spaces
	for _, seg := range segments(p) {
		segW, segSpace := b.measure(seg)
		if line.Len() > 0 && lineW+pendW+segW > width+1e-9 {
			lines = append(lines, line.String())
			line.Reset()
			lineW, pendW, width = 0, 0, rest
		}
		if line.Len() == 0 && segW > width+1e-9 {
			// Wider than a whole line (a long URL, a run of glued marks):
			// split it by runes, the only way left to make it fit.
			for _, r := range seg {
				rw := b.Width(r)
				if line.Len() > 0 && lineW+pendW+rw > width+1e-9 && r != ' ' {
					cur := line.String()
					carry := ""
					if isNoLineStart(r) {
						// Take the last character along, so the mark does
						// not begin the line.
						if last, size := utf8.DecodeLastRuneInString(cur); size < len(cur) && last != ' ' {
							cur, carry = cur[:len(cur)-size], string(last)
						}
					}
					lines = append(lines, cur)
					line.Reset()
					line.WriteString(carry)
					lineW, pendW, width = b.measureSimple(carry), 0, rest
				}
				line.WriteRune(r)
				if r == ' ' {
					pendW += rw
				} else {
					lineW, pendW = lineW+pendW+rw, 0
				}
			}
			continue
		}
		line.WriteString(seg)
		lineW, pendW = lineW+pendW+segW, segSpace
	}
	return append(lines, line.String())
}

// measureSimple returns the width of s, spaces included.
func (b Breaker) measureSimple(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += b.Width(r)
	}
	return w
}

// measure returns a segment's width without its trailing spaces, and the
// width of those spaces.
func (b Breaker) measure(seg string) (w, space float64) {
	for _, r := range seg {
		rw := b.Width(r)
		if r == ' ' {
			space += rw
			continue
		}
		w, space = w+space+rw, 0
	}
	return w, space
}

// segments cuts a paragraph into the pieces between which a line may break:
// first into atoms (one wide character; a Latin word or number with the
// spaces after it; a run of dashes or ellipses), then gluing a closing mark
// to what precedes it and an opening mark to what follows.
func segments(p string) []string {
	rs := []rune(p)
	var atoms []string
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isDashOrEllipsis(rs[i]):
			for j < len(rs) && rs[j] == rs[i] {
				j++
			}
		case rs[i] == ' ':
			// leading spaces of the paragraph form an atom of their own
		case isWide(rs[i]) || isNoLineStart(rs[i]) || isNoLineEnd(rs[i]):
		default:
			for j < len(rs) && rs[j] != ' ' && !isWide(rs[j]) && !isDashOrEllipsis(rs[j]) &&
				!isNoLineEnd(rs[j]) && !(isNoLineStart(rs[j]) && isClosingBracket(rs[j])) {
				j++
			}
		}
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		atoms = append(atoms, string(rs[i:j]))
		i = j
	}
	var segs []string
	glueNext := false
	for _, a := range atoms {
		first, _ := firstRune(a)
		last := lastNonSpace(a)
		switch {
		case len(segs) > 0 && (glueNext || isNoLineStart(first)):
			segs[len(segs)-1] += a
		default:
			segs = append(segs, a)
		}
		glueNext = isNoLineEnd(last) && !strings.HasSuffix(a, " ")
	}
	return segs
}

// isClosingBracket tells the closing marks that end a Latin word where they
// stand ("(see p.3)" keeps "p.3" whole but lets ")" glue to it anyway).
func isClosingBracket(r rune) bool { return strings.ContainsRune(")]}", r) }

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func lastNonSpace(s string) rune {
	t := strings.TrimRight(s, " ")
	if t == "" {
		return ' '
	}
	rs := []rune(t)
	return rs[len(rs)-1]
}
