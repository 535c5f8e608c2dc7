package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// cmapTable is what the renderer needs of a TrueType font: which characters
// it has (its Unicode BMP character map, format 4) and their advances in
// 1/1000 of the font size.
type cmapTable struct {
	glyphs  map[rune]uint16
	advance func(gid uint16) int
}

func (c cmapTable) has(r rune) bool { return c.glyphs[r] != 0 }

// advanceOf is r's advance in 1/1000 of the font size, r being a code the
// font has.
func (c cmapTable) advanceOf(r rune) int { return c.advance(c.glyphs[r]) }

// parseCmap reads the character map and horizontal metrics of an embedded
// font. The fonts are part of the program, so a malformed one is a bug.
func parseCmap(ttf []byte) cmapTable {
	u16 := func(o int) int { return int(binary.BigEndian.Uint16(ttf[o:])) }
	u32 := func(o int) int { return int(binary.BigEndian.Uint32(ttf[o:])) }
	tables := map[string]int{}
	for i := range u16(4) {
		rec := 12 + 16*i
		tables[string(ttf[rec:rec+4])] = u32(rec + 8)
	}
	for _, t := range []string{"cmap", "head", "hhea", "hmtx", "loca", "glyf"} {
		if _, ok := tables[t]; !ok {
			panic("pdf: embedded font lacks its " + t + " table")
		}
	}
	cm := tables["cmap"]
	sub := -1
	for i := range u16(cm + 2) {
		rec := cm + 4 + 8*i
		if u16(rec) == 3 && u16(rec+2) == 1 && u16(cm+u32(rec+4)) == 4 {
			sub = cm + u32(rec+4)
		}
	}
	if sub < 0 {
		panic("pdf: embedded font has no Unicode BMP character map")
	}
	// A glyph without outlines draws nothing: WenQuanYi maps a few letters
	// (U+01CE ǎ, U+01DC ǜ) to such; they count as missing, spaces aside.
	head, loca := tables["head"], tables["loca"]
	outlined := func(gid int) bool {
		if int16(u16(head+50)) == 0 {
			return u16(loca+2*gid+2) > u16(loca+2*gid)
		}
		return u32(loca+4*gid+4) > u32(loca+4*gid)
	}
	segs := u16(sub+6) / 2
	ends, starts, deltas, ranges := sub+14, sub+16+2*segs, sub+16+4*segs, sub+16+6*segs
	glyphs := make(map[rune]uint16, 4096)
	for i := range segs {
		end, start, delta, ro := u16(ends+2*i), u16(starts+2*i), u16(deltas+2*i), u16(ranges+2*i)
		for c := start; c <= end && c != 0xffff; c++ {
			var g int
			if ro == 0 {
				g = (c + delta) & 0xffff
			} else {
				at := ranges + 2*i + ro + 2*(c-start)
				if g = u16(at); g != 0 {
					g = (g + delta) & 0xffff
				}
			}
			if g != 0 && (outlined(g) || unicode.Is(unicode.Zs, rune(c))) {
				glyphs[rune(c)] = uint16(g)
			}
		}
	}
	upem := float64(u16(tables["head"] + 18))
	nh := u16(tables["hhea"] + 34)
	hmtx := tables["hmtx"]
	return cmapTable{glyphs: glyphs, advance: func(gid uint16) int {
		i := min(int(gid), nh-1)
		return int(math.Round(float64(u16(hmtx+4*i)) * 1000 / upem))
	}}
}

// toUnicode is a ToUnicode CMap for a fallback face: each code it has maps
// to the character it stands for (a private-use code to its emoji).
func toUnicode(c cmapTable) string {
	codes := make([]int, 0, len(c.glyphs))
	for r := range c.glyphs {
		codes = append(codes, int(r))
	}
	sort.Ints(codes)
	type span struct{ lo, hi int }
	var spans []span
	for _, code := range codes {
		// A range varies in its last byte only.
		if n := len(spans); n > 0 && spans[n-1].hi == code-1 && code&0xff != 0 {
			spans[n-1].hi = code
			continue
		}
		spans = append(spans, span{code, code})
	}
	utf16 := func(code int) string {
		r := code
		if r >= 0xE000 && r <= 0xEAFF {
			r = 0x1F000 + r - 0xE000
		}
		if r > 0xffff {
			r -= 0x10000
			return fmt.Sprintf("%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3ff))
		}
		return fmt.Sprintf("%04X", r)
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for i := 0; i < len(spans); i += 100 {
		block := spans[i:min(i+100, len(spans))]
		fmt.Fprintf(&b, "%d beginbfrange\n", len(block))
		for _, s := range block {
			fmt.Fprintf(&b, "<%04X> <%04X> <%s>\n", s.lo, s.hi, utf16(s.lo))
		}
		b.WriteString("endbfrange\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}

var toUnicodeRef = regexp.MustCompile(`^\[\d+ 0 R\]\n/ToUnicode (\d+) 0 R`)

// setToUnicode replaces the identity ToUnicode map gofpdf writes for a
// fallback face with the face's own (toUnicode), and moves the offsets in the
// cross-reference table of every object after it accordingly. A PDF that
// does not use the face comes back unchanged.
func setToUnicode(pdf []byte, fc *face) []byte {
	key := []byte("/BaseFont /utf8" + fc.family + "\n/Encoding /Identity-H\n/DescendantFonts ")
	at := bytes.Index(pdf, key)
	if at < 0 {
		return pdf
	}
	m := toUnicodeRef.FindSubmatch(pdf[at+len(key):])
	if m == nil {
		panic("pdf: unexpected font dictionary from gofpdf")
	}
	n, _ := strconv.Atoi(string(m[1]))
	head := []byte("\n" + strconv.Itoa(n) + " 0 obj\n")
	start := bytes.Index(pdf, head) + 1
	end := bytes.Index(pdf[start:], []byte("endobj\n"))
	if start == 0 || end < 0 {
		panic("pdf: ToUnicode object not found")
	}
	end += start + len("endobj\n")
	cmap := toUnicode(fc.cmap())
	obj := fmt.Sprintf("%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", n, len(cmap), cmap)
	delta := len(obj) - (end - start)
	out := make([]byte, 0, len(pdf)+delta)
	out = append(out, pdf[:start]...)
	out = append(out, obj...)
	out = append(out, pdf[end:]...)
	// The cross-reference table: "xref\n0 N\n" and N entries of 20 bytes.
	x := bytes.LastIndex(out, []byte("\nxref\n0 ")) + 1
	line := bytes.IndexByte(out[x+5:], '\n') + x + 5
	count, _ := strconv.Atoi(string(out[x+7 : line]))
	for i := range count {
		e := line + 1 + 20*i
		off, _ := strconv.Atoi(string(out[e : e+10]))
		if out[e+17] == 'n' && off > start {
			copy(out[e:e+10], fmt.Sprintf("%010d", off+delta))
		}
	}
	sx := bytes.LastIndex(out, []byte("startxref\n")) + len("startxref\n")
	nl := bytes.IndexByte(out[sx:], '\n') + sx
	old, _ := strconv.Atoi(string(out[sx:nl]))
	return append(append(append([]byte(nil), out[:sx]...), strconv.Itoa(old+delta)...), out[nl:]...)
}
