package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
)

// RegisterComplaint registers a customer's complaint about how a request
// was handled (办法 003) against that request.
func (a *RequestsApp) RegisterComplaint(requestID string, in request.ComplaintInput) (_ request.Record, err error) {
	defer a.d.guard("complaints.register", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.RegisterComplaint{RequestID: requestID, Input: in})
}

// StepComplaint takes a complaint, read at version, one step: accept,
// answer, close or reinvestigate.
func (a *RequestsApp) StepComplaint(id string, version int64, action string, in request.ComplaintInput) (_ request.Record, err error) {
	defer a.d.guard("complaints.step", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.StepComplaint{ID: id, Version: version, Action: action, Input: in})
}

// Complaints lists the complaints the filter selects, the latest first.
func (a *RequestsApp) Complaints(f store.ComplaintFilter) (_ []store.ComplaintRow, err error) {
	defer a.d.guard("complaints.list", &err)
	return a.d.Store.Complaints(a.d.ctx(), f)
}

// SaveChannelLimits stores the channel, cross-department and complaint
// time limits; open requests' clocks follow.
func (a *TimeLimitsApp) SaveChannelLimits(l sla.ChannelLimits) (_ store.SLASettings, err error) {
	defer a.d.guard("sla.saveChannelLimits", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveChannelLimits{Limits: l})
}

// AssessValue records a quarter's value assessment of a high-value need
// (plan 004: repeat purchase, cost saved, improvement made).
func (a *RequestsApp) AssessValue(requestID string, in request.ValueInput) (_ request.Record, err error) {
	defer a.d.guard("value.assess", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.AssessValue{RequestID: requestID, Input: in})
}

// ValueDues lists the high-value needs of a quarter ("2026Q4", the current
// one when empty) with that quarter's assessment, those still due first.
func (a *RequestsApp) ValueDues(quarter string) (_ ValueQuarter, err error) {
	defer a.d.guard("value.dues", &err)
	zone, err := a.d.Store.Zone(a.d.ctx())
	if err != nil {
		return ValueQuarter{}, err
	}
	if quarter == "" {
		quarter = request.Quarter(a.d.Clock.Now(), zone)
	}
	p, err := report.ParseFor(report.KindQuarterly, quarter, zone)
	if err != nil {
		return ValueQuarter{}, err
	}
	items, err := a.d.Store.ValueDues(a.d.ctx(), p.Key, p.To)
	return ValueQuarter{Quarter: p.Key, Label: p.Label, Current: request.Quarter(a.d.Clock.Now(), zone), Items: items}, err
}

// ValueQuarter is a quarter's value assessment: its key and label, the
// current quarter, and the high-value needs in it.
type ValueQuarter struct {
	Quarter string           `json:"quarter"`
	Label   string           `json:"label"`
	Current string           `json:"current"`
	Items   []store.ValueDue `json:"items"`
}
