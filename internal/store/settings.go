package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/settings"
)

// settingKeys maps each setting to its row in the settings table.
func settingKeys(st *settings.Settings) map[string]*string {
	return map[string]*string{
		"profileName":    &st.ProfileName,
		"deviceCode":     &st.DeviceCode,
		"numberPattern":  &st.NumberPattern,
		"companyName":    &st.CompanyName,
		"supervisor":     &st.Supervisor,
		"responseLeader": &st.ResponseLeader,
		"timeZone":       &st.TimeZone,
		"guide":          &st.Guide,
	}
}

// EnsureSettings stores defaults for any setting not yet stored, and the
// documents' time-limit policies when there are none; it runs at start-up so
// a new database knows its user and its limits. Like a migration, and
// unlike a command (internal/command), it is nobody's change: it only fills
// in what is missing, writes no audit entry, and running it again changes
// nothing, so it stays with the store.
func (s *Store) EnsureSettings(ctx context.Context, defaults settings.Settings) error {
	if err := s.EnsurePolicies(ctx); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *Tx) error {
		now := s.ts(tx.Now())
		// A database from before the time zone setting counted in the
		// laptop's zone; it takes the default and its clocks are redone.
		zoneBefore, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		for key, v := range settingKeys(&defaults) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO NOTHING`, key, *v, now); err != nil {
				return err
			}
		}
		if err := s.ensureProfilePerson(ctx, tx); err != nil {
			return err
		}
		if zoneBefore.TimeZone == "" && defaults.TimeZone != "" {
			return s.zoneChanged(ctx, tx, "", defaults.TimeZone)
		}
		return nil
	})
}

// ensureProfilePerson puts the person using this installation on the people
// list when they are not on it (see people.ForProfile).
func (s *Store) ensureProfilePerson(ctx context.Context, tx *Tx) error {
	// A laptop in a team takes its people list from the team server; the
	// person at its keyboard is the account it joined with.
	if joined, _, err := s.joinedAccount(ctx, tx); err != nil || joined != "" {
		return err
	}
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'profileName'`).Scan(&name); err != nil || name == "" {
		return err
	}
	return tx.ListPerson(ctx, people.ForProfile(name))
}

// Settings returns the stored settings. On a laptop joined to a team the
// person at the keyboard is the account it joined with, and the settings
// say so (profileName), so that every screen that names "me" (the intake's
// receiver, My work, a document's signer) names the account that acts.
func (s *Store) Settings(ctx context.Context) (settings.Settings, error) {
	st, err := s.settings(ctx, s.read)
	if err != nil {
		return st, err
	}
	joined, _, err := s.joinedAccount(ctx, s.read)
	if joined != "" {
		st.ProfileName = joined
	}
	return st, err
}

func (s *Store) settings(ctx context.Context, q queryer) (settings.Settings, error) {
	var st settings.Settings
	keys := settingKeys(&st)
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings WHERE key <> ?`, logoKey)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return st, err
		}
		if p, ok := keys[k]; ok {
			*p = v
		}
	}
	return st, rows.Err()
}

// Settings loads the settings for a change.
func (t *Tx) Settings(ctx context.Context) (settings.Settings, error) { return t.s.settings(ctx, t) }

// SaveSettings stores every setting.
//
// A new time zone moves every working calendar: the open requests' clocks
// are made again in the same transaction.
func (t *Tx) SaveSettings(ctx context.Context, st settings.Settings) error {
	before, err := t.s.settings(ctx, t)
	if err != nil {
		return err
	}
	now := t.s.ts(t.Now())
	for key, v := range settingKeys(&st) {
		if _, err := t.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, *v, now); err != nil {
			return err
		}
	}
	return t.s.zoneChanged(ctx, t, before.TimeZone, st.TimeZone)
}

// notFound is the error for a missing record of the kind thing (a code of
// apperr.Things).
func notFound(thing string) error {
	return apperr.Missing(thing)
}

// stale is the error for an update of a thing (a code of apperr.Things)
// based on an outdated version.
func stale(thing string) error {
	return apperr.Stale(thing)
}

// logoKey is the settings row holding the company logo, base64 encoded. It
// is kept out of Settings so that the settings, their audit entries and the
// calls that pass them around stay small.
const logoKey = "companyLogo"

// CompanyLogo returns the company logo's bytes, nil when there is none.
func (s *Store) CompanyLogo(ctx context.Context) ([]byte, error) {
	return s.companyLogo(ctx, s.read)
}

func (s *Store) companyLogo(ctx context.Context, q queryer) ([]byte, error) {
	var v string
	err := q.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, logoKey).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && v == "") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(v)
}

// CompanyLogo loads the company logo's bytes for a change, nil when there
// is none.
func (t *Tx) CompanyLogo(ctx context.Context) ([]byte, error) { return t.s.companyLogo(ctx, t) }

// SetCompanyLogo stores the company logo's bytes; nil removes the logo.
func (t *Tx) SetCompanyLogo(ctx context.Context, data []byte) error {
	value := ""
	if data != nil {
		value = base64.StdEncoding.EncodeToString(data)
	}
	_, err := t.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		logoKey, value, t.s.ts(t.Now()))
	return err
}

// CompanyLogoInfo describes the stored logo, nil when there is none.
func (s *Store) CompanyLogoInfo(ctx context.Context) (*settings.Logo, error) {
	data, err := s.CompanyLogo(ctx)
	if err != nil || data == nil {
		return nil, err
	}
	l, err := settings.ValidateLogo(data)
	if err != nil {
		return nil, fmt.Errorf("stored company logo: %w", err)
	}
	return &l, nil
}
