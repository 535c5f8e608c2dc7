package app

import "github.com/reqdesk/reqdesk/internal/request"

// intakeDraft is the key under which the intake form's draft is kept.
const intakeDraft = "intake"

// RequestsApp registers, edits, lists and finds customer requests.
type RequestsApp struct{ d Deps }

// Create registers a request and returns it with its number.
func (a *RequestsApp) Create(f request.Fields) (request.Request, error) {
	r, err := a.d.Store.CreateRequest(a.d.ctx(), f)
	return result(a.d, "requests.create", r, err)
}

// Update changes a request; version is the one the UI read.
func (a *RequestsApp) Update(id string, version int64, f request.Fields) (request.Request, error) {
	r, err := a.d.Store.UpdateRequest(a.d.ctx(), id, version, f)
	return result(a.d, "requests.update", r, err)
}

// Get returns a request with its customer, contact and history.
func (a *RequestsApp) Get(id string) (request.Detail, error) {
	r, err := a.d.Store.Request(a.d.ctx(), id)
	return result(a.d, "requests.get", r, err)
}

// List returns the page of requests q selects.
func (a *RequestsApp) List(q request.Query) (request.Page, error) {
	p, err := a.d.Store.ListRequests(a.d.ctx(), q)
	return result(a.d, "requests.list", p, err)
}

// Draft returns the unfinished intake form (JSON), or "" when there is none.
func (a *RequestsApp) Draft() (string, error) {
	s, err := a.d.Store.Draft(a.d.ctx(), intakeDraft)
	return result(a.d, "requests.draft", s, err)
}

// SaveDraft keeps the intake form as typed so far; "" discards it.
func (a *RequestsApp) SaveDraft(body string) error {
	return a.d.wire("requests.saveDraft", a.d.Store.SaveDraft(a.d.ctx(), intakeDraft, body))
}
