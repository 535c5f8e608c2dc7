package xlsx

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Kind names a table that can be exported.
type Kind string

// Kinds of export.
const (
	KindRegistrations Kind = "registrations" // 客户需求登记表
	KindTracking      Kind = "tracking"      // 需求处理进度跟踪表
	KindFeedback      Kind = "feedback"      // 客户反馈表
)

// Kinds lists every kind of export.
var Kinds = []Kind{KindRegistrations, KindTracking, KindFeedback}

var kindTitles = map[Kind]string{
	KindRegistrations: "客户需求登记表", KindTracking: "需求处理进度跟踪表", KindFeedback: "客户反馈表",
}

// ParseKind checks the name of an export.
func ParseKind(s string) (Kind, error) {
	k := Kind(strings.TrimSpace(s))
	if _, ok := kindTitles[k]; ok {
		return k, nil
	}
	return "", apperr.Errorf(apperr.Invalid, "未知的导出表格：%s（可选 registrations 登记表、tracking 进度跟踪表、feedback 反馈表）", s)
}

// Title is the table's Chinese name, which its sheet is called.
func (k Kind) Title() string { return kindTitles[k] }

// FileName is the name proposed for an export made at t.
func (k Kind) FileName(t time.Time) string {
	return fmt.Sprintf("%s-%s.xlsx", k.Title(), t.Format("20060102"))
}

// TemplateFileName is the name proposed for the blank template.
const TemplateFileName = "客户需求登记表-导入模板.xlsx"

// styles are the cell styles the workbooks use.
type styles struct {
	f                                             *excelize.File
	header, headerRequired, title, bold           int
	text, wrap, textFormat, date, percent, number int
	quoted                                        map[int]int // base style → the same with a quote prefix
	dateFormat                                    string
}

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{f: f, quoted: map[int]int{}, dateFormat: "yyyy-mm-dd hh:mm"}
	border := []excelize.Border{{Type: "left", Color: "B7C3D0", Style: 1}, {Type: "right", Color: "B7C3D0", Style: 1},
		{Type: "top", Color: "B7C3D0", Style: 1}, {Type: "bottom", Color: "B7C3D0", Style: 1}}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	top := &excelize.Alignment{Vertical: "top"}
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: center,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&st.headerRequired, excelize.Style{Font: &excelize.Font{Bold: true, Color: "C00000"}, Border: border, Alignment: center,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}}},
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.text, excelize.Style{Alignment: top}},
		{&st.wrap, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.textFormat, excelize.Style{Alignment: top, NumFmt: 49}},
		{&st.date, excelize.Style{Alignment: top, CustomNumFmt: &st.dateFormat}},
		{&st.percent, excelize.Style{Alignment: top, NumFmt: 9}},
		{&st.number, excelize.Style{Alignment: top, NumFmt: 1}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, err
		}
		*s.id = id
	}
	return st, nil
}

// quote returns base with Excel's quote prefix: the cell is text, and stays
// text when someone edits it, whatever it starts with.
func (st *styles) quote(base int) (int, error) {
	if id, ok := st.quoted[base]; ok {
		return id, nil
	}
	s, err := st.f.GetStyle(base)
	if err != nil {
		return 0, err
	}
	// Protection (locked, Excel's default anyway) keeps the new style apart
	// from base, which would otherwise be handed out again.
	s.Protection = &excelize.Protection{Locked: true}
	id, err := st.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	yes := true
	st.f.Styles.CellXfs.Xf[id].QuotePrefix = &yes
	st.quoted[base] = id
	return id, nil
}

// risky reports whether a text would be taken for a formula if typed into
// a cell (CSV/Excel injection): it starts with = + - @, or with a tab or
// carriage return before one.
func risky(s string) bool {
	s = strings.TrimLeft(s, "\t\r\n ")
	return s != "" && strings.ContainsRune("=+-@＝＋－＠", []rune(s)[0])
}

// head is a column of an export.
type head struct {
	title string
	width float64
	style func(*styles) int
}

func textCol(st *styles) int    { return st.text }
func wrapCol(st *styles) int    { return st.wrap }
func dateCol(st *styles) int    { return st.date }
func percentCol(st *styles) int { return st.percent }
func numberCol(st *styles) int  { return st.number }

// table streams one sheet: the header row frozen at the top, then the rows,
// in bounded memory however many there are.
type table struct {
	f      *excelize.File
	sw     *excelize.StreamWriter
	st     *styles
	styles []int
	row    int
	buf    []any
	zone   *time.Location // in which times are written (toSerial)
}

func newTable(sheet string, heads []head, zone *time.Location) (*table, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		f.Close()
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	t := &table{f: f, sw: sw, st: st, row: 1, buf: make([]any, len(heads)), zone: zone}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		f.Close()
		return nil, err
	}
	titles := make([]any, len(heads))
	for i, h := range heads {
		if err := sw.SetColWidth(i+1, i+1, h.width); err != nil {
			f.Close()
			return nil, err
		}
		style := h.style(st)
		t.styles = append(t.styles, style)
		if err := sw.SetColStyle(i+1, i+1, style); err != nil {
			f.Close()
			return nil, err
		}
		titles[i] = excelize.Cell{StyleID: st.header, Value: h.title}
	}
	if err := sw.SetRow("A1", titles, excelize.RowOpts{Height: 30}); err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// add writes a row. Texts are always text cells, never formulas; those that
// look like one also get the quote prefix. Times become Excel dates in the
// table's zone (zero ones an empty cell).
func (t *table) add(values ...any) error {
	for i, v := range values {
		switch x := v.(type) {
		case string:
			switch {
			case x == "":
				v = nil
			case risky(x):
				id, err := t.st.quote(t.styles[i])
				if err != nil {
					return err
				}
				v = excelize.Cell{StyleID: id, Value: x}
			}
		case time.Time:
			if x.IsZero() {
				v = nil
			} else {
				v = toSerial(x, t.zone)
			}
		}
		t.buf[i] = v
	}
	t.row++
	cell, err := excelize.CoordinatesToCellName(1, t.row)
	if err != nil {
		return err
	}
	return t.sw.SetRow(cell, t.buf[:len(values)])
}

// finish ends the sheet and writes the workbook to w.
func (t *table) finish(w io.Writer) error {
	defer t.f.Close()
	if err := t.sw.Flush(); err != nil {
		return err
	}
	_, err := t.f.WriteTo(w)
	return err
}

// registrationHeads are the registration table's columns as the template
// has them, so an export can be imported again.
func registrationHeads() []head {
	out := make([]head, len(columns))
	for i, c := range columns {
		h := head{title: c.header, width: c.width, style: textCol}
		switch {
		case c.field == "receivedAt":
			h.style = dateCol
		case c.wrap:
			h.style = wrapCol
		}
		out[i] = h
	}
	return out
}

// WriteRegistrations writes the registration table (客户需求登记表) of the
// given requests and returns how many rows it wrote.
func WriteRegistrations(w io.Writer, rows iter.Seq2[request.Request, error], zone *time.Location) (int, error) {
	t, err := newTable(KindRegistrations.Title(), registrationHeads(), zone)
	if err != nil {
		return 0, err
	}
	n := 0
	vals := make([]any, len(columns))
	for r, err := range rows {
		if err != nil {
			t.f.Close()
			return n, err
		}
		for i, c := range columns {
			vals[i] = registrationValue(r, c.field)
		}
		if err := t.add(vals...); err != nil {
			t.f.Close()
			return n, err
		}
		n++
	}
	return n, t.finish(w)
}

// registrationValue is a field's cell in the registration table: the
// table's words for an urgency, scope or status.
func registrationValue(r request.Request, field string) any {
	d, ok := request.FieldDefOf(field)
	if !ok {
		return ""
	}
	switch v := d.Value(r).(type) {
	case request.Urgency:
		return urgencyNames[v]
	case request.ImpactScope:
		return scopeNames[v]
	case request.Status:
		return v.Name()
	default:
		return v
	}
}

var trackingHeads = []head{
	{"需求编号", 14, textCol}, {"需求描述(简要)", 36, wrapCol}, {"客户名称", 24, textCol}, {"紧急程度", 10, textCol},
	{"负责人", 10, textCol}, {"部门", 12, textCol}, {"接收时间", 18, dateCol}, {"分配时间", 18, dateCol},
	{"当前阶段", 16, textCol}, {"计划完成时间", 18, dateCol}, {"完成百分比", 12, percentCol}, {"最后更新", 18, dateCol},
}

// WriteTracking writes the progress tracking table (需求处理进度跟踪表).
func WriteTracking(w io.Writer, rows iter.Seq2[request.TrackingRow, error], zone *time.Location) (int, error) {
	t, err := newTable(KindTracking.Title(), trackingHeads, zone)
	if err != nil {
		return 0, err
	}
	n := 0
	for r, err := range rows {
		if err != nil {
			t.f.Close()
			return n, err
		}
		var percent any
		if r.Percent >= 0 {
			percent = float64(r.Percent) / 100
		}
		if err := t.add(r.Number, r.Title, r.CustomerName, urgencyNames[r.Urgency], r.Owner, r.Department, r.ReceivedAt,
			r.AssignedAt, r.Status.Name(), r.Due, percent, r.LastUpdate); err != nil {
			t.f.Close()
			return n, err
		}
		n++
	}
	return n, t.finish(w)
}

var feedbackHeads = []head{
	{"需求编号", 14, textCol}, {"需求描述(简要)", 36, wrapCol}, {"客户名称", 24, textCol}, {"负责人", 10, textCol},
	{"反馈日期", 12, textCol}, {"调查方式", 10, textCol}, {"及时性", 8, numberCol}, {"有效性", 8, numberCol},
	{"服务态度", 10, numberCol}, {"总体满意度", 12, numberCol}, {"是否解决", 12, textCol}, {"新的需求", 30, wrapCol},
	{"意见与建议", 40, wrapCol}, {"记录人", 10, textCol}, {"记录时间", 18, dateCol},
}

var methodNames = map[string]string{
	"phone": "电话回访", "questionnaire": "问卷", "paper": "纸质表", "onsite": "现场", "other": "其他",
}

// WriteFeedback writes the customer feedback table (客户反馈表): each
// request's latest satisfaction feedback.
func WriteFeedback(w io.Writer, rows iter.Seq2[request.FeedbackRow, error], zone *time.Location) (int, error) {
	t, err := newTable(KindFeedback.Title(), feedbackHeads, zone)
	if err != nil {
		return 0, err
	}
	score := func(v int) any {
		if v <= 0 {
			return nil
		}
		return v
	}
	n := 0
	for r, err := range rows {
		if err != nil {
			t.f.Close()
			return n, err
		}
		fb := r.Feedback
		solved, comments := "否", fb.Comments
		switch {
		case !fb.Obtained:
			solved, comments = "未获得反馈", strings.TrimSpace("原因："+fb.Reason+"\n"+fb.Comments)
		case fb.Solved:
			solved = "是"
		}
		method := methodNames[fb.Method]
		if method == "" {
			method = fb.Method
		}
		if err := t.add(r.Number, r.Title, r.CustomerName, r.Owner, fb.On, method, score(fb.Timeliness),
			score(fb.Effectiveness), score(fb.Attitude), score(fb.Overall), solved, fb.NewNeeds, comments,
			r.RecordedBy, r.RecordedAt); err != nil {
			t.f.Close()
			return n, err
		}
		n++
	}
	return n, t.finish(w)
}

// mustDate is a calendar day, as Excel counts it (in UTC: a cell's date has
// no zone).
func mustDate(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
