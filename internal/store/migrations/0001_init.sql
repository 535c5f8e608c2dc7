-- The foundation: settings, word lists, customers, contacts, requests,
-- numbering, search index, drafts and the audit log.
-- Times are UTC text, 2006-01-02T15:04:05.000Z, so they sort as text.
-- Rows that may be made on two laptops offline have UUIDv7 ids; seq columns
-- are local integer keys (FTS rowids) and never leave this database.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE vocab_items (
    id         TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('type', 'channel', 'category', 'department')),
    label      TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (kind, label)
);

CREATE TABLE customers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    industry   TEXT NOT NULL DEFAULT '',
    address    TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE contacts (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_customer ON contacts (customer_id, name);

CREATE TABLE requests (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    number           TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    contact_id       TEXT REFERENCES contacts (id),
    contact_name     TEXT NOT NULL DEFAULT '',
    contact_info     TEXT NOT NULL DEFAULT '',
    channel          TEXT NOT NULL,
    type             TEXT NOT NULL,
    category         TEXT NOT NULL DEFAULT '',
    urgency          TEXT NOT NULL CHECK (urgency IN ('urgent', 'important', 'normal', 'potential')),
    impact_scope     TEXT NOT NULL DEFAULT '' CHECK (impact_scope IN ('', 'single', 'multi', 'business_line')),
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    background       TEXT NOT NULL DEFAULT '',
    expected_outcome TEXT NOT NULL DEFAULT '',
    time_requirement TEXT NOT NULL DEFAULT '',
    scene            TEXT NOT NULL DEFAULT '',
    product          TEXT NOT NULL DEFAULT '',
    received_at      TEXT NOT NULL,
    received_by      TEXT NOT NULL,
    owner            TEXT NOT NULL DEFAULT '',
    department       TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX requests_received ON requests (received_at);
CREATE INDEX requests_updated ON requests (updated_at);
CREATE INDEX requests_customer ON requests (customer_id, received_at);
CREATE INDEX requests_status ON requests (status, received_at);
CREATE INDEX requests_urgency ON requests (urgency, received_at);
CREATE INDEX requests_type ON requests (type, received_at);
CREATE INDEX requests_channel ON requests (channel, received_at);
CREATE INDEX requests_owner ON requests (owner, received_at);

-- One counter per rendering of the number pattern without its sequence
-- (e.g. "XR-2024-#"), so the sequence restarts whenever the rest changes.
CREATE TABLE number_sequences (
    key  TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Contentless: the store writes search.Index(...) of number, title,
-- description and customer name under the request's seq.
CREATE VIRTUAL TABLE request_fts USING fts5 (
    bi, uni,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);

-- Unfinished forms, kept so that closing the window mid-entry loses nothing.
CREATE TABLE drafts (
    key        TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_entity ON audit_log (entity_id, seq);

-- The process documents' word lists. Seed ids are the same on every
-- laptop, so lists made offline agree.
INSERT INTO vocab_items (id, kind, label, sort_order, created_at, updated_at) VALUES
    ('seed-type-01', 'type', '咨询', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-02', 'type', '问题(报障)', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-03', 'type', '建议', 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-04', 'type', '定制', 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-05', 'type', '技术咨询', 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-06', 'type', '方案定制', 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-07', 'type', '售后支持', 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-08', 'type', '新增功能需求', 8, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-09', 'type', '现有功能优化', 9, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-10', 'type', '问题修复', 10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-11', 'type', '服务流程改进', 11, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-12', 'type', '投诉', 12, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-type-13', 'type', '其他', 13, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-01', 'channel', '来访/面谈', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-02', 'channel', '电话', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-03', 'channel', '邮件', 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-04', 'channel', '在线客服', 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-05', 'channel', '在线表单', 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-06', 'channel', '工单系统', 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-07', 'channel', '社交媒体', 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-08', 'channel', '产品内反馈', 8, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-09', 'channel', '合作伙伴转达', 9, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-channel-10', 'channel', '市场调研/问卷', 10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-category-01', 'category', '产品类', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-category-02', 'category', '服务类', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-category-03', 'category', '合作类', 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-01', 'department', '销售部', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-02', 'department', '客服部', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-03', 'department', '技术支持部', 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-04', 'department', '产品研发部', 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-05', 'department', '质量控制部', 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-06', 'department', '财务部', 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-07', 'department', '运营管理部', 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-department-08', 'department', '品质部', 8, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
