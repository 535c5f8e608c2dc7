package sla

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// The arithmetic works on instants as Unix nanoseconds and on dates as day
// numbers, turning one into the other through zone. It walks day by day and
// interval by interval, never minute by minute.

const (
	nsPerSecond = int64(time.Second)
	nsPerMinute = int64(time.Minute)
	secPerDay   = int64(24 * 60 * 60)
	nsPerDay    = secPerDay * nsPerSecond
	unbounded   = int64(1) << 62
	open        = int64(math.MaxInt64) // the end of a pause that has not ended

	// maxWalkDays stops a walk that could only be endless through a bug;
	// validated limits and calendars stay far below it.
	maxWalkDays = 200 * 366
)

// Instants the arithmetic accepts: well inside the range of UnixNano.
var (
	minInstant = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	maxInstant = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// zone converts between instants and wall-clock positions in one location.
// Within a stretch of constant UTC offset (the whole range for China since
// 1991) it uses plain arithmetic; near an offset change it asks time.Date,
// which applies the location's rules, and re-learns the stretch from there.
type zone struct {
	loc    *time.Location
	offset int64 // seconds east of UTC within [lo, hi)
	lo, hi int64 // Unix seconds, a day inside the stretch's true bounds
}

func newZone(loc *time.Location, ns int64) *zone {
	z := &zone{loc: loc}
	z.learn(time.Unix(0, ns).In(loc))
	return z
}

func (z *zone) learn(t time.Time) {
	_, off := t.Zone()
	z.offset = int64(off)
	start, end := t.ZoneBounds()
	z.lo, z.hi = -unbounded, unbounded
	// The day's margin keeps wall times that a change makes ambiguous or
	// impossible on the slow path.
	if !start.IsZero() {
		z.lo = start.Unix() + secPerDay
	}
	if !end.IsZero() {
		z.hi = end.Unix() - secPerDay
	}
}

// fixed reports whether all of day n lies in the known stretch.
func (z *zone) fixed(n int64) bool {
	mid := n*secPerDay - z.offset
	return mid >= z.lo && mid+secPerDay <= z.hi
}

// at returns the instant of wall-clock time wall (nanoseconds after
// midnight; 24:00 allowed) on day n.
func (z *zone) at(n, wall int64) int64 {
	if z.fixed(n) {
		return (n*secPerDay-z.offset)*nsPerSecond + wall
	}
	y, m, d := civilFromDays(n)
	t := time.Date(int(y), time.Month(m), d, 0, 0, 0, int(wall), z.loc)
	z.learn(t)
	return t.UnixNano()
}

// dayOf returns the day number of the date instant ns falls on, and its
// wall-clock time on that day in nanoseconds after midnight.
func (z *zone) dayOf(ns int64) (n, wall int64) {
	if sec := floorDiv(ns, nsPerSecond); sec >= z.lo && sec < z.hi {
		local := ns + z.offset*nsPerSecond
		n = floorDiv(local, nsPerDay)
		return n, local - n*nsPerDay
	}
	t := time.Unix(0, ns).In(z.loc)
	z.learn(t)
	y, m, d := t.Date()
	h, mi, s := t.Clock()
	return daysFromCivil(int64(y), int(m), d), int64(h*3600+mi*60+s)*nsPerSecond + int64(t.Nanosecond())
}

func (z *zone) time(ns int64) time.Time { return time.Unix(0, ns).In(z.loc) }

// stretch returns the instants of interval iv on day n.
func (z *zone) stretch(n int64, iv Interval) (int64, int64) {
	return z.at(n, int64(iv.Start)*nsPerMinute), z.at(n, int64(iv.End)*nsPerMinute)
}

// span is a pause as instants; to is open while it lasts.
type span struct{ from, to int64 }

// pauseSpans validates pauses and returns their union, sorted.
func pauseSpans(fe *apperr.Fields, pauses []Pause) []span {
	out := make([]span, 0, len(pauses))
	for i, p := range pauses {
		f := fmt.Sprintf("pauses.%d.", i)
		if !inRange(fe, f+"from", p.From) {
			continue
		}
		to := open
		if !p.Open() {
			if !inRange(fe, f+"to", p.To) {
				continue
			}
			if p.To.Before(p.From) {
				fe.Add(f+"to", "end_before_start")
				continue
			}
			to = p.To.UnixNano()
		}
		if from := p.From.UnixNano(); from < to {
			out = append(out, span{from, to})
		}
	}
	slices.SortFunc(out, func(a, b span) int {
		switch {
		case a.from < b.from:
			return -1
		case a.from > b.from:
			return 1
		}
		return 0
	})
	j := 0
	for _, s := range out {
		if j > 0 && s.from <= out[j-1].to {
			out[j-1].to = max(out[j-1].to, s.to)
			continue
		}
		out[j] = s
		j++
	}
	return out[:j]
}

func inRange(fe *apperr.Fields, field string, t time.Time) bool {
	switch {
	case t.IsZero():
		fe.Add(field, "required")
	case t.Before(minInstant) || !t.Before(maxInstant):
		fe.AddParams(field, "out_of_range", map[string]any{"min": 1900, "max": 2199})
	default:
		return true
	}
	return false
}

// Due returns the moment a limit expires for a request whose clock starts at
// start: the earliest moment at which the limit's clock, stopped during
// pauses, has counted Allowance(start, lim). The package doc gives the rules.
// It returns the zero time, and no error, when an open pause stops the clock
// before the allowance is used up: there is no due moment until the pause
// ends. The result is in the calendar's location.
func (c *Calendar) Due(start time.Time, lim Limit, pauses []Pause) (time.Time, error) {
	var fe apperr.Fields
	lim.validate(&fe)
	inRange(&fe, "start", start)
	ps := pauseSpans(&fe, pauses)
	if err := fe.Err(); err != nil {
		return time.Time{}, err
	}
	s := start.UnixNano()
	z := newZone(c.loc, s)
	target, allowance := c.target(z, s, lim)
	if allowance == 0 {
		return z.time(s), nil
	}
	if len(ps) == 0 {
		return z.time(target), nil
	}
	var due int64
	var ok bool
	if lim.Clock == ClockWorking {
		due, ok = c.advance(z, s, allowance, ps)
	} else {
		due, ok = advanceWall(s, allowance, ps)
	}
	if !ok {
		return time.Time{}, nil
	}
	return z.time(due), nil
}

// Allowance returns the clock time lim grants from start: the amount itself
// for minutes and hours, and for days the working (or, on the 24x7 clock,
// wall) time from start to the due moment the days rule gives without
// pauses. A request has used up its limit when Elapsed reaches it; the
// remaining time is the allowance minus what has elapsed.
func (c *Calendar) Allowance(start time.Time, lim Limit) (time.Duration, error) {
	var fe apperr.Fields
	lim.validate(&fe)
	inRange(&fe, "start", start)
	if err := fe.Err(); err != nil {
		return 0, err
	}
	s := start.UnixNano()
	_, w := c.target(newZone(c.loc, s), s, lim)
	return time.Duration(w), nil
}

// target returns the due moment of lim from s without pauses and the
// allowance, the clock time between the two.
func (c *Calendar) target(z *zone, s int64, lim Limit) (due, allowance int64) {
	n := int64(lim.Amount)
	switch {
	case n == 0:
		return s, 0
	case lim.Unit == UnitDays && lim.Clock == ClockWorking:
		due = c.addWorkingDays(z, s, n)
		return due, c.working(z, s, due)
	case lim.Unit == UnitDays:
		t := z.time(s)
		due = t.AddDate(0, 0, int(n)).UnixNano()
		return due, due - s
	}
	allowance = n * nsPerMinute
	switch lim.Unit {
	case UnitHours:
		allowance = n * int64(time.Hour)
	case UnitSeconds:
		allowance = n * int64(time.Second)
	}
	if lim.Clock == ClockWorking {
		due, _ = c.advance(z, s, allowance, nil)
		return due, allowance
	}
	return s + allowance, allowance
}

// firstWorking returns the first working moment at or after s and its day.
func (c *Calendar) firstWorking(z *zone, s int64) (int64, int64) {
	n, _ := z.dayOf(s)
	for range maxWalkDays {
		for _, iv := range c.plan(n).ivs {
			if from, to := z.stretch(n, iv); s < to {
				return max(from, s), n
			}
		}
		n++
	}
	panic("sla: no working time within 200 years; Hours.validate must prevent this")
}

// addWorkingDays applies the working-days rule of the package doc.
func (c *Calendar) addWorkingDays(z *zone, s, days int64) int64 {
	first, n := c.firstWorking(z, s)
	_, wall := z.dayOf(first)
	for k := int64(0); k < days; {
		n++
		if len(c.plan(n).ivs) > 0 {
			k++
		}
	}
	want := z.at(n, wall)
	ivs := c.plan(n).ivs
	for i, iv := range ivs {
		from, to := z.stretch(n, iv)
		if want <= from {
			// Before this stretch (or at its start): the same amount of
			// working time has passed at the end of the previous stretch.
			if i > 0 {
				return z.at(n, int64(ivs[i-1].End)*nsPerMinute)
			}
			p := n - 1
			for len(c.plan(p).ivs) == 0 {
				p--
			}
			last := c.plan(p).ivs
			return z.at(p, int64(last[len(last)-1].End)*nsPerMinute)
		}
		if want < to {
			return want
		}
	}
	return z.at(n, int64(ivs[len(ivs)-1].End)*nsPerMinute)
}

// working returns the working time between instants a and b.
func (c *Calendar) working(z *zone, a, b int64) int64 {
	if b <= a {
		return 0
	}
	na, _ := z.dayOf(a)
	nb, _ := z.dayOf(b)
	var sum int64
	for n := na; n <= nb; n++ {
		p := c.plan(n)
		if len(p.ivs) == 0 {
			continue
		}
		if n > na && n < nb && z.fixed(n) {
			sum += p.total
			continue
		}
		for _, iv := range p.ivs {
			from, to := z.stretch(n, iv)
			if lo, hi := max(from, a), min(to, b); hi > lo {
				sum += hi - lo
			}
		}
	}
	return sum
}

// advance returns the earliest instant at which rem of working time outside
// the pauses has passed since s, and false if an open pause stops the clock
// first. rem must be positive.
func (c *Calendar) advance(z *zone, s, rem int64, ps []span) (int64, bool) {
	i := 0
	cur := s // nothing before cur counts any more
	n, _ := z.dayOf(s)
	for range maxWalkDays {
		for _, iv := range c.plan(n).ivs {
			from, to := z.stretch(n, iv)
			lo := max(from, cur)
			for lo < to {
				for i < len(ps) && ps[i].to <= lo {
					i++
				}
				if i < len(ps) && ps[i].from <= lo {
					if ps[i].to == open {
						return 0, false
					}
					lo = ps[i].to
					continue
				}
				hi := to
				if i < len(ps) && ps[i].from < hi {
					hi = ps[i].from
				}
				if hi-lo >= rem {
					return lo + rem, true
				}
				rem -= hi - lo
				lo = hi
			}
			cur = max(cur, lo)
		}
		// Jump over the days a long pause covers.
		if next, _ := z.dayOf(cur); next > n+1 {
			n = next
		} else {
			n++
		}
	}
	panic("sla: walked 200 years; limits and calendars are validated to prevent this")
}

// advanceWall is advance on the 24x7 clock.
func advanceWall(s, rem int64, ps []span) (int64, bool) {
	lo := s
	for _, p := range ps {
		if p.to <= lo {
			continue
		}
		if p.from > lo {
			if p.from-lo >= rem {
				return lo + rem, true
			}
			rem -= p.from - lo
		}
		if p.to == open {
			return 0, false
		}
		lo = p.to
	}
	return lo + rem, true
}

// Elapsed returns the time the given clock counts from from to to, leaving
// out the pauses: working time on ClockWorking, wall time on Clock24x7. An
// open pause lasts to the end of the span. It is zero when to is not after
// from.
func (c *Calendar) Elapsed(from, to time.Time, clock Clock, pauses []Pause) (time.Duration, error) {
	var fe apperr.Fields
	if clock != Clock24x7 && clock != ClockWorking {
		fe.Add("clock", "not_in_list")
	}
	inRange(&fe, "from", from)
	inRange(&fe, "to", to)
	ps := pauseSpans(&fe, pauses)
	if err := fe.Err(); err != nil {
		return 0, err
	}
	a, b := from.UnixNano(), to.UnixNano()
	if b <= a {
		return 0, nil
	}
	z := newZone(c.loc, a)
	var sum int64
	measure := func(x, y int64) {
		if clock == ClockWorking {
			sum += c.working(z, x, y)
		} else {
			sum += y - x
		}
	}
	lo := a
	for _, p := range ps {
		if p.to <= lo {
			continue
		}
		if p.from >= b {
			break
		}
		if p.from > lo {
			measure(lo, p.from)
		}
		lo = p.to
		if lo >= b {
			break
		}
	}
	if lo < b {
		measure(lo, b)
	}
	return time.Duration(sum), nil
}
