package pdf_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/request"
)

func local(t time.Time) string { return t.In(time.Local).Format("2006-01-02 15:04") }

// expected lists, per document, the fields it must print in order.
func expected(src *pdf.Source, typ pdf.Type) []string {
	r, f := src.Request, src.Request.Fields
	header := []string{src.Company.Name}
	switch typ {
	case pdf.TypeRegistration:
		return append(header, "客户需求登记表", r.Number, src.Customer.Name, "XR-2024-017-DJ-V1", "第 1 版", "2024年5月20日", "李娜",
			r.Number, local(f.ReceivedAt), src.Customer.Name, src.Customer.Industry, "张伟（信息部经理）", f.ContactInfo,
			f.Channel, f.Type, f.Category, "重要", "多客户/通用场景", f.ReceivedBy, f.Department, f.Owner, f.Product, "实施中",
			f.Title, f.Description, f.Background, f.ExpectedOutcome, f.TimeRequirement, f.Scene,
			"客户来电说明对接需求，约定 3 月 18 日上门调研。", "准备调研提纲", "现场调研：梳理 ERP 导出字段 42 个，确认工单状态共 6 种。")
	case pdf.TypeAnalysisLetter:
		return append(header, "需求分析确认函", "致：华信科技有限公司", "XR-2024-017", f.Title, f.Description, f.ExpectedOutcome,
			longCoreNeeds, "物料编码规则两边不一致（ERP 为 12 位，排程平台为 10 位）", "需求分析与接口设计", "同步服务开发测试",
			"2024-05-20", "部署上线与培训", "2024年6月28日", f.TimeRequirement, "客户确认", "张伟", "2024年3月22日", "服务方", "王强")
	case pdf.TypePlanBook:
		want := append(header, "服务方案书", r.Number, "第 2 版", "张伟（信息部经理）", "王强", "技术支持部",
			"2024年4月1日 至 2024年6月28日", "¥128,000.00", "已批准（陈总", f.Title, f.Description,
			"实现 ERP 与排程平台的数据自动同步，计划员手工整理时间降低 90% 以上。", "开发数据同步服务（含物料、BOM、工单三类数据）",
			"项目经理 1 人、后端开发 2 人、测试 1 人、实施顾问 1 人", "Go 1.22、PostgreSQL 15、RabbitMQ 消息队列、企业微信开放接口",
			"项目总体负责，对接客户信息部", "第一阶段（4 月）：接口设计与评审")
		for i := range 8 {
			want = append(want, fmt.Sprintf("任务%d：", i+1))
		}
		return append(want, "《接口设计说明书》、数据同步服务（安装包）", "连续 10 个工作日同步成功率 ≥ 99.9%",
			"客户 MES 选型未定，接口可能调整；应对：预留适配层，变更按《变更管理流程》处理。",
			"技术方案可行，建议消息队列采用持久化模式。", "预算合理。", "审批（总经理）", "陈总")
	case pdf.TypePlanLetter:
		return append(header, "服务方案确认函", "《服务方案书》（第 2 版）", "陈总",
			"实现 ERP 与排程平台的数据自动同步", "开发数据同步服务", "2024年4月1日 至 2024年6月28日",
			"《接口设计说明书》", "连续 10 个工作日", "¥128,000.00", "同步服务与告警模块开发", "张伟", "2024年3月30日", "王强")
	case pdf.TypeResultNote:
		return append(header, "处理结果说明", f.Title, f.Description, "定位到时区设置错误（UTC 与 CST 混用）。",
			"已将同步服务的时区统一为 Asia/Shanghai，并重跑 3 月 1 日以来的数据，核对无误。", "建议客户在 ERP 升级后通知我方复核接口配置。",
			"处理人", "王强", "2024年3月16日")
	case pdf.TypeAcceptance:
		return append(header, "交付验收单", "2024年6月25日", "第 2 版", f.Title,
			"数据同步服务 v1.0（安装包及源码）、管理看板、《接口设计说明书》、《运维手册》", "任务1：前端开发", "任务8：联调测试",
			"连续 10 个工作日同步成功率 ≥ 99.9%", "√验收通过", "试运行 10 个工作日，同步成功率 99.96%，同意验收。",
			"验收方（客户）", "张伟", "2024年6月28日", "交付方", "王强")
	case pdf.TypeSurveyBlank:
		return append(header, "满意度调查表", f.Title, r.Number, "响应及时性", "解决效果", "服务态度", "总体满意度",
			"已完全解决", "未完全解决", "新的需求", "意见和建议", "回访方式", "客户签字")
	case pdf.TypeSurvey:
		return append(header, "满意度调查表", f.Title, "响应及时性", "√", "解决效果", "√", "服务态度", "√", "总体满意度", "√",
			"√已完全解决", "希望增加移动端看板，方便车间主任在手机上查看。", "项目组响应迅速，培训细致；建议后续提供季度巡检服务。",
			"电话回访", "2024年7月2日", "客户签字")
	}
	return nil
}

// TestDocuments renders every per-request document from a realistic request
// and reads it back: all fields in order, page numbers, the font embedded as
// a subset; page 1 goes to tests/artifacts/docs.
func TestDocuments(t *testing.T) {
	for _, ti := range document.Types() {
		if !ti.PerRequest || ti.Type == pdf.TypeArchive {
			continue
		}
		t.Run(string(ti.Type), func(t *testing.T) {
			src := fixture(8)
			src.Company.Logo = logoPNG(t)
			out, err := pdf.Render(src, meta(ti.Type))
			if err != nil {
				t.Fatal(err)
			}
			if got := pageCount(t, out.PDF); got != out.Pages {
				t.Fatalf("pdfinfo counts %d pages, renderer %d", got, out.Pages)
			}
			all := text(t, out.PDF)
			assertInOrder(t, all, expected(src, ti.Type))
			assertInOrder(t, bodyText(t, out.PDF, false), expected(src, ti.Type)[1:])
			for p := 1; p <= out.Pages; p++ {
				if want := fmt.Sprintf("第 %d 页 / 共 %d 页", p, out.Pages); count(all, want) != 1 {
					t.Fatalf("page number %q missing:\n%s", want, all)
				}
			}
			if !strings.Contains(all, ti.Title) || !strings.Contains(all, meta(ti.Type).DocNumber) {
				t.Fatalf("title or document number missing")
			}
			assertSubsetFont(t, out.PDF)
			if got, want := imagePages(t, out.PDF), out.Pages; len(got) != want {
				t.Fatalf("the logo is drawn on pages %v, want every one of %d", got, want)
			}
			artifact(t, out.PDF, "doc-"+strings.ReplaceAll(string(ti.Type), "_", "-"))
		})
	}
}

// TestRegistrationList renders the list of requests on landscape pages;
// its table header repeats on every page.
func TestRegistrationList(t *testing.T) {
	src := &pdf.Source{Company: pdf.Company{Name: "上海华智信息服务有限公司", Logo: logoPNG(t)}, Selection: "接收日期 2024-03-01 至 2024-03-31"}
	base := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 60 {
		src.Rows = append(src.Rows, request.Row{
			ID: fmt.Sprint(i), Number: fmt.Sprintf("XR-2024-%03d", i+1), CustomerName: []string{"华信科技有限公司", "苏州精工机械制造有限公司", "云杉咨询"}[i%3],
			ContactName: "张*", ContactInfo: "1380013" + fmt.Sprintf("%04d", i), Type: []string{"技术咨询", "方案定制", "售后支持"}[i%3],
			Urgency: request.UrgencyNormal, Title: fmt.Sprintf("第 %d 条：咨询系统对接方案（含《接口规范》）", i+1),
			ReceivedAt: base.Add(time.Duration(i) * 7 * time.Hour), ReceivedBy: "李*", Status: request.StatusAnalysis,
		})
	}
	m := pdf.Meta{Type: pdf.TypeRegistrationList, DocNumber: "DJL-20240520-V1", Version: 1, GeneratedAt: generated, GeneratedBy: "李娜"}
	out, err := pdf.Render(src, m)
	if err != nil {
		t.Fatal(err)
	}
	if out.Pages < 3 {
		t.Fatalf("60 requests on %d pages, want at least 3", out.Pages)
	}
	var want []string
	for _, r := range src.Rows {
		want = append(want, r.Number, r.CustomerName, r.ContactInfo, r.Type, r.Title, "一般", local(r.ReceivedAt), "需求分析中")
	}
	assertInOrder(t, bodyText(t, out.PDF, true), append([]string{"客户需求登记表", src.Selection, "60 条"}, want...))
	head := "需求编号 客户名称 联系人 联系方式 需求类型 需求描述（简要） 紧急程度 接收时间 接收人 初步处理状态"
	for i, p := range pageTexts(t, out.PDF, out.Pages) {
		if count(p, head) != 1 {
			t.Fatalf("page %d lacks the table header:\n%s", i+1, p)
		}
	}
	assertSubsetFont(t, out.PDF)
	if got := imagePages(t, out.PDF); len(got) != out.Pages {
		t.Fatalf("the logo is drawn on pages %v, want every one of %d", got, out.Pages)
	}
	artifact(t, out.PDF, "doc-registration-list")
}

// TestLongFieldFlows sets fields far longer than a page: paragraphs and
// form rows continue on the next pages with nothing lost.
func TestLongFieldFlows(t *testing.T) {
	t.Run("Paragraph", func(t *testing.T) {
		src := fixture(0)
		long := strings.Repeat(longCoreNeeds, 14)
		setAnalysis(src, func(a *request.Analysis) { a.CoreNeeds = long })
		out, err := pdf.Render(src, meta(pdf.TypeAnalysisLetter))
		if err != nil {
			t.Fatal(err)
		}
		if out.Pages < 3 {
			t.Fatalf("pages = %d, want the core needs to run onto page 3", out.Pages)
		}
		assertInOrder(t, bodyText(t, out.PDF, false), []string{"二、核心需求", long, "三、关键要点"})
	})
	t.Run("FormRow", func(t *testing.T) {
		src := fixture(0)
		src.Request.Fields.Description = strings.Repeat(longDescription+"\n", 8)
		out, err := pdf.Render(src, meta(pdf.TypeRegistration))
		if err != nil {
			t.Fatal(err)
		}
		if out.Pages < 2 {
			t.Fatalf("pages = %d", out.Pages)
		}
		assertInOrder(t, bodyText(t, out.PDF, false), []string{"需求描述", src.Request.Fields.Description, "需求背景"}, "需求描述（续）")
		if !strings.Contains(squash(text(t, out.PDF)), "需求描述（续）") {
			t.Fatal("the continued row does not restate its label")
		}
	})
}

func setAnalysis(src *pdf.Source, edit func(*request.Analysis)) {
	for i, r := range src.Records {
		if r.Kind == request.KindAnalysis {
			var a request.Analysis
			_ = jsonUnmarshal(r.Body, &a)
			edit(&a)
			src.Records[i].Body = body(a)
		}
	}
}

// TestPlanBookHeaderRepeats renders the plan book with 50 tasks: the task
// table runs over pages and its header row starts every one of them.
func TestPlanBookHeaderRepeats(t *testing.T) {
	src := fixture(50)
	out, err := pdf.Render(src, meta(pdf.TypePlanBook))
	if err != nil {
		t.Fatal(err)
	}
	var tasks []string
	for i := range 50 {
		tasks = append(tasks, fmt.Sprintf("任务%d：", i+1))
	}
	assertInOrder(t, bodyText(t, out.PDF, false), tasks)
	head := "序号 任务 负责人 开始日期 完成日期 交付标准 状态"
	taskPages := 0
	for i, p := range pageTexts(t, out.PDF, out.Pages) {
		if !strings.Contains(p, "任务") || !strings.Contains(p, "覆盖率") {
			continue
		}
		taskPages++
		if count(p, head) != 1 {
			t.Fatalf("page %d has task rows but not the header row once:\n%s", i+1, p)
		}
		if strings.Index(squash(p), squash(head)) > strings.Index(squash(p), "覆盖率") {
			t.Fatalf("page %d: header after the first row", i+1)
		}
	}
	if taskPages < 2 {
		t.Fatalf("50 tasks on %d pages, want the table to run over", taskPages)
	}
}

// TestSignatureDrawn draws signatures into the analysis letter: the image is
// embedded, the signers' names and the time are printed.
func TestSignatureDrawn(t *testing.T) {
	src := shortLetter()
	src.Company.Logo = logoPNG(t)
	m := meta(pdf.TypeAnalysisLetter)
	signedAt := time.Date(2024, 3, 22, 15, 4, 0, 0, time.Local)
	m.Signatures = []pdf.Signature{
		{Role: pdf.RoleCustomer, Signer: "张伟", SignerTitle: "信息部经理", SignedAt: signedAt, PNG: signaturePNG(t)},
		{Role: pdf.RoleCompany, Signer: "王强", SignedAt: signedAt, PNG: signaturePNG(t)},
	}
	out, err := pdf.Render(src, m)
	if err != nil {
		t.Fatal(err)
	}
	if out.Pages != 1 {
		t.Fatalf("pages = %d, want the signed letter on one page", out.Pages)
	}
	assertInOrder(t, text(t, out.PDF), []string{"客户确认", "张伟（信息部经理）", "2024年3月22日", "屏幕签字于 2024-03-22 15:04",
		"服务方", "王强", "2024年3月22日", "屏幕签字于 2024-03-22 15:04"})
	// The logo and the signature (both signatures are the same picture,
	// embedded once), each with its alpha channel as a soft mask.
	images := run(t, "pdfimages", "-list", writePDF(t, out.PDF))
	objects := map[string]bool{}
	for _, l := range strings.Split(images, "\n") {
		if f := strings.Fields(l); len(f) > 10 && f[2] == "image" {
			objects[f[10]] = true
		}
	}
	if n := len(objects); n != 2 {
		t.Fatalf("%d images embedded, want the logo and one signature:\n%s", n, images)
	}
	artifact(t, out.PDF, "doc-analysis-letter-signed")
}

// TestArchive bundles the documents with a scan of a signed paper copy.
func TestArchive(t *testing.T) {
	src := fixture(8)
	var parts []pdf.Part
	for _, typ := range []pdf.Type{pdf.TypeRegistration, pdf.TypeAnalysisLetter, pdf.TypePlanBook, pdf.TypeAcceptance, pdf.TypeSurvey} {
		p := pdf.Part{Source: src, Meta: meta(typ), Status: pdf.StatusGenerated}
		if typ == pdf.TypeAcceptance {
			p.Status = pdf.StatusSignedOnPaper
			p.Scans = []pdf.AttachmentInput{{FileName: "验收单扫描.png", Mime: "image/png", Bytes: signaturePNG(t)}}
			p.Files = []string{"验收单原件.pdf"}
		}
		parts = append(parts, p)
	}
	m := pdf.Meta{Type: pdf.TypeArchive, DocNumber: "XR-2024-017-DA-V1", Version: 1, GeneratedAt: generated, GeneratedBy: "李娜"}
	out, err := pdf.RenderArchive(src, m, parts)
	if err != nil {
		t.Fatal(err)
	}
	all := text(t, out.PDF)
	want := []string{"客户服务档案", "档案目录", "XR-2024-017-DJ-V1", "XR-2024-017-FX-V1", "XR-2024-017-FA-V1", "已纸质签字",
		"处理过程", "指派王强负责", "复盘总结", "调研充分，接口一次评审通过。", "物料编码映射应在分析阶段就与客户确认。"}
	for _, typ := range []pdf.Type{pdf.TypeRegistration, pdf.TypeAnalysisLetter, pdf.TypePlanBook, pdf.TypeAcceptance} {
		want = append(want, expected(src, typ)[2:]...)
		if typ == pdf.TypeAcceptance {
			want = append(want, "附：纸质签字件扫描件（验收单扫描.png）", "验收单原件.pdf")
		}
	}
	want = append(want, expected(src, pdf.TypeSurvey)[2:]...)
	assertInOrder(t, all, want)
	// The table of contents gives each part's first page.
	pages := pageTexts(t, out.PDF, out.Pages)
	for i, p := range parts {
		info, _ := pdf.Info(p.Meta.Type)
		first := 0
		for n, pt := range pages {
			if strings.HasPrefix(squash(pt), squash(src.Company.Name+info.Title+p.Meta.DocNumber)) {
				first = n + 1
				break
			}
		}
		row := fmt.Sprintf("%d %s %s 第 1 版 %s %d", i+1, info.Title, p.Meta.DocNumber, p.Status.Name(), first)
		if first == 0 || !strings.Contains(squash(all), squash(row)) {
			t.Fatalf("contents row %q missing (part found on page %d):\n%s", row, first, pages[0])
		}
	}
	assertSubsetFont(t, out.PDF)
	artifact(t, out.PDF, "doc-archive")
}

// TestCheck refuses documents whose records are missing, in Chinese.
func TestCheck(t *testing.T) {
	bare := fixture(0)
	bare.Records = nil
	unapproved := fixture(0)
	for i, r := range unapproved.Records {
		if r.Kind == request.KindPlan {
			var p request.Plan
			_ = jsonUnmarshal(r.Body, &p)
			p.ApprovedBy, p.ApprovedAt = "", ""
			unapproved.Records[i].Body = body(p)
		}
	}
	tests := []struct {
		name string
		typ  pdf.Type
		src  *pdf.Source
		want string // part of the message; "" for no error
	}{
		{"OK/Registration", pdf.TypeRegistration, bare, ""},
		{"OK/SurveyBlank", pdf.TypeSurveyBlank, bare, ""},
		{"ErrNoAnalysis", pdf.TypeAnalysisLetter, bare, "需求分析记录"},
		{"ErrNoPlan", pdf.TypePlanBook, bare, "服务方案"},
		{"ErrPlanNotApproved", pdf.TypePlanLetter, unapproved, "尚未经总经理批准"},
		{"ErrNoResult", pdf.TypeResultNote, bare, "处理结果说明记录"},
		{"ErrNoDelivery", pdf.TypeAcceptance, bare, "交付记录"},
		{"ErrNoFeedback", pdf.TypeSurvey, bare, "满意度反馈"},
		{"ErrEmptyList", pdf.TypeRegistrationList, &pdf.Source{}, "没有符合条件的需求"},
		{"ErrUnknown", pdf.Type("memo"), bare, "未知的文档类型"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := pdf.Check(tt.typ, tt.src)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid || !strings.Contains(e.Message, tt.want) {
				t.Fatalf("err = %v, want invalid with %q", err, tt.want)
			}
		})
	}
}

// TestDeterministic renders the same document twice: same bytes.
func TestDeterministic(t *testing.T) {
	a, err := pdf.Render(fixture(3), meta(pdf.TypePlanBook))
	if err != nil {
		t.Fatal(err)
	}
	b, err := pdf.Render(fixture(3), meta(pdf.TypePlanBook))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Fatal("two renderings of the same input differ")
	}
}

// TestSmallLetter keeps a one-page letter small: the font is subset.
func TestSmallLetter(t *testing.T) {
	out, err := pdf.Render(shortLetter(), meta(pdf.TypeAnalysisLetter))
	if err != nil {
		t.Fatal(err)
	}
	if out.Pages != 1 {
		t.Fatalf("pages = %d, want 1", out.Pages)
	}
	if len(out.PDF) > 60<<10 {
		t.Fatalf("a one-page letter takes %d bytes", len(out.PDF))
	}
	t.Logf("one-page letter: %d bytes", len(out.PDF))
}

// shortLetter is a request whose analysis letter fits on one page.
func shortLetter() *pdf.Source {
	src := fixture(0)
	src.Request.Fields.Description = "客户希望了解与财务系统对接的接口规范和实施周期。"
	src.Request.Fields.ExpectedOutcome = ""
	var recs []request.Record
	for _, r := range src.Records {
		if r.Kind != request.KindSubRequirement {
			recs = append(recs, r)
		}
	}
	src.Records = recs
	setAnalysis(src, func(a *request.Analysis) {
		a.CoreNeeds = "提供 REST 接口规范，明确对接周期为 4 周。"
		a.KeyPoints = "凭证字段映射须经客户财务部确认。"
		a.NoBreakdown = true
	})
	return src
}

// TestUnprintableRunes keeps characters beyond 16 bits from breaking the PDF:
// an emoji prints from the emoji font, a character no embedded font has
// (here CJK extension B) as □, a control character not at all.
func TestUnprintableRunes(t *testing.T) {
	src := shortLetter()
	src.Request.Fields.Title = "系统对接😀方案\u0007𠀀"
	out, err := pdf.Render(src, meta(pdf.TypeRegistration))
	if err != nil {
		t.Fatal(err)
	}
	assertInOrder(t, text(t, out.PDF), []string{"系统对接😀方案□"})
}
