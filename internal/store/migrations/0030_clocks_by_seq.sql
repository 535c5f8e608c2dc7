-- The time-limit clocks (derived, never shared) name their request by its
-- seq, the integer key this machine gives it, instead of its 36-character
-- id: a clock row is 89 bytes on the 100k data set and ten a request, so
-- the id was a third of the table. The search index already names a
-- request by its seq (request_fts' rowid); seq never changes once a
-- request is here (sync updates a row in place, a snapshot carries it).
-- Clocks whose request is gone are not carried; a request's clocks are
-- derived again whenever it changes.
DROP INDEX request_clocks_open;
ALTER TABLE request_clocks RENAME TO request_clocks_by_id;
CREATE TABLE request_clocks (
    req        INTEGER NOT NULL REFERENCES requests (seq),
    kind       TEXT NOT NULL,
    start_at   INTEGER NOT NULL, -- Unix milliseconds
    due_at     INTEGER,          -- NULL while a pause holds the clock
    done_at    INTEGER,          -- NULL while the clock runs
    allowance  INTEGER NOT NULL, -- seconds
    clock      TEXT NOT NULL,    -- '24x7' or 'working'
    PRIMARY KEY (req, kind)
) WITHOUT ROWID;
INSERT INTO request_clocks (req, kind, start_at, due_at, done_at, allowance, clock)
    SELECT r.seq, k.kind, k.start_at, k.due_at, k.done_at, k.allowance, k.clock
    FROM request_clocks_by_id k JOIN requests r ON r.id = k.request_id
    ORDER BY r.seq, k.kind;
DROP TABLE request_clocks_by_id;
CREATE INDEX request_clocks_open ON request_clocks (due_at) WHERE done_at IS NULL;
