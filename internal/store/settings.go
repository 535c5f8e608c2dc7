package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/request"
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
// a new database knows its user and its limits.
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
		if err := s.ensureProfilePerson(ctx, tx, now); err != nil {
			return err
		}
		if zoneBefore.TimeZone == "" && defaults.TimeZone != "" {
			return s.zoneChanged(ctx, tx, "", defaults.TimeZone)
		}
		return nil
	})
}

// ensureProfilePerson puts the person using this installation on the people
// list when they are not on it, as 客服专员: receivers, owners and reviewers
// are picked from the list, and a new installation's first request is
// received by its user.
func (s *Store) ensureProfilePerson(ctx context.Context, tx *Tx, now string) error {
	var name string
	if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'profileName'`).Scan(&name); err != nil || name == "" {
		return err
	}
	return ensurePerson(ctx, tx, name, []request.Role{request.RoleAgent}, now)
}

// ensurePerson adds name to the people list with roles unless someone of
// that name is on it.
func ensurePerson(ctx context.Context, tx *Tx, name string, roles []request.Role, now string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE name = ?`, name).Scan(&n); err != nil || n > 0 {
		return err
	}
	if roles == nil {
		roles = []request.Role{}
	}
	body, err := json.Marshal(roles)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO people (id, name, department, roles, phone, email, active, created_at,
		updated_at, version) VALUES (?, ?, '', ?, '', '', 1, ?, ?, 1)`, tx.NewID(), name, string(body), now, now)
	return err
}

// Settings returns the stored settings.
func (s *Store) Settings(ctx context.Context) (settings.Settings, error) {
	return s.settings(ctx, s.read)
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

// SaveSettings validates and stores the settings.
func (s *Store) SaveSettings(ctx context.Context, st settings.Settings) (settings.Settings, error) {
	st = st.Normalize()
	if err := st.Validate(); err != nil {
		return settings.Settings{}, err
	}
	err := s.tx(ctx, func(tx *Tx) error {
		before, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		if before == st {
			return nil
		}
		now := s.ts(tx.Now())
		for key, v := range settingKeys(&st) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, *v, now); err != nil {
				return err
			}
		}
		// A new profile name proposes a receiver who must be on the list.
		if err := s.ensureProfilePerson(ctx, tx, now); err != nil {
			return err
		}
		if err := s.zoneChanged(ctx, tx, before.TimeZone, st.TimeZone); err != nil {
			return err
		}
		// Unless a logged-in user acts, the new profile name is the one
		// acting on this change.
		if audit.Actor(ctx) == "system" {
			ctx = audit.WithActor(ctx, st.ProfileName)
		}
		return s.record(ctx, tx, audit.EntitySettings, "settings", audit.ActionUpdate, before, st)
	})
	if err != nil {
		s.forgetLimits()
		return settings.Settings{}, err
	}
	return st, nil
}

// notFound is the error for a missing record of the kind thing (a code of
// apperr.Things).
func notFound(thing string) error {
	return apperr.New(apperr.NotFound, "not_found", apperr.P{"thing": apperr.Thing(thing)})
}

// stale is the error for an update of a thing (a code of apperr.Things)
// based on an outdated version.
func stale(thing string) error {
	return apperr.New(apperr.Conflict, "stale", apperr.P{"thing": apperr.Thing(thing)})
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

// SetCompanyLogo validates a PNG or JPEG picture and stores it as the logo
// printed in the header of every document generated from now on; data nil
// removes the logo. Documents already generated keep the logo they were
// generated with.
func (s *Store) SetCompanyLogo(ctx context.Context, data []byte) (*settings.Logo, error) {
	var logo *settings.Logo
	if data != nil {
		l, err := settings.ValidateLogo(data)
		if err != nil {
			return nil, err
		}
		logo = &l
	}
	err := s.tx(ctx, func(tx *Tx) error {
		old, err := s.companyLogo(ctx, tx)
		if err != nil {
			return err
		}
		var before *settings.Logo
		if old != nil {
			// A stored logo passed validation when it was stored.
			if b, err := settings.ValidateLogo(old); err == nil {
				before = &b
			}
		}
		if before == nil && logo == nil || before != nil && logo != nil && before.SHA256 == logo.SHA256 {
			return nil
		}
		value := ""
		if data != nil {
			value = base64.StdEncoding.EncodeToString(data)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			logoKey, value, s.ts(tx.Now())); err != nil {
			return err
		}
		// The audit keeps the picture's fingerprint, not the picture.
		return s.record(ctx, tx, audit.EntitySettings, logoKey, audit.ActionUpdate, before, logo)
	})
	if err != nil {
		return nil, err
	}
	return logo, nil
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
