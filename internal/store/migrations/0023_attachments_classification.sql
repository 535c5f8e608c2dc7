-- Files attached to a request (screenshots, logs, contracts, photos) and
-- the 需求分类标准表 (manual 001, template 2).
--
-- An attachment's file is kept by content hash in the attachments folder
-- beside the database, like a document's scan (internal/blobs); the row
-- names it. Removing an attachment deletes its row (audited); the file
-- stays, as files are shared by content and never deleted.
CREATE TABLE request_attachments (
    id         TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES requests (id),
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX request_attachments_request ON request_attachments (request_id, added_at);
CREATE INDEX request_attachments_sha256 ON request_attachments (sha256);

-- The classification standard: for each request type its category, owning
-- department and default urgency, with examples. Triage proposes from it.
-- Seed ids are the same on every laptop, so the standard agrees before the
-- first sync.
CREATE TABLE classification_standard (
    id           TEXT PRIMARY KEY,
    request_type TEXT NOT NULL,
    category     TEXT NOT NULL,
    department   TEXT NOT NULL,
    urgency      TEXT NOT NULL CHECK (urgency IN ('urgent', 'important', 'normal', 'potential')),
    examples     TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX classification_standard_type ON classification_standard (request_type);

INSERT INTO classification_standard (id, request_type, category, department, urgency, examples, position, created_at, updated_at) VALUES
    ('seed-class-01', '咨询', '服务类', '客服部', 'normal', '产品使用方法、价格与政策、办理流程的询问；能在通话中答复的一般咨询', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-02', '问题(报障)', '产品类', '技术支持部', 'important', '部分功能无法使用、报错、数据不一致；系统宕机或支付中断等核心业务受影响时定为紧急', 2, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-03', '建议', '产品类', '产品研发部', 'normal', '界面与操作的改进意见、新功能设想、服务方式的建议', 3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-04', '定制', '合作类', '销售部', 'important', '定制化开发、项目外包、联合研发', 4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-05', '技术咨询', '服务类', '技术支持部', 'normal', '系统对接方案、接口与部署方式的咨询', 5, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-06', '方案定制', '合作类', '销售部', 'important', '按客户业务定制解决方案、专项服务方案', 6, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-07', '售后支持', '服务类', '客服部', 'important', '安装调试、售后培训、使用中的故障协助', 7, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-08', '新增功能需求', '产品类', '产品研发部', 'normal', '增加报表导出、新增审批流程等产品尚无的功能', 8, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-09', '现有功能优化', '产品类', '产品研发部', 'normal', '查询提速、页面布局与操作步骤的优化', 9, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-10', '问题修复', '产品类', '技术支持部', 'important', '已确认的缺陷、计算错误、兼容性问题的修复', 10, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-11', '服务流程改进', '服务类', '运营管理部', 'normal', '响应流程、交付与回访流程的改进', 11, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-12', '投诉', '服务类', '质量控制部', 'important', '对服务态度、处理时效、处理质量的投诉', 12, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    ('seed-class-13', '其他', '服务类', '客服部', 'normal', '无法归入以上类型的需求，由客服主管判定', 13, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
