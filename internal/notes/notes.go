// Package notes holds the team's internal notes on a request (内部备注):
// written for colleagues, apart from the communication log with the
// customer, never printed on a customer's document. A note may name
// colleagues with @name; each one named is notified.
package notes

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// MaxBody is the longest note, in characters.
const MaxBody = 2000

// Note is one internal note on a request.
type Note struct {
	ID        string    `json:"id"`
	RequestID string    `json:"requestId"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	Mentions  []string  `json:"mentions"`
	CreatedAt time.Time `json:"createdAt"`
	Version   int64     `json:"version"`
}

// Mention is a note that names someone, as that person's notification
// shows it.
type Mention struct {
	NoteID    string    `json:"noteId"`
	RequestID string    `json:"requestId"`
	Number    string    `json:"number"`
	Title     string    `json:"title"`
	Person    string    `json:"person"`
	Author    string    `json:"author"`
	Body      string    `json:"body"`
	At        time.Time `json:"at"`
}

// maxUnknown bounds the word an unknown @name is taken to be, so that a
// Chinese sentence after an unknown name is not read as the name.
const maxUnknown = 8

// Parse finds the @names in body: found are the names of people, in the
// order they first appear, each once; unknown are the words after an @
// that name nobody. Names are matched as written after the @ (or the
// full-width ＠), the longest first, so 王芳 and 王芳芳 are told apart and a
// Chinese name needs no space after it (@王芳请看); a Latin name must end at
// a word boundary (@Li is not @Lily). An @ right after a letter or digit is
// part of an e-mail address, not a mention.
func Parse(body string, names []string) (found, unknown []string) {
	seen := map[string]bool{}
	var prev rune
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		if (r != '@' && r != '＠') || isWordRune(prev) {
			prev = r
			i += size
			continue
		}
		rest := body[i+size:]
		name := longestName(rest, names)
		if name == "" {
			// An unknown word that ends in a domain (张三@公司.com) is the
			// rest of an e-mail address, not a mention.
			if w := unknownWord(rest); w != "" && !isDomain(w) {
				if !seen["?"+w] {
					seen["?"+w] = true
					unknown = append(unknown, w)
				}
				prev = r
				i += size + len(w)
				continue
			}
			prev = r
			i += size
			continue
		}
		if !seen[name] {
			seen[name] = true
			found = append(found, name)
		}
		last, _ := utf8.DecodeLastRuneInString(name)
		prev = last
		i += size + len(name)
	}
	return found, unknown
}

func longestName(rest string, names []string) string {
	best := ""
	for _, n := range names {
		if n == "" || len(n) <= len(best) || !strings.HasPrefix(rest, n) {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(n)
		next, _ := utf8.DecodeRuneInString(rest[len(n):])
		if isLatinWord(last) && isLatinWord(next) {
			continue
		}
		best = n
	}
	return best
}

// unknownWord is the word an @ that names nobody is followed by: letters
// and digits, at most maxUnknown of them.
func unknownWord(rest string) string {
	n := 0
	end := 0
	for j, r := range rest {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '.' && r != '-' || n == maxUnknown {
			break
		}
		n++
		end = j + utf8.RuneLen(r)
	}
	return strings.TrimRight(rest[:end], ".-")
}

// isDomain reports whether w ends like an address's domain: a dot and at
// least two Latin letters (公司.com, example.cn).
func isDomain(w string) bool {
	dot := strings.LastIndexByte(w, '.')
	if dot < 0 || len(w)-dot-1 < 2 {
		return false
	}
	for _, r := range w[dot+1:] {
		if r >= utf8.RuneSelf || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return isLatinWord(r) }

func isLatinWord(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

// Check normalizes a note's text and finds whom it names among the active
// people (names): a note is required, at most MaxBody characters, and
// every @name must be someone on the list (named in the error, so the
// writer can correct it rather than believe a colleague was told).
func Check(body string, names []string) (string, []string, error) {
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	var fe apperr.Fields
	fe.Required("body", body, MaxBody)
	if err := fe.Err(); err != nil {
		return "", nil, err
	}
	found, unknown := Parse(body, names)
	if len(unknown) > 0 {
		fe.AddParams("body", "note_mention_unknown", map[string]any{"name": "@" + strings.Join(unknown, "、@")})
		return "", nil, fe.Err()
	}
	if found == nil {
		found = []string{}
	}
	return body, found, nil
}
