-- Links between requests (duplicate of, follows from, related), made by the
-- commands request.link / request.unlink and by closing a request as a
-- duplicate; shared with the team. Read from both ends, so indexed by both.
-- No unique index on the pair: two laptops may link the same pair offline
-- with rows of their own ids, and both rows must arrive; the list shows one.
CREATE TABLE request_links (
    id         TEXT PRIMARY KEY,
    from_id    TEXT NOT NULL REFERENCES requests (id),
    to_id      TEXT NOT NULL REFERENCES requests (id),
    kind       TEXT NOT NULL CHECK (kind IN ('duplicate', 'follows', 'related')),
    note       TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_links_from ON request_links (from_id, kind);
CREATE INDEX request_links_to ON request_links (to_id, kind);

-- Saved views of the request list (internal/view): the team's, shared and
-- synced, and each person's own, kept on the machine they were saved on.
-- query and columns are the view's request.Query and column list as JSON.
CREATE TABLE team_views (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL CHECK (json_valid(query)),
    columns    TEXT NOT NULL CHECK (json_valid(columns)),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE my_views (
    id         TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL CHECK (json_valid(query)),
    columns    TEXT NOT NULL CHECK (json_valid(columns)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX my_views_owner ON my_views (owner, name);

-- A contact's requests, newest first: the request page shows the contact's
-- recent communication from them.
CREATE INDEX requests_contact ON requests (contact_id, received_at);
