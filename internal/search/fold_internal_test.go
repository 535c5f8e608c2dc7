package search

import (
	"testing"
	"unicode"

	"golang.org/x/text/width"
)

// TestFoldRuneEveryRune checks the shortcut of foldRune against the rule
// it stands for, rune by rune.
func TestFoldRuneEveryRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue // surrogates: no string holds them
		}
		want := r
		if f := []rune(width.Fold.String(string(r))); len(f) == 1 {
			want = f[0]
		}
		want = unicode.ToLower(want)
		if got := foldRune(r); got != want {
			t.Fatalf("foldRune(%U) = %U, want %U", r, got, want)
		}
	}
}
