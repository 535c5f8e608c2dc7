package sla_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

func TestNewErrors(t *testing.T) {
	loc := loadZone(t, "Asia/Shanghai")
	hours := func(edit func(*sla.Hours)) sla.Hours {
		h := sla.DefaultHours()
		edit(&h)
		return h
	}
	cn := sla.ChinaSchedules()
	tests := []struct {
		name       string
		loc        *time.Location
		hours      sla.Hours
		schedules  []sla.Schedule
		field, key string
	}{
		{"ErrLocation", nil, sla.DefaultHours(), nil, "location", "required"},
		{"ErrOverlap", loc, hours(func(h *sla.Hours) {
			h.Week[time.Monday] = []sla.Interval{{9 * 60, 12 * 60}, {11 * 60, 14 * 60}}
		}), nil, "week.mon.1", "overlap"},
		{"ErrOverlapUnsorted", loc, hours(func(h *sla.Hours) {
			h.Week[time.Friday] = []sla.Interval{{13 * 60, 18 * 60}, {9 * 60, 14 * 60}}
		}), nil, "week.fri.1", "overlap"},
		{"ErrEndBeforeStart", loc, hours(func(h *sla.Hours) {
			h.Week[time.Tuesday] = []sla.Interval{{18 * 60, 9 * 60}}
		}), nil, "week.tue.0", "end_before_start"},
		{"ErrEmptyInterval", loc, hours(func(h *sla.Hours) {
			h.Week[time.Tuesday] = []sla.Interval{{9 * 60, 9 * 60}}
		}), nil, "week.tue.0", "end_before_start"},
		{"ErrPastMidnight", loc, hours(func(h *sla.Hours) {
			h.Week[time.Saturday] = []sla.Interval{{20 * 60, 25 * 60}}
		}), nil, "week.sat.0", "interval_range"},
		{"ErrMakeUpOverlap", loc, hours(func(h *sla.Hours) {
			h.MakeUp = []sla.Interval{{9 * 60, 18 * 60}, {12 * 60, 13 * 60}}
		}), nil, "makeUp.1", "overlap"},
		{"ErrNoWorkingHours", loc, sla.Hours{MakeUp: sla.DefaultHours().MakeUp}, nil, "week", "no_working_hours"},
		{"ErrDuplicateYear", loc, sla.DefaultHours(), []sla.Schedule{cn[0], cn[1], cn[0]}, "schedules.2.year", "duplicate"},
		{"ErrInvalidSchedule", loc, sla.DefaultHours(), []sla.Schedule{{Year: 2099}}, "schedules.0.sources", "required"},
		{"ErrConflictBetweenYears", loc, sla.DefaultHours(), []sla.Schedule{
			{Year: 2022, Sources: []sla.Source{{Title: "t"}}, Holidays: []sla.Holiday{
				{Name: "a", From: date(t, "2022-10-01"), To: date(t, "2022-10-07"), Work: []sla.Date{date(t, "2022-12-31")}},
			}},
			{Year: 2023, Sources: []sla.Source{{Title: "t"}}, Holidays: []sla.Holiday{
				{Name: "元旦", From: date(t, "2022-12-31"), To: date(t, "2023-01-02")},
			}},
		}, "schedules.1.holidays.0.from", "conflict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sla.New(tt.loc, tt.hours, tt.schedules)
			wantField(t, err, tt.field, tt.key)
		})
	}
}

func TestDay(t *testing.T) {
	cal := chinaCalendar(t)
	std := sla.DefaultHours().Week[time.Monday]
	tests := []struct {
		name     string
		date     string
		wantKind sla.DayKind
		wantName string
		want     []sla.Interval
	}{
		{"Workday", "2026-03-09", sla.KindWorkday, "", std},
		{"Weekend", "2026-03-07", sla.KindRest, "", []sla.Interval{}},
		{"SpringFestival", "2026-02-16", sla.KindHoliday, "春节", []sla.Interval{}},
		{"HolidayOnWeekend", "2026-02-15", sla.KindHoliday, "春节", []sla.Interval{}},
		{"MakeUpSaturday", "2026-02-14", sla.KindMakeUp, "春节", std},
		{"MakeUpSundayForNewYear", "2026-01-04", sla.KindMakeUp, "元旦", std},
		{"NewYear2023InDecember", "2022-12-31", sla.KindHoliday, "元旦", []sla.Interval{}},
		{"Eve2024", "2024-02-09", sla.KindWorkday, "", std},
		{"Eve2025", "2025-01-28", sla.KindHoliday, "春节", []sla.Interval{}},
		{"OldFebruaryFirst2020", "2020-02-01", sla.KindHoliday, "春节", []sla.Interval{}},
		{"UnscheduledYear", "2027-10-01", sla.KindWorkday, "", std},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.Day(date(t, tt.date))
			if got.Kind != tt.wantKind || got.Name != tt.wantName || !slices.Equal(got.Hours, tt.want) {
				t.Fatalf("Day(%s) = %+v, want %s %q %v", tt.date, got, tt.wantKind, tt.wantName, tt.want)
			}
		})
	}
}

func TestCustomHours(t *testing.T) {
	loc := loadZone(t, "Asia/Shanghai")
	h := sla.DefaultHours()
	h.Week[time.Friday] = []sla.Interval{{9 * 60, 12 * 60}, {13 * 60, 16 * 60}} // short Friday
	h.Week[time.Saturday] = []sla.Interval{{9 * 60, 12 * 60}}                   // Saturday mornings
	h.MakeUp = nil                                                              // make-up days are not worked here
	cal, err := sla.New(loc, h, sla.ChinaSchedules())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		start string
		limit sla.Limit
		want  string
	}{
		{"ThursdayLatePlus1DayEndsAtFridayClose", "2026-03-05 17:30", workingDays(1), "2026-03-06 16:00"},
		{"ThursdayPlus1DaySameClock", "2026-03-05 10:00", workingDays(1), "2026-03-06 10:00"},
		{"FridayAfternoonPlus1DayIsSaturdayMorning", "2026-03-06 13:30", workingDays(1), "2026-03-07 12:00"},
		{"SaturdayMorningHours", "2026-03-07 11:00", workingHours(2), "2026-03-09 10:00"},
		{"MakeUpSaturdayNotWorked", "2026-02-13 15:00", workingHours(2), "2026-02-24 10:00"},
		{"HolidaySaturdayNotWorked", "2026-10-02 10:00", workingHours(1), "2026-10-08 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cal.Due(at(t, tt.start), tt.limit, nil)
			if err != nil {
				t.Fatal(err)
			}
			if want := at(t, tt.want); !got.Equal(want) {
				t.Fatalf("Due = %s, want %s", got.Format(time.DateTime), want.Format(time.DateTime))
			}
		})
	}
	if got := cal.Day(date(t, "2026-02-14")); got.Kind != sla.KindMakeUp || len(got.Hours) != 0 {
		t.Errorf("make-up day without make-up hours = %+v", got)
	}
}

func TestHoursNormalized(t *testing.T) {
	h := sla.DefaultHours()
	h.Week[time.Monday] = []sla.Interval{{13*60 + 30, 18 * 60}, {12 * 60, 13*60 + 30}, {9 * 60, 12 * 60}}
	cal, err := sla.New(time.UTC, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, want := cal.Hours().Week[time.Monday], []sla.Interval{{9 * 60, 18 * 60}}
	if !slices.Equal(got, want) {
		t.Fatalf("Monday = %v, want %v", got, want)
	}
	if s := got[0].String(); s != "09:00-18:00" {
		t.Errorf("String = %q", s)
	}
}

func TestCoverage(t *testing.T) {
	cal := chinaCalendar(t)
	if got, want := cal.YearsCovered(), []int{2020, 2021, 2022, 2023, 2024, 2025, 2026}; !slices.Equal(got, want) {
		t.Fatalf("YearsCovered = %v, want %v", got, want)
	}
	if got, want := cal.MissingYears(2019, 2028), []int{2019, 2027, 2028}; !slices.Equal(got, want) {
		t.Fatalf("MissingYears = %v, want %v", got, want)
	}
	if got := cal.MissingYears(2024, 2026); got != nil {
		t.Fatalf("MissingYears(2024, 2026) = %v, want none", got)
	}
	s, ok := cal.Schedule(2026)
	if !ok || s.Sources[0].Number != "国办发明电〔2025〕7号" {
		t.Fatalf("Schedule(2026) = %+v, %v", s, ok)
	}
	if _, ok := cal.Schedule(2027); ok {
		t.Fatal("Schedule(2027) found; no notice has been published")
	}
}

func TestDate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		d := date(t, "2025-12-31")
		if got, want := d.AddDays(1).String(), "2026-01-01"; got != want {
			t.Errorf("AddDays = %s, want %s", got, want)
		}
		if got, want := date(t, "2024-03-01").AddDays(-1).String(), "2024-02-29"; got != want {
			t.Errorf("AddDays back = %s, want %s", got, want)
		}
		if got, want := d.Weekday(), time.Wednesday; got != want {
			t.Errorf("Weekday = %v, want %v", got, want)
		}
		if d.Compare(d.AddDays(1)) != -1 || d.Compare(d) != 0 {
			t.Error("Compare")
		}
		b, err := json.Marshal(struct {
			D sla.Date `json:"d"`
			Z sla.Date `json:"z,omitzero"`
		}{D: d})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(b), `{"d":"2025-12-31"}`; got != want {
			t.Errorf("JSON = %s, want %s", got, want)
		}
		if got := sla.DateOf(at(t, "2026-01-01 00:30").UTC()); got.String() != "2025-12-31" {
			t.Errorf("DateOf uses the time's own zone: %s", got)
		}
	})
	for _, s := range []string{"2026-02-30", "2026-2-3", "26-02-03", "2026/02/03", "2026-02-03T00:00", ""} {
		t.Run("Err"+s, func(t *testing.T) {
			if _, err := sla.ParseDate(s); err == nil {
				t.Fatalf("ParseDate(%q) succeeded", s)
			}
		})
	}
	if (sla.Date{Year: 2026, Month: 2, Day: 29}).Valid() {
		t.Error("2026-02-29 valid")
	}
}

func TestLimitValidate(t *testing.T) {
	if err := workingDays(3).Validate(); err != nil {
		t.Fatal(err)
	}
	wantField(t, sla.Limit{Amount: 3, Unit: sla.UnitDays}.Validate(), "clock", "not_in_list")
	if got, want := workingDays(3).String(), "3 working days"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
}
