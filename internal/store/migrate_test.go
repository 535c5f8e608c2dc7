package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// fixtures are the rows a database of each schema version holds, written
// with that version's SQL: fixtures[v-1] fills the tables version v added,
// on a database that versions 1 to v-1 filled and upgraded.
var fixtures = []string{
	// 0001: customers, contacts, a request with its search text, audit, draft.
	`INSERT INTO settings (key, value, updated_at) VALUES ('profileName', '李娜', '2024-03-15T02:00:00.000Z'),
		('numberPattern', 'XR-{YYYY}-{NNN}', '2024-03-15T02:00:00.000Z');
	INSERT INTO customers (id, name, name_key, industry, created_at, updated_at) VALUES
		('c1', '华信科技有限公司', '华信科技有限公司', '信息技术', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	INSERT INTO contacts (id, customer_id, name, phone, created_at, updated_at) VALUES
		('k1', 'c1', '张伟', '13800138000', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	INSERT INTO requests (seq, id, number, status, customer_id, contact_id, contact_name, contact_info, channel, type,
		urgency, title, description, received_at, received_by, created_at, updated_at) VALUES
		(1, 'r1', 'XR-2024-001', 'registered', 'c1', 'k1', '张伟', '5678', '电话', '技术咨询', 'normal', '咨询系统对接方案',
		 '客户希望了解对接方式', '2024-03-15T01:55:00.000Z', '李娜', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z'),
		(2, 'r2', 'XR-2024-002', 'registered', 'c1', NULL, '', '', '邮件', '方案定制', 'urgent', '定制生产排程模块',
		 '', '2024-03-15T01:58:00.000Z', '李娜', '2024-03-15T02:01:00.000Z', '2024-03-15T02:01:00.000Z');
	INSERT INTO request_fts (rowid, bi, uni) VALUES (1, 'xr 2024 001 ǂ 咨询 询系 系统 统对 对接 接方 方案 ǂ ', '咨 询 系 统 对 接 方 案 '),
		(2, 'xr 2024 002 ǂ 定制 制生 生产 产排 排程 程模 模块 ǂ ', '定 制 生 产 排 程 模 块 ');
	INSERT INTO number_sequences (key, last) VALUES ('XR-2024-#', 2);
	INSERT INTO audit_log (id, at, actor, entity, entity_id, action, after) VALUES
		('a1', '2024-03-15T02:00:00.000Z', '李娜', 'request', 'r1', 'create', '{"number":"XR-2024-001"}');
	INSERT INTO drafts (key, body, updated_at) VALUES ('intake', '{"title":"未完成"}', '2024-03-15T02:00:00.000Z');`,
	// 0002: a transition, a record, a person.
	`INSERT INTO request_transitions (id, request_id, at, actor, action, from_status, to_status) VALUES
		('t1', 'r2', '2024-03-15T02:10:00.000Z', '王强', 'triage', 'registered', 'triaged');
	UPDATE requests SET status = 'triaged', department = '技术支持部' WHERE id = 'r2';
	UPDATE requests SET path = 'short' WHERE id = 'r1';
	INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
		('rec1', 'r1', 'communication', '{"at":"2024-03-15T02:05:00Z","channel":"电话","with":"张伟","summary":"确认需求","nextStep":""}',
		 '李娜', '2024-03-15T02:05:00.000Z', '2024-03-15T02:05:00.000Z');
	INSERT INTO people (id, name, roles, created_at, updated_at) VALUES
		('p1', '王强', '["supervisor"]', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');`,
	// 0003: an escalation.
	`INSERT INTO escalations (id, request_id, at, reason, clock, recipient, actor) VALUES
		('e1', 'r2', '2024-03-15T03:00:00.000Z', 'emergency', '', '王强', 'system');`,
	// 0004: a document version, its signature, a scan, and a scan whose
	// bytes no longer match their hash.
	`INSERT INTO documents (id, request_id, type, version, doc_number, status, sha256, size, pages, pdf, source,
		generated_at, generated_by, created_at, updated_at) VALUES
		('d1', 'r1', 'registration', 1, 'XR-2024-001-DJ-V1', 'signed_on_screen', 'ab', 4, 1, x'25504446', '{}',
		 '2024-03-15T02:20:00.000Z', '李娜', '2024-03-15T02:20:00.000Z', '2024-03-15T02:20:00.000Z');
	INSERT INTO document_signatures (id, document_id, role, signer, signed_at, png) VALUES
		('s1', 'd1', 'customer', '张伟', '2024-03-15T02:25:00.000Z', x'89504e47');
	INSERT INTO document_attachments (id, document_id, file_name, mime, size, sha256, bytes, added_at, added_by) VALUES
		('f1', 'd1', 'scan.png', 'image/png', 4, '0f4636c78f65d3639ece5a064b5ae753e3408614a14fb18ab4d7540d2c248543',
		 x'89504e47', '2024-03-15T02:30:00.000Z', '李娜'),
		('f0', 'd1', 'damaged.png', 'image/png', 1, 'cd', x'00', '2024-03-15T02:31:00.000Z', '李娜');`,
	// 0005: an issued monthly report (measure rows are derived on opening).
	`INSERT INTO reports (id, kind, period, department, version, texts, body, issued_at, issued_by, updated_at) VALUES
		('rp1', 'monthly', '2024-03', '', 1, '{"proposals":{}}', '{"received":2}', '2024-04-02T02:00:00.000Z', '王强',
		 '2024-04-02T02:00:00.000Z');`,
	// 0006: an account with a session.
	`INSERT INTO accounts (id, name, name_key, password_hash, roles, created_at, updated_at) VALUES
		('u1', '王强', '王强', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
		 '["supervisor"]', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at) VALUES
		('ab', 'u1', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');`,
	// 0007: an attachment whose content, from a restored backup, still waits
	// in the database to be written out as a file.
	`INSERT INTO attachment_blobs (sha256, bytes) VALUES
		('e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4', x'255044462d312e340a');
	INSERT INTO document_attachments (id, document_id, file_name, mime, size, sha256, added_at, added_by) VALUES
		('f2', 'd1', '原件.pdf', 'application/pdf', 9, 'e5c62df5dab5c87b6a015ef3d43597074d1eec433b15f51aec63b8582d0e4ab4',
		 '2024-03-15T02:40:00.000Z', '李娜');`,
	// 0008: sums kept for a month, made with another configuration.
	`INSERT INTO metric_sums (department, period_from, period_to, fingerprint, data) VALUES
		('', 1709251200, 1711929600, 'elsewhere', '{"rows":0,"solved":0,"m":{}}');`,
	// 0009: nothing of its own; the search index is cut again on opening.
	`SELECT 1;`,
	// 0010: two tasks, one depending on the other, with the columns kept
	// of their bodies.
	`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at, owner, status, due) VALUES
		('task1', 'r2', 'task', '{"title":"接口开发","owner":"王强","status":"doing","due":"2024-04-01"}',
		 '李娜', '2024-03-15T03:00:00.000Z', '2024-03-15T03:00:00.000Z', '王强', 'doing', '2024-04-01'),
		('task2', 'r2', 'task', '{"title":"联调","owner":"王强","status":"todo","dependsOn":["task1"]}',
		 '李娜', '2024-03-15T03:01:00.000Z', '2024-03-15T03:01:00.000Z', '王强', 'todo', '');
	INSERT INTO request_record_deps (record_id, depends_on) VALUES ('task2', 'task1');`,
	// 0011: an audit entry as the program writes it from now on: its id's
	// 16 bytes, Unix milliseconds and only the field that changed.
	`INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) VALUES
		(x'018e4063a400700080000000000000a2', 1710468600000, '王强', 'request', 'r2', 'update',
		 '{"~status":["registered","triaged"]}');`,
	// 0012: a device joined to this server, a command it pushed and one
	// the server refused.
	`INSERT INTO sync_devices (id, code, name, account_id, account, token_hash, joined_at, last_seq) VALUES
		('dev1', 'A1', '李娜的笔记本', 'u1', '王强', 'cd', '2024-03-15T02:00:00.000Z', 1);
	INSERT INTO sync_applied (device_id, seq, result) VALUES ('dev1', 1, '{"seq":1,"status":"applied"}');
	INSERT INTO sync_conflicts (id, device_id, seq, command_id, name, args, at, reason, created_at) VALUES
		('sc1', 'dev1', 2, 'cmd2', 'request.move', '{}', '2024-03-15T02:00:00.000Z', '{"key":"sync_stale_step"}',
		 '2024-03-15T02:00:00.000Z');`,
	// 0013: the team this laptop joined, a waiting command and a refused one.
	`INSERT INTO sync_client (id, server, device_id, device_code, token, account, joined_at) VALUES
		(1, 'http://10.0.0.2:8080', 'dev1', 'A1', 'tok', '王强', '2024-03-15T02:00:00.000Z');
	INSERT INTO sync_outbox (id, name, args, at) VALUES ('cmd3', 'request.update', '{}', '2024-03-15T02:00:00.000Z');
	INSERT INTO sync_inbox (id, command_id, name, args, at, reason, received_at) VALUES
		('in1', 'cmd2', 'request.move', '{}', '2024-03-15T02:00:00.000Z', '{"key":"sync_stale_step"}', '2024-03-15T02:00:00.000Z');`,
	// 0014: a second customer of the same name (two laptops registered it),
	// flagged as possibly the same as the first, and one merged away.
	`INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
		('c2', '华为技术有限公司', '华为技术有限公司', '2024-03-16T02:00:00.000Z', '2024-03-16T02:00:00.000Z'),
		('c3', '华为技术有限公司', '华为技术有限公司', '2024-03-16T03:00:00.000Z', '2024-03-16T03:00:00.000Z');
	INSERT INTO customer_duplicates (id, a_id, b_id, found_at, created_at, updated_at) VALUES
		('d1', 'c2', 'c3', '2024-03-16T03:00:00.000Z', '2024-03-16T03:00:00.000Z', '2024-03-16T03:00:00.000Z');
	INSERT INTO customers (id, name, name_key, created_at, updated_at) VALUES
		('c4', '华为', '华为', '2024-03-16T04:00:00.000Z', '2024-03-16T04:00:00.000Z');
	INSERT INTO customer_merges (id, from_id, into_id, merged_at, merged_by, created_at, updated_at) VALUES
		('m1', 'c4', 'c2', '2024-03-16T05:00:00.000Z', '王芳', '2024-03-16T05:00:00.000Z', '2024-03-16T05:00:00.000Z');`,
	// 0015: a clock as the program writes it from now on, its times in
	// Unix milliseconds (derived: the start-up derives it again).
	`INSERT INTO request_clocks (request_id, kind, start_at, due_at, done_at, allowance, clock) VALUES
		('r2', 'record', 1710467880000, 1710468180000, NULL, 300, '24x7');`,
	// 0016: an audit entry as the program writes it from now on, its
	// changes packed (audit.Pack).
	`INSERT INTO audit_log (id, at, actor, entity, entity_id, action, changes) VALUES
		(x'018e4063a400700080000000000000a3', 1710468700000, '王强', 'request', 'r1', 'update',
		 x'01aac62cb721cd5e48cbf2e9fa9dcffa96429ac04a3a38a5deefe978b2abe7d99cf9eff774c26b123cb91c100000ffff');`,
	// 0017: a reply script with its first revision, a weekly check whose
	// sampled record failed and opened a 整改 item.
	`INSERT INTO comm_scripts (id, channel, topic, title, body, active, revision, updated_by, created_at, updated_at) VALUES
		('s1', '电话', 'greeting', '电话问候', '{联系人}您好', 1, 1, '王强', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	INSERT INTO comm_script_revisions (id, script_id, revision, channel, topic, title, body, active, note, changed_by, changed_at) VALUES
		('sr1', 's1', 1, '电话', 'greeting', '电话问候', '{联系人}您好', 1, '', '王强', '2024-03-15T02:00:00.000Z');
	INSERT INTO comm_checks (id, week, checker, seed, sizes, created_at, updated_at) VALUES
		('ck1', '2024-W11', '王强', 7, '{"电话":3}', '2024-03-16T02:00:00.000Z', '2024-03-16T02:00:00.000Z');
	INSERT INTO comm_check_items (id, check_id, position, record_id, request_id, channel, agent, scores, total, max_total,
		passed, scored_by, scored_at, created_at, updated_at) VALUES
		('ci1', 'ck1', 1, 'rec1', 'r1', '电话', '李娜', '[{"itemId":"chk-greeting","label":"问候语规范","max":5,"score":1}]', 1, 5,
		 0, '王强', '2024-03-16T03:00:00.000Z', '2024-03-16T02:00:00.000Z', '2024-03-16T03:00:00.000Z');
	INSERT INTO comm_rectifications (id, check_item_id, owner, due, problem, status, created_at, updated_at) VALUES
		('rc1', 'ci1', '李娜', '2024-03-20', '未使用问候语', 'open', '2024-03-16T03:00:00.000Z', '2024-03-16T03:00:00.000Z');`,
	// 0018: a complaint against a request, taken up, with its status kept
	// beside it (the complaints list reads it by the new index).
	`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at, owner, status, due) VALUES
		('cp1', 'r2', 'complaint', '{"receivedAt":"2024-03-15T02:00:00Z","channel":"电话","complainant":"张伟","cause":"timeliness","content":"答复太慢","status":"investigating","investigator":"王强","acceptedAt":"2024-03-15T02:30:00Z","findings":"","responsible":"","measures":"","answer":"","answeredBy":"","closingNote":""}',
		 '李娜', '2024-03-15T02:00:00.000Z', '2024-03-15T02:30:00.000Z', '王强', 'investigating', '');`,
	// 0019: a quarterly value assessment of a request (plan 004); the
	// measure rows written before it are made again with its fields.
	`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
		('va1', 'r2', 'value_assessment', '{"quarter":"2024Q1","repeatPurchase":true,"costSaved":5000,"improvement":"service","improvementNote":"简化开票流程","note":"","assessor":"王强","assessedAt":"2024-03-20T02:00:00Z"}',
		 '王强', '2024-03-20T02:00:00.000Z', '2024-03-20T02:00:00.000Z');`,
	// 0020: plan 004's communication diagnosis issued (the reports table
	// remade to take the new kinds keeps the monthly report of 0005).
	`INSERT INTO reports (id, kind, period, department, version, texts, body, issued_at, issued_by, updated_at) VALUES
		('rp-diag', 'diagnosis', '2024-03', '', 1, '{"proposals":{},"problems":"","measures":"午间增设值班"}', '{"received":2}',
		 '2024-04-01T02:00:00.000Z', '王强', '2024-04-01T02:00:00.000Z');`,
	// 0021: an internal note naming a colleague, the colleague's read mark,
	// and the server's group robot with one event posted.
	`INSERT INTO request_notes (id, request_id, author, body, mentions, created_at, updated_at) VALUES
		('nt1', 'r1', '王强', '@李娜 客户要求周五前答复', '["李娜"]', '2024-03-16T02:00:00.000Z', '2024-03-16T02:00:00.000Z');
	INSERT INTO note_mentions (id, note_id, request_id, person, created_at) VALUES
		('nm1', 'nt1', 'r1', '李娜', '2024-03-16T02:00:00.000Z');
	INSERT INTO notification_marks (id, person, key, read_at, updated_at) VALUES
		('李娜' || char(31) || 'mention/nt1', '李娜', 'mention/nt1', '2024-03-16T03:00:00.000Z', '2024-03-16T03:00:00.000Z');
	INSERT INTO robot_config (id, kind, url, since, updated_at) VALUES
		('robot', 'wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', '2024-03-16T00:00:00.000Z', '2024-03-16T00:00:00.000Z');
	INSERT INTO robot_posts (key, posted_at, attempts, created_at) VALUES
		('mention/nt1', '2024-03-16T02:01:00.000Z', 1, '2024-03-16T02:01:00.000Z');`,
	// 0022: a link between the two requests, a team view and a personal one.
	`INSERT INTO request_links (id, from_id, to_id, kind, note, created_by, created_at, updated_at) VALUES
		('ln1', 'r2', 'r1', 'follows', '二期', '李娜', '2024-03-15T03:00:00.000Z', '2024-03-15T03:00:00.000Z');
	INSERT INTO team_views (id, name, query, columns, created_by, created_at, updated_at) VALUES
		('v1', '紧急队列', '{"urgencies":["urgent"]}', '["number","title"]', '王强', '2024-03-15T03:00:00.000Z', '2024-03-15T03:00:00.000Z');
	INSERT INTO my_views (id, owner, name, query, columns, created_at, updated_at) VALUES
		('v2', '李娜', '我的', '{}', '["number"]', '2024-03-15T03:00:00.000Z', '2024-03-15T03:00:00.000Z');`,
	// 0023: a log attached to a request, and a line of the classification
	// standard edited.
	`INSERT INTO request_attachments (id, request_id, file_name, mime, size, sha256, note, added_at, added_by, created_at, updated_at) VALUES
		('ra1', 'r1', 'print.log', 'text/plain; charset=utf-8', 4, '0f4636c78f65d3639ece5a064b5ae753e3408614a14fb18ab4d7540d2c248543', '打印日志',
		 '2024-03-15T02:00:00.000Z', '李娜', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	UPDATE classification_standard SET department = '客服部', version = 2 WHERE id = 'seed-class-02';`,
	// 0024: a logged call, read by the record measures from the new index.
	`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
		('cm24', 'r1', 'communication', '{"at":"2024-03-16T02:00:00Z","channel":"电话","with":"张伟","summary":"回访确认","nextStep":""}',
		 '李娜', '2024-03-16T02:00:00.000Z', '2024-03-16T02:00:00.000Z');`,
	// 0025: a step whose transition keeps its audit entry (the owner it
	// assigned besides the step).
	`INSERT INTO request_transitions (id, request_id, at, actor, action, from_status, to_status, comment, changes) VALUES
		('t25', 'r2', '2024-03-16T03:00:00.000Z', '王强', 'assign', 'triaged', 'assigned', '', '{"~fields.owner":["","李娜"]}');
	UPDATE requests SET status = 'assigned', owner = '李娜' WHERE id = 'r2';`,
	// 0026: a step with its id as the UUID's bytes and its time in Unix
	// milliseconds.
	`INSERT INTO request_transitions (id, request_id, at, actor, action, from_status, to_status, comment, changes) VALUES
		(x'018e4063a400700080000000000000e1', 'r2', 1710561600000, '王强', 'start', 'assigned', 'handling', '', '{}');
	UPDATE requests SET status = 'handling' WHERE id = 'r2';`,
	// 0027: a task with its owner, in the index of records by owner.
	`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at, owner, status, due) VALUES
		('tk27', 'r2', 'task', '{"title":"部署","owner":"王强","due":"2024-03-20","status":"todo","percent":0}',
		 '王强', '2024-03-16T04:00:00.000Z', '2024-03-16T04:00:00.000Z', '王强', 'todo', '2024-03-20');`,
	// 0028: a logged call with its times in Unix milliseconds.
	`INSERT INTO request_records (id, request_id, kind, body, created_by, created_at, updated_at) VALUES
		('cm28', 'r1', 'communication', '{"at":"2024-03-17T02:00:00Z","channel":"电话","with":"张伟","summary":"回访","nextStep":""}',
		 '李娜', 1710640800000, 1710640800000);`,
	// 0029: a record changed, counted by the triggers of record_changes.
	`UPDATE request_records SET body = json_set(body, '$.summary', '回访确认'), updated_at = 1710644400000 WHERE id = 'cm28';`,
	// 0030: a clock naming its request by the request's seq.
	`INSERT OR REPLACE INTO request_clocks (req, kind, start_at, due_at, done_at, allowance, clock) VALUES
		((SELECT seq FROM requests WHERE id = 'r2'), 'record', 1710467880000, 1710468180000, NULL, 300, '24x7');`,
	// 0031: a step naming its request by the request's seq.
	`INSERT INTO request_transitions (id, req, at, actor, action, from_status, to_status, comment, changes) VALUES
		(x'018e4063a400700080000000000000e2', (SELECT seq FROM requests WHERE id = 'r2'), 1710565200000, '王强', 'hold',
		 'handling', 'on_hold', '等客户资料', '{}');
	UPDATE requests SET status = 'on_hold', held_from = 'handling' WHERE id = 'r2';`,
	// 0032: a logged call naming its request by the request's seq.
	`INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at) VALUES
		('cm32', (SELECT seq FROM requests WHERE id = 'r1'), 'communication',
		 '{"at":"2024-03-17T03:00:00Z","channel":"微信","with":"张伟","summary":"发送资料","nextStep":""}',
		 '李娜', 1710644400000, 1710644400000);`,
	// 0033: nothing new is written; the measure rows are written anew.
	`SELECT 1;`,
	// 0034: a logged call with its body packed.
	`INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at) VALUES
		('cm34', (SELECT seq FROM requests WHERE id = 'r1'), 'communication',
		 record_pack('communication', '{"at":"2024-03-17T04:00:00Z","channel":"邮件","with":"张伟","summary":"寄送说明","nextStep":""}'),
		 '李娜', 1710648000000, 1710648000000);`,
	// 0035: nothing new is written; the measure rows are written anew.
	`SELECT 1;`,
	// 0036: a clock by the letters of its kind and calendar.
	`INSERT OR REPLACE INTO request_clocks (req, kind, start_at, due_at, done_at, allowance, clock) VALUES
		((SELECT seq FROM requests WHERE id = 'r2'), 'B', 1710467880000, 1710469680000, NULL, 1800, '');`,
	// 0037: a step by the codes of its action and statuses (resume: on
	// hold → handling).
	`INSERT INTO request_transitions (id, req, at, actor, action, from_status, to_status, comment, changes) VALUES
		(x'018e4063a400700080000000000000e3', (SELECT seq FROM requests WHERE id = 'r2'), 1710568800000, '王强', 'u',
		 'P', 'L', '资料已到', '{}');
	UPDATE requests SET status = 'handling', held_from = '' WHERE id = 'r2';`,
	// 0038: nothing new is written; the search index is written anew.
	`SELECT 1;`,
	// 0039: a task by its id's 16 bytes under a sub-requirement likewise,
	// depending on it.
	`INSERT INTO request_records (id, req, kind, parent_id, body, created_by, created_at, updated_at, owner, status) VALUES
		(x'018e4063a400700080000000000000c1', (SELECT seq FROM requests WHERE id = 'r2'), 'sub_requirement', NULL,
		 record_pack('sub_requirement', '{"title":"接口设计","owner":"王强","status":"open"}'), '李娜', 1710648060000, 1710648060000,
		 '王强', 'open'),
		(x'018e4063a400700080000000000000c2', (SELECT seq FROM requests WHERE id = 'r2'), 'task', x'018e4063a400700080000000000000c1',
		 record_pack('task', '{"title":"接口开发","owner":"王强","status":"todo","dependsOn":["018e4063-a400-7000-8000-0000000000c1"]}'),
		 '李娜', 1710648120000, 1710648120000, '王强', 'todo');
	INSERT INTO request_record_deps (record_id, depends_on) VALUES
		(x'018e4063a400700080000000000000c2', x'018e4063a400700080000000000000c1');`, // 0040: nothing new is written; the measure rows name their requests by
	// seq.
	`SELECT 1;`,
	// 0041: nothing new is written; the requests' creation entries refer
	// to the requests.
	`SELECT 1;`,
}

var countedTables = []string{"customers", "contacts", "requests", "audit_log", "drafts", "number_sequences",
	"request_transitions", "request_records", "people", "escalations", "documents", "document_signatures", "document_attachments",
	"reports", "accounts", "sessions", "sync_devices", "sync_applied", "sync_conflicts", "sync_client", "sync_outbox", "sync_inbox",
	"customer_duplicates", "customer_merges", "comm_scripts", "comm_script_revisions", "comm_checks", "comm_check_items",
	"comm_rectifications", "request_notes", "note_mentions", "notification_marks", "robot_config", "robot_posts",
	"request_links", "team_views", "my_views", "request_attachments", "classification_standard"}

// TestUpgrades builds a database at every earlier schema version, fills it,
// upgrades it to the current one, and checks that every row is still there
// and readable through the store.
func TestUpgrades(t *testing.T) {
	if got, want := len(fixtures), store.LatestSchema(); got < want {
		t.Fatalf("fixtures cover %d versions, the schema has %d: add a fixture for the new migration", got, want)
	}
	ctx := context.Background()
	for v := 1; v < store.LatestSchema(); v++ {
		t.Run(fmt.Sprintf("FromV%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "reqdesk.db")
			// Each version writes its rows with its own SQL, as the program
			// of that version did, and the next version upgrades them.
			var old *store.Store
			for step := 1; step <= v; step++ {
				var err error
				if old, err = store.OpenAtVersion(ctx, path, clock.NewFixed(now), step); err != nil {
					t.Fatal(err)
				}
				if err := old.Exec(ctx, fixtures[step-1]); err != nil {
					t.Fatalf("fixture %04d: %v", step, err)
				}
				if step < v {
					old.Close()
				}
			}
			// Only the backup made before the upgrade under test counts.
			if err := os.RemoveAll(store.BackupDir(path)); err != nil {
				t.Fatal(err)
			}
			before := map[string]int{}
			for _, table := range countedTables {
				if exists(t, path, table) {
					before[table] = count(t, path, table)
				}
			}
			old.Close()

			s, err := store.Open(ctx, path, clock.NewFixed(now))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			for table, n := range before {
				if got := count(t, path, table); got != n {
					t.Errorf("%s: %d rows after the upgrade, %d before", table, got, n)
				}
			}
			if err := s.EnsurePolicies(ctx); err != nil { // as every start-up does
				t.Fatal(err)
			}
			if got := count(t, path, "request_metrics"); got != 2 {
				t.Errorf("%d measure rows after the upgrade, want one per request", got)
			}
			if v < 3 && count(t, path, "request_clocks WHERE req = (SELECT seq FROM requests WHERE id = 'r2')") == 0 {
				t.Error("the open request has no clocks after the upgrade to time limits")
			}
			d, err := s.Request(ctx, "r1")
			if err != nil {
				t.Fatal(err)
			}
			if d.Request.Number != "XR-2024-001" || d.Customer.Name != "华信科技有限公司" || d.Contact == nil {
				t.Fatalf("request after upgrade = %+v", d.Request)
			}
			if d.Request.State.Path != request.PathShort {
				t.Errorf("path = %q, want short (from the type 技术咨询)", d.Request.State.Path)
			}
			page, err := s.ListRequests(ctx, request.Query{Search: "对接"})
			if err != nil || page.Total != 1 {
				t.Fatalf("search after upgrade: %d, %v", page.Total, err)
			}
			// The index of the requests already there gained their contacts.
			page, err = s.ListRequests(ctx, request.Query{Search: "张伟"})
			if err != nil || page.Total != 1 || page.Items[0].ID != "r1" {
				t.Fatalf("search of the contact after upgrade: %+v, %v", page, err)
			}
			// A single character, at the end of a run (0038) and inside one.
			for _, c := range []string{"案", "询"} {
				page, err = s.ListRequests(ctx, request.Query{Search: c})
				if err != nil || page.Total != 1 || page.Items[0].ID != "r1" {
					t.Fatalf("search of %s after upgrade: %+v, %v", c, page, err)
				}
			}
			backups, _ := os.ReadDir(store.BackupDir(path))
			if len(backups) != 1 || !strings.Contains(backups[0].Name(), "premigrate-v") {
				t.Fatalf("backups before the upgrade = %v", backups)
			}
			if v >= 4 {
				checkAttachmentFiles(t, s, path, v)
			}
			// New writes work on the upgraded database.
			f := d.Request.Fields
			f.Title = "咨询系统对接方案（升级后）"
			if _, err := command.Run(ctx, command.New(s), command.UpdateRequest{ID: "r1", Version: d.Request.Version, Fields: f}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// checkAttachmentFiles checks that the upgrade moved the attachments'
// contents out of the database into files named by their hash, and left in
// the database only the content that does not match its hash.
func checkAttachmentFiles(t *testing.T, s *store.Store, path string, v int) {
	t.Helper()
	ctx := context.Background()
	want := map[string][]byte{"f1": {0x89, 'P', 'N', 'G'}}
	if v >= 7 {
		want["f2"] = []byte("%PDF-1.4\n")
	}
	for id, content := range want {
		a, data, err := s.DocumentAttachment(ctx, id)
		if err != nil || !bytes.Equal(data, content) {
			t.Fatalf("attachment %s after the upgrade = %q, %v", id, data, err)
		}
		sum := sha256.Sum256(content)
		if got, want := a.SHA256, hex.EncodeToString(sum[:]); got != want {
			t.Fatalf("attachment %s hash = %s, want %s", id, got, want)
		}
		file := filepath.Join(filepath.Dir(path), "attachments", a.SHA256[:2], a.SHA256)
		if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, content) {
			t.Fatalf("file %s = %q, %v", file, got, err)
		}
	}
	if got := count(t, path, "attachment_blobs WHERE sha256 = 'cd'"); got != 1 {
		t.Errorf("the damaged content is not kept: %d rows", got)
	}
	if got := count(t, path, "attachment_blobs"); got != 1 {
		t.Errorf("%d contents left in the database, want only the damaged one", got)
	}
	if _, _, err := s.DocumentAttachment(ctx, "f0"); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("the damaged attachment reads: %v", err)
	}
}

func exists(t *testing.T, path, table string) bool {
	t.Helper()
	return count(t, path, "sqlite_master WHERE type = 'table' AND name = '"+table+"'") == 1
}

// TestRecordIndexBackfill upgrades a database of schema 9 holding tasks
// and sub-requirements, one of them damaged, and checks that the Go step of
// 0010 filled the columns kept of their bodies from the bodies.
func TestRecordIndexBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "reqdesk.db")
	for step := 1; step <= 9; step++ {
		old, err := store.OpenAtVersion(ctx, path, clock.NewFixed(now), step)
		if err != nil {
			t.Fatal(err)
		}
		if err := old.Exec(ctx, fixtures[step-1]); err != nil {
			t.Fatalf("fixture %04d: %v", step, err)
		}
		if step == 9 {
			err = old.Exec(ctx, `INSERT INTO request_records (id, request_id, kind, parent_id, body, created_by, created_at, updated_at) VALUES
				('t1', 'r2', 'task', NULL, '{"title":"接口开发","owner":"王强","status":"doing","due":"2024-04-01"}', '李娜', '2024-03-15T03:00:00.000Z', '2024-03-15T03:00:00.000Z'),
				('t2', 'r2', 'task', NULL, '{"title":"联调","owner":"王强","status":"todo","dependsOn":["t1","t1"],"later":"kept"}', '李娜', '2024-03-15T03:01:00.000Z', '2024-03-15T03:01:00.000Z'),
				('s1', 'r2', 'sub_requirement', NULL, '{"title":"设计","owner":"赵磊","status":"open","milestone":"2024-03-30"}', '李娜', '2024-03-15T03:02:00.000Z', '2024-03-15T03:02:00.000Z'),
				('bad', 'r2', 'task', NULL, '{"title":"坏记录","owner":7}', '李娜', '2024-03-15T03:03:00.000Z', '2024-03-15T03:03:00.000Z')`)
			if err != nil {
				t.Fatal(err)
			}
		}
		old.Close()
	}
	s, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range []struct {
		name, where string
		want        int
	}{
		{"task1", "request_records WHERE id = 't1' AND owner = '王强' AND status = 'doing' AND due = '2024-04-01'", 1},
		{"task2", "request_records WHERE id = 't2' AND owner = '王强' AND status = 'todo' AND due = ''", 1},
		{"sub", "request_records WHERE id = 's1' AND owner = '赵磊' AND status = 'open' AND due = '2024-03-30'", 1},
		{"damaged", "request_records WHERE id = 'bad' AND owner = '' AND status = ''", 1},
		{"deps", "request_record_deps WHERE record_id = 't2' AND depends_on = 't1'", 1},
		{"allDeps", "request_record_deps", 1},
		// The step reads; it rewrites no body.
		{"bodyKept", "request_records WHERE id = 't2' AND record_json(body) LIKE '%later%'", 1},
	} {
		if got := count(t, path, tt.where); got != tt.want {
			t.Errorf("%s: %d rows, want %d", tt.name, got, tt.want)
		}
	}
}
