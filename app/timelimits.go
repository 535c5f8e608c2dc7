package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

// TimeLimitsApp edits the time-limit policies and the working calendar, and
// feeds the notification centre.
type TimeLimitsApp struct{ d Deps }

// Policies returns every time-limit policy.
func (a *TimeLimitsApp) Policies() (_ []sla.Policy, err error) {
	defer a.d.guard("sla.policies", &err)
	return a.d.Store.Policies(a.d.ctx())
}

// SavePolicy adds or changes a policy; open requests' clocks follow.
func (a *TimeLimitsApp) SavePolicy(p sla.Policy) (_ sla.Policy, err error) {
	defer a.d.guard("sla.savePolicy", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SavePolicy{Policy: p})
}

// Settings returns the working hours and the due-soon threshold.
func (a *TimeLimitsApp) Settings() (_ store.SLASettings, err error) {
	defer a.d.guard("sla.settings", &err)
	return a.d.Store.SLASettings(a.d.ctx())
}

// SaveSettings stores working hours and the due-soon threshold.
func (a *TimeLimitsApp) SaveSettings(s store.SLASettings) (_ store.SLASettings, err error) {
	defer a.d.guard("sla.saveSettings", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveSLASettings{Settings: s})
}

// Schedules lists the holiday calendar's years, shipped, entered or missing.
func (a *TimeLimitsApp) Schedules() (_ []store.ScheduleYear, err error) {
	defer a.d.guard("sla.schedules", &err)
	return a.d.Store.Schedules(a.d.ctx())
}

// ImportSchedule stores a year's holiday schedule from its JSON file text.
func (a *TimeLimitsApp) ImportSchedule(data string) (_ sla.Schedule, err error) {
	defer a.d.guard("sla.importSchedule", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.ImportSchedule{Data: []byte(data)})
}

// ExportSchedule returns a year's schedule as JSON text to share.
func (a *TimeLimitsApp) ExportSchedule(year int) (_ string, err error) {
	defer a.d.guard("sla.exportSchedule", &err)
	b, err := a.d.Store.ExportSchedule(a.d.ctx(), year)
	return string(b), err
}

// Alerts escalates what is due for escalation and returns, for the
// notification centre, the most pressing running clocks that are due soon
// or breached (at most request.MaxAlerts) with how many there are in all.
func (a *TimeLimitsApp) Alerts() (_ request.AlertList, err error) {
	defer a.d.guard("sla.alerts", &err)
	if _, err := command.Run(a.d.ctx(), a.d.Commands, command.Escalate{}); err != nil {
		return request.AlertList{}, err
	}
	return a.d.Store.Alerts(a.d.ctx(), request.MaxAlerts)
}

// DeletePolicy removes a policy narrowed to a type or channel.
func (a *TimeLimitsApp) DeletePolicy(id string, version int64) (err error) {
	defer a.d.guard("sla.deletePolicy", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.DeletePolicy{ID: id, Version: version})
	return err
}
