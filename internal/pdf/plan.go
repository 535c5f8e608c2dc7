package pdf

import (
	"fmt"
)

// planBook draws the 服务方案书: the current plan version with its goals,
// content, period, resources, team, execution plan and tasks, deliverables,
// acceptance criteria, risks, the reviews and the approval.
func (b *builder) planBook(v *view, m Meta) {
	r, p := v.src.Request, v.plan
	b.standardTitle(v, m)
	var sec sections
	b.heading(sec.next("项目概况"))
	approval := "待审批"
	if p.ApprovedBy != "" {
		approval = "已批准（" + p.ApprovedBy + "，" + b.dayCN(p.ApprovedAt) + "）"
	}
	cost := ""
	if p.Cost > 0 {
		cost = yuan(p.Cost)
	}
	b.grid([][2]field{
		{{"需求编号", r.Number}, {"方案版本", fmt.Sprintf("第 %d 版", p.VersionNo)}},
		{{"客户名称", customerName(v.src)}, {"客户联系人", contactLine(v.src)}},
		{{"需求负责人", r.Fields.Owner}, {"负责部门", r.Fields.Department}},
		{{"服务周期", b.period(p.PeriodStart, p.PeriodEnd)}, {"费用预算", cost}},
		{{"需求类型", r.Fields.Type}, {"审批状态", approval}},
	}, []field{{"需求标题", r.Fields.Title}, {"需求描述", r.Fields.Description}})
	for _, s := range []struct{ title, text string }{{"服务目标", p.Goals}, {"服务内容", p.Content}} {
		b.heading(sec.next(s.title))
		b.paragraph(s.text, false)
	}
	if p.People != "" || p.Technology != "" || p.Cost > 0 {
		b.heading(sec.next("资源配置"))
		b.grid(nil, []field{{"人员安排", p.People}, {"技术资源", p.Technology}, {"费用预算", cost}})
	}
	if len(v.team) > 0 {
		b.heading(sec.next("服务团队"))
		b.teamTable(v)
	}
	if p.ExecutionPlan != "" || len(v.tasks) > 0 {
		b.heading(sec.next("实施计划"))
		if p.ExecutionPlan != "" {
			b.paragraph(p.ExecutionPlan, false)
		}
		if len(v.tasks) > 0 {
			rows := make([][]string, len(v.tasks))
			for i, t := range v.tasks {
				rows[i] = []string{fmt.Sprint(i + 1), t.Title, t.Owner, b.dayISO(t.Start), b.dayISO(t.Due), t.Standard, name(taskStatusNames, t.Status)}
			}
			b.table([]column{{"序号", 8, "C"}, {"任务", 22, ""}, {"负责人", 10, "C"}, {"开始日期", 14, "C"},
				{"完成日期", 14, "C"}, {"交付标准", 26, ""}, {"状态", 8, "C"}}, rows)
		}
	}
	for _, s := range []struct{ title, text string }{
		{"交付物", p.Deliverables}, {"验收标准", p.AcceptanceCriteria}, {"风险与应对", p.Risks},
	} {
		if s.text == "" {
			continue
		}
		b.heading(sec.next(s.title))
		b.paragraph(s.text, false)
	}
	reviews := ""
	if len(v.reviews) > 0 {
		reviews = sec.next("评审意见")
	}
	b.keep(func(b *builder) {
		if len(v.reviews) > 0 {
			b.heading(reviews)
			rows := make([][]string, len(v.reviews))
			for i, rv := range v.reviews {
				rows[i] = []string{rv.Department, rv.Reviewer, name(reviewResultNames, rv.Result), rv.Opinion, b.dayISO(rv.On)}
			}
			b.table([]column{{"评审部门", 16, "C"}, {"评审人", 12, "C"}, {"结论", 10, "C"}, {"意见", 44, ""}, {"日期", 18, "C"}}, rows)
		}
		b.signatures(blocks(m, map[Role][2]string{RoleCompany: {p.ApprovedBy, b.dayCN(p.ApprovedAt)}}, parties(v.src)))
	})
}

// resultNote draws the 处理结果说明 of the short path: the request, how it
// was handled, the result and advice.
func (b *builder) resultNote(v *view, m Meta) {
	r, n := v.src.Request, v.result
	b.standardTitle(v, m)
	var sec sections
	b.heading(sec.next("需求情况"))
	b.grid([][2]field{
		{{"需求编号", r.Number}, {"接收时间", b.minuteCN(r.Fields.ReceivedAt)}},
		{{"客户名称", customerName(v.src)}, {"联系人", contactLine(v.src)}},
		{{"需求类型", r.Fields.Type}, {"紧急程度", name(urgencyNames, r.Fields.Urgency)}},
	}, []field{{"需求标题", r.Fields.Title}, {"需求描述", r.Fields.Description}})
	if n.Process != "" {
		b.heading(sec.next("处理过程"))
		b.paragraph(n.Process, false)
	}
	b.heading(sec.next("处理结果"))
	b.paragraph(n.Result, false)
	if n.Advice != "" {
		b.heading(sec.next("建议"))
		b.paragraph(n.Advice, false)
	}
	b.keep(func(b *builder) {
		b.y += 2
		b.paragraph("如贵单位对处理结果有疑问，或问题未得到解决，请与我方联系，我方将继续跟进处理。", true)
		b.signatures(blocks(m, map[Role][2]string{RoleCompany: {n.Handler, b.dayCN(n.ResultOn)}}, parties(v.src)))
	})
}

// acceptance draws the 交付验收单: what was delivered, the tasks done, and
// the customer's verdict.
func (b *builder) acceptance(v *view, m Meta) {
	r, d := v.src.Request, v.delivery
	b.standardTitle(v, m)
	var sec sections
	b.heading(sec.next("交付信息"))
	planVersion := ""
	if v.plan != nil {
		planVersion = fmt.Sprintf("第 %d 版", v.plan.VersionNo)
	}
	b.grid([][2]field{
		{{"需求编号", r.Number}, {"交付日期", b.dayCN(d.DeliveredOn)}},
		{{"客户名称", customerName(v.src)}, {"客户联系人", contactLine(v.src)}},
		{{"需求负责人", r.Fields.Owner}, {"依据方案", planVersion}},
	}, []field{{"需求标题", r.Fields.Title}, {"交付内容", d.Items}})
	if len(v.tasks) > 0 {
		b.heading(sec.next("实施完成情况"))
		rows := make([][]string, len(v.tasks))
		for i, t := range v.tasks {
			rows[i] = []string{fmt.Sprint(i + 1), t.Title, t.Owner, t.Standard, name(taskStatusNames, t.Status)}
		}
		b.table([]column{{"序号", 8, "C"}, {"任务", 28, ""}, {"负责人", 12, "C"}, {"交付标准", 40, ""}, {"状态", 10, "C"}}, rows)
	}
	if v.plan != nil && v.plan.AcceptanceCriteria != "" {
		b.heading(sec.next("验收标准"))
		b.paragraph(v.plan.AcceptanceCriteria, false)
	}
	chosen := -1
	if d.Accepted != nil {
		chosen = 1
		if *d.Accepted {
			chosen = 0
		}
	}
	title := sec.next("验收结论")
	b.keep(func(b *builder) {
		b.heading(title)
		lh := lineHeight(sizeBody)
		b.ensure(lh + 2)
		b.options(marginX, b.y, lh, []string{"验收通过", "验收不通过，需整改"}, chosen)
		b.y += lh + 2
		b.grid(nil, []field{{"验收意见", d.Remarks}})
		b.signatures(blocks(m, map[Role][2]string{
			RoleCustomer: {d.Representative, b.dayCN(d.AcceptedOn)},
			RoleCompany:  {r.Fields.Owner, ""}, // dated when our side signs
		}, parties(v.src)))
	})
}
