package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/people"
)

var _ auth.Store = (*Store)(nil)

// accountColumns leave out password_hash: only AccountByName reads it.
const accountColumns = `id, name, roles, disabled, last_login_at, created_at, updated_at, version`

func scanAccount(sc interface{ Scan(...any) error }, extra ...any) (auth.Account, error) {
	var a auth.Account
	var roles, last, created, updated string
	err := sc.Scan(append([]any{&a.ID, &a.Name, &roles, &a.Disabled, &last, &created, &updated, &a.Version}, extra...)...)
	if err == nil {
		err = json.Unmarshal([]byte(roles), &a.Roles)
	}
	a.CreatedAt, a.UpdatedAt = parseTS(created), parseTS(updated)
	if last != "" {
		a.LastLoginAt = parseTS(last)
	}
	return a, err
}

// CreateAccount adds an account; f is validated, hash an argon2id hash.
func (s *Store) CreateAccount(ctx context.Context, f auth.Fields, hash string) (auth.Account, error) {
	roles, err := json.Marshal(f.Roles)
	if err != nil {
		return auth.Account{}, err
	}
	var out auth.Account
	err = s.tx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE name_key = ?`, auth.NameKey(f.Name)).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &apperr.Error{Code: apperr.Conflict, Message: "已有同名账号：" + f.Name,
				Key: "account_duplicate", Params: apperr.P{"name": f.Name},
				Fields: []apperr.FieldError{{Field: "name", Key: "duplicate"}}}
		}
		id, now := tx.NewID(), s.ts(tx.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO accounts (id, name, name_key, password_hash, roles, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, f.Name, auth.NameKey(f.Name), hash, string(roles), now, now); err != nil {
			return err
		}
		if out, err = s.account(ctx, tx, auth.NameKey(f.Name)); err != nil {
			return err
		}
		// The account holder receives, owns and reviews requests under
		// their name, which must be on the people list.
		if err := tx.ListPerson(ctx, people.ForAccount(f.Name, f.Roles)); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityAccount, id, audit.ActionCreate, nil, out)
	})
	return out, err
}

func (s *Store) account(ctx context.Context, q queryer, nameKey string) (auth.Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE name_key = ?`, nameKey))
	if err == sql.ErrNoRows {
		return a, notFound("account")
	}
	return a, err
}

// Accounts returns every account, enabled first, by name.
func (s *Store) Accounts(ctx context.Context) ([]auth.Account, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY disabled, name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []auth.Account{}
	for rows.Next() {
		a, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// AccountByName returns the account with its password hash, for a login.
func (s *Store) AccountByName(ctx context.Context, nameKey string) (auth.Account, string, error) {
	var hash string
	a, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountColumns+`, password_hash FROM accounts WHERE name_key = ?`,
		nameKey), &hash)
	if err == sql.ErrNoRows {
		return a, "", notFound("account")
	}
	return a, hash, err
}

// SetAccountPassword replaces an account's password hash and ends its
// sessions, in one transaction.
func (s *Store) SetAccountPassword(ctx context.Context, nameKey, hash string) (auth.Account, error) {
	return s.changeAccount(ctx, nameKey, "password", `password_hash = ?`, hash)
}

// SetAccountDisabled disables or re-enables an account; disabling ends its
// sessions.
func (s *Store) SetAccountDisabled(ctx context.Context, nameKey string, disabled bool) (auth.Account, error) {
	action := "enable"
	if disabled {
		action = "disable"
	}
	return s.changeAccount(ctx, nameKey, action, `disabled = ?`, disabled)
}

func (s *Store) changeAccount(ctx context.Context, nameKey, action, set string, arg any) (auth.Account, error) {
	var out auth.Account
	err := s.tx(ctx, func(tx *Tx) error {
		before, err := s.account(ctx, tx, nameKey)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET `+set+`, updated_at = ?, version = version + 1 WHERE id = ?`,
			arg, s.ts(tx.Now()), before.ID); err != nil {
			return err
		}
		if action != "enable" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = ?`, before.ID); err != nil {
				return err
			}
		}
		if out, err = s.account(ctx, tx, nameKey); err != nil {
			return err
		}
		// The entry says what happened; a password appears in it in no form.
		return s.record(ctx, tx, audit.EntityAccount, before.ID, action, before, out)
	})
	return out, err
}

// CreateSession records a login: the digest of its token, and the
// account's last login.
func (s *Store) CreateSession(ctx context.Context, tokenHash, accountID, remote string, at time.Time) error {
	return s.tx(ctx, func(tx *Tx) error {
		now := s.ts(at)
		if _, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, remote_addr)
			VALUES (?, ?, ?, ?, ?)`, tokenHash, accountID, now, now, remote); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE accounts SET last_login_at = ? WHERE id = ?`, now, accountID)
		return err
	})
}

// Session returns the session with the token digest and its account.
func (s *Store) Session(ctx context.Context, tokenHash string) (auth.Session, auth.Account, error) {
	var sess auth.Session
	var created, seen string
	a, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT a.id, a.name, a.roles, a.disabled, a.last_login_at, a.created_at,
		a.updated_at, a.version, s.created_at, s.last_seen_at FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.token_hash = ?`, tokenHash), &created, &seen)
	if err == sql.ErrNoRows {
		return sess, a, notFound("session")
	}
	sess.AccountID, sess.CreatedAt, sess.LastSeenAt = a.ID, parseTS(created), parseTS(seen)
	return sess, a, err
}

// TouchSession records the session's latest use.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	_, err := s.write.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, s.ts(at), tokenHash)
	return err
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// DeleteSessionsBefore ends the sessions idle since before idleBefore or
// opened before createdBefore.
func (s *Store) DeleteSessionsBefore(ctx context.Context, idleBefore, createdBefore time.Time) error {
	_, err := s.write.ExecContext(ctx, `DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?`,
		s.ts(idleBefore), s.ts(createdBefore))
	return err
}
