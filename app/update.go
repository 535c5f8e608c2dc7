package app

import (
	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/update"
)

// UpdateApp is updating the program as the window sees it: where it stands
// (新版本 and its notes), checking now, downloading on the user's word, the
// update address, and restarting to switch. The rules live in
// internal/update; the checks run in the background (main).
type UpdateApp struct{ d Deps }

// UpdateStatus is where the program stands with its updates.
type UpdateStatus = update.Status

// status is the updater's status, or, where the program does not update
// itself (a team server's browsers), only the version running.
func (a *UpdateApp) status() UpdateStatus {
	if a.d.Update == nil {
		return UpdateStatus{Current: a.d.Version}
	}
	return a.d.Update.Status()
}

func (a *UpdateApp) updater() (*update.Updater, error) {
	if a.d.Update == nil {
		return nil, apperr.New(apperr.Invalid, "desktop_only", nil)
	}
	return a.d.Update, nil
}

// Status says where the program stands with its updates.
func (a *UpdateApp) Status() (_ UpdateStatus, err error) {
	defer a.d.guard("update.status", &err)
	return a.status(), nil
}

// Check looks for a newer signed release now; a failure (offline, a
// release refused) is returned and kept in the status.
func (a *UpdateApp) Check() (_ UpdateStatus, err error) {
	defer a.d.guard("update.check", &err)
	u, err := a.updater()
	if err != nil {
		return a.status(), err
	}
	return u.Check(a.d.ctx())
}

// Download downloads the release found, checks its signature and SHA-256
// and stages it: the program switches to it at the next start.
func (a *UpdateApp) Download() (_ UpdateStatus, err error) {
	defer a.d.guard("update.download", &err)
	u, err := a.updater()
	if err != nil {
		return a.status(), err
	}
	return u.Download(a.d.ctx())
}

// SetAddress keeps the address updates come from while this computer is
// not in a team ("" for none).
func (a *UpdateApp) SetAddress(address string) (_ UpdateStatus, err error) {
	defer a.d.guard("update.setAddress", &err)
	u, err := a.updater()
	if err != nil {
		return a.status(), err
	}
	return u.SetAddress(address)
}

// Restart closes the window and starts the program again, which switches
// to the release staged (desktop only).
func (a *UpdateApp) Restart() (err error) {
	defer a.d.guard("update.restart", &err)
	if a.d.Shell == nil {
		return apperr.New(apperr.Invalid, "update_desktop_only", nil)
	}
	return a.d.Shell.RequestRestart()
}
