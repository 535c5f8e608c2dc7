package sla_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// The cases use the default calendar: Monday to Friday 09:00–12:00 and
// 13:30–18:00 (7.5 working hours a day), with the official PRC schedules.
func TestDue(t *testing.T) {
	cal := chinaCalendar(t)
	tests := []struct {
		name   string
		start  string
		limit  sla.Limit
		pauses [][2]string // Shanghai times; an empty end is an open pause
		want   string      // empty: no due moment (clock stopped by an open pause)
	}{
		// Working days.
		{name: "Friday1730Plus3Days", start: "2026-03-06 17:30", limit: workingDays(3), want: "2026-03-11 17:30"},
		{name: "Friday1730Plus3DaysOverQingming", start: "2026-04-03 17:30", limit: workingDays(3), want: "2026-04-09 17:30"},
		{name: "UTCInputFriday1730Plus3Days", start: "", limit: workingDays(3), want: "2026-03-11 17:30"},
		{name: "SaturdayPlus3DaysEndsWednesdayEvening", start: "2026-03-07 10:00", limit: workingDays(3), want: "2026-03-11 18:00"},
		{name: "BeforeOpeningPlus3Days", start: "2026-03-09 08:00", limit: workingDays(3), want: "2026-03-11 18:00"},
		{name: "EveningPlus1Day", start: "2026-03-09 19:00", limit: workingDays(1), want: "2026-03-10 18:00"},
		{name: "Monday0900Plus1Day", start: "2026-03-09 09:00", limit: workingDays(1), want: "2026-03-09 18:00"},
		{name: "LunchPlus1DayEndsBeforeLunch", start: "2026-03-09 12:30", limit: workingDays(1), want: "2026-03-10 12:00"},
		{name: "ZeroAmountIsAtOnce", start: "2026-03-07 10:00", limit: workingDays(0), want: "2026-03-07 10:00"},
		{name: "LastDayBeforeSpringFestivalPlus3Days", start: "2026-02-13 10:00", limit: workingDays(3), want: "2026-02-25 10:00"},
		{name: "MakeUpSaturdayBeforeSpringFestivalPlus1Day", start: "2026-02-14 16:00", limit: workingDays(1), want: "2026-02-24 16:00"},
		{name: "FifteenDaysAcrossSpringFestival", start: "2026-01-29 10:00", limit: workingDays(15), want: "2026-02-26 10:00"},
		{name: "NewYear2026Plus3DaysUsesMakeUpSunday", start: "2025-12-31 17:00", limit: workingDays(3), want: "2026-01-06 17:00"},
		{name: "NationalDay2026", start: "2026-09-30 10:00", limit: workingDays(1), want: "2026-10-08 10:00"},
		{name: "LabourDay2025FiveDaysOff", start: "2025-04-30 15:00", limit: workingDays(1), want: "2025-05-06 15:00"},
		{name: "SpringFestival2025StartsOnEve", start: "2025-01-27 10:00", limit: workingDays(1), want: "2025-02-05 10:00"},
		{name: "NationalDay2025EightDays", start: "2025-09-30 17:00", limit: workingDays(2), want: "2025-10-10 17:00"},
		{name: "MakeUpSaturday2025", start: "2025-10-10 17:00", limit: workingDays(1), want: "2025-10-11 17:00"},
		{name: "Eve2024IsAWorkday", start: "2024-02-08 16:00", limit: workingDays(2), want: "2024-02-18 16:00"},
		{name: "NewYear2023HolidayStartsInDecember", start: "2022-12-30 10:00", limit: workingDays(1), want: "2023-01-03 10:00"},
		{name: "NationalDay2022MakeUpSaturday", start: "2022-09-30 15:00", limit: workingDays(1), want: "2022-10-08 15:00"},
		{name: "SpringFestival2020Extended", start: "2020-01-23 10:00", limit: workingDays(1), want: "2020-02-03 10:00"},
		{name: "YearWithoutScheduleUsesWeekdays", start: "2027-01-01 10:00", limit: workingDays(1), want: "2027-01-04 10:00"},

		// Working hours and minutes.
		{name: "MakeUpSaturdayHours", start: "2026-02-28 10:00", limit: workingHours(4), want: "2026-02-28 15:30"},
		{name: "OrdinarySaturdayHours", start: "2026-03-07 10:00", limit: workingHours(4), want: "2026-03-09 14:30"},
		{name: "LunchPlus2Hours", start: "2026-03-09 12:30", limit: workingHours(2), want: "2026-03-09 15:30"},
		{name: "NewYear2026Plus8Hours", start: "2025-12-31 17:00", limit: workingHours(8), want: "2026-01-04 17:30"},
		{name: "YearEnd2024Plus2Hours", start: "2024-12-31 17:00", limit: workingHours(2), want: "2025-01-02 10:00"},
		{name: "MakeUpSunday2026", start: "2026-09-19 10:00", limit: workingHours(1), want: "2026-09-20 10:00"},
		{name: "MidAutumn2026Hours", start: "2026-09-24 14:00", limit: workingHours(5), want: "2026-09-28 10:00"},
		{name: "MidAutumn2021MakeUpSaturday", start: "2021-09-17 17:00", limit: workingHours(2), want: "2021-09-18 10:00"},
		{name: "HolidaySundayBeforeHolidayMonday", start: "2026-02-22 10:00", limit: workingHours(1), want: "2026-02-24 10:00"},
		{name: "Friday1800Plus1Minute", start: "2026-03-06 18:00", limit: workingMins(1), want: "2026-03-09 09:01"},
		{name: "EndsExactlyAtClosing", start: "2026-03-09 17:59", limit: workingMins(1), want: "2026-03-09 18:00"},
		{name: "MinutesOverLunch", start: "2026-03-09 11:45", limit: workingMins(30), want: "2026-03-09 13:45"},
		{name: "MinutesOverWeekend", start: "2026-03-06 17:55", limit: workingMins(10), want: "2026-03-09 09:05"},

		// Pauses on the working clock.
		{name: "PauseMidMorning", start: "2026-03-09 09:00", limit: workingHours(4),
			pauses: [][2]string{{"2026-03-09 10:00", "2026-03-09 11:00"}}, want: "2026-03-09 15:30"},
		{name: "PauseOverLunch", start: "2026-03-09 09:00", limit: workingHours(4),
			pauses: [][2]string{{"2026-03-09 11:00", "2026-03-09 14:00"}}, want: "2026-03-09 16:00"},
		{name: "OverlappingPausesCountOnce", start: "2026-03-09 09:00", limit: workingHours(3),
			pauses: [][2]string{{"2026-03-09 09:30", "2026-03-09 10:30"}, {"2026-03-09 10:00", "2026-03-09 11:00"}}, want: "2026-03-09 15:00"},
		{name: "PauseStartedBeforeStart", start: "2026-03-09 09:00", limit: workingHours(1),
			pauses: [][2]string{{"2026-03-08 12:00", "2026-03-09 10:00"}}, want: "2026-03-09 11:00"},
		{name: "PauseOverWeekendChangesNothing", start: "2026-03-06 17:00", limit: workingHours(2),
			pauses: [][2]string{{"2026-03-07 00:00", "2026-03-09 00:00"}}, want: "2026-03-09 10:00"},
		{name: "PauseCoversNextWorkday", start: "2026-03-06 17:00", limit: workingHours(2),
			pauses: [][2]string{{"2026-03-09 00:00", "2026-03-10 00:00"}}, want: "2026-03-10 10:00"},
		{name: "PauseOfAMonth", start: "2026-03-06 17:00", limit: workingHours(2),
			pauses: [][2]string{{"2026-03-06 17:30", "2026-04-08 09:30"}}, want: "2026-04-08 11:00"},
		{name: "DaysPushedBackByPause", start: "2026-03-09 10:00", limit: workingDays(1),
			pauses: [][2]string{{"2026-03-09 14:00", "2026-03-09 16:00"}}, want: "2026-03-10 12:00"},
		{name: "OpenPauseBeforeDue", start: "2026-03-09 09:00", limit: workingHours(4),
			pauses: [][2]string{{"2026-03-09 10:00", ""}}, want: ""},
		{name: "OpenPauseAfterDue", start: "2026-03-09 09:00", limit: workingHours(2),
			pauses: [][2]string{{"2026-03-09 14:00", ""}}, want: "2026-03-09 11:00"},
		{name: "OpenPauseOnDaysLimit", start: "2026-03-09 10:00", limit: workingDays(1),
			pauses: [][2]string{{"2026-03-09 11:00", ""}}, want: ""},

		// The 24x7 clock.
		{name: "Wall4HoursOverMidnight", start: "2026-03-07 22:00", limit: wallHours(4), want: "2026-03-08 02:00"},
		{name: "Wall3DaysIgnoreHolidays", start: "2026-02-13 10:00", limit: wallDays(3), want: "2026-02-16 10:00"},
		{name: "WallPause", start: "2026-03-09 10:00", limit: wallHours(4),
			pauses: [][2]string{{"2026-03-09 11:00", "2026-03-09 12:00"}}, want: "2026-03-09 15:00"},
		{name: "WallDaysWithPause", start: "2026-03-09 10:00", limit: wallDays(1),
			pauses: [][2]string{{"2026-03-09 12:00", "2026-03-09 13:00"}}, want: "2026-03-10 11:00"},
		{name: "WallOpenPause", start: "2026-03-09 10:00", limit: wallHours(4),
			pauses: [][2]string{{"2026-03-09 12:00", ""}}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Date(2026, 3, 6, 9, 30, 0, 0, time.UTC) // 17:30 in Shanghai
			if tt.start != "" {
				start = at(t, tt.start)
			}
			var pauses []sla.Pause
			for _, p := range tt.pauses {
				pauses = append(pauses, pause(t, p[0], p[1]))
			}
			got, err := cal.Due(start, tt.limit, pauses)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if !got.IsZero() {
					t.Fatalf("Due(%s, %v) = %s, want none", tt.start, tt.limit, got)
				}
				return
			}
			if want := at(t, tt.want); !got.Equal(want) {
				t.Fatalf("Due(%s, %v) = %s, want %s", tt.start, tt.limit, got.Format(time.DateTime), want.Format(time.DateTime))
			}
			if got.Location() != cal.Location() {
				t.Errorf("Due location = %v, want %v", got.Location(), cal.Location())
			}
			// Whatever the limit, the clock from start to the due moment is
			// the limit's allowance.
			allowance, err := cal.Allowance(start, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if elapsed, _ := cal.Elapsed(start, got, tt.limit.Clock, pauses); elapsed != allowance {
				t.Errorf("Elapsed to due = %v, want the allowance %v", elapsed, allowance)
			}
		})
	}
}

func TestElapsed(t *testing.T) {
	cal := chinaCalendar(t)
	tests := []struct {
		name     string
		from, to string
		clock    sla.Clock
		pauses   [][2]string
		want     time.Duration
	}{
		{name: "SameDayAcrossLunch", from: "2026-03-09 10:00", to: "2026-03-09 15:00", clock: sla.ClockWorking, want: 3*time.Hour + 30*time.Minute},
		{name: "LunchOnly", from: "2026-03-09 12:00", to: "2026-03-09 13:30", clock: sla.ClockWorking, want: 0},
		{name: "OverWeekend", from: "2026-03-06 17:30", to: "2026-03-09 09:30", clock: sla.ClockWorking, want: time.Hour},
		{name: "OverSpringFestival", from: "2026-02-13 17:00", to: "2026-02-24 10:00", clock: sla.ClockWorking, want: 9*time.Hour + 30*time.Minute},
		{name: "OverNewYear", from: "2025-12-31 17:00", to: "2026-01-05 09:30", clock: sla.ClockWorking, want: 9 * time.Hour},
		{name: "MakeUpSundayIsAFullDay", from: "2026-01-04 00:00", to: "2026-01-05 00:00", clock: sla.ClockWorking, want: 7*time.Hour + 30*time.Minute},
		{name: "HolidayWeekIsEmpty", from: "2026-10-01 00:00", to: "2026-10-08 00:00", clock: sla.ClockWorking, want: 0},
		{name: "Year2026Has248WorkingDays", from: "2026-01-01 00:00", to: "2027-01-01 00:00", clock: sla.ClockWorking, want: 248 * (7*time.Hour + 30*time.Minute)},
		{name: "Year2024Has251WorkingDays", from: "2024-01-01 00:00", to: "2025-01-01 00:00", clock: sla.ClockWorking, want: 251 * (7*time.Hour + 30*time.Minute)},
		{name: "Reversed", from: "2026-03-09 15:00", to: "2026-03-09 10:00", clock: sla.ClockWorking, want: 0},
		{name: "PauseMidDay", from: "2026-03-09 09:00", to: "2026-03-09 18:00", clock: sla.ClockWorking,
			pauses: [][2]string{{"2026-03-09 10:00", "2026-03-09 11:00"}}, want: 6*time.Hour + 30*time.Minute},
		{name: "OpenPauseRunsToTheEnd", from: "2026-03-09 09:00", to: "2026-03-09 18:00", clock: sla.ClockWorking,
			pauses: [][2]string{{"2026-03-09 16:00", ""}}, want: 5*time.Hour + 30*time.Minute},
		{name: "PauseCoversEverything", from: "2026-03-09 09:00", to: "2026-03-09 18:00", clock: sla.ClockWorking,
			pauses: [][2]string{{"2026-03-08 09:00", "2026-03-10 18:00"}}, want: 0},
		{name: "WallOverWeekend", from: "2026-03-06 18:00", to: "2026-03-09 09:00", clock: sla.Clock24x7, want: 63 * time.Hour},
		{name: "WallWithPause", from: "2026-03-09 10:00", to: "2026-03-09 14:00", clock: sla.Clock24x7,
			pauses: [][2]string{{"2026-03-09 11:00", "2026-03-09 12:00"}}, want: 3 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pauses []sla.Pause
			for _, p := range tt.pauses {
				pauses = append(pauses, pause(t, p[0], p[1]))
			}
			got, err := cal.Elapsed(at(t, tt.from), at(t, tt.to), tt.clock, pauses)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Elapsed = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAllowance(t *testing.T) {
	cal := chinaCalendar(t)
	tests := []struct {
		name  string
		start string
		limit sla.Limit
		want  time.Duration
	}{
		{"Minutes", "2026-03-07 10:00", workingMins(90), 90 * time.Minute},
		{"Hours", "2026-03-07 10:00", wallHours(24), 24 * time.Hour},
		{"ThreeWorkingDays", "2026-03-06 17:30", workingDays(3), 3 * (7*time.Hour + 30*time.Minute)},
		{"ThreeCalendarDays", "2026-03-06 17:30", wallDays(3), 72 * time.Hour},
		{"AtOnce", "2026-03-06 17:30", workingHours(0), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cal.Allowance(at(t, tt.start), tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Fatalf("Allowance = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNextWorkingTime(t *testing.T) {
	cal := chinaCalendar(t)
	tests := []struct{ name, at, want string }{
		{"DuringHours", "2026-03-09 10:15", "2026-03-09 10:15"},
		{"Lunch", "2026-03-09 12:00", "2026-03-09 13:30"},
		{"AtClosing", "2026-03-06 18:00", "2026-03-09 09:00"},
		{"SpringFestival", "2026-02-15 10:00", "2026-02-24 09:00"},
		{"MakeUpSaturday", "2026-02-14 07:00", "2026-02-14 09:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cal.NextWorkingTime(at(t, tt.at))
			if err != nil {
				t.Fatal(err)
			}
			if want := at(t, tt.want); !got.Equal(want) {
				t.Fatalf("NextWorkingTime = %s, want %s", got, want)
			}
		})
	}
}

func TestDueErrors(t *testing.T) {
	cal := chinaCalendar(t)
	start := at(t, "2026-03-09 10:00")
	tests := []struct {
		name       string
		start      time.Time
		limit      sla.Limit
		pauses     []sla.Pause
		field, key string
	}{
		{"ErrNegativeAmount", start, workingHours(-1), nil, "amount", "out_of_range"},
		{"ErrHugeAmount", start, workingDays(100000), nil, "amount", "out_of_range"},
		{"ErrUnit", start, sla.Limit{Amount: 1, Unit: "weeks", Clock: sla.ClockWorking}, nil, "unit", "not_in_list"},
		{"ErrClock", start, sla.Limit{Amount: 1, Unit: sla.UnitHours, Clock: "office"}, nil, "clock", "not_in_list"},
		{"ErrZeroStart", time.Time{}, workingHours(1), nil, "start", "required"},
		{"ErrStartTooLate", time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC), workingHours(1), nil, "start", "out_of_range"},
		{"ErrPauseBackwards", start, workingHours(1), []sla.Pause{{From: start, To: start.Add(-time.Hour)}}, "pauses.0.to", "end_before_start"},
		{"ErrPauseNoStart", start, workingHours(1), []sla.Pause{{To: start}}, "pauses.0.from", "required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cal.Due(tt.start, tt.limit, tt.pauses)
			wantField(t, err, tt.field, tt.key)
		})
	}
	t.Run("ErrElapsedClock", func(t *testing.T) {
		_, err := cal.Elapsed(start, start.Add(time.Hour), "", nil)
		wantField(t, err, "clock", "not_in_list")
	})
}
