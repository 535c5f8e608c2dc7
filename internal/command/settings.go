package command

import (
	"context"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// SaveSettings stores the profile, numbering and company settings. A new
// profile name proposes a receiver, who is put on the people list.
type SaveSettings struct {
	Settings settings.Settings `json:"settings"`
}

// Name names the command.
func (SaveSettings) Name() string { return "settings.save" }

func (c SaveSettings) run(ctx context.Context, tx *store.Tx) (settings.Settings, error) {
	st := c.Settings.Normalize()
	if err := st.Validate(); err != nil {
		return settings.Settings{}, err
	}
	before, err := tx.Settings(ctx)
	if err != nil {
		return settings.Settings{}, err
	}
	// On a laptop in a team the person at the keyboard is the account it
	// joined with (the settings show it as the profile), so that an
	// approval is really the approver's: the profile name cannot be changed
	// until the laptop leaves the team, and the laptop's own stays stored.
	joined, err := tx.JoinedAccount(ctx)
	if err != nil {
		return settings.Settings{}, err
	}
	if joined != "" {
		if st.ProfileName != joined && st.ProfileName != before.ProfileName {
			var fe apperr.Fields
			fe.AddParams("profileName", "joined_account", apperr.P{"account": joined})
			return settings.Settings{}, fe.Err()
		}
		st.ProfileName = before.ProfileName
	}
	// What the screens get back names the joined account, as Store.Settings does.
	shown := st
	if joined != "" {
		shown.ProfileName = joined
	}
	if before == st {
		return shown, nil
	}
	if err := tx.SaveSettings(ctx, st); err != nil {
		return settings.Settings{}, err
	}
	// A laptop in a team takes its people from the team server.
	if st.ProfileName != "" && joined == "" {
		if err := tx.ListPerson(ctx, people.ForProfile(st.ProfileName)); err != nil {
			return settings.Settings{}, err
		}
	}
	// Unless a logged-in user acts, the new profile name is the one acting
	// on this change (on a laptop in a team, the joined account: see
	// store's actor).
	if audit.Actor(ctx) == "system" && joined == "" {
		ctx = audit.WithActor(ctx, st.ProfileName)
	}
	return shown, tx.Audit(ctx, audit.EntitySettings, "settings", audit.ActionUpdate, before, st)
}

// logoEntity is the audit entries' id of the company logo.
const logoEntity = "companyLogo"

// SetCompanyLogo makes a PNG or JPEG picture (checked by
// settings.ValidateLogo) the logo printed in the header of every document
// generated from now on; Data nil removes the logo. Documents already
// generated keep the logo they were generated with. It returns the new
// logo's description, nil when removed.
type SetCompanyLogo struct {
	Data []byte `json:"data"`
}

// Name names the command.
func (SetCompanyLogo) Name() string { return "settings.setCompanyLogo" }

func (c SetCompanyLogo) run(ctx context.Context, tx *store.Tx) (*settings.Logo, error) {
	var logo *settings.Logo
	if c.Data != nil {
		l, err := settings.ValidateLogo(c.Data)
		if err != nil {
			return nil, err
		}
		logo = &l
	}
	old, err := tx.CompanyLogo(ctx)
	if err != nil {
		return nil, err
	}
	before := settings.StoredLogo(old)
	if settings.SameLogo(before, logo) {
		return logo, nil
	}
	if err := tx.SetCompanyLogo(ctx, c.Data); err != nil {
		return nil, err
	}
	// The audit keeps the picture's fingerprint, not the picture.
	return logo, tx.Audit(ctx, audit.EntitySettings, logoEntity, audit.ActionUpdate, before, logo)
}

// rebase keeps, on the team server, the settings that stay on each
// machine (its profile, device code and guide): a laptop's save changes
// only what the team shares.
func (c SaveSettings) rebase(ctx context.Context, tx *store.Tx) (Command[settings.Settings], Outcome, error) {
	cur, err := tx.Settings(ctx)
	if err != nil {
		return c, Outcome{}, err
	}
	c.Settings.ProfileName, c.Settings.DeviceCode, c.Settings.Guide = cur.ProfileName, cur.DeviceCode, cur.Guide
	return c, Outcome{}, nil
}
