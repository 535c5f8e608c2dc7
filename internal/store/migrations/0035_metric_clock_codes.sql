-- A measure row (request_metrics, derived) names its clocks' kinds and
-- calendars by a letter, the round-the-clock calendar by nothing
-- (store.clockKindCodes, calendarCodes): the names were half of the clocks'
-- text, 13 MB of the 100k data set and more of the index of the open rows,
-- which holds the data. As in 0033, the table is made anew and the Go step
-- (recodeMetrics) copies every row, written anew where it reads back the
-- same; store.decodeMetric reads every form.
DROP INDEX IF EXISTS request_metrics_open;
ALTER TABLE request_metrics RENAME TO request_metrics_0034;
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
