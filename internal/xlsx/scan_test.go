package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"
)

// scanEdges are pieces of XML at the edges of the grammar, each checked
// against encoding/xml.
var scanEdges = []string{
	``, `<a/>`, `<a></a>`, `<a  />`, `<a/ >`, `<a b="1"c='2'>x</a>`, `<a b = "1" >`, `<a b=1>`, `<a b>`, `<a b=>`,
	`<x:a y:b="1" c="&lt;&gt;&amp;&apos;&quot;"/>`, `<:a/>`, `<a:/>`, `<a:b:c/>`, `<1a/>`, `<-a/>`, `<_a.b-c/>`,
	`<a b="x<y"/>`, `<a b="x>y"/>`, `<a b="]]>"/>`, `<a b="&#65;&#x42;&#x;"/>`, `<a b="line&#13;&#10;end"/>`,
	"<a b=\"one\r\ntwo\rthree\"/>", "<a>one\r\ntwo\r\r\nthree\r</a>", "<a>\t\n</a>", "<a>\x01</a>", "<a>\x7f</a>",
	"<a>\xff</a>", "<a>\xef\xbf\xbe</a>", "<a>&#xFFFE;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>&#x10FFFF;</a>",
	"<a>&#x110000;</a>", "<a>&#99999999999999999999;</a>", "<a>&#X41;</a>", "<a>&#0065;</a>", "<a>&#12a;</a>",
	`<a>&amp x;</a>`, `<a>&nbsp;</a>`, `<a>&amp</a>`, `<a>&;</a>`, `<a>a]]>b</a>`, `<a>a]]b</a>`, `<a>]]&gt;</a>`,
	`<a><![CDATA[<b>&amp;]]]></a>`, "<a><![CDATA[x\r\ny]]></a>", `<a><![CDATA[x</a>`, `<a><![CDAT[x]]></a>`,
	`<!-- c --><a/>`, `<!---->`, `<!-- a -- b -->`, `<!--a--->`, `<!-x-->`, `<!--`, `<?xml version="1.0"?><a/>`,
	`<?xml version="1.1"?>`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, `<?xml encoding='gbk'?>`,
	`<?xml?>`, `<?xml-stylesheet href="a"?>`, `<??>`, `<?a`, `<?a?`, `</a>`, `</ a>`, `</a >`, `</a b>`, `<a`,
	`<a b="1`, `<`, `<a>text`, `text`, `a<`, "<a>\u4e2d\u6587\U0001F600</a>", `<a>_x000D_</a>`,
	`<a xmlns="http://x" xmlns:r="http://r" r:id="rId1"/>`, `<a><b></a></b>`, `<a>&lt;b&gt;</a>`,
	"<\u4e2d/>", `<a b="1" b="2"/>`, `<a	b="1"/>`,
}

// TestScannerMatchesRawToken: the scanner gives every token
// xml.Decoder.RawToken gives, and refuses what it refuses, for the parts of
// real workbooks, the edges above and many thousands of changed copies of
// them, read whole and a byte at a time. The one difference allowed: the
// scanner refuses a document type declaration and a name of other than
// ASCII characters.
func TestScannerMatchesRawToken(t *testing.T) {
	inputs := append(append([]string{}, scanEdges...), workbookParts(t)...)
	rng := rand.New(rand.NewPCG(17, 4))
	n := len(inputs)
	for i := 0; i < 20_000; i++ {
		inputs = append(inputs, mutate(rng, inputs[rng.IntN(n)]))
	}
	for i, in := range inputs {
		want, wantErr := rawTokens(in)
		for _, oneByte := range []bool{false, true} {
			if oneByte && len(in) > 4096 {
				continue
			}
			got, gotErr := scanTokens(in, oneByte)
			if !agrees(in, got, gotErr, want, wantErr) {
				t.Fatalf("input %d %q (a byte at a time: %v):\nscanner %v, err %v\nRawToken %v, err %v",
					i, clip(in), oneByte, clipTokens(got), gotErr, clipTokens(want), wantErr)
			}
		}
	}
}

// agrees: the scanner gave RawToken's tokens and refused the input where
// it did; or, where the input has what the scanner alone refuses, it gave
// RawToken's tokens up to there and refused it.
func agrees(in string, got []xml.Token, gotErr error, want []xml.Token, wantErr error) bool {
	if (gotErr != nil) == (wantErr != nil) && sameTokens(got, want) {
		return true
	}
	return gotErr != nil && len(got) <= len(want) && sameTokens(got, want[:len(got)]) && allowedDifference(in)
}

// allowedDifference: the input has a document type declaration or a name
// of other than ASCII characters, which the scanner refuses.
func allowedDifference(in string) bool {
	d := xml.NewDecoder(strings.NewReader(in))
	for {
		t, err := d.RawToken()
		if err != nil {
			return false
		}
		nonASCII := func(n xml.Name) bool {
			return strings.ContainsFunc(n.Space+n.Local, func(r rune) bool { return r > 127 })
		}
		switch t := t.(type) {
		case xml.Directive:
			return true
		case xml.StartElement:
			if nonASCII(t.Name) {
				return true
			}
			for _, a := range t.Attr {
				if nonASCII(a.Name) {
					return true
				}
			}
		case xml.EndElement:
			if nonASCII(t.Name) {
				return true
			}
		case xml.ProcInst:
			if nonASCII(xml.Name{Local: t.Target}) {
				return true
			}
		}
	}
}

func rawTokens(in string) ([]xml.Token, error) {
	d := xml.NewDecoder(strings.NewReader(in))
	var out []xml.Token
	for {
		t, err := d.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, xml.CopyToken(t))
	}
}

func scanTokens(in string, oneByte bool) ([]xml.Token, error) {
	var r io.Reader = strings.NewReader(in)
	if oneByte {
		r = iotest.OneByteReader(r)
	}
	s := newScanner(r)
	var out []xml.Token
	for {
		t, err := s.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if se, ok := t.(xml.StartElement); ok {
			se.Attr = append([]xml.Attr{}, se.Attr...)
			t = se
		}
		out = append(out, xml.CopyToken(t))
	}
}

// sameTokens compares token lists, an empty attribute list equal to none.
func sameTokens(a, b []xml.Token) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if sx, ok := x.(xml.StartElement); ok {
			sy, ok := y.(xml.StartElement)
			if !ok || sx.Name != sy.Name || len(sx.Attr) != len(sy.Attr) {
				return false
			}
			for j := range sx.Attr {
				if sx.Attr[j] != sy.Attr[j] {
					return false
				}
			}
			continue
		}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// mutate changes a few bytes of in: each a byte dropped, doubled, changed
// or one of XML's special pieces put in.
func mutate(rng *rand.Rand, in string) string {
	pieces := []string{"<", ">", "&", ";", "\"", "'", "=", "/", "?", "!", "-", ":", "]]>", "\r", "\r\n", "\x00",
		"\xff", "中", "&#", "&#x", "&amp;", "<![CDATA[", "-->", "<!--", " ", "\t", "<a>", "</a>", "x", "1"}
	b := []byte(in)
	for range 1 + rng.IntN(3) {
		at := 0
		if len(b) > 0 {
			at = rng.IntN(len(b) + 1)
		}
		switch rng.IntN(4) {
		case 0:
			if at < len(b) {
				b = append(b[:at], b[at+1:]...)
			}
		case 1:
			if at < len(b) {
				b = append(b[:at+1], b[at:]...)
			}
		case 2:
			if at < len(b) {
				b[at] = byte(rng.IntN(256))
			}
		default:
			p := pieces[rng.IntN(len(pieces))]
			b = append(b[:at], append([]byte(p), b[at:]...)...)
		}
	}
	return string(b)
}

// workbookParts are the XML parts of workbooks as excelize writes them: a
// shared-string workbook and a streamed one (inline strings).
func workbookParts(t *testing.T) []string {
	var parts []string
	add := func(x *excelize.File) {
		var buf bytes.Buffer
		if err := x.Write(&buf); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, string(b))
		}
	}
	texts := []any{"需求编号", "甲 & 乙 <公司>", "\"引号\" 'apos'", "line\r\nbreak", 45366.5, true, "_x000D_", "  空格  "}
	x := excelize.NewFile()
	for r := 1; r <= 3; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := x.SetSheetRow("Sheet1", cell, &texts); err != nil {
			t.Fatal(err)
		}
	}
	add(x)
	x.Close()
	x = excelize.NewFile()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	for r := 1; r <= 3; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, texts); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	add(x)
	x.Close()
	return parts
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

func clipTokens(ts []xml.Token) string {
	return clip(fmt.Sprintf("%q", ts))
}

// TestScannerTokenBound: a token longer than maxToken is refused as such,
// after reading little more than the bound.
func TestScannerTokenBound(t *testing.T) {
	read := 0
	r := io.MultiReader(strings.NewReader("<a>"), &countingReader{n: &read, r: strings.NewReader(strings.Repeat("x", 3*maxToken))})
	s := newScanner(r)
	if tok, err := s.next(); err != nil || tok.(xml.StartElement).Name.Local != "a" {
		t.Fatalf("first token %v, %v", tok, err)
	}
	if _, err := s.next(); !errors.Is(err, errTokenTooLong) {
		t.Fatalf("err = %v, want errTokenTooLong", err)
	}
	if read > maxToken+scanChunk {
		t.Fatalf("read %d bytes for a bound of %d", read, maxToken)
	}
	// A text of nearly the bound is read whole.
	s = newScanner(strings.NewReader("<a>" + strings.Repeat("y", maxToken-64) + "</a>"))
	s.next()
	if tok, err := s.next(); err != nil || len(tok.(xml.CharData)) != maxToken-64 {
		t.Fatalf("long text: %v", err)
	}
}

// TestScannerLongTokenScannedFewTimes: a long token (a start tag of
// 100,000 attributes, 1.3 MB) that arrives 32 KB a read, as a zip entry
// gives it, is scanned a few times as the buffer doubles, not again from
// its start after every read (once per 32 KB: some 40 times, each of up to
// 100,000 attributes).
func TestScannerLongTokenScannedFewTimes(t *testing.T) {
	tag := "<c" + strings.Repeat(` a="12"`, 100_000) + "/>"
	s := newScanner(&chunkReader{r: strings.NewReader(tag), n: 32 << 10})
	tok, err := s.next()
	if err != nil || len(tok.(xml.StartElement).Attr) != 100_000 {
		t.Fatalf("token %T, %v", tok, err)
	}
	if s.scans > 8 {
		t.Fatalf("the tag was scanned %d times", s.scans)
	}
}

// chunkReader gives at most n bytes a read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c *chunkReader) Read(b []byte) (int, error) { return c.r.Read(b[:min(len(b), c.n)]) }

type countingReader struct {
	n *int
	r io.Reader
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	*c.n += n
	return n, err
}

// FuzzScanner holds the scanner to RawToken on any input (go test -fuzz).
func FuzzScanner(f *testing.F) {
	for _, e := range scanEdges {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want, wantErr := rawTokens(in)
		got, gotErr := scanTokens(in, false)
		if !agrees(in, got, gotErr, want, wantErr) {
			t.Fatalf("scanner %v, %v; RawToken %v, %v", clipTokens(got), gotErr, clipTokens(want), wantErr)
		}
	})
}
