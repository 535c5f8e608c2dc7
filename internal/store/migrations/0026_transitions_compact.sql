-- A transition keeps its id as the UUID's 16 bytes and its time as Unix
-- milliseconds, as the audit log has since 0011: the 36-character text of
-- the id stood in the table and again in its unique index, and the time's
-- 24 characters in the table, about 60 bytes a step (44 MB of the 100k
-- data set). An id that is not a UUID in its canonical text, and a time
-- not in the store's form, stay as the text they were (the columns take
-- both). Team sync names a transition by its id's bytes ('x:' and hex, as
-- an audit entry). The Go step (compactTransitions) moves every row,
-- keeping its seq, checks each reads back as it was, builds the index by
-- request, rewrites the change log's keys of the rows it moved, and drops
-- the old table; the change log's triggers, which went with it, are made
-- again on the new one.
DROP INDEX request_transitions_request;
ALTER TABLE request_transitions RENAME TO request_transitions_text;
CREATE TABLE request_transitions (
    seq         INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE, -- a UUID as its 16 bytes (store.idKey)
    request_id  TEXT NOT NULL REFERENCES requests (id),
    at          INTEGER NOT NULL,     -- Unix milliseconds (store.millis)
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    changes     BLOB,   -- the step's audit entry, see 0025
    entry_pos   INTEGER -- its place among this machine's audit entries (0025)
);
