package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// parseRow reads one row as MarshalJSON writes it: an object of columns,
// each a string, a number (int64 unless it has a fraction or exponent, then
// float64), true, false, null, or bytes as {"$b": base64}; "null" is no row.
//
// A pull carries thousands of rows, and reading each through
// encoding/json's map decoding (then converting its json.Numbers) was a
// tenth of a pull's time. This reads the flat object in one pass; a string
// with escapes (rare: the encoder writes Chinese as it is) is handed to
// encoding/json. The whole body was already checked to be JSON by the
// decoder that calls UnmarshalJSON; what is not a row is an error here, never
// a panic.
func parseRow(data []byte) (Row, error) {
	p := rowParser{b: data}
	p.space()
	if p.literal("null") {
		if p.space(); p.i != len(p.b) {
			return nil, p.fail("after null")
		}
		return nil, nil
	}
	if !p.byte('{') {
		return nil, p.fail("not an object")
	}
	out := Row{}
	if p.space(); p.byte('}') {
		return out, p.end()
	}
	for {
		p.space()
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		if p.space(); !p.byte(':') {
			return nil, p.fail("no colon")
		}
		p.space()
		v, err := p.value(key)
		if err != nil {
			return nil, err
		}
		out[key] = v
		p.space()
		if p.byte(',') {
			continue
		}
		if p.byte('}') {
			return out, p.end()
		}
		return nil, p.fail("no comma")
	}
}

type rowParser struct {
	b []byte
	i int
}

func (p *rowParser) fail(what string) error {
	return fmt.Errorf("row: %s at byte %d", what, p.i)
}

func (p *rowParser) end() error {
	if p.space(); p.i != len(p.b) {
		return p.fail("after the object")
	}
	return nil
}

func (p *rowParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *rowParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

func (p *rowParser) literal(s string) bool {
	if len(p.b)-p.i >= len(s) && string(p.b[p.i:p.i+len(s)]) == s {
		p.i += len(s)
		return true
	}
	return false
}

// str reads a string: as it is when it has no escapes and is valid
// UTF-8, else through encoding/json (which also mends bad UTF-8 as it
// always did).
func (p *rowParser) str() (string, error) {
	if !p.byte('"') {
		return "", p.fail("not a string")
	}
	start := p.i
	plain := true
	for p.i < len(p.b) {
		switch c := p.b[p.i]; {
		case c == '"':
			raw := p.b[start:p.i]
			p.i++
			if plain && utf8.Valid(raw) {
				return string(raw), nil
			}
			var s string
			if err := json.Unmarshal(p.b[start-1:p.i], &s); err != nil {
				return "", fmt.Errorf("row: string at byte %d: %w", start, err)
			}
			return s, nil
		case c == '\\':
			plain = false
			p.i += 2
		case c < 0x20:
			return "", p.fail("control character in a string")
		default:
			p.i++
		}
	}
	return "", p.fail("unterminated string")
}

func (p *rowParser) value(col string) (any, error) {
	if p.i >= len(p.b) {
		return nil, p.fail("no value")
	}
	switch c := p.b[p.i]; {
	case c == '"':
		return p.str()
	case c == 'n' && p.literal("null"):
		return nil, nil
	case c == 't' && p.literal("true"):
		return true, nil
	case c == 'f' && p.literal("false"):
		return false, nil
	case c == '-' || c >= '0' && c <= '9':
		start, whole := p.i, true
		for p.i < len(p.b) {
			c := p.b[p.i]
			if c == '.' || c == 'e' || c == 'E' {
				whole = false
			} else if c != '-' && c != '+' && (c < '0' || c > '9') {
				break
			}
			p.i++
		}
		num := string(p.b[start:p.i])
		if whole {
			if n, err := strconv.ParseInt(num, 10, 64); err == nil {
				return n, nil
			}
		}
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", col, err)
		}
		return f, nil
	case c == '{':
		p.i++
		p.space()
		key, err := p.str()
		if err != nil || key != "$b" {
			return nil, fmt.Errorf("column %s: not a value", col)
		}
		if p.space(); !p.byte(':') {
			return nil, p.fail("no colon")
		}
		p.space()
		enc, err := p.str()
		if err != nil {
			return nil, fmt.Errorf("column %s: not a value", col)
		}
		if p.space(); !p.byte('}') {
			return nil, fmt.Errorf("column %s: not a value", col)
		}
		b, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", col, err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("column %s: not a value", col)
}
