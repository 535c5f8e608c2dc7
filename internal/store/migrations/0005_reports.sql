-- Measures and reports: one derived row per request that the measures read
-- (rewritten with the request's clocks on every change), and the monthly and
-- quarterly reports as saved: drafts keep the texts people write, issued
-- versions keep the numbers they were issued with.

CREATE TABLE request_metrics (
    request_id     TEXT PRIMARY KEY REFERENCES requests (id),
    number         TEXT NOT NULL,
    title          TEXT NOT NULL,
    received       INTEGER NOT NULL, -- Unix seconds, like every time below; 0 = not yet
    type           TEXT NOT NULL,
    channel        TEXT NOT NULL,
    category       TEXT NOT NULL,
    urgency        TEXT NOT NULL,
    department     TEXT NOT NULL,
    owner          TEXT NOT NULL,
    status         TEXT NOT NULL,
    path           TEXT NOT NULL,
    open           INTEGER NOT NULL CHECK (open IN (0, 1)),
    assigned       INTEGER NOT NULL,
    responded      INTEGER NOT NULL,
    resolved       INTEGER NOT NULL,
    result_given   INTEGER NOT NULL,
    handed_over    INTEGER NOT NULL,
    delivered      INTEGER NOT NULL,
    promised       TEXT NOT NULL,
    contacts       INTEGER NOT NULL,
    reopens        INTEGER NOT NULL,
    surveyed       INTEGER NOT NULL CHECK (surveyed IN (0, 1)),
    feedback       TEXT NOT NULL, -- "" or timeliness,effectiveness,attitude,overall,solved
    implemented    INTEGER NOT NULL CHECK (implemented IN (0, 1)),
    customer_value INTEGER NOT NULL,
    business_value INTEGER NOT NULL,
    cost_days      REAL NOT NULL,
    clocks         TEXT NOT NULL  -- kind:due:done;... in Unix seconds
);
CREATE INDEX request_metrics_received ON request_metrics (received);
CREATE INDEX request_metrics_open ON request_metrics (department) WHERE open = 1;

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
