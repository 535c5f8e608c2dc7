// Package xlsx reads and writes the registration table (客户需求登记表) and
// the other tables of the process as Excel workbooks (excelize): the blank
// template with dropdowns from the editable lists, the parser that turns the
// template or a table people keep into an import batch, and the exports of
// the registration, progress tracking and feedback tables, streamed so that
// no row count is too large.
package xlsx

import (
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/reqdesk/reqdesk/internal/request"
)

// column is a column of the registration table: a field of
// request.FieldDefs (its header the field's label, its synonyms the
// field's) laid out for Excel.
type column struct {
	field  string // a request.Fields JSON name or request.Import*
	header string // the template's header
	// synonyms are the other headers that name the same column in tables
	// people keep.
	synonyms []string
	layout
}

// layout is how the template shows a column.
type layout struct {
	width    float64 // in Excel's character units; a Chinese character takes two
	required bool    // a new request needs it
	wrap     bool    // long text: wrapped, top-aligned
	note     string  // the instructions sheet's explanation
}

// layouts lay out the fields' columns, by field.
var layouts = map[string]layout{
	request.ImportNumber: {width: 14,
		note: "留空则按编号规则自动编号；填写已有的编号则更新那条需求，填写新编号则按此编号登记"},
	request.ImportCustomerName: {width: 24, required: true,
		note: "与已有客户同名（不计空格和全角半角）则归入该客户，否则新建客户"},
	"contactName": {width: 10, note: "该客户下已有同名联系人则关联，否则新建联系人"},
	"contactInfo": {width: 16, note: "电话、手机、分机号或邮箱"},
	"type":        {width: 14, required: true, note: "从下拉列表中选择"},
	"title": {width: 36, required: true, wrap: true,
		note: "一句话概括客户的需求，最多 200 字；更长的内容请写在“详细描述”"},
	"urgency": {width: 10, required: true,
		note: "紧急、重要、一般、潜在；也可填 高（=紧急）、中（=重要）、低（=一般）"},
	"receivedAt": {width: 18, required: true,
		note: "如 2024-03-15 14:30、2024/3/15、2024年3月15日；不能晚于现在"},
	"receivedBy": {width: 10, note: "留空则记为本机操作人"},
	request.ImportStatus: {width: 14,
		note: "新登记的需求留空即可（记为“已登记”）；也可填 需求分析中、处理中、已归档 等状态名称。已有需求的状态只能在应用中按流程推进，导入不会改变它"},
	"channel":         {width: 12, note: "从下拉列表中选择；整列没有或留空时，按联系方式记为“邮件”或“电话”"},
	"category":        {width: 10, note: "产品类、服务类、合作类等，从下拉列表中选择"},
	"impactScope":     {width: 16, note: "单客户/局部场景、多客户/通用场景、全业务线"},
	"description":     {width: 40, wrap: true, note: "客户的原话、问题现象、涉及的系统或流程"},
	"background":      {width: 30, wrap: true},
	"expectedOutcome": {width: 30, wrap: true},
	"timeRequirement": {width: 14},
	"scene":           {width: 24, wrap: true},
	"product":         {width: 16},
	"owner":           {width: 10},
	"department":      {width: 12, note: "从下拉列表中选择"},
}

// columns are the registration table's columns, request.FieldDefs in
// their order: first those of the paper table, then the app's further
// fields.
var columns = func() []column {
	out := make([]column, len(request.FieldDefs))
	for i, d := range request.FieldDefs {
		out[i] = column{field: d.Name, header: d.Label, synonyms: d.Synonyms, layout: layouts[d.Name]}
	}
	return out
}()

// headerIndex maps a normalized header to its field.
var headerIndex = func() map[string]string {
	m := map[string]string{}
	for _, c := range columns {
		m[headerKey(c.header)] = c.field
		m[strings.ToLower(c.field)] = c.field
		for _, s := range c.synonyms {
			m[headerKey(s)] = c.field
		}
	}
	return m
}()

// headerKey is the form headers are compared in: full-width folded, without
// spaces or line breaks, without the marks tables put on required columns,
// lower-cased.
func headerKey(s string) string {
	s = width.Fold.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	s = strings.Trim(s, "*※:")
	return s
}

// headerOf is the template's header of a field.
func headerOf(field string) string {
	for _, c := range columns {
		if c.field == field {
			return c.header
		}
	}
	return field
}

// matchHeader returns the field a header cell names, or "".
func matchHeader(cell string) string {
	key := headerKey(cell)
	if key == "" {
		return ""
	}
	if f, ok := headerIndex[key]; ok {
		return f
	}
	// "接收时间(年月日)", "需求描述（必填）": try again without the remark.
	if i := strings.IndexByte(key, '('); i > 0 {
		if f, ok := headerIndex[strings.Trim(key[:i], "*※:")]; ok {
			return f
		}
	}
	return ""
}
