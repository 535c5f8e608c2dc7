package teamsync

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/klauspost/compress/gzip"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/tlscert"
)

// Client is a laptop's side of team sync.
type Client struct {
	st   *store.Store
	cmds *command.Service
	log  *slog.Logger
	// HTTP makes the calls to the server. A transport that pins the
	// server's certificate (internal/tlscert) plugs in here: Transport.
	HTTP *http.Client
	// Batch is how many commands a push and rows a pull carry at most.
	Batch int
	// Schema is the data version the laptop syncs at (store.LatestSchema;
	// tests set another to play an older or newer laptop), sent with every
	// call (SchemaHeader).
	Schema int

	round sync.Mutex // one round (or join) at a time

	// pin is the fingerprint of the server's certificate the laptop
	// accepts (the one shown and confirmed at join), "" for normal
	// verification; pinned is the client that holds to it.
	pin    string
	pinned *http.Client

	mu      sync.Mutex
	online  bool
	syncing bool
}

// NewClient returns the client of the store cmds changes, and registers the
// outbox: from the moment the laptop joins a team, every shared command is
// kept in it with its effect, in the same transaction.
func NewClient(cmds *command.Service, log *slog.Logger) *Client {
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	c := &Client{st: cmds.Store(), cmds: cmds, log: log, HTTP: &http.Client{Timeout: 10 * time.Minute},
		Batch: MaxBatch, Schema: store.LatestSchema()}
	cmds.Record(c.keep)
	return c
}

// keep writes a command that changed shared rows into the outbox, with the
// rows it wrote (context.Background: the hook runs inside the command's
// transaction, whose context it does not get).
func (c *Client) keep(tx *store.Tx, rec command.Recorded) error {
	ctx := context.Background()
	joined, err := tx.Joined(ctx)
	if err != nil || !joined {
		return err
	}
	touched, err := tx.Touched(ctx)
	if err != nil || len(touched) == 0 {
		return err // it changed nothing the team shares
	}
	rid := rec.RequestID
	for _, k := range touched {
		if rid == "" && k.Table == "requests" {
			rid = k.ID // a request it registered
		}
	}
	if err := tx.AddOutbox(ctx, store.OutboxEntry{ID: rec.ID, Name: rec.Name, Args: rec.Args, At: rec.At,
		Numbers: rec.Numbers, Touched: touched, RequestID: rid}); err != nil {
		return err
	}
	return tx.ForgetTouched(ctx)
}

// State is what the client knows of itself beyond the store: whether the
// last round reached the server, and whether one runs now.
func (c *Client) State() (online, syncing bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.online, c.syncing
}

func (c *Client) setState(online, syncing bool) {
	c.mu.Lock()
	c.online, c.syncing = online, syncing
	c.mu.Unlock()
}

// Store is the laptop's store.
func (c *Client) Store() *store.Store { return c.st }

// JoinInput is what joining a team takes.
type JoinInput struct {
	Server      string
	User        string
	Password    string
	DeviceCode  string
	DeviceName  string
	Fingerprint string
}

// serverURL checks a server address and returns its base.
func serverURL(raw string) (string, error) {
	raw = strings.TrimRight(strings.TrimSpace(raw), "/")
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return "", apperr.New(apperr.Invalid, "sync_server_url_invalid", nil).WithField("server", "sync_server_url_invalid")
	}
	return raw, nil
}

// do sends req through the HTTP client, holding to the pinned certificate
// when there is one.
func (c *Client) do(req *http.Request) (*http.Response, error) {
	req.Header.Set(SchemaHeader, strconv.Itoa(c.Schema))
	c.mu.Lock()
	h := c.HTTP
	if c.pin != "" && req.URL.Scheme == "https" {
		if c.pinned == nil {
			c.pinned = &http.Client{Timeout: c.HTTP.Timeout, Transport: &http.Transport{
				Proxy: http.ProxyFromEnvironment, TLSClientConfig: tlscert.Config(c.pin), ForceAttemptHTTP2: true}}
		}
		h = c.pinned
	}
	c.mu.Unlock()
	resp, err := h.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	// The server at another data version (see SchemaHeader), or one from
	// before it said its own: nothing it sent is taken.
	server, _ := strconv.Atoi(resp.Header.Get(SchemaHeader))
	if e := schemaMismatch(strconv.Itoa(c.Schema), server); e != nil {
		resp.Body.Close()
		return nil, e
	}
	return resp, nil
}

// pinTo makes the client accept exactly the certificate of fingerprint
// ("" for normal verification).
func (c *Client) pinTo(fingerprint string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if fingerprint != c.pin {
		c.pin, c.pinned = fingerprint, nil
	}
}

// Probe asks a server who it is, before joining. Over https it also
// returns the fingerprint of the certificate the server presents, which
// the person joining compares with the one the server printed; the probe
// itself holds to that certificate.
func (c *Client) Probe(ctx context.Context, server string) (ProbeResponse, string, error) {
	var out ProbeResponse
	base, err := serverURL(server)
	if err != nil {
		return out, "", err
	}
	fp := ""
	if strings.HasPrefix(base, "https://") {
		if fp, _, err = tlscert.Probe(ctx, base); err != nil {
			return out, "", err
		}
	}
	c.round.Lock()
	defer c.round.Unlock()
	c.pinTo(fp)
	// A server at another version is told here, before the password is
	// asked for (see do).
	err = c.call(ctx, http.MethodGet, base+"/sync/probe", "", nil, &out)
	return out, fp, err
}

// Join logs in to the server, registers this laptop as a device with its
// device code, and replaces its shared data with the team's snapshot (the
// database as it was is kept as a backup first).
func (c *Client) Join(ctx context.Context, in JoinInput) error {
	c.round.Lock()
	defer c.round.Unlock()
	if cl, ok, err := c.st.SyncClient(ctx); err != nil || ok {
		if err == nil {
			err = apperr.New(apperr.Conflict, "sync_already_joined", apperr.P{"server": cl.Server})
		}
		return err
	}
	base, err := serverURL(in.Server)
	if err != nil {
		return err
	}
	if in.Fingerprint != "" {
		if in.Fingerprint, err = tlscert.ParseFingerprint(in.Fingerprint); err != nil {
			return err
		}
	}
	c.pinTo(in.Fingerprint)
	code := in.DeviceCode
	if strings.TrimSpace(code) == "" {
		st, err := c.st.Settings(ctx)
		if err != nil {
			return err
		}
		code = st.DeviceCode
	}
	if code, err = checkDeviceCode(code); err != nil {
		return err
	}
	var joined JoinResponse
	// The device's id and token are made here, so that a join the network
	// delivers twice registers one device.
	if err := c.call(ctx, http.MethodPost, base+"/sync/join", "", JoinRequest{User: in.User, Password: in.Password,
		DeviceCode: code, DeviceName: in.DeviceName, DeviceID: uuid.Must(uuid.NewV7()).String(), Token: auth.NewToken()},
		&joined); err != nil {
		return err
	}
	snap, seq, err := c.download(ctx, base, joined.Token)
	if err != nil {
		return err
	}
	defer os.Remove(snap)
	// The scans the team's documents refer to come first: a join cut
	// short leaves the laptop as it was, never joined without them.
	sums, err := c.st.SnapshotAttachmentSums(ctx, snap)
	if err != nil {
		return err
	}
	if err := c.fetchAttachments(ctx, base, joined.Token, sums); err != nil {
		return err
	}
	backup := store.FreeName(store.BackupDir(c.st.Path()), "reqdesk-before-join-", c.st.Now().UTC().Format("20060102-150405"))
	if err := c.st.Snapshot(ctx, backup); err != nil {
		return fmt.Errorf("backup before joining: %w", err)
	}
	if err := c.st.EnableChangeLog(ctx); err != nil {
		return err
	}
	now := c.st.Now()
	if err := c.st.LoadSnapshot(ctx, snap, func(tx *store.Tx) error {
		return tx.JoinTeam(ctx, store.SyncClient{Server: base, Team: joined.TeamName, DeviceID: joined.DeviceID,
			DeviceCode: code, Token: joined.Token, Account: joined.Account.Name, Roles: joined.Account.Roles,
			Fingerprint: in.Fingerprint, Cursor: seq, JoinedAt: now})
	}); err != nil {
		return err
	}
	c.setState(true, false)
	return nil
}

// download fetches the team's snapshot into a file beside the database.
func (c *Client) download(ctx context.Context, base, token string) (string, int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/sync/snapshot", nil)
	if err != nil {
		return "", 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.do(req)
	if err != nil {
		return "", 0, unreachable(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", 0, responseError(resp)
	}
	seq, err := strconv.ParseInt(resp.Header.Get(SeqHeader), 10, 64)
	if err != nil {
		return "", 0, fmt.Errorf("snapshot without its sequence")
	}
	body, err := bodyOf(resp)
	if err != nil {
		return "", 0, err
	}
	f, err := os.CreateTemp(filepath.Dir(c.st.Path()), "sync-join-*.db")
	if err != nil {
		return "", 0, err
	}
	if _, err := io.Copy(f, body); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", 0, unreachable(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return "", 0, err
	}
	return f.Name(), seq, nil
}

// fetchAttachments brings the attachment files of sums.
func (c *Client) fetchAttachments(ctx context.Context, base, token string, sums []string) error {
	for _, sum := range sums {
		data, err := c.blob(ctx, base, token, sum, "file")
		if err != nil {
			return err
		}
		if err := c.st.PutAttachmentFile(sum, data); err != nil {
			return err
		}
	}
	return nil
}

// Leave forgets the team. The data stays, and so do commands not yet
// pushed and refusals not yet resolved.
func (c *Client) Leave(ctx context.Context) error {
	c.round.Lock()
	defer c.round.Unlock()
	if _, ok, err := c.st.SyncClient(ctx); err != nil || !ok {
		if err == nil {
			err = apperr.New(apperr.Invalid, "sync_not_joined", nil)
		}
		return err
	}
	if err := c.st.LeaveTeam(ctx); err != nil {
		return err
	}
	c.setState(false, false)
	return nil
}

// Report says what a round moved.
type Report struct {
	Pushed    int `json:"pushed"`
	Conflicts int `json:"conflicts"`
	Pulled    int `json:"pulled"`
}

// Round syncs once: pushes the outbox in order, then pulls what changed on
// the server since the cursor. A failed round leaves everything as it was
// for the next one; its error is kept (SyncClient.LastError).
func (c *Client) Round(ctx context.Context) (Report, error) {
	c.round.Lock()
	defer c.round.Unlock()
	cl, ok, err := c.st.SyncClient(ctx)
	if err != nil {
		return Report{}, err
	}
	if !ok {
		return Report{}, apperr.New(apperr.Invalid, "sync_not_joined", nil)
	}
	c.pinTo(cl.Fingerprint)
	online, _ := c.State()
	c.setState(online, true)
	rep, err := c.round1(ctx, cl)
	if err != nil {
		var ue *unreachableError
		c.setState(!errors.As(err, &ue), false)
		e, ok := apperr.As(err)
		if !ok {
			c.log.Error("sync round", "err", err)
			e = &apperr.Error{Code: apperr.Internal, Key: "internal_error", Message: "内部错误"}
		}
		raw, _ := json.Marshal(e)
		_ = c.st.SetSyncResult(ctx, nil, raw)
		return rep, err
	}
	c.setState(true, false)
	now := c.st.Now()
	return rep, c.st.SetSyncResult(ctx, &now, nil)
}

func (c *Client) round1(ctx context.Context, cl store.SyncClient) (Report, error) {
	var rep Report
	// Every waiting command is pushed before any answer is taken in, in
	// one transaction: a refused command's rows are set back to the
	// server's together with those of the commands that built on it (a
	// request made for a customer the server refused, say).
	var sent []store.OutboxEntry
	var results []PushResult
	renumbered := false
	for last := int64(0); ; {
		batch, err := c.st.OutboxAfter(ctx, last, c.Batch)
		if err != nil {
			return rep, err
		}
		if len(batch) == 0 {
			break
		}
		in := PushRequest{Commands: make([]PushCommand, len(batch))}
		for i, e := range batch {
			in.Commands[i] = PushCommand{Seq: e.Seq, ID: e.ID, Name: e.Name, Args: e.Args, At: e.At, Numbers: e.Numbers,
				RequestID: e.RequestID, Touched: e.Touched}
		}
		var out PushResponse
		err = c.call(ctx, http.MethodPost, cl.Server+"/sync/push", cl.Token, in, &out)
		if err == nil && len(out.Results) == 0 {
			err = fmt.Errorf("the server applied none of %d commands", len(batch))
		}
		if err != nil {
			if len(results) > 0 {
				// What was answered is taken in; the rest goes next round.
				return rep, errors.Join(err, c.answered(ctx, cl, sent, results, &rep))
			}
			return rep, err
		}
		if n := len(out.Results); out.Results[n-1].Status == StatusSeqTaken {
			// The server has this sequence from another command: the
			// laptop's database went back (a restored backup). What it
			// answered before is taken in; what waits from there on is
			// numbered after what the server has, and sent again.
			sent, results = append(sent, batch...), append(results, out.Results[:n-1]...)
			if len(results) > 0 {
				if err := c.answered(ctx, cl, sent, results, &rep); err != nil {
					return rep, err
				}
			}
			if renumbered {
				return rep, fmt.Errorf("the server still has command %d from another command", out.Results[n-1].Seq)
			}
			if err := c.st.RenumberOutbox(ctx, out.Results[n-1].Seq, out.LastApplied); err != nil {
				return rep, err
			}
			c.log.Warn("sync: outbox numbered anew after the server's", "from", out.Results[n-1].Seq, "server", out.LastApplied)
			sent, results, last, renumbered = nil, nil, 0, true
			continue
		}
		sent, results = append(sent, batch...), append(results, out.Results...)
		last = out.Results[len(out.Results)-1].Seq
		if len(out.Results) < len(batch) {
			// The server stopped short (its log says why): what it answered
			// is taken in, the rest goes next round.
			return rep, errors.Join(fmt.Errorf("the server answered %d of %d commands", len(out.Results), len(batch)),
				c.answered(ctx, cl, sent, results, &rep))
		}
	}
	if len(results) > 0 {
		if err := c.answered(ctx, cl, sent, results, &rep); err != nil {
			return rep, err
		}
	}
	after := cl.Cursor
	var changes []store.Change
	for {
		var out PullResponse
		if err := c.call(ctx, http.MethodGet, cl.Server+"/sync/pull?after="+strconv.FormatInt(after, 10)+"&limit="+
			strconv.Itoa(c.Batch), cl.Token, nil, &out); err != nil {
			return rep, err
		}
		changes = append(changes, out.Changes...)
		after = out.Next
		if !out.More {
			break
		}
	}
	if after == cl.Cursor && len(changes) == 0 {
		return rep, nil
	}
	pdfs, err := c.files(ctx, cl, changes)
	if err != nil {
		return rep, err
	}
	rep.Pulled = len(changes)
	return rep, c.st.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		keep, err := tx.PendingRows(ctx)
		if err != nil {
			return err
		}
		if err := tx.ApplyChanges(ctx, changes, keep, pdfs); err != nil {
			return err
		}
		if err := tx.SetSyncCursor(ctx, after); err != nil {
			return err
		}
		return tx.ForgetTouched(ctx)
	})
}

// answered takes in the server's answers to pushed commands, in one
// transaction: each answered command leaves the outbox, a refused one goes
// to the inbox, and the rows each touched become the server's (unless a
// command still waiting touched them too).
func (c *Client) answered(ctx context.Context, cl store.SyncClient, batch []store.OutboxEntry, results []PushResult, rep *Report) error {
	bySeq := map[int64]store.OutboxEntry{}
	for _, e := range batch {
		bySeq[e.Seq] = e
	}
	var rows []store.Change
	for _, r := range results {
		rows = append(rows, r.Rows...)
	}
	pdfs, err := c.files(ctx, cl, rows)
	if err != nil {
		return err
	}
	return c.st.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		for _, r := range results {
			e, ok := bySeq[r.Seq]
			if !ok {
				return fmt.Errorf("the server answered command %d, which was not sent", r.Seq)
			}
			if err := tx.DeleteOutbox(ctx, e.Seq); err != nil {
				return err
			}
			rep.Pushed++
			if r.Conflict == nil {
				continue
			}
			rep.Conflicts++
			reason, err := json.Marshal(r.Conflict.Reason)
			if err != nil {
				return err
			}
			rid := r.Conflict.RequestID
			if rid == "" {
				rid = e.RequestID
			}
			if err := tx.AddInbox(ctx, store.InboxEntry{ID: r.Conflict.ID, CommandID: e.ID, Name: e.Name, Args: e.Args,
				At: e.At, Numbers: e.Numbers, Reason: reason, RequestID: rid, RequestNumber: r.Conflict.RequestNumber,
				ServerState: r.Conflict.ServerState, ChangedBy: r.Conflict.ChangedBy, ChangedAt: r.Conflict.ChangedAt}); err != nil {
				return err
			}
		}
		keep, err := tx.PendingRows(ctx)
		if err != nil {
			return err
		}
		if err := tx.ApplyChanges(ctx, rows, keep, pdfs); err != nil {
			return err
		}
		return tx.ForgetTouched(ctx)
	})
}

// files fetches the PDFs and attachment files rows refer to that are not
// here: the PDFs are returned, the files kept.
func (c *Client) files(ctx context.Context, cl store.SyncClient, rows []store.Change) (map[string][]byte, error) {
	pdfSums, fileSums, err := c.st.MissingFiles(ctx, rows)
	if err != nil {
		return nil, err
	}
	pdfs := map[string][]byte{}
	for _, sum := range pdfSums {
		data, err := c.blob(ctx, cl.Server, cl.Token, sum, "pdf")
		if err != nil {
			return nil, err
		}
		pdfs[sum] = data
	}
	for _, sum := range fileSums {
		data, err := c.blob(ctx, cl.Server, cl.Token, sum, "file")
		if err != nil {
			return nil, err
		}
		if err := c.st.PutAttachmentFile(sum, data); err != nil {
			return nil, err
		}
	}
	return pdfs, nil
}

// blob fetches a PDF or an attachment file by its SHA-256, checked.
func (c *Client) blob(ctx context.Context, base, token, sum, kind string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/sync/blob/"+sum+"?kind="+kind, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.do(req)
	if err != nil {
		return nil, unreachable(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, responseError(resp)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, unreachable(err)
	}
	if got := blobs.Sum(data); got != sum {
		return nil, fmt.Errorf("file %s arrived damaged", sum)
	}
	return data, nil
}

// call makes one JSON call: a body compressed, the answer taken compressed.
func (c *Client) call(ctx context.Context, method, u, token string, in, out any) error {
	var body io.Reader
	if in != nil {
		var buf bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		if err := json.NewEncoder(gz).Encode(in); err != nil {
			return err
		}
		if err := gz.Close(); err != nil {
			return err
		}
		body = &buf
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return apperr.New(apperr.Invalid, "sync_server_url_invalid", nil)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", "gzip")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.do(req)
	if err != nil {
		return unreachable(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return responseError(resp)
	}
	r, err := bodyOf(resp)
	if err != nil {
		return unreachable(err)
	}
	if err := json.NewDecoder(r).Decode(out); err != nil {
		return unreachable(err)
	}
	return nil
}

func bodyOf(resp *http.Response) (io.Reader, error) {
	if resp.Header.Get("Content-Encoding") == "gzip" {
		return gzip.NewReader(resp.Body)
	}
	return resp.Body, nil
}

// unreachableError is a round that did not reach the server (or lost the
// answer): the laptop is offline.
type unreachableError struct{ e *apperr.Error }

func (e *unreachableError) Error() string { return e.e.Error() }
func (e *unreachableError) Unwrap() error { return e.e }

func unreachable(err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	var mismatch *apperr.Error
	if errors.As(err, &mismatch) {
		return mismatch // the server's certificate is not the pinned one, or it is at another version
	}
	return &unreachableError{apperr.New(apperr.Internal, "sync_unreachable", apperr.P{"reason": err.Error()})}
}

// responseError reads the keyed error of a refused call.
func responseError(resp *http.Response) error {
	var e apperr.Error
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if json.Unmarshal(data, &e) == nil && e.Key != "" {
		return &e
	}
	return apperr.New(apperr.Internal, "sync_server_error", apperr.P{"status": resp.StatusCode})
}

// Resolve settles a refused command: "retry" carries it out again on the
// laptop's current state (the data the server had; it goes to the outbox
// like any change), "discard" drops it.
func (c *Client) Resolve(ctx context.Context, id, action string) error {
	if action != "retry" && action != "discard" {
		return apperr.New(apperr.Invalid, "sync_conflict_action_unknown", apperr.P{"action": action})
	}
	var entry *store.InboxEntry
	es, err := c.st.Inbox(ctx)
	if err != nil {
		return err
	}
	for i := range es {
		if es[i].ID == id {
			entry = &es[i]
		}
	}
	if entry == nil {
		return apperr.Missing("conflict")
	}
	if action == "retry" {
		if _, err := command.Again(ctx, c.cmds, entry.Name, entry.Args); err != nil {
			return err
		}
	}
	return c.st.DeleteInbox(ctx, id)
}

// Describe says, in Chinese, what a recorded command tried and the text
// the user typed into it (for 复制我的文字).
func Describe(name string, args json.RawMessage) (summary, text string) {
	summary = commandLabels[name]
	if summary == "" {
		summary = name
	}
	v, err := command.Decode(name, args)
	if err == nil {
		switch c := v.(type) {
		case command.MoveRequest:
			summary += "：" + c.Move.Action.Name()
		case command.SaveRecord:
			summary += "：" + string(c.Input.Kind)
		}
	}
	var raw any
	if json.Unmarshal(args, &raw) == nil {
		var parts []string
		collectText(raw, "", &parts)
		text = strings.Join(parts, "\n")
	}
	return summary, text
}

// collectText gathers the texts a person typed: strings that are not ids,
// codes, times or versions.
func collectText(v any, key string, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		// An edit carries every field and the values it started from
		// (base): what the person typed is what differs from them, not the
		// channel or the receiver that were there already.
		if base, ok := x["base"].(map[string]any); ok {
			if fields, ok := x["fields"].(map[string]any); ok {
				changed := make(map[string]any, len(fields))
				for k, v := range fields {
					if !reflect.DeepEqual(v, base[k]) {
						changed[k] = v
					}
				}
				x = maps.Clone(x)
				x["fields"] = changed
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if k == "base" || k == "from" || k == "png" || k == "data" || k == "bytes" {
				continue
			}
			collectText(x[k], k, out)
		}
	case []any:
		for _, e := range x {
			collectText(e, key, out)
		}
	case string:
		lk := strings.ToLower(key)
		if x == "" || strings.HasSuffix(lk, "id") || strings.HasSuffix(lk, "ids") || strings.HasSuffix(lk, "at") ||
			lk == "action" || lk == "kind" || lk == "type" || lk == "urgency" || lk == "path" || lk == "role" {
			return
		}
		if _, err := time.Parse(time.RFC3339, x); err == nil {
			return
		}
		*out = append(*out, x)
	}
}

// commandLabels name what a command does, for the inbox.
var commandLabels = map[string]string{
	"request.create": "登记需求", "request.update": "修改需求", "request.move": "推进需求",
	"request.import": "导入需求", "record.save": "保存阶段记录", "record.delete": "删除阶段记录",
	"customer.create": "新建客户", "customer.update": "修改客户", "customer.addContact": "添加联系人",
	"customer.updateContact": "修改联系人", "people.save": "保存人员", "settings.save": "保存设置",
	"settings.setCompanyLogo": "设置公司标志", "vocab.add": "添加列表项", "vocab.update": "修改列表项",
	"vocab.reorder": "排序列表", "vocab.setTypePath": "设置类型流程", "sla.saveSettings": "保存时限设置",
	"sla.importSchedule": "导入节假日安排", "sla.savePolicy": "保存时限策略", "sla.deletePolicy": "删除时限策略",
	"sla.escalate": "升级提醒", "report.saveConfig": "保存报告设置", "report.saveTexts": "保存报告文字",
	"report.issue": "出具报告", "document.generate": "生成文档", "document.generateList": "生成登记表",
	"document.sign": "签字", "document.markSignedOnPaper": "标记纸质签字", "document.addAttachment": "添加扫描件",
}
