package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
)

// The bookkeeping of team sync: on the server the devices and what each
// pushed, on a laptop its team, outbox and inbox. None of it is a change
// to the team's data, so it is written here rather than by commands, like
// the login sessions.

// Device is a laptop joined to this server.
type Device struct {
	ID        string     `json:"id"`
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	AccountID string     `json:"accountId"`
	Account   string     `json:"account"`
	JoinedAt  time.Time  `json:"joinedAt"`
	LastSync  *time.Time `json:"lastSync"`
	LastSeq   int64      `json:"lastSeq"`
	Revoked   bool       `json:"revoked"`
}

const deviceColumns = `id, code, name, account_id, account, joined_at, last_sync_at, last_seq, revoked_at`

func scanDevice(sc interface{ Scan(...any) error }) (Device, error) {
	var d Device
	var joined string
	var last, revoked sql.NullString
	err := sc.Scan(&d.ID, &d.Code, &d.Name, &d.AccountID, &d.Account, &joined, &last, &d.LastSeq, &revoked)
	d.JoinedAt = parseTS(joined)
	if last.Valid {
		t := parseTS(last.String)
		d.LastSync = &t
	}
	d.Revoked = revoked.Valid
	return d, err
}

// InsertDevice registers a device under the digest of its token; a code
// another live device has is refused. The same device registered again
// with the same token, account and code (a join delivered twice) is left
// as it is; one revoked since is refused.
func (s *Store) InsertDevice(ctx context.Context, d Device, tokenHash string) error {
	return s.tx(ctx, func(tx *Tx) error {
		var hash, account, code string
		var revoked sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT token_hash, account_id, code, revoked_at FROM sync_devices WHERE id = ?`,
			d.ID).Scan(&hash, &account, &code, &revoked)
		switch {
		case err == sql.ErrNoRows:
		case err != nil:
			return err
		case hash != tokenHash || account != d.AccountID || code != d.Code:
			return apperr.New(apperr.Invalid, "request_malformed", nil)
		case revoked.Valid:
			return apperr.New(apperr.DeviceRevoked, "sync_device_revoked", nil)
		default:
			return nil
		}
		// The same account may take its code over (a laptop set up again):
		// the device it had stops.
		var others int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sync_devices WHERE code = ? AND revoked_at IS NULL
			AND account_id <> ?`, d.Code, d.AccountID).Scan(&others); err != nil {
			return err
		}
		if others > 0 {
			return apperr.New(apperr.Conflict, "sync_device_code_taken", apperr.P{"code": d.Code})
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sync_devices SET revoked_at = ? WHERE code = ? AND revoked_at IS NULL`,
			s.ts(tx.Now()), d.Code); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO sync_devices (id, code, name, account_id, account, token_hash, joined_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, d.ID, d.Code, d.Name, d.AccountID, d.Account, tokenHash, s.ts(d.JoinedAt))
		return err
	})
}

// DeviceByToken returns the device whose token has the digest tokenHash.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash string) (Device, error) {
	d, err := scanDevice(s.read.QueryRowContext(ctx, `SELECT `+deviceColumns+` FROM sync_devices WHERE token_hash = ?`, tokenHash))
	if err == sql.ErrNoRows {
		return d, notFound("device")
	}
	return d, err
}

// Devices lists the devices, live first, most recently joined first.
func (s *Store) Devices(ctx context.Context) ([]Device, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+deviceColumns+` FROM sync_devices
		ORDER BY revoked_at IS NOT NULL, joined_at DESC, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Device{}
	for rows.Next() {
		d, err := scanDevice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// RevokeDevice revokes a device: its token opens nothing from now on.
func (s *Store) RevokeDevice(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sync_devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?`,
			s.ts(tx.Now()), id)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return notFound("device")
		}
		return err
	})
}

// TouchDevice notes when a device last synced.
func (s *Store) TouchDevice(ctx context.Context, id string, at time.Time) error {
	return s.tx(ctx, func(tx *Tx) error { return tx.TouchDevice(ctx, id, at) })
}

// TouchDevice notes, in the transaction, when a device last synced: a
// push's own transaction carries it rather than a write of its own.
func (t *Tx) TouchDevice(ctx context.Context, id string, at time.Time) error {
	_, err := t.ExecContext(ctx, `UPDATE sync_devices SET last_sync_at = ? WHERE id = ?`, t.s.ts(at), id)
	return err
}

// AppliedResult returns the answer given to a device's command seq, if it
// was pushed before.
func (s *Store) AppliedResult(ctx context.Context, deviceID string, seq int64) (json.RawMessage, bool, error) {
	var raw string
	err := s.write.QueryRowContext(ctx, `SELECT result FROM sync_applied WHERE device_id = ? AND seq = ?`, deviceID, seq).Scan(&raw)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	return json.RawMessage(raw), err == nil, err
}

// AppliedResult is Store.AppliedResult in the transaction t.
func (t *Tx) AppliedResult(ctx context.Context, deviceID string, seq int64) (json.RawMessage, bool, error) {
	var raw string
	err := t.QueryRowContext(ctx, `SELECT result FROM sync_applied WHERE device_id = ? AND seq = ?`, deviceID, seq).Scan(&raw)
	if err == sql.ErrNoRows {
		return nil, false, nil
	}
	return json.RawMessage(raw), err == nil, err
}

// DeviceLastSeq returns the last command sequence applied from a device.
func (t *Tx) DeviceLastSeq(ctx context.Context, deviceID string) (int64, error) {
	var seq int64
	err := t.QueryRowContext(ctx, `SELECT last_seq FROM sync_devices WHERE id = ?`, deviceID).Scan(&seq)
	return seq, err
}

// SaveApplied keeps the answer to a device's command seq and moves the
// device's last applied sequence to it, in the transaction of the
// command's effect.
func (t *Tx) SaveApplied(ctx context.Context, deviceID string, seq int64, result []byte) error {
	if _, err := t.ExecContext(ctx, `INSERT INTO sync_applied (device_id, seq, result) VALUES (?, ?, ?)`,
		deviceID, seq, string(result)); err != nil {
		return err
	}
	_, err := t.ExecContext(ctx, `UPDATE sync_devices SET last_seq = max(last_seq, ?) WHERE id = ?`, seq, deviceID)
	return err
}

// SyncConflict is a command the server refused, as it keeps it.
type SyncConflict struct {
	ID          string
	DeviceID    string
	Seq         int64
	CommandID   string
	Name        string
	Args        json.RawMessage
	At          time.Time
	Reason      json.RawMessage
	RequestID   string
	ServerState json.RawMessage
	ChangedBy   string
	ChangedAt   *time.Time
}

// InsertSyncConflict keeps a refused command.
func (t *Tx) InsertSyncConflict(ctx context.Context, c SyncConflict) error {
	var changed, state any
	if c.ChangedAt != nil {
		changed = t.s.ts(*c.ChangedAt)
	}
	if c.ServerState != nil {
		state = string(c.ServerState)
	}
	_, err := t.ExecContext(ctx, `INSERT INTO sync_conflicts (id, device_id, seq, command_id, name, args, at, reason,
		request_id, server_state, changed_by, changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.DeviceID, c.Seq, c.CommandID, c.Name, string(c.Args), t.s.ts(c.At), string(c.Reason), c.RequestID,
		state, c.ChangedBy, changed, t.s.ts(t.Now()))
	return err
}

// LastChange names who changed an entity last and when, from the audit
// trail; empty when nobody did.
func (t *Tx) LastChange(ctx context.Context, entityID string) (string, *time.Time, error) {
	var actor string
	var seq int64
	var at any // Unix milliseconds (millis), or an older entry's text
	err := t.QueryRowContext(ctx, `SELECT actor, at, seq FROM audit_log WHERE entity_id IN (?, ?) ORDER BY seq DESC LIMIT 1`,
		auditKeys(entityID)...).Scan(&actor, &at, &seq)
	if err != nil && err != sql.ErrNoRows {
		return "", nil, err
	}
	last := placedEntry{audit.Entry{Actor: actor, At: storedTime(at)}, 2 * seq}
	// The request's last step, whose entry its transition keeps, when it
	// was written after (see withSteps).
	var step placedEntry
	var stepAt any
	switch err := t.QueryRowContext(ctx, `SELECT actor, at, coalesce(entry_pos, 0) FROM request_transitions WHERE req = `+reqOf+`
		AND changes IS NOT NULL ORDER BY seq DESC LIMIT 1`, entityID).Scan(&step.Actor, &stepAt, &step.pos); err {
	case sql.ErrNoRows:
	case nil:
		step.At = storedTime(stepAt)
		if seq == 0 || !step.before(last) {
			last = step
		}
	default:
		return "", nil, err
	}
	if last.At.IsZero() {
		return last.Actor, nil, nil
	}
	return last.Actor, &last.At, nil
}

// LastTransitionAt is when the request last took a step (zero when it
// never did, or does not exist).
func (s *Store) LastTransitionAt(ctx context.Context, requestID string) (time.Time, error) {
	return lastTransitionAt(ctx, s.read, requestID)
}

// LastTransitionAt is Store.LastTransitionAt in the transaction t.
func (t *Tx) LastTransitionAt(ctx context.Context, requestID string) (time.Time, error) {
	return lastTransitionAt(ctx, t, requestID)
}

func lastTransitionAt(ctx context.Context, q queryer, requestID string) (time.Time, error) {
	// Unix milliseconds (millis), and any time 0026 kept as its text: the
	// later of the two.
	var ms, text any
	err := q.QueryRowContext(ctx, `SELECT max(CASE typeof(at) WHEN 'integer' THEN at END),
		max(CASE typeof(at) WHEN 'text' THEN at END) FROM request_transitions WHERE req = `+reqOf, requestID).Scan(&ms, &text)
	last := storedTime(ms)
	if t := storedTime(text); t.After(last) {
		last = t
	}
	return last, err
}

// LastTransition loads a request's last step for a change.
func (t *Tx) LastTransition(ctx context.Context, requestID string) (request.Transition, bool, error) {
	rows, err := t.QueryContext(ctx, `SELECT `+transitionColumns+` FROM request_transitions
		WHERE req = `+reqOf+` ORDER BY seq DESC LIMIT 1`, requestID)
	if err != nil {
		return request.Transition{}, false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return request.Transition{}, false, rows.Err()
	}
	tr, err := scanTransition(rows)
	return tr, err == nil, err
}

// SyncClient is the team a laptop joined.
type SyncClient struct {
	Server      string
	Team        string
	DeviceID    string
	DeviceCode  string
	Token       string
	Account     string
	Roles       []request.Role
	Fingerprint string
	Cursor      int64
	JoinedAt    time.Time
	LastSync    *time.Time
	LastError   json.RawMessage
}

// SyncClient returns the team this laptop joined, ok false when none.
func (s *Store) SyncClient(ctx context.Context) (SyncClient, bool, error) {
	var c SyncClient
	var roles, joined string
	var last, lastErr sql.NullString
	err := s.read.QueryRowContext(ctx, `SELECT server, team, device_id, device_code, token, account, roles, fingerprint,
		cursor, joined_at, last_sync_at, last_error FROM sync_client WHERE id = 1`).Scan(&c.Server, &c.Team, &c.DeviceID,
		&c.DeviceCode, &c.Token, &c.Account, &roles, &c.Fingerprint, &c.Cursor, &joined, &last, &lastErr)
	if err == sql.ErrNoRows {
		return c, false, nil
	}
	if err != nil {
		return c, false, err
	}
	c.JoinedAt = parseTS(joined)
	if last.Valid {
		t := parseTS(last.String)
		c.LastSync = &t
	}
	if lastErr.Valid && lastErr.String != "" {
		c.LastError = json.RawMessage(lastErr.String)
	}
	return c, true, json.Unmarshal([]byte(roles), &c.Roles)
}

// JoinTeam records the team this laptop joined, its device code among the
// settings, and starts an empty outbox and inbox.
func (t *Tx) JoinTeam(ctx context.Context, c SyncClient) error {
	roles, err := rolesJSON(c.Roles)
	if err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM sync_client`, `DELETE FROM sync_outbox`, `DELETE FROM sync_inbox`} {
		if _, err := t.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if _, err := t.ExecContext(ctx, `INSERT INTO sync_client (id, server, team, device_id, device_code, token, account,
		roles, fingerprint, cursor, joined_at, last_sync_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Server, c.Team, c.DeviceID, c.DeviceCode, c.Token, c.Account, roles, c.Fingerprint, c.Cursor,
		t.s.ts(c.JoinedAt), t.s.ts(c.JoinedAt)); err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('deviceCode', ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, c.DeviceCode, t.s.ts(t.Now()))
	return err
}

// LeaveTeam forgets the team; the data, the outbox and the inbox stay.
func (s *Store) LeaveTeam(ctx context.Context) error {
	return s.tx(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sync_client`)
		return err
	})
}

// SetSyncCursor moves the pull cursor.
func (t *Tx) SetSyncCursor(ctx context.Context, cursor int64) error {
	_, err := t.ExecContext(ctx, `UPDATE sync_client SET cursor = ? WHERE id = 1`, cursor)
	return err
}

// SetSyncResult notes how a round ended: at when it succeeded, else the
// error (JSON of an apperr.Error).
func (s *Store) SetSyncResult(ctx context.Context, at *time.Time, failure json.RawMessage) error {
	return s.tx(ctx, func(tx *Tx) error {
		var err error
		if at != nil {
			_, err = tx.ExecContext(ctx, `UPDATE sync_client SET last_sync_at = ?, last_error = NULL WHERE id = 1`, s.ts(*at))
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE sync_client SET last_error = ? WHERE id = 1`, string(failure))
		}
		return err
	})
}

// OutboxEntry is a command waiting to be pushed.
type OutboxEntry struct {
	Seq       int64           `json:"seq"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Args      json.RawMessage `json:"args"`
	At        time.Time       `json:"at"`
	Numbers   []string        `json:"numbers"`
	Touched   []RowKey        `json:"touched"`
	RequestID string          `json:"requestId"`
}

// AddOutbox queues a command, in the transaction of its effect.
func (t *Tx) AddOutbox(ctx context.Context, e OutboxEntry) error {
	nums, err := json.Marshal(nonNil(e.Numbers))
	if err != nil {
		return err
	}
	touched := e.Touched
	if touched == nil {
		touched = []RowKey{}
	}
	tj, err := json.Marshal(touched)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `INSERT INTO sync_outbox (id, name, args, at, numbers, touched, request_id)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`, e.ID, e.Name, string(e.Args), t.s.ts(e.At), string(nums), string(tj), e.RequestID)
	return err
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// Joined reports, in a transaction, whether this laptop is in a team.
func (t *Tx) Joined(ctx context.Context) (bool, error) {
	var n int
	err := t.QueryRowContext(ctx, `SELECT count(*) FROM sync_client`).Scan(&n)
	return n > 0, err
}

// JoinedAccount returns, in a transaction, the account a laptop in a team
// acts as, "" when it is in no team.
func (t *Tx) JoinedAccount(ctx context.Context) (string, error) {
	name, _, err := t.s.joinedAccount(ctx, t)
	return name, err
}

// Outbox returns up to limit waiting commands, oldest first.
func (s *Store) Outbox(ctx context.Context, limit int) ([]OutboxEntry, error) {
	return s.OutboxAfter(ctx, 0, limit)
}

// OutboxAfter returns up to limit waiting commands after the sequence
// after, oldest first.
func (s *Store) OutboxAfter(ctx context.Context, after int64, limit int) ([]OutboxEntry, error) {
	return s.outbox(ctx, s.read, `WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
}

func (s *Store) outbox(ctx context.Context, q queryer, tail string, args ...any) ([]OutboxEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, id, name, args, at, numbers, touched, request_id FROM sync_outbox `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxEntry
	for rows.Next() {
		var e OutboxEntry
		var a, at, nums, touched string
		if err := rows.Scan(&e.Seq, &e.ID, &e.Name, &a, &at, &nums, &touched, &e.RequestID); err != nil {
			return nil, err
		}
		e.Args, e.At = json.RawMessage(a), parseTS(at)
		if err := json.Unmarshal([]byte(nums), &e.Numbers); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(touched), &e.Touched); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// RenumberOutbox numbers the waiting commands from the sequence from on
// after above, in the same order, and makes later commands follow them:
// the team server has the sequences up to above from other commands (the
// database went back to a backup).
func (s *Store) RenumberOutbox(ctx context.Context, from, above int64) error {
	if above < from {
		return nil
	}
	return s.tx(ctx, func(tx *Tx) error {
		// Negated first: a row moved up never meets one not yet moved.
		if _, err := tx.ExecContext(ctx, `UPDATE sync_outbox SET seq = -seq WHERE seq >= ?`, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE sync_outbox SET seq = -seq + ? WHERE seq < 0`, above-from+1); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = max(seq, ?, coalesce((SELECT max(seq) FROM sync_outbox), 0))
			WHERE name = 'sync_outbox'`, above)
		return err
	})
}

// OutboxCount counts the waiting commands.
func (s *Store) OutboxCount(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sync_outbox`).Scan(&n)
	return n, err
}

// DeleteOutbox removes a command the server answered.
func (t *Tx) DeleteOutbox(ctx context.Context, seq int64) error {
	_, err := t.ExecContext(ctx, `DELETE FROM sync_outbox WHERE seq = ?`, seq)
	return err
}

// PendingRows are the rows the waiting commands wrote: what arrives from
// the server does not overwrite them until those commands are answered.
func (t *Tx) PendingRows(ctx context.Context) (map[RowKey]bool, error) {
	es, err := t.s.outbox(ctx, t, `ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	out := map[RowKey]bool{}
	for _, e := range es {
		for _, k := range e.Touched {
			out[k] = true
		}
	}
	return out, nil
}

// PendingRequests lists the requests with waiting commands.
func (s *Store) PendingRequests(ctx context.Context) ([]string, error) {
	return queryIDs(ctx, s.read, `SELECT DISTINCT request_id FROM sync_outbox WHERE request_id <> '' ORDER BY request_id`)
}

// InboxEntry is a command the server refused, kept on the laptop until the
// user resolves it.
type InboxEntry struct {
	ID            string          `json:"id"`
	CommandID     string          `json:"commandId"`
	Name          string          `json:"name"`
	Args          json.RawMessage `json:"args"`
	At            time.Time       `json:"at"`
	Numbers       []string        `json:"numbers"`
	Reason        json.RawMessage `json:"reason"`
	RequestID     string          `json:"requestId"`
	RequestNumber string          `json:"requestNumber"`
	ServerState   json.RawMessage `json:"serverState"`
	ChangedBy     string          `json:"changedBy"`
	ChangedAt     *time.Time      `json:"changedAt"`
	ReceivedAt    time.Time       `json:"receivedAt"`
}

// AddInbox keeps a refused command.
func (t *Tx) AddInbox(ctx context.Context, e InboxEntry) error {
	nums, err := json.Marshal(nonNil(e.Numbers))
	if err != nil {
		return err
	}
	var changed, state any
	if e.ChangedAt != nil {
		changed = t.s.ts(*e.ChangedAt)
	}
	if len(e.ServerState) > 0 {
		state = string(e.ServerState)
	}
	_, err = t.ExecContext(ctx, `INSERT INTO sync_inbox (id, command_id, name, args, at, numbers, reason, request_id,
		request_number, server_state, changed_by, changed_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`,
		e.ID, e.CommandID, e.Name, string(e.Args), t.s.ts(e.At), string(nums), string(e.Reason), e.RequestID,
		e.RequestNumber, state, e.ChangedBy, changed, t.s.ts(t.Now()))
	return err
}

// Inbox lists the refused commands, newest first.
func (s *Store) Inbox(ctx context.Context) ([]InboxEntry, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, command_id, name, args, at, numbers, reason, request_id,
		request_number, server_state, changed_by, changed_at, received_at FROM sync_inbox ORDER BY received_at DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []InboxEntry{}
	for rows.Next() {
		var e InboxEntry
		var args, at, nums, reason, received string
		var state, changed sql.NullString
		if err := rows.Scan(&e.ID, &e.CommandID, &e.Name, &args, &at, &nums, &reason, &e.RequestID, &e.RequestNumber,
			&state, &e.ChangedBy, &changed, &received); err != nil {
			return nil, err
		}
		e.Args, e.Reason, e.At, e.ReceivedAt = json.RawMessage(args), json.RawMessage(reason), parseTS(at), parseTS(received)
		if state.Valid {
			e.ServerState = json.RawMessage(state.String)
		}
		if changed.Valid {
			t := parseTS(changed.String)
			e.ChangedAt = &t
		}
		if err := json.Unmarshal([]byte(nums), &e.Numbers); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// InboxCount counts the refused commands.
func (s *Store) InboxCount(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sync_inbox`).Scan(&n)
	return n, err
}

// DeleteInbox removes a resolved refusal.
func (s *Store) DeleteInbox(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sync_inbox WHERE id = ?`, id)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return notFound("conflict")
			}
		}
		return err
	})
}

// joinedAccount returns the account a joined laptop acts as, "" when it
// joined no team (or the database predates team sync).
func (s *Store) joinedAccount(ctx context.Context, q queryer) (string, []request.Role, error) {
	var name, roles string
	err := q.QueryRowContext(ctx, `SELECT account, roles FROM sync_client WHERE id = 1`).Scan(&name, &roles)
	if err == sql.ErrNoRows || (err != nil && strings.Contains(err.Error(), "no such table")) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	var out []request.Role
	return name, out, json.Unmarshal([]byte(roles), &out)
}
