package settings_test

import (
	"testing"
	_ "time/tzdata"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/settings"
)

func TestTimeZone(t *testing.T) {
	tests := []struct {
		name   string
		zone   string
		want   string // the zone after Normalize
		errKey string
	}{
		{"OK", "Asia/Shanghai", "Asia/Shanghai", ""},
		{"OKOther", " Europe/Berlin ", "Europe/Berlin", ""},
		{"OKUTC", "UTC", "UTC", ""},
		{"EmptyIsDefault", "", settings.DefaultTimeZone, ""},
		{"ErrUnknown", "Mars/Olympus", "Mars/Olympus", "not_in_list"},
		{"ErrLocal", "Local", "Local", "not_in_list"},
		{"ErrPath", "../../etc/passwd", "../../etc/passwd", "not_in_list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings.Defaults("李娜")
			s.TimeZone = tt.zone
			s = s.Normalize()
			if s.TimeZone != tt.want {
				t.Fatalf("normalized zone = %q, want %q", s.TimeZone, tt.want)
			}
			err := s.Validate()
			got := ""
			if e, ok := apperr.As(err); ok {
				for _, f := range e.Fields {
					if f.Field == "timeZone" {
						got = f.Key
					}
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if got != tt.errKey {
				t.Fatalf("timeZone error = %q, want %q (err %v)", got, tt.errKey, err)
			}
			if tt.errKey == "" {
				loc, err := settings.Zone(s.TimeZone)
				if err != nil || loc.String() != tt.want {
					t.Fatalf("Zone(%q) = %v, %v", s.TimeZone, loc, err)
				}
			}
		})
	}
	if settings.Defaults("").TimeZone != "Asia/Shanghai" {
		t.Fatal("a new installation's zone is not Asia/Shanghai")
	}
}
