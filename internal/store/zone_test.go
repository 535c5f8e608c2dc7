package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// inZone runs the rest of the test with the laptop set to the zone name.
func inZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = old })
	return loc
}

// TestCompanyTimeZone: on a laptop in New York, due dates, report periods
// and request numbers' years are those of the company's zone, Asia/Shanghai by default; naming
// another zone recomputes the open requests' clocks in it.
func TestCompanyTimeZone(t *testing.T) {
	ctx := context.Background()
	ny := inZone(t, "America/New_York")
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	s, clk, _ := openStore(t)
	// Friday 17:30 in Shanghai is 05:30 in New York.
	clk.Set(time.Date(2024, 3, 15, 17, 30, 0, 0, shanghai))
	c := mustCustomer(t, s, "华信科技有限公司")
	f := fields(c, "咨询系统对接方案")
	f.ReceivedAt = time.Date(2024, 3, 15, 17, 0, 0, 0, shanghai)
	r := mustRequest(t, s, f)

	due := func() time.Time {
		t.Helper()
		ms, err := s.Clocks(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		return clockOf(t, ms, sla.KindRespond).Due
	}
	// 8 working hours from Friday 17:00: Friday 17–18, Monday 9–12 and
	// 13:30–17:30 in Shanghai. In New York's hours it would be Monday 09:30.
	if got, want := due(), time.Date(2024, 3, 18, 17, 30, 0, 0, shanghai); !got.Equal(want) {
		t.Fatalf("respond due %s, want %s (Shanghai's working hours)", got.In(shanghai), want)
	}

	t.Run("MonthPeriod", func(t *testing.T) {
		v, err := s.LiveReport(ctx, report.KindMonthly, "2024-03", "")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := v.Monthly.Period.From, time.Date(2024, 3, 1, 0, 0, 0, 0, shanghai); !got.Equal(want) {
			t.Fatalf("March starts %s, want %s", got, want)
		}
	})

	t.Run("NumberYear", func(t *testing.T) {
		// New Year's morning in Shanghai is still New Year's Eve in New York.
		defer clk.Set(clk.Now())
		clk.Set(time.Date(2025, 1, 1, 9, 30, 0, 0, shanghai))
		f := fields(c, "新年第一单")
		f.ReceivedAt = time.Date(2025, 1, 1, 9, 0, 0, 0, shanghai)
		if r := mustRequest(t, s, f); !strings.Contains(r.Number, "2025") {
			t.Fatalf("number %s, want one of 2025", r.Number)
		}
	})

	t.Run("ZoneChanged", func(t *testing.T) {
		st, err := s.Settings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.TimeZone != settings.DefaultTimeZone {
			t.Fatalf("time zone = %q, want the default %s", st.TimeZone, settings.DefaultTimeZone)
		}
		st.TimeZone = "America/New_York"
		if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: st}); err != nil {
			t.Fatal(err)
		}
		// Received Friday 05:00 in New York: 7.5 working hours that day,
		// the last half hour on Monday.
		if got, want := due(), time.Date(2024, 3, 18, 9, 30, 0, 0, ny); !got.Equal(want) {
			t.Fatalf("respond due %s, want %s (New York's working hours)", got.In(ny), want)
		}
	})

	t.Run("ErrUnknownZone", func(t *testing.T) {
		for _, zone := range []string{"Mars/Olympus", "Local", "../etc/passwd"} {
			st, _ := s.Settings(ctx)
			st.TimeZone = zone
			if _, err := command.Run(ctx, command.New(s), command.SaveSettings{Settings: st}); fieldKeys(err)["timeZone"] != "not_in_list" {
				t.Fatalf("%q: err = %v, want timeZone not_in_list", zone, err)
			}
		}
		if st, _ := s.Settings(ctx); st.TimeZone != "America/New_York" {
			t.Fatalf("time zone = %q after refused changes", st.TimeZone)
		}
	})
}
