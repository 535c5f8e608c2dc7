-- A measure row names its request by the request's seq, as the clocks,
-- the transitions and the records do (0030 to 0032), instead of its
-- 36-character id, kept in the table and again in its unique index: 8 MB
-- of the 100k data set. The row's text still begins with the id (see
-- internal/store/metrics.go), which the reports read. The table is made
-- anew with every row copied; its triggers and the index of the open rows
-- are made again as they were. No row changes, so the kept sums stay.
DROP TRIGGER IF EXISTS request_metrics_sums_insert;
DROP TRIGGER IF EXISTS request_metrics_sums_update;
DROP TRIGGER IF EXISTS request_metrics_sums_delete;
DROP INDEX IF EXISTS request_metrics_open;
ALTER TABLE request_metrics RENAME TO request_metrics_0039;
CREATE TABLE request_metrics (
    received   INTEGER NOT NULL, -- Unix seconds
    req        INTEGER NOT NULL UNIQUE REFERENCES requests (seq),
    department TEXT NOT NULL,
    open       INTEGER NOT NULL CHECK (open IN (0, 1)),
    -- Every field of report.Row, tab-separated (see internal/store/metrics.go):
    -- one column read per row keeps a year of rows quick to load.
    data       TEXT NOT NULL,
    -- Kept in order of receipt, so a period is one sequential read.
    PRIMARY KEY (received, req)
) WITHOUT ROWID;
INSERT INTO request_metrics (received, req, department, open, data)
    SELECT m.received, r.seq, m.department, m.open, m.data
    FROM request_metrics_0039 m JOIN requests r ON r.id = m.request_id ORDER BY m.received, r.seq;
-- Fails (NOT NULL) when a row was not copied.
CREATE TABLE metrics_by_seq_check (missing INTEGER NOT NULL);
INSERT INTO metrics_by_seq_check
    SELECT CASE WHEN (SELECT count(*) FROM request_metrics) = (SELECT count(*) FROM request_metrics_0039) THEN 0 END;
DROP TABLE metrics_by_seq_check;
DROP TABLE request_metrics_0039;
CREATE INDEX request_metrics_open ON request_metrics (department, data) WHERE open = 1;
CREATE TRIGGER request_metrics_sums_insert AFTER INSERT ON request_metrics
    WHEN NEW.open = 0
    BEGIN
        UPDATE metric_changes SET seq = seq + 1 WHERE id = 1;
        DELETE FROM metric_sums WHERE department IN ('', NEW.department)
            AND period_from <= NEW.received AND period_to > NEW.received;
    END;
CREATE TRIGGER request_metrics_sums_update AFTER UPDATE ON request_metrics
    WHEN (OLD.open = 0 OR NEW.open = 0) AND (OLD.data IS NOT NEW.data OR OLD.open IS NOT NEW.open
        OR OLD.received IS NOT NEW.received OR OLD.department IS NOT NEW.department)
    BEGIN
        UPDATE metric_changes SET seq = seq + 1 WHERE id = 1;
        DELETE FROM metric_sums WHERE department IN ('', OLD.department)
            AND period_from <= OLD.received AND period_to > OLD.received;
        DELETE FROM metric_sums WHERE department IN ('', NEW.department)
            AND period_from <= NEW.received AND period_to > NEW.received;
    END;
CREATE TRIGGER request_metrics_sums_delete AFTER DELETE ON request_metrics
    WHEN OLD.open = 0
    BEGIN
        UPDATE metric_changes SET seq = seq + 1 WHERE id = 1;
        DELETE FROM metric_sums WHERE department IN ('', OLD.department)
            AND period_from <= OLD.received AND period_to > OLD.received;
    END;
