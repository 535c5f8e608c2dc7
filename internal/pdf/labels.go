package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/request"
)

// The Chinese words printed for the stored codes.
var (
	urgencyNames = map[request.Urgency]string{
		request.UrgencyUrgent: "紧急", request.UrgencyImportant: "重要",
		request.UrgencyNormal: "一般", request.UrgencyPotential: "潜在",
	}
	scopeNames = map[request.ImpactScope]string{
		request.ImpactSingle: "单客户/局部场景", request.ImpactMulti: "多客户/通用场景",
		request.ImpactBusinessLine: "全业务线",
	}
	taskStatusNames   = map[string]string{"todo": "未开始", "doing": "进行中", "done": "已完成", "cancelled": "已取消"}
	reviewResultNames = map[string]string{"pass": "通过", "revise": "需修改", "reject": "不通过"}
	memberRoleNames   = map[string]string{"lead": "组长", "member": "组员"}
	subStatusNames    = map[string]string{"open": "进行中", "done": "已完成"}
	methodNames       = map[string]string{"phone": "电话回访", "questionnaire": "问卷", "paper": "纸质调查表",
		"onsite": "现场回访", "other": "其他"}
	pathNames   = map[request.Path]string{request.PathFull: "完整流程", request.PathShort: "简易流程"}
	actionNames = map[request.Action]string{
		request.ActTriage: "分类定级", request.ActAssign: "分配负责人", request.ActStart: "开始处理",
		request.ActAskAnalysisOK: "提交客户确认分析", request.ActAnalysisOK: "客户确认分析",
		request.ActAnalysisChanges: "客户要求修改分析", request.ActSubmitReview: "提交内部评审",
		request.ActRevisePlan: "退回修订方案", request.ActAskApproval: "提交审批", request.ActApprove: "总经理批准",
		request.ActDecline: "审批退回", request.ActPlanOK: "客户确认方案", request.ActPlanChanges: "客户要求变更方案",
		request.ActDeliver: "交付", request.ActAccept: "客户验收通过", request.ActGiveResult: "出具处理结果说明",
		request.ActSendResult: "结果已告知客户", request.ActReopen: "重新处理", request.ActArchive: "归档",
		request.ActHold: "暂不可执行", request.ActResume: "恢复执行", request.ActReject: "判定无效",
		request.ActCancel: "取消", request.ActReturnToTriage: "退回重新分类", request.ActSwitchToFullPath: "转为完整流程",
	}
)

// name looks a code up, printing the code itself when it has no name.
func name[K ~string](m map[K]string, k K) string {
	if v, ok := m[k]; ok {
		return v
	}
	return string(k)
}

// dateCN prints a time's date in the company's zone the Chinese way:
// 2024年3月15日.
func (b *builder) dateCN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(b.loc)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// dayCN prints a stored date (YYYY-MM-DD, or a time in RFC 3339) the
// Chinese way, or the text as is when it is neither.
func (b *builder) dayCN(s string) string {
	if t, err := time.ParseInLocation("2006-01-02", s, b.loc); err == nil {
		return b.dateCN(t)
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return b.dateCN(t)
	}
	return s
}

// dayISO prints a stored date as YYYY-MM-DD, compact enough for a table
// column; other text passes as is.
func (b *builder) dayISO(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(b.loc).Format("2006-01-02")
	}
	return s
}

// minuteCN prints a time's date and minute in the company's zone:
// 2024-03-15 09:00.
func (b *builder) minuteCN(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(b.loc).Format("2006-01-02 15:04")
}

// yuan prints an amount of money: ¥12,800.00.
func yuan(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := "¥" + b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	return out
}

// period prints a from–to range of stored dates.
func (b *builder) period(from, to string) string {
	switch {
	case from == "" && to == "":
		return ""
	case from == "":
		return "至 " + b.dayCN(to)
	case to == "":
		return b.dayCN(from) + " 起"
	}
	return b.dayCN(from) + " 至 " + b.dayCN(to)
}

// chineseNumber gives the ordinals of section headings: 一 … 二十.
func chineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n == 10:
		return "十"
	case n < 20:
		return "十" + digits[n-10]
	case n < 100 && n%10 == 0:
		return digits[n/10] + "十"
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return strconv.Itoa(n)
}

// sections numbers headings 一、二、三、… in the order they are drawn.
type sections struct{ n int }

func (s *sections) next(title string) string {
	s.n++
	return chineseNumber(s.n) + "、" + title
}

// issuerTexts writes a report's two closing sections: the problems (the
// findings made from the numbers, then the issuer's text, or clean when
// there is neither) and the measures the issuer wrote under measuresTitle.
func (b *builder) issuerTexts(sec *sections, problemsTitle string, findings []string, problems, clean, measuresTitle, measures string) {
	b.heading(sec.next(problemsTitle))
	for _, f := range findings {
		b.paragraphAt(marginX, b.width(), "· "+f, sizeBody, false)
	}
	text := strings.TrimSpace(problems)
	if text == "" && len(findings) == 0 {
		text = clean
	}
	if text != "" {
		b.paragraph(text, true)
	}
	b.heading(sec.next(measuresTitle))
	if measures = strings.TrimSpace(measures); measures == "" {
		measures = "（尚未填写" + measuresTitle + "）"
	}
	b.paragraph(measures, true)
}

// UrgencyName is the Chinese word printed for an urgency: 紧急, 重要, 一般, 潜在.
func UrgencyName(u request.Urgency) string { return name(urgencyNames, u) }
