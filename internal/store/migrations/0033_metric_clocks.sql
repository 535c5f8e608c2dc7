-- A measure row (request_metrics, derived) keeps its clocks' due and done
-- times as seconds after the request's receipt instead of Unix seconds:
-- the clocks are two thirds of a row, ten digits a time (about 20 MB of
-- the 100k data set, and the index of the open rows, which holds the data,
-- with them). The Go step (recodeMetrics) writes every row anew, checking
-- it reads back the same; store.decodeMetric reads both forms.
SELECT 1;
