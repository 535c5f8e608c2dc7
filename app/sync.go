package app

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/url"
	"reflect"
	"sync"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/teamsync"
)

// SyncStatus is where this computer stands with its team.
type SyncStatus struct {
	Joined      bool          `json:"joined"`
	Server      string        `json:"server"`     // the team server's URL
	Account     string        `json:"account"`    // the account joined with
	DeviceCode  string        `json:"deviceCode"` // this laptop's
	Online      bool          `json:"online"`     // the last round reached the server
	Syncing     bool          `json:"syncing"`    // a round runs now
	Pending     int           `json:"pending"`    // commands in the outbox
	Conflicts   int           `json:"conflicts"`  // refusals in the inbox
	LastSync    *time.Time    `json:"lastSync"`   // the last round that succeeded: data as of
	LastError   *apperr.Error `json:"lastError"`  // why the last round failed
	Fingerprint string        `json:"fingerprint"`
	IsServer    bool          `json:"isServer"` // this process serves a team: devices apply
}

// JoinInput is what joining a team takes.
type JoinInput struct {
	Server      string `json:"server"`
	User        string `json:"user"`
	Password    string `json:"password"`
	DeviceCode  string `json:"deviceCode"`
	DeviceName  string `json:"deviceName"`
	Fingerprint string `json:"fingerprint"`
}

// ProbeResult is what a team server says of itself before joining.
type ProbeResult struct {
	Fingerprint string `json:"fingerprint"` // the certificate's, "" over plain http
	TeamName    string `json:"teamName"`
	TLS         bool   `json:"tls"`
}

// Conflict is a command the team server refused, kept until resolved.
type Conflict struct {
	ID            string          `json:"id"`
	CommandName   string          `json:"commandName"`
	Summary       string          `json:"summary"` // what was tried
	Args          json.RawMessage `json:"args"`
	Reason        apperr.Error    `json:"reason"`
	RequestID     string          `json:"requestId"`
	RequestNumber string          `json:"requestNumber"`
	ServerState   json.RawMessage `json:"serverState"` // the request as the server has it
	ChangedBy     string          `json:"changedBy"`
	ChangedAt     time.Time       `json:"changedAt"`
	At            time.Time       `json:"at"`   // when it was done on the laptop
	Text          string          `json:"text"` // what the user typed, for 复制我的文字
}

// Device is a laptop joined to this server.
type Device struct {
	ID       string     `json:"id"`
	Code     string     `json:"code"`
	Name     string     `json:"name"`
	Account  string     `json:"account"`
	JoinedAt time.Time  `json:"joinedAt"`
	LastSync *time.Time `json:"lastSync"`
	Revoked  bool       `json:"revoked"`
}

// Sync is this program's side of team sync, shared by the bound structs:
// the laptop's client and its schedule, and whether the program serves a
// team itself.
type Sync struct {
	Client *teamsync.Client
	// IsServer is set when the program serves a team (reqdesk serve with
	// accounts).
	IsServer bool
	log      *slog.Logger

	kick chan struct{}
	mu   sync.Mutex
	emit func(SyncStatus)
	last *SyncStatus
}

// NewSync makes the team sync of the program whose changes cmds makes.
func NewSync(cmds *command.Service, log *slog.Logger) *Sync {
	if log == nil {
		log = slog.Default()
	}
	return &Sync{Client: teamsync.NewClient(cmds, log), log: log, kick: make(chan struct{}, 1)}
}

// OnStatus sets where a changed status goes (the window's sync:status
// event).
func (s *Sync) OnStatus(fn func(SyncStatus)) {
	s.mu.Lock()
	s.emit = fn
	s.mu.Unlock()
}

// Kick asks for a round soon.
func (s *Sync) Kick() {
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Sync's schedule: a round at start, every roundEvery, and changeSettle
// after a local change (a burst of changes makes one round).
const (
	roundEvery       = 5 * time.Minute
	syncChangeSettle = 3 * time.Second
)

// Run syncs on schedule until ctx ends: at start, every five minutes, and
// three seconds after the last of a burst of local changes (changed, see
// Changes). It only acts while the laptop is joined to a team.
func (s *Sync) Run(ctx context.Context, changed <-chan struct{}) {
	tick := time.NewTicker(roundEvery)
	defer tick.Stop()
	var settle <-chan time.Time
	round := func() {
		if _, ok, err := s.Client.Store().SyncClient(ctx); err != nil || !ok {
			return
		}
		s.publish(ctx)
		if _, err := s.Client.Round(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("sync round", "err", err)
		}
		s.publish(ctx)
	}
	round()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			round()
		case <-s.kick:
			round()
		case <-changed:
			s.publish(ctx) // the outbox grew
			settle = time.After(syncChangeSettle)
		case <-settle:
			settle = nil
			round()
		}
	}
}

// status reads where this computer stands.
func (s *Sync) status(ctx context.Context) (SyncStatus, error) {
	st := s.Client.Store()
	out := SyncStatus{IsServer: s.IsServer}
	cl, ok, err := st.SyncClient(ctx)
	if err != nil {
		return out, err
	}
	out.Online, out.Syncing = s.Client.State()
	if out.Pending, err = st.OutboxCount(ctx); err != nil {
		return out, err
	}
	if out.Conflicts, err = st.InboxCount(ctx); err != nil {
		return out, err
	}
	if !ok {
		out.Online = false
		return out, nil
	}
	out.Joined, out.Server, out.Account, out.DeviceCode = true, cl.Server, cl.Account, cl.DeviceCode
	out.LastSync, out.Fingerprint = cl.LastSync, cl.Fingerprint
	if len(cl.LastError) > 0 {
		var e apperr.Error
		if json.Unmarshal(cl.LastError, &e) == nil {
			out.LastError = &e
		}
	}
	return out, nil
}

// publish sends the status where OnStatus said, when it changed.
func (s *Sync) publish(ctx context.Context) {
	st, err := s.status(ctx)
	if err != nil {
		return
	}
	s.mu.Lock()
	emit := s.emit
	changed := s.last == nil || !reflect.DeepEqual(*s.last, st)
	s.last = &st
	s.mu.Unlock()
	if changed && emit != nil {
		emit(st)
	}
}

// SyncApp is team sync as the UI sees it: on a laptop, joining a team,
// syncing and the inbox of refused changes; on the team server, its
// devices. Rules and protocol live in internal/teamsync.
type SyncApp struct{ d Deps }

func (a *SyncApp) sync() *Sync { return a.d.state.sync }

// Status says where this computer stands with its team.
func (a *SyncApp) Status() (_ SyncStatus, err error) {
	defer a.d.guard("sync.status", &err)
	return a.sync().status(a.d.ctx())
}

// Probe asks a team server who it is, before joining.
func (a *SyncApp) Probe(server string) (_ ProbeResult, err error) {
	defer a.d.guard("sync.probe", &err)
	p, fp, err := a.sync().Client.Probe(a.d.ctx(), server)
	if err != nil {
		return ProbeResult{}, err
	}
	u, _ := url.Parse(server)
	return ProbeResult{TeamName: p.TeamName, TLS: u != nil && u.Scheme == "https", Fingerprint: fp}, nil
}

// Join joins this laptop to a team (see teamsync.Client.Join): its shared
// data becomes the team's; the data it had is kept as a backup.
func (a *SyncApp) Join(in JoinInput) (_ SyncStatus, err error) {
	defer a.d.guard("sync.join", &err)
	s := a.sync()
	if err := s.Client.Join(a.d.ctx(), teamsync.JoinInput{Server: in.Server, User: in.User, Password: in.Password,
		DeviceCode: in.DeviceCode, DeviceName: in.DeviceName, Fingerprint: in.Fingerprint}); err != nil {
		return SyncStatus{}, err
	}
	s.publish(a.d.ctx())
	s.Kick()
	return s.status(a.d.ctx())
}

// SyncNow runs a round now and says how it ended (LastError when it
// failed).
func (a *SyncApp) SyncNow() (_ SyncStatus, err error) {
	defer a.d.guard("sync.now", &err)
	s := a.sync()
	if _, err := s.Client.Round(a.d.ctx()); err != nil {
		if e, ok := apperr.As(err); ok && e.Key == "sync_not_joined" {
			return SyncStatus{}, err
		}
	}
	s.publish(a.d.ctx())
	return s.status(a.d.ctx())
}

// Leave leaves the team; the data stays.
func (a *SyncApp) Leave() (_ SyncStatus, err error) {
	defer a.d.guard("sync.leave", &err)
	s := a.sync()
	if err := s.Client.Leave(a.d.ctx()); err != nil {
		return SyncStatus{}, err
	}
	s.publish(a.d.ctx())
	return s.status(a.d.ctx())
}

// Conflicts lists the changes the team server refused, newest first.
func (a *SyncApp) Conflicts() (_ []Conflict, err error) {
	defer a.d.guard("sync.conflicts", &err)
	es, err := a.sync().Client.Store().Inbox(a.d.ctx())
	if err != nil {
		return nil, err
	}
	out := make([]Conflict, 0, len(es))
	for _, e := range es {
		c := Conflict{ID: e.ID, CommandName: e.Name, Args: e.Args, RequestID: e.RequestID, RequestNumber: e.RequestNumber,
			ServerState: e.ServerState, ChangedBy: e.ChangedBy, At: e.At}
		c.Summary, c.Text = teamsync.Describe(e.Name, e.Args)
		_ = json.Unmarshal(e.Reason, &c.Reason)
		if e.ChangedAt != nil {
			c.ChangedAt = *e.ChangedAt
		}
		out = append(out, c)
	}
	return out, nil
}

// ResolveConflict settles a refused change: "retry" applies it again on
// the current state (it syncs like any change), "discard" drops it.
func (a *SyncApp) ResolveConflict(id string, action string) (_ SyncStatus, err error) {
	defer a.d.guard("sync.resolve", &err)
	s := a.sync()
	if err := s.Client.Resolve(a.d.ctx(), id, action); err != nil {
		return SyncStatus{}, err
	}
	s.publish(a.d.ctx())
	s.Kick()
	return s.status(a.d.ctx())
}

// Unsynced lists the ids of the requests with changes not yet synced.
func (a *SyncApp) Unsynced() (_ []string, err error) {
	defer a.d.guard("sync.unsynced", &err)
	ids, err := a.sync().Client.Store().PendingRequests(a.d.ctx())
	if ids == nil {
		ids = []string{}
	}
	return ids, err
}

// Devices lists the laptops joined to this server, with their account and
// last sync.
func (a *SyncApp) Devices() (_ []Device, err error) {
	defer a.d.guard("sync.devices", &err)
	ds, err := a.d.Store.Devices(a.d.ctx())
	if err != nil {
		return nil, err
	}
	out := make([]Device, len(ds))
	for i, d := range ds {
		out[i] = Device{ID: d.ID, Code: d.Code, Name: d.Name, Account: d.Account, JoinedAt: d.JoinedAt,
			LastSync: d.LastSync, Revoked: d.Revoked}
	}
	return out, nil
}

// RevokeDevice revokes a device (a lost laptop): it stops at its next
// round; its changes not yet synced stay on it.
func (a *SyncApp) RevokeDevice(id string) (_ []Device, err error) {
	defer a.d.guard("sync.revoke", &err)
	if err := a.d.Store.RevokeDevice(a.d.ctx(), id); err != nil {
		return nil, err
	}
	return a.Devices()
}
