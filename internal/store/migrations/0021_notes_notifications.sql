-- Internal notes with @mentions and "my notifications" (issue 21 items 2
-- and 3). The rules live in internal/notes and internal/notify.

-- An internal note on a request: for colleagues only, apart from the
-- communication log with the customer, never on a customer's document.
-- mentions repeats note_mentions as a JSON array for reading the note.
CREATE TABLE request_notes (
    id         TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    mentions   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mentions)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_notes_request ON request_notes (request_id, created_at);

-- Who a note names, one row a person: what a person's bell asks for.
CREATE TABLE note_mentions (
    id         TEXT PRIMARY KEY,
    note_id    TEXT NOT NULL REFERENCES request_notes (id),
    request_id TEXT NOT NULL REFERENCES requests (id),
    person     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX note_mentions_person ON note_mentions (person, created_at);
CREATE INDEX note_mentions_at ON note_mentions (created_at);

-- A person's read and snooze marks on their notifications, by the
-- notification's key (internal/notify). Shared with the team so that a
-- person on two laptops, or in a browser, sees the same marks.
CREATE TABLE notification_marks (
    id            TEXT PRIMARY KEY, -- person || char(31) || key
    person        TEXT NOT NULL,
    key           TEXT NOT NULL,
    read_at       TEXT,
    snoozed_until TEXT,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX notification_marks_person ON notification_marks (person);

-- The team server's group robot (钉钉 / 企业微信): where it posts, kept on the
-- server only (the secret does not travel to laptops). since: only what
-- arose after the robot was set is posted, so setting it does not flood the
-- group with the backlog.
CREATE TABLE robot_config (
    id         TEXT PRIMARY KEY CHECK (id = 'robot'),
    kind       TEXT NOT NULL,
    url        TEXT NOT NULL,
    secret     TEXT NOT NULL DEFAULT '',
    keyword    TEXT NOT NULL DEFAULT '',
    enabled    INTEGER NOT NULL DEFAULT 1,
    since      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- What the robot posted or tried to, by event key: posted once, never again
-- after a restart; a failure waits next_at before it is tried again.
CREATE TABLE robot_posts (
    key        TEXT PRIMARY KEY,
    posted_at  TEXT,
    attempts   INTEGER NOT NULL DEFAULT 0,
    next_at    TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
