-- The search index also holds each request's contact name and phone (with
-- the phone's digits run together, so 13800138000 finds 138-0013-8000).
-- The index's text is cut in Go (internal/search), which SQL cannot do, so
-- this table records which cut the index holds: on opening a database whose
-- version is older than the program's, the store indexes every request
-- again (store.searchIndexVersion). A new database starts at 1 too and is
-- brought up to date, empty, on its first opening.
CREATE TABLE search_index (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO search_index (id, version) VALUES (1, 1);
