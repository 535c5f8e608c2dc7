-- A stage record keeps its id and its parent's as idKey does: a UUID as its
-- 16 bytes where its text took 36, in the table and again in its unique
-- index (about 40 MB of the 100k data set's 950k records); so do its
-- dependencies and the check items that name it, which must match it.
-- Team sync sends the text as before (store.syncTable.uuids). The records'
-- index by request keeps the request alone (a request has a handful of
-- records; the kind doubled the index), and the request's seq is NOT NULL
-- in the table itself, for the two triggers of 0032.
--
-- The table is made anew under another name with every row copied by the
-- store's id_key, the old one dropped and the new one named as the old.
-- The foreign keys stay on (the upgrade runs in one transaction), deferred
-- to its end. Dropping the old table deletes its rows first, so what names
-- a record is set aside and written back keyed: the dependencies and the
-- check items (whose rectifications wait for them). The change log's
-- triggers go with the old table and the check items' are dropped for the
-- conversion (nothing changed); they come back when the log is on (the Go
-- step).
PRAGMA defer_foreign_keys = ON;
DROP TRIGGER IF EXISTS sync_comm_check_items_insert;
DROP TRIGGER IF EXISTS sync_comm_check_items_update;
DROP TRIGGER IF EXISTS sync_comm_check_items_delete;
CREATE TABLE request_record_deps_0038 AS
    SELECT id_key(record_id) AS record_id, id_key(depends_on) AS depends_on FROM request_record_deps;
DROP TABLE request_record_deps;
CREATE TABLE comm_check_items_0038 AS SELECT * FROM comm_check_items;
UPDATE comm_check_items_0038 SET record_id = id_key(record_id);
DELETE FROM comm_check_items;
CREATE TABLE request_records_0039 (
    id         BLOB NOT NULL UNIQUE, -- a UUID as its 16 bytes (store.idKey)
    req        INTEGER NOT NULL REFERENCES requests (seq),
    kind       TEXT NOT NULL,
    parent_id  BLOB REFERENCES request_records_0039 (id), -- likewise
    created_by TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    owner      TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT '',
    due        TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL DEFAULT 0, -- Unix milliseconds (0028)
    updated_at INTEGER NOT NULL DEFAULT 0, -- likewise
    body       BLOB NOT NULL DEFAULT x'01007b7d' -- packed (0034)
        CHECK (typeof(body) = 'blob' AND substr(body, 1, 1) = x'01')
);
-- Its parents are found by an index: while a check waits for the end of
-- the transaction, every row written is looked for as a parent, and a
-- record deleted later is too.
CREATE INDEX request_records_parent ON request_records_0039 (parent_id) WHERE parent_id IS NOT NULL;
INSERT INTO request_records_0039 (rowid, id, req, kind, parent_id, created_by, version, owner, status, due,
        created_at, updated_at, body)
    SELECT rowid, id_key(id), req, kind, id_key(parent_id), created_by, version, owner, status, due,
        created_at, updated_at, body
    FROM request_records ORDER BY rowid;
-- Each row the drop deletes is looked for among the children by parent_id:
-- without an index that reads the whole table a row.
CREATE INDEX request_records_0038_parent ON request_records (parent_id) WHERE parent_id IS NOT NULL;
DROP TABLE request_records;
ALTER TABLE request_records_0039 RENAME TO request_records;
INSERT INTO comm_check_items SELECT * FROM comm_check_items_0038 ORDER BY rowid;
DROP TABLE comm_check_items_0038;
CREATE TABLE request_record_deps (
    record_id  BLOB NOT NULL REFERENCES request_records (id) ON DELETE CASCADE,
    depends_on BLOB NOT NULL, -- a record's id, kept as record_id is
    PRIMARY KEY (record_id, depends_on)
) WITHOUT ROWID;
INSERT INTO request_record_deps (record_id, depends_on)
    SELECT record_id, depends_on FROM request_record_deps_0038 ORDER BY record_id, depends_on;
DROP TABLE request_record_deps_0038;
CREATE INDEX request_record_deps_on ON request_record_deps (depends_on);
CREATE INDEX request_records_request ON request_records (req);
CREATE UNIQUE INDEX request_records_singleton ON request_records (req, kind)
    WHERE kind IN ('analysis', 'result_note', 'retrospective');
CREATE INDEX request_records_complaints ON request_records (status, created_at) WHERE kind = 'complaint';
CREATE INDEX request_records_owner ON request_records (owner, status, due) WHERE owner <> '';
CREATE INDEX request_records_said ON request_records (created_at)
    WHERE kind IN ('communication', 'result_note', 'feedback', 'progress');
CREATE TRIGGER record_changes_records_insert AFTER INSERT ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_records_update AFTER UPDATE ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_records_delete AFTER DELETE ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
