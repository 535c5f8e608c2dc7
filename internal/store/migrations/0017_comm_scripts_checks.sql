-- Communication quality (issue 20 items 1 and 2; plan 004): the reply
-- scripts (话术库) with every revision kept, and the weekly quality checks
-- (质量抽检) of communication records with their 整改 items. The rules
-- live in internal/comm.

-- A script: its current revision's text is kept on the row; every revision,
-- the first included, is in comm_script_revisions (who changed what, when).
CREATE TABLE comm_scripts (
    id         TEXT PRIMARY KEY,
    channel    TEXT NOT NULL DEFAULT '', -- '' = every channel
    topic      TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    revision   INTEGER NOT NULL DEFAULT 1,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX comm_scripts_topic ON comm_scripts (topic, channel);

CREATE TABLE comm_script_revisions (
    id         TEXT PRIMARY KEY,
    script_id  TEXT NOT NULL REFERENCES comm_scripts (id),
    revision   INTEGER NOT NULL,
    channel    TEXT NOT NULL,
    topic      TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    active     INTEGER NOT NULL,
    note       TEXT NOT NULL DEFAULT '', -- what changed and why (the monthly review)
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    UNIQUE (script_id, revision)
);
CREATE INDEX comm_script_revisions_at ON comm_script_revisions (script_id, changed_at);

-- The check's settings: sample size per channel (channel_sizes, JSON object
-- channel → size, overriding sample_size) and the share of the checklist's
-- points a record needs to pass.
CREATE TABLE comm_check_config (
    id            TEXT PRIMARY KEY CHECK (id = 'check'),
    sample_size   INTEGER NOT NULL,
    channel_sizes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(channel_sizes)),
    pass_percent  INTEGER NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
INSERT INTO comm_check_config (id, sample_size, channel_sizes, pass_percent, updated_at)
    VALUES ('check', 3, '{}', 80, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- The checklist, editable; plan 004's six points to start with. An item
-- taken off stays (active 0) so that old scores keep their labels.
CREATE TABLE comm_checklist (
    id         TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL,
    max_score  INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
INSERT INTO comm_checklist (id, position, label, max_score, created_at, updated_at) VALUES
    ('chk-greeting', 1, '问候语规范', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('chk-timely', 2, '响应及时', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('chk-complete', 3, '信息记录完整', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('chk-correct', 4, '答复准确', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('chk-tone', 5, '语气友好', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('chk-confirm', 6, '结束时确认', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- A weekly check: one checker's sample of one ISO week ('2026-W49'),
-- drawn from the seed (comm.Sample), so the same draw can be made again.
CREATE TABLE comm_checks (
    id         TEXT PRIMARY KEY,
    week       TEXT NOT NULL,
    checker    TEXT NOT NULL,
    seed       INTEGER NOT NULL,
    sizes      TEXT NOT NULL CHECK (json_valid(sizes)), -- the sizes drawn with, channel → size
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (week, checker)
);

-- A sampled communication record and, once scored, its scores (JSON list
-- of {itemId, label, max, score}) and verdict.
CREATE TABLE comm_check_items (
    id         TEXT PRIMARY KEY,
    check_id   TEXT NOT NULL REFERENCES comm_checks (id),
    position   INTEGER NOT NULL,
    record_id  TEXT NOT NULL REFERENCES request_records (id),
    request_id TEXT NOT NULL REFERENCES requests (id),
    channel    TEXT NOT NULL,
    agent      TEXT NOT NULL, -- who wrote the record
    scores     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scores)),
    total      INTEGER NOT NULL DEFAULT 0,
    max_total  INTEGER NOT NULL DEFAULT 0,
    passed     INTEGER, -- NULL until scored
    comment    TEXT NOT NULL DEFAULT '',
    scored_by  TEXT NOT NULL DEFAULT '',
    scored_at  TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (check_id, record_id)
);
CREATE INDEX comm_check_items_scored ON comm_check_items (scored_at);

-- 整改: what a failed check asks of the record's author, closed with what
-- was done.
CREATE TABLE comm_rectifications (
    id            TEXT PRIMARY KEY,
    check_item_id TEXT NOT NULL UNIQUE REFERENCES comm_check_items (id),
    owner         TEXT NOT NULL,
    due           TEXT NOT NULL, -- YYYY-MM-DD
    problem       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    action_taken  TEXT NOT NULL DEFAULT '',
    closed_by     TEXT NOT NULL DEFAULT '',
    closed_at     TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX comm_rectifications_status ON comm_rectifications (status, due);
