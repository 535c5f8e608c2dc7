-- Room per request, derived rows and indexes first.
--
-- The time-limit clocks (request_clocks, derived: recomputed from the
-- request, never shared) take half the room they took. The table is kept in
-- the order of its key (request_id, kind) WITHOUT ROWID, so the key is
-- stored once instead of in the table and again in its unique index; the
-- start, due and done times are Unix milliseconds (what the store's
-- timestamps keep) instead of 24-character texts; and the limit's text,
-- which no query read (its clock and allowance are kept), is gone. The Go
-- step (compactClocks) converts the rows there, derives again the clocks of
-- a request whose stored times are not in the store's form, and drops the
-- old table.
DROP INDEX request_clocks_open;
ALTER TABLE request_clocks RENAME TO request_clocks_text;
CREATE TABLE request_clocks (
    request_id TEXT NOT NULL REFERENCES requests (id),
    kind       TEXT NOT NULL,
    start_at   INTEGER NOT NULL, -- Unix milliseconds
    due_at     INTEGER,          -- NULL while a pause holds the clock
    done_at    INTEGER,          -- NULL while the clock runs
    allowance  INTEGER NOT NULL, -- seconds
    clock      TEXT NOT NULL,    -- '24x7' or 'working'
    PRIMARY KEY (request_id, kind)
) WITHOUT ROWID;
CREATE INDEX request_clocks_open ON request_clocks (due_at) WHERE done_at IS NULL;

-- A request's records are a handful: they are found by request and kind,
-- and sorted by time after, so the index no longer repeats each record's
-- creation time.
DROP INDEX request_records_request;
CREATE INDEX request_records_request ON request_records (request_id, kind);

-- The audit log keeps the id of the entity an entry is about as its 16
-- bytes when it is a UUID in its canonical text, as it keeps the entry's own
-- id since 0011 (store.auditID; any other id stays the text it was): 20
-- bytes less in every entry and again in its index. History looks an entity
-- up in both forms, so an entry shared by a laptop of an older version is
-- found too.
DROP INDEX audit_entity;
UPDATE audit_log SET entity_id = unhex(replace(entity_id, '-', ''))
WHERE typeof(entity_id) = 'text' AND length(entity_id) = 36
  AND entity_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]';
CREATE INDEX audit_entity ON audit_log (entity_id);
