package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/request"
)

// The store keeps the registered versions of documents with their PDFs,
// signatures and scans; internal/command renders and registers them.

const documentColumns = `d.id, coalesce(d.request_id, ''), coalesce(r.number, ''), d.type, d.version, d.doc_number, d.status,
	d.sha256, d.size, d.pages, coalesce(d.based_on, ''), d.generated_at, d.generated_by, d.created_at, d.updated_at, d.version_row,
	d.version = (SELECT max(x.version) FROM documents x WHERE x.type = d.type AND x.request_id IS d.request_id)`

const documentFrom = ` FROM documents d LEFT JOIN requests r ON r.id = d.request_id`

func scanDocument(sc interface{ Scan(...any) error }) (document.Document, error) {
	var d document.Document
	var generated, created, updated string
	err := sc.Scan(&d.ID, &d.RequestID, &d.RequestNumber, &d.Type, &d.Version, &d.DocNumber, &d.Status, &d.SHA256, &d.Size,
		&d.Pages, &d.BasedOn, &generated, &d.GeneratedBy, &created, &updated, &d.RowVersion, &d.Latest)
	d.GeneratedAt, d.CreatedAt, d.UpdatedAt = parseTS(generated), parseTS(created), parseTS(updated)
	if info, ok := document.Info(d.Type); ok {
		d.Title = info.Title
	}
	d.StatusName = d.Status.Name()
	d.Signatures, d.Attachments = []document.Signature{}, []document.Attachment{}
	return d, err
}

// document reads one document's registry entry with its signatures and
// attachments (without their bytes).
func (s *Store) document(ctx context.Context, q queryer, id string) (document.Document, error) {
	d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+documentFrom+` WHERE d.id = ?`, id))
	if err == sql.ErrNoRows {
		return d, notFound("document")
	}
	if err != nil {
		return d, err
	}
	if d.Signatures, err = s.signatures(ctx, q, id, false); err != nil {
		return d, err
	}
	d.Attachments, err = s.attachments(ctx, q, id)
	return d, err
}

// signatures reads a document's signatures, with the images when withPNG.
func (s *Store) signatures(ctx context.Context, q queryer, documentID string, withPNG bool) ([]document.Signature, error) {
	rows, err := q.QueryContext(ctx, `SELECT role, signer, signer_title, signed_at, png FROM document_signatures
		WHERE document_id = ? ORDER BY role DESC`, documentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []document.Signature{}
	for rows.Next() {
		var sg document.Signature
		var at string
		var img []byte
		if err := rows.Scan(&sg.Role, &sg.Signer, &sg.SignerTitle, &at, &img); err != nil {
			return nil, err
		}
		sg.SignedAt = parseTS(at)
		if withPNG {
			sg.PNG = img
		}
		out = append(out, sg)
	}
	return out, rows.Err()
}

func (s *Store) attachments(ctx context.Context, q queryer, documentID string) ([]document.Attachment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, document_id, file_name, mime, size, sha256, added_at, added_by
		FROM document_attachments WHERE document_id = ? ORDER BY added_at, id`, documentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []document.Attachment{}
	for rows.Next() {
		var a document.Attachment
		var at string
		if err := rows.Scan(&a.ID, &a.DocumentID, &a.FileName, &a.Mime, &a.Size, &a.SHA256, &at, &a.AddedBy); err != nil {
			return nil, err
		}
		a.AddedAt = parseTS(at)
		a.FileName = document.AttachmentName(a.FileName, a.Mime)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Documents lists the documents of a request, newest version first within
// each type, without their PDFs; an empty requestID lists the printed
// request lists.
func (s *Store) Documents(ctx context.Context, requestID string) ([]document.Document, error) {
	var where string
	var args []any
	if requestID == "" {
		where = `d.request_id IS NULL`
	} else {
		if _, _, err := s.request(ctx, s.read, requestID); err != nil {
			return nil, err
		}
		where, args = `d.request_id = ?`, []any{requestID}
	}
	ids, err := queryIDs(ctx, s.read, `SELECT d.id FROM documents d WHERE `+where+` ORDER BY d.type, d.version DESC`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]document.Document, 0, len(ids))
	for _, id := range ids {
		d, err := s.document(ctx, s.read, id)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	// Process order of the types, as the UI lists them.
	order := map[document.Type]int{}
	for i, ti := range document.Types() {
		order[ti.Type] = i
	}
	sort.SliceStable(out, func(i, j int) bool {
		if order[out[i].Type] != order[out[j].Type] {
			return order[out[i].Type] < order[out[j].Type]
		}
		return out[i].Version > out[j].Version
	})
	return out, nil
}

// Document returns one document's registry entry.
func (s *Store) Document(ctx context.Context, id string) (document.Document, error) {
	return s.document(ctx, s.read, id)
}

// DocumentPDF returns the PDF of one document version, exactly as it was
// generated.
func (s *Store) DocumentPDF(ctx context.Context, id string) ([]byte, error) {
	var data []byte
	err := s.read.QueryRowContext(ctx, `SELECT pdf FROM documents WHERE id = ?`, id).Scan(&data)
	if err == sql.ErrNoRows {
		return nil, notFound("document")
	}
	return data, err
}

// DocumentAttachment returns an attachment with its bytes, read from its
// file and checked against its hash.
func (s *Store) DocumentAttachment(ctx context.Context, id string) (document.Attachment, []byte, error) {
	var a document.Attachment
	var at string
	err := s.read.QueryRowContext(ctx, `SELECT id, document_id, file_name, mime, size, sha256, added_at, added_by
		FROM document_attachments WHERE id = ?`, id).Scan(&a.ID, &a.DocumentID, &a.FileName, &a.Mime, &a.Size, &a.SHA256, &at, &a.AddedBy)
	if err == sql.ErrNoRows {
		return a, nil, notFound("file")
	}
	if err != nil {
		return a, nil, err
	}
	a.AddedAt = parseTS(at)
	a.FileName = document.AttachmentName(a.FileName, a.Mime)
	data, err := s.attachmentBytes(a)
	return a, data, err
}

// RequestIDByNumber finds a request by its number (XR-2024-001).
func (s *Store) RequestIDByNumber(ctx context.Context, number string) (string, error) {
	var id string
	err := s.read.QueryRowContext(ctx, `SELECT id FROM requests WHERE number = ?`, strings.TrimSpace(number)).Scan(&id)
	if err == sql.ErrNoRows {
		return "", apperr.New(apperr.NotFound, "request_number_unknown", apperr.P{"number": number})
	}
	return id, err
}

// RequestContent is what a request's documents are rendered from, as it is
// stored now.
type RequestContent struct {
	Request     request.Request
	Customer    customer.Customer
	Contact     *customer.Contact
	Records     []request.Record
	Transitions []request.Transition
}

// RequestContent loads a request with its customer, contact, records and
// transitions, for a document.
func (t *Tx) RequestContent(ctx context.Context, requestID string) (RequestContent, error) {
	var c RequestContent
	var err error
	if c.Request, _, err = t.s.request(ctx, t, requestID); err != nil {
		return c, err
	}
	if c.Customer, err = t.s.customer(ctx, t, c.Request.Fields.CustomerID); err != nil {
		return c, err
	}
	if c.Request.Fields.ContactID != "" {
		k, err := t.s.contact(ctx, t, c.Request.Fields.ContactID)
		if err != nil {
			return c, err
		}
		c.Contact = &k
	}
	if c.Records, err = t.s.records(ctx, t, requestID); err != nil {
		return c, err
	}
	c.Transitions, err = t.s.transitions(ctx, t, requestID)
	return c, err
}

// Letterhead loads the company's name and logo that head the documents.
func (t *Tx) Letterhead(ctx context.Context) (name string, logo []byte, err error) {
	st, err := t.s.settings(ctx, t)
	if err != nil {
		return "", nil, err
	}
	logo, err = t.s.companyLogo(ctx, t)
	return st.CompanyName, logo, err
}

// CustomerName names a customer, for the header of a printed list.
func (t *Tx) CustomerName(ctx context.Context, id string) (string, error) {
	c, err := t.s.customer(ctx, t, id)
	return c.Name, err
}

// ListRequests reads a page of the request list as ListRequests does, for
// a printed list. It reads what is committed: a list is read before the
// change that registers it writes anything.
func (t *Tx) ListRequests(ctx context.Context, q request.Query) (request.Page, error) {
	return t.s.ListRequests(ctx, q)
}

// NextDocumentVersion is the next version number of a request's documents
// of type typ ("" for the printed lists).
func (t *Tx) NextDocumentVersion(ctx context.Context, requestID string, typ document.Type) (int, error) {
	var v int
	err := t.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM documents WHERE request_id IS ? AND type = ?`,
		nullable(requestID), typ).Scan(&v)
	return v, err
}

// LatestDocument returns the id of the newest version of a request's
// document of type typ, and false when it has none.
func (t *Tx) LatestDocument(ctx context.Context, requestID string, typ document.Type) (string, bool, error) {
	ids, err := queryIDs(ctx, t, `SELECT id FROM documents WHERE request_id = ? AND type = ? ORDER BY version DESC LIMIT 1`, requestID, typ)
	if err != nil || len(ids) == 0 {
		return "", false, err
	}
	return ids[0], true, nil
}

// Document loads one version's registry entry for a change.
func (t *Tx) Document(ctx context.Context, id string) (document.Document, error) {
	return t.s.document(ctx, t, id)
}

// DocumentSource loads what a version was rendered from, as registered.
func (t *Tx) DocumentSource(ctx context.Context, id string) (json.RawMessage, error) {
	var source string
	err := t.QueryRowContext(ctx, `SELECT source FROM documents WHERE id = ?`, id).Scan(&source)
	if err == sql.ErrNoRows {
		return nil, notFound("document")
	}
	return json.RawMessage(source), err
}

// Signatures loads a version's signatures with their images.
func (t *Tx) Signatures(ctx context.Context, documentID string) ([]document.Signature, error) {
	return t.s.signatures(ctx, t, documentID, true)
}

// AttachmentBytes reads an attachment's file, checked against its hash.
func (t *Tx) AttachmentBytes(a document.Attachment) ([]byte, error) { return t.s.attachmentBytes(a) }

// NewDocument is a rendered version to register: what identifies it, its
// PDF, the source it was rendered from (JSON) and the signatures drawn
// into it.
type NewDocument struct {
	RequestID   string // "" for a printed list
	Type        document.Type
	Version     int
	DocNumber   string
	Status      document.Status
	BasedOn     string // the version a signed copy was made from
	PDF         []byte
	Pages       int
	Source      json.RawMessage
	GeneratedAt time.Time
	GeneratedBy string
	Signatures  []document.Signature
}

// InsertDocument registers a rendered version with its signatures.
func (t *Tx) InsertDocument(ctx context.Context, n NewDocument) (document.Document, error) {
	sum := sha256.Sum256(n.PDF)
	id, now := t.NewID(), t.s.ts(t.now)
	if _, err := t.ExecContext(ctx, `INSERT INTO documents (id, request_id, type, version, doc_number, based_on, status,
		sha256, size, pages, pdf, source, generated_at, generated_by, created_at, updated_at, version_row)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		id, nullable(n.RequestID), n.Type, n.Version, n.DocNumber, nullable(n.BasedOn), n.Status, hex.EncodeToString(sum[:]),
		len(n.PDF), n.Pages, n.PDF, string(n.Source), t.s.ts(n.GeneratedAt), n.GeneratedBy, now, now); err != nil {
		return document.Document{}, err
	}
	for _, sg := range n.Signatures {
		if _, err := t.ExecContext(ctx, `INSERT INTO document_signatures (id, document_id, role, signer, signer_title, signed_at, png)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, t.NewID(), id, sg.Role, sg.Signer, sg.SignerTitle, t.s.ts(sg.SignedAt), sg.PNG); err != nil {
			return document.Document{}, err
		}
	}
	return t.s.document(ctx, t, id)
}

// SetDocumentStatus saves a version's status, from the row version the
// change read; a version changed since is refused as stale.
func (t *Tx) SetDocumentStatus(ctx context.Context, id string, rowVersion int64, st document.Status) error {
	res, err := t.ExecContext(ctx, `UPDATE documents SET status = ?, updated_at = ?, version_row = version_row + 1
		WHERE id = ? AND version_row = ?`, st, t.s.ts(t.now), id, rowVersion)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err == nil {
			err = stale("document")
		}
		return err
	}
	return nil
}

// TouchDocument marks a version changed (a scan added to it).
func (t *Tx) TouchDocument(ctx context.Context, id string) error {
	_, err := t.ExecContext(ctx, `UPDATE documents SET updated_at = ?, version_row = version_row + 1 WHERE id = ?`,
		t.s.ts(t.now), id)
	return err
}

// InsertAttachment keeps a checked scan's file (before the row that refers
// to it is committed) and registers it with a version.
func (t *Tx) InsertAttachment(ctx context.Context, documentID string, in document.AttachmentInput) (document.Attachment, error) {
	actor, err := t.Actor(ctx)
	if err != nil {
		return document.Attachment{}, err
	}
	sum, err := t.s.files.Put(in.Bytes)
	if err != nil {
		return document.Attachment{}, fmt.Errorf("keep attachment file in %s: %w", t.s.files.Root(), err)
	}
	now := t.s.ts(t.now)
	a := document.Attachment{ID: t.NewID(), DocumentID: documentID, FileName: in.FileName, Mime: in.Mime,
		Size: int64(len(in.Bytes)), SHA256: sum, AddedAt: parseTS(now), AddedBy: actor}
	_, err = t.ExecContext(ctx, `INSERT INTO document_attachments (id, document_id, file_name, mime, size, sha256, added_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, documentID, a.FileName, a.Mime, a.Size, a.SHA256, now, actor)
	return a, err
}

// RefreshClocks brings a request's derived rows (its clocks) up to date
// after a change of its records.
func (t *Tx) RefreshClocks(ctx context.Context, requestID string) error {
	return t.s.refreshClocks(ctx, t, requestID)
}
