-- The audit log keeps, of the values before and after a change, only the
-- fields that changed (internal/audit: Encode), instead of a full copy of the
-- entity on each side: a create keeps the values it set, an update the
-- changed fields with their old and new values. History shows the same
-- entries and changes as before. Ids are kept as their 16 bytes and times as
-- Unix milliseconds (an id or time not in the program's own form is kept as
-- the text it was). The entries written before are converted by the Go step
-- (compactAudit), which then drops the old table.
DROP INDEX audit_entity;
ALTER TABLE audit_log RENAME TO audit_log_full;
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    id        BLOB NOT NULL UNIQUE,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL
);
-- An index's entries end with the rowid, so the entries of one entity come
-- in the order of seq.
CREATE INDEX audit_entity ON audit_log (entity_id);

-- Two indexes no query needs: the records of a request by kind are found
-- through request_records_request (request_id, kind, created_at), and no
-- query looks for transitions by time alone.
DROP INDEX IF EXISTS request_records_kind;
DROP INDEX IF EXISTS request_transitions_at;
