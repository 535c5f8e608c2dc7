-- A transition names its request by the request's seq, the integer key
-- this machine gives it (as the clocks do since 0030), instead of its
-- 36-character id, kept in the table and again in the index by request:
-- about 45 MB of the 100k data set. Team sync carries the request's id as
-- before (store.syncTable.byReq): the column is this machine's own. Every
-- row is copied with its seq; a transition whose request is not here
-- cannot be copied (the foreign key kept it from being written), and the
-- upgrade then fails with the database as it was.
DROP INDEX IF EXISTS request_transitions_request;
ALTER TABLE request_transitions RENAME TO request_transitions_by_id;
CREATE TABLE request_transitions (
    seq         INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE, -- a UUID as its 16 bytes (store.idKey)
    req         INTEGER NOT NULL REFERENCES requests (seq),
    at          INTEGER NOT NULL,     -- Unix milliseconds (store.millis)
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    changes     BLOB,   -- the step's audit entry, see 0025
    entry_pos   INTEGER -- its place among this machine's audit entries (0025)
);
INSERT INTO request_transitions (seq, id, req, at, actor, action, from_status, to_status, comment, changes, entry_pos)
    SELECT t.seq, t.id, (SELECT r.seq FROM requests r WHERE r.id = t.request_id), t.at, t.actor, t.action,
        t.from_status, t.to_status, t.comment, t.changes, t.entry_pos
    FROM request_transitions_by_id t ORDER BY t.seq;
DROP TABLE request_transitions_by_id;
CREATE INDEX request_transitions_request ON request_transitions (req, seq);
