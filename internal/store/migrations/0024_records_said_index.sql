-- The record measures of plan 004 (话术适配率 and the rest, store.CommMeasures)
-- read the customer-facing records of a period: communication records,
-- progress updates, result notes and feedback. Without this index each
-- dashboard read every record of every year (a full scan of the largest
-- table, about 1.3 s on 100k requests, twice per dashboard). The index holds
-- only those four kinds, so it costs about 12 bytes a record; the query
-- names the same kinds as literals so the planner can use it.
CREATE INDEX request_records_said ON request_records (created_at)
    WHERE kind IN ('communication', 'result_note', 'feedback', 'progress');
