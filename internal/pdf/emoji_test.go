package pdf_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/pdf"
)

// typed is text as users paste it from WeChat and type it: emoji (with
// variation selectors and a joined family), symbols, accented letters.
const typed = "客户反馈👍很满意🙏❤️，现场演示效果好😀🎉；待办✅ ★ ①② → ≥ ∑ Ω ⌘ ✎ ẞ；拼音 lǜ ǎ；👨‍👩‍👧；新表情🥰🫶"

// TestEmojiPrint renders text with emoji and symbols: every character is
// drawn by an embedded font that has it (none as □), the PDF's text gives
// the characters back, and the fallback fonts are embedded as subsets.
func TestEmojiPrint(t *testing.T) {
	for _, r := range strings.NewReplacer("\ufe0f", "", "\u200d", "").Replace(typed) {
		if _, ok := pdf.FontFor(r); !ok {
			t.Errorf("no embedded font has %q (U+%04X)", r, r)
		}
	}
	for r, want := range map[rune]string{'👍': "NotoEmoji", '⌘': "Symbola", 'ǎ': "Symbola", '中': ""} {
		if f, _ := pdf.FontFor(r); f != want {
			t.Errorf("%q is drawn by %q, want %q", r, f, want)
		}
	}
	src := fixture(0)
	src.Request.Fields.Title = typed
	src.Request.Fields.Description = strings.Repeat(typed, 3)
	out, err := pdf.Render(src, meta(pdf.TypeRegistration))
	if err != nil {
		t.Fatal(err)
	}
	got := squash(text(t, out.PDF))
	want := squash(strings.NewReplacer("\ufe0f", "", "\u200d", "").Replace(typed))
	if strings.Count(got, want) < 2 || strings.Contains(got, "□") {
		t.Fatalf("extracted text lacks %q or shows □:\n%s", want, got)
	}
	fonts := run(t, "pdffonts", writePDF(t, out.PDF))
	for _, name := range []string{"+WenQuanYiMicroHei", "+NotoEmoji", "+Symbola"} {
		found := false
		for _, l := range strings.Split(fonts, "\n") {
			if regexp.MustCompile(`^[A-Z]{6}\` + name + `\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s`).MatchString(l) {
				found = true
			}
		}
		if !found {
			t.Fatalf("%s not embedded as a subset:\n%s", name, fonts)
		}
	}
	assertXref(t, out.PDF)
	artifact(t, out.PDF, "doc-emoji")

	// A document without them embeds the main font alone.
	plain, err := pdf.Render(fixture(0), meta(pdf.TypeRegistration))
	if err != nil {
		t.Fatal(err)
	}
	assertSubsetFont(t, plain.PDF)
}

// assertXref checks that every entry of the cross-reference table points at
// its object, as the ToUnicode maps of the fallback fonts move them.
func assertXref(t *testing.T, data []byte) {
	t.Helper()
	s := string(data)
	at := strings.LastIndex(s, "startxref\n")
	x, err := strconv.Atoi(strings.SplitN(s[at+len("startxref\n"):], "\n", 2)[0])
	if err != nil || !strings.HasPrefix(s[x:], "xref\n0 ") {
		t.Fatalf("startxref does not point at the table (%v)", err)
	}
	lines := strings.Split(s[x:], "\n")
	n, _ := strconv.Atoi(strings.Fields(lines[1])[1])
	for i := 1; i < n; i++ {
		off, _ := strconv.Atoi(lines[2+i][:10])
		if !strings.HasPrefix(s[off:], strconv.Itoa(i)+" 0 obj") {
			t.Fatalf("xref entry %d points at %q", i, s[off:min(off+20, len(s))])
		}
	}
}
