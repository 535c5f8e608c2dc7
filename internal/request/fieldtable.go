package request

import "time"

// A FieldDef is one field of a request in the one list of them, FieldDefs:
// its name, its labels, how to read it and copy it, and how tables people
// keep may head its column. The registration table (template, export,
// import), the import's checks and the labels of messages all read it.
type FieldDef struct {
	// Name is the field's JSON name in Fields, or ImportNumber,
	// ImportCustomerName or ImportStatus.
	Name string
	// Label is the Chinese name, as the registration table heads the
	// field's column; LabelEn the English one (the UI's fields.request).
	Label, LabelEn string
	// Synonyms are other headers that name the column in tables people
	// keep, read as this field by an import.
	Synonyms []string
	// Value is the field's value in r: a string, or an Urgency,
	// ImpactScope, Status or time.Time.
	Value func(r Request) any
	// SetText sets a text field from a table's cell; nil for the fields
	// that are not text of Fields (a table's reader parses those).
	SetText func(f *Fields, s string)
	// Copy sets the field of dst to src's; nil for the number, customer
	// and status, which an import matches rather than copies.
	Copy func(dst *Fields, src Fields)
	// Differs reports whether a and b differ in the field; nil for the
	// number and status, which are not Fields.
	Differs func(a, b Fields) bool
}

// text is the FieldDef of a text field of Fields, at in.
func text(name, label, labelEn string, synonyms []string, at func(*Fields) *string) FieldDef {
	return FieldDef{Name: name, Label: label, LabelEn: labelEn, Synonyms: synonyms,
		Value:   func(r Request) any { return *at(&r.Fields) },
		SetText: func(f *Fields, s string) { *at(f) = s },
		Copy:    func(dst *Fields, src Fields) { *at(dst) = *at(&src) },
		Differs: func(a, b Fields) bool { return *at(&a) != *at(&b) },
	}
}

// FieldDefs are a request's fields in the registration table's order:
// first those of the paper table, then the app's further fields.
var FieldDefs = []FieldDef{
	{Name: ImportNumber, Label: "需求编号", LabelEn: "Number",
		Synonyms: []string{"编号", "需求号", "需求单号", "单号", "工单号", "需求ID", "需求id"},
		Value:    func(r Request) any { return r.Number }},
	{Name: ImportCustomerName, Label: "客户名称", LabelEn: "Customer",
		Synonyms: []string{"客户", "客户名", "客户名称/ID", "客户名称(ID)", "客户单位", "客户公司", "公司名称", "单位名称", "单位"},
		Value:    func(r Request) any { return r.CustomerName },
		Differs:  func(a, b Fields) bool { return a.CustomerID != b.CustomerID }},
	{Name: "contactName", Label: "联系人", LabelEn: "Contact",
		Synonyms: []string{"客户联系人", "联系人姓名", "对接人", "姓名"},
		Value:    func(r Request) any { return r.Fields.ContactName },
		SetText:  func(f *Fields, s string) { f.ContactName = s },
		Copy:     func(dst *Fields, src Fields) { dst.ContactName = src.ContactName },
		// Another contact of the same name is another contact.
		Differs: func(a, b Fields) bool { return a.ContactName != b.ContactName || a.ContactID != b.ContactID }},
	text("contactInfo", "联系方式", "Phone / email",
		[]string{"联系电话", "电话", "手机", "手机号", "手机号码", "联系电话/邮箱", "电话/邮箱", "邮箱", "电子邮箱", "邮件"},
		func(f *Fields) *string { return &f.ContactInfo }),
	text("type", "需求类型", "Type", []string{"类型", "问题类型", "需求种类"}, func(f *Fields) *string { return &f.Type }),
	text("title", "需求描述(简要)", "Summary",
		[]string{"需求描述", "需求", "需求简述", "简要描述", "需求标题", "标题", "需求概要", "需求摘要", "需求内容", "需求名称", "问题描述", "主题", "事项"},
		func(f *Fields) *string { return &f.Title }),
	{Name: "urgency", Label: "紧急程度", LabelEn: "Urgency",
		Synonyms: []string{"紧急度", "优先级", "紧急程度/优先级", "紧急级别", "级别"},
		Value:    func(r Request) any { return r.Fields.Urgency },
		Copy:     func(dst *Fields, src Fields) { dst.Urgency = src.Urgency },
		Differs:  func(a, b Fields) bool { return a.Urgency != b.Urgency }},
	{Name: "receivedAt", Label: "接收时间", LabelEn: "Received at",
		Synonyms: []string{"接收日期", "登记时间", "登记日期", "受理时间", "受理日期", "提出时间", "提出日期", "收到时间", "来电时间", "日期", "时间"},
		Value:    func(r Request) any { return r.Fields.ReceivedAt },
		Copy:     func(dst *Fields, src Fields) { dst.ReceivedAt = src.ReceivedAt },
		Differs:  func(a, b Fields) bool { return !a.ReceivedAt.Equal(b.ReceivedAt) }},
	text("receivedBy", "接收人", "Received by", []string{"登记人", "受理人", "记录人", "接待人", "填表人"},
		func(f *Fields) *string { return &f.ReceivedBy }),
	{Name: ImportStatus, Label: "初步处理状态", LabelEn: "Status",
		Synonyms: []string{"处理状态", "状态", "当前状态", "需求状态", "进度"},
		Value:    func(r Request) any { return r.Status }},
	text("channel", "渠道", "Channel", []string{"来源渠道", "需求渠道", "接收渠道", "来源", "渠道来源"},
		func(f *Fields) *string { return &f.Channel }),
	text("category", "大类", "Category", []string{"需求大类", "类别", "需求类别"}, func(f *Fields) *string { return &f.Category }),
	{Name: "impactScope", Label: "影响范围", LabelEn: "Impact",
		Synonyms: []string{"影响面"},
		Value:    func(r Request) any { return r.Fields.ImpactScope },
		Copy:     func(dst *Fields, src Fields) { dst.ImpactScope = src.ImpactScope },
		Differs:  func(a, b Fields) bool { return a.ImpactScope != b.ImpactScope }},
	text("description", "详细描述", "Description", []string{"需求详情", "详细说明", "具体描述", "详细内容", "描述", "需求说明"},
		func(f *Fields) *string { return &f.Description }),
	text("background", "需求背景", "Background", []string{"背景"}, func(f *Fields) *string { return &f.Background }),
	text("expectedOutcome", "期望结果", "Expected outcome",
		[]string{"期望目标", "期望目标/期望结果", "期望效果", "预期效果", "预期目标", "预期结果"},
		func(f *Fields) *string { return &f.ExpectedOutcome }),
	text("timeRequirement", "时间要求", "Time requirement", []string{"要求完成时间", "期望完成时间", "完成时限"},
		func(f *Fields) *string { return &f.TimeRequirement }),
	text("scene", "发生场景", "Scene", []string{"场景", "发生场景(时间、地点、环节)"}, func(f *Fields) *string { return &f.Scene }),
	text("product", "使用的产品/服务", "Product / service used", []string{"产品/服务", "使用产品", "涉及产品", "产品", "所用产品/服务"},
		func(f *Fields) *string { return &f.Product }),
	text("owner", "负责人", "Owner", []string{"需求负责人", "处理人", "跟进人", "责任人"}, func(f *Fields) *string { return &f.Owner }),
	text("department", "部门", "Department", []string{"负责部门", "处理部门", "责任部门", "所属部门"},
		func(f *Fields) *string { return &f.Department }),
}

// fieldAliases are the names forms and rules use for a field of the table
// under another name: the ids of the customer and contact a request names.
var fieldAliases = map[string]string{"customerId": ImportCustomerName, "contactId": "contactName"}

// fieldIndex finds a FieldDef by name or alias.
var fieldIndex = func() map[string]int {
	m := map[string]int{}
	for i, d := range FieldDefs {
		m[d.Name] = i
	}
	for alias, name := range fieldAliases {
		m[alias] = m[name]
	}
	return m
}()

// FieldDefOf returns the FieldDef of a field name (or of customerId and
// contactId, the ids of the customer and contact fields).
func FieldDefOf(name string) (FieldDef, bool) {
	i, ok := fieldIndex[name]
	if !ok {
		return FieldDef{}, false
	}
	return FieldDefs[i], true
}

// FieldLabel is a request field's Chinese name as the registration table
// heads its column; an unknown name is its own label.
func FieldLabel(field string) string {
	if d, ok := FieldDefOf(field); ok {
		return d.Label
	}
	return field
}

// ChangedFields names the fields of the table in which a and b differ, in
// the table's order.
func ChangedFields(a, b Fields) []FieldDef {
	var out []FieldDef
	for _, d := range FieldDefs {
		if d.Differs != nil && d.Differs(a, b) {
			out = append(out, d)
		}
	}
	return out
}

// FieldText is the text of a field as a message quotes it: a text field as
// it is, a time as date and minute in loc; "" for the other kinds.
func FieldText(d FieldDef, r Request, loc *time.Location) string {
	switch v := d.Value(r).(type) {
	case string:
		return v
	case time.Time:
		if !v.IsZero() {
			return v.In(loc).Format("2006-01-02 15:04")
		}
	}
	return ""
}
