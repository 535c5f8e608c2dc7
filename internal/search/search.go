// Package search makes Chinese text findable by substring in SQLite's FTS5.
//
// FTS5's unicode61 tokenizer treats a run of Chinese characters as one token
// and its trigram tokenizer cannot find words shorter than three characters,
// yet the commonest Chinese words (对接, 合同) have two. So the text is cut
// here, the way CJK search engines do it: every run of Han characters becomes
// its overlapping bigrams ("系统对接" → 系统 统对 对接) in one column, and its
// last character in another; Latin words and numbers stay whole. A query is
// cut the same way and becomes a phrase of bigrams, which matches exactly the
// documents containing that run of characters, whatever its length. A single
// character is the first of a bigram, or the last of its run: a query for it
// looks for both.
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Doc is the indexed form of a text: the two FTS5 columns.
type Doc struct {
	Bigrams string // CJK bigrams (a lone character stands for itself) and Latin words
	// Unigrams holds the last character of every CJK run: every other
	// character of a run begins one of its bigrams, so a single character
	// is found as a prefix of Bigrams or in Unigrams (Match). Keeping every
	// character here instead, as the index did before version 3, took more
	// than half of the index.
	Unigrams string
}

// separator is a token no text yields (runs drops it), placed between texts.
const separator = "ǂ"

type run struct {
	cjk  bool
	text []rune
}

func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// runs splits text into runs of CJK characters and of Latin letters and
// digits, dropping everything else. Full-width Latin is folded to ASCII and
// letters are lower-cased.
func runs(text string) []run {
	text = width.Fold.String(text)
	var out []run
	var cur *run
	for _, r := range text {
		switch {
		case isCJK(r):
			if cur == nil || !cur.cjk {
				out = append(out, run{cjk: true})
				cur = &out[len(out)-1]
			}
		case (unicode.IsLetter(r) || unicode.IsDigit(r)) && string(r) != separator:
			if cur == nil || cur.cjk {
				out = append(out, run{})
				cur = &out[len(out)-1]
			}
			r = unicode.ToLower(r)
		default:
			cur = nil
			continue
		}
		cur.text = append(cur.text, r)
	}
	return out
}

// bigrams returns the overlapping pairs of a CJK run, or the run itself when
// it is one character long.
func bigrams(r []rune) []string {
	if len(r) == 1 {
		return []string{string(r)}
	}
	out := make([]string, 0, len(r)-1)
	for i := 0; i+1 < len(r); i++ {
		out = append(out, string(r[i:i+2]))
	}
	return out
}

// Join is the Doc of a's texts followed by b's: Index(x, y...) is
// Join(Index(x), Index(y...)), so the two can be cut apart.
func Join(a, b Doc) Doc {
	return Doc{Bigrams: a.Bigrams + b.Bigrams, Unigrams: a.Unigrams + b.Unigrams}
}

// Index cuts the given texts into one Doc.
func Index(texts ...string) Doc {
	var bi, uni strings.Builder
	for _, t := range texts {
		for _, r := range runs(t) {
			if !r.cjk {
				bi.WriteString(string(r.text))
				bi.WriteByte(' ')
				continue
			}
			for _, g := range bigrams(r.text) {
				bi.WriteString(g)
				bi.WriteByte(' ')
			}
			uni.WriteRune(r.text[len(r.text)-1])
			uni.WriteByte(' ')
		}
		// A filler token keeps texts apart, so a phrase never spans two.
		bi.WriteString(separator + " ")
	}
	return Doc{Bigrams: bi.String(), Unigrams: uni.String()}
}

// Match turns what a user typed into an FTS5 MATCH expression over the
// columns "bi" and "uni", or "" when it holds nothing searchable. Every run
// of the query must be found: a CJK run of two or more characters as its
// exact sequence, a single character anywhere, a Latin word as a prefix.
func Match(query string) string {
	var parts []string
	for _, r := range runs(query) {
		switch {
		case !r.cjk:
			parts = append(parts, `bi:"`+string(r.text)+`"*`)
		case len(r.text) == 1:
			parts = append(parts, single(r.text[0]))
		default:
			parts = append(parts, `bi:"`+strings.Join(bigrams(r.text), " ")+`"`)
		}
	}
	return strings.Join(parts, " AND ")
}

// single is the MATCH expression finding one CJK character (see Doc): the
// bigrams it begins, or the end of a run.
func single(c rune) string {
	return `(bi:"` + string(c) + `"* OR uni:"` + string(c) + `")`
}

// PhoneDigits returns the digits of a phone number run together
// ("138-0013-8000" → "13800138000"), so that a number typed without its
// separators finds it; "" when text is no phone (an e-mail address) or
// holds no separated digits.
func PhoneDigits(text string) string {
	text = width.Fold.String(text)
	if strings.Contains(text, "@") {
		return ""
	}
	var b strings.Builder
	groups, inDigits := 0, false
	for _, r := range text {
		isDigit := r >= '0' && r <= '9'
		if isDigit {
			b.WriteRune(r)
			if !inDigits {
				groups++
			}
		}
		inDigits = isDigit
	}
	if groups < 2 {
		return ""
	}
	return b.String()
}

// A Part is a piece of a snippet: found by the query (Hit) or around it.
type Part struct {
	Text string
	Hit  bool
}

// Snippet returns a passage of at most width characters of text around the
// first place the query is found, with every run of the query marked in it
// and "…" where the text was cut; nil when the query is not in text. It
// compares as the index does: full-width folded, case-insensitive, one run
// of the query at a time (a Latin word anywhere, not only at its start).
func Snippet(text, query string, width int) []Part {
	src := []rune(text)
	folded := make([]rune, len(src))
	for i, r := range src {
		folded[i] = foldRune(r)
	}
	hit := make([]bool, len(src))
	first := -1
	for _, q := range runs(query) {
		n := len(q.text)
		for i := 0; i+n <= len(folded); i++ {
			if !equalRunes(folded[i:i+n], q.text) {
				continue
			}
			for j := i; j < i+n; j++ {
				hit[j] = true
			}
			if first < 0 || i < first {
				first = i
			}
		}
	}
	if first < 0 {
		return nil
	}
	start := 0
	if len(src) > width {
		// A little context before the hit, the rest after it: the hit
		// stays near the start, where a cell cut to two lines shows it.
		start = max(0, first-width/4)
	}
	end := min(len(src), start+width)
	var parts []Part
	add := func(s string, h bool) {
		if n := len(parts); n > 0 && parts[n-1].Hit == h {
			parts[n-1].Text += s
			return
		}
		parts = append(parts, Part{Text: s, Hit: h})
	}
	if start > 0 {
		add("…", false)
	}
	for i := start; i < end; i++ {
		add(string(src[i]), hit[i])
	}
	if end < len(src) {
		add("…", false)
	}
	return parts
}

// foldRune is r as runs compares it: full-width folded, lower-cased.
// width.Fold changes only the ideographic space and the half- and
// full-width forms (U+FF00 on); every other rune, the Han characters of a
// description among them, skips it, which makes a page's snippets cheap.
func foldRune(r rune) rune {
	if r == 0x3000 || r >= 0xFF00 {
		if f := []rune(width.Fold.String(string(r))); len(f) == 1 {
			r = f[0]
		}
	}
	return unicode.ToLower(r)
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// maxSimilarTerms bounds the terms of a Similar query, so that a long
// title stays a fast search.
const maxSimilarTerms = 12

// SimilarTerms cuts a text into the FTS5 MATCH expressions of its words:
// each distinct bigram of its CJK runs (a single character as itself),
// each Latin word as a prefix, the first maxSimilarTerms of them.
func SimilarTerms(text string) []string {
	var parts []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] && len(parts) < maxSimilarTerms {
			seen[p] = true
			parts = append(parts, p)
		}
	}
	for _, r := range runs(text) {
		switch {
		case !r.cjk:
			add(`bi:"` + string(r.text) + `"*`)
		case len(r.text) == 1:
			add(single(r.text[0]))
		default:
			for _, g := range bigrams(r.text) {
				add(`bi:"` + g + `"`)
			}
		}
	}
	return parts
}

// Similar turns a text into an FTS5 MATCH expression that finds documents
// sharing any of its words (SimilarTerms joined by OR), so FTS5's rank
// orders them by how much of the text they share; "" when it holds nothing
// searchable.
func Similar(text string) string {
	return strings.Join(SimilarTerms(text), " OR ")
}
