-- Complaints (办法 003) are stage records of kind 'complaint' whose status
-- (registered, investigating, answered, closed) is kept in the records'
-- status column like a task's. The complaints list and the recomputation of
-- clocks after a policy change (a complaint's clocks run on after its
-- request closed) read them by this index, whatever the number of records.
CREATE INDEX request_records_complaints ON request_records (status, created_at) WHERE kind = 'complaint';
