package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/store"
)

// CreateCustomer registers a customer with its contacts. Its name may not
// be another customer's (customer.NameKey), except when the command is
// replayed from another machine (store.Tx.Replaying: two laptops registered
// the customer offline): then both are kept. Either way a customer possibly
// the same as another (customer.PossiblySame) is created and the pair
// flagged as 可能重复 for a supervisor to merge or dismiss.
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
	if !tx.Replaying() {
		if err := uniqueCustomerName(ctx, tx, in.Fields.Name, ""); err != nil {
			return customer.Detail{}, err
		}
	}
	id := tx.NewID()
	if err := tx.InsertCustomer(ctx, id, in.Fields); err != nil {
		return customer.Detail{}, err
	}
	if err := flagDuplicates(ctx, tx, customer.Customer{ID: id, Name: in.Fields.Name}); err != nil {
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

// flagDuplicates flags each customer just registered (its id and name)
// with every other customer possibly the same (customer.PossiblySame).
// The names are read and keyed once, so an import of many customers costs
// one pass.
func flagDuplicates(ctx context.Context, tx *store.Tx, registered ...customer.Customer) error {
	if len(registered) == 0 {
		return nil
	}
	all, err := tx.CustomerNames(ctx, "")
	if err != nil {
		return err
	}
	byKey := map[string][]string{}
	for _, c := range all {
		if k := customer.MatchKey(c.Name); k != "" {
			byKey[k] = append(byKey[k], c.ID)
		}
	}
	for _, c := range registered {
		k := customer.MatchKey(c.Name)
		if k == "" {
			continue
		}
		for _, other := range byKey[k] {
			if other == c.ID {
				continue
			}
			if _, err := tx.FlagDuplicate(ctx, c.ID, other); err != nil {
				return err
			}
		}
	}
	return nil
}

// UpdateCustomer changes a customer's fields from the version the user read.
// A customer merged into another is no longer edited (customer_merged).
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
	if err := notMergedAway(ctx, tx, before); err != nil {
		return customer.Customer{}, err
	}
	if before.Version != c.Version {
		return customer.Customer{}, apperr.Stale("customer")
	}
	// Only a new name can collide: twins kept from two laptops stay editable.
	if customer.NameKey(f.Name) != customer.NameKey(before.Name) {
		if err := uniqueCustomerName(ctx, tx, f.Name, c.ID); err != nil {
			return customer.Customer{}, err
		}
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
	// A contact added to a customer since merged joins the one it became.
	id, err := tx.CustomerID(ctx, c.CustomerID)
	if err != nil {
		return customer.Contact{}, err
	}
	if _, err := tx.Customer(ctx, id); err != nil {
		return customer.Contact{}, err
	}
	return addContact(ctx, tx, id, f)
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

// notMergedAway refuses a change to customer c once it was merged into
// another (customer_merged, naming that one).
func notMergedAway(ctx context.Context, tx *store.Tx, c customer.Customer) error {
	into, err := tx.CustomerID(ctx, c.ID)
	if err != nil || into == c.ID {
		return err
	}
	name, err := tx.CustomerName(ctx, into)
	if err != nil {
		return err
	}
	return customer.MergedError(c, name)
}

// MergeCustomer merges customer From into customer Into, a supervisor's
// answer to a pair flagged as 可能重复: From's contacts and requests move to
// Into (the requests' search text follows), From's other flags pass to
// Into, From stays as merged (store.Tx.CustomerID leads from it to Into, so
// a command recorded before the merge that names From is carried out on
// Into), and both customers are audited. Refused: a customer into itself
// (customer_merge_self), an unknown customer (not_found), either one
// already merged away (customer_merged).
type MergeCustomer struct {
	From string `json:"from"`
	Into string `json:"into"`
}

// Name names the command.
func (MergeCustomer) Name() string { return "customer.merge" }

func (c MergeCustomer) run(ctx context.Context, tx *store.Tx) (customer.Merged, error) {
	from, err := tx.Customer(ctx, c.From)
	if err != nil {
		return customer.Merged{}, err
	}
	into, err := tx.Customer(ctx, c.Into)
	if err != nil {
		return customer.Merged{}, err
	}
	if err := notMergedAway(ctx, tx, from); err != nil {
		return customer.Merged{}, err
	}
	intoMerged, err := tx.CustomerID(ctx, into.ID)
	if err != nil {
		return customer.Merged{}, err
	}
	intoName := ""
	if intoMerged != into.ID {
		if intoName, err = tx.CustomerName(ctx, intoMerged); err != nil {
			return customer.Merged{}, err
		}
	}
	if err := customer.CheckMerge(from, into, intoName); err != nil {
		return customer.Merged{}, err
	}
	by, err := tx.Actor(ctx)
	if err != nil {
		return customer.Merged{}, err
	}
	contacts, requests, err := tx.MoveCustomer(ctx, from.ID, into.ID, by)
	if err != nil {
		return customer.Merged{}, err
	}
	after, err := tx.CustomerDetail(ctx, into.ID)
	if err != nil {
		return customer.Merged{}, err
	}
	moved := func(side string, name string) map[string]any {
		return map[string]any{side: name, "movedContacts": contacts, "movedRequests": requests}
	}
	if err := tx.Audit(ctx, audit.EntityCustomer, from.ID, audit.ActionMerge, map[string]any{"mergedInto": ""}, moved("mergedInto", into.Name)); err != nil {
		return customer.Merged{}, err
	}
	if err := tx.Audit(ctx, audit.EntityCustomer, into.ID, audit.ActionMerge, map[string]any{"mergedFrom": ""}, moved("mergedFrom", from.Name)); err != nil {
		return customer.Merged{}, err
	}
	return customer.Merged{Into: after, Contacts: contacts, Requests: requests}, nil
}

// DismissDuplicate settles a pair flagged as 可能重复 as two different
// customers (不是重复); the pair is not flagged again. Refused: a pair that
// is not flagged open (customer_not_duplicate), an unknown customer.
type DismissDuplicate struct {
	A string `json:"a"`
	B string `json:"b"`
}

// Name names the command.
func (DismissDuplicate) Name() string { return "customer.dismissDuplicate" }

func (c DismissDuplicate) run(ctx context.Context, tx *store.Tx) (customer.Detail, error) {
	a, err := tx.Customer(ctx, c.A)
	if err != nil {
		return customer.Detail{}, err
	}
	b, err := tx.Customer(ctx, c.B)
	if err != nil {
		return customer.Detail{}, err
	}
	status, err := tx.DuplicateStatus(ctx, a.ID, b.ID)
	if err != nil {
		return customer.Detail{}, err
	}
	if status != "open" {
		return customer.Detail{}, apperr.New(apperr.Conflict, "customer_not_duplicate", apperr.P{"a": a.Name, "b": b.Name})
	}
	by, err := tx.Actor(ctx)
	if err != nil {
		return customer.Detail{}, err
	}
	if err := tx.ResolveDuplicate(ctx, a.ID, b.ID, "dismissed", by); err != nil {
		return customer.Detail{}, err
	}
	for _, side := range [][2]customer.Customer{{a, b}, {b, a}} {
		if err := tx.Audit(ctx, audit.EntityCustomer, side[0].ID, audit.ActionUpdate, map[string]any{"notDuplicateOf": ""},
			map[string]any{"notDuplicateOf": side[1].Name}); err != nil {
			return customer.Detail{}, err
		}
	}
	return tx.CustomerDetail(ctx, a.ID)
}
