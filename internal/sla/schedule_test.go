package sla_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/sla"
)

// The shipped data is checked here against facts typed separately from the
// data files, so that a slip in one shows up against the other.

func TestChinaSchedulesSources(t *testing.T) {
	tests := []struct {
		year              int
		number, published string
	}{
		{2020, "国办发明电〔2019〕16号", "2019-11-21"},
		{2021, "国办发明电〔2020〕27号", "2020-11-25"},
		{2022, "国办发明电〔2021〕11号", "2021-10-25"},
		{2023, "国办发明电〔2022〕16号", "2022-12-08"},
		{2024, "国办发明电〔2023〕7号", "2023-10-25"},
		{2025, "国办发明电〔2024〕12号", "2024-11-12"},
		{2026, "国办发明电〔2025〕7号", "2025-11-04"},
	}
	got := sla.ChinaSchedules()
	if len(got) != len(tests) {
		t.Fatalf("%d shipped years, want %d", len(got), len(tests))
	}
	for i, tt := range tests {
		s := got[i]
		src := s.Sources[0]
		if s.Year != tt.year || src.Number != tt.number || src.Published.String() != tt.published ||
			!strings.Contains(src.Title, "国务院办公厅关于") || !strings.HasPrefix(src.URL, "https://www.gov.cn/") {
			t.Errorf("%d: %+v, want %s of %s", tt.year, src, tt.number, tt.published)
		}
	}
	if n := got[0].Sources[1].Number; n != "国办发明电〔2020〕1号" {
		t.Errorf("2020 extension notice = %q", n)
	}
}

// TestChinaHolidayLengths checks each holiday against the "共N天" of its
// notice (2024's 元旦 and 端午 say "与周末连休": one day).
func TestChinaHolidayLengths(t *testing.T) {
	want := map[int][]int{
		2020: {1, 10, 3, 5, 3, 8}, // Spring Festival 7 days, extended to 2 Feb
		2021: {3, 7, 3, 5, 3, 3, 7},
		2022: {3, 7, 3, 5, 3, 3, 7},
		2023: {3, 7, 1, 5, 3, 8},
		2024: {1, 8, 3, 5, 1, 3, 7},
		2025: {1, 8, 3, 5, 3, 8},
		2026: {3, 9, 3, 5, 3, 3, 7},
	}
	for _, s := range sla.ChinaSchedules() {
		var got []int
		for _, h := range s.Holidays {
			got = append(got, days(h.From, h.To))
		}
		if !slices.Equal(got, want[s.Year]) {
			t.Errorf("%d holiday lengths = %v, want %v", s.Year, got, want[s.Year])
		}
	}
}

func days(from, to sla.Date) int {
	n := 1
	for d := from; d.Compare(to) < 0; d = d.AddDays(1) {
		n++
	}
	return n
}

// TestChinaMakeUpDays lists each year's make-up working days as the notices
// give them (the 上班 dates), compared with what the calendar makes of the
// files.
func TestChinaMakeUpDays(t *testing.T) {
	cal := chinaCalendar(t)
	want := map[int][]string{
		2020: {"01-19", "04-26", "05-09", "06-28", "09-27", "10-10"},
		2021: {"02-07", "02-20", "04-25", "05-08", "09-18", "09-26", "10-09"},
		2022: {"01-29", "01-30", "04-02", "04-24", "05-07", "10-08", "10-09"},
		2023: {"01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"},
		2024: {"02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"},
		2025: {"01-26", "02-08", "04-27", "09-28", "10-11"},
		2026: {"01-04", "02-14", "02-28", "05-09", "09-20", "10-10"},
	}
	for year, w := range want {
		var got []string
		for d := (sla.Date{Year: year, Month: time.January, Day: 1}); d.Year == year; d = d.AddDays(1) {
			if cal.Day(d).Kind == sla.KindMakeUp {
				got = append(got, d.String()[5:])
			}
		}
		if !slices.Equal(got, w) {
			t.Errorf("%d make-up days = %v, want %v", year, got, w)
		}
	}
}

// TestChinaWorkingDays counts each year's working days. Since make-up days
// exactly repay the weekdays taken, the count is days − weekend days −
// statutory holidays (11 before 2025, 13 from 2025), less two in 2020 for
// the extended Spring Festival (31 January and the cancelled make-up 1
// February).
func TestChinaWorkingDays(t *testing.T) {
	cal := chinaCalendar(t)
	want := map[int]int{2020: 249, 2021: 250, 2022: 249, 2023: 249, 2024: 251, 2025: 248, 2026: 248}
	for year, w := range want {
		got := 0
		for d := (sla.Date{Year: year, Month: time.January, Day: 1}); d.Year == year; d = d.AddDays(1) {
			if k := cal.Day(d).Kind; k == sla.KindWorkday || k == sla.KindMakeUp {
				got++
			}
		}
		if got != w {
			t.Errorf("%d has %d working days, want %d", year, got, w)
		}
	}
}

func TestScheduleRoundTrip(t *testing.T) {
	for _, s := range sla.ChinaSchedules() {
		b, err := sla.FormatSchedule(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := sla.ParseSchedule(b)
		if err != nil {
			t.Fatalf("%d: %v", s.Year, err)
		}
		if !reflect.DeepEqual(got, s) {
			t.Errorf("%d: round trip = %+v, want %+v", s.Year, got, s)
		}
	}
}

func TestImportSchedule(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "schedule_2099.json"))
	if err != nil {
		t.Fatal(err)
	}
	imported, err := sla.ParseSchedule(b)
	if err != nil {
		t.Fatal(err)
	}
	// A user's schedule replaces a shipped one of the same year.
	fix := sla.ChinaSchedules()[6]
	fix.Note = "corrected"
	merged := sla.MergeSchedules(sla.ChinaSchedules(), []sla.Schedule{imported, fix})
	cal, err := sla.New(loadZone(t, "Asia/Shanghai"), sla.DefaultHours(), merged)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cal.MissingYears(2026, 2099), 2099-2026-1; len(got) != want || slices.Contains(got, 2099) {
		t.Fatalf("MissingYears = %v", got)
	}
	if s, _ := cal.Schedule(2026); s.Note != "corrected" {
		t.Errorf("2026 note = %q, want the user's", s.Note)
	}
	tests := []struct {
		date string
		want sla.DayKind
	}{
		{"2098-12-31", sla.KindHoliday},
		{"2099-01-04", sla.KindMakeUp},
		{"2099-05-05", sla.KindHoliday},
		{"2099-05-06", sla.KindWorkday},
	}
	for _, tt := range tests {
		if got := cal.Day(date(t, tt.date)).Kind; got != tt.want {
			t.Errorf("Day(%s) = %s, want %s", tt.date, got, tt.want)
		}
	}
	out, err := sla.FormatSchedule(imported)
	if err != nil {
		t.Fatal(err)
	}
	if again, err := sla.ParseSchedule(out); err != nil || !reflect.DeepEqual(again, imported) {
		t.Fatalf("export/import = %+v, %v", again, err)
	}
}

func TestParseScheduleErrors(t *testing.T) {
	const src = `"sources": [{"title": "测试"}]`
	tests := []struct {
		name, file, json, field, key string
	}{
		{name: "ErrSyntax", json: `{"year": 2099,`, field: "file", key: "json_invalid"},
		{name: "ErrMisspeltKey", file: "bad_misspelt_key.json", field: "file", key: "json_invalid"},
		{name: "ErrTrailingData", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-01"}]} {}`, field: "file", key: "json_invalid"},
		{name: "ErrBadDate", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-02-30", "to": "2099-03-01"}]}`, field: "file", key: "json_invalid"},
		{name: "ErrNoYear", json: `{` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-01"}]}`, field: "year", key: "required"},
		{name: "ErrYearRange", json: `{"year": 1999, ` + src + `, "holidays": [{"name": "a", "from": "1999-05-01", "to": "1999-05-01"}]}`, field: "year", key: "out_of_range"},
		{name: "ErrNoSource", json: `{"year": 2099, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-01"}]}`, field: "sources", key: "required"},
		{name: "ErrEmptySourceTitle", json: `{"year": 2099, "sources": [{"title": " "}], "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-01"}]}`, field: "sources.0.title", key: "required"},
		{name: "ErrSourceURL", json: `{"year": 2099, "sources": [{"title": "t", "url": "ftp://x"}], "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-01"}]}`, field: "sources.0.url", key: "url_invalid"},
		{name: "ErrNoHolidays", json: `{"year": 2099, ` + src + `, "holidays": []}`, field: "holidays", key: "required"},
		{name: "ErrNoName", json: `{"year": 2099, ` + src + `, "holidays": [{"from": "2099-05-01", "to": "2099-05-01"}]}`, field: "holidays.0.name", key: "required"},
		{name: "ErrMissingTo", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01"}]}`, field: "holidays.0.to", key: "required"},
		{name: "ErrOutsideYear", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2100-01-01", "to": "2100-01-02"}]}`, field: "holidays.0.from", key: "outside_year"},
		{name: "ErrTooEarlyInDecember", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2098-12-01", "to": "2098-12-02"}]}`, field: "holidays.0.from", key: "outside_year"},
		{name: "ErrEndBeforeStart", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-05", "to": "2099-05-01"}]}`, field: "holidays.0.to", key: "end_before_start"},
		{name: "ErrRangeTooLong", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-01-01", "to": "2099-03-01"}]}`, field: "holidays.0.to", key: "range_too_long"},
		{name: "ErrOverlappingHolidays", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-05"}, {"name": "b", "from": "2099-05-05", "to": "2099-05-06"}]}`, field: "holidays.1.from", key: "overlap"},
		{name: "ErrWorkOnWeekday", file: "bad_work_on_weekday.json", field: "holidays.0.work.0", key: "not_weekend"},
		{name: "ErrOffAndWork", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-05", "work": ["2099-05-02"]}]}`, field: "holidays.0.work.0", key: "off_and_work"},
		{name: "ErrOffAndWorkAcrossHolidays", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-05"}, {"name": "b", "from": "2099-10-01", "to": "2099-10-07", "work": ["2099-05-03"]}]}`, field: "holidays.1.work.0", key: "off_and_work"},
		{name: "ErrDuplicateWork", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-05", "work": ["2099-04-26", "2099-04-26"]}]}`, field: "holidays.0.work.1", key: "duplicate"},
		{name: "ErrWorkOutsideYear", json: `{"year": 2099, ` + src + `, "holidays": [{"name": "a", "from": "2099-05-01", "to": "2099-05-05", "work": ["2100-01-02"]}]}`, field: "holidays.0.work.0", key: "outside_year"},
		{name: "ErrTooLarge", json: `{"note": "` + strings.Repeat("x", sla.MaxScheduleBytes) + `"}`, field: "file", key: "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.json)
			if tt.file != "" {
				var err error
				if data, err = os.ReadFile(filepath.Join("testdata", tt.file)); err != nil {
					t.Fatal(err)
				}
			}
			_, err := sla.ParseSchedule(data)
			wantField(t, err, tt.field, tt.key)
		})
	}
	t.Run("ErrFormatInvalid", func(t *testing.T) {
		_, err := sla.FormatSchedule(sla.Schedule{Year: 2099})
		wantField(t, err, "sources", "required")
	})
}

// FuzzParseSchedule feeds the import parser arbitrary bytes: it must never
// panic, and whatever it accepts must survive export and import unchanged
// and build a calendar.
func FuzzParseSchedule(f *testing.F) {
	for _, s := range sla.ChinaSchedules() {
		b, err := sla.FormatSchedule(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"year":2099,"sources":[{"title":"t"}],"holidays":[{"name":"a","from":"2098-12-25","to":"2099-01-24","work":["2099-01-31"]}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := sla.ParseSchedule(data)
		if err != nil {
			return
		}
		out, err := sla.FormatSchedule(s)
		if err != nil {
			t.Fatalf("accepted schedule does not format: %v", err)
		}
		again, err := sla.ParseSchedule(out)
		if err != nil || !reflect.DeepEqual(again, s) {
			t.Fatalf("round trip = %+v, %v; want %+v", again, err, s)
		}
		if _, err := sla.New(time.UTC, sla.DefaultHours(), []sla.Schedule{s}); err != nil {
			t.Fatalf("accepted schedule makes no calendar: %v", err)
		}
	})
}
