package xlsx

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Limits of an import.
const (
	// MaxFileSize is the largest file accepted, in bytes.
	MaxFileSize = 50 << 20
	// MaxRows is the most data rows one import takes; a larger table is
	// refused whole, to be split.
	MaxRows = 100_000
	// MaxCellChars is Excel's own limit on a cell's text; a longer cell
	// cannot have come from Excel intact.
	MaxCellChars = 32767
	// headerScan is how many rows from the top are searched for the
	// header row, past titles and notes.
	headerScan = 30
	// maxColumns is how many columns are read; data beyond is ignored.
	maxColumns = 200
	// unzipLimit bounds the workbook's unpacked size (a zip bomb stops here).
	unzipLimit = 1 << 30
)

// oleMagic starts an OLE compound file: an Excel 97-2003 workbook (.xls), or
// an .xlsx encrypted with a password, which Excel wraps in one.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// invalid refuses a file with the message key (apperr.Messages: import_file_*)
// and its params.
func invalid(key string, params apperr.P) error {
	return apperr.New(apperr.Invalid, key, params)
}

// Parse reads a workbook into an import batch: every visible sheet with a
// registration table header (matched by name, in any order, below any title
// rows, over merged header cells), its data rows read into fields and the
// problems of cells that could not be understood. Dates and times without a
// zone are read in zone, the company's time zone (store.Store.Zone), not
// the computer's. A file that cannot be read as such (not an xlsx,
// encrypted, corrupt, empty, too large) is refused with an Invalid error
// whose message says why in plain Chinese.
func Parse(data []byte, zone *time.Location) (request.ImportBatch, error) {
	return parse(data, zone, maxElements)
}

func parse(data []byte, zone *time.Location, elements int) (b request.ImportBatch, err error) {
	defer func() {
		// A malformed part deep inside a workbook can trip the reader up;
		// to the user that is a damaged file like any other.
		if p := recover(); p != nil {
			b, err = request.ImportBatch{}, damaged()
		}
	}()
	if err := sniff(data); err != nil {
		return b, err
	}
	w, err := openWorkbook(data, elements)
	if err != nil {
		return b, err
	}
	p := parser{date1904: w.date1904, zone: zone}
	if len(w.sheets) == 0 {
		return b, damaged()
	}
	var skipped []string
	for _, ws := range w.sheets {
		if !ws.visible {
			continue
		}
		found, blank, err := p.sheet(w, ws)
		if err != nil {
			return request.ImportBatch{}, err
		}
		if !found && !blank {
			skipped = append(skipped, ws.name)
		}
	}
	b = p.batch
	switch {
	case len(b.Sheets) == 0 && len(skipped) == 0:
		return b, invalid("import_file_sheets_empty", nil)
	case len(b.Sheets) == 0:
		return b, invalid("import_file_no_header", nil)
	case p.rows == 0:
		return b, invalid("import_file_no_rows", nil)
	}
	if len(skipped) > 0 {
		b.Note("import_note_sheets_skipped", apperr.P{"sheets": skipped})
	}
	if len(p.urgencies) > 0 {
		b.Note("import_note_urgencies", apperr.P{"mappings": urgencyNote(p.urgencies)})
	}
	if p.derivedTitles > 0 {
		b.Note("import_note_titles_split", apperr.P{"n": p.derivedTitles, "max": request.MaxTitle, "first": request.MaxTitle - 1})
	}
	return b, nil
}

func damaged() error {
	return invalid("import_file_damaged", nil)
}

// sniff refuses what is plainly not an .xlsx before the reader sees it.
func sniff(data []byte) error {
	switch {
	case len(data) == 0:
		return invalid("import_file_empty", nil)
	case len(data) > MaxFileSize:
		return invalid("import_file_too_large", apperr.P{"size": fmt.Sprintf("%.1f", float64(len(data))/(1<<20)), "max": MaxFileSize >> 20})
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, utf16le("EncryptedPackage")) {
			return invalid("import_file_encrypted", nil)
		}
		return invalid("import_file_xls", nil)
	case !bytes.HasPrefix(data, []byte("PK")):
		return invalid("import_file_not_xlsx", nil)
	}
	return nil
}

func utf16le(s string) []byte {
	var out []byte
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// parser collects the batch across sheets.
type parser struct {
	date1904      bool
	zone          *time.Location // of dates and times (parseDate)
	batch         request.ImportBatch
	rows          int // data rows so far, all sheets
	derivedTitles int
	// urgencies counts the urgencies written otherwise than the list
	// spells them (高, 中, 低 …), to say in the report how they were read.
	urgencies map[urgencyWord]int
	// pendingRows are the rows of the sheet being read, in chunks: a row is
	// large, and appending 10,000 of them to one slice copied the table
	// some fifteen times as it grew.
	pendingRows [][]request.ImportRow
}

// rowChunk is how many rows a chunk of parser.pendingRows holds.
const rowChunk = 512

func (p *parser) addRow(r request.ImportRow) {
	if n := len(p.pendingRows); n == 0 || len(p.pendingRows[n-1]) == rowChunk {
		p.pendingRows = append(p.pendingRows, make([]request.ImportRow, 0, rowChunk))
	}
	last := &p.pendingRows[len(p.pendingRows)-1]
	*last = append(*last, r)
}

// takeRows returns the sheet's rows in one slice, and forgets them.
func (p *parser) takeRows() []request.ImportRow {
	rows := slices.Concat(p.pendingRows...)
	p.pendingRows = nil
	return rows
}

type urgencyWord struct {
	word string
	u    request.Urgency
}

// header is a sheet's recognised header: the field of each column.
type header struct {
	row     int            // the last header row
	fields  map[int]string // column index → field
	headers map[int]string // column index → the header text
}

// sheet reads one sheet, streaming its rows. found is false when it has no
// header; blank when it has no cell at all.
func (p *parser) sheet(w *workbook, ws sheetRef) (found, blank bool, err error) {
	name := ws.name
	rows, err := w.rows(ws)
	if err != nil {
		return false, false, err
	}
	defer rows.close()
	var top [][]string
	n := 0
	next := func() ([]string, bool, error) {
		cells, ok, err := rows.next()
		if errors.Is(err, errRowLimit) {
			return nil, false, invalid("import_file_sheet_rows", apperr.P{"sheet": name})
		}
		if ok {
			n++
		}
		return cells, ok, err
	}
	nonEmpty := false
	for len(top) < headerScan {
		cells, ok, err := next()
		if err != nil {
			return false, false, err
		}
		if !ok {
			break
		}
		if !blankCells(cells) {
			nonEmpty = true
		}
		top = append(top, cells)
	}
	h, ok := findHeader(top)
	if !ok {
		if !nonEmpty {
			// A sheet empty at the top may still be too long to scan for
			// nothing; one with no header is left out either way.
			return false, true, nil
		}
		return false, false, nil
	}
	sh := request.ImportSheet{Name: name, HeaderRow: h.row, Columns: map[string]request.ImportColumn{}}
	seen := map[string]int{}
	var unknown []string
	var renamed []apperr.Msg
	var doubled []apperr.P
	for _, col := range sortedCols(h.headers) {
		field, text := h.fields[col], h.headers[col]
		if field == "" {
			if strings.TrimSpace(text) != "" {
				unknown = append(unknown, strings.TrimSpace(text))
			}
			continue
		}
		if first, dup := seen[field]; dup {
			doubled = append(doubled, apperr.P{"sheet": name, "column": colName(col), "header": strings.TrimSpace(text),
				"first": colName(first)})
			delete(h.fields, col)
			continue
		}
		seen[field] = col
		sh.Columns[field] = request.ImportColumn{Letter: colName(col), Header: strings.TrimSpace(text)}
		if want := headerOf(field); headerKey(text) != headerKey(want) {
			renamed = append(renamed, apperr.Msg{Key: "import_note_column_read_as", Params: apperr.P{"header": strings.TrimSpace(text),
				"label": apperr.Term{Kind: "fields.request", Code: field, Name: want}}})
		}
	}
	if len(renamed) > 0 {
		p.batch.Note("import_note_columns_renamed", apperr.P{"sheet": name, "columns": renamed})
	}
	if len(unknown) > 0 {
		p.batch.Note("import_note_columns_unknown", apperr.P{"sheet": name, "headers": unknown})
	}
	for _, d := range doubled {
		p.batch.Note("import_note_column_twice", d)
	}
	for i := h.row; i < len(top); i++ {
		if err := p.row(&sh, h, i+1, top[i]); err != nil {
			return false, false, err
		}
	}
	for {
		cells, ok, err := next()
		if err != nil {
			return false, false, err
		}
		if !ok {
			break
		}
		if err := p.row(&sh, h, n, cells); err != nil {
			return false, false, err
		}
	}
	sh.Rows = p.takeRows()
	p.batch.Sheets = append(p.batch.Sheets, sh)
	return true, false, nil
}

func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func sortedCols(m map[int]string) []int {
	out := make([]int, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// colName is a column's letters: 0 → A, 26 → AA.
func colName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return "?"
	}
	return name
}

// findHeader picks the header among the top rows: the row naming the most
// known columns (at least three, one of them the number, customer or
// description), completed by the row above where its cells are empty
// (headers merged downwards) and by the row below when that row holds only
// headers (a two-level header whose upper cells are merged across).
func findHeader(top [][]string) (header, bool) {
	best, bestScore := -1, 0
	matches := make([]map[int]string, len(top))
	for i, cells := range top {
		m := map[int]string{}
		distinct := map[string]bool{}
		for col, c := range cells {
			if f := matchHeader(c); f != "" {
				m[col] = f
				distinct[f] = true
			}
		}
		matches[i] = m
		anchor := distinct[request.ImportNumber] || distinct[request.ImportCustomerName] || distinct["title"]
		if len(distinct) >= 3 && anchor && len(distinct) > bestScore {
			best, bestScore = i, len(distinct)
		}
	}
	if best < 0 {
		return header{}, false
	}
	h := header{row: best + 1, fields: map[int]string{}, headers: map[int]string{}}
	have := map[string]bool{}
	for col, c := range top[best] {
		h.headers[col] = c
		if f := matches[best][col]; f != "" {
			h.fields[col] = f
			have[f] = true
		}
	}
	cellAt := func(cells []string, col int) string {
		if col < len(cells) {
			return strings.TrimSpace(cells[col])
		}
		return ""
	}
	if best > 0 {
		for col, f := range matches[best-1] {
			if cellAt(top[best], col) == "" && !have[f] {
				h.fields[col], h.headers[col], have[f] = f, top[best-1][col], true
			}
		}
	}
	if best+1 < len(top) && len(matches[best+1]) > 0 {
		below := top[best+1]
		onlyHeaders := true
		for col, c := range below {
			if strings.TrimSpace(c) != "" && matches[best+1][col] == "" {
				onlyHeaders = false
				break
			}
		}
		if onlyHeaders {
			for col, f := range matches[best+1] {
				if h.fields[col] == "" && !have[f] {
					h.fields[col], h.headers[col], have[f] = f, below[col], true
				}
			}
			h.row = best + 2
		}
	}
	return h, true
}

// row reads one data row (excelRow as Excel numbers it) into the sheet.
func (p *parser) row(sh *request.ImportSheet, h header, excelRow int, cells []string) error {
	vals := map[string]string{}
	blank := true
	for col, field := range h.fields {
		if col < len(cells) {
			v := cells[col]
			if strings.TrimSpace(v) != "" {
				blank = false
				vals[field] = v
			}
		}
	}
	if blank {
		return nil
	}
	p.rows++
	if p.rows > MaxRows {
		return invalid("import_file_too_many_rows", apperr.P{"max": MaxRows, "sheet": sh.Name, "row": excelRow})
	}
	r := request.ImportRow{Row: excelRow}
	problem := func(field, value, key string, params apperr.P) {
		c := sh.Columns[field]
		if r.Flagged == nil {
			r.Flagged = map[string]bool{}
		}
		r.Flagged[field] = true
		p.batch.Problems = append(p.batch.Problems, problemAt(sh.Name, excelRow, c.Letter, c.Header, field, value, key, params))
	}
	for field, v := range vals {
		if n := utf8.RuneCountInString(v); n > MaxCellChars {
			problem(field, v, "import_cell_too_long", apperr.P{"n": n, "max": MaxCellChars})
			vals[field] = ""
		}
	}
	f := &r.Fields
	for field, v := range vals {
		switch field {
		case request.ImportNumber:
			r.Number = foldText(v)
			switch {
			case strings.ContainsAny(r.Number, " \t\r\n"):
				problem(field, v, "import_number_spaces", nil)
			case utf8.RuneCountInString(r.Number) > 40:
				problem(field, v, "import_number_too_long", apperr.P{"max": 40})
			}
		case request.ImportCustomerName:
			r.CustomerName = cleanText(v)
		case request.ImportStatus:
			st, ok := parseStatus(v)
			if !ok {
				problem(field, v, "import_status_unknown", apperr.P{"value": shorten(cleanText(v), 20), "choices": statusChoices()})
			}
			r.Status = st
		case "urgency":
			u, ok := parseUrgency(v)
			if !ok {
				problem(field, v, "import_urgency_unknown", apperr.P{"value": shorten(cleanText(v), 20),
					"choices": "紧急、重要、一般、潜在，或 高、中、低"})
			}
			if w := cleanText(v); ok && w != urgencyNames[u] {
				if p.urgencies == nil {
					p.urgencies = map[urgencyWord]int{}
				}
				p.urgencies[urgencyWord{w, u}]++
			}
			f.Urgency = u
		case "impactScope":
			sc, ok := parseScope(v)
			if !ok {
				problem(field, v, "import_scope_unknown", apperr.P{"value": shorten(cleanText(v), 20),
					"choices": []string{"单客户/局部场景", "多客户/通用场景", "全业务线"}})
			}
			f.ImpactScope = sc
		case "receivedAt":
			t, ok := parseDate(v, p.date1904, p.zone)
			if !ok {
				problem(field, v, "import_date_unknown", apperr.P{"value": shorten(cleanText(v), 30)})
			}
			f.ReceivedAt = t
		case "contactInfo":
			f.ContactInfo = foldText(v)
		default:
			if d, ok := request.FieldDefOf(field); ok && d.SetText != nil {
				d.SetText(f, cleanText(v))
			}
		}
	}
	// Tables often put the whole description in 需求描述: the start becomes
	// the brief description, the whole text the detailed one.
	if utf8.RuneCountInString(f.Title) > request.MaxTitle && f.Description == "" && !r.Flagged["title"] {
		f.Description = f.Title
		f.Title = strings.Join(strings.Fields(string([]rune(f.Title)[:request.MaxTitle-1])), " ") + "…"
		if r.Derived == nil {
			r.Derived = map[string]bool{}
		}
		r.Derived["description"] = true
		p.derivedTitles++
	}
	p.addRow(r)
	return nil
}

// urgencyNote says how the urgencies written in other words were read:
// "紧急程度的写法已对应为：高 按“紧急”（3 行）、中 按“重要”（5 行）".
func urgencyNote(counts map[urgencyWord]int) []apperr.Msg {
	words := make([]urgencyWord, 0, len(counts))
	for w := range counts {
		words = append(words, w)
	}
	rank := map[request.Urgency]int{request.UrgencyUrgent: 0, request.UrgencyImportant: 1, request.UrgencyNormal: 2, request.UrgencyPotential: 3}
	slices.SortFunc(words, func(a, b urgencyWord) int {
		if c := cmp.Compare(rank[a.u], rank[b.u]); c != 0 {
			return c
		}
		return strings.Compare(a.word, b.word)
	})
	parts := make([]apperr.Msg, len(words))
	for i, w := range words {
		parts[i] = apperr.Msg{Key: "import_note_urgency_word", Params: apperr.P{"word": w.word,
			"urgency": apperr.Term{Kind: "enums.urgency", Code: string(w.u), Name: urgencyNames[w.u]}, "n": counts[w]}}
	}
	return parts
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
