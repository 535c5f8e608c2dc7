package request

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// DefaultNumberPattern is the documents' numbering: XR-2024-001.
const DefaultNumberPattern = "XR-{YYYY}-{NNN}"

// NumberPattern describes how request numbers are made. Placeholders:
// {YYYY} year, {YY} two-digit year, {MM} month, {DEV} the device code, and
// one run of N ({NNN}) for the sequence, zero-padded to that many digits.
// The sequence counts separately for every distinct rendering of the rest
// of the pattern, so with a year in it the count restarts each year, and with
// {DEV} in it two laptops never hand out the same number.
type NumberPattern struct {
	raw    string
	digits int
}

var (
	placeholder = regexp.MustCompile(`\{[^{}]*\}`)
	seqToken    = regexp.MustCompile(`^\{N+\}$`)
	literalOK   = regexp.MustCompile(`^[A-Za-z0-9\-_/.#]*$`)
	deviceOK    = regexp.MustCompile(`^[A-Z0-9]{1,4}$`)
)

// ParseNumberPattern checks a pattern. device is the device code that {DEV}
// stands for; it must be set when the pattern uses it.
func ParseNumberPattern(pattern, device string) (NumberPattern, error) {
	var fe apperr.Fields
	p := NumberPattern{raw: strings.TrimSpace(pattern)}
	if p.raw == "" {
		fe.Add("numberPattern", "required")
		return p, fe.Err()
	}
	seqs := 0
	for _, tok := range placeholder.FindAllString(p.raw, -1) {
		switch {
		case seqToken.MatchString(tok):
			seqs++
			p.digits = len(tok) - 2
		case tok == "{YYYY}", tok == "{YY}", tok == "{MM}":
		case tok == "{DEV}":
			if device == "" {
				fe.Add("deviceCode", "required_by_pattern")
			}
		default:
			fe.AddParams("numberPattern", "unknown_placeholder", map[string]any{"token": tok})
		}
	}
	switch {
	case seqs == 0:
		fe.Add("numberPattern", "sequence_missing")
	case seqs > 1:
		fe.Add("numberPattern", "sequence_twice")
	case p.digits > 9:
		fe.Add("numberPattern", "sequence_too_long")
	}
	if !literalOK.MatchString(placeholder.ReplaceAllString(p.raw, "")) {
		fe.Add("numberPattern", "pattern_chars")
	}
	if len(p.raw) > 40 {
		fe.AddParams("numberPattern", "too_long", map[string]any{"max": 40})
	}
	if device != "" && !deviceOK.MatchString(device) {
		fe.Add("deviceCode", "device_code_invalid")
	}
	return p, fe.Err()
}

// Key is the rendering of everything but the sequence: requests that share
// a key share a counter.
func (p NumberPattern) Key(device string, t time.Time) string {
	return p.render(device, t, "#")
}

// Format renders the number with sequence seq at time t.
func (p NumberPattern) Format(device string, t time.Time, seq int64) string {
	return p.render(device, t, fmt.Sprintf("%0*d", p.digits, seq))
}

func (p NumberPattern) render(device string, t time.Time, seq string) string {
	return placeholder.ReplaceAllStringFunc(p.raw, func(tok string) string {
		switch tok {
		case "{YYYY}":
			return fmt.Sprintf("%04d", t.Year())
		case "{YY}":
			return fmt.Sprintf("%02d", t.Year()%100)
		case "{MM}":
			return fmt.Sprintf("%02d", int(t.Month()))
		case "{DEV}":
			return device
		}
		return seq
	})
}
