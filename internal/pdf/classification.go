package pdf

import (
	"fmt"
	"time"

	"github.com/reqdesk/reqdesk/internal/classify"
)

// ClassificationNumber is the standard's document number: BZ (标准) and
// the date it was printed.
func ClassificationNumber(at time.Time) string { return "BZ-FL-" + at.Format("20060102") }

// RenderClassification prints the 需求分类标准表 (manual 001, template 2):
// for each request type its category, owning department, default urgency
// and examples, the standard staff triage by, with blocks for who drew it
// up and who approved it.
func RenderClassification(company Company, std []classify.Entry, updated, generated time.Time, by string) (Output, error) {
	b := newBuilder("P", company, generated)
	number := ClassificationNumber(generated.In(b.loc))
	const title = "需求分类标准表"
	b.setHead(running{title: title, docNumber: number, generated: generated})
	b.newPage()
	b.titleBlock(title, []metaItem{
		{"适用", "客户需求的分类与优先级判定（接收后 30 分钟内完成）"},
		{"条目", fmt.Sprintf("%d 类需求", len(std))},
		{"最后修订", b.dateCN(updated)}, {"编号", number},
		{"打印日期", b.dateCN(generated)}, {"打印人", by},
	})
	var sec sections
	b.heading(sec.next("分类标准"))
	rows := make([][]string, 0, len(std))
	for i, e := range std {
		rows = append(rows, []string{fmt.Sprint(i + 1), e.Type, e.Category, e.Department, UrgencyName(e.Urgency), e.Examples})
	}
	b.table([]column{{"序号", 0.6, "C"}, {"需求类型", 1.4, ""}, {"大类", 0.9, ""}, {"负责部门", 1.2, ""},
		{"默认紧急程度", 1.5, "C"}, {"典型示例", 4.1, ""}}, rows)
	b.heading(sec.next("使用说明"))
	b.paragraph("登记或分类时按需求类型查本表，得出所属大类、负责部门和默认紧急程度；本表给出的是建议，"+
		"分类人可按实际情况调整（如核心业务中断、系统宕机、支付中断的报障定为“紧急”，走绿色通道）。", true)
	b.paragraph("紧急程度的时限：紧急——分配后 10 分钟内开始处理、4 小时内解决；重要——1 小时内开始、4 小时内响应、"+
		"24 小时内解决；一般——2 小时内开始、8 小时内响应、3 个工作日内解决；潜在——客户未明确提出、经分析发现的需求。", true)
	// The last paragraph goes with the signature blocks, so they never
	// stand alone on a page.
	b.keep(func(b *builder) {
		b.paragraph("本表由客服主管维护（需求管家：设置 → 分类标准），修订后重新打印下发。", true)
		b.signatures([]signBlock{{signer: Signer{Label: "编制（客服主管）"}}, {signer: Signer{Label: "批准（总经理）", Seal: true}, party: company.Name}})
	})
	return b.finish()
}
