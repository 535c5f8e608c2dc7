-- A running or stopped clock (request_clocks, derived) names its kind and
-- calendar by the letters a measure row gives them (0035,
-- store.clockKindCodes and calendarCodes), in the key too: a name took 9
-- bytes and a calendar 5 in each of the 100k data set's million clocks.
-- The table is made anew (no table names it); a kind or calendar without a
-- letter keeps its name.
DROP INDEX request_clocks_open;
ALTER TABLE request_clocks RENAME TO request_clocks_0035;
CREATE TABLE request_clocks (
    req        INTEGER NOT NULL REFERENCES requests (seq),
    kind       TEXT NOT NULL,    -- a letter (store.clockKindCodes), or the name
    start_at   INTEGER NOT NULL, -- Unix milliseconds
    due_at     INTEGER,          -- NULL while a pause holds the clock
    done_at    INTEGER,          -- NULL while the clock runs
    allowance  INTEGER NOT NULL, -- seconds
    clock      TEXT NOT NULL,    -- '' round the clock, 'W' working time (store.calendarCodes)
    PRIMARY KEY (req, kind)
) WITHOUT ROWID;
INSERT INTO request_clocks (req, kind, start_at, due_at, done_at, allowance, clock)
    SELECT req, CASE kind WHEN 'record' THEN 'A' WHEN 'classify' THEN 'B' WHEN 'start' THEN 'C'
        WHEN 'respond' THEN 'D' WHEN 'resolve' THEN 'E' WHEN 'result_feedback' THEN 'F' WHEN 'progress' THEN 'G'
        WHEN 'survey' THEN 'H' WHEN 'channel_respond' THEN 'I' WHEN 'phone_answer' THEN 'J' WHEN 'handover' THEN 'K'
        WHEN 'handover_answer' THEN 'L' WHEN 'complaint_accept' THEN 'M' WHEN 'complaint_answer' THEN 'N' ELSE kind END,
        start_at, due_at, done_at, allowance,
        CASE clock WHEN '24x7' THEN '' WHEN 'working' THEN 'W' WHEN '' THEN '-' ELSE clock END
    FROM request_clocks_0035;
DROP TABLE request_clocks_0035;
CREATE INDEX request_clocks_open ON request_clocks (due_at) WHERE done_at IS NULL;
