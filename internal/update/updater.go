package update

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/release"
	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// Bounds of the network work, so that an unreachable or slow source never
// holds anything up: a check reads two small files, a download one program.
const (
	CheckTimeout    = 20 * time.Second
	DownloadTimeout = 15 * time.Minute
	// FirstCheck waits after the start, so the first screens come first.
	FirstCheck = 20 * time.Second
	// CheckEvery is the schedule after a check that reached the source;
	// RetryEvery after one that did not (offline at a client's site).
	CheckEvery = 6 * time.Hour
	RetryEvery = 30 * time.Minute
)

// Team is the team server this computer joined, if any: its URL and the
// fingerprint of its certificate pinned at join ("" over http).
type Team func(ctx context.Context) (server, fingerprint string, joined bool)

// Config is what an Updater works with.
type Config struct {
	// Dir is the update folder of the data directory (data/update): the
	// staged release, the configured address, the record of a switch.
	Dir string
	// Exe is the running program's file.
	Exe string
	// Version is the running program's version.
	Version string
	// Key is the release key built into the program (PublicKey).
	Key ed25519.PublicKey
	// Team names the joined team server (nil: none).
	Team Team
	// Restart is set when the program can restart itself to switch (the
	// desktop window).
	Restart bool
	Log     *slog.Logger
	// Wait is the wait before the first background check (FirstCheck
	// when 0).
	Wait time.Duration
}

// Release is a release as the window shows it.
type Release struct {
	Version string `json:"version"`
	Notes   string `json:"notes"`
	Date    string `json:"date"`
	Size    int64  `json:"size"`
}

// Applied records a switch made at a start, for the window to say so.
type Applied struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	At   time.Time `json:"at"`
}

// Status is where this program stands with its updates.
type Status struct {
	Current string `json:"current"`
	// Blocked says why this program does not look for updates at all (no
	// release key built in, a development version).
	Blocked *apperr.Error `json:"blocked"`
	// InstallBlocked says why a newer version cannot be installed from
	// here (the program's folder is not writable: a package install).
	InstallBlocked *apperr.Error `json:"installBlocked"`
	Source         string        `json:"source"`   // the release folder checked
	FromTeam       bool          `json:"fromTeam"` // it is the joined team server's
	Address        string        `json:"address"`  // the configured address
	Checking       bool          `json:"checking"`
	Downloading    bool          `json:"downloading"`
	CheckedAt      *time.Time    `json:"checkedAt"`
	Available      *Release      `json:"available"` // a newer signed release
	Staged         *Release      `json:"staged"`    // downloaded and checked: switched to at the next start
	Error          *apperr.Error `json:"error"`     // why the last check or download failed
	Applied        *Applied      `json:"applied"`   // switched to this version at this start
	StartError     *apperr.Error `json:"startError"`
	CanRestart     bool          `json:"canRestart"`
}

// appliedFile records the last switch (Applied) in the update folder.
const appliedFile = "applied.json"

// Updater checks for updates in the background and downloads them on the
// user's word; it keeps the Status the window shows.
type Updater struct {
	c       Config
	current release.Version
	log     *slog.Logger

	mu     sync.Mutex
	st     Status
	offer  *Offer
	client func(timeout time.Duration) *http.Client
	busy   bool
	emit   func(Status)
	last   *Status
	kick   chan struct{}
	// override is an address given for this run (reqdesk update --from).
	override string
}

// New makes the updater of c. A program without a release key or with a
// version that is not a release's reports it in Status.Blocked and never
// checks.
func New(c Config) *Updater {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	u := &Updater{c: c, log: c.Log, kick: make(chan struct{}, 1)}
	u.st.Current = c.Version
	u.st.CanRestart = c.Restart
	v, err := release.ParseVersion(c.Version)
	switch {
	case err != nil:
		u.st.Blocked = apperr.New(apperr.Invalid, "update_dev_build", apperr.P{"version": c.Version})
	case len(c.Key) != ed25519.PublicKeySize:
		u.st.Blocked = apperr.New(apperr.Invalid, "update_no_key", nil)
	}
	u.current = v
	u.st.Address = LoadAddress(c.Dir)
	if m := Staged(c.Dir, c.Key); m != nil && c.Key != nil {
		if sv, err := release.ParseVersion(m.Version); err == nil && sv.Compare(v) > 0 {
			u.st.Staged = releaseOf(m, 0)
		}
	}
	var a Applied
	if b, err := os.ReadFile(filepath.Join(c.Dir, appliedFile)); err == nil && json.Unmarshal(b, &a) == nil && a.To == c.Version {
		u.st.Applied = &a
	}
	return u
}

func releaseOf(m *release.Manifest, size int64) *Release {
	return &Release{Version: m.Version, Notes: m.Notes, Date: m.Date, Size: size}
}

// StartError keeps why a staged update was refused at this start.
func (u *Updater) StartError(err error) {
	e, ok := apperr.As(err)
	if !ok {
		e = apperr.New(apperr.Internal, "update_apply_failed", apperr.P{"version": "", "current": u.c.Version, "reason": err.Error()})
	}
	u.mu.Lock()
	u.st.StartError = e
	u.mu.Unlock()
}

// OnStatus sets where a changed status goes (the window's update:status).
func (u *Updater) OnStatus(fn func(Status)) {
	u.mu.Lock()
	u.emit = fn
	u.mu.Unlock()
}

// Status is where the program stands with its updates.
func (u *Updater) Status() Status {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.st
}

func (u *Updater) change(fn func(*Status)) Status {
	u.mu.Lock()
	fn(&u.st)
	st := u.st
	emit := u.emit
	changed := u.last == nil || !reflect.DeepEqual(*u.last, st)
	u.last = &st
	u.mu.Unlock()
	if changed && emit != nil {
		emit(st)
	}
	return st
}

// source is where to look: the joined team server's /releases/ (through
// its pinned certificate), else the configured address.
func (u *Updater) source(ctx context.Context) (string, bool, func(time.Duration) *http.Client, error) {
	plain := func(d time.Duration) *http.Client { return tlscert.PinnedClient("", d) }
	if u.override != "" {
		return u.override, false, plain, nil
	}
	if u.c.Team != nil {
		if server, fp, ok := u.c.Team(ctx); ok {
			url, err := fileURL(server+"/", "releases/")
			return url, true, func(d time.Duration) *http.Client { return tlscert.PinnedClient(fp, d) }, err
		}
	}
	u.mu.Lock()
	addr := u.st.Address
	u.mu.Unlock()
	if addr == "" {
		return "", false, nil, apperr.New(apperr.Invalid, "update_no_source", nil)
	}
	return addr, false, plain, nil
}

// Override makes the updater look at address instead of the team server
// or the configured address, for this run only (reqdesk update --from).
func (u *Updater) Override(address string) error {
	s, err := CheckAddress(address)
	if err != nil {
		return err
	}
	u.override = s
	return nil
}

func (u *Updater) take() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.st.Blocked != nil {
		return u.st.Blocked
	}
	if u.busy {
		return apperr.New(apperr.Conflict, "update_busy", nil)
	}
	u.busy = true
	return nil
}

func (u *Updater) release() {
	u.mu.Lock()
	u.busy = false
	u.mu.Unlock()
}

// Check looks for a newer release now (at most CheckTimeout). A failure
// (offline, refused) is kept in Status.Error as well as returned.
func (u *Updater) Check(ctx context.Context) (Status, error) {
	if err := u.take(); err != nil {
		return u.Status(), err
	}
	defer u.release()
	src, team, client, err := u.source(ctx)
	u.change(func(s *Status) { s.Checking, s.Source, s.FromTeam = err == nil, src, team })
	if err != nil {
		st := u.change(func(s *Status) { s.Error, s.Available = asErr(err), nil })
		return st, err
	}
	ctx, cancel := context.WithTimeout(ctx, CheckTimeout)
	defer cancel()
	o, err := Check(ctx, client(CheckTimeout), src, u.current, u.c.Key, runtime.GOOS, runtime.GOARCH)
	now := time.Now()
	if errors.Is(err, ErrUpToDate) {
		err = nil
	}
	u.mu.Lock()
	u.offer, u.client = o, client
	u.mu.Unlock()
	st := u.change(func(s *Status) {
		s.Checking, s.CheckedAt, s.Error, s.Available, s.InstallBlocked = false, &now, nil, nil, nil
		if err != nil {
			s.Error = asErr(err)
			return
		}
		if o != nil {
			s.Available = releaseOf(o.Manifest, o.Program.Size)
			if werr := Writable(u.c.Exe); werr != nil {
				s.InstallBlocked = apperr.New(apperr.Forbidden, "update_not_writable", apperr.P{"dir": filepath.Dir(u.c.Exe), "version": o.Version.String()})
			}
		}
	})
	if err != nil {
		u.log.Info("update check", "source", src, "err", err)
	}
	return st, err
}

// Download downloads the release the last check found, checks it and
// stages it for the next start (at most DownloadTimeout).
func (u *Updater) Download(ctx context.Context) (Status, error) {
	if err := u.take(); err != nil {
		return u.Status(), err
	}
	defer u.release()
	u.mu.Lock()
	o, client, blocked := u.offer, u.client, u.st.InstallBlocked
	u.mu.Unlock()
	if o == nil {
		return u.Status(), apperr.New(apperr.Invalid, "update_nothing_offered", nil)
	}
	if blocked != nil {
		return u.Status(), blocked
	}
	u.change(func(s *Status) { s.Downloading, s.Error = true, nil })
	ctx, cancel := context.WithTimeout(ctx, DownloadTimeout)
	defer cancel()
	err := Stage(ctx, client(DownloadTimeout), o, u.c.Dir, u.current)
	st := u.change(func(s *Status) {
		s.Downloading = false
		if err != nil {
			s.Error = asErr(err)
			return
		}
		s.Staged = releaseOf(o.Manifest, o.Program.Size)
	})
	if err != nil {
		u.log.Warn("update download", "version", o.Version.String(), "err", err)
	} else {
		u.log.Info("update staged", "version", o.Version.String())
	}
	return st, err
}

// SetAddress keeps the update address ("" for none) and checks it soon.
func (u *Updater) SetAddress(raw string) (Status, error) {
	s, err := SaveAddress(u.c.Dir, raw)
	if err != nil {
		return u.Status(), err
	}
	st := u.change(func(st *Status) { st.Address = s })
	u.Kick()
	return st, nil
}

// Kick asks for a check soon.
func (u *Updater) Kick() {
	select {
	case u.kick <- struct{}{}:
	default:
	}
}

// Run checks in the background until ctx ends: FirstCheck after the start,
// then every CheckEvery (RetryEvery while the source cannot be reached),
// and when kicked. A program that cannot update itself never checks.
func (u *Updater) Run(ctx context.Context) {
	if u.Status().Blocked != nil {
		return
	}
	wait := FirstCheck
	if u.c.Wait > 0 {
		wait = u.c.Wait
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		case <-u.kick:
		}
		wait = CheckEvery
		if _, _, _, err := u.source(ctx); err != nil {
			continue // nowhere to look yet: the window says so when asked to check
		}
		if _, err := u.Check(ctx); err != nil {
			if e, ok := apperr.As(err); ok && e.Key == "update_busy" {
				wait = time.Minute
			} else if ok && e.Key == "update_unreachable" {
				wait = RetryEvery
			}
		}
	}
}

func asErr(err error) *apperr.Error {
	if e, ok := apperr.As(err); ok {
		return e
	}
	return apperr.New(apperr.Internal, "update_download_failed", apperr.P{"file": "", "reason": err.Error()})
}

// Start is the switch at a program's start: it applies a release staged in
// dir (ApplyPending) and records the switch for the window. It returns the
// version switched to ("" when none), and why a staged release was refused.
func Start(dir, exe, current string, pub ed25519.PublicKey) (string, error) {
	v, err := release.ParseVersion(current)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return "", nil // a build that cannot update itself leaves the staging alone
	}
	m, err := ApplyPending(dir, exe, v, pub)
	if err != nil || m == nil {
		return "", err
	}
	b, _ := json.Marshal(Applied{From: current, To: m.Version, At: time.Now().UTC()})
	if werr := os.WriteFile(filepath.Join(dir, appliedFile), b, 0o600); werr != nil {
		return m.Version, nil // the switch is made; only the note is missing
	}
	return m.Version, nil
}
