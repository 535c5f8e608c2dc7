-- Plan 004's measures (internal/report Plan004) read new fields of the
-- derived measure row: the hand-over and its answer, whether analysis began
-- and the request was reclassified after, offline communication records
-- and their completeness, what the registration collected, the archive's
-- missing documents, and the high-value need's quarterly value
-- assessments. The Go step of this migration (rederiveMeasureRows) makes
-- the rows written before again from each request's history, keeping the
-- clocks they hold; the sums kept of them are made again (their
-- fingerprint's SumsVersion changed too).
DELETE FROM metric_sums;
