-- Team sync, the laptop's side (internal/teamsync): the team it joined,
-- the outbox of commands not yet pushed (written in the transaction of
-- their effect) and the inbox of commands the server refused.
CREATE TABLE sync_client (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    server       TEXT NOT NULL,
    team         TEXT NOT NULL DEFAULT '',
    device_id    TEXT NOT NULL,
    device_code  TEXT NOT NULL,
    token        TEXT NOT NULL,
    account      TEXT NOT NULL,
    roles        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles)),
    fingerprint  TEXT NOT NULL DEFAULT '',
    cursor       INTEGER NOT NULL DEFAULT 0,
    joined_at    TEXT NOT NULL,
    last_sync_at TEXT,
    last_error   TEXT
);

-- seq is the device's command sequence: never reused, so a push sent again
-- is recognised by the server.
CREATE TABLE sync_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    args       TEXT NOT NULL,
    at         TEXT NOT NULL,
    numbers    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(numbers)),
    touched    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(touched)),
    request_id TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sync_inbox (
    id             TEXT PRIMARY KEY,
    command_id     TEXT NOT NULL,
    name           TEXT NOT NULL,
    args           TEXT NOT NULL,
    at             TEXT NOT NULL,
    numbers        TEXT NOT NULL DEFAULT '[]',
    reason         TEXT NOT NULL CHECK (json_valid(reason)),
    request_id     TEXT NOT NULL DEFAULT '',
    request_number TEXT NOT NULL DEFAULT '',
    server_state   TEXT,
    changed_by     TEXT NOT NULL DEFAULT '',
    changed_at     TEXT,
    received_at    TEXT NOT NULL
);
