package app

import (
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
)

// intakeDraft is the key under which the intake form's draft is kept;
// on a network each account has its own (intake/ACCOUNT-ID).
const intakeDraft = "intake"

func (a *RequestsApp) draftKey() string {
	if u, ok := auth.UserFrom(a.d.ctx()); ok {
		return intakeDraft + "/" + u.ID
	}
	return intakeDraft
}

// RequestsApp registers, edits, lists and finds customer requests.
type RequestsApp struct{ d Deps }

// Create registers a request and returns it with its number.
func (a *RequestsApp) Create(f request.Fields) (_ request.Request, err error) {
	defer a.d.guard("requests.create", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.CreateRequest{Fields: f})
}

// Update changes a request; version is the one the UI read.
func (a *RequestsApp) Update(id string, version int64, f request.Fields) (_ request.Request, err error) {
	defer a.d.guard("requests.update", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.UpdateRequest{ID: id, Version: version, Fields: f})
}

// Get returns a request with its customer, contact and history.
func (a *RequestsApp) Get(id string) (_ request.Detail, err error) {
	defer a.d.guard("requests.get", &err)
	return a.d.Store.Request(a.d.ctx(), id)
}

// List returns the page of requests q selects.
func (a *RequestsApp) List(q request.Query) (_ request.Page, err error) {
	defer a.d.guard("requests.list", &err)
	return a.d.Store.ListRequests(a.d.ctx(), q)
}

// Total returns how many requests q selects, counted up to
// request.TotalCap, or exactly when q.ExactTotal: the list asks for it
// when a search's page gave only a lower bound (request.Page.TotalExact).
func (a *RequestsApp) Total(q request.Query) (_ request.Total, err error) {
	defer a.d.guard("requests.total", &err)
	return a.d.Store.TotalRequests(a.d.ctx(), q)
}

// Draft returns the unfinished intake form (JSON), or "" when there is none.
func (a *RequestsApp) Draft() (_ string, err error) {
	defer a.d.guard("requests.draft", &err)
	return a.d.Store.Draft(a.d.ctx(), a.draftKey())
}

// SaveDraft keeps the intake form as typed so far; "" discards it.
func (a *RequestsApp) SaveDraft(body string) (err error) {
	defer a.d.guard("requests.saveDraft", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.SaveDraft{Key: a.draftKey(), Body: body})
	return err
}

// Move takes a step of the lifecycle (triage, assign, … archive, hold,
// reject); version is the one the UI read.
func (a *RequestsApp) Move(id string, version int64, m request.Move) (_ request.Request, err error) {
	defer a.d.guard("requests.move", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.MoveRequest{ID: id, Version: version, Move: m})
}

// Bulk takes one action on many requests of the list (the rows selected,
// or all that match the filter), each request in its own transaction by
// its own command and guards; the result says what was done and what was
// refused and why. On a network each request's command is checked against
// the caller's roles, and a refused one is reported, not an error.
func (a *RequestsApp) Bulk(b command.Bulk) (_ command.BulkResult, err error) {
	defer a.d.guard("requests.bulk", &err)
	ctx := a.d.ctx()
	allow := func(method string) error {
		if u, ok := auth.UserFrom(ctx); ok {
			return auth.Allow(u, method)
		}
		return nil
	}
	return command.RunBulk(ctx, a.d.Commands, b, allow)
}

// ResolveOnCall registers a consultation answered during the call and
// closes it on the short path at once (当场解决), with its call, result
// note and feedback; it returns the archived request.
func (a *RequestsApp) ResolveOnCall(f request.Fields, o request.OnCall) (_ request.Request, err error) {
	defer a.d.guard("requests.resolveOnCall", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.ResolveOnCall{Fields: f, OnCall: o})
}

// SaveRecord adds a stage record or changes one.
func (a *RequestsApp) SaveRecord(in request.RecordInput) (_ request.Record, err error) {
	defer a.d.guard("requests.saveRecord", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveRecord{Input: in})
}

// DeleteRecord removes a stage record nothing depends on.
func (a *RequestsApp) DeleteRecord(id string, version int64) (err error) {
	defer a.d.guard("requests.deleteRecord", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.DeleteRecord{ID: id, Version: version})
	return err
}

// Board returns the open stages with their requests, filtered like the list.
func (a *RequestsApp) Board(q request.Query) (_ []request.Column, err error) {
	defer a.d.guard("requests.board", &err)
	return a.d.Store.Board(a.d.ctx(), q, 30)
}

// MyWork lists what the current user must do next.
func (a *RequestsApp) MyWork() (_ []request.WorkItem, err error) {
	defer a.d.guard("requests.myWork", &err)
	return a.d.Store.MyWork(a.d.ctx())
}
