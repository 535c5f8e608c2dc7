package request_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

func TestNumberPattern(t *testing.T) {
	at := time.Date(2024, 3, 15, 9, 0, 0, 0, time.Local)
	tests := []struct {
		name, pattern, device string
		seq                   int64
		want, wantKey         string
	}{
		{"Default", request.DefaultNumberPattern, "", 1, "XR-2024-001", "XR-2024-#"},
		{"Overflow", request.DefaultNumberPattern, "", 1234, "XR-2024-1234", "XR-2024-#"},
		{"Device", "XR-{YYYY}-{DEV}{NNNN}", "A2", 7, "XR-2024-A20007", "XR-2024-A2#"},
		{"Month", "{YY}{MM}-{NN}", "", 5, "2403-05", "2403-#"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := request.ParseNumberPattern(tt.pattern, tt.device)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Format(tt.device, at, tt.seq); got != tt.want {
				t.Errorf("Format = %q, want %q", got, tt.want)
			}
			if got := p.Key(tt.device, at); got != tt.wantKey {
				t.Errorf("Key = %q, want %q", got, tt.wantKey)
			}
		})
	}
}

func TestNumberPatternErrors(t *testing.T) {
	tests := []struct {
		name, pattern, device, field, key string
	}{
		{"ErrEmpty", "", "", "numberPattern", "required"},
		{"ErrNoSequence", "XR-{YYYY}", "", "numberPattern", "sequence_missing"},
		{"ErrTwoSequences", "{NN}-{NNN}", "", "numberPattern", "sequence_twice"},
		{"ErrUnknown", "XR-{YEAR}-{NNN}", "", "numberPattern", "unknown_placeholder"},
		{"ErrChars", "需求-{NNN}", "", "numberPattern", "pattern_chars"},
		{"ErrDeviceMissing", "{DEV}-{NNN}", "", "deviceCode", "required_by_pattern"},
		{"ErrDeviceChars", "{DEV}-{NNN}", "a-b", "deviceCode", "device_code_invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := request.ParseNumberPattern(tt.pattern, tt.device)
			e, ok := apperr.As(err)
			if !ok {
				t.Fatalf("err = %v, want an invalid error", err)
			}
			for _, f := range e.Fields {
				if f.Field == tt.field && f.Key == tt.key {
					return
				}
			}
			t.Fatalf("fields = %+v, want %s/%s", e.Fields, tt.field, tt.key)
		})
	}
}

// FuzzNumberPattern checks that any pattern a user types is either refused
// with field errors or makes numbers that contain the sequence and never
// collide for different sequences.
func FuzzNumberPattern(f *testing.F) {
	for _, p := range []string{request.DefaultNumberPattern, "XR-{YYYY}-{DEV}{NNNN}", "{NN}{NN}", "{", "}{N}", "需求-{NNN}"} {
		f.Add(p, "A1")
	}
	at := time.Date(2024, 3, 15, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, pattern, device string) {
		p, err := request.ParseNumberPattern(pattern, device)
		if err != nil {
			if _, ok := apperr.As(err); !ok {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		a, b := p.Format(device, at, 7), p.Format(device, at, 8)
		if a == b {
			t.Fatalf("pattern %q gives %q for two sequences", pattern, a)
		}
		if p.Key(device, at) == a {
			t.Fatalf("key equals a number for %q", pattern)
		}
	})
}
