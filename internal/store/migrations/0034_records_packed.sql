-- A stage record's body is kept packed (store.packBody): its values without
-- their keys, in the order of its kind's layout, which took two fifths of a
-- body (70 MB of the 100k data set, 950k records). The program and SQL read
-- it as JSON through record_json and record_field, which the store gives
-- SQLite. The column is added and filled, the old one dropped with its
-- check (json_valid, which a packed body is not), and the new one named as
-- the old: a table made anew would take the foreign keys of the check
-- items and the dependencies with it (see 0032). A body packs whatever its
-- JSON (which the old column's check held it to): one of a kind without a
-- layout, or not an object, is kept as its JSON (layout 0). The change
-- log's triggers go for the conversion (no record changed) and come back
-- when the log is on; the count of changes to the records (0029) moves once.
DROP TRIGGER IF EXISTS sync_request_records_insert;
DROP TRIGGER IF EXISTS sync_request_records_update;
DROP TRIGGER IF EXISTS sync_request_records_delete;
DROP TRIGGER record_changes_records_update;
-- The default is the packed form of {} (the column must have one to be
-- added NOT NULL); the check refuses text and an empty body.
ALTER TABLE request_records ADD COLUMN packed BLOB NOT NULL DEFAULT x'01007b7d'
    CHECK (typeof(packed) = 'blob' AND substr(packed, 1, 1) = x'01');
UPDATE request_records SET packed = record_pack(kind, body);
ALTER TABLE request_records DROP COLUMN body;
ALTER TABLE request_records RENAME COLUMN packed TO body;
CREATE TRIGGER record_changes_records_update AFTER UPDATE ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
