package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/store"
)

// CreateCustomer registers a customer with its contacts. Its name may not
// be another customer's (customer.NameKey).
type CreateCustomer struct {
	Input customer.Input `json:"input"`
}

// Name names the command.
func (CreateCustomer) Name() string { return "customer.create" }

func (c CreateCustomer) run(ctx context.Context, tx *store.Tx) (customer.Detail, error) {
	in, err := c.Input.Validate()
	if err != nil {
		return customer.Detail{}, err
	}
	if err := uniqueCustomerName(ctx, tx, in.Fields.Name, ""); err != nil {
		return customer.Detail{}, err
	}
	id := tx.NewID()
	if err := tx.InsertCustomer(ctx, id, in.Fields); err != nil {
		return customer.Detail{}, err
	}
	created, err := tx.Customer(ctx, id)
	if err != nil {
		return customer.Detail{}, err
	}
	if err := tx.Audit(ctx, audit.EntityCustomer, id, audit.ActionCreate, nil, created); err != nil {
		return customer.Detail{}, err
	}
	for _, k := range in.Contacts {
		if _, err := addContact(ctx, tx, id, k); err != nil {
			return customer.Detail{}, err
		}
	}
	return tx.CustomerDetail(ctx, id)
}

// uniqueCustomerName refuses a name another customer (not id) already has.
func uniqueCustomerName(ctx context.Context, tx *store.Tx, name, id string) error {
	other, found, err := tx.CustomerNamed(ctx, name, id)
	if err != nil || !found {
		return err
	}
	return customer.DuplicateName(other)
}

// UpdateCustomer changes a customer's fields from the version the user read.
type UpdateCustomer struct {
	ID      string          `json:"id"`
	Version int64           `json:"version"`
	Fields  customer.Fields `json:"fields"`
}

// Name names the command.
func (UpdateCustomer) Name() string { return "customer.update" }

func (c UpdateCustomer) run(ctx context.Context, tx *store.Tx) (customer.Customer, error) {
	f, err := c.Fields.Check()
	if err != nil {
		return customer.Customer{}, err
	}
	before, err := tx.Customer(ctx, c.ID)
	if err != nil {
		return customer.Customer{}, err
	}
	if before.Version != c.Version {
		return customer.Customer{}, apperr.Stale("customer")
	}
	if err := uniqueCustomerName(ctx, tx, f.Name, c.ID); err != nil {
		return customer.Customer{}, err
	}
	if err := tx.UpdateCustomer(ctx, c.ID, c.Version, f); err != nil {
		return customer.Customer{}, err
	}
	after, err := tx.Customer(ctx, c.ID)
	if err != nil {
		return customer.Customer{}, err
	}
	return after, tx.Audit(ctx, audit.EntityCustomer, c.ID, audit.ActionUpdate, before, after)
}

// AddContact adds a contact to the customer CustomerID.
type AddContact struct {
	CustomerID string                 `json:"customerId"`
	Fields     customer.ContactFields `json:"fields"`
}

// Name names the command.
func (AddContact) Name() string { return "customer.addContact" }

func (c AddContact) run(ctx context.Context, tx *store.Tx) (customer.Contact, error) {
	f, err := c.Fields.Check()
	if err != nil {
		return customer.Contact{}, err
	}
	if _, err := tx.Customer(ctx, c.CustomerID); err != nil {
		return customer.Contact{}, err
	}
	return addContact(ctx, tx, c.CustomerID, f)
}

// addContact stores and audits checked contact fields.
func addContact(ctx context.Context, tx *store.Tx, customerID string, f customer.ContactFields) (customer.Contact, error) {
	id := tx.NewID()
	if err := tx.InsertContact(ctx, id, customerID, f); err != nil {
		return customer.Contact{}, err
	}
	k, err := tx.Contact(ctx, id)
	if err != nil {
		return k, err
	}
	return k, tx.Audit(ctx, audit.EntityContact, id, audit.ActionCreate, nil, k)
}

// UpdateContact changes a contact from the version the user read.
type UpdateContact struct {
	ID      string                 `json:"id"`
	Version int64                  `json:"version"`
	Fields  customer.ContactFields `json:"fields"`
}

// Name names the command.
func (UpdateContact) Name() string { return "customer.updateContact" }

func (c UpdateContact) run(ctx context.Context, tx *store.Tx) (customer.Contact, error) {
	f, err := c.Fields.Check()
	if err != nil {
		return customer.Contact{}, err
	}
	before, err := tx.Contact(ctx, c.ID)
	if err != nil {
		return customer.Contact{}, err
	}
	if before.Version != c.Version {
		return customer.Contact{}, apperr.Stale("contact")
	}
	if err := tx.UpdateContact(ctx, c.ID, c.Version, f); err != nil {
		return customer.Contact{}, err
	}
	after, err := tx.Contact(ctx, c.ID)
	if err != nil {
		return customer.Contact{}, err
	}
	return after, tx.Audit(ctx, audit.EntityContact, c.ID, audit.ActionUpdate, before, after)
}
