package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/store"
)

// CreateAccount adds an account people log in with in serve mode on a
// network. PasswordHash is the hash auth.NewAccount made of the password:
// the password itself is never part of a command. The account holder is
// put on the people list (people.ForAccount), since they receive, own and
// review requests under their name.
type CreateAccount struct {
	Fields       auth.Fields `json:"fields"`
	PasswordHash string      `json:"passwordHash"`
}

// Name names the command.
func (CreateAccount) Name() string { return "account.create" }

func (c CreateAccount) run(ctx context.Context, tx *store.Tx) (auth.Account, error) {
	f := c.Fields.Normalize()
	if err := f.Validate(); err != nil {
		return auth.Account{}, err
	}
	if err := auth.CheckHash(c.PasswordHash); err != nil {
		return auth.Account{}, err
	}
	key := auth.NameKey(f.Name)
	taken, err := tx.AccountNamed(ctx, key)
	if err != nil {
		return auth.Account{}, err
	}
	if taken {
		return auth.Account{}, auth.DuplicateName(f.Name)
	}
	id := tx.NewID()
	if err := tx.InsertAccount(ctx, id, f, c.PasswordHash); err != nil {
		return auth.Account{}, err
	}
	a, err := tx.Account(ctx, key)
	if err != nil {
		return auth.Account{}, err
	}
	if err := tx.ListPerson(ctx, people.ForAccount(f.Name, f.Roles)); err != nil {
		return auth.Account{}, err
	}
	return a, tx.Audit(ctx, audit.EntityAccount, id, audit.ActionCreate, nil, a)
}

// SetAccountPassword replaces the password of the account called Account and
// ends its sessions. PasswordHash is the hash auth.NewPassword made.
type SetAccountPassword struct {
	Account      string `json:"account"`
	PasswordHash string `json:"passwordHash"`
}

// Name names the command.
func (SetAccountPassword) Name() string { return "account.setPassword" }

func (c SetAccountPassword) run(ctx context.Context, tx *store.Tx) (auth.Account, error) {
	if err := auth.CheckHash(c.PasswordHash); err != nil {
		return auth.Account{}, err
	}
	return changeAccount(ctx, tx, c.Account, "password", func(id string) error {
		return tx.SetAccountPassword(ctx, id, c.PasswordHash)
	})
}

// SetAccountDisabled disables the account called Account, ending its
// sessions, or enables it again.
type SetAccountDisabled struct {
	Account  string `json:"account"`
	Disabled bool   `json:"disabled"`
}

// Name names the command.
func (SetAccountDisabled) Name() string { return "account.setDisabled" }

func (c SetAccountDisabled) run(ctx context.Context, tx *store.Tx) (auth.Account, error) {
	action := "enable"
	if c.Disabled {
		action = "disable"
	}
	return changeAccount(ctx, tx, c.Account, action, func(id string) error {
		return tx.SetAccountDisabled(ctx, id, c.Disabled)
	})
}

// changeAccount changes the account called name with change and audits
// the change as action; every change but enabling ends the account's
// sessions. The entry says what happened; a password appears in it in no
// form.
func changeAccount(ctx context.Context, tx *store.Tx, name, action string, change func(id string) error) (auth.Account, error) {
	key := auth.NameKey(name)
	before, err := tx.Account(ctx, key)
	if err != nil {
		return auth.Account{}, err
	}
	if err := change(before.ID); err != nil {
		return auth.Account{}, err
	}
	if action != "enable" {
		if err := tx.EndSessions(ctx, before.ID); err != nil {
			return auth.Account{}, err
		}
	}
	after, err := tx.Account(ctx, key)
	if err != nil {
		return auth.Account{}, err
	}
	return after, tx.Audit(ctx, audit.EntityAccount, before.ID, action, before, after)
}
