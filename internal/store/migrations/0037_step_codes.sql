-- A transition keeps its action and its two statuses by a character each
-- (store.stepCodes), where the words took 28 bytes of a step: 21 MB of the
-- 100k data set's 760k steps. Team sync sends the words as before
-- (store.syncTable.coded). The table is made anew (no table names it) with
-- every row copied by the store's step_code, which keeps a word without a
-- code as it is; the change log's triggers go with the old table and come
-- back when the log is on (the Go step).
DROP INDEX IF EXISTS request_transitions_request;
ALTER TABLE request_transitions RENAME TO request_transitions_0036;
CREATE TABLE request_transitions (
    seq         INTEGER PRIMARY KEY,
    id          BLOB NOT NULL UNIQUE, -- a UUID as its 16 bytes (store.idKey)
    req         INTEGER NOT NULL REFERENCES requests (seq),
    at          INTEGER NOT NULL,     -- Unix milliseconds (store.millis)
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,        -- its code (store.stepCodes), or the word
    from_status TEXT NOT NULL,        -- likewise
    to_status   TEXT NOT NULL,        -- likewise
    comment     TEXT NOT NULL DEFAULT '',
    changes     BLOB,   -- the step's audit entry, see 0025
    entry_pos   INTEGER -- its place among this machine's audit entries (0025)
);
INSERT INTO request_transitions (seq, id, req, at, actor, action, from_status, to_status, comment, changes, entry_pos)
    SELECT seq, id, req, at, actor, step_code(action), step_code(from_status), step_code(to_status), comment, changes,
        entry_pos
    FROM request_transitions_0036 ORDER BY seq;
DROP TABLE request_transitions_0036;
CREATE INDEX request_transitions_request ON request_transitions (req, seq);
