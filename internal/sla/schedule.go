package sla

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Schedule is one year's official holiday arrangement (节假日安排): the
// days off and the make-up working days (调休上班日), with the documents it
// comes from. The package doc describes its JSON form.
type Schedule struct {
	Year     int       `json:"year"`
	Sources  []Source  `json:"sources"`
	Note     string    `json:"note,omitempty"`
	Holidays []Holiday `json:"holidays"`
}

// Source names a document a schedule transcribes, normally the State
// Council's notice. Number is the 发文字号, Published the date the document
// bears.
type Source struct {
	Title     string `json:"title"`
	Number    string `json:"number,omitempty"`
	Published Date   `json:"published,omitzero"`
	URL       string `json:"url,omitempty"`
}

// Holiday is one festival's arrangement: days off From through To
// (inclusive) and the weekend days worked to make up for them.
type Holiday struct {
	Name string `json:"name"`
	From Date   `json:"from"`
	To   Date   `json:"to"`
	Work []Date `json:"work,omitempty"`
}

// Limits on schedule files, generous for any real notice; they keep a bad
// file from producing a calendar nobody can read.
const (
	MaxScheduleBytes = 256 << 10
	maxSources       = 10
	maxHolidays      = 40
	maxWorkDays      = 10
	maxHolidaySpan   = 31
	minScheduleYear  = 2000
	maxScheduleYear  = 2200
)

// Validate checks a schedule: a year, at least one source, and holidays
// whose dates lie in the year (or the last week of December before it), with
// make-up days on weekends and no date both off and worked.
func (s Schedule) Validate() error {
	var fe apperr.Fields
	s.validate(&fe, "")
	return fe.Err()
}

func (s Schedule) validate(fe *apperr.Fields, prefix string) {
	switch {
	case s.Year == 0:
		fe.Add(prefix+"year", "required")
	case s.Year < minScheduleYear || s.Year > maxScheduleYear:
		fe.AddParams(prefix+"year", "out_of_range", map[string]any{"min": minScheduleYear, "max": maxScheduleYear})
	}
	switch {
	case len(s.Sources) == 0:
		fe.Add(prefix+"sources", "required")
	case len(s.Sources) > maxSources:
		fe.AddParams(prefix+"sources", "too_many", map[string]any{"max": maxSources})
	}
	for i, src := range s.Sources {
		f := fmt.Sprintf("%ssources.%d.", prefix, i)
		fe.RequiredLine(f+"title", strings.TrimSpace(src.Title), 200)
		fe.Line(f+"number", src.Number, 100)
		fe.Line(f+"url", src.URL, 500)
		if src.URL != "" && !strings.HasPrefix(src.URL, "https://") && !strings.HasPrefix(src.URL, "http://") {
			fe.Add(f+"url", "url_invalid")
		}
		if !src.Published.IsZero() && !src.Published.Valid() {
			fe.Add(f+"published", "date_invalid")
		}
	}
	fe.MaxLen(prefix+"note", s.Note, 1000)
	switch {
	case len(s.Holidays) == 0:
		fe.Add(prefix+"holidays", "required")
	case len(s.Holidays) > maxHolidays:
		fe.AddParams(prefix+"holidays", "too_many", map[string]any{"max": maxHolidays})
		return
	}
	if s.Year < minScheduleYear || s.Year > maxScheduleYear {
		return // date checks need a year to check against
	}
	// New Year's Day arrangements may start in late December of the year
	// before (2023's began on 2022-12-31); nothing else reaches outside.
	first := Date{s.Year - 1, time.December, 25}.days()
	last := Date{s.Year, time.December, 31}.days()
	inYear := func(field string, d Date) bool {
		switch {
		case d.IsZero():
			fe.Add(field, "required")
		case !d.Valid():
			fe.Add(field, "date_invalid")
		case d.days() < first || d.days() > last:
			fe.AddParams(field, "outside_year", map[string]any{"year": s.Year})
		default:
			return true
		}
		return false
	}
	type span struct{ from, to int64 }
	off := make([]span, len(s.Holidays)) // zero span where the range is unusable
	for i, h := range s.Holidays {
		f := fmt.Sprintf("%sholidays.%d.", prefix, i)
		fe.RequiredLine(f+"name", strings.TrimSpace(h.Name), 50)
		okFrom, okTo := inYear(f+"from", h.From), inYear(f+"to", h.To)
		if !okFrom || !okTo {
			off[i] = span{1, 0}
			continue
		}
		a, b := h.From.days(), h.To.days()
		switch {
		case b < a:
			fe.Add(f+"to", "end_before_start")
			off[i] = span{1, 0}
			continue
		case b-a+1 > maxHolidaySpan:
			fe.AddParams(f+"to", "range_too_long", map[string]any{"max": maxHolidaySpan})
		}
		off[i] = span{a, b}
		for j := range i {
			if off[j].from <= b && a <= off[j].to {
				fe.Add(f+"from", "overlap")
				break
			}
		}
	}
	seen := map[int64]bool{}
	for i, h := range s.Holidays {
		if len(h.Work) > maxWorkDays {
			fe.AddParams(fmt.Sprintf("%sholidays.%d.work", prefix, i), "too_many", map[string]any{"max": maxWorkDays})
			continue
		}
		for j, w := range h.Work {
			f := fmt.Sprintf("%sholidays.%d.work.%d", prefix, i, j)
			if !inYear(f, w) {
				continue
			}
			n := w.days()
			if wd := weekdayOf(n); wd != time.Saturday && wd != time.Sunday {
				fe.Add(f, "not_weekend")
			}
			if seen[n] {
				fe.Add(f, "duplicate")
			}
			seen[n] = true
			for _, o := range off {
				if o.from <= n && n <= o.to {
					fe.Add(f, "off_and_work")
					break
				}
			}
		}
	}
}

// ParseSchedule reads and validates a schedule file. Syntax errors, unknown
// fields and malformed dates are reported as an invalid "file" with the
// decoder's message in the "detail" parameter.
func ParseSchedule(data []byte) (Schedule, error) {
	var s Schedule
	if len(data) > MaxScheduleBytes {
		var fe apperr.Fields
		fe.AddParams("file", "too_large", map[string]any{"max": MaxScheduleBytes})
		return s, fe.Err()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(&s)
	if err == nil {
		if dec.Decode(&struct{}{}) != io.EOF {
			err = errors.New("data after the schedule")
		}
	}
	if err != nil {
		var fe apperr.Fields
		fe.AddParams("file", "json_invalid", map[string]any{"detail": err.Error()})
		return Schedule{}, fe.Err()
	}
	s = s.normalize()
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	return s, nil
}

// clone copies s deeply, so that a calendar cannot be changed through a
// schedule it was given or handed out.
func (s Schedule) clone() Schedule {
	s.Sources = slices.Clone(s.Sources)
	s.Holidays = slices.Clone(s.Holidays)
	for i := range s.Holidays {
		s.Holidays[i].Work = slices.Clone(s.Holidays[i].Work)
	}
	return s
}

// normalize trims the texts and drops empty lists, so that a file read back
// after export equals what was exported.
func (s Schedule) normalize() Schedule {
	t := strings.TrimSpace
	s = s.clone()
	s.Note = t(s.Note)
	for i := range s.Sources {
		src := &s.Sources[i]
		src.Title, src.Number, src.URL = t(src.Title), t(src.Number), t(src.URL)
	}
	for i := range s.Holidays {
		h := &s.Holidays[i]
		h.Name = t(h.Name)
		if len(h.Work) == 0 {
			h.Work = nil
		}
	}
	return s
}

// FormatSchedule writes a schedule in the file format ParseSchedule reads,
// for sharing with colleagues. It refuses an invalid schedule.
func FormatSchedule(s Schedule) ([]byte, error) {
	s = s.normalize()
	if err := s.Validate(); err != nil {
		return nil, err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("sla: format schedule %d: %w", s.Year, err)
	}
	return append(b, '\n'), nil
}

//go:embed holidays/cn/*.json
var chinaFiles embed.FS

// ChinaSchedules returns the shipped PRC holiday schedules, one per year the
// State Council has published and this build knows of, oldest first. Each
// call returns fresh copies.
func ChinaSchedules() []Schedule {
	names, err := chinaFiles.ReadDir("holidays/cn")
	if err != nil {
		panic(fmt.Sprintf("sla: embedded holidays: %v", err))
	}
	var out []Schedule
	for _, e := range names {
		b, err := chinaFiles.ReadFile(path.Join("holidays/cn", e.Name()))
		if err == nil {
			var s Schedule
			if s, err = ParseSchedule(b); err == nil {
				out = append(out, s)
				continue
			}
		}
		// The files are part of the build and tested; a broken one is a
		// programming error, not a user's.
		panic(fmt.Sprintf("sla: embedded %s: %v", e.Name(), err))
	}
	slices.SortFunc(out, func(a, b Schedule) int { return a.Year - b.Year })
	return out
}

// MergeSchedules combines shipped schedules with the user's: a user's
// schedule replaces a shipped one for the same year, so that a correction
// or an earlier import wins. The result is ordered by year.
func MergeSchedules(shipped, user []Schedule) []Schedule {
	byYear := map[int]Schedule{}
	for _, s := range shipped {
		byYear[s.Year] = s
	}
	for _, s := range user {
		byYear[s.Year] = s
	}
	out := make([]Schedule, 0, len(byYear))
	for _, s := range byYear {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Schedule) int { return a.Year - b.Year })
	return out
}
