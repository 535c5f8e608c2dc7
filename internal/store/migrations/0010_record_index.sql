-- What is queried or enforced of a stage record's body is kept beside it
-- as columns with an index, filled from the typed body whenever the record
-- is saved (request.IndexOf): the owner, status and due date of a task
-- (a sub-requirement's milestone is its due date), and in a table of its
-- own what a task or sub-requirement depends on. The records already there
-- are filled by this migration's Go step (store.goSteps), which reads their
-- bodies as the program does.
ALTER TABLE request_records ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE request_records ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE request_records ADD COLUMN due TEXT NOT NULL DEFAULT '';
CREATE INDEX request_records_owner ON request_records (owner, status, due);

CREATE TABLE request_record_deps (
    record_id  TEXT NOT NULL REFERENCES request_records (id) ON DELETE CASCADE,
    depends_on TEXT NOT NULL,
    PRIMARY KEY (record_id, depends_on)
) WITHOUT ROWID;
CREATE INDEX request_record_deps_on ON request_record_deps (depends_on);
