-- A step's audit entry is kept with its transition (internal/audit step.go,
-- Tx.AuditStep). Every step wrote its transition and an audit entry that
-- said the same again (status before and after, the step, its comment):
-- 763k entries, 140 MB of the 100k data set, a fifth of a request's bytes
-- outside its records. changes holds what else the step changed, in the
-- audit log's stored form (audit.Storable; '{}' when nothing else); NULL
-- for a transition that stands for no entry (an import's) or whose entry
-- stays in audit_log (one written before this that does not match it
-- exactly, or one made by another actor). entry_pos is where the entry
-- stands among this machine's audit log, in the order History shows it:
-- 2 × the seq of the last entry written before it, plus one (so between
-- that entry and the next); NULL where not known (History then places it
-- by its time). It stays on each machine, as seq does. The Go step moves
-- the matching entries of earlier versions here.
ALTER TABLE request_transitions ADD COLUMN changes BLOB;
ALTER TABLE request_transitions ADD COLUMN entry_pos INTEGER;
