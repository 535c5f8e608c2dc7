package app

import (
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/customer"
)

// CustomersApp manages customers and their contacts.
type CustomersApp struct{ d Deps }

// List returns a page of customers matching q.
func (a *CustomersApp) List(q customer.Query) (customer.Page, error) {
	p, err := a.d.Store.ListCustomers(a.d.ctx(), q)
	return result(a.d, "customers.list", p, err)
}

// Get returns a customer with its contacts.
func (a *CustomersApp) Get(id string) (customer.Detail, error) {
	c, err := a.d.Store.Customer(a.d.ctx(), id)
	return result(a.d, "customers.get", c, err)
}

// Create registers a customer with its contacts.
func (a *CustomersApp) Create(in customer.Input) (customer.Detail, error) {
	c, err := a.d.Store.CreateCustomer(a.d.ctx(), in)
	return result(a.d, "customers.create", c, err)
}

// Update changes a customer; version is the one the UI read.
func (a *CustomersApp) Update(id string, version int64, f customer.Fields) (customer.Customer, error) {
	c, err := a.d.Store.UpdateCustomer(a.d.ctx(), id, version, f)
	return result(a.d, "customers.update", c, err)
}

// AddContact adds a contact to a customer.
func (a *CustomersApp) AddContact(customerID string, f customer.ContactFields) (customer.Contact, error) {
	k, err := a.d.Store.AddContact(a.d.ctx(), customerID, f)
	return result(a.d, "customers.addContact", k, err)
}

// UpdateContact changes a contact; version is the one the UI read.
func (a *CustomersApp) UpdateContact(id string, version int64, f customer.ContactFields) (customer.Contact, error) {
	k, err := a.d.Store.UpdateContact(a.d.ctx(), id, version, f)
	return result(a.d, "customers.updateContact", k, err)
}

// History returns the audit trail of a customer or contact.
func (a *CustomersApp) History(id string) ([]audit.Entry, error) {
	h, err := a.d.Store.History(a.d.ctx(), id)
	return result(a.d, "customers.history", h, err)
}
