// Package settings holds the local profile and the preferences of this
// installation: who is acting, the device code, and the numbering pattern.
package settings

import (
	"fmt"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// MaxProfileName is the longest profile name accepted, in characters.
const MaxProfileName = 50

// Settings are this installation's preferences.
type Settings struct {
	// ProfileName is the person using this laptop; it is recorded as the
	// actor of every change and proposed as the receiver of new requests.
	ProfileName string `json:"profileName"`
	// DeviceCode tells this laptop's request numbers apart from others'.
	DeviceCode string `json:"deviceCode"`
	// NumberPattern is how request numbers are made (see request.NumberPattern).
	NumberPattern string `json:"numberPattern"`
	// CompanyName heads printed documents.
	CompanyName string `json:"companyName"`
	// Supervisor receives escalations of breached time limits.
	Supervisor string `json:"supervisor"`
	// ResponseLeader leads the emergency response group (应急响应小组) and
	// receives escalations of emergencies.
	ResponseLeader string `json:"responseLeader"`
	// TimeZone is the company's time zone (an IANA name such as
	// Asia/Shanghai): the working calendar, report periods and the dates
	// on documents are of this zone, whatever zone the laptop is set to.
	TimeZone string `json:"timeZone"`
	// Guide is where the first-run guide stands: "" while it is to be
	// shown (until the first request), GuideDismissed once put away.
	Guide string `json:"guide"`
}

// GuideDismissed is Guide once the user has put the first-run guide away.
const GuideDismissed = "dismissed"

// DefaultTimeZone is the company's time zone until the settings name
// another.
const DefaultTimeZone = "Asia/Shanghai"

// Defaults returns the settings of a new installation for the given user.
func Defaults(user string) Settings {
	if user == "" {
		user = "本机用户"
	}
	return Settings{ProfileName: user, NumberPattern: request.DefaultNumberPattern, TimeZone: DefaultTimeZone}
}

// Zone loads a time zone setting: the zone of that IANA name, DefaultTimeZone
// for none. "Local" (the laptop's own zone, which differs from laptop to
// laptop) and unknown names are refused. The zone database is the system's
// or, where it has none (Windows), the copy main embeds (time/tzdata).
func Zone(name string) (*time.Location, error) {
	if name == "" {
		name = DefaultTimeZone
	}
	if name == "Local" {
		return nil, fmt.Errorf("time zone %q is not a zone name", name)
	}
	return time.LoadLocation(name)
}

// Normalize trims the fields and upper-cases the device code.
func (s Settings) Normalize() Settings {
	s.ProfileName = strings.TrimSpace(s.ProfileName)
	s.DeviceCode = strings.ToUpper(strings.TrimSpace(s.DeviceCode))
	s.NumberPattern = strings.TrimSpace(s.NumberPattern)
	s.CompanyName = strings.TrimSpace(s.CompanyName)
	s.Supervisor = strings.TrimSpace(s.Supervisor)
	s.ResponseLeader = strings.TrimSpace(s.ResponseLeader)
	s.Guide = strings.TrimSpace(s.Guide)
	if s.TimeZone = strings.TrimSpace(s.TimeZone); s.TimeZone == "" {
		s.TimeZone = DefaultTimeZone
	}
	return s
}

// Validate checks normalized settings.
func (s Settings) Validate() error {
	var fe apperr.Fields
	fe.RequiredLine("profileName", s.ProfileName, MaxProfileName)
	fe.Line("companyName", s.CompanyName, 100)
	fe.Line("supervisor", s.Supervisor, MaxProfileName)
	fe.Line("responseLeader", s.ResponseLeader, MaxProfileName)
	if _, err := Zone(s.TimeZone); err != nil || strings.ContainsAny(s.TimeZone, "\x00\r\n") {
		fe.Add("timeZone", "not_in_list")
	}
	if s.Guide != "" && s.Guide != GuideDismissed {
		fe.Add("guide", "not_in_list")
	}
	if _, err := request.ParseNumberPattern(s.NumberPattern, s.DeviceCode); err != nil {
		if e, ok := apperr.As(err); ok {
			for _, f := range e.Fields {
				fe.AddParams(f.Field, f.Key, f.Params)
			}
		}
	}
	return fe.Err()
}
