-- Generated documents (internal/pdf): every rendering is registered as a
-- version, with the PDF, its hash, and the source it was rendered from, so a
-- copy signed on screen re-renders exactly what was generated. Versions
-- count per request and type; old ones stay readable. The request list
-- (registration_list) belongs to no request.

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,
    request_id   TEXT REFERENCES requests (id),
    type         TEXT NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    doc_number   TEXT NOT NULL UNIQUE,
    based_on     TEXT REFERENCES documents (id),
    status       TEXT NOT NULL CHECK (status IN ('generated', 'signed_on_screen', 'signed_on_paper')),
    sha256       TEXT NOT NULL,
    size         INTEGER NOT NULL,
    pages        INTEGER NOT NULL,
    pdf          BLOB NOT NULL,
    source       TEXT NOT NULL CHECK (json_valid(source)),
    generated_at TEXT NOT NULL,
    generated_by TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version_row  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (request_id, type, version)
);
CREATE INDEX documents_request ON documents (request_id, type, version);

-- Signatures drawn on screen: each signed version carries all the
-- signatures it shows, one per side.
CREATE TABLE document_signatures (
    id           TEXT PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents (id),
    role         TEXT NOT NULL CHECK (role IN ('customer', 'company')),
    signer       TEXT NOT NULL,
    signer_title TEXT NOT NULL DEFAULT '',
    signed_at    TEXT NOT NULL,
    png          BLOB NOT NULL,
    UNIQUE (document_id, role)
);

-- Scans or photos of a document's signed paper copy.
CREATE TABLE document_attachments (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    file_name   TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
);
CREATE INDEX document_attachments_document ON document_attachments (document_id, added_at);
