package pdf

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"strings"

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

// markSubset renames the font in a finished PDF to TAG+WenQuanYiMicroHei,
// the form PDF readers (and pdffonts) take for a subset font. The tag is six
// capital letters derived from the file's content, so equal documents get
// equal tags.
func markSubset(pdf []byte) []byte {
	sum := sha256.Sum256(pdf)
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	name := "/" + string(tag[:]) + "+" + fontBaseName
	if len(name) != len(gofpdfName) {
		panic("pdf: font family and subset name differ in length")
	}
	return bytes.ReplaceAll(pdf, []byte(gofpdfName), []byte(name))
}

// metrics measures text in the embedded font, caching each rune's advance.
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
		u = m.f.GetStringSymbolWidth(string(r))
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
// control characters go, and characters beyond the Basic Multilingual Plane
// (emoji, rare CJK extension B+ characters) become □, since gofpdf's
// character map is 16-bit and the font has none of them.
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
		case r > 0xffff:
			b.WriteRune('□')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
