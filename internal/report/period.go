package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Period is a stretch of days, cut in local time: [From, To).
type Period struct {
	Kind  string    `json:"kind"` // month, quarter, range
	Key   string    `json:"key"`  // 2026-10, 2026Q3, 2026-10-01~2026-10-15
	Label string    `json:"label"`
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
}

var (
	monthRE   = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	quarterRE = regexp.MustCompile(`^(\d{4})\s*-?\s*[Qq]([1-4])$`)
	yearRE    = regexp.MustCompile(`^(\d{4})$`)
)

func periodError(field string) error {
	var fe apperr.Fields
	fe.Add(field, "date_invalid")
	return fe.Err()
}

// Month is the calendar month of year y.
func Month(y int, m time.Month, loc *time.Location) Period {
	from := time.Date(y, m, 1, 0, 0, 0, 0, loc)
	return Period{Kind: "month", Key: from.Format("2006-01"), Label: fmt.Sprintf("%d年%d月", y, m),
		From: from, To: from.AddDate(0, 1, 0)}
}

// Quarter is quarter q (1-4) of year y.
func Quarter(y, q int, loc *time.Location) Period {
	from := time.Date(y, time.Month(3*(q-1)+1), 1, 0, 0, 0, 0, loc)
	return Period{Kind: "quarter", Key: fmt.Sprintf("%dQ%d", y, q), Label: fmt.Sprintf("%d年第%s季度", y, []string{"一", "二", "三", "四"}[q-1]),
		From: from, To: from.AddDate(0, 3, 0)}
}

// Year is the calendar year y: the period of the annual evaluation.
func Year(y int, loc *time.Location) Period {
	from := time.Date(y, 1, 1, 0, 0, 0, 0, loc)
	return Period{Kind: "year", Key: fmt.Sprint(y), Label: fmt.Sprintf("%d年", y), From: from, To: from.AddDate(1, 0, 0)}
}

// ParseYear reads "2026".
func ParseYear(s string, loc *time.Location) (Period, error) {
	m := yearRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Period{}, periodError("period")
	}
	y, _ := strconv.Atoi(m[1])
	if y < 2000 || y > 2100 {
		return Period{}, periodError("period")
	}
	return Year(y, loc), nil
}

// ParseMonth reads "2026-10".
func ParseMonth(s string, loc *time.Location) (Period, error) {
	m := monthRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Period{}, periodError("period")
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 || y < 2000 || y > 2100 {
		return Period{}, periodError("period")
	}
	return Month(y, time.Month(mo), loc), nil
}

// ParseQuarter reads "2026Q3" (also "2026-Q3", "2026q3").
func ParseQuarter(s string, loc *time.Location) (Period, error) {
	m := quarterRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return Period{}, periodError("period")
	}
	y, _ := strconv.Atoi(m[1])
	q, _ := strconv.Atoi(m[2])
	if y < 2000 || y > 2100 {
		return Period{}, periodError("period")
	}
	return Quarter(y, q, loc), nil
}

// ParseRange reads two days (YYYY-MM-DD), both included.
func ParseRange(from, to string, loc *time.Location) (Period, error) {
	var fe apperr.Fields
	f, err1 := time.ParseInLocation("2006-01-02", strings.TrimSpace(from), loc)
	t, err2 := time.ParseInLocation("2006-01-02", strings.TrimSpace(to), loc)
	if err1 != nil || f.Year() < 2000 || f.Year() > 2100 {
		fe.Add("from", "date_invalid")
	}
	if err2 != nil || t.Year() < 2000 || t.Year() > 2100 {
		fe.Add("to", "date_invalid")
	}
	if err := fe.Err(); err != nil {
		return Period{}, err
	}
	if t.Before(f) {
		fe.Add("to", "before_start")
		return Period{}, fe.Err()
	}
	key := f.Format("2006-01-02") + "~" + t.Format("2006-01-02")
	return Period{Kind: "range", Key: key, Label: f.Format("2006年1月2日") + "至" + t.Format("2006年1月2日"),
		From: f, To: t.AddDate(0, 0, 1)}, nil
}

// Parse reads any of the forms: a month, a quarter, or "from~to".
func Parse(s string, loc *time.Location) (Period, error) {
	s = strings.TrimSpace(s)
	switch {
	case monthRE.MatchString(s):
		return ParseMonth(s, loc)
	case quarterRE.MatchString(s):
		return ParseQuarter(s, loc)
	case strings.Contains(s, "~"):
		a, b, _ := strings.Cut(s, "~")
		return ParseRange(a, b, loc)
	}
	return Period{}, periodError("period")
}

// Previous is the period of the same kind just before p: the month before,
// the quarter before, or a range as long just before.
func (p Period) Previous() Period {
	loc := p.From.Location()
	switch p.Kind {
	case "month":
		f := p.From.AddDate(0, -1, 0)
		return Month(f.Year(), f.Month(), loc)
	case "quarter":
		f := p.From.AddDate(0, -3, 0)
		return Quarter(f.Year(), int(f.Month()-1)/3+1, loc)
	case "year":
		return Year(p.From.Year()-1, loc)
	}
	days := int(p.To.Sub(p.From).Hours()/24 + 0.5)
	from := p.From.AddDate(0, 0, -days)
	r, _ := ParseRange(from.Format("2006-01-02"), p.From.AddDate(0, 0, -1).Format("2006-01-02"), loc)
	return r
}

// YearEarlier is the same period one year before, the baseline relative
// targets are judged against.
func (p Period) YearEarlier() Period {
	loc := p.From.Location()
	switch p.Kind {
	case "month":
		return Month(p.From.Year()-1, p.From.Month(), loc)
	case "quarter":
		return Quarter(p.From.Year()-1, int(p.From.Month()-1)/3+1, loc)
	case "year":
		return Year(p.From.Year()-1, loc)
	}
	r, _ := ParseRange(p.From.AddDate(-1, 0, 0).Format("2006-01-02"), p.To.AddDate(-1, 0, -1).Format("2006-01-02"), loc)
	return r
}

// InProgress reports whether p has begun and not yet ended at now, and is
// not on its last day: its numbers cover only its first days so far.
func (p Period) InProgress(now time.Time) bool {
	return p.Contains(now) && p.daysTo(now) < p.days()
}

// days is how many calendar days p has.
func (p Period) days() int { return int(p.To.Sub(p.From).Hours()/24 + 0.5) }

// daysTo is how many of p's days have begun at now, today included.
func (p Period) daysTo(now time.Time) int {
	d := now.In(p.From.Location())
	end := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, p.From.Location()).AddDate(0, 0, 1)
	return int(end.Sub(p.From).Hours()/24 + 0.5)
}

// Comparisons are the periods p is compared with at now: the previous
// period and the same period a year earlier. While p is in progress, only
// as many of their first days as p has had so far, today included (the
// 1st to the 3rd of last month for a month on its 3rd day), so that a
// month just begun is not set against a whole month.
func (p Period) Comparisons(now time.Time) (previous, yearEarlier Period) {
	previous, yearEarlier = p.Previous(), p.YearEarlier()
	if !p.InProgress(now) {
		return previous, yearEarlier
	}
	n := p.daysTo(now)
	return previous.FirstDays(n), yearEarlier.FirstDays(n)
}

// FirstDays is the range of p's first n days (p itself when it has no
// more), labelled like "2026年11月1日至3日".
func (p Period) FirstDays(n int) Period {
	if n >= p.days() {
		return p
	}
	loc := p.From.Location()
	last := p.From.AddDate(0, 0, n-1)
	r, _ := ParseRange(p.From.Format("2006-01-02"), last.Format("2006-01-02"), loc)
	if last.Year() == p.From.Year() && last.Month() == p.From.Month() {
		r.Label = p.From.Format("2006年1月2日") + "至" + last.Format("2日")
	}
	return r
}

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// Months are the calendar months the period touches, at most the last n.
func (p Period) Months(n int) []Period {
	loc := p.From.Location()
	var out []Period
	last := p.To.Add(-time.Nanosecond).In(loc)
	m := Month(last.Year(), last.Month(), loc)
	for i := 0; i < n; i++ {
		out = append([]Period{m}, out...)
		m = m.Previous()
	}
	return out
}

// ParseFor reads a report's period by its kind: a month (2026-10) for the
// monthly report, a quarter (2026Q3) for the quarterly one, a month or a
// quarter for the communication diagnosis, a year (2026) for the annual
// evaluation.
func ParseFor(kind, period string, loc *time.Location) (Period, error) {
	switch kind {
	case KindMonthly:
		return ParseMonth(period, loc)
	case KindQuarterly:
		return ParseQuarter(period, loc)
	case KindDiagnosis:
		if quarterRE.MatchString(strings.TrimSpace(period)) {
			return ParseQuarter(period, loc)
		}
		return ParseMonth(period, loc)
	case KindAnnual:
		return ParseYear(period, loc)
	}
	var fe apperr.Fields
	fe.Add("kind", "not_in_list")
	return Period{}, fe.Err()
}
