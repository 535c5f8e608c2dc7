package filename_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/filename"
)

func TestClean(t *testing.T) {
	long := strings.Repeat("扫", 300) + ".png"
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"OK", "确认函.png", "确认函.png"},
		{"OKSpaces", "  交付 验收单 (签字).jpg ", "交付 验收单 (签字).jpg"},
		{"POSIXTraversal", "../../etc/passwd", "passwd"},
		{"WindowsPath", `C:\x\y.png`, "y.png"},
		{"WindowsDriveOnly", `C:y.png`, "C_y.png"},
		{"MixedSeparators", `..\../a/..\b.pdf`, "b.pdf"},
		{"NUL", "a\x00b.png", "ab.png"},
		{"ControlChars", "a\r\n\tb\x7f\u0085.png", "ab.png"},
		{"DirectionOverride", "scan\u202Egnp.exe", "scangnp.exe"},
		{"LeadingDots", "...hidden.png", "hidden.png"},
		{"TrailingDots", "scan.png. . ", "scan.png"},
		{"OnlyDots", "..", ""},
		{"OnlySeparators", "/\\/", ""},
		{"Empty", "", ""},
		{"Reserved", `a<b>c:d"e|f?g*.png`, "a_b_c_d_e_f_g_.png"},
		{"Device", "CON.png", "_CON.png"},
		{"DeviceLower", "nul", "_nul"},
		{"NotDevice", "CONTRACT.png", "CONTRACT.png"},
		{"InvalidUTF8", "a\xffb.png", "a_b.png"},
		{"FullWidthKept", "客户：张伟.png", "客户：张伟.png"},
		{"Long", long, strings.Repeat("扫", (filename.MaxBytes-4)/3) + ".png"},
		{"LongASCII", strings.Repeat("a", 300), strings.Repeat("a", filename.MaxBytes)},
		{"LongOddExt", strings.Repeat("b", 250) + "." + strings.Repeat("x", 40), strings.Repeat("b", 180)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := filename.Clean(tt.in)
			if got != tt.want {
				t.Fatalf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(got) > filename.MaxBytes || !utf8.ValidString(got) || strings.ContainsAny(got, "/\\\x00") {
				t.Fatalf("Clean(%q) = %q is not a safe name", tt.in, got)
			}
			if again := filename.Clean(got); again != got {
				t.Fatalf("Clean is not stable: %q then %q", got, again)
			}
		})
	}
}

func TestWithExt(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"OK", "scan.JPG", "scan.JPG"},
		{"OKOther", "scan.jpeg", "scan.jpeg"},
		{"Wrong", "scan.exe", "scan.exe.jpg"},
		{"None", "扫描件", "扫描件.jpg"},
		{"OnlyExt", ".jpg", ".jpg.jpg"},
		{"Long", strings.Repeat("a", 200), strings.Repeat("a", filename.MaxBytes-4) + ".jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := filename.WithExt(tt.in, ".jpg", ".jpeg", ".jpe"); got != tt.want {
				t.Fatalf("WithExt(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzClean checks that no input yields a name that could leave a folder.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"../../etc/passwd", `C:\x\y.png`, "a\x00b.png", "..", strings.Repeat("名", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := filename.Clean(in)
		if strings.ContainsAny(got, "/\\") || strings.HasPrefix(got, ".") || len(got) > filename.MaxBytes || !utf8.ValidString(got) {
			t.Fatalf("Clean(%q) = %q", in, got)
		}
		for _, r := range got {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("Clean(%q) = %q keeps a control character", in, got)
			}
		}
	})
}
