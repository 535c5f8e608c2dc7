-- Kept sums of the measures over the closed requests received in a period
-- (report.Sums), so the dashboard and the reports compare a period with the
-- year before it without reading a year of rows each time. A closed
-- request's measures do not change with time; the open requests are read
-- afresh and added. Triggers drop every sum a changed row falls in, and
-- count the changes, so sums made from rows read before a change are not kept.

CREATE TABLE metric_sums (
    department  TEXT NOT NULL,    -- '' for every department
    period_from INTEGER NOT NULL, -- Unix seconds, [from, to)
    period_to   INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,    -- report.Config.Fingerprint: measures, type lists, time zone
    data        TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (department, period_from, period_to)
) WITHOUT ROWID;

CREATE TABLE metric_changes (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT INTO metric_changes (id, seq) VALUES (1, 0);

-- Rows are written by upsert, so an update sees the row it replaces.
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
