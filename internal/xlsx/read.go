package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Imports read the workbook themselves, as streams straight out of the zip:
// nothing is unpacked to disk (so nothing is left behind when the program
// is killed) and memory stays bounded whatever the file holds. A hostile or
// broken file is refused as soon as it crosses one of these bounds.
const (
	// maxToken bounds one piece of XML (a text, a run of blanks, a tag):
	// a cell holds at most 32,767 characters, well under 1 MB as XML.
	maxToken = 4 << 20
	// maxText bounds the text an import keeps: the shared strings and
	// the cells handed to the parser.
	maxText = 128 << 20
	// excelRows is Excel's own row limit.
	excelRows = 1 << 20
	// maxElements bounds the XML elements read: about what the largest
	// table an import takes (MaxRows rows of some 30 filled columns and
	// their shared strings) has, so a file made of millions of empty
	// cells is refused in as long as that table takes to read.
	maxElements = 10_000_000
)

var errRowLimit = errors.New("row number beyond Excel's limit")

// workbook is an .xlsx opened for streaming its sheets.
type workbook struct {
	files    map[string]*zip.File // by lower-case name
	sheets   []sheetRef
	date1904 bool
	strings  []string // the shared strings
	text     int64    // text kept so far, against maxText
	unzipped int64    // bytes unpacked so far, against unzipLimit
	elements int      // elements left to read, from maxElements
}

// sheetRef is a sheet as the workbook lists it.
type sheetRef struct {
	name    string
	part    string // the zip entry of its XML
	visible bool
}

// openWorkbook reads the workbook's list of sheets and its shared strings;
// elements bounds the XML elements it reads in all (maxElements).
func openWorkbook(data []byte, elements int) (*workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, damaged()
	}
	w := &workbook{files: map[string]*zip.File{}, elements: elements}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		w.files[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if declared > unzipLimit {
		return nil, tooBig()
	}
	book := "xl/workbook.xml"
	if rels, err := w.rels("_rels/.rels"); err != nil {
		return nil, err
	} else if t, ok := rels.ofType("/officeDocument"); ok {
		book = resolve("", t)
	}
	bookRels, err := w.rels(path.Join(path.Dir(book), "_rels", path.Base(book)+".rels"))
	if err != nil {
		return nil, err
	}
	if err := w.readBook(book, bookRels); err != nil {
		return nil, err
	}
	sst := "xl/sharedStrings.xml"
	if t, ok := bookRels.ofType("/sharedStrings"); ok {
		sst = resolve(path.Dir(book), t)
	}
	if err := w.readStrings(sst); err != nil {
		return nil, err
	}
	return w, nil
}

func tooBig() error {
	return invalid("import_file_unzipped_too_large", apperr.P{"max": unzipLimit >> 20})
}

// resolve turns a relationship's target into a zip entry name.
func resolve(dir, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return path.Clean(strings.TrimPrefix(target, "/"))
	}
	return path.Clean(path.Join(dir, target))
}

// xmlPart streams one zip entry's XML with the bounds. Its scanner gives
// raw tokens (as xml.Decoder.RawToken: no namespace translation, which no
// reader here needs, since they match names by their local part), and it
// checks the nesting itself, as Token would: an end tag that does not
// close the open element, or a part that ends with one open, is a damaged
// file. A token's attributes and text are valid until the next call.
type xmlPart struct {
	w    *workbook
	what apperr.Msg // the part as the user is told of it
	rc   io.ReadCloser
	sc   *scanner
	open []xml.Name // the elements open, outermost first
}

// open opens a part; ok is false when the workbook has no such part.
func (w *workbook) open(name string, what apperr.Msg) (p *xmlPart, ok bool, err error) {
	f, found := w.files[strings.ToLower(name)]
	if !found {
		return nil, false, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, true, damaged()
	}
	return &xmlPart{w: w, what: what, rc: rc, sc: newScanner(&guardReader{r: rc, w: w})}, true, nil
}

// next returns the next token, nil at the end of the part.
func (p *xmlPart) next() (xml.Token, error) {
	t, err := p.sc.next()
	switch {
	case err == io.EOF:
		if len(p.open) > 0 {
			return nil, damaged()
		}
		return nil, nil
	case errors.Is(err, errTokenTooLong):
		return nil, invalid("import_file_token_too_long", apperr.P{"part": p.what, "max": maxToken >> 20, "cell": MaxCellChars})
	case errors.Is(err, errUnzipLimit):
		return nil, tooBig()
	case err != nil:
		return nil, damaged()
	}
	switch t := t.(type) {
	case xml.StartElement:
		if p.w.elements--; p.w.elements < 0 {
			return nil, invalid("import_file_too_many_elements", apperr.P{"n": maxElements / 10_000, "max": MaxRows})
		}
		p.open = append(p.open, t.Name)
	case xml.EndElement:
		if len(p.open) == 0 || p.open[len(p.open)-1] != t.Name {
			return nil, damaged()
		}
		p.open = p.open[:len(p.open)-1]
	}
	return t, nil
}

func (p *xmlPart) close() { p.rc.Close() }

var (
	errTokenTooLong = errors.New("xml token too long")
	errUnzipLimit   = errors.New("unzip limit")
)

// guardReader counts what the scanner reads against the workbook's
// unzipLimit (a token's own bound, maxToken, is the scanner's).
type guardReader struct {
	r io.Reader
	w *workbook
}

func (g *guardReader) Read(b []byte) (int, error) {
	if g.w.unzipped > unzipLimit {
		return 0, errUnzipLimit
	}
	n, err := g.r.Read(b)
	g.w.unzipped += int64(n)
	return n, err
}

// keep counts text the import holds on to against maxText.
func (w *workbook) keep(n int) error {
	w.text += int64(n)
	if w.text > maxText {
		return invalid("import_file_text_too_large", apperr.P{"max": maxText >> 20})
	}
	return nil
}

type relationships []struct{ typ, target, id string }

func (r relationships) ofType(suffix string) (string, bool) {
	for _, x := range r {
		if strings.HasSuffix(x.typ, suffix) {
			return x.target, true
		}
	}
	return "", false
}

func (r relationships) byID(id string) (string, bool) {
	for _, x := range r {
		if x.id == id {
			return x.target, true
		}
	}
	return "", false
}

// rels reads a relationships part (none when it is missing).
func (w *workbook) rels(name string) (relationships, error) {
	p, ok, err := w.open(name, apperr.Msg{Key: "import_part_rels"})
	if err != nil || !ok {
		return nil, err
	}
	defer p.close()
	var out relationships
	for {
		t, err := p.next()
		if err != nil || t == nil {
			return out, err
		}
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			out = append(out, struct{ typ, target, id string }{
				attr(se, "Type"), attr(se, "Target"), attr(se, "Id")})
		}
	}
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readBook reads the sheet list and the date system.
func (w *workbook) readBook(name string, rels relationships) error {
	p, ok, err := w.open(name, apperr.Msg{Key: "import_part_workbook"})
	if err != nil {
		return err
	}
	if !ok {
		return damaged()
	}
	defer p.close()
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t == nil {
			return nil
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			v := attr(se, "date1904")
			w.date1904 = v == "1" || v == "true"
		case "sheet":
			id := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			target, ok := rels.byID(id)
			if !ok {
				return damaged()
			}
			state := attr(se, "state")
			w.sheets = append(w.sheets, sheetRef{
				name: attr(se, "name"), part: resolve(path.Dir(name), target),
				visible: state == "" || state == "visible",
			})
		}
	}
}

// readStrings reads the shared strings table, if there is one.
func (w *workbook) readStrings(name string) error {
	p, ok, err := w.open(name, apperr.Msg{Key: "import_part_shared_strings"})
	if err != nil || !ok {
		return err
	}
	defer p.close()
	for {
		t, err := p.next()
		if err != nil {
			return err
		}
		if t == nil {
			return nil
		}
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "si" {
			s, err := p.richText(se)
			if err != nil {
				return err
			}
			// A string costs its header besides its text.
			if err := w.keep(len(s) + 16); err != nil {
				return err
			}
			w.strings = append(w.strings, s)
		}
	}
}

// richText reads the text of a shared or inline string (<si>, <is>): its
// <t>, or its runs' <t>, leaving out phonetic guides, with Excel's _xHHHH_
// escapes undone.
func (p *xmlPart) richText(start xml.StartElement) (string, error) {
	var b strings.Builder
	depth, phonetic, inT := 0, 0, false
	for {
		t, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case nil:
			return "", damaged()
		case xml.StartElement:
			depth++
			switch t.Name.Local {
			case "rPh":
				phonetic++
			case "t":
				inT = phonetic == 0
			}
		case xml.EndElement:
			if depth == 0 {
				return unescape(b.String()), nil
			}
			depth--
			switch t.Name.Local {
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				if b.Len()+len(t) > maxToken {
					return "", invalid("import_file_text_too_long", apperr.P{"part": p.what, "max": maxToken >> 20, "cell": MaxCellChars})
				}
				b.Write(t)
			}
		}
	}
}

// unescape undoes Excel's _xHHHH_ escapes of characters XML cannot hold
// (_x005F_ is an underscore).
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			break
		}
		b.WriteString(s[:i])
		if v, err := strconv.ParseUint(s[i+2:i+6], 16, 32); err == nil && s[i+6] == '_' && isHex4(s[i+2:i+6]) {
			if v == 0x5F {
				b.WriteByte('_')
			} else {
				b.WriteRune(rune(v))
			}
			s = s[i+7:]
			continue
		}
		b.WriteString("_x")
		s = s[i+2:]
	}
	b.WriteString(s)
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// sheetRows streams a sheet's rows, one per Excel row number: a row the
// XML leaves out comes as an empty one, as Excel shows it.
type sheetRows struct {
	p       *xmlPart
	w       *workbook
	cur     int      // the row number last returned
	ahead   []string // a row read ahead of its number
	aheadAt int      // its number, 0 when none
	done    bool
}

// rows opens a sheet for streaming.
func (w *workbook) rows(s sheetRef) (*sheetRows, error) {
	p, ok, err := w.open(s.part, apperr.Msg{Key: "import_part_sheet", Params: apperr.P{"sheet": s.name}})
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, damaged()
	}
	return &sheetRows{p: p, w: w}, nil
}

func (r *sheetRows) close() { r.p.close() }

// next returns the cells of the next row (at most maxColumns), false at
// the end of the sheet.
func (r *sheetRows) next() ([]string, bool, error) {
	if r.aheadAt == 0 && !r.done {
		cells, at, ok, err := r.read()
		if err != nil {
			return nil, false, err
		}
		if !ok {
			r.done = true
		} else {
			r.ahead, r.aheadAt = cells, at
		}
	}
	if r.aheadAt == 0 {
		return nil, false, nil
	}
	r.cur++
	if r.aheadAt > r.cur {
		return nil, true, nil
	}
	cells := r.ahead
	r.ahead, r.aheadAt = nil, 0
	return cells, true, nil
}

// read reads the next <row> of the XML and its number.
func (r *sheetRows) read() (cells []string, at int, ok bool, err error) {
	p := r.p
	for {
		t, err := p.next()
		if err != nil || t == nil {
			return nil, 0, false, err
		}
		se, isStart := t.(xml.StartElement)
		if !isStart || se.Name.Local != "row" {
			if ee, isEnd := t.(xml.EndElement); isEnd && ee.Name.Local == "sheetData" {
				// What follows the rows (merged cells, print settings) is
				// not read.
				return nil, 0, false, nil
			}
			continue
		}
		at = r.cur + 1
		if n, err := strconv.Atoi(attr(se, "r")); err == nil && n > r.cur {
			at = n
		}
		if at > excelRows {
			return nil, 0, false, errRowLimit
		}
		cells, err := r.cells()
		return cells, at, true, err
	}
}

// cells reads a row's cells up to its end tag.
func (r *sheetRows) cells() ([]string, error) {
	p := r.p
	var cells []string
	col := -1
	for {
		t, err := p.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case nil:
			return nil, damaged()
		case xml.EndElement:
			if t.Name.Local == "row" {
				return cells, nil
			}
		case xml.StartElement:
			if t.Name.Local != "c" {
				if err := p.skip(); err != nil {
					return nil, err
				}
				continue
			}
			col++
			if ref := attr(t, "r"); ref != "" {
				c, ok := refColumn(ref)
				if !ok {
					return nil, damaged()
				}
				col = c
			}
			v, err := r.value(t)
			if err != nil {
				return nil, err
			}
			if v == "" || col >= maxColumns {
				continue
			}
			if err := r.w.keep(len(v)); err != nil {
				return nil, err
			}
			for len(cells) < col {
				cells = append(cells, "")
			}
			cells = append(cells, v)
		}
	}
}

// skip reads past the end of the element just started.
func (p *xmlPart) skip() error {
	for depth := 1; depth > 0; {
		t, err := p.next()
		if err != nil {
			return err
		}
		switch t.(type) {
		case nil:
			return damaged()
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// refColumn reads a cell reference's column: "C7" → 2.
func refColumn(ref string) (int, bool) {
	n := 0
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
		if n > 16384 {
			return 0, false
		}
	}
	if i == 0 {
		return 0, false
	}
	return n - 1, true
}

// value reads a cell (<c>) to its end tag and returns its value as stored:
// shared and inline strings as text, everything else (numbers, dates as
// serial numbers, booleans, formula results) as written.
func (r *sheetRows) value(c xml.StartElement) (string, error) {
	p := r.p
	typ := attr(c, "t")
	var v strings.Builder
	inV, inline := false, ""
	for {
		t, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case nil:
			return "", damaged()
		case xml.EndElement:
			switch t.Name.Local {
			case "c":
				if inline != "" {
					return inline, nil
				}
				if typ != "s" {
					return v.String(), nil
				}
				s := strings.TrimSpace(v.String())
				if s == "" {
					return "", nil
				}
				i, err := strconv.Atoi(s)
				if err != nil || i < 0 || i >= len(r.w.strings) {
					return "", damaged()
				}
				return r.w.strings[i], nil
			case "v":
				inV = false
			}
		case xml.StartElement:
			switch t.Name.Local {
			case "v":
				inV = true
			case "is":
				s, err := p.richText(t)
				if err != nil {
					return "", err
				}
				inline = s
			default:
				if err := p.skip(); err != nil {
					return "", err
				}
			}
		case xml.CharData:
			if inV {
				v.Write(t)
			}
		}
	}
}
