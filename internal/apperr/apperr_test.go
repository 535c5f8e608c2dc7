package apperr_test

import (
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

func TestMaxLen(t *testing.T) {
	tests := []struct {
		name, value, want string
	}{
		{"OK", "咨询系统对接方案\n第二行\t缩进", ""},
		{"ErrTooLong", strings.Repeat("字", 11), "too_long"},
		{"ErrInvalidUTF8", "咨询\xff\xfe", "invalid_text"},
		{"ErrNul", "咨询\x00", "control_chars"},
		{"ErrEscape", "\x1b[31m红色", "control_chars"},
		{"ErrC1", "a\u0085b", "control_chars"},
		{"ErrReplacementChar", "咨询\ufffd方案", "invalid_text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe apperr.Fields
			fe.MaxLen("title", tt.value, 10)
			got := ""
			if e, ok := apperr.As(fe.Err()); ok {
				got = e.Fields[0].Key
			}
			if tt.name == "OK" {
				var ok apperr.Fields
				ok.MaxLen("title", tt.value, 100)
				if ok.Err() != nil {
					t.Fatalf("rejected %q: %v", tt.value, ok.Err())
				}
				return
			}
			if got != tt.want {
				t.Fatalf("key = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct {
		name, value, want string
	}{
		{"OK", "技术咨询 A-1", ""},
		{"ErrNewline", "技术\n咨询", "single_line"},
		{"ErrTab", "技术\t咨询", "single_line"},
		{"ErrNul", "a\x00", "control_chars"},
		{"ErrReplacementChar", "a\ufffd", "invalid_text"},
		{"ErrTooLong", strings.Repeat("字", 11), "too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fe apperr.Fields
			fe.Line("label", tt.value, 10)
			got := ""
			if e, ok := apperr.As(fe.Err()); ok {
				got = e.Fields[0].Key
			}
			if got != tt.want {
				t.Fatalf("key = %q, want %q", got, tt.want)
			}
		})
	}
}
