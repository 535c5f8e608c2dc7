-- The record measures of plan 004 (话术适配率, 抽检合格率, 整改率: store.RecordValues)
-- read a period's customer-facing records, the weekly checks' scored items,
-- their rectifications and the scripts' revisions: about 40 ms a period at
-- 100k requests, twice per dashboard, after every change committed. The
-- store keeps a period's values while record_changes.seq stays the same:
-- these triggers count every write to what the measures read (and a
-- request deleted, which takes its check items out of them), so a change
-- to anything else (a request's fields, a step, a setting) leaves them kept.
CREATE TABLE record_changes (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT INTO record_changes (id, seq) VALUES (1, 0);
CREATE TRIGGER record_changes_records_insert AFTER INSERT ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_records_update AFTER UPDATE ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_records_delete AFTER DELETE ON request_records BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_check_items_insert AFTER INSERT ON comm_check_items BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_check_items_update AFTER UPDATE ON comm_check_items BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_check_items_delete AFTER DELETE ON comm_check_items BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_rectifications_insert AFTER INSERT ON comm_rectifications BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_rectifications_update AFTER UPDATE ON comm_rectifications BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_rectifications_delete AFTER DELETE ON comm_rectifications BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_revisions_insert AFTER INSERT ON comm_script_revisions BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_revisions_update AFTER UPDATE ON comm_script_revisions BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_revisions_delete AFTER DELETE ON comm_script_revisions BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
CREATE TRIGGER record_changes_requests_delete AFTER DELETE ON requests BEGIN
    UPDATE record_changes SET seq = seq + 1 WHERE id = 1;
END;
