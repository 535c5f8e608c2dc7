-- A measure row (request_metrics, derived) keeps its clocks' due and done
-- times as seconds after the request's receipt instead of Unix seconds:
-- the clocks are two thirds of a row, ten digits a time (about 20 MB of
-- the 100k data set, and of the index of the open rows, which holds the
-- data). The table is made anew, so the room comes back at once (rows
-- rewritten in place would leave their pages part empty; no table names
-- this one): the Go step (recodeMetrics) copies every row in the order of
-- the key, written anew where it reads back the same, and drops the old
-- table. store.decodeMetric reads both forms.
DROP INDEX request_metrics_open;
ALTER TABLE request_metrics RENAME TO request_metrics_old;
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
