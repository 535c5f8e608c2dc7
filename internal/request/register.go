package request

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// FieldsCheck is what a request's fields are checked against when it is
// registered or edited: the word lists and the people list as they are
// now, what the store knows of the customer and contact the fields name,
// and the time of the change.
type FieldsCheck struct {
	Lists vocab.Lists
	Staff Staff
	// CustomerFound reports whether the customer the fields name exists.
	CustomerFound bool
	// ContactFound reports whether the contact the fields name exists;
	// ContactCustomer is then the customer it belongs to.
	ContactFound    bool
	ContactCustomer string
	Now             time.Time
}

// CheckFields normalizes the fields and validates them against the lists,
// the people, the customer and its contacts; prev are the fields as saved
// (nil for a new request), whose values stay acceptable even when their
// list item was retired since. Every problem names its field.
func CheckFields(f Fields, prev *Fields, in FieldsCheck) (Fields, error) {
	f = f.Normalize()
	verr := f.Validate(in.Lists, in.Staff, prev, in.Now)
	fe := apperr.Fields{}
	if e, ok := apperr.As(verr); ok {
		for _, x := range e.Fields {
			fe.AddParams(x.Field, x.Key, x.Params)
		}
	} else if verr != nil {
		return f, verr
	}
	if f.CustomerID != "" && !in.CustomerFound {
		fe.Add("customerId", "not_found")
	}
	if f.ContactID != "" && !fe.Has("customerId") && (!in.ContactFound || in.ContactCustomer != f.CustomerID) {
		fe.Add("contactId", "contact_not_of_customer")
	}
	return f, fe.Err()
}

// Register decides a new request from the fields typed at intake: checked
// (see CheckFields), registered, on the path its type takes by default.
// The caller gives it its id, number and times when it saves it.
func Register(f Fields, in FieldsCheck) (Request, error) {
	f, err := CheckFields(f, nil, in)
	if err != nil {
		return Request{}, err
	}
	return Request{Status: StatusRegistered, Fields: f, State: State{Path: DefaultPath(in.Lists, f.Type)}}, nil
}

// Edit decides a change of a request's fields: a closed request (archived,
// rejected, cancelled) is read-only; the new fields are checked against
// the lists as CheckFields does. changed is false when the fields come out
// as saved, and nothing is to be written.
func Edit(before Request, f Fields, in FieldsCheck) (after Request, changed bool, err error) {
	if before.Status.Closed() {
		return before, false, apperr.New(apperr.Forbidden, "records_read_only", apperr.P{"status": before.Status.Term()})
	}
	f, err = CheckFields(f, &before.Fields, in)
	if err != nil {
		return before, false, err
	}
	if f == before.Fields {
		return before, false, nil
	}
	after = before
	after.Fields = f
	return after, true, nil
}

// DefaultPath is the path a request of the type takes unless triage decides
// otherwise, as the type's list item says: short only when it says so; a
// type not on the list takes the full path.
func DefaultPath(lists vocab.Lists, typ string) Path {
	for _, it := range lists.Types {
		if it.Label == typ {
			return PathOf(it.DefaultPath)
		}
	}
	return PathFull
}

// PathOf is the path a request type's configured default path stands for:
// short only when it says so.
func PathOf(defaultPath string) Path {
	if defaultPath == string(PathShort) {
		return PathShort
	}
	return PathFull
}
