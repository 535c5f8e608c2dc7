package app

import (
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
)

// CustomersApp manages customers and their contacts.
type CustomersApp struct{ d Deps }

// List returns a page of customers matching q.
func (a *CustomersApp) List(q customer.Query) (_ customer.Page, err error) {
	defer a.d.guard("customers.list", &err)
	return a.d.Store.ListCustomers(a.d.ctx(), q)
}

// Get returns a customer with its contacts.
func (a *CustomersApp) Get(id string) (_ customer.Detail, err error) {
	defer a.d.guard("customers.get", &err)
	return a.d.Store.Customer(a.d.ctx(), id)
}

// Create registers a customer with its contacts.
func (a *CustomersApp) Create(in customer.Input) (_ customer.Detail, err error) {
	defer a.d.guard("customers.create", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.CreateCustomer{Input: in})
}

// Update changes a customer; version is the one the UI read.
func (a *CustomersApp) Update(id string, version int64, f customer.Fields) (_ customer.Customer, err error) {
	defer a.d.guard("customers.update", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.UpdateCustomer{ID: id, Version: version, Fields: f})
}

// AddContact adds a contact to a customer.
func (a *CustomersApp) AddContact(customerID string, f customer.ContactFields) (_ customer.Contact, err error) {
	defer a.d.guard("customers.addContact", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.AddContact{CustomerID: customerID, Fields: f})
}

// UpdateContact changes a contact; version is the one the UI read.
func (a *CustomersApp) UpdateContact(id string, version int64, f customer.ContactFields) (_ customer.Contact, err error) {
	defer a.d.guard("customers.updateContact", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.UpdateContact{ID: id, Version: version, Fields: f})
}

// Merge merges the customer from into the customer into (a pair flagged
// as possibly the same): from's contacts and requests move to into.
func (a *CustomersApp) Merge(from, into string) (_ customer.Merged, err error) {
	defer a.d.guard("customers.merge", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.MergeCustomer{From: from, Into: into})
}

// DismissDuplicate settles the pair of customers id and other, flagged as
// possibly the same, as two customers; it returns id's customer.
func (a *CustomersApp) DismissDuplicate(id, other string) (_ customer.Detail, err error) {
	defer a.d.guard("customers.dismissDuplicate", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.DismissDuplicate{A: id, B: other})
}

// History returns the audit trail of a customer or contact.
func (a *CustomersApp) History(id string) (_ []audit.Entry, err error) {
	defer a.d.guard("customers.history", &err)
	return a.d.Store.History(a.d.ctx(), id)
}
