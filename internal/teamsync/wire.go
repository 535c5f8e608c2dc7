// Package teamsync makes laptops that work offline one team with a team
// server (docs: /work/shared/spec/SYNC.md). The server is `reqdesk serve`
// with accounts; its Server handles /sync/. A laptop's Client joins it
// (a device token, a snapshot of the team's data), keeps every shared
// command in an outbox written with its effect (command.Service.Record),
// and syncs in rounds: push the outbox in order, then pull what changed
// on the server since its cursor.
//
// The server decides. It replays each pushed command through the same
// rules (internal/command) with the device's account and role, at the
// command's own time (bounded), idempotently per (device, sequence); a
// command it refuses is kept as a conflict and answered to the laptop,
// whose copy of what the command touched is set back to the server's.
package teamsync

import (
	"encoding/json"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// JoinRequest is POST /sync/join.
type JoinRequest struct {
	User       string `json:"user"`
	Password   string `json:"password"`
	DeviceCode string `json:"deviceCode"`
	DeviceName string `json:"deviceName"`
	// DeviceID and Token are made by the laptop for this join (a token of
	// at least MinTokenLen characters): a join the network delivers twice
	// then registers one device, and the second delivery is answered as
	// the first. Left empty, the server makes them.
	DeviceID string `json:"deviceID,omitempty"`
	Token    string `json:"token,omitempty"`
}

// MinTokenLen is the shortest device token a laptop may propose.
const MinTokenLen = 32

// Account is the account a device acts as.
type Account struct {
	Name  string         `json:"name"`
	Roles []request.Role `json:"roles"`
}

// JoinResponse answers a join: the device and its token (shown once).
type JoinResponse struct {
	DeviceID   string    `json:"deviceID"`
	Token      string    `json:"token"`
	TeamName   string    `json:"teamName"`
	Account    Account   `json:"account"`
	ServerTime time.Time `json:"serverTime"`
}

// ProbeResponse is GET /sync/probe: what a laptop shows before joining.
type ProbeResponse struct {
	TeamName   string    `json:"teamName"`
	ServerTime time.Time `json:"serverTime"`
	// Schema is the server's data version (see SchemaHeader); 0 from a
	// server before it was sent.
	Schema int `json:"schema,omitempty"`
}

// PushCommand is one command of a push, as the laptop recorded it, with
// the rows it wrote there (whose server state the answer carries).
type PushCommand struct {
	Seq       int64           `json:"seq"`
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Args      json.RawMessage `json:"args"`
	At        time.Time       `json:"at"`
	Numbers   []string        `json:"numbers,omitempty"`
	RequestID string          `json:"requestId,omitempty"`
	Touched   []store.RowKey  `json:"touched,omitempty"`
}

// PushRequest is POST /sync/push.
type PushRequest struct {
	Commands []PushCommand `json:"commands"`
}

// Statuses of a pushed command.
const (
	StatusApplied   = "applied"
	StatusDuplicate = "duplicate"
	StatusConflict  = "conflict"
	// StatusSeqTaken: the device's sequence was taken by another command
	// (the laptop's database was restored from a backup, say). Nothing of
	// it or of what follows in the batch was applied; the laptop numbers
	// its waiting commands after the push's LastApplied and sends them
	// again.
	StatusSeqTaken = "seq_taken"
)

// Conflict is why the server refused a command (or applied it in part),
// with its state of the request concerned.
type Conflict struct {
	ID            string          `json:"id"`
	Reason        *apperr.Error   `json:"reason"`
	RequestID     string          `json:"requestId,omitempty"`
	RequestNumber string          `json:"requestNumber,omitempty"`
	ServerState   json.RawMessage `json:"serverState,omitempty"`
	ChangedBy     string          `json:"changedBy,omitempty"`
	ChangedAt     *time.Time      `json:"changedAt,omitempty"`
}

// PushResult answers one pushed command. A duplicate (sent before) carries
// the first answer's conflict. Rows are the server's current state of the
// rows the command touched on the laptop (nil Row: the server has none).
type PushResult struct {
	Seq int64 `json:"seq"`
	// ID is the command's: a sequence sent again with another command is
	// told apart from one sent twice.
	ID       string         `json:"id,omitempty"`
	Status   string         `json:"status"`
	Noop     bool           `json:"noop,omitempty"`
	Conflict *Conflict      `json:"conflict,omitempty"`
	Rows     []store.Change `json:"rows,omitempty"`
}

// PushResponse answers a push.
type PushResponse struct {
	Results     []PushResult `json:"results"`
	LastApplied int64        `json:"lastApplied"`
}

// PullResponse is GET /sync/pull?after=CURSOR&limit=N.
type PullResponse struct {
	Changes []store.Change `json:"changes"`
	Next    int64          `json:"next"`
	More    bool           `json:"more"`
}

// SchemaHeader carries the data version (store.LatestSchema) of the
// program that sends it, on every call a laptop makes and every answer the
// server gives. A laptop and a server sync only at the same version: rows of
// a newer one may not fit an older database (a table or a kind it does not
// know), and an older server would refuse a newer laptop's commands one by
// one. So the server refuses every call of a laptop at another version (or
// of one too old to say) with sync_laptop_outdated or sync_server_outdated,
// before anything is pushed or pulled: the laptop keeps working offline
// with all its changes waiting, and syncs once the older side is upgraded.
const SchemaHeader = "X-Reqdesk-Schema"

// SeqHeader carries the change sequence a snapshot stands at.
const SeqHeader = "X-Sync-Seq"
