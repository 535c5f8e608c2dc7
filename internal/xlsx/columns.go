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

// column is a column of the registration table.
type column struct {
	field  string // a request.Fields JSON name or request.Import*
	header string // the template's header
	// synonyms are the other headers that name the same column in tables
	// people keep.
	synonyms []string
	width    float64 // in Excel's character units; a Chinese character takes two
	required bool    // a new request needs it
	wrap     bool    // long text: wrapped, top-aligned
	note     string  // the instructions sheet's explanation
}

// columns are the registration table's columns: first those of the paper
// table in its order, then the app's further fields.
var columns = []column{
	{field: request.ImportNumber, header: "需求编号", width: 14,
		synonyms: []string{"编号", "需求号", "需求单号", "单号", "工单号", "需求ID", "需求id"},
		note:     "留空则按编号规则自动编号；填写已有的编号则更新那条需求，填写新编号则按此编号登记"},
	{field: request.ImportCustomerName, header: "客户名称", width: 24, required: true,
		synonyms: []string{"客户", "客户名", "客户名称/ID", "客户名称(ID)", "客户单位", "客户公司", "公司名称", "单位名称", "单位"},
		note:     "与已有客户同名（不计空格和全角半角）则归入该客户，否则新建客户"},
	{field: "contactName", header: "联系人", width: 10,
		synonyms: []string{"客户联系人", "联系人姓名", "对接人", "姓名"},
		note:     "该客户下已有同名联系人则关联，否则新建联系人"},
	{field: "contactInfo", header: "联系方式", width: 16,
		synonyms: []string{"联系电话", "电话", "手机", "手机号", "手机号码", "联系电话/邮箱", "电话/邮箱", "邮箱", "电子邮箱", "邮件"},
		note:     "电话、手机、分机号或邮箱"},
	{field: "type", header: "需求类型", width: 14, required: true,
		synonyms: []string{"类型", "问题类型", "需求种类"},
		note:     "从下拉列表中选择"},
	{field: "title", header: "需求描述(简要)", width: 36, required: true, wrap: true,
		synonyms: []string{"需求描述", "需求", "需求简述", "简要描述", "需求标题", "标题", "需求概要", "需求摘要", "需求内容", "需求名称", "问题描述", "主题", "事项"},
		note:     "一句话概括客户的需求，最多 200 字；更长的内容请写在“详细描述”"},
	{field: "urgency", header: "紧急程度", width: 10, required: true,
		synonyms: []string{"紧急度", "优先级", "紧急程度/优先级", "紧急级别", "级别"},
		note:     "紧急、重要、一般、潜在；也可填 高（=紧急）、中（=重要）、低（=一般）"},
	{field: "receivedAt", header: "接收时间", width: 18, required: true,
		synonyms: []string{"接收日期", "登记时间", "登记日期", "受理时间", "受理日期", "提出时间", "提出日期", "收到时间", "来电时间", "日期", "时间"},
		note:     "如 2024-03-15 14:30、2024/3/15、2024年3月15日；不能晚于现在"},
	{field: "receivedBy", header: "接收人", width: 10,
		synonyms: []string{"登记人", "受理人", "记录人", "接待人", "填表人"},
		note:     "留空则记为本机操作人"},
	{field: request.ImportStatus, header: "初步处理状态", width: 14,
		synonyms: []string{"处理状态", "状态", "当前状态", "需求状态", "进度"},
		note:     "新登记的需求留空即可（记为“已登记”）；也可填 需求分析中、处理中、已归档 等状态名称。已有需求的状态只能在应用中按流程推进，导入不会改变它"},
	{field: "channel", header: "渠道", width: 12,
		synonyms: []string{"来源渠道", "需求渠道", "接收渠道", "来源", "渠道来源"},
		note:     "从下拉列表中选择；整列没有或留空时，按联系方式记为“邮件”或“电话”"},
	{field: "category", header: "大类", width: 10,
		synonyms: []string{"需求大类", "类别", "需求类别"},
		note:     "产品类、服务类、合作类等，从下拉列表中选择"},
	{field: "impactScope", header: "影响范围", width: 16,
		synonyms: []string{"影响面"},
		note:     "单客户/局部场景、多客户/通用场景、全业务线"},
	{field: "description", header: "详细描述", width: 40, wrap: true,
		synonyms: []string{"需求详情", "详细说明", "具体描述", "详细内容", "描述", "需求说明"},
		note:     "客户的原话、问题现象、涉及的系统或流程"},
	{field: "background", header: "需求背景", width: 30, wrap: true,
		synonyms: []string{"背景"}},
	{field: "expectedOutcome", header: "期望结果", width: 30, wrap: true,
		synonyms: []string{"期望目标", "期望目标/期望结果", "期望效果", "预期效果", "预期目标", "预期结果"}},
	{field: "timeRequirement", header: "时间要求", width: 14,
		synonyms: []string{"要求完成时间", "期望完成时间", "完成时限"}},
	{field: "scene", header: "发生场景", width: 24, wrap: true,
		synonyms: []string{"场景", "发生场景(时间、地点、环节)"}},
	{field: "product", header: "使用的产品/服务", width: 16,
		synonyms: []string{"产品/服务", "使用产品", "涉及产品", "产品", "所用产品/服务"}},
	{field: "owner", header: "负责人", width: 10,
		synonyms: []string{"需求负责人", "处理人", "跟进人", "责任人"}},
	{field: "department", header: "部门", width: 12,
		synonyms: []string{"负责部门", "处理部门", "责任部门", "所属部门"},
		note:     "从下拉列表中选择"},
}

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
