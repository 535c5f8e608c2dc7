package pdf_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/pdf"
)

// TestWeeklyCheckPDF prints a week's quality check and reads it back: the
// week, the checker and seed, the sample with its verdicts, the scores and
// the 整改 items open and closed.
func TestWeeklyCheckPDF(t *testing.T) {
	zone := time.FixedZone("CST", 8*3600)
	yes, no := true, false
	c := pdf.WeeklyCheck{Week: "2026-W49", From: time.Date(2026, 11, 30, 0, 0, 0, 0, zone), To: time.Date(2026, 12, 6, 0, 0, 0, 0, zone),
		Checker: "王强", Seed: "42", PassPercent: 80, GeneratedAt: time.Date(2026, 12, 7, 10, 0, 0, 0, zone), GeneratedBy: "王强",
		Items: []pdf.WeeklyCheckItem{
			{Number: "XR-2026-101", Channel: "电话", Agent: "李娜", At: time.Date(2026, 12, 1, 9, 30, 0, 0, zone), Summary: "回复客户已受理",
				Scores: []string{"问候语规范 5/5", "结束时确认 5/5"}, Total: 10, Max: 10, Passed: &yes},
			{Number: "XR-2026-102", Channel: "邮件", Agent: "陈静", At: time.Date(2026, 12, 2, 14, 0, 0, 0, zone), Summary: "告知处理进度",
				Scores: []string{"问候语规范 1/5", "结束时确认 0/5"}, Total: 1, Max: 10, Passed: &no, Comment: "未确认客户诉求",
				RectOwner: "陈静", RectDue: "2026-12-14", RectProblem: "结束时未确认问题是否解决", RectStatus: "open"},
			{Number: "XR-2026-103", Channel: "邮件", Agent: "赵磊", At: time.Date(2026, 12, 3, 16, 0, 0, 0, zone), Summary: "约定上门时间"},
		}}
	out, err := pdf.RenderWeeklyCheck(pdf.Company{Name: "华信科技服务有限公司", Zone: "Asia/Shanghai"}, c)
	if err != nil {
		t.Fatal(err)
	}
	all := text(t, out.PDF)
	assertInOrder(t, all, []string{"沟通质量周抽检报告", "2026-W49", "2026年11月30日", "2026年12月6日", "王强", "ZJ-2026-W49-王强", "42",
		"3 条，已评分 2 条", "1 条（合格率 50.0%，合格线 80%）", "1 项",
		"抽检样本与评分", "XR-2026-101", "电话", "李娜", "合格", "XR-2026-102", "不合格", "XR-2026-103", "未评分",
		"评分明细", "问候语规范 1/5", "未确认客户诉求",
		"整改事项", "结束时未确认问题是否解决", "陈静", "2026年12月14日", "待整改"})
	assertSubsetFont(t, out.PDF)
	artifact(t, out.PDF, "weekly-check")
}
