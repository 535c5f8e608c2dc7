package pdf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/request"
)

// generated is the fixed generation time of every test document.
var generated = time.Date(2024, 5, 20, 16, 30, 0, 0, time.FixedZone("CST", 8*3600))

// Long texts with the marks the line breaker must handle: 《》、，。“”（）,
// Latin words, numbers and a URL.
const (
	longDescription = "客户华信科技有限公司计划将现有的 ERP 系统（SAP Business One 9.3 版本）与新上线的《生产排程管理平台》进行数据对接，" +
		"要求每日 02:00 自动同步物料主数据、BOM 清单和工单状态，同步失败时须在 15 分钟内通过企业微信、短信和电子邮件通知系统管理员；" +
		"同时希望在排程平台上按车间、产线、班次三个维度查看“计划达成率”和“设备稼动率”，并支持导出 Excel 报表。" +
		"现阶段客户的计划员每天需要手工整理约 300 条工单，耗时 2～3 小时，且经常出现数据不一致、漏单和重复下单的情况，" +
		"已影响到交付及时率（上季度为 86.5%）。客户信息部经理张伟特别说明：对接方案须兼容他们正在评估的 MES 系统，" +
		"接口文档请参考 https://example.com/api/v2/docs 中的 REST 规范，字段命名保持 camelCase 风格。"
	longCoreNeeds = "一、实现 ERP 与排程平台之间物料、BOM、工单三类数据的每日自动同步，同步成功率不低于 99.9%；" +
		"二、同步异常时分级告警，15 分钟内通知到责任人；三、提供“计划达成率”“设备稼动率”两项看板，支持按车间、产线、班次钻取；" +
		"四、预留与 MES 系统对接的标准接口（RESTful API），避免二次开发。"
)

func body(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

func rec(kind request.RecordKind, id, parent string, v any) request.Record {
	return request.Record{ID: id, RequestID: "req-1", Kind: kind, ParentID: parent, Body: body(v),
		CreatedBy: "王强", CreatedAt: generated, UpdatedAt: generated, Version: 1}
}

// fixture is a request that went the whole way: analysed, planned,
// reviewed, approved, implemented with tasks tasks, delivered, accepted and
// followed up.
func fixture(tasks int) *pdf.Source {
	received := time.Date(2024, 3, 15, 9, 12, 0, 0, time.FixedZone("CST", 8*3600))
	yes := true
	src := &pdf.Source{
		Company: pdf.Company{Name: "上海华智信息服务有限公司"},
		Request: request.Request{
			ID: "req-1", Number: "XR-2024-017", Status: request.StatusImplementation, CustomerName: "华信科技有限公司",
			Fields: request.Fields{
				CustomerID: "cus-1", ContactID: "con-1", ContactName: "张伟", ContactInfo: "13800138000",
				Channel: "电话", Type: "方案定制", Category: "产品类", Urgency: request.UrgencyImportant,
				ImpactScope: request.ImpactMulti, Title: "ERP 与《生产排程管理平台》数据对接方案",
				Description:     longDescription,
				Background:      "客户于 2023 年底完成 ERP 升级 (SAP B1 v9.3)，导出目录为 C:\\ERP\\export；排程平台由我方于 2024 年 1 月交付上线。",
				ExpectedOutcome: "计划员每日整理工单的时间从 2～3 小时降到 15 分钟以内，数据不一致的情况降为零。",
				TimeRequirement: "2024 年 6 月 30 日前上线试运行",
				Scene:           "每天早上 8 点车间开班前，计划员在排程平台上核对当日工单。",
				Product:         "生产排程管理平台 V2.1",
				ReceivedAt:      received, ReceivedBy: "李娜", Owner: "王强", Department: "技术支持部",
			},
			State:     request.State{Path: request.PathFull},
			CreatedAt: received, UpdatedAt: generated, Version: 12,
		},
		Customer: customer.Customer{ID: "cus-1", Name: "华信科技有限公司", Industry: "装备制造", Address: "江苏省苏州市工业园区星湖街 328 号"},
		Contact:  &customer.Contact{ID: "con-1", CustomerID: "cus-1", Name: "张伟", Title: "信息部经理", Phone: "13800138000"},
	}
	src.Records = []request.Record{
		rec(request.KindCommunication, "com-1", "", request.Communication{At: received, Channel: "电话", With: "张伟",
			Summary: "客户来电说明对接需求，约定 3 月 18 日上门调研。", NextStep: "准备调研提纲"}),
		rec(request.KindCommunication, "com-2", "", request.Communication{At: received.Add(72 * time.Hour), Channel: "来访/面谈", With: "张伟、计划科刘洋",
			Summary: "现场调研：梳理 ERP 导出字段 42 个，确认工单状态共 6 种。", NextStep: "编写需求分析确认函"}),
		rec(request.KindSubRequirement, "sub-1", "", request.SubRequirement{Title: "需求分析与接口设计", Owner: "王强", Milestone: "2024-04-10", Status: "done"}),
		rec(request.KindSubRequirement, "sub-2", "", request.SubRequirement{Title: "同步服务开发测试", Owner: "赵磊", Milestone: "2024-05-20", Status: "open", DependsOn: []string{"sub-1"}}),
		rec(request.KindSubRequirement, "sub-3", "", request.SubRequirement{Title: "部署上线与培训", Owner: "李娜", Milestone: "2024-06-28", Status: "open", DependsOn: []string{"sub-1", "sub-2"}}),
		rec(request.KindAnalysis, "ana-1", "", request.Analysis{CustomerValue: 5, BusinessValue: 4, Horizon: "short",
			CoreNeeds: longCoreNeeds, KeyPoints: "1. 物料编码规则两边不一致（ERP 为 12 位，排程平台为 10 位），需建立映射表；2. 工单状态“已下达”“已开工”须实时回写。",
			ExpectedDelivery: "2024-06-28", SignedBy: "张伟", SignedOn: "2024-03-22"}),
		rec(request.KindPlan, "plan-1", "", request.Plan{VersionNo: 2, Goals: "实现 ERP 与排程平台的数据自动同步，计划员手工整理时间降低 90% 以上。",
			Content:     "开发数据同步服务（含物料、BOM、工单三类数据）、异常告警模块和两项管理看板；编写接口文档与运维手册；对客户计划科 6 名人员进行培训。",
			PeriodStart: "2024-04-01", PeriodEnd: "2024-06-28", People: "项目经理 1 人、后端开发 2 人、测试 1 人、实施顾问 1 人",
			Technology: "Go 1.22、PostgreSQL 15、RabbitMQ 消息队列、企业微信开放接口", Cost: 128000,
			Deliverables:       "《接口设计说明书》、数据同步服务（安装包）、管理看板、《运维手册》、培训记录",
			AcceptanceCriteria: "连续 10 个工作日同步成功率 ≥ 99.9%；告警在 15 分钟内送达；看板数据与 ERP 报表一致。",
			Risks:              "客户 MES 选型未定，接口可能调整；应对：预留适配层，变更按《变更管理流程》处理。",
			ExecutionPlan:      "第一阶段（4 月）：接口设计与评审；第二阶段（5 月）：开发与联调；第三阶段（6 月）：试运行、培训与验收。",
			RequiredReviews:    []string{"技术支持部", "财务部"}, ApprovedBy: "陈总", ApprovedAt: "2024-03-29T06:00:00.000Z",
			SignedBy: "张伟", SignedOn: "2024-03-30"}),
		rec(request.KindReview, "rev-1", "plan-1", request.Review{Department: "技术支持部", Reviewer: "赵磊", Result: "pass", Opinion: "技术方案可行，建议消息队列采用持久化模式。", On: "2024-03-27"}),
		rec(request.KindReview, "rev-2", "plan-1", request.Review{Department: "财务部", Reviewer: "周敏", Result: "pass", Opinion: "预算合理。", On: "2024-03-27"}),
		rec(request.KindTeamMember, "tm-1", "", request.TeamMember{Name: "王强", Role: "lead", Duties: "项目总体负责，对接客户信息部"}),
		rec(request.KindTeamMember, "tm-2", "", request.TeamMember{Name: "赵磊", Role: "member", Duties: "同步服务与告警模块开发"}),
		rec(request.KindTeamMember, "tm-3", "", request.TeamMember{Name: "李娜", Role: "member", Duties: "部署实施与用户培训"}),
	}
	for i := range tasks {
		start := time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		src.Records = append(src.Records, rec(request.KindTask, fmt.Sprintf("task-%d", i+1), "", request.Task{
			Title: fmt.Sprintf("任务%d：%s", i+1, []string{"前端开发", "后端开发", "联调测试", "Bug 修复", "部署上线"}[i%5]),
			Owner: []string{"王强", "赵磊", "李娜"}[i%3], Start: start.Format("2006-01-02"), Due: start.AddDate(0, 0, 5).Format("2006-01-02"),
			Standard: "通过单元测试和代码评审，覆盖率 ≥ 80%", Status: []string{"done", "doing", "todo"}[i%3]}))
	}
	src.Records = append(src.Records,
		rec(request.KindDelivery, "del-1", "", request.Delivery{Items: "数据同步服务 v1.0（安装包及源码）、管理看板、《接口设计说明书》、《运维手册》", DeliveredOn: "2024-06-25",
			AcceptedOn: "2024-06-28", Representative: "张伟", Accepted: &yes, Remarks: "试运行 10 个工作日，同步成功率 99.96%，同意验收。"}),
		rec(request.KindFeedback, "fb-1", "", request.Feedback{Obtained: true, Timeliness: 5, Effectiveness: 4, Attitude: 5, Overall: 4, Solved: true,
			NewNeeds: "希望增加移动端看板，方便车间主任在手机上查看。", Comments: "项目组响应迅速，培训细致；建议后续提供季度巡检服务。", Method: "phone", On: "2024-07-02"}),
		rec(request.KindResultNote, "rn-1", "", request.ResultNote{Process: "3 月 15 日受理后，技术支持部远程查看了客户的接口日志，定位到时区设置错误（UTC 与 CST 混用）。",
			Result: "已将同步服务的时区统一为 Asia/Shanghai，并重跑 3 月 1 日以来的数据，核对无误。", Advice: "建议客户在 ERP 升级后通知我方复核接口配置。",
			Handler: "王强", ResultOn: "2024-03-16"}),
		rec(request.KindRetrospective, "retro-1", "", request.Retrospective{WentWell: "调研充分，接口一次评审通过。", Lessons: "物料编码映射应在分析阶段就与客户确认。"}),
	)
	src.Transitions = []request.Transition{
		{ID: "t1", At: received.Add(20 * time.Minute), Actor: "李娜", Action: request.ActTriage, From: request.StatusRegistered, To: request.StatusTriaged},
		{ID: "t2", At: received.Add(40 * time.Minute), Actor: "李娜", Action: request.ActAssign, From: request.StatusTriaged, To: request.StatusAssigned, Comment: "指派王强负责"},
		{ID: "t3", At: received.Add(2 * time.Hour), Actor: "王强", Action: request.ActStart, From: request.StatusAssigned, To: request.StatusAnalysis},
	}
	return src
}

// meta is the Meta of a first version of type t.
func meta(t pdf.Type) pdf.Meta {
	info, _ := pdf.Info(t)
	return pdf.Meta{Type: t, DocNumber: "XR-2024-017-" + info.Code + "-V1", Version: 1, GeneratedAt: generated, GeneratedBy: "李娜"}
}

// signaturePNG draws a handwriting-like stroke, transparent around it.
func signaturePNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 400, 140))
	ink := color.NRGBA{0x10, 0x20, 0x60, 0xff}
	for x := 20; x < 380; x++ {
		fx := float64(x)
		y := 70 + 35*math.Sin(fx/23) + 12*math.Sin(fx/7)
		for d := -2; d <= 2; d++ {
			img.Set(x, int(y)+d, ink)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// squash removes all white space, so text compares across line breaks.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// logoPNG is a small company logo: a blue square with a white bar.
func logoPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 120, 120))
	for y := range 120 {
		for x := range 120 {
			c := color.NRGBA{0x1f, 0x38, 0x64, 0xff}
			if y > 50 && y < 70 && x > 20 && x < 100 {
				c = color.NRGBA{0xff, 0xff, 0xff, 0xff}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
