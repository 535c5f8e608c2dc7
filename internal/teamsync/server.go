package teamsync

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/klauspost/compress/gzip"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// Server answers the devices of a team under /sync/.
type Server struct {
	st       *store.Store
	cmds     *command.Service
	accounts *auth.Service
	log      *slog.Logger
	// pushing holds a lock for each device: its batches are applied one
	// at a time, in order. Batches of different devices need none: what
	// bounds a command (the request's last step, the answers kept) is
	// read in the write transaction that applies it, and the store has
	// one writer.
	pushing sync.Map // device id → *sync.Mutex
	// schema is the data version the server syncs at (store.LatestSchema;
	// tests set another to play an older or newer server: SetSchema).
	schema atomic.Int64
}

// SetSchema makes the server sync at data version v (see SchemaHeader).
func (s *Server) SetSchema(v int) { s.schema.Store(int64(v)) }

// MaxBatch is the most commands a push or rows a pull carries.
const MaxBatch = 500

// maxPushBody bounds a push's body (unpacked): commands carry scans.
const maxPushBody = 256 << 20

// NewServer returns the sync server of the store cmds changes; it turns
// the store's change log on.
func NewServer(ctx context.Context, cmds *command.Service, accounts *auth.Service, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	st := cmds.Store()
	if err := st.EnableChangeLog(ctx); err != nil {
		return nil, err
	}
	s := &Server{st: st, cmds: cmds, accounts: accounts, log: log}
	s.SetSchema(store.LatestSchema())
	return s, nil
}

// ServeHTTP serves /sync/….
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	op := strings.TrimPrefix(r.URL.Path, "/sync/")
	schema := int(s.schema.Load())
	w.Header().Set(SchemaHeader, strconv.Itoa(schema))
	if op != "probe" {
		if err := schemaMismatch(r.Header.Get(SchemaHeader), schema); err != nil {
			writeErr(w, http.StatusConflict, err)
			return
		}
	}
	switch {
	case op == "probe" && r.Method == http.MethodGet:
		s.probe(w, r)
	case op == "join" && r.Method == http.MethodPost:
		s.join(w, r)
	case op == "snapshot" && r.Method == http.MethodGet:
		s.withDevice(w, r, s.snapshot)
	case op == "push" && r.Method == http.MethodPost:
		s.withDevice(w, r, s.pushBatch)
	case op == "pull" && r.Method == http.MethodGet:
		s.withDevice(w, r, s.pull)
	case strings.HasPrefix(op, "blob/") && r.Method == http.MethodGet:
		s.withDevice(w, r, func(w http.ResponseWriter, r *http.Request, _ store.Device, _ auth.User) {
			s.blob(w, r, strings.TrimPrefix(op, "blob/"))
		})
	default:
		writeErr(w, http.StatusNotFound, apperr.New(apperr.NotFound, "method_unknown", nil))
	}
}

func (s *Server) teamName(ctx context.Context) string {
	st, err := s.st.Settings(ctx)
	if err != nil {
		return ""
	}
	return st.CompanyName
}

func (s *Server) probe(w http.ResponseWriter, r *http.Request) {
	writeBody(w, r, ProbeResponse{TeamName: s.teamName(r.Context()), ServerTime: s.st.Now(), Schema: int(s.schema.Load())})
}

// schemaMismatch is why a laptop that says it is at data version laptop
// (SchemaHeader; "" from one too old to say) cannot sync with a server at
// server, or nil when they are at the same.
func schemaMismatch(laptop string, server int) *apperr.Error {
	v, err := strconv.Atoi(laptop)
	switch {
	case err != nil || v < server:
		shown := laptop
		if err != nil {
			shown = "?"
		}
		return apperr.New(apperr.Conflict, "sync_laptop_outdated", apperr.P{"laptop": shown, "server": strconv.Itoa(server)})
	case v > server:
		return apperr.New(apperr.Conflict, "sync_server_outdated", apperr.P{"laptop": laptop, "server": strconv.Itoa(server)})
	}
	return nil
}

func (s *Server) join(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var in JoinRequest
	if err := readBody(r, 8<<10, &in); err != nil {
		writeErr(w, http.StatusBadRequest, apperr.New(apperr.Invalid, "request_malformed", nil))
		return
	}
	code, err := checkDeviceCode(in.DeviceCode)
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	u, err := s.accounts.Verify(ctx, in.User, in.Password, remoteAddr(r))
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	// Numbers made offline on two laptops are told apart by the device
	// code only when the pattern prints it.
	if st, err := s.st.Settings(ctx); err != nil || !strings.Contains(st.NumberPattern, "{DEV}") {
		if err == nil {
			err = apperr.New(apperr.Conflict, "sync_pattern_needs_device", apperr.P{"pattern": st.NumberPattern, "dev": "{DEV}"})
		}
		writeError(w, s.log, err)
		return
	}
	token, id := in.Token, in.DeviceID
	if token == "" {
		token = auth.NewToken()
	}
	if id == "" {
		id = uuid.Must(uuid.NewV7()).String()
	}
	if _, err := uuid.Parse(id); err != nil || len(token) < MinTokenLen || len(token) > 512 {
		writeErr(w, http.StatusBadRequest, apperr.New(apperr.Invalid, "request_malformed", nil))
		return
	}
	d := store.Device{ID: id, Code: code, Name: strings.TrimSpace(in.DeviceName),
		AccountID: u.ID, Account: u.Name, JoinedAt: s.st.Now()}
	if err := s.st.InsertDevice(ctx, d, auth.Digest(token)); err != nil {
		writeError(w, s.log, err)
		return
	}
	s.log.Info("device joined", "device", d.ID, "code", code, "account", u.Name)
	writeBody(w, r, JoinResponse{DeviceID: d.ID, Token: token, TeamName: s.teamName(ctx),
		Account: Account{Name: u.Name, Roles: u.Roles}, ServerTime: s.st.Now()})
}

// checkDeviceCode normalises a device code and refuses an empty or
// malformed one.
func checkDeviceCode(code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code == "" {
		return "", apperr.New(apperr.Invalid, "sync_device_code_required", nil).WithField("deviceCode", "required")
	}
	if _, err := request.ParseNumberPattern("{DEV}-{NNN}", code); err != nil {
		return "", err
	}
	return code, nil
}

// errRevoked is the answer to a device that is revoked, or unknown here:
// it stops at its next round. Its own code (403), not Unauthorized: a
// browser on the laptop takes a 401 for the end of its session.
func errRevoked() *apperr.Error {
	return apperr.New(apperr.DeviceRevoked, "sync_device_revoked", nil)
}

// errAccountDisabled answers a device whose account is disabled.
func errAccountDisabled(account string) *apperr.Error {
	return apperr.New(apperr.DeviceRevoked, "sync_account_disabled", apperr.P{"account": account})
}

// withDevice authenticates a device by its bearer token and runs h as it.
func (s *Server) withDevice(w http.ResponseWriter, r *http.Request,
	h func(http.ResponseWriter, *http.Request, store.Device, auth.User)) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		writeErr(w, http.StatusForbidden, errRevoked())
		return
	}
	d, err := s.st.DeviceByToken(r.Context(), auth.Digest(token))
	if err != nil && apperr.CodeOf(err) != apperr.NotFound {
		writeError(w, s.log, err)
		return
	}
	if err != nil || d.Revoked {
		writeErr(w, http.StatusForbidden, errRevoked())
		return
	}
	u, err := s.accounts.Active(r.Context(), d.Account)
	if errors.Is(err, auth.ErrDisabled) {
		writeErr(w, http.StatusForbidden, errAccountDisabled(d.Account))
		return
	}
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	h(w, r, d, u)
}

func (s *Server) snapshot(w http.ResponseWriter, r *http.Request, d store.Device, _ auth.User) {
	ctx := r.Context()
	f, err := os.CreateTemp(filepath.Dir(s.st.Path()), "sync-snapshot-*.db")
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	path := f.Name()
	f.Close()
	defer os.Remove(path)
	seq, err := s.st.SyncSnapshot(ctx, path)
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	src, err := os.Open(path)
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	defer src.Close()
	w.Header().Set("Content-Type", "application/vnd.sqlite3")
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set(SeqHeader, strconv.FormatInt(seq, 10))
	// The fastest level: a large team's snapshot is most of its database,
	// and compressing it at the default level takes longer than the rest
	// of the join.
	gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if _, err := io.Copy(gz, src); err != nil {
		s.log.Warn("snapshot cut short", "device", d.ID, "err", err)
		return
	}
	gz.Close()
	s.touch(ctx, d)
}

// touchEvery is how often a device's last sync is written down: a
// round's pull and push would otherwise each be a write transaction more,
// with its flush to disk, for a time the devices list shows to the minute
// (as a browser session's last use, internal/auth). An empty round writes
// nothing unless its device's last sync is older than that.
const touchEvery = time.Minute

// stale tells whether a device's last sync is due to be written down again.
func (s *Server) stale(d store.Device) bool {
	now := s.st.Now()
	return d.LastSync == nil || now.Before(*d.LastSync) || now.Sub(*d.LastSync) >= touchEvery
}

// touch notes when a device last synced, unless it was noted less than
// touchEvery ago.
func (s *Server) touch(ctx context.Context, d store.Device) {
	if s.stale(d) {
		_ = s.st.TouchDevice(ctx, d.ID, s.st.Now())
	}
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request, d store.Device, _ auth.User) {
	q := r.URL.Query()
	after, err := strconv.ParseInt(q.Get("after"), 10, 64)
	if err != nil || after < 0 {
		writeErr(w, http.StatusBadRequest, apperr.New(apperr.Invalid, "request_malformed", nil))
		return
	}
	limit, err := strconv.Atoi(q.Get("limit"))
	if err != nil || limit <= 0 || limit > MaxBatch {
		limit = MaxBatch
	}
	changes, next, more, err := s.st.EncodedChanges(r.Context(), after, limit)
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	s.touch(r.Context(), d)
	writeEncoded(w, r, func(out io.Writer) error { return writePull(out, changes, next, more) })
}

// writePull writes a PullResponse whose changes are already encoded: the
// same JSON as encoding the response, without encoding a row again.
func writePull(w io.Writer, changes []json.RawMessage, next int64, more bool) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString(`{"changes":[`)
	for i, c := range changes {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.Write(c)
	}
	bw.WriteString(`],"next":`)
	bw.WriteString(strconv.FormatInt(next, 10))
	bw.WriteString(`,"more":`)
	bw.WriteString(strconv.FormatBool(more))
	bw.WriteString("}\n")
	return bw.Flush()
}

func (s *Server) blob(w http.ResponseWriter, r *http.Request, sum string) {
	if !blobs.ValidSum(sum) {
		writeErr(w, http.StatusNotFound, apperr.Missing("file"))
		return
	}
	var data []byte
	var err error
	if r.URL.Query().Get("kind") == "pdf" {
		data, err = s.st.PDFBySum(r.Context(), sum)
	} else {
		data, err = s.st.AttachmentFile(sum)
	}
	if err != nil {
		writeError(w, s.log, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(data)
}

func (s *Server) pushBatch(w http.ResponseWriter, r *http.Request, d store.Device, u auth.User) {
	// A batch may carry scans: it gets more time than a browser call's
	// body, as an authenticated device's.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(pushReadTime))
	var in PushRequest
	if err := readBody(r, maxPushBody, &in); err != nil {
		writeErr(w, http.StatusBadRequest, apperr.New(apperr.Invalid, "request_malformed", nil))
		return
	}
	if len(in.Commands) > MaxBatch {
		in.Commands = in.Commands[:MaxBatch]
	}
	ctx := context.WithoutCancel(r.Context())
	out, touched := s.applyBatch(ctx, d, u, in.Commands)
	if !touched {
		s.touch(ctx, d)
	}
	writeBody(w, r, out)
}

// pushChunk is how many commands of a push share one transaction: one
// commit and its flush to disk instead of one a command, while a browser's
// change waits for at most a chunk.
const pushChunk = 50

// applyBatch applies a device's commands in order, one batch of the
// device at a time (the answer is written after the next may start). The commands
// go in chunks of pushChunk, each in one transaction where every command
// is a part of its own (store.Tx.Part): a refused one is rolled back
// alone and kept as a conflict. The rows the commands touched are read
// after their chunk committed. The first chunk's transaction also notes
// the device's last sync when it is due (touched), sparing the round a
// write of its own.
func (s *Server) applyBatch(ctx context.Context, d store.Device, u auth.User, cmds []PushCommand) (_ PushResponse, touched bool) {
	m, _ := s.pushing.LoadOrStore(d.ID, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()
	defer mu.Unlock()
	out := PushResponse{Results: []PushResult{}}
	touch := s.stale(d)
	for start := 0; start < len(cmds); start += pushChunk {
		chunk := cmds[start:min(len(cmds), start+pushChunk)]
		var results []PushResult
		stopped := false
		err := s.st.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
			results = results[:0]
			if touch {
				if err := tx.TouchDevice(ctx, d.ID, tx.Now()); err != nil {
					return err
				}
			}
			for _, c := range chunk {
				res, err := s.apply(ctx, tx, d, u, c)
				if err != nil {
					// Nothing of this command was written: the device
					// sends it again at its next round.
					s.log.Error("push failed", "device", d.ID, "seq", c.Seq, "err", err)
					stopped = true
					break
				}
				results = append(results, res)
				if res.Status == StatusSeqTaken {
					// What follows waits for the device to number it
					// anew, in order.
					s.log.Warn("push: sequence taken by another command", "device", d.ID, "seq", c.Seq)
					stopped = true
					break
				}
			}
			return nil
		})
		if err != nil {
			// Nothing of the chunk was written.
			s.log.Error("push failed", "device", d.ID, "seq", chunk[0].Seq, "err", err)
			break
		}
		touched, touch = touched || touch, false
		for i := range results {
			if results[i].Status != StatusSeqTaken {
				rows, err := s.rowsOf(ctx, chunk[i], results[i])
				if err != nil {
					s.log.Error("push rows", "device", d.ID, "seq", chunk[i].Seq, "err", err)
					stopped = true
					break
				}
				results[i].Rows = rows
			}
			out.Results = append(out.Results, results[i])
		}
		if stopped {
			break
		}
	}
	var last int64
	_ = s.st.Read(ctx, func(tx *store.Tx) error {
		var err error
		last, err = tx.DeviceLastSeq(ctx, d.ID)
		return err
	})
	out.LastApplied = last
	return out, touched
}

// apply carries out one pushed command once, as a part of tx: a sequence
// answered before is answered as before; otherwise the command is
// replayed as the device's account, checked against the role table, at
// its time bounded by now and by the request's last step, and its answer
// kept with its effect.
func (s *Server) apply(ctx context.Context, tx *store.Tx, d store.Device, u auth.User, c PushCommand) (PushResult, error) {
	if raw, ok, err := tx.AppliedResult(ctx, d.ID, c.Seq); err != nil || ok {
		if err != nil {
			return PushResult{}, err
		}
		var res PushResult
		if err := json.Unmarshal(raw, &res); err != nil {
			return PushResult{}, err
		}
		if res.ID != "" && res.ID != c.ID {
			return PushResult{Seq: c.Seq, ID: c.ID, Status: StatusSeqTaken}, nil
		}
		res.Status = StatusDuplicate
		return res, nil
	}
	if c.Seq <= 0 {
		return PushResult{}, errors.New("command without a sequence")
	}
	rid := command.RequestOf(c.Name, c.Args)
	refuse := func(reason error) (PushResult, error) {
		return s.refuse(ctx, tx, d, c, rid, reason)
	}
	if !command.Shared(c.Name) || command.Method(c.Name) == "" {
		return refuse(apperr.New(apperr.Invalid, "sync_unknown_command", apperr.P{"name": c.Name}))
	}
	if err := auth.Allow(u, command.Method(c.Name)); err != nil {
		return refuse(err)
	}
	at := c.At
	if now := s.st.Now(); at.After(now) || at.IsZero() {
		at = now
	}
	// Who changed the request last before this command, for a command
	// applied in part (the change is its own afterwards).
	var before lastChange
	if rid != "" {
		last, err := tx.LastTransitionAt(ctx, rid)
		if err != nil {
			return PushResult{}, err
		}
		if at.Before(last) {
			at = last
		}
		if before.by, before.at, err = tx.LastChange(ctx, rid); err != nil {
			return PushResult{}, err
		}
	}
	rec := command.Recorded{ID: c.ID, Name: c.Name, Args: c.Args, At: at, Numbers: c.Numbers, RequestID: rid}
	res := PushResult{Seq: c.Seq, ID: c.ID, Status: StatusApplied}
	_, _, err := command.ReplayIn(auth.WithUser(ctx, u), s.cmds, tx, rec, command.ReplayOptions{Rebase: true,
		Within: func(tx *store.Tx, out command.Outcome) error {
			res.Noop = out.Noop
			if out.Partial != nil {
				cf, err := s.conflict(ctx, tx, d, c, rid, out.Partial, &before)
				if err != nil {
					return err
				}
				res.Status, res.Conflict = StatusConflict, cf
			}
			return saveApplied(ctx, tx, d.ID, res)
		}})
	if err != nil {
		if _, ok := apperr.As(err); !ok {
			return PushResult{}, err
		}
		return refuse(err)
	}
	return res, nil
}

func saveApplied(ctx context.Context, tx *store.Tx, deviceID string, res PushResult) error {
	res.Rows = nil
	raw, err := json.Marshal(res)
	if err != nil {
		return err
	}
	return tx.SaveApplied(ctx, deviceID, res.Seq, raw)
}

// refuse keeps a refused command as a conflict and answers it.
func (s *Server) refuse(ctx context.Context, tx *store.Tx, d store.Device, c PushCommand, rid string, reason error) (PushResult, error) {
	res := PushResult{Seq: c.Seq, ID: c.ID, Status: StatusConflict}
	err := tx.Part(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		cf, err := s.conflict(ctx, tx, d, c, rid, reason, nil)
		if err != nil {
			return err
		}
		res.Conflict = cf
		return saveApplied(ctx, tx, d.ID, res)
	})
	return res, err
}

// lastChange is who changed a request last, and when.
type lastChange struct {
	by string
	at *time.Time
}

// conflict keeps a conflict with the server's state of the request and who
// changed it last (read now, unless known from before the command).
func (s *Server) conflict(ctx context.Context, tx *store.Tx, d store.Device, c PushCommand, rid string, reason error,
	last *lastChange) (*Conflict, error) {
	e, ok := apperr.As(reason)
	if !ok {
		e = &apperr.Error{Code: apperr.Internal, Key: "internal_error", Message: "内部错误"}
	}
	cf := &Conflict{ID: uuid.Must(uuid.NewV7()).String(), Reason: e, RequestID: rid}
	if rid != "" {
		if r, err := tx.Request(ctx, rid); err == nil {
			cf.RequestNumber = r.Number
			if cf.ServerState, err = json.Marshal(r); err != nil {
				return nil, err
			}
			if last == nil {
				last = &lastChange{}
				if last.by, last.at, err = tx.LastChange(ctx, rid); err != nil {
					return nil, err
				}
			}
			cf.ChangedBy, cf.ChangedAt = last.by, last.at
		}
	}
	why, err := json.Marshal(e)
	if err != nil {
		return nil, err
	}
	return cf, tx.InsertSyncConflict(ctx, store.SyncConflict{ID: cf.ID, DeviceID: d.ID, Seq: c.Seq, CommandID: c.ID,
		Name: c.Name, Args: c.Args, At: c.At, Reason: why, RequestID: rid, ServerState: cf.ServerState,
		ChangedBy: cf.ChangedBy, ChangedAt: cf.ChangedAt})
}

// rowsOf reads the server's state of the rows a command touched on the
// laptop, and of its request.
func (s *Server) rowsOf(ctx context.Context, c PushCommand, res PushResult) ([]store.Change, error) {
	var keys []store.RowKey
	for _, k := range c.Touched {
		if store.IsShared(k.Table) {
			keys = append(keys, k)
		}
	}
	if res.Conflict != nil && res.Conflict.RequestID != "" {
		keys = append(keys, store.RowKey{Table: "requests", ID: res.Conflict.RequestID})
	}
	if len(keys) == 0 {
		return nil, nil
	}
	return s.st.SharedRows(ctx, keys)
}

func remoteAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// readBody decodes a JSON body, gzip-compressed when it says so.
func readBody(r *http.Request, limit int64, v any) error {
	var body io.Reader = io.LimitReader(r.Body, limit)
	if r.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(body)
		if err != nil {
			return err
		}
		defer gz.Close()
		body = io.LimitReader(gz, limit)
	}
	return json.NewDecoder(body).Decode(v)
}

// writeBody answers JSON, compressed for a client that takes gzip.
func writeBody(w http.ResponseWriter, r *http.Request, v any) {
	writeEncoded(w, r, func(out io.Writer) error { return json.NewEncoder(out).Encode(v) })
}

// writeEncoded answers with the JSON encode writes, compressed when the
// caller takes gzip.
func writeEncoded(w http.ResponseWriter, r *http.Request, encode func(io.Writer) error) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		encode(w)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	// The fastest level: JSON of rows shrinks nearly as well, and a team
	// server answers hundreds of laptops on two cores.
	gz, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
	encode(gz)
	gz.Close()
}

func writeErr(w http.ResponseWriter, code int, e *apperr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(e)
}

// writeError answers err with its status; an unexpected one is logged and
// answered as an internal error.
func writeError(w http.ResponseWriter, log *slog.Logger, err error) {
	e, ok := apperr.As(err)
	if !ok {
		log.Error("sync", "err", err)
		e = &apperr.Error{Code: apperr.Internal, Key: "internal_error", Message: "内部错误"}
	}
	writeErr(w, apperr.HTTPStatus(e.Code), e)
}

// pushReadTime is how long a device has to send a push.
const pushReadTime = 10 * time.Minute
