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
