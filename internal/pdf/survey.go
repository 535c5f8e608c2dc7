package pdf

import "fmt"

// surveyItems are the rated questions of the satisfaction survey.
var surveyItems = []struct{ label, hint string }{
	{"响应及时性", "需求受理、响应和处理是否及时"},
	{"解决效果", "问题是否得到有效解决、方案是否达到预期"},
	{"服务态度", "服务人员的沟通与服务态度"},
	{"总体满意度", "对本次服务的整体评价"},
}

// scale is the rating scale, best first; a score of 5 ticks the first.
var scale = []string{"非常满意", "满意", "一般", "不满意", "非常不满意"}

// survey draws the 满意度调查表: blank for the customer to fill in by hand,
// or filled from the latest feedback record.
func (b *builder) survey(v *view, m Meta, filled bool) {
	r := v.src.Request
	fb := v.feedback
	if !filled {
		fb = nil
	}
	b.standardTitle(v, m)
	b.paragraph(fmt.Sprintf("尊敬的客户：感谢您选择我们的服务。为持续改进服务质量，请您对需求“%s”（需求编号：%s）的处理情况作出评价，在相应的方框内打“√”。",
		r.Fields.Title, r.Number), true)
	var sec sections
	b.heading(sec.next("服务信息"))
	finished := ""
	switch {
	case v.delivery != nil:
		finished = b.dayCN(v.delivery.DeliveredOn)
	case v.result != nil:
		finished = b.dayCN(v.result.ResultOn)
	}
	b.grid([][2]field{
		{{"客户名称", customerName(v.src)}, {"联系人", contactLine(v.src)}},
		{{"需求负责人", r.Fields.Owner}, {"完成日期", finished}},
	}, []field{{"需求标题", r.Fields.Title}})

	b.heading(sec.next("满意度评价"))
	cols := []column{{"评价项目", 30, ""}}
	for i, s := range scale {
		cols = append(cols, column{fmt.Sprintf("%s\n（%d 分）", s, 5-i), 14, "C"})
	}
	rows := make([][]string, len(surveyItems))
	for i, it := range surveyItems {
		rows[i] = []string{it.label + "\n" + it.hint, "", "", "", "", ""}
		if fb != nil {
			score := []int{fb.Timeliness, fb.Effectiveness, fb.Attitude, fb.Overall}[i]
			if score >= 1 && score <= 5 {
				rows[i][1+5-score] = "√"
			}
		}
	}
	b.table(cols, rows)

	b.heading(sec.next("问题解决情况"))
	lh := lineHeight(sizeBody)
	b.ensure(lh + 2)
	solved := -1
	if fb != nil {
		solved = 1
		if fb.Solved {
			solved = 0
		}
	}
	b.options(marginX, b.y, lh, []string{"已完全解决", "未完全解决"}, solved)
	b.y += lh + 2

	for _, q := range []struct{ title, text string }{{"新的需求", ""}, {"意见和建议", ""}} {
		b.heading(sec.next(q.title))
		switch {
		case fb == nil:
			b.writeLines(2)
		case q.title == "新的需求":
			b.answer(fb.NewNeeds)
		default:
			b.answer(fb.Comments)
		}
	}

	title := sec.next("回访记录")
	method, on := "", ""
	if fb != nil {
		method, on = name(methodNames, fb.Method), b.dayCN(fb.On)
	}
	var known map[Role][2]string
	if fb != nil {
		known = map[Role][2]string{RoleCustomer: {fb.SignedBy, b.dayCN(fb.SignedOn)}}
	}
	b.keep(func(b *builder) {
		b.heading(title)
		b.grid([][2]field{{{"回访方式", method}, {"回访日期", on}}}, nil)
		b.signatures(blocks(m, known, parties(v.src)))
	})
}

// answer prints a filled-in answer, or 无 when it was left empty.
func (b *builder) answer(s string) {
	if s == "" {
		s = "无"
	}
	b.paragraph(s, false)
}
