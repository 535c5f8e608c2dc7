package audit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A creation's entry repeats the values it created, which the entity
// itself keeps as long as they are not changed: a request's creation was
// most of the audit log (about 480 bytes an entry, packed, of a
// request's 6,500). Since
// migration 0041 the store may keep such an entry in its referring form,
// which names each of those fields by a code instead of keeping the value,
// and keeps only the rest:
//
//	{"@":"abn","+fields.receivedAt":"2024-03-15T09:55:00+08:00","c":"registered"}
//
// Member "@" lists the codes (Code) of the fields that refer, first in the
// object. A member named by a code alone is that field's value pinned
// (written into the entry when the entity's value changed, before which it
// was the entity's); members marked "+" are kept as Encode wrote them. The
// store keeps the referred values true: a field refers only where its
// value is the entity's, and the entity's triggers pin the value before
// they change it (internal/store/auditrefs.go).
//
// Resolve gives back the very text Encode wrote, so a history, a team's
// copy and a comparison read the entry as it was written.

// RefPrefix begins every referring form, and nothing else Encode writes.
const RefPrefix = `{"@":"`

// Refers reports whether stored text is in the referring form.
func Refers(text string) bool { return strings.HasPrefix(text, RefPrefix) }

// Code is the code of the i-th field a referring form may name: a to z,
// then A to Z.
func Code(i int) byte {
	if i < 26 {
		return 'a' + byte(i)
	}
	return 'A' + byte(i-26)
}

func codeIndex(c byte) int {
	switch {
	case c >= 'a' && c <= 'z':
		return int(c - 'a')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 26
	}
	return -1
}

// MaxRefFields is how many fields codes can name.
const MaxRefFields = 52

// Refer gives the referring form of text, the stored form of a creation
// (every member marked "+", as Encode writes them): each field of fields
// whose value is the JSON text values[i] (its position in fields is its
// code) is named by its code; ok is false, and text is to be kept as it
// is, when no field can refer or text is not a creation's as Encode
// writes it. values[i] is "" or "null" for a field the entity has no
// value of. The members kept are copied as they are, so Resolve, which
// encodes them all again in order, gives back text exactly.
func Refer(text string, fields []string, values []string) (_ string, ok bool) {
	// The scan below takes only Encode's layout, of valid JSON: an entry
	// that is not (damaged) stays as it is, and so does History's reading
	// of it.
	if len(fields) > MaxRefFields || len(values) != len(fields) || len(text) < 3 || text[0] != '{' ||
		text[len(text)-1] != '}' || !json.Valid([]byte(text)) {
		return text, false
	}
	var codes []byte
	var kept strings.Builder
	prev := ""
	tb := []byte(text)
	for pos := 1; pos < len(text)-1; {
		// One member as Encode writes it: "+name":value, then , or }.
		if text[pos] != '"' || pos+1 >= len(text) || text[pos+1] != markAfter {
			return text, false
		}
		end := skipValue(tb, pos)
		field := text[pos+2 : end-1]
		if !plainName(field) || field <= prev || end >= len(text) || text[end] != ':' {
			return text, false
		}
		prev = field
		vEnd := skipValue(tb, end+1)
		if last := vEnd == len(text)-1; vEnd >= len(text) || (text[vEnd] == '}') != last || (!last && text[vEnd] != ',') {
			return text, false
		}
		v := text[end+1 : vEnd]
		if i := slices.Index(fields, field); i >= 0 && values[i] != "" && values[i] != "null" && v == values[i] {
			codes = append(codes, Code(i))
		} else {
			kept.WriteByte(',')
			kept.WriteString(text[pos:vEnd])
		}
		pos = vEnd + 1
	}
	if len(codes) == 0 {
		return text, false
	}
	return RefPrefix + string(codes) + `"` + kept.String() + "}", true
}

// plainName reports whether Encode writes field as it is (writeName).
func plainName(field string) bool {
	for i := 0; i < len(field); i++ {
		c := field[i]
		if c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return field != ""
}

// QuoteSafe gives the JSON text of s as both encoding/json and SQLite's
// json_quote write it; ok is false, and the text "", where they may differ
// (Go escapes <, >, &, U+2028 and U+2029 and replaces invalid UTF-8; the
// two escape control characters differently).
func QuoteSafe(s string) (_ string, ok bool) {
	if !utf8.ValidString(s) || strings.ContainsAny(s, "<>&\u2028\u2029") {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 {
				return "", false
			}
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String(), true
}

// ArrayItems gives the JSON texts of the items of a JSON array of
// strings, numbers, booleans and nulls, as SQLite's json_array writes it.
func ArrayItems(array string) ([]string, error) {
	b := []byte(array)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return nil, fmt.Errorf("audit values %.40q: not an array", array)
	}
	var out []string
	for pos := 1; pos < len(b)-1; {
		switch b[pos] {
		case '{', '[', ',', ']', ' ':
			return nil, fmt.Errorf("audit values %.40q: not an array of values", array)
		}
		end := skipValue(b, pos)
		if end >= len(b) || (b[end] != ',' && b[end] != ']') || (b[pos] == '"' && (end-pos < 2 || b[end-1] != '"')) {
			return nil, fmt.Errorf("audit values %.40q: not an array of values", array)
		}
		out = append(out, array[pos:end])
		pos = end + 1
	}
	return out, nil
}

// Resolve gives the text of a referring form (Refer), with the fields it
// names by code taken from the values pinned in it, else from values (as
// Refer's). A field whose value is neither pinned nor given is left out.
func Resolve(ref string, fields []string, values []string) (string, error) {
	if !Refers(ref) || !json.Valid([]byte(ref)) {
		return "", fmt.Errorf("audit changes %.40q: not a referring form", ref)
	}
	var codes string
	pinned := map[byte]string{}
	var cs []Change
	var bad error
	members([]byte(ref), func(name string, v []byte) {
		switch {
		case name == "@":
			if err := json.Unmarshal(v, &codes); err != nil {
				bad = fmt.Errorf("audit changes: codes %s: %w", v, err)
			}
		case len(name) == 1 && codeIndex(name[0]) >= 0:
			pinned[name[0]] = string(v)
		case len(name) > 1 && name[0] == markAfter:
			cs = append(cs, Change{Field: name[1:], After: string(v)})
		default:
			bad = fmt.Errorf("audit changes: member %q in a referring form", name)
		}
	})
	if bad != nil {
		return "", bad
	}
	for i := 0; i < len(codes); i++ {
		at := codeIndex(codes[i])
		if at < 0 || at >= len(fields) {
			return "", fmt.Errorf("audit changes: code %q names no field", codes[i])
		}
		v, ok := pinned[codes[i]]
		if !ok && at < len(values) {
			v = values[at]
		}
		if v == "" || (!ok && v == "null") {
			continue
		}
		cs = append(cs, Change{Field: fields[at], After: v})
	}
	return Encode(cs), nil
}
