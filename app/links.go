package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/view"
)

// Related returns what the request page shows beside request id: the
// customer's other requests (open first), the contact's latest
// communication, and the request's links both ways.
func (a *RequestsApp) Related(id string) (_ store.RequestHistory, err error) {
	defer a.d.guard("requests.related", &err)
	return a.d.Store.RequestHistory(a.d.ctx(), id)
}

// Link links request id to another (related, follows from).
func (a *RequestsApp) Link(id string, in request.LinkInput) (_ request.Link, err error) {
	defer a.d.guard("requests.link", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.LinkRequests{RequestID: id, Input: in})
}

// Unlink removes the link linkID of request id.
func (a *RequestsApp) Unlink(id, linkID string) (err error) {
	defer a.d.guard("requests.unlink", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.UnlinkRequests{RequestID: id, LinkID: linkID})
	return err
}

// FollowUp registers the new need written in feedback record recordID of
// request id as a new request of the same customer and contact, linked to
// it; it returns the new request.
func (a *RequestsApp) FollowUp(id, recordID string) (_ request.Request, err error) {
	defer a.d.guard("requests.followUp", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.FollowUpFeedback{RequestID: id, RecordID: recordID})
}

// Views returns the team's saved views of the request list and the
// person's own, each with its count now.
func (a *RequestsApp) Views() (_ []view.Counted, err error) {
	defer a.d.guard("views.list", &err)
	return a.d.Store.Views(a.d.ctx())
}

// SaveTeamView saves a view for the team (a supervisor's): new when id is
// "", else the one read at version.
func (a *RequestsApp) SaveTeamView(id string, version int64, in view.Input) (_ view.View, err error) {
	defer a.d.guard("views.saveTeam", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveTeamView{ID: id, Version: version, Input: in})
}

// SaveMyView saves a view for the person acting.
func (a *RequestsApp) SaveMyView(id string, version int64, in view.Input) (_ view.View, err error) {
	defer a.d.guard("views.saveMine", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveMyView{ID: id, Version: version, Input: in})
}

// DeleteTeamView removes a team view.
func (a *RequestsApp) DeleteTeamView(id string) (err error) {
	defer a.d.guard("views.deleteTeam", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.DeleteTeamView{ID: id})
	return err
}

// DeleteMyView removes one of the person's own views.
func (a *RequestsApp) DeleteMyView(id string) (err error) {
	defer a.d.guard("views.deleteMine", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.DeleteMyView{ID: id})
	return err
}

// Requests returns a page of the customer's requests, open first, with
// their states and satisfaction, and the counts.
func (a *CustomersApp) Requests(customerID string, offset, limit int) (_ store.CustomerHistoryPage, err error) {
	defer a.d.guard("customers.requests", &err)
	return a.d.Store.CustomerHistory(a.d.ctx(), customerID, offset, limit)
}
