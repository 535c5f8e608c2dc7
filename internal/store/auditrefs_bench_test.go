package store

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/audit"
)

func BenchmarkAuditKeep(b *testing.B) {
	text := `{"+customerName":"上海东方教育科技股份有限公司","+fields.background":"客户自2024年起使用我司工业物联网网关，目前约有288名员工日常使用。","+fields.category":"产品类","+fields.channel":"产品内反馈","+fields.contactId":"018df6e4-f820-7459-bf5f-cda614b6ea3b","+fields.contactInfo":"17485163509","+fields.contactName":"赵娜","+fields.customerId":"018df6e4-f820-7666-af51-7e98c19480d7","+fields.description":"客户在使用工业物联网网关时提出希望增加批量审批功能。目前人工处理工作量大、容易出错，客户希望在下个季度上线，并愿意参与需求评审和测试。","+fields.expectedOutcome":"问题得到彻底解决，并提供书面处理结果说明。","+fields.impactScope":"single","+fields.product":"工业物联网网关","+fields.receivedAt":"2021-11-22T08:04:54+08:00","+fields.receivedBy":"王强","+fields.timeRequirement":"尽快","+fields.title":"希望增加批量审批功能","+fields.type":"新增功能需求","+fields.urgency":"important","+id":"017d44f7-8d30-7f09-90eb-66576c3c8ab4","+number":"XR-2021-001","+state.path":"full","+status":"registered"}`
	vals := `["017d44f7-8d30-7f09-90eb-66576c3c8ab4","XR-2021-001","registered","上海东方教育科技股份有限公司","018df6e4-f820-7666-af51-7e98c19480d7","018df6e4-f820-7459-bf5f-cda614b6ea3b","赵娜","17485163509","产品内反馈","新增功能需求","产品类","important","single","希望增加批量审批功能","客户在使用工业物联网网关时提出希望增加批量审批功能。目前人工处理工作量大、容易出错，客户希望在下个季度上线，并愿意参与需求评审和测试。","客户自2024年起使用我司工业物联网网关，目前约有288名员工日常使用。","问题得到彻底解决，并提供书面处理结果说明。","尽快","","工业物联网网关","王强","","","full","","","",null]`
	b.ReportAllocs()
	for b.Loop() {
		v, err := auditKeep(text, vals)
		if err != nil || !audit.Refers(v.(string)) {
			b.Fatal(v, err)
		}
	}
}
