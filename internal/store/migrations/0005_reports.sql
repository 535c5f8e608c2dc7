-- Measures and reports: one derived row per request that the measures read
-- (rewritten with the request's clocks on every change), and the monthly and
-- quarterly reports as saved: drafts keep the texts people write, issued
-- versions keep the numbers they were issued with.

CREATE TABLE request_metrics (
    received   INTEGER NOT NULL, -- Unix seconds
    request_id TEXT NOT NULL UNIQUE REFERENCES requests (id),
    department TEXT NOT NULL,
    open       INTEGER NOT NULL CHECK (open IN (0, 1)),
    -- Every field of report.Row, tab-separated (see internal/store/metrics.go):
    -- one column read per row keeps a year of rows quick to load.
    data       TEXT NOT NULL,
    -- Kept in order of receipt, so a period is one sequential read.
    PRIMARY KEY (received, request_id)
) WITHOUT ROWID;
-- The open requests' rows in full (a twelfth of them, say), so the backlog
-- reads them without visiting the table.
CREATE INDEX request_metrics_open ON request_metrics (department, data) WHERE open = 1;

CREATE TABLE reports (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly')),
    period     TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL, -- 0 for the draft, 1, 2 ... as issued
    texts      TEXT NOT NULL CHECK (json_valid(texts)),
    body       TEXT CHECK (body IS NULL OR json_valid(body)), -- the issued numbers
    issued_at  TEXT,
    issued_by  TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (kind, period, department, version)
);
