package pdf_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/classify"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestClassificationPDF prints the 需求分类标准表 and reads it back: every
// type with its category, department, urgency and examples, in order, in
// the embedded CJK font.
func TestClassificationPDF(t *testing.T) {
	zone := time.FixedZone("CST", 8*3600)
	std := []classify.Entry{
		{Type: "咨询", Category: "服务类", Department: "客服部", Urgency: request.UrgencyNormal, Examples: "产品使用方法、价格与政策、办理流程的询问；能在通话中答复的一般咨询"},
		{Type: "问题(报障)", Category: "产品类", Department: "技术支持部", Urgency: request.UrgencyImportant, Examples: "部分功能无法使用、报错、数据不一致；系统宕机或支付中断等核心业务受影响时定为紧急"},
		{Type: "建议", Category: "产品类", Department: "产品研发部", Urgency: request.UrgencyNormal, Examples: "界面与操作的改进意见、新功能设想、服务方式的建议"},
		{Type: "定制", Category: "合作类", Department: "销售部", Urgency: request.UrgencyImportant, Examples: "定制化开发、项目外包、联合研发"},
		{Type: "技术咨询", Category: "服务类", Department: "技术支持部", Urgency: request.UrgencyNormal, Examples: "系统对接方案、接口与部署方式的咨询"},
		{Type: "方案定制", Category: "合作类", Department: "销售部", Urgency: request.UrgencyImportant, Examples: "按客户业务定制解决方案、专项服务方案"},
		{Type: "售后支持", Category: "服务类", Department: "客服部", Urgency: request.UrgencyImportant, Examples: "安装调试、售后培训、使用中的故障协助"},
		{Type: "投诉", Category: "服务类", Department: "质量控制部", Urgency: request.UrgencyImportant, Examples: "对服务态度、处理时效、处理质量的投诉"},
	}
	at := time.Date(2026, 12, 4, 10, 0, 0, 0, zone)
	out, err := pdf.RenderClassification(pdf.Company{Name: "华东信息服务有限公司", Zone: "Asia/Shanghai"}, std, at.AddDate(0, 0, -3), at, "王强")
	if err != nil {
		t.Fatal(err)
	}
	all := text(t, out.PDF)
	assertInOrder(t, all, []string{"需求分类标准表", "8 类需求", "2026年12月1日", "BZ-FL-20261204", "2026年12月4日", "王强",
		"分类标准", "咨询", "服务类", "客服部", "一般", "问题(报障)", "产品类", "技术支持部", "重要", "定制", "合作类", "销售部",
		"投诉", "质量控制部", "使用说明", "编制（客服主管）", "批准（总经理）"})
	assertSubsetFont(t, out.PDF)
	artifact(t, out.PDF, "doc-classification")
}
