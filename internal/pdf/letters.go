package pdf

import (
	"fmt"
	"strings"
)

// letterOpening draws the addressee and the first paragraph of a letter.
func (b *builder) letterOpening(v *view, body string) {
	to := "致：" + customerName(v.src)
	if c := contactLine(v.src); c != "" {
		to += "（联系人：" + c + "）"
	}
	b.paragraph(to, false)
	b.y += 1
	b.paragraph(body, true)
}

// we is how a letter names the company: by name when it is set.
func we(src *Source) string {
	if src.Company.Name != "" {
		return "我方（" + src.Company.Name + "）"
	}
	return "我方"
}

// analysisLetter draws the 需求分析确认函: what the analysis found (core
// needs, key points, the breakdown) and the expected delivery, for the
// customer representative to confirm.
func (b *builder) analysisLetter(v *view, m Meta) {
	r, a := v.src.Request, v.analysis
	b.standardTitle(v, m)
	b.letterOpening(v, fmt.Sprintf("感谢贵单位于%s提出的“%s”需求（需求编号：%s）。%s已通过调研、访谈和资料分析完成需求分析，现将分析结论函告如下，请贵单位审阅确认。",
		b.dateCN(r.Fields.ReceivedAt), r.Fields.Title, r.Number, we(v.src)))
	var sec sections
	b.heading(sec.next("需求概述"))
	long := []field{{"需求标题", r.Fields.Title}, {"需求描述", r.Fields.Description}}
	if r.Fields.ExpectedOutcome != "" {
		long = append(long, field{"期望目标", r.Fields.ExpectedOutcome})
	}
	for _, f := range long {
		b.longField(f, 26)
	}
	b.heading(sec.next("核心需求"))
	b.paragraph(a.CoreNeeds, false)
	if a.KeyPoints != "" {
		b.heading(sec.next("关键要点"))
		b.paragraph(a.KeyPoints, false)
	}
	switch {
	case len(v.subs) > 0:
		b.heading(sec.next("需求分解"))
		titles := map[string]string{}
		for _, s := range v.subs {
			titles[s.id] = s.body.Title
		}
		rows := make([][]string, len(v.subs))
		for i, s := range v.subs {
			var deps []string
			for _, d := range s.body.DependsOn {
				if t, ok := titles[d]; ok {
					deps = append(deps, t)
				}
			}
			rows[i] = []string{fmt.Sprint(i + 1), s.body.Title, s.body.Owner, b.dayISO(s.body.Milestone), strings.Join(deps, "、")}
		}
		b.table([]column{{"序号", 8, "C"}, {"子需求", 34, ""}, {"负责人", 12, "C"}, {"关键里程碑", 18, "C"}, {"前置依赖", 30, ""}}, rows)
	case a.NoBreakdown:
		b.heading(sec.next("需求分解"))
		b.paragraph("经分析，本需求范围明确，无需进一步分解。", false)
	}
	b.heading(sec.next("预计交付"))
	delivery := "预计交付日期：" + b.dayCN(a.ExpectedDelivery) + "。"
	if a.ExpectedDelivery == "" {
		delivery = "预计交付日期：待双方商定。"
	}
	if t := r.Fields.TimeRequirement; t != "" {
		delivery += "贵单位的时间要求：" + t
	}
	b.paragraph(delivery, false)
	owner := r.Fields.Owner
	contact := "我方需求负责人"
	if owner != "" {
		contact += owner
	}
	b.keep(func(b *builder) {
		b.y += 2
		b.paragraph("请贵单位确认上述内容。如无异议，请在下方签字（盖章）确认；如有修改意见，请与"+contact+"联系，我方将据此修订后重新函告。", true)
		b.signatures(blocks(m, map[Role][2]string{
			RoleCustomer: {a.SignedBy, b.dayCN(a.SignedOn)},
			RoleCompany:  {owner, ""},
		}, parties(v.src)))
	})
}

// planLetter draws the 服务方案确认函: the approved plan's essentials for the
// customer to accept.
func (b *builder) planLetter(v *view, m Meta) {
	r, p := v.src.Request, v.plan
	b.standardTitle(v, m)
	b.letterOpening(v, fmt.Sprintf("贵单位提出的“%s”需求（需求编号：%s），%s已编制《服务方案书》（第 %d 版），经内部评审并由%s于%s批准。现将方案要点函告如下，请贵单位确认。",
		r.Fields.Title, r.Number, we(v.src), p.VersionNo, p.ApprovedBy, b.dayCN(p.ApprovedAt)))
	var sec sections
	for _, s := range []struct{ title, text string }{
		{"服务目标", p.Goals}, {"服务内容", p.Content}, {"服务周期", b.period(p.PeriodStart, p.PeriodEnd)},
		{"交付物", p.Deliverables}, {"验收标准", p.AcceptanceCriteria},
	} {
		if s.text == "" {
			continue
		}
		b.heading(sec.next(s.title))
		b.paragraph(s.text, false)
	}
	if p.Cost > 0 {
		b.heading(sec.next("服务费用"))
		b.paragraph("本方案费用合计 "+yuan(p.Cost)+"（人民币），具体结算方式以双方合同为准。", false)
	}
	if len(v.team) > 0 {
		b.heading(sec.next("服务团队"))
		b.teamTable(v)
	}
	b.keep(func(b *builder) {
		b.y += 2
		b.paragraph("贵单位确认后，我方将按上述方案组建服务团队并启动实施。方案如需变更，由双方另行书面确认。", true)
		b.signatures(blocks(m, map[Role][2]string{
			RoleCustomer: {p.SignedBy, b.dayCN(p.SignedOn)},
			RoleCompany:  {r.Fields.Owner, ""},
		}, parties(v.src)))
	})
}

// teamTable lists the service team.
func (b *builder) teamTable(v *view) {
	rows := make([][]string, len(v.team))
	for i, t := range v.team {
		rows[i] = []string{t.Name, name(memberRoleNames, t.Role), t.Duties}
	}
	b.table([]column{{"姓名", 15, "C"}, {"角色", 10, "C"}, {"职责", 75, ""}}, rows)
}
