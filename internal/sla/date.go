package sla

import (
	"fmt"
	"time"
)

// Date is a calendar date without a time of day or a zone, the way holiday
// notices name days. Its text form is YYYY-MM-DD; the zero Date is empty
// text.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date in the form YYYY-MM-DD, rejecting impossible dates
// such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// String returns the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real date.
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= 31 && dateOfDays(d.days()) == d
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.days()) }

// MarshalText writes the date as YYYY-MM-DD, and the zero Date as nothing.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads YYYY-MM-DD; empty text gives the zero Date, which
// validation then reports as missing.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// days numbers dates consecutively, 1970-01-01 being 0, so that the
// calendar can walk and index dates with integer arithmetic instead of
// time.Date calls.
func (d Date) days() int64 { return daysFromCivil(int64(d.Year), int(d.Month), d.Day) }

func dateOfDays(n int64) Date {
	y, m, d := civilFromDays(n)
	return Date{int(y), time.Month(m), d}
}

// daysFromCivil and civilFromDays are Howard Hinnant's proleptic Gregorian
// conversions (http://howardhinnant.github.io/date_algorithms.html).
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := int64((m + 9) % 12)
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// weekdayOf gives the weekday of a day number; 1970-01-01 was a Thursday.
func weekdayOf(n int64) time.Weekday {
	return time.Weekday(floorMod(n+4, 7))
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
