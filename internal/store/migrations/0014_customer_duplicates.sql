-- Customers registered twice (issue 18): two laptops may each register the
-- same customer offline, and the team server keeps both. So a name is no
-- longer unique in the table (the form still refuses a name another
-- customer has: internal/command CreateCustomer); pairs that are possibly
-- the same customer are flagged, and a supervisor merges them.
--
-- Rebuilding customers under the foreign keys of contacts and requests:
-- with the checks deferred, dropping the table counts its referenced rows
-- as violations and inserting them again into the new table uncounts them,
-- so the transaction commits only if every row came back.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE customers_0014 AS SELECT id, name, name_key, industry, address, notes, created_at, updated_at, version FROM customers;
DROP TABLE customers;
CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    -- name_key is the name as the form compares it (customer.NameKey).
    name_key   TEXT NOT NULL,
    industry   TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
INSERT INTO customers (id, name, name_key, industry, address, notes, created_at, updated_at, version)
    SELECT id, name, name_key, industry, address, notes, created_at, updated_at, version FROM customers_0014;
DROP TABLE customers_0014;
CREATE INDEX customers_name_key ON customers (name_key);

-- A pair of customers possibly the same (customer.PossiblySame), a_id < b_id.
-- status: open (shown as 可能重复), dismissed (不是重复) or merged.
CREATE TABLE customer_duplicates (
    id          TEXT PRIMARY KEY,
    a_id        TEXT NOT NULL REFERENCES customers (id),
    b_id        TEXT NOT NULL REFERENCES customers (id),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'merged')),
    found_at    TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK (a_id < b_id),
    UNIQUE (a_id, b_id)
);
CREATE INDEX customer_duplicates_b ON customer_duplicates (b_id);

-- A customer merged into another: its contacts and requests moved there,
-- and a command that still names it is carried out on into_id
-- (store.Tx.CustomerID follows the chain). The merged row stays, so
-- nothing that names it breaks.
CREATE TABLE customer_merges (
    id         TEXT PRIMARY KEY,
    from_id    TEXT NOT NULL UNIQUE REFERENCES customers (id),
    into_id    TEXT NOT NULL REFERENCES customers (id),
    merged_at  TEXT NOT NULL,
    merged_by  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK (from_id <> into_id)
);
CREATE INDEX customer_merges_into ON customer_merges (into_id);
