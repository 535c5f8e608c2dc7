package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/store"
)

// SavePerson adds a person to the people list (ID empty) or changes one
// from the version the user read. No two people share a name.
type SavePerson struct {
	ID      string        `json:"id"`
	Version int64         `json:"version"`
	Fields  people.Fields `json:"fields"`
}

// Name names the command.
func (SavePerson) Name() string { return "people.save" }

func (c SavePerson) run(ctx context.Context, tx *store.Tx) (people.Person, error) {
	f, err := c.Fields.Check()
	if err != nil {
		return people.Person{}, err
	}
	taken, err := tx.PersonNamed(ctx, f.Name, c.ID)
	if err != nil {
		return people.Person{}, err
	}
	if taken {
		return people.Person{}, people.DuplicateName()
	}
	id, action := c.ID, audit.ActionCreate
	var before any
	if id == "" {
		id = tx.NewID()
		err = tx.InsertPerson(ctx, id, f)
	} else {
		var b people.Person
		if b, err = tx.Person(ctx, id); err != nil {
			return people.Person{}, err
		}
		if b.Version != c.Version {
			return people.Person{}, apperr.Stale("person")
		}
		before, action = b, audit.ActionUpdate
		err = tx.UpdatePerson(ctx, id, c.Version, f)
	}
	if err != nil {
		return people.Person{}, err
	}
	after, err := tx.Person(ctx, id)
	if err != nil {
		return people.Person{}, err
	}
	return after, tx.Audit(ctx, audit.EntityPerson, id, action, before, after)
}
