-- Time limits: policies, the working calendar's own years, each request's
-- clocks as last computed, and escalations.

CREATE TABLE sla_policies (
    id         TEXT PRIMARY KEY,
    urgency    TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT '',
    channel    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (urgency, type, channel)
);

-- Holiday schedules entered or imported by the user, for years the program
-- does not ship; they replace a shipped year of the same number.
CREATE TABLE sla_schedules (
    year       INTEGER PRIMARY KEY,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL
);

-- Each request's clocks, recomputed whenever the request or its records
-- change, so lists and the notification centre read them without replaying
-- history. due_at is NULL while a pause holds the clock.
CREATE TABLE request_clocks (
    request_id TEXT NOT NULL REFERENCES requests (id),
    kind       TEXT NOT NULL,
    start_at   TEXT NOT NULL,
    due_at     TEXT,
    done_at    TEXT,
    allowance  INTEGER NOT NULL,
    limit_text TEXT NOT NULL,
    clock      TEXT NOT NULL,
    PRIMARY KEY (request_id, kind)
);
CREATE INDEX request_clocks_open ON request_clocks (due_at) WHERE done_at IS NULL;

CREATE TABLE escalations (
    id         TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    at         TEXT NOT NULL,
    reason     TEXT NOT NULL,
    clock      TEXT NOT NULL DEFAULT '',
    recipient  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    actor      TEXT NOT NULL
);
CREATE INDEX escalations_request ON escalations (request_id, at);
