-- A stage record keeps when it was made and last changed as Unix
-- milliseconds (store.millis), as the audit log and the transitions do:
-- 24 characters each became about 6 bytes, in the table and in the two
-- indexes by time (42 MB of the 100k data set, 950k records). A time not in
-- the store's form stays the text it was (the columns take both). The
-- columns are made anew (SQLite cannot change a column's type): the Go step
-- (recordTimes) fills them, checks each converted time gives back its text,
-- drops the old columns, names the new ones as the old and builds the
-- indexes again; the change log's triggers of the table go for the
-- conversion (no record changed) and come back when the log is on.
DROP TRIGGER IF EXISTS sync_request_records_insert;
DROP TRIGGER IF EXISTS sync_request_records_update;
DROP TRIGGER IF EXISTS sync_request_records_delete;
DROP INDEX request_records_said;
DROP INDEX request_records_complaints;
ALTER TABLE request_records ADD COLUMN created_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE request_records ADD COLUMN updated_ms INTEGER NOT NULL DEFAULT 0;
