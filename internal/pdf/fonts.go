package pdf

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"
)

// fontTTF is WenQuanYi Micro Hei, face 0 of Debian's wqy-microhei.ttc,
// extracted unchanged (see fonts/README.md and the licence beside it). It
// has TrueType outlines, which is what gofpdf reads, and both Latin and CJK
// glyphs, so one face sets every field.
//
//go:embed fonts/wqy-microhei.ttf
var fontTTF []byte

// fontFamily is the name gofpdf knows the font by. gofpdf names an embedded
// UTF-8 font "utf8" + family in the PDF, with no subset tag, although it
// embeds only the glyphs used; markSubset then writes the standard name with
// a tag in its place. The family is chosen so both names are equally long,
// which keeps every byte offset of the file (and so its cross-reference
// table) valid.
const (
	fontFamily   = "wenquanyimicroheitag"
	fontBaseName = "WenQuanYiMicroHei"
	gofpdfName   = "/utf8" + fontFamily
)

// addFont registers the embedded font with f; it must come before
// AliasNbPages, so that gofpdf keeps the digits of the page total in the
// subset.
func addFont(f *gofpdf.Fpdf) {
	f.AddUTF8FontFromBytes(fontFamily, "", fontTTF)
}

//go:embed fonts/noto-emoji.ttf
var notoEmojiTTF []byte

//go:embed fonts/symbola.ttf
var symbolaTTF []byte

// face is a fallback font, drawn for the characters WenQuanYi Micro Hei
// lacks: emoji (common in text pasted from WeChat), symbols, and letters
// beyond those it has. Both are subsets made by fonts/make-fallback.py; they
// map the emoji beyond the Basic Multilingual Plane to the Private Use Area
// (see drawCode), since gofpdf's character map is 16-bit. A face is added to
// a PDF only when a page uses it.
type face struct {
	// family is the name gofpdf knows the face by; "/utf8"+family is as long
	// as "/TAG+"+base, the name markSubset writes in its place.
	family string
	base   string
	ttf    []byte
	cmap   func() cmapTable
}

// fallbacks are tried in order for a character the main font lacks.
var fallbacks = []*face{
	{family: "notoemojitag", base: "NotoEmoji", ttf: notoEmojiTTF, cmap: sync.OnceValue(func() cmapTable { return parseCmap(notoEmojiTTF) })},
	{family: "symbolatag", base: "Symbola", ttf: symbolaTTF, cmap: sync.OnceValue(func() cmapTable { return parseCmap(symbolaTTF) })},
}

var mainCmap = sync.OnceValue(func() cmapTable { return parseCmap(fontTTF) })

// drawCode is the code a fallback face has r under: emoji beyond the Basic
// Multilingual Plane sit in the Private Use Area.
func drawCode(r rune) rune {
	if r >= 0x1F000 && r <= 0x1FAFF {
		return 0xE000 + r - 0x1F000
	}
	return r
}

// missingGlyph is drawn for a character no embedded font has.
const missingGlyph = '□'

// pick returns the face that draws r (nil for the main font) and the code
// to draw it with; a character no font has is drawn as missingGlyph.
func pick(r rune) (*face, rune) {
	if r < 0x80 || mainCmap().has(r) {
		return nil, r
	}
	if r < 0xE000 || r > 0xF8FF { // a private-use character stays private
		code := drawCode(r)
		for _, fc := range fallbacks {
			if fc.cmap().has(code) {
				return fc, code
			}
		}
	}
	return nil, missingGlyph
}

// run is a stretch of text drawn in one font: src as typed, code as drawn.
type run struct {
	face      *face
	src, code string
}

// runs splits s into stretches of one font each.
func runs(s string) []run {
	var out []run
	var src, code strings.Builder
	var cur *face
	flush := func() {
		if src.Len() > 0 {
			out = append(out, run{cur, src.String(), code.String()})
		}
		src.Reset()
		code.Reset()
	}
	for i, r := range s {
		fc, c := pick(r)
		if fc != cur && i > 0 {
			flush()
		}
		cur = fc
		src.WriteRune(r)
		code.WriteRune(c)
	}
	flush()
	return out
}

// markSubset renames the fonts in a finished PDF to TAG+WenQuanYiMicroHei
// (and TAG+NotoEmoji, TAG+Symbola), the form PDF readers (and pdffonts) take
// for a subset font, and gives the fallback faces a ToUnicode map that turns
// their private-use codes back into the emoji they stand for. The tag is six
// capital letters derived from the file's content, so equal documents get
// equal tags.
func markSubset(pdf []byte) []byte {
	for _, fc := range fallbacks {
		pdf = setToUnicode(pdf, fc)
	}
	sum := sha256.Sum256(pdf)
	names := [][2]string{{gofpdfName, fontBaseName}}
	for _, fc := range fallbacks {
		names = append(names, [2]string{"/utf8" + fc.family, fc.base})
	}
	for k, n := range names {
		var tag [6]byte
		for i := range tag {
			tag[i] = 'A' + sum[(i+6*k)%len(sum)]%26
		}
		name := "/" + string(tag[:]) + "+" + n[1]
		if len(name) != len(n[0]) {
			panic("pdf: font family and subset name differ in length: " + n[1])
		}
		pdf = bytes.ReplaceAll(pdf, []byte(n[0]), []byte(name))
	}
	return pdf
}

// metrics measures text in the embedded fonts, caching each rune's advance.
type metrics struct {
	f     *gofpdf.Fpdf
	units map[rune]int // advance in 1/1000 of the font size
}

func newMetrics(f *gofpdf.Fpdf) *metrics {
	return &metrics{f: f, units: make(map[rune]int, 512)}
}

// width returns r's advance in mm at size pt.
func (m *metrics) width(r rune, size float64) float64 {
	u, ok := m.units[r]
	if !ok {
		if fc, code := pick(r); fc != nil {
			u = fc.cmap().advanceOf(code)
		} else {
			u = m.f.GetStringSymbolWidth(string(code))
		}
		m.units[r] = u
	}
	return float64(u) * size / 1000 / m.f.GetConversionRatio()
}

// text returns the width of s in mm at size pt.
func (m *metrics) text(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += m.width(r, size)
	}
	return w
}

// breaker returns a line breaker measuring at size pt.
func (m *metrics) breaker(size float64) Breaker {
	return Breaker{Width: func(r rune) float64 { return m.width(r, size) }}
}

// clean makes user text printable: line ends become \n, tabs spaces, other
// control characters go, and so do the invisible joiners and selectors of
// emoji sequences (variation selectors, zero-width joiner, tags), since the
// fonts draw each emoji on its own. What no font has is drawn as □ (pick).
func clean(s string) string {
	if s == "" {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r' || r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfeff || r == 0xfffe || r == 0xffff:
		case r >= 0xfe00 && r <= 0xfe0f, r == 0x200d, r >= 0xe0000 && r <= 0xe007f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
