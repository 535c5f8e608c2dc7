-- Team sync, the server's side (internal/teamsync). Every write to a table
-- the team shares is noted in sync_changes by triggers the store installs
-- when it serves a team or joins one (store.EnableChangeLog): one row per
-- changed row, moved to the end of the sequence at every change, so that a
-- laptop pulls each row changed since its cursor once, as it is now (gone
-- when deleted). The same log tells a laptop which rows a command wrote.
CREATE TABLE sync_changes (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    UNIQUE (tbl, row_id)
);

-- Laptops joined to this server. The token is kept only as its SHA-256
-- digest; a live device's code is unique, so request numbers made offline
-- never collide. last_seq is the last command sequence applied from the
-- device, written in the transaction of the command's effect.
CREATE TABLE sync_devices (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    account_id   TEXT NOT NULL,
    account      TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    joined_at    TEXT NOT NULL,
    last_sync_at TEXT,
    last_seq     INTEGER NOT NULL DEFAULT 0,
    revoked_at   TEXT
);
CREATE UNIQUE INDEX sync_devices_code ON sync_devices (code) WHERE revoked_at IS NULL;

-- The answer given to every command a device pushed, so a batch sent again
-- is answered as before and applied once.
CREATE TABLE sync_applied (
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    result    TEXT NOT NULL CHECK (json_valid(result)),
    PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;

-- Commands the server refused (or applied only in part), with the reason
-- and the server's state of what they touched: nothing is dropped.
CREATE TABLE sync_conflicts (
    id           TEXT PRIMARY KEY,
    device_id    TEXT NOT NULL,
    seq          INTEGER NOT NULL,
    command_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    args         TEXT NOT NULL,
    at           TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (json_valid(reason)),
    request_id   TEXT NOT NULL DEFAULT '',
    server_state TEXT,
    changed_by   TEXT NOT NULL DEFAULT '',
    changed_at   TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX sync_conflicts_device ON sync_conflicts (device_id, seq);
