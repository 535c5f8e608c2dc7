-- Attachments move out of the database into files kept by content hash
-- under the data directory's attachments folder (see internal/blobs).
-- document_attachments loses its bytes column; the bytes wait in
-- attachment_blobs, keyed by their hash, until the program writes them
-- out as files at its next start and deletes the rows. Backups fill
-- attachment_blobs again with the files their rows refer to, so that a
-- backup is one self-contained database file.
CREATE TABLE attachment_blobs (
    sha256 TEXT PRIMARY KEY,
    bytes  BLOB NOT NULL
);

INSERT OR IGNORE INTO attachment_blobs (sha256, bytes)
    SELECT sha256, bytes FROM document_attachments ORDER BY added_at, id;

CREATE TABLE document_attachments_new (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
);

INSERT INTO document_attachments_new (id, document_id, file_name, mime, size, sha256, added_at, added_by)
    SELECT id, document_id, file_name, mime, size, sha256, added_at, added_by FROM document_attachments;

DROP TABLE document_attachments;
ALTER TABLE document_attachments_new RENAME TO document_attachments;
CREATE INDEX document_attachments_document ON document_attachments (document_id, added_at);
CREATE INDEX document_attachments_sha256 ON document_attachments (sha256);
