package reportfile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/reportfile"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// commFixture is March 2026 (Monday the 2nd on, Asia/Shanghai) of four
// requests, each answered once by a communication record, three complaints
// and a weekly check of the four records:
//
//	R1 在线客服 09:00, answered 09:02 (3 working minutes: on time), complete; complaint 服务态度
//	R2 在线客服 10:00, answered 10:10 (late), no next step;            complaint 处理时效
//	R3 邮件 3/3 09:00, answered 15:00 (24 hours: on time), complete;    complaint 处理时效
//	R4 电话 3/3 10:00, answered 10:30 (no standard), nobody named
//
// The check (week 2026-W10, scored on 3/9) passes R1 (30/30), R3 (30/30)
// and R4 (27/30) and fails R2 (12/30), whose 整改 item stays open.
type commFixture struct {
	st   *store.Store
	svc  *command.Service
	clk  *clock.Fixed
	ctx  context.Context
	reqs []request.Request
	cst  *time.Location
}

func newCommFixture(t *testing.T) *commFixture {
	t.Helper()
	cst, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(day, hour, min int) time.Time { return time.Date(2026, 3, day, hour, min, 0, 0, cst) }
	clk := clock.NewFixed(at(2, 8, 0))
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "reqdesk.db"), clk)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set := settings.Defaults("王强")
	set.TimeZone = "Asia/Shanghai"
	set.CompanyName = "华信科技服务有限公司"
	if err := st.EnsureSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	svc := command.New(st)
	as := func(name string) context.Context { return audit.WithActor(ctx, name) }
	for _, p := range []people.Fields{
		{Name: "王强", Roles: []request.Role{request.RoleSupervisor}, Active: true},
		{Name: "李娜", Roles: []request.Role{request.RoleAgent}, Active: true},
	} {
		if _, err := command.Run(ctx, svc, command.SavePerson{Fields: p}); err != nil && p.Name != "王强" {
			t.Fatal(err)
		}
	}
	c, err := command.Run(ctx, svc, command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	if err != nil {
		t.Fatal(err)
	}
	f := &commFixture{st: st, svc: svc, clk: clk, ctx: ctx, cst: cst}
	type spec struct {
		channel          string
		day, hour        int
		answerH, answerM int
		with, next       string
		cause            string
	}
	for i, sp := range []spec{
		{"在线客服", 2, 9, 9, 2, "张伟", "明日回访", "attitude"},
		{"在线客服", 2, 10, 10, 10, "张伟", "", "timeliness"},
		{"邮件", 3, 9, 15, 0, "张伟", "等待客户确认", "timeliness"},
		{"电话", 3, 10, 10, 30, "", "安排上门", ""},
	} {
		clk.Set(at(sp.day, sp.hour, 0))
		req, err := command.Run(ctx, svc, command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID,
			ContactName: "张伟", Channel: sp.channel, Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "系统对接咨询",
			ReceivedAt: at(sp.day, sp.hour, 0), ReceivedBy: "李娜"}})
		if err != nil {
			t.Fatal(err)
		}
		f.reqs = append(f.reqs, req)
		clk.Set(at(sp.day, sp.answerH, sp.answerM))
		raw, _ := json.Marshal(request.Communication{At: at(sp.day, sp.answerH, sp.answerM), Channel: sp.channel, With: sp.with,
			Summary: "答复客户的对接问题", NextStep: sp.next})
		if _, err := command.Run(as("李娜"), svc, command.SaveRecord{Input: request.RecordInput{RequestID: req.ID,
			Kind: request.KindCommunication, Body: raw}}); err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if sp.cause != "" {
			clk.Set(at(sp.day, 16, 0))
			if _, err := command.Run(as("李娜"), svc, command.RegisterComplaint{RequestID: req.ID, Input: request.ComplaintInput{
				ReceivedAt: at(sp.day, 16, 0), Channel: "电话", Complainant: "张伟", Cause: sp.cause, Content: "对处理不满意"}}); err != nil {
				t.Fatalf("complaint %d: %v", i+1, err)
			}
		}
	}
	clk.Set(at(9, 10, 0))
	chk, err := command.Run(as("王强"), svc, command.DrawCheck{Week: "2026-W10", Seed: "7"})
	if err != nil {
		t.Fatal(err)
	}
	if len(chk.Items) != 4 {
		t.Fatalf("sample of %d records, want the 4", len(chk.Items))
	}
	scores := func(v ...int) map[string]int {
		ids := []string{"chk-greeting", "chk-timely", "chk-complete", "chk-correct", "chk-tone", "chk-confirm"}
		out := map[string]int{}
		for i, id := range ids {
			out[id] = v[i%len(v)]
		}
		return out
	}
	for _, it := range chk.Items {
		in := command.ScoreCheckItem{ID: it.ID, Version: it.Version, Scores: scores(5)}
		switch it.RequestID {
		case f.reqs[1].ID:
			in.Scores = scores(2)
			in.Rect = command.RectInput{Owner: "李娜", Due: "2026-03-16", Problem: "未告知下一步"}
		case f.reqs[3].ID:
			in.Scores = scores(4, 5)
		}
		if _, err := command.Run(as("王强"), svc, in); err != nil {
			t.Fatal(err)
		}
	}
	clk.Set(at(31, 18, 0))
	return f
}

func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if q, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(q, "--check", p).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

// assertInOrder checks that every want appears in text after the one
// before it, ignoring white space (lines break anywhere).
func assertInOrder(t *testing.T, text string, want []string) {
	t.Helper()
	text = spaces.ReplaceAllString(text, "")
	at := 0
	for _, w := range want {
		w = spaces.ReplaceAllString(w, "")
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%q missing (after position %d)", w, at)
			continue
		}
		at += i + len(w)
	}
}

func cells(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

// row finds the row whose first cell is first.
func row(t *testing.T, rows [][]string, first string) []string {
	t.Helper()
	for _, r := range rows {
		if len(r) > 0 && r[0] == first {
			return r
		}
	}
	t.Fatalf("no row %q in %v", first, rows)
	return nil
}

func artifact(t *testing.T, data []byte, name string) {
	if dir := os.Getenv("REQDESK_ARTIFACTS"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
}

func TestDiagnosisReport(t *testing.T) {
	f := newCommFixture(t)
	view, err := f.st.LiveReport(f.ctx, report.KindDiagnosis, "2026-03", "")
	if err != nil {
		t.Fatal(err)
	}
	d := view.Diagnosis
	ch := map[string]report.ChannelResponse{}
	for _, c := range d.Channels {
		ch[c.Channel] = c
	}
	// 在线客服: 2 and 10 minutes, average 6 minutes = 0.1 h; 1 of 2 on time.
	if c := ch["在线客服"]; c.Received != 2 || c.Met != 1 || c.Measured != 2 || *c.Rate != 50 || *c.AvgHours != 0.1 || c.Standard != "3 分钟（工作时间）" {
		t.Errorf("在线客服 %+v", c)
	}
	if c := ch["邮件"]; c.Met != 1 || c.Measured != 1 || *c.Rate != 100 || *c.AvgHours != 6 || c.Standard != "24 小时" {
		t.Errorf("邮件 %+v", c)
	}
	if c := ch["电话"]; c.Standard != "" || c.Measured != 0 || *c.AvgHours != 0.5 {
		t.Errorf("电话 %+v", c)
	}
	// Complaints: 处理时效 2 of 3, 服务态度 1.
	if d.Complaints != 3 || len(d.Causes) != 2 || d.Causes[0] != (report.Count{Key: "处理时效", Count: 2}) {
		t.Errorf("complaints %d %+v", d.Complaints, d.Causes)
	}
	// Records: R1 and R3 complete of 4; R4 names nobody, R2 no next step.
	if tot := d.RecordTotal; tot.Records != 4 || tot.Complete != 2 || *tot.Rate != 50 {
		t.Errorf("records %+v", tot)
	}
	// Checks: 3 of 4 passed; 问候语规范 (5+2+5+4)/4 = 4.00, 80%; one 整改 open.
	ck := d.Checks
	if ck.Scored != 4 || ck.Passed != 3 || *ck.Rate != 75 || ck.RectOpened != 1 || ck.RectClosed != 0 {
		t.Errorf("checks %+v", ck)
	}
	if p := ck.Points[0]; p.Label != "问候语规范" || *p.Avg != 4 || *p.Share != 80 {
		t.Errorf("first point %+v", p)
	}
	wantFindings := []string{
		"“在线客服”有 1 次超过标准（3 分钟（工作时间）），按时率 50.0%（1/2）。",
		"投诉最多的原因是“处理时效”（2 件，占 66.7%）。",
		"沟通记录完整率 50.0%（2/4），低于 95%；最常见的缺项是“未写沟通对象”（1 条）。",
	}
	for i, w := range wantFindings {
		if i >= len(d.Findings) || d.Findings[i] != w {
			t.Errorf("finding %d: got %q, want %q", i, d.Findings, w)
		}
	}

	// Written, issued, then the data changes: the issued version stays.
	texts := report.Texts{Problems: "在线客服高峰时段排班不足。", Measures: "一、午间增设在线客服值班；\n二、每周复盘超时会话。"}
	if _, err := command.Run(audit.WithActor(f.ctx, "王强"), f.svc, command.SaveReportTexts{Kind: report.KindDiagnosis, Period: "2026-03", Texts: texts}); err != nil {
		t.Fatal(err)
	}
	saved, err := command.Run(audit.WithActor(f.ctx, "王强"), f.svc, command.IssueReport{Kind: report.KindDiagnosis, Period: "2026-03"})
	if err != nil || saved.Version != 1 {
		t.Fatalf("issue: %+v %v", saved, err)
	}
	if _, err := command.Run(audit.WithActor(f.ctx, "李娜"), f.svc, command.RegisterComplaint{RequestID: f.reqs[3].ID, Input: request.ComplaintInput{
		ReceivedAt: f.clk.Now(), Channel: "电话", Complainant: "张伟", Cause: "quality", Content: "问题未解决"}}); err != nil {
		t.Fatal(err)
	}
	live, err := f.st.LiveReport(f.ctx, report.KindDiagnosis, "2026-03", "")
	if err != nil || live.Diagnosis.Complaints != 4 || live.Issued == nil || live.Issued.Version != 1 {
		t.Fatalf("live after a new complaint: %+v %v", live.Issued, err)
	}
	doc, err := reportfile.Gather(f.ctx, f.st, report.KindDiagnosis, "2026-03", "", saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Diagnosis.Complaints != 3 {
		t.Errorf("the issued report counts %d complaints, want the 3 it was issued with", doc.Diagnosis.Complaints)
	}
	pdfBytes, err := reportfile.Write(doc, "pdf")
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, pdfBytes, "diagnosis.pdf")
	assertInOrder(t, pdfText(t, pdfBytes), []string{"客户沟通现状诊断报告", "2026年3月", "ZD-2026-03-V1", "第 1 版，王强 出具于",
		"各渠道响应时长与标准", "在线客服", "3 分钟（工作时间）", "6.0 分钟", "10.0 分钟", "1/2", "50.0%",
		"邮件", "24 小时", "6.0 小时", "100.0%",
		"投诉原因分析", "本期登记投诉 3 件", "处理时效", "2（66.7%）", "服务态度", "1（33.3%）",
		"沟通记录完整性", "合计", "4", "2", "50.0%", "未写沟通对象 1 条，未写下一步 1 条",
		"质量抽检结果", "本期评分抽检记录 4 条，合格 3 条，合格率 75.0%；不合格开出整改 1 项，已关闭 0 项。",
		"问候语规范", "80.0%（均分 4.00/5）", "话术适配率", "抽检合格率", "75.0%", "3/4", "整改率", "0.0%", "0/1",
		"发现的问题", wantFindings[0], wantFindings[1], texts.Problems, "改进建议", "一、午间增设在线客服值班；", "二、每周复盘超时会话。",
		"附：指标口径", "编制（客户部）", "审核（品质部）"})
	xl, err := reportfile.Write(doc, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, xl, "diagnosis.xlsx")
	r := row(t, cells(t, xl, "渠道响应"), "在线客服")
	if got, want := strings.Join(r[1:], "|"), "3 分钟（工作时间）|2|2|0.1|0.1667|2|1|1|50%"; got != want {
		t.Errorf("渠道响应 在线客服: %s, want %s", got, want)
	}
	if r := row(t, cells(t, xl, "投诉原因"), "处理时效"); r[1] != "2" {
		t.Errorf("投诉原因 %v", r)
	}
	if r := row(t, cells(t, xl, "记录完整性"), "合计"); strings.Join(r[1:], "|") != "4|2|50%" {
		t.Errorf("记录完整性 合计 %v", r)
	}
	if r := row(t, cells(t, xl, "抽检结果"), "合计"); strings.Join(r[1:], "|") != "4|3|75%" {
		t.Errorf("抽检结果 合计 %v", r)
	}
	if r := row(t, cells(t, xl, "问题与措施"), "改进建议"); r[1] != texts.Measures {
		t.Errorf("问题与措施 %v", r)
	}

	// A department is refused: the diagnosis covers the whole company.
	_, err = command.Run(audit.WithActor(f.ctx, "王强"), f.svc, command.IssueReport{Kind: report.KindDiagnosis, Period: "2026-03", Department: "客服部"})
	if e, ok := apperr.As(err); !ok || len(e.Fields) == 0 || e.Fields[0].Field != "department" {
		t.Errorf("a department's diagnosis: %v", err)
	}
}

func TestAnnualReport(t *testing.T) {
	f := newCommFixture(t)
	texts := report.Texts{Problems: "在线客服响应超时集中在上午。", Measures: "一、上午增设值班；\n二、话术库补充对接类答复模板。"}
	if _, err := command.Run(audit.WithActor(f.ctx, "王强"), f.svc, command.SaveReportTexts{Kind: report.KindAnnual, Period: "2026", Texts: texts}); err != nil {
		t.Fatal(err)
	}
	saved, err := command.Run(audit.WithActor(f.ctx, "王强"), f.svc, command.IssueReport{Kind: report.KindAnnual, Period: "2026"})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := reportfile.Gather(f.ctx, f.st, report.KindAnnual, "2026", "", saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Annual
	goals := map[report.MeasureID]report.Goal{}
	for _, g := range a.Goals {
		goals[g.ID] = g
	}
	show := func(v report.Value) string {
		if v.Value == nil {
			return "—"
		}
		return fmt.Sprintf("%.1f", *v.Value)
	}
	// 在线客服 and 邮件 clocks in March: R1 and R3 on time, R2 late: 2/3.
	g := goals[report.OnTimeChannelRespond]
	if g.Year.Value.Hits != 2 || g.Year.Value.N != 3 || g.Phases[0].Value.Value != nil || g.Phases[1].Value.N != 3 || g.Phases[2].Value.Value != nil {
		t.Errorf("渠道首次响应按时率 year %+v phases %+v", g.Year.Value, g.Phases)
	}
	if g.Months[2] == nil || show(report.Value{Value: g.Months[2]}) != "66.7" || g.Months[0] != nil {
		t.Errorf("渠道首次响应按时率 by month %v", g.Months)
	}
	// 抽检合格率 3/4 in March (中期), 整改率 0/1: both missed.
	pass := goals["check_pass_rate"]
	if pass.Year.Value.Hits != 3 || pass.Year.Value.N != 4 || pass.Phases[1].Attainment.Verdict() != report.VerdictMissed ||
		pass.Year.Attainment.Verdict() != report.VerdictMissed {
		t.Errorf("抽检合格率 %+v", pass.Year)
	}
	wantFinding := "抽检合格率全年 75.0%，未达到目标（≥ 90%）；未达标的阶段：中期。"
	found := false
	for _, f := range a.Findings {
		found = found || f == wantFinding
	}
	if !found {
		t.Errorf("findings %q lack %q", a.Findings, wantFinding)
	}
	pdfBytes, err := reportfile.Write(doc, "pdf")
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, pdfBytes, "annual.pdf")
	assertInOrder(t, pdfText(t, pdfBytes), []string{"年度效果评估报告", "2026年", "NB-2026-V1", "总体情况",
		"目标与达成（分阶段）", "短期（1-2月）", "中期（3-6月）", "长期（7-12月）", "抽检合格率", "≥ 90%", "75.0%", "未达标",
		"渠道首次响应按时率", "66.7%",
		"各阶段达成对比", "逐月达成情况", "1月", "12月",
		"全年投诉原因", "处理时效",
		"存在的问题", wantFinding, "全年登记投诉 3 件，最多的原因是“处理时效”2 件、“服务态度”1 件。", texts.Problems,
		"下一年度措施", "一、上午增设值班；", "二、话术库补充对接类答复模板。", "审批（总经理）"})
	xl, err := reportfile.Write(doc, "xlsx")
	if err != nil {
		t.Fatal(err)
	}
	artifact(t, xl, "annual.xlsx")
	r := row(t, cells(t, xl, "目标达成"), "抽检合格率")
	// 短期 has no check (无法判定), 中期 and the year 3/4 = 75%.
	if r[2] != "≥ 90%" || r[3] != "—" || r[4] != report.VerdictUnknown || r[5] != "75%" || r[6] != report.VerdictMissed || r[9] != "75%" {
		t.Errorf("目标达成 抽检合格率 %v", r)
	}
	r = row(t, cells(t, xl, "逐月达成"), "渠道首次响应按时率")
	if len(r) != 13 || r[3] != "67%" || r[1] != "—" {
		t.Errorf("逐月达成 渠道首次响应按时率 %v", r)
	}
	if r := row(t, cells(t, xl, "问题与措施"), "下一年度措施"); r[1] != texts.Measures {
		t.Errorf("问题与措施 %v", r)
	}
}
