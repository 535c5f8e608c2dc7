-- A stage record names its request by the request's seq (as the clocks
-- and the transitions do since 0030 and 0031) instead of its 36-character
-- id, kept in the table and again in its two indexes by request: about
-- 60 MB of the 100k data set, 950k records. Team sync carries the
-- request's id as before (store.syncTable.byReq). The column is added and
-- filled, the old one dropped: a table made anew would take the foreign
-- keys of the check items and the dependencies with it (see 0028). SQLite
-- adds a column with a foreign key only without NOT NULL, so two triggers
-- refuse a record without its request's seq as the constraint would; a
-- record whose request is not here stops the upgrade (its seq would stay
-- NULL), which then leaves the database as it was. The change log's triggers go for the conversion (no
-- record changed) and come back when the log is on; the count of changes
-- to the records (0029) moves once.
DROP TRIGGER IF EXISTS sync_request_records_insert;
DROP TRIGGER IF EXISTS sync_request_records_update;
DROP TRIGGER IF EXISTS sync_request_records_delete;
DROP TRIGGER record_changes_records_update;
DROP INDEX request_records_request;
DROP INDEX request_records_singleton;
ALTER TABLE request_records ADD COLUMN req INTEGER REFERENCES requests (seq);
UPDATE request_records SET req = (SELECT r.seq FROM requests r WHERE r.id = request_records.request_id);
-- Fails (NOT NULL) when a record's request is missing.
CREATE TEMP TABLE records_by_seq_check (req INTEGER NOT NULL);
INSERT INTO records_by_seq_check SELECT req FROM request_records WHERE req IS NULL;
DROP TABLE records_by_seq_check;
ALTER TABLE request_records DROP COLUMN request_id;
CREATE INDEX request_records_request ON request_records (req, kind);
CREATE UNIQUE INDEX request_records_singleton ON request_records (req, kind)
    WHERE kind IN ('analysis', 'result_note', 'retrospective');
CREATE TRIGGER request_records_req_insert BEFORE INSERT ON request_records WHEN NEW.req IS NULL BEGIN
    SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_records.req');
END;
CREATE TRIGGER request_records_req_update BEFORE UPDATE OF req ON request_records WHEN NEW.req IS NULL BEGIN
    SELECT RAISE(ABORT, 'NOT NULL constraint failed: request_records.req');
END;
CREATE TRIGGER record_changes_records_update AFTER UPDATE ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
