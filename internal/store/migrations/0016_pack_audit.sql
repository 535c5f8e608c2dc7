-- The audit log keeps an entry's changes packed (audit.Pack: DEFLATE primed
-- with a fixed dictionary of the field names and values that recur, behind
-- a byte naming the packing) when that is shorter, else as the text they
-- were (audit.Encode); History reads both, and team sync carries the text
-- as before, so a laptop of any version reads what it is sent. A request's
-- creation keeps about half its bytes. The entity of every entry is kept as
-- its UUID's 16 bytes, as 0015 made it (the bulk loader of demo data had
-- still written the text). The Go step (packAudit) moves every entry,
-- keeping its seq, checks that each one reads back as it was, builds the
-- index by entity and drops the old table; the triggers of team sync's
-- change log, which went with it, are made again on the new one.
DROP INDEX audit_entity;
ALTER TABLE audit_log RENAME TO audit_log_text;
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    id        BLOB NOT NULL UNIQUE,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL, -- a UUID as its 16 bytes (see 0015)
    action    TEXT NOT NULL,
    changes   BLOB NOT NULL -- audit.Pack's form (a BLOB) or audit.Encode's (a TEXT)
);
