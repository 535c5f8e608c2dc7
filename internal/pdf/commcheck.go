package pdf

import (
	"fmt"
	"strings"
	"time"
)

// WeeklyCheck is what the weekly quality check report prints: the week's
// sample, each record's scores and verdict, and the 整改 items.
type WeeklyCheck struct {
	Week        string
	From, To    time.Time // the week's Monday and Sunday
	Checker     string
	Seed        string
	PassPercent int
	Items       []WeeklyCheckItem
	GeneratedAt time.Time
	GeneratedBy string
}

// WeeklyCheckItem is one sampled record.
type WeeklyCheckItem struct {
	Number  string
	Channel string
	Agent   string
	At      time.Time
	Summary string
	// Scores are "label score/max" each; empty until scored.
	Scores  []string
	Total   int
	Max     int
	Passed  *bool
	Comment string
	// The 整改 item, when the record failed.
	RectOwner, RectDue, RectProblem, RectStatus, RectAction string
}

// WeeklyCheckNumber is the report's number: ZJ (质检) and the week.
func WeeklyCheckNumber(week, checker string) string { return "ZJ-" + week + "-" + checker }

// RenderWeeklyCheck prints the weekly quality check report 《沟通质量周抽检报告》.
func RenderWeeklyCheck(company Company, c WeeklyCheck) (Output, error) {
	b := newBuilder("P", company, c.GeneratedAt)
	number := WeeklyCheckNumber(c.Week, c.Checker)
	const title = "沟通质量周抽检报告"
	b.setHead(running{title: title, docNumber: number, generated: c.GeneratedAt})
	b.newPage()
	scored, passed, open := 0, 0, 0
	for _, it := range c.Items {
		if it.Passed != nil {
			scored++
			if *it.Passed {
				passed++
			}
		}
		if it.RectStatus == "open" {
			open++
		}
	}
	rate := "—"
	if scored > 0 {
		rate = fmt.Sprintf("%.1f%%", float64(passed)*100/float64(scored))
	}
	b.titleBlock(title, []metaItem{
		{"抽检周", fmt.Sprintf("%s（%s 至 %s）", c.Week, b.dateCN(c.From), b.dateCN(c.To))},
		{"抽检人", c.Checker}, {"报告编号", number}, {"抽样种子", c.Seed},
		{"抽检记录", fmt.Sprintf("%d 条，已评分 %d 条", len(c.Items), scored)},
		{"合格", fmt.Sprintf("%d 条（合格率 %s，合格线 %d%%）", passed, rate, c.PassPercent)},
		{"待整改", fmt.Sprintf("%d 项", open)},
		{"生成日期", b.dateCN(c.GeneratedAt)}, {"生成人", c.GeneratedBy},
	})
	var sec sections
	b.heading(sec.next("抽检样本与评分"))
	rows := make([][]string, 0, len(c.Items))
	for i, it := range c.Items {
		verdict, score := "未评分", ""
		if it.Passed != nil {
			verdict = "不合格"
			if *it.Passed {
				verdict = "合格"
			}
			score = fmt.Sprintf("%d/%d", it.Total, it.Max)
		}
		rows = append(rows, []string{fmt.Sprint(i + 1), it.Number, it.Channel, it.Agent,
			it.At.In(b.loc).Format("01-02 15:04"), it.Summary, score, verdict})
	}
	b.table([]column{{"序号", 0.6, "C"}, {"需求编号", 1.6, ""}, {"渠道", 1, ""}, {"记录人", 0.9, ""},
		{"沟通时间", 1.1, ""}, {"沟通摘要", 3.2, ""}, {"得分", 0.8, "C"}, {"结论", 0.9, "C"}}, rows)
	b.heading(sec.next("评分明细"))
	var detail [][]string
	for i, it := range c.Items {
		if it.Passed == nil {
			continue
		}
		detail = append(detail, []string{fmt.Sprint(i + 1), it.Number, strings.Join(it.Scores, "；"), it.Comment})
	}
	if len(detail) == 0 {
		b.paragraph("本周样本尚未评分。", false)
	} else {
		b.table([]column{{"序号", 0.6, "C"}, {"需求编号", 1.6, ""}, {"各项得分", 4.5, ""}, {"评语", 3, ""}}, detail)
	}
	b.heading(sec.next("整改事项"))
	var rects [][]string
	for i, it := range c.Items {
		if it.RectStatus == "" {
			continue
		}
		status := "待整改"
		if it.RectStatus == "closed" {
			status = "已整改：" + it.RectAction
		}
		rects = append(rects, []string{fmt.Sprint(i + 1), it.Number, it.RectProblem, it.RectOwner, b.dayCN(it.RectDue), status})
	}
	if len(rects) == 0 {
		b.paragraph("本周没有整改事项。", false)
	} else {
		b.table([]column{{"序号", 0.6, "C"}, {"需求编号", 1.6, ""}, {"问题", 3, ""}, {"责任人", 1, ""},
			{"整改期限", 1.5, ""}, {"整改情况", 3, ""}}, rects)
	}
	return b.finish()
}
