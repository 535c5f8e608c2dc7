package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/jpeg" // scans of paper copies
	"image/png"
	"math"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// Page geometry in mm: A4 with generous margins, a running header and a
// footer carrying the page numbers.
const (
	marginX      = 20.0
	headerTop    = 11.0 // company line
	contentTop   = 25.0 // first line of content under the header rule
	footerHeight = 20.0 // from the page's bottom edge to the last line of content
	ptMM         = 25.4 / 72
)

// Type sizes in pt, after the Chinese 号 scale: 小二 for titles, 小四 for
// section headings, 五号 for body text, 小五 for notes and headers.
const (
	sizeTitle   = 18.0
	sizeHeading = 12.0
	sizeBody    = 10.5
	sizeSmall   = 9.0
	sizeTiny    = 8.0
)

// Colours (RGB).
var (
	colText    = [3]int{0x1a, 0x1a, 0x1a}
	colMuted   = [3]int{0x66, 0x66, 0x66}
	colAccent  = [3]int{0x1f, 0x38, 0x64} // dark blue of headings
	colRule    = [3]int{0x99, 0x99, 0x99}
	colGrid    = [3]int{0x80, 0x80, 0x80}
	colLabelBg = [3]int{0xf2, 0xf2, 0xf2}
	colHeadBg  = [3]int{0xe3, 0xea, 0xf3}
	colFaint   = [3]int{0xbb, 0xbb, 0xbb}
)

// running is what the header and footer of the current page show.
type running struct {
	title     string
	docNumber string
	version   int
	generated time.Time
}

// builder lays out one PDF: pages with the letterhead and page numbers, and
// the blocks documents are made of (title block, headings, paragraphs, form
// grids, tables, signature blocks). It manages page breaks itself.
type builder struct {
	f       *gofpdf.Fpdf
	m       *metrics
	company Company
	loc     *time.Location // the company's time zone, of every date printed
	head    running
	pageW   float64
	pageH   float64
	y       float64
	// onNewPage draws what must repeat at the top of a continuation page,
	// such as a table's header row.
	onNewPage func()
	repeatH   float64 // height of what onNewPage draws
	// next is the running header of the next page: set before a new part
	// starts, taken over by the header, so the previous page's footer still
	// shows its own part.
	next   *running
	images map[string]gofpdf.ImageInfoType
	logo   string // registered name of the logo, "" when none
	// pending is a section heading not drawn yet: it is drawn by the next
	// block that asks for room (ensure), together with that room, so that a
	// heading never ends a page alone.
	pending string
	// faces are the fallback faces added to the PDF so far.
	faces map[*face]bool
	// probe marks a scratch builder (fits): it measures, draws nothing kept.
	probe bool
}

// newBuilder starts a PDF in the given orientation ("P" or "L").
func newBuilder(orientation string, company Company, created time.Time) *builder {
	f := gofpdf.New(orientation, "mm", "A4", "")
	f.SetCatalogSort(true) // resource order independent of map iteration
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetProducer("ReqDesk 需求管家", true)
	f.SetCreator("ReqDesk 需求管家", true)
	if company.Name != "" {
		f.SetAuthor(company.Name, true)
	}
	addFont(f)
	f.AliasNbPages("{nb}")
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(marginX, contentTop, marginX)
	f.SetFont(fontFamily, "", sizeBody)
	w, h := f.GetPageSize()
	b := &builder{f: f, m: newMetrics(f), company: company, loc: company.location(), pageW: w, pageH: h, images: map[string]gofpdf.ImageInfoType{}, faces: map[*face]bool{}}
	if len(company.Logo) > 0 {
		if name, _, ok := b.image(company.Logo); ok {
			b.logo = name
		}
	}
	f.SetHeaderFunc(b.header)
	f.SetFooterFunc(b.footer)
	return b
}

// width is the width of the content area.
func (b *builder) width() float64 { return b.pageW - 2*marginX }

// bottom is the lowest y content may reach.
func (b *builder) bottom() float64 { return b.pageH - footerHeight }

// finish closes the document and returns its bytes and page count.
func (b *builder) finish() (Output, error) {
	if b.pending != "" {
		b.flushHeading(0)
	}
	pages := b.f.PageNo()
	var buf bytes.Buffer
	if err := b.f.Output(&buf); err != nil {
		return Output{}, fmt.Errorf("pdf: %w", err)
	}
	return Output{PDF: markSubset(buf.Bytes()), Pages: pages}, nil
}

// Output is a rendered PDF.
type Output struct {
	PDF   []byte
	Pages int
}

// setHead sets the running header and footer from the next page on.
func (b *builder) setHead(h running) { b.next = &h }

// newPage starts a page and draws what repeats on it.
func (b *builder) newPage() {
	b.f.AddPage()
	b.y = contentTop
	if b.onNewPage != nil {
		b.onNewPage()
	}
	if b.pending != "" {
		b.flushHeading(0)
	}
}

// ensure starts a new page unless h mm still fit on this one. A heading
// waiting to be drawn goes first, on the page where the h mm after it fit.
func (b *builder) ensure(h float64) {
	if b.pending != "" {
		b.flushHeading(h)
		return
	}
	if b.y+h > b.bottom()+1e-6 {
		b.newPage()
	}
}

// keep draws fn, a closing part such as the last paragraph with the
// signature blocks, on a new page when it does not fit on this one but does
// on a page of its own; so a signature block never stands alone on a page.
// Whether it fits is tried on a probe: a scratch page that measures the same
// way and is thrown away.
func (b *builder) keep(fn func(*builder)) {
	if !b.fits(b.y, fn) && b.fits(contentTop, fn) {
		b.newPage()
	}
	fn(b)
}

// fits reports whether fn, drawn from y, stays on the page.
func (b *builder) fits(y float64, fn func(*builder)) bool {
	orientation := "P"
	if b.pageW > b.pageH {
		orientation = "L"
	}
	f := gofpdf.New(orientation, "mm", "A4", "")
	f.SetAutoPageBreak(false, 0)
	f.SetFont("Helvetica", "", sizeBody) // never written out; b.m measures
	f.AddPage()
	p := &builder{f: f, m: b.m, loc: b.loc, pageW: b.pageW, pageH: b.pageH, y: y, images: map[string]gofpdf.ImageInfoType{}, pending: b.pending, probe: true}
	fn(p)
	return f.PageNo() == 1
}

func (b *builder) color(c [3]int)     { b.f.SetTextColor(c[0], c[1], c[2]) }
func (b *builder) drawColor(c [3]int) { b.f.SetDrawColor(c[0], c[1], c[2]) }
func (b *builder) fillColor(c [3]int) { b.f.SetFillColor(c[0], c[1], c[2]) }

// text draws s with its top-left corner at x, y in a line of height lh,
// each character in the first embedded font that has it (see pick).
func (b *builder) text(x, y, lh, size float64, s string) {
	b.f.SetFontSize(size)
	base := y + lh/2 + 0.34*size*ptMM
	rs := runs(s)
	if b.probe || len(rs) == 1 && rs[0].face == nil {
		if len(rs) == 1 {
			s = rs[0].code
		}
		b.f.Text(x, base, s)
		return
	}
	for _, r := range rs {
		if r.face != nil {
			if !b.faces[r.face] {
				b.f.AddUTF8FontFromBytes(r.face.family, "", r.face.ttf)
				b.faces[r.face] = true
			}
			b.f.SetFont(r.face.family, "", size)
		}
		b.f.Text(x, base, r.code)
		if r.face != nil {
			b.f.SetFont(fontFamily, "", size)
		}
		x += b.m.text(r.src, size)
	}
}

// boldText draws s in a heavier stroke: the font has no bold face, so the
// glyphs are filled and outlined (text render mode 2).
func (b *builder) boldText(x, y, lh, size float64, s string) {
	b.f.SetLineWidth(size * 0.012)
	b.f.SetTextRenderingMode(2)
	b.drawColor(b.currentText())
	b.text(x, y, lh, size, s)
	b.f.SetTextRenderingMode(0)
}

func (b *builder) currentText() [3]int {
	r, g, bl := b.f.GetTextColor()
	return [3]int{r, g, bl}
}

// aligned draws s in a box of width w: align is "L", "C" or "R".
func (b *builder) aligned(x, y, w, lh, size float64, s, align string, bold bool) {
	switch align {
	case "C":
		x += (w - b.m.text(strings.TrimRight(s, " "), size)) / 2
	case "R":
		x += w - b.m.text(strings.TrimRight(s, " "), size)
	}
	if bold {
		b.boldText(x, y, lh, size, s)
		return
	}
	b.text(x, y, lh, size, s)
}

// lineHeight is the leading of text at size pt.
func lineHeight(size float64) float64 { return size * ptMM * 1.6 }

// header draws the letterhead on every page: logo and company name on the
// left, the document's title and number on the right, a rule below.
func (b *builder) header() {
	if b.next != nil {
		b.head, b.next = *b.next, nil
	}
	x := marginX
	if b.logo != "" {
		info := b.images[b.logo]
		h := 9.0
		w := h * info.Width() / info.Height()
		if w > 30 {
			w, h = 30, 30*info.Height()/info.Width()
		}
		b.f.ImageOptions(b.logo, x, headerTop+4.5-h/2, w, h, false, gofpdf.ImageOptions{}, 0, "")
		x += w + 3
	}
	b.color(colAccent)
	if b.company.Name != "" {
		b.boldText(x, headerTop, 9, 10.5, clean(b.company.Name))
	}
	b.color(colMuted)
	right := b.head.title
	if b.head.docNumber != "" {
		right += "　" + b.head.docNumber
	}
	b.aligned(marginX, headerTop+0.5, b.width(), 9, sizeTiny, right, "R", false)
	b.drawColor(colRule)
	b.f.SetLineWidth(0.35)
	b.f.Line(marginX, headerTop+11, b.pageW-marginX, headerTop+11)
	b.color(colText)
}

// footer draws "第 x 页 / 共 y 页" in the middle, the generation date and the
// version at the sides.
func (b *builder) footer() {
	y := b.pageH - 15
	b.drawColor(colRule)
	b.f.SetLineWidth(0.2)
	b.f.Line(marginX, y, b.pageW-marginX, y)
	b.color(colMuted)
	page := fmt.Sprintf("第 %d 页 / 共 ", b.f.PageNo())
	// Centre on a one-digit total: {nb} is wider than the digits replacing it.
	w := b.m.text(page+"9 页", sizeSmall)
	b.text((b.pageW-w)/2, y+1.5, 6, sizeSmall, page+"{nb} 页")
	if !b.head.generated.IsZero() {
		b.text(marginX, y+1.5, 6, sizeTiny, "生成日期 "+b.head.generated.In(b.loc).Format("2006-01-02"))
	}
	if b.head.version > 0 {
		b.aligned(marginX, y+1.5, b.width(), 6, sizeTiny, fmt.Sprintf("第 %d 版", b.head.version), "R", false)
	}
	b.color(colText)
}

// metaItem is one label and value of the title block.
type metaItem struct{ label, value string }

// titleBlock draws the document title centred, and under it the identifying
// facts as a two-column grid (request number, customer, document number,
// version, generation date, generator).
func (b *builder) titleBlock(title string, items []metaItem) {
	b.ensure(40)
	b.y += 2
	b.color(colText)
	b.aligned(marginX, b.y, b.width(), 12, sizeTitle, title, "C", true)
	b.y += 16
	labelW := 22.0
	colW := b.width() / 2
	size := sizeSmall
	lh := lineHeight(size)
	for i := 0; i < len(items); i += 2 {
		row := items[i:min(i+2, len(items))]
		// Each value wraps within its cell; the row is as tall as the taller.
		var lines [][]string
		n := 1
		for _, it := range row {
			ls := b.m.breaker(size).Lines(clean(it.value), colW-labelW-4)
			lines = append(lines, ls)
			n = max(n, len(ls))
		}
		h := float64(n)*lh + 2
		b.ensure(h)
		for j, it := range row {
			x := marginX + float64(j)*colW
			b.fillColor(colLabelBg)
			b.drawColor(colGrid)
			b.f.SetLineWidth(0.2)
			b.f.Rect(x, b.y, labelW, h, "FD")
			b.f.Rect(x+labelW, b.y, colW-labelW, h, "D")
			b.color(colMuted)
			b.text(x+2, b.y+1, lh, size, it.label)
			b.color(colText)
			for k, l := range lines[j] {
				b.text(x+labelW+2, b.y+1+float64(k)*lh, lh, size, l)
			}
		}
		if len(row) == 1 {
			x := marginX + colW
			b.f.Rect(x, b.y, colW, h, "D")
		}
		b.y += h
	}
	b.y += 6
}

// heading sets a section heading with an accent bar. It is drawn with the
// block that follows it (see ensure), on the page that has room for both.
func (b *builder) heading(s string) {
	if b.pending != "" {
		b.flushHeading(0)
	}
	b.pending = clean(s)
}

// headingKeep is the least room a heading keeps below it: two lines of
// text, or two rows of a table.
var headingKeep = 2*lineHeight(sizeBody) + 2*(lineHeight(sizeSmall)+2*cellPadY)

// flushHeading draws the pending heading where it and the h mm of the block
// that follows it (at least headingKeep) fit.
func (b *builder) flushHeading(h float64) {
	s := b.pending
	b.pending = ""
	lh := lineHeight(sizeHeading)
	if b.y+4+lh+1.5+max(h, headingKeep) > b.bottom()+1e-6 && b.y > contentTop+b.repeatHeight()+1e-6 {
		b.newPage()
	}
	b.y += 4
	b.fillColor(colAccent)
	b.f.Rect(marginX, b.y+1.2, 1.2, lh-2.4, "F")
	b.color(colAccent)
	b.boldText(marginX+3.5, b.y, lh, sizeHeading, s)
	b.color(colText)
	b.y += lh + 1.5
}

// paragraph sets text in the body size over the content width, flowing onto
// further pages. indent gives each paragraph a first-line indent of two
// characters, as Chinese prose is set.
func (b *builder) paragraph(text string, indent bool) {
	b.paragraphAt(marginX, b.width(), text, sizeBody, indent)
}

// paragraphAt sets text at x in a column of width w.
func (b *builder) paragraphAt(x, w float64, text string, size float64, indent bool) {
	lh := lineHeight(size)
	ind := 0.0
	if indent {
		ind = 2 * b.m.width('中', size)
	}
	br := b.m.breaker(size)
	for _, para := range strings.Split(clean(text), "\n") {
		lines := br.lines(para, w-ind, w)
		for i, l := range lines {
			b.ensure(lh)
			lx := x
			if i == 0 {
				lx += ind
			}
			b.text(lx, b.y, lh, size, l)
			b.y += lh
		}
	}
	b.y += 1.5
}

// cell is one cell of a grid or table row.
type cell struct {
	w      float64
	text   string
	align  string // L, C, R
	label  bool   // a form label: shaded, muted, repeated with （续） when the row splits
	middle bool   // centred vertically in a row taller than its text
	head   bool   // a table header cell: shaded and bold
	size   float64
}

// cellPad is the inner padding of grid and table cells.
const (
	cellPadX = 2.0
	cellPadY = 1.6
)

// row draws a row of cells with borders, each cell's text wrapped to its
// width. A row that does not fit moves to the next page; one taller than a
// page is split, continuing under the repeated header (onNewPage), with
// label cells marked （续）.
func (b *builder) row(cells []cell) {
	lines := make([][]string, len(cells))
	n := 1
	lh := 0.0
	for i, c := range cells {
		if c.size == 0 {
			cells[i].size = sizeBody
		}
		lines[i] = b.m.breaker(cells[i].size).Lines(clean(c.text), c.w-2*cellPadX)
		n = max(n, len(lines[i]))
		lh = max(lh, lineHeight(cells[i].size))
	}
	full := b.bottom() - contentTop - b.repeatHeight()
	if b.pending != "" {
		// The heading goes with the whole row when a page can hold it, else
		// with its first two lines.
		first := float64(n)*lh + 2*cellPadY
		if first > full {
			first = float64(min(n, 2))*lh + 2*cellPadY
		}
		b.ensure(first)
	}
	start := 0
	cont := false
	for start < n {
		fit := int(math.Floor((b.bottom() - b.y - 2*cellPadY + 1e-6) / lh))
		rest := n - start
		switch {
		case rest <= fit:
		case start == 0 && float64(rest)*lh+2*cellPadY <= full && b.y > contentTop+b.repeatHeight()+1e-6:
			b.newPage() // the whole row fits on a fresh page
			continue
		case fit < 1, fit < 2 && rest >= 2:
			b.newPage() // no single line left alone at a page's foot
			continue
		}
		k := min(rest, max(fit, 0))
		b.drawRow(cells, lines, start, start+k, n, lh, cont)
		start += k
		if start < n {
			b.newPage()
			cont = true
		}
	}
}

// rowHeight is the height of a row drawn whole.
func (b *builder) rowHeight(cells []cell) float64 {
	n, lh := 1, 0.0
	for _, c := range cells {
		size := c.size
		if size == 0 {
			size = sizeBody
		}
		n = max(n, len(b.m.breaker(size).Lines(clean(c.text), c.w-2*cellPadX)))
		lh = max(lh, lineHeight(size))
	}
	return float64(n)*lh + 2*cellPadY
}

// drawRow draws lines [from, to) of a row's cells at b.y and moves below.
func (b *builder) drawRow(cells []cell, lines [][]string, from, to, n int, lh float64, cont bool) {
	h := float64(to-from)*lh + 2*cellPadY
	x := marginX
	for i, c := range cells {
		b.drawColor(colGrid)
		b.f.SetLineWidth(0.2)
		style := "D"
		if c.label {
			b.fillColor(colLabelBg)
			style = "FD"
		} else if c.head {
			b.fillColor(colHeadBg)
			style = "FD"
		}
		b.f.Rect(x, b.y, c.w, h, style)
		ls := lines[i]
		if c.label && cont {
			// A label is one or two lines; on a continuation it is restated.
			ls = b.m.breaker(c.size).Lines(clean(c.text)+"（续）", c.w-2*cellPadX)
		}
		switch {
		case c.label:
			b.color(colMuted)
		default:
			b.color(colText)
		}
		if c.label || c.head {
			// Labels and header cells sit in the middle of the row's first page part.
			top := b.y + (h-float64(len(ls))*lh)/2
			if c.label && !cont && to-from < len(ls) {
				top = b.y + cellPadY
			}
			for k, l := range ls {
				b.aligned(x+cellPadX, top+float64(k)*lh, c.w-2*cellPadX, lh, c.size, l, c.align, c.head)
			}
		} else {
			top := b.y + cellPadY
			if (c.align == "C" || c.middle) && from == 0 && to == n {
				// Centred columns (dates, names, marks) sit in the middle.
				top = b.y + (h-float64(len(ls))*lh)/2
			}
			for k := from; k < to && k < len(ls); k++ {
				b.aligned(x+cellPadX, top+float64(k-from)*lh, c.w-2*cellPadX, lh, c.size, ls[k], c.align, false)
			}
		}
		x += c.w
	}
	b.color(colText)
	b.y += h
}

// repeatHeight is the height of what onNewPage draws, measured once.
func (b *builder) repeatHeight() float64 {
	if b.onNewPage == nil {
		return 0
	}
	return b.repeatH
}

// field is one label and value of a form grid.
type field struct {
	label, value string
}

// grid draws a registration-form style grid: pairs of short fields two to a
// row, long fields across the whole width.
func (b *builder) grid(pairs [][2]field, long []field) {
	labelW := 26.0
	half := b.width() / 2
	for _, p := range pairs {
		b.row([]cell{
			{w: labelW, text: p[0].label, label: true},
			{w: half - labelW, text: p[0].value, middle: true},
			{w: labelW, text: p[1].label, label: true},
			{w: half - labelW, text: p[1].value, middle: true},
		})
	}
	for _, f := range long {
		b.longField(f, labelW)
	}
}

// longField draws one field across the width: label cell and a value that
// may run over pages.
func (b *builder) longField(f field, labelW float64) {
	b.row([]cell{{w: labelW, text: f.label, label: true}, {w: b.width() - labelW, text: f.value, middle: true}})
}

// column describes a table column.
type column struct {
	title string
	w     float64 // share of the width
	align string
}

// table draws a table whose header row repeats at the top of every page it
// runs onto.
func (b *builder) table(cols []column, rows [][]string) {
	total := 0.0
	for _, c := range cols {
		total += c.w
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = c.w / total * b.width()
	}
	header := make([]cell, len(cols))
	for i, c := range cols {
		header[i] = cell{w: widths[i], text: c.title, head: true, align: "C", size: sizeSmall}
	}
	drawHeader := func() {
		saved := b.onNewPage
		b.onNewPage = nil
		b.row(append([]cell(nil), header...))
		b.onNewPage = saved
	}
	// The header and the first row stay together (a first row taller than
	// a page with its first two lines).
	first := b.rowHeight(header)
	if len(rows) > 0 {
		cells := make([]cell, len(cols))
		for i := range cols {
			cells[i] = cell{w: widths[i], size: sizeSmall}
			if i < len(rows[0]) {
				cells[i].text = rows[0][i]
			}
		}
		first += min(b.rowHeight(cells), 2*lineHeight(sizeSmall)+2*cellPadY+(b.bottom()-contentTop)/2)
	}
	b.ensure(first)
	y0 := b.y
	drawHeader()
	b.repeatH = b.y - y0
	b.onNewPage = drawHeader
	for _, r := range rows {
		cells := make([]cell, len(cols))
		for i := range cols {
			v := ""
			if i < len(r) {
				v = r[i]
			}
			align := cols[i].align
			if align == "" {
				align = "L"
			}
			cells[i] = cell{w: widths[i], text: v, align: align, size: sizeSmall}
		}
		b.row(cells)
	}
	b.onNewPage = nil
	b.repeatH = 0
	b.y += 3
}

// image registers a PNG or JPEG once (by content) and returns its name and
// size in pixels.
func (b *builder) image(data []byte) (string, gofpdf.ImageInfoType, bool) {
	sum := sha256.Sum256(data)
	name := "img" + hex.EncodeToString(sum[:8])
	if info, ok := b.images[name]; ok {
		return name, info, true
	}
	_, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return "", gofpdf.ImageInfoType{}, false
	}
	var tp string
	switch format {
	case "png":
		// Re-encode: gofpdf reads only non-interlaced 8-bit PNGs.
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return "", gofpdf.ImageInfoType{}, false
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, toNRGBA(img)); err != nil {
			return "", gofpdf.ImageInfoType{}, false
		}
		data, tp = buf.Bytes(), "PNG"
	case "jpeg":
		tp = "JPG"
	default:
		return "", gofpdf.ImageInfoType{}, false
	}
	info := b.f.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: tp}, bytes.NewReader(data))
	if info == nil || b.f.Err() {
		return "", gofpdf.ImageInfoType{}, false
	}
	b.images[name] = *info
	return name, *info, true
}

// toNRGBA converts any image to 8-bit NRGBA.
func toNRGBA(img image.Image) *image.NRGBA {
	if n, ok := img.(*image.NRGBA); ok {
		return n
	}
	r := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			out.Set(x-r.Min.X, y-r.Min.Y, img.At(x, y))
		}
	}
	return out
}

// fitImage draws a registered image centred in the box, keeping its aspect.
func (b *builder) fitImage(name string, info gofpdf.ImageInfoType, x, y, w, h float64) {
	iw, ih := info.Width(), info.Height()
	if iw <= 0 || ih <= 0 {
		return
	}
	s := math.Min(w/iw, h/ih)
	dw, dh := iw*s, ih*s
	b.f.ImageOptions(name, x+(w-dw)/2, y+(h-dh)/2, dw, dh, false, gofpdf.ImageOptions{}, 0, "")
}

// signBlock is one signature block as printed.
type signBlock struct {
	signer Signer
	// name and date are printed when known (from the records); a signature
	// drawn on screen overrides them.
	name string
	date string
	sig  *Signature
	// party names the side, e.g. the customer's or the company's name.
	party string
}

// signatures draws the signature blocks side by side, two to a row; a lone
// block sits on the right, where Chinese documents are signed.
func (b *builder) signatures(blocks []signBlock) {
	if len(blocks) == 0 {
		return
	}
	gap := 8.0
	w := (b.width() - gap) / 2
	h := 49.0
	b.ensure(h + 3)
	b.y += 3
	for i := 0; i < len(blocks); i += 2 {
		if i > 0 {
			b.ensure(h + 4)
		}
		row := blocks[i:min(i+2, len(blocks))]
		for j, blk := range row {
			x := marginX + float64(j)*(w+gap)
			if len(row) == 1 && len(blocks) == 1 {
				x = marginX + w + gap
			}
			b.signBlock(blk, x, b.y, w, h)
		}
		b.y += h + 4
	}
}

// signBlock draws one block: heading, party, signature (drawn or a line to
// sign on), name, date, and a seal box where the document asks for a seal.
func (b *builder) signBlock(blk signBlock, x, y, w, h float64) {
	b.drawColor(colGrid)
	b.f.SetLineWidth(0.25)
	b.f.Rect(x, y, w, h, "D")
	lh := lineHeight(sizeBody)
	b.fillColor(colLabelBg)
	b.f.Rect(x, y, w, lh+2, "FD")
	b.color(colAccent)
	b.boldText(x+3, y+1, lh, sizeBody, blk.signer.Label)
	b.color(colText)
	inner := w - 6
	sealW := 0.0
	if blk.signer.Seal {
		sealW = 26
		inner -= sealW + 2
	}
	cy := y + lh + 3.5
	if blk.party != "" {
		lines := b.m.breaker(sizeSmall).Lines(clean(blk.party), inner)
		for _, l := range lines[:min(2, len(lines))] {
			b.text(x+3, cy, lineHeight(sizeSmall), sizeSmall, l)
			cy += lineHeight(sizeSmall)
		}
	}
	name, date := blk.name, blk.date
	labelW := b.m.text("签字：", sizeSmall) + 1
	// Signature line with the drawn signature above it.
	sigTop := cy
	sigH := 12.0
	b.text(x+3, sigTop+sigH-lineHeight(sizeSmall)+0.5, lineHeight(sizeSmall), sizeSmall, "签字：")
	b.drawColor(colFaint)
	b.f.SetLineWidth(0.2)
	b.f.Line(x+3+labelW, sigTop+sigH, x+3+inner, sigTop+sigH)
	if blk.sig != nil && len(blk.sig.PNG) > 0 {
		if imgName, info, ok := b.image(blk.sig.PNG); ok {
			b.fitImage(imgName, info, x+3+labelW, sigTop, inner-labelW, sigH-0.5)
		}
		name = blk.sig.Signer
		if blk.sig.SignerTitle != "" {
			name += "（" + blk.sig.SignerTitle + "）"
		}
		date = b.dateCN(blk.sig.SignedAt)
	}
	cy = sigTop + sigH + 2
	for _, kv := range [][2]string{{"姓名：", name}, {"日期：", date}} {
		b.text(x+3, cy, lineHeight(sizeSmall), sizeSmall, kv[0])
		b.f.Line(x+3+labelW, cy+lineHeight(sizeSmall), x+3+inner, cy+lineHeight(sizeSmall))
		v := kv[1]
		if v == "" && kv[0] == "日期：" {
			b.color(colFaint)
			v = "　　　　年　　月　　日"
		}
		b.text(x+3+labelW+1, cy, lineHeight(sizeSmall), sizeSmall, clean(v))
		b.color(colText)
		cy += lineHeight(sizeSmall) + 2
	}
	if blk.sig != nil && len(blk.sig.PNG) > 0 {
		b.color(colMuted)
		b.text(x+3, y+h-lineHeight(sizeTiny)-0.8, lineHeight(sizeTiny), sizeTiny,
			"屏幕签字于 "+b.minuteCN(blk.sig.SignedAt))
		b.color(colText)
	}
	if sealW > 0 {
		sx, sy := x+w-3-sealW, y+lh+2+(h-lh-2-sealW)/2
		b.drawColor(colFaint)
		b.f.SetDashPattern([]float64{1, 1}, 0)
		b.f.Circle(sx+sealW/2, sy+sealW/2, sealW/2-0.5, "D")
		b.f.SetDashPattern(nil, 0)
		b.color(colFaint)
		b.aligned(sx, sy+sealW/2-3, sealW, 6, sizeSmall, "（盖章）", "C", false)
		b.color(colText)
	}
}

// checkbox draws a small square, ticked with √ when on, at x, y (top).
func (b *builder) checkbox(x, y, lh float64, on bool) float64 {
	s := 3.4
	top := y + (lh-s)/2
	b.drawColor(colText)
	b.f.SetLineWidth(0.25)
	b.f.Rect(x, top, s, s, "D")
	if on {
		b.aligned(x, y, s, lh, sizeSmall, "√", "C", true)
	}
	return s + 1.2
}

// options draws a row of checkboxes with their labels, ticking chosen.
func (b *builder) options(x, y, lh float64, labels []string, chosen int) {
	for i, l := range labels {
		x += b.checkbox(x, y, lh, i == chosen)
		b.text(x, y, lh, sizeSmall, l)
		x += b.m.text(l, sizeSmall) + 5
	}
}

// writeLines draws n ruled lines to write on by hand.
func (b *builder) writeLines(n int) {
	for range n {
		b.ensure(8)
		b.y += 8
		b.drawColor(colFaint)
		b.f.SetLineWidth(0.2)
		b.f.Line(marginX, b.y, b.pageW-marginX, b.y)
	}
	b.y += 3
}

// note draws a small muted remark.
func (b *builder) note(s string) {
	b.color(colMuted)
	b.paragraphAt(marginX, b.width(), s, sizeSmall, false)
	b.color(colText)
}
