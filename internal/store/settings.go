package store

import (
	"context"
	"database/sql"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
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
	}
}

// EnsureSettings stores defaults for any setting not yet stored, and the
// documents' time-limit policies when there are none; it runs at start-up so
// a new database knows its user and its limits.
func (s *Store) EnsureSettings(ctx context.Context, defaults settings.Settings) error {
	if err := s.EnsurePolicies(ctx); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.ts(s.clock.Now())
		for key, v := range settingKeys(&defaults) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO NOTHING`, key, *v, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// Settings returns the stored settings.
func (s *Store) Settings(ctx context.Context) (settings.Settings, error) {
	return s.settings(ctx, s.read)
}

func (s *Store) settings(ctx context.Context, q queryer) (settings.Settings, error) {
	var st settings.Settings
	keys := settingKeys(&st)
	rows, err := q.QueryContext(ctx, `SELECT key, value FROM settings`)
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
	err := s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		if before == st {
			return nil
		}
		now := s.ts(s.clock.Now())
		for key, v := range settingKeys(&st) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`, key, *v, now); err != nil {
				return err
			}
		}
		// Unless a logged-in user acts, the new profile name is the one
		// acting on this change.
		if audit.Actor(ctx) == "system" {
			ctx = audit.WithActor(ctx, st.ProfileName)
		}
		return s.record(ctx, tx, entitySettings, "settings", audit.ActionUpdate, before, st)
	})
	if err != nil {
		return settings.Settings{}, err
	}
	return st, nil
}

// notFound is the error for a missing record of the named kind.
func notFound(what string) error {
	return apperr.Errorf(apperr.NotFound, "%s不存在或已被删除", what)
}

// stale is the error for an update based on an outdated version.
func stale(what string) error {
	return apperr.Errorf(apperr.Conflict, "%s已被其他人修改，请刷新后再编辑", what)
}
