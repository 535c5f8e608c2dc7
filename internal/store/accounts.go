package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/auth"
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

// AccountNamed reports whether an account has the name key nameKey.
func (t *Tx) AccountNamed(ctx context.Context, nameKey string) (bool, error) {
	var n int
	err := t.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE name_key = ?`, nameKey).Scan(&n)
	return n > 0, err
}

// InsertAccount stores a new account with id; hash is its password's hash.
func (t *Tx) InsertAccount(ctx context.Context, id string, f auth.Fields, hash string) error {
	roles, err := json.Marshal(f.Roles)
	if err != nil {
		return err
	}
	now := t.s.ts(t.Now())
	_, err = t.ExecContext(ctx, `INSERT INTO accounts (id, name, name_key, password_hash, roles, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, f.Name, auth.NameKey(f.Name), hash, string(roles), now, now)
	return err
}

// Account loads the account with the name key nameKey for a change.
func (t *Tx) Account(ctx context.Context, nameKey string) (auth.Account, error) {
	return t.s.account(ctx, t, nameKey)
}

// SetAccountPassword stores the hash of an account's new password.
func (t *Tx) SetAccountPassword(ctx context.Context, id, hash string) error {
	return t.changeAccount(ctx, id, `password_hash = ?`, hash)
}

// SetAccountDisabled stores whether an account is disabled.
func (t *Tx) SetAccountDisabled(ctx context.Context, id string, disabled bool) error {
	return t.changeAccount(ctx, id, `disabled = ?`, disabled)
}

func (t *Tx) changeAccount(ctx context.Context, id, set string, arg any) error {
	_, err := t.ExecContext(ctx, `UPDATE accounts SET `+set+`, updated_at = ?, version = version + 1 WHERE id = ?`,
		arg, t.s.ts(t.Now()), id)
	return err
}

// EndSessions ends every session of an account.
func (t *Tx) EndSessions(ctx context.Context, accountID string) error {
	_, err := t.ExecContext(ctx, `DELETE FROM sessions WHERE account_id = ?`, accountID)
	return err
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

// CreateSession records a login: the digest of its token, and the
// account's last login. Sessions are serve mode's own bookkeeping of who is
// logged in on this server: a login, a call, a logout or an expiry is no
// change to the data that would be recorded and replayed elsewhere, so the
// session methods stay store methods rather than commands
// (internal/command), and write no audit entries.
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

// TouchSession records the session's latest use (bookkeeping, not a
// command: see CreateSession).
func (s *Store) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	_, err := s.write.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, s.ts(at), tokenHash)
	return err
}

// DeleteSession ends one session (bookkeeping, not a command: see
// CreateSession).
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
