-- Issue 20's two reports of plan 004 are issued and frozen like the monthly
-- and quarterly ones: 《客户沟通现状诊断报告》 (kind 'diagnosis', for a month
-- or a quarter) and 《年度效果评估报告》 (kind 'annual', for a year, period
-- '2026'). SQLite cannot widen a CHECK in place, so the table is made again
-- with every row; the change log's triggers on it, where the log is on, are
-- made again once the schema is whole (Store.migrate).
CREATE TABLE reports_new (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'diagnosis', 'annual')),
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
INSERT INTO reports_new (id, kind, period, department, version, texts, body, issued_at, issued_by, updated_at)
    SELECT id, kind, period, department, version, texts, body, issued_at, issued_by, updated_at FROM reports;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
