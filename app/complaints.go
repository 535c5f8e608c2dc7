package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
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
