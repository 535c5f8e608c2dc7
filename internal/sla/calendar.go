package sla

import (
	"fmt"
	"slices"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// MinutesPerDay is the end of the last possible interval (24:00).
const MinutesPerDay = 24 * 60

// Interval is a stretch of working time within a day, from Start up to but
// not including End, both in minutes since midnight (0–1440).
type Interval struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// String returns the interval as "09:00-12:00".
func (iv Interval) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", iv.Start/60, iv.Start%60, iv.End/60, iv.End%60)
}

// Hours are the working hours: per weekday (indexed by time.Weekday, so
// Week[0] is Sunday) and on make-up working days.
type Hours struct {
	Week   [7][]Interval `json:"week"`
	MakeUp []Interval    `json:"makeUp"`
}

// DefaultHours returns the usual office hours of the companies this app is
// for: Monday to Friday 09:00–12:00 and 13:30–18:00, the same on make-up
// working days.
func DefaultHours() Hours {
	day := func() []Interval { return []Interval{{9 * 60, 12 * 60}, {13*60 + 30, 18 * 60}} }
	var h Hours
	for wd := range h.Week {
		h.Week[wd] = []Interval{}
	}
	for wd := time.Monday; wd <= time.Friday; wd++ {
		h.Week[wd] = day()
	}
	h.MakeUp = day()
	return h
}

// maxIntervals bounds the stretches of one day; more than this is a mistake.
const maxIntervals = 12

var weekdayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// Validate checks every day's intervals: within 00:00–24:00, end after
// start, no overlaps; and that some weekday has working hours, without which
// the working clock would never run. Field keys are "week.mon.0",
// "makeUp.1" and so on.
func (h Hours) Validate() error {
	var fe apperr.Fields
	h.validate(&fe)
	return fe.Err()
}

func (h Hours) validate(fe *apperr.Fields) {
	working := false
	for wd, ivs := range h.Week {
		validateIntervals(fe, "week."+weekdayKeys[wd], ivs)
		working = working || len(ivs) > 0
	}
	if !working {
		fe.Add("week", "no_working_hours")
	}
	validateIntervals(fe, "makeUp", h.MakeUp)
}

func validateIntervals(fe *apperr.Fields, field string, ivs []Interval) {
	if len(ivs) > maxIntervals {
		fe.AddParams(field, "too_many", map[string]any{"max": maxIntervals})
		return
	}
	order := make([]int, 0, len(ivs))
	for i, iv := range ivs {
		f := fmt.Sprintf("%s.%d", field, i)
		switch {
		case iv.Start < 0 || iv.Start > MinutesPerDay || iv.End < 0 || iv.End > MinutesPerDay:
			fe.Add(f, "interval_range")
		case iv.End <= iv.Start:
			fe.Add(f, "end_before_start")
		default:
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int { return ivs[a].Start - ivs[b].Start })
	for k := 1; k < len(order); k++ {
		if ivs[order[k]].Start < ivs[order[k-1]].End {
			fe.Add(fmt.Sprintf("%s.%d", field, max(order[k], order[k-1])), "overlap")
		}
	}
}

// normalize sorts valid intervals and joins those that touch, so that
// arithmetic never sees a zero-length gap.
func normalize(ivs []Interval) []Interval {
	out := slices.Clone(ivs)
	slices.SortFunc(out, func(a, b Interval) int { return a.Start - b.Start })
	j := 0
	for _, iv := range out {
		if j > 0 && iv.Start <= out[j-1].End {
			out[j-1].End = max(out[j-1].End, iv.End)
			continue
		}
		out[j] = iv
		j++
	}
	return out[:j]
}

// DayKind says what kind of day a date is.
type DayKind string

// Kinds of days.
const (
	KindWorkday DayKind = "workday" // an ordinary day with weekly working hours
	KindRest    DayKind = "rest"    // an ordinary day without working hours, such as a weekend
	KindHoliday DayKind = "holiday" // a day off in a holiday schedule (放假)
	KindMakeUp  DayKind = "makeup"  // a weekend day the schedule makes a working day (调休上班)
)

// Day describes one date of a calendar, as a month view shows it.
type Day struct {
	Date  Date       `json:"date"`
	Kind  DayKind    `json:"kind"`
	Name  string     `json:"name,omitempty"` // the festival, for holidays and make-up days
	Hours []Interval `json:"hours"`
}

// plan is one kind of day's working hours with their total length.
type plan struct {
	ivs   []Interval
	total int64 // nanoseconds, ignoring any clock change within the day
}

func newPlan(ivs []Interval) *plan {
	p := &plan{ivs: normalize(ivs)}
	for _, iv := range p.ivs {
		p.total += int64(iv.End-iv.Start) * nsPerMinute
	}
	return p
}

const (
	kindNone uint8 = iota
	kindOff
	kindWork
)

type dayEntry struct {
	kind uint8
	name uint16 // index into Calendar.names
}

// Calendar is a validated working calendar in one location: weekly hours
// plus the holiday schedules of the years it knows. It is immutable and safe
// for concurrent use.
type Calendar struct {
	loc       *time.Location
	week      [7]*plan
	makeUp    *plan
	off       *plan // a holiday: no hours
	schedules []Schedule
	first     int64      // day number of days[0]
	days      []dayEntry // one per date from first on, covering every scheduled date
	names     []string
}

// New builds a calendar in loc (the laptop's local zone in the app) from
// working hours and holiday schedules, typically
// MergeSchedules(ChinaSchedules(), userSchedules). It validates everything
// and reports problems as an invalid error with field keys such as
// "location", "week.mon.1" or "schedules.2.holidays.0.work.1".
func New(loc *time.Location, hours Hours, schedules []Schedule) (*Calendar, error) {
	var fe apperr.Fields
	if loc == nil {
		fe.Add("location", "required")
	}
	hours.validate(&fe)
	years := map[int]bool{}
	for i, s := range schedules {
		prefix := fmt.Sprintf("schedules.%d.", i)
		s.validate(&fe, prefix)
		if years[s.Year] {
			fe.Add(prefix+"year", "duplicate")
		}
		years[s.Year] = true
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	c := &Calendar{loc: loc, makeUp: newPlan(hours.MakeUp), off: &plan{}}
	for wd := range c.week {
		c.week[wd] = newPlan(hours.Week[wd])
	}
	if err := c.index(schedules); err != nil {
		return nil, err
	}
	for _, s := range schedules {
		c.schedules = append(c.schedules, s.clone())
	}
	slices.SortFunc(c.schedules, func(a, b Schedule) int { return a.Year - b.Year })
	return c, nil
}

// index lays the schedules' dates out in a slice by day number, so a lookup
// is an index operation. Schedules of neighbouring years may both name a
// late-December date; they must agree on whether it is off or worked.
func (c *Calendar) index(schedules []Schedule) error {
	if len(schedules) == 0 {
		return nil
	}
	lo, hi := int64(1<<62), int64(-1<<62)
	for _, s := range schedules {
		for _, h := range s.Holidays {
			lo, hi = min(lo, h.From.days()), max(hi, h.To.days())
			for _, w := range h.Work {
				lo, hi = min(lo, w.days()), max(hi, w.days())
			}
		}
	}
	c.first = lo
	c.days = make([]dayEntry, hi-lo+1)
	var fe apperr.Fields
	set := func(field string, n int64, kind uint8, name uint16) {
		e := &c.days[n-lo]
		switch e.kind {
		case kindNone:
			*e = dayEntry{kind, name}
		case kind:
		default:
			fe.AddParams(field, "conflict", map[string]any{"date": dateOfDays(n).String()})
		}
	}
	for k, s := range schedules {
		prefix := fmt.Sprintf("schedules.%d.holidays.", k)
		for i, h := range s.Holidays {
			name := c.nameIndex(h.Name)
			from := fmt.Sprintf("%s%d.from", prefix, i)
			for n := h.From.days(); n <= h.To.days(); n++ {
				set(from, n, kindOff, name)
			}
			for j, w := range h.Work {
				set(fmt.Sprintf("%s%d.work.%d", prefix, i, j), w.days(), kindWork, name)
			}
		}
	}
	return fe.Err()
}

func (c *Calendar) nameIndex(name string) uint16 {
	if i := slices.Index(c.names, name); i >= 0 {
		return uint16(i)
	}
	c.names = append(c.names, name)
	return uint16(len(c.names) - 1)
}

// Location returns the zone the calendar works in.
func (c *Calendar) Location() *time.Location { return c.loc }

// Hours returns the calendar's working hours, sorted, with touching
// intervals joined.
func (c *Calendar) Hours() Hours {
	h := Hours{MakeUp: cloneIntervals(c.makeUp.ivs)}
	for wd := range h.Week {
		h.Week[wd] = cloneIntervals(c.week[wd].ivs)
	}
	return h
}

// cloneIntervals copies a day's hours; an empty day is an empty list, not
// nil, so that JSON shows [] rather than null.
func cloneIntervals(ivs []Interval) []Interval {
	return append([]Interval{}, ivs...)
}

func (c *Calendar) entry(n int64) dayEntry {
	if i := n - c.first; i >= 0 && i < int64(len(c.days)) {
		return c.days[i]
	}
	return dayEntry{}
}

// plan returns the working hours of day number n.
func (c *Calendar) plan(n int64) *plan {
	switch c.entry(n).kind {
	case kindOff:
		return c.off
	case kindWork:
		return c.makeUp
	}
	return c.week[weekdayOf(n)]
}

// Day describes date d: its kind, the festival it belongs to, and its
// working hours.
func (c *Calendar) Day(d Date) Day {
	n := d.days()
	e := c.entry(n)
	out := Day{Date: d, Hours: cloneIntervals(c.plan(n).ivs)}
	switch e.kind {
	case kindOff:
		out.Kind, out.Name = KindHoliday, c.names[e.name]
	case kindWork:
		out.Kind, out.Name = KindMakeUp, c.names[e.name]
	default:
		out.Kind = KindRest
		if len(out.Hours) > 0 {
			out.Kind = KindWorkday
		}
	}
	return out
}

// Schedule returns the holiday schedule the calendar uses for year, for
// display or export.
func (c *Calendar) Schedule(year int) (Schedule, bool) {
	i := slices.IndexFunc(c.schedules, func(s Schedule) bool { return s.Year == year })
	if i < 0 {
		return Schedule{}, false
	}
	return c.schedules[i].clone(), true
}
