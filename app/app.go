// Package app holds the structs bound to the user interface, one per area.
// The same methods serve the desktop window (Wails bindings) and the browser
// (serve mode's HTTP dispatcher). They translate between the UI and internal/
// and hold no business rules; every error leaves here as an apperr.Wire, whose
// text is the JSON the frontend's api layer turns into an AppError.
package app

import (
	"context"
	"fmt"
	"github.com/reqdesk/reqdesk/internal/attachment"
	"log/slog"
	"path/filepath"
	"runtime/debug"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/update"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// Deps are what the bound structs share.
type Deps struct {
	Store *store.Store
	// Commands makes every change (see internal/command); made from Store
	// when nil.
	Commands *command.Service
	// Clock tells the time of what the bound structs do outside a command
	// (a backup's name and date, say); the store's clock when nil.
	Clock   clock.Clock
	Log     *slog.Logger
	Version string
	DataDir string
	// Sync is the team sync of this program; made from Commands when nil
	// (main makes one and runs its schedule).
	Sync *Sync
	// Update checks for, downloads and stages newer releases of the
	// program (internal/update); nil where the program does not update
	// itself (a team server).
	Update *update.Updater
	// Health is the start-up integrity check (nil when none was run).
	Health *Health
	// Shell is the desktop window's runtime; nil in serve mode.
	Shell *Shell
	// Fingerprint is the SHA-256 fingerprint of the certificate serve mode
	// answers with over TLS (internal/tlscert), "" over plain HTTP.
	Fingerprint string
	// Call is the context of the calls these bindings serve: in serve mode
	// on a network it names the logged-in user (auth.WithUser), whom the
	// store records as the actor. Nil means a background context.
	Call  context.Context
	state *state
}

// Bindings returns every bound struct, in the order the UI lists its areas.
func Bindings(d Deps) []any {
	d = d.withState()
	return []any{
		&SystemApp{d},
		&SettingsApp{d},
		&CustomersApp{d},
		&RequestsApp{d},
		&TimeLimitsApp{d},
		&DocumentsApp{d},
		&ExcelApp{d: d, jobs: d.state.jobs},
		&DataApp{d: d, uploads: d.state.uploads},
		&ReportsApp{d},
		&SyncApp{d},
		&UpdateApp{d},
		&CommApp{d},
	}
}

// FileLimits gives, for every bound method that takes a file's bytes, the
// largest file it accepts (Struct.Method, as serve mode names calls): serve
// mode lets such a call's body be that large, base64 included. The
// desktop-only methods that save or open a file the app itself made are 0:
// they are never offered to a browser. A test checks every method taking
// bytes is listed.
var FileLimits = map[string]int64{
	"DocumentsApp.AttachScan":        document.MaxAttachment,
	"RequestsApp.AddAttachment":      attachment.MaxSize,
	"DocumentsApp.MarkSignedOnPaper": document.MaxAttachment,
	"DocumentsApp.Sign":              document.MaxSignaturePNG,
	"ExcelApp.DryRun":                xlsx.MaxFileSize,
	"ExcelApp.Import":                xlsx.MaxFileSize,
	"SettingsApp.SetCompanyLogo":     settings.MaxLogoBytes,
	"DataApp.UploadBackup":           MaxUploadChunk,
	"SystemApp.SaveFile":             0,
	"SystemApp.OpenFile":             0,
}

// state is what the bound structs keep between calls: export jobs and
// uploads in progress. It is made once, so serve mode's per-call bindings
// see the same jobs as the call that started them.
type state struct {
	jobs    *xlsx.Jobs
	uploads *uploads
	sync    *Sync
}

// withState gives d its state unless it has one.
func (d Deps) withState() Deps {
	if d.Commands == nil && d.Store != nil {
		d.Commands = command.New(d.Store)
	}
	if d.Clock == nil && d.Store != nil {
		d.Clock = d.Store
	}
	if d.state == nil {
		tmp := "" // the system's
		if d.DataDir != "" {
			// Beside the data, so what a killed program left is cleared
			// at its next start.
			tmp = filepath.Join(d.DataDir, "tmp")
		}
		d.state = &state{jobs: xlsx.NewJobs(tmp), uploads: &uploads{}, sync: d.Sync}
		if d.state.sync == nil && d.Commands != nil {
			d.state.sync = NewSync(d.Commands, d.Log)
		}
	}
	return d
}

// Binder returns the bindings for the calls of one context: serve mode
// builds them per request, so that each call carries its user; they share
// one state.
func Binder(d Deps) func(context.Context) []any {
	d = d.withState()
	return func(ctx context.Context) []any {
		call := d
		call.Call = ctx
		return Bindings(call)
	}
}

// ctx is the context of a call from the UI. Calls are short and the UI has
// no way to cancel them; the context only carries who is calling.
func (d Deps) ctx() context.Context {
	if d.Call != nil {
		return d.Call
	}
	return context.Background()
}

// guard ends every bound method: it turns a panic into an error, and err
// into what the UI can show. User errors pass through with their code;
// anything else is logged in detail and becomes a plain internal error, so no
// SQL, stack or panic ever reaches the user, and the UI's call always settles.
func (d Deps) guard(op string, err *error) {
	if p := recover(); p != nil {
		d.Log.Error("panic", "op", op, "panic", p, "stack", string(debug.Stack()))
		*err = fmt.Errorf("panic: %v", p)
	}
	if *err == nil {
		return
	}
	if e, ok := apperr.As(*err); ok {
		*err = apperr.Wire{E: e}
		return
	}
	d.Log.Error("unexpected error", "op", op, "err", *err)
	*err = apperr.Wire{E: apperr.New(apperr.Internal, "internal_error", nil)}
}
