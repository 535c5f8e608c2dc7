package xlsx

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/reqdesk/reqdesk/internal/request"
)

// urgencyNames are the urgencies as the registration table writes them.
var urgencyNames = map[request.Urgency]string{
	request.UrgencyUrgent: "紧急", request.UrgencyImportant: "重要",
	request.UrgencyNormal: "一般", request.UrgencyPotential: "潜在",
}

// urgencyWords maps what tables write in the urgency column to the
// urgency. The short table's 高/中/低 become 紧急/重要/一般: its example
// (XR-2024-001 … 中) is a routine consultation of the kind manual 001 calls
// 重要 at most, and reading 高 as anything below 紧急 would lose urgency.
var urgencyWords = map[string]request.Urgency{
	"紧急": request.UrgencyUrgent, "高": request.UrgencyUrgent, "急": request.UrgencyUrgent,
	"特急": request.UrgencyUrgent, "非常紧急": request.UrgencyUrgent, "紧急且重要": request.UrgencyUrgent,
	"重要": request.UrgencyImportant, "中": request.UrgencyImportant, "较高": request.UrgencyImportant,
	"较急": request.UrgencyImportant,
	"一般": request.UrgencyNormal, "低": request.UrgencyNormal, "普通": request.UrgencyNormal,
	"正常": request.UrgencyNormal, "不紧急": request.UrgencyNormal,
	"潜在":     request.UrgencyPotential,
	"urgent": request.UrgencyUrgent, "high": request.UrgencyUrgent,
	"important": request.UrgencyImportant, "medium": request.UrgencyImportant,
	"normal": request.UrgencyNormal, "low": request.UrgencyNormal,
	"potential": request.UrgencyPotential,
}

// scopeNames are the impact scopes as the process documents name them.
var scopeNames = map[request.ImpactScope]string{
	request.ImpactSingle: "单客户/局部场景", request.ImpactMulti: "多客户/通用场景",
	request.ImpactBusinessLine: "全业务线",
}

var scopeWords = map[string]request.ImpactScope{
	"单客户/局部场景": request.ImpactSingle, "单客户": request.ImpactSingle, "局部场景": request.ImpactSingle,
	"局部": request.ImpactSingle, "single": request.ImpactSingle,
	"多客户/通用场景": request.ImpactMulti, "多客户": request.ImpactMulti, "通用场景": request.ImpactMulti,
	"通用": request.ImpactMulti, "multi": request.ImpactMulti,
	"全业务线": request.ImpactBusinessLine, "全部业务线": request.ImpactBusinessLine,
	"business_line": request.ImpactBusinessLine,
}

// statusWords maps what tables write in the status column to a status:
// every status's Chinese name and code, and the words tables commonly use.
// 处理中 is the short path's handling; 已完成 and its kin mean the request is
// done with and become archived.
var statusWords = func() map[string]request.Status {
	m := map[string]request.Status{
		"待处理": request.StatusRegistered, "未处理": request.StatusRegistered, "新建": request.StatusRegistered,
		"登记": request.StatusRegistered, "已接收": request.StatusRegistered, "待分配": request.StatusRegistered,
		"分类":  request.StatusTriaged,
		"已指派": request.StatusAssigned,
		"分析中": request.StatusAnalysis, "需求分析": request.StatusAnalysis,
		"跟进中": request.StatusHandling, "进行中": request.StatusHandling, "处理中": request.StatusHandling,
		"实施": request.StatusImplementation, "开发中": request.StatusImplementation,
		"已完成": request.StatusArchived, "完成": request.StatusArchived, "已解决": request.StatusArchived,
		"已处理": request.StatusArchived, "已关闭": request.StatusArchived, "关闭": request.StatusArchived,
		"归档": request.StatusArchived, "已结案": request.StatusArchived,
		"暂缓": request.StatusOnHold, "暂停": request.StatusOnHold, "挂起": request.StatusOnHold,
		"暂不执行": request.StatusOnHold,
		"已拒绝":  request.StatusRejected, "拒绝": request.StatusRejected, "重复": request.StatusRejected,
		"取消": request.StatusCancelled,
	}
	for _, s := range request.Statuses {
		m[headerKey(s.Name())] = s
		m[string(s)] = s
	}
	return m
}()

// statusChoices is what the status column's dropdown and messages offer.
func statusChoices() []string {
	out := make([]string, len(request.Statuses))
	for i, s := range request.Statuses {
		out[i] = s.Name()
	}
	return out
}

// wordKey is the form in which a cell's word is looked up: folded, without
// spaces, lower-cased (headerKey's rules).
func wordKey(s string) string { return headerKey(s) }

func parseUrgency(s string) (request.Urgency, bool) {
	u, ok := urgencyWords[wordKey(s)]
	return u, ok
}

func parseScope(s string) (request.ImpactScope, bool) {
	sc, ok := scopeWords[wordKey(s)]
	return sc, ok
}

func parseStatus(s string) (request.Status, bool) {
	st, ok := statusWords[wordKey(s)]
	return st, ok
}

// dateText matches the dates people type: 2024-03-15, 2024/3/15, 2024.3.15,
// each with an optional time of hours, minutes and seconds.
var dateText = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2})(?::(\d{1,2}))?(?::(\d{1,2})(?:\.\d+)?)?)?$`)

// parseDate reads a cell of the received column: an Excel serial number
// (what a date cell holds), or text in the common Chinese forms
// (2024-03-15, 2024/3/15, 2024年3月15日, 2024年3月15日 14时30分, with 上午
// and 下午), or 20240315. Times without a zone (all but RFC 3339 text) are
// in zone, the company's time zone, whatever the computer's is.
func parseDate(raw string, date1904 bool, zone *time.Location) (time.Time, bool) {
	s := strings.TrimSpace(width.Fold.String(raw))
	if s == "" {
		return time.Time{}, false
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		if len(s) == 8 && !strings.ContainsAny(s, ".eE+-") {
			if t, ok := ymd(s[:4], s[4:6], s[6:], "", "", "", zone); ok {
				return t, true
			}
		}
		return fromSerial(v, date1904, zone)
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", s, zone); err == nil {
		return t, true
	}
	pm, am := strings.Contains(s, "下午") || strings.Contains(s, "晚上"), strings.Contains(s, "上午") || strings.Contains(s, "早上")
	s = strings.NewReplacer("上午", " ", "下午", " ", "晚上", " ", "早上", " ", "中午", " ",
		"年", "-", "月", "-", "日", " ", "号", " ", "时", ":", "点", ":", "分", ":", "秒", "").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRight(s, ":")
	// "2024-3-15 14:" after 时 with no minutes
	m := dateText.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, false
	}
	t, ok := ymd(m[1], m[2], m[3], m[4], m[5], m[6], zone)
	if !ok {
		return t, false
	}
	if pm && t.Hour() < 12 {
		t = t.Add(12 * time.Hour)
	}
	if am && t.Hour() == 12 {
		t = t.Add(-12 * time.Hour)
	}
	return t, true
}

// ymd builds a time in zone from its parts, refusing dates that do not
// exist (2月30日) rather than rolling them over.
func ymd(y, mo, d, h, mi, sec string, zone *time.Location) (time.Time, bool) {
	n := func(s string) int {
		if s == "" {
			return 0
		}
		v, err := strconv.Atoi(s)
		if err != nil {
			return -1
		}
		return v
	}
	yy, mm, dd, hh, mn, ss := n(y), n(mo), n(d), n(h), n(mi), n(sec)
	if yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > 31 || hh < 0 || hh > 23 || mn < 0 || mn > 59 || ss < 0 || ss > 59 {
		return time.Time{}, false
	}
	t := time.Date(yy, time.Month(mm), dd, hh, mn, ss, 0, zone)
	if t.Day() != dd || t.Month() != time.Month(mm) {
		return time.Time{}, false
	}
	return t, true
}

// fromSerial turns an Excel serial date, a wall-clock time without a zone,
// into that time in zone, to the second. Serial 1 is 1900-01-01 (or
// 1904-01-02 in the 1904 system); Excel counts a 29 February 1900 that
// never was, so later serials start a day earlier.
func fromSerial(v float64, date1904 bool, zone *time.Location) (time.Time, bool) {
	if math.IsNaN(v) || v < 1 || v > 2958465 { // 9999-12-31
		return time.Time{}, false
	}
	days := math.Floor(v)
	secs := math.Round((v - days) * 86400)
	if secs >= 86400 {
		days, secs = days+1, 0
	}
	var base time.Time
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	case days >= 61:
		base = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	default:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	d := base.AddDate(0, 0, int(days))
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, int(secs), 0, zone), true
}

// toSerial is fromSerial's inverse, for cells written as Excel dates: t's
// wall clock in zone.
func toSerial(t time.Time, zone *time.Location) float64 {
	t = t.In(zone)
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := math.Round(day.Sub(base).Hours() / 24)
	secs := float64(t.Hour()*3600 + t.Minute()*60 + t.Second())
	return days + secs/86400
}

// cleanText trims a cell's text; it keeps everything inside as written.
func cleanText(s string) string {
	return strings.TrimSpace(s)
}

// foldText is for cells that hold codes and numbers, not prose: full-width
// letters, digits and spaces become half-width, and the cell is trimmed.
func foldText(s string) string {
	return strings.TrimSpace(width.Fold.String(s))
}

// ParseStatus reads a status as tables and people write it: its Chinese
// name, its code or a common word for it (待处理, 处理中, 已完成 …).
func ParseStatus(s string) (request.Status, bool) { return parseStatus(s) }

// ParseUrgency reads an urgency: 紧急/重要/一般/潜在, 高/中/低, or its code.
func ParseUrgency(s string) (request.Urgency, bool) { return parseUrgency(s) }
