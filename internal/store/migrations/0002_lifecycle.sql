-- The request lifecycle: path and side-state columns on requests, the
-- transition log, stage records, and the people who play the roles.

ALTER TABLE requests ADD COLUMN path TEXT NOT NULL DEFAULT 'full' CHECK (path IN ('full', 'short'));
ALTER TABLE requests ADD COLUMN green_channel INTEGER NOT NULL DEFAULT 0 CHECK (green_channel IN (0, 1));
ALTER TABLE requests ADD COLUMN held_from TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN follow_up_on TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN duplicate_of TEXT REFERENCES requests (id);
ALTER TABLE requests ADD COLUMN reopen_count INTEGER NOT NULL DEFAULT 0;

-- The path a request of each type takes unless triage says otherwise:
-- consultations and simple problems take manual 001's short path.
ALTER TABLE vocab_items ADD COLUMN default_path TEXT NOT NULL DEFAULT '' CHECK (default_path IN ('', 'full', 'short'));
UPDATE vocab_items SET default_path = 'short'
 WHERE kind = 'type' AND label IN ('咨询', '问题(报障)', '建议', '技术咨询', '售后支持', '问题修复', '投诉', '其他');
UPDATE vocab_items SET default_path = 'full' WHERE kind = 'type' AND default_path = '';
UPDATE requests SET path = coalesce((SELECT v.default_path FROM vocab_items v
  WHERE v.kind = 'type' AND v.label = requests.type AND v.default_path <> ''), 'full');

-- Every state change, with who, when and why; the time limits derive their
-- pauses from it, so it is append-only.
CREATE TABLE request_transitions (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    request_id  TEXT NOT NULL REFERENCES requests (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_transitions_request ON request_transitions (request_id, seq);
CREATE INDEX request_transitions_at ON request_transitions (at);

-- Stage records: one row per record, the kind's fields as JSON validated by
-- internal/request. Singletons (analysis, result note, retrospective) are
-- unique per request through the partial index.
CREATE TABLE request_records (
    id         TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    kind       TEXT NOT NULL,
    parent_id  TEXT REFERENCES request_records (id),
    body       TEXT NOT NULL CHECK (json_valid(body)),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_records_request ON request_records (request_id, kind, created_at);
CREATE INDEX request_records_kind ON request_records (kind, request_id);
CREATE UNIQUE INDEX request_records_singleton ON request_records (request_id, kind)
    WHERE kind IN ('analysis', 'result_note', 'retrospective');

-- People and the roles they hold; the local profile names one of them.
CREATE TABLE people (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    department TEXT NOT NULL DEFAULT '',
    roles      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(roles)),
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
