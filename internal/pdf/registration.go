package pdf

import (
	"fmt"

	"github.com/reqdesk/reqdesk/internal/request"
)

// registration draws the 客户需求登记表 of one request: every column of the
// paper registration table, the fields the process adds, and the contacts
// with the customer so far.
func (b *builder) registration(v *view, m Meta) {
	r := v.src.Request
	f := r.Fields
	b.standardTitle(v, m)
	var sec sections
	b.heading(sec.next("登记信息"))
	b.grid([][2]field{
		{{"需求编号", r.Number}, {"接收时间", b.minuteCN(f.ReceivedAt)}},
		{{"客户名称", customerName(v.src)}, {"所属行业", v.src.Customer.Industry}},
		{{"联系人", contactLine(v.src)}, {"联系方式", f.ContactInfo}},
		{{"需求渠道", f.Channel}, {"需求类型", f.Type}},
		{{"需求大类", f.Category}, {"紧急程度", name(urgencyNames, f.Urgency)}},
		{{"影响范围", name(scopeNames, f.ImpactScope)}, {"接收人", f.ReceivedBy}},
		{{"负责部门", f.Department}, {"需求负责人", f.Owner}},
		{{"产品/服务", f.Product}, {"初步处理状态", r.Status.Name()}},
	}, []field{
		{"需求标题", f.Title},
		{"需求描述", f.Description},
		{"需求背景", f.Background},
		{"期望目标", f.ExpectedOutcome},
		{"时间要求", f.TimeRequirement},
		{"发生场景", f.Scene},
	})
	if len(v.comms) > 0 {
		b.heading(sec.next("沟通记录"))
		rows := make([][]string, len(v.comms))
		for i, c := range v.comms {
			rows[i] = []string{b.minuteCN(c.At), c.Channel, c.With, c.Summary, c.NextStep}
		}
		b.table([]column{{"时间", 15, "C"}, {"渠道", 10, "C"}, {"沟通对象", 12, ""}, {"内容摘要", 38, ""}, {"下一步", 25, ""}}, rows)
	}
}

// registrationList draws the 客户需求登记表 of many requests as the paper
// table has it, one request a row, on landscape pages.
func (b *builder) registrationList(src *Source, m Meta) {
	selection := src.Selection
	if selection == "" {
		selection = "全部需求"
	}
	b.titleBlock("客户需求登记表", []metaItem{
		{"筛选条件", selection}, {"需求数量", fmt.Sprintf("%d 条", len(src.Rows))},
		{"文档编号", m.DocNumber}, {"版本", fmt.Sprintf("第 %d 版", m.Version)},
		{"生成日期", b.dateCN(m.GeneratedAt)}, {"生成人", m.GeneratedBy},
	})
	rows := make([][]string, len(src.Rows))
	for i, r := range src.Rows {
		rows[i] = []string{r.Number, r.CustomerName, r.ContactName, r.ContactInfo, r.Type, r.Title,
			name(urgencyNames, r.Urgency), b.minuteCN(r.ReceivedAt), r.ReceivedBy, request.Status(r.Status).Name()}
	}
	b.table([]column{
		{"需求编号", 11, "C"}, {"客户名称", 14, ""}, {"联系人", 6, "C"}, {"联系方式", 10, "C"}, {"需求类型", 8, "C"},
		{"需求描述（简要）", 24, ""}, {"紧急程度", 7, "C"}, {"接收时间", 9, "C"}, {"接收人", 6, "C"}, {"初步处理状态", 10, "C"},
	}, rows)
}
