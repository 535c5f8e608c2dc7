package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // scans of paper copies
	"image/png"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Limits on what documents accept.
const (
	// MaxSignaturePNG is the largest signature image accepted, in bytes.
	MaxSignaturePNG = 1 << 20
	// MaxAttachment is the largest scan or photo accepted, in bytes.
	MaxAttachment = 10 << 20
	// MaxListRows is the most requests one printed list holds.
	MaxListRows   = 2000
	maxSignerName = 50
)

// archiveParts are the documents the archive bundles, in process order.
var archiveParts = []pdf.Type{pdf.TypeRegistration, pdf.TypeAnalysisLetter, pdf.TypePlanBook, pdf.TypePlanLetter,
	pdf.TypeResultNote, pdf.TypeAcceptance, pdf.TypeSurvey}

const documentColumns = `d.id, coalesce(d.request_id, ''), coalesce(r.number, ''), d.type, d.version, d.doc_number, d.status,
	d.sha256, d.size, d.pages, coalesce(d.based_on, ''), d.generated_at, d.generated_by, d.created_at, d.updated_at, d.version_row,
	d.version = (SELECT max(x.version) FROM documents x WHERE x.type = d.type AND x.request_id IS d.request_id)`

const documentFrom = ` FROM documents d LEFT JOIN requests r ON r.id = d.request_id`

func scanDocument(sc interface{ Scan(...any) error }) (pdf.Document, error) {
	var d pdf.Document
	var generated, created, updated string
	err := sc.Scan(&d.ID, &d.RequestID, &d.RequestNumber, &d.Type, &d.Version, &d.DocNumber, &d.Status, &d.SHA256, &d.Size,
		&d.Pages, &d.BasedOn, &generated, &d.GeneratedBy, &created, &updated, &d.RowVersion, &d.Latest)
	d.GeneratedAt, d.CreatedAt, d.UpdatedAt = parseTS(generated), parseTS(created), parseTS(updated)
	if info, ok := pdf.Info(d.Type); ok {
		d.Title = info.Title
	}
	d.StatusName = d.Status.Name()
	d.Signatures, d.Attachments = []pdf.Signature{}, []pdf.Attachment{}
	return d, err
}

// document reads one document's registry entry with its signatures and
// attachments (without their bytes).
func (s *Store) document(ctx context.Context, q queryer, id string) (pdf.Document, error) {
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
func (s *Store) signatures(ctx context.Context, q queryer, documentID string, withPNG bool) ([]pdf.Signature, error) {
	rows, err := q.QueryContext(ctx, `SELECT role, signer, signer_title, signed_at, png FROM document_signatures
		WHERE document_id = ? ORDER BY role DESC`, documentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []pdf.Signature{}
	for rows.Next() {
		var sg pdf.Signature
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

func (s *Store) attachments(ctx context.Context, q queryer, documentID string) ([]pdf.Attachment, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, document_id, file_name, mime, size, sha256, added_at, added_by
		FROM document_attachments WHERE document_id = ? ORDER BY added_at, id`, documentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []pdf.Attachment{}
	for rows.Next() {
		var a pdf.Attachment
		var at string
		if err := rows.Scan(&a.ID, &a.DocumentID, &a.FileName, &a.Mime, &a.Size, &a.SHA256, &at, &a.AddedBy); err != nil {
			return nil, err
		}
		a.AddedAt = parseTS(at)
		a.FileName = attachmentName(a.FileName, a.Mime)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Documents lists the documents of a request, newest version first within
// each type, without their PDFs; an empty requestID lists the printed
// request lists.
func (s *Store) Documents(ctx context.Context, requestID string) ([]pdf.Document, error) {
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
	out := make([]pdf.Document, 0, len(ids))
	for _, id := range ids {
		d, err := s.document(ctx, s.read, id)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	// Process order of the types, as the UI lists them.
	order := map[pdf.Type]int{}
	for i, ti := range pdf.Types() {
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
func (s *Store) Document(ctx context.Context, id string) (pdf.Document, error) {
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
func (s *Store) DocumentAttachment(ctx context.Context, id string) (pdf.Attachment, []byte, error) {
	var a pdf.Attachment
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
	a.FileName = attachmentName(a.FileName, a.Mime)
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

// source gathers what a request's documents are rendered from.
func (s *Store) source(ctx context.Context, tx *Tx, requestID string) (*pdf.Source, error) {
	r, _, err := s.request(ctx, tx, requestID)
	if err != nil {
		return nil, err
	}
	src := &pdf.Source{Request: r}
	if src.Customer, err = s.customer(ctx, tx, r.Fields.CustomerID); err != nil {
		return nil, err
	}
	if r.Fields.ContactID != "" {
		k, err := s.contact(ctx, tx, r.Fields.ContactID)
		if err != nil {
			return nil, err
		}
		src.Contact = &k
	}
	if src.Records, err = s.records(ctx, tx, requestID); err != nil {
		return nil, err
	}
	if src.Transitions, err = s.transitions(ctx, tx, requestID); err != nil {
		return nil, err
	}
	st, err := s.settings(ctx, tx)
	if err != nil {
		return nil, err
	}
	logo, err := s.companyLogo(ctx, tx)
	if err != nil {
		return nil, err
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return nil, err
	}
	src.Company = pdf.Company{Name: st.CompanyName, Logo: logo, Zone: zone.String()}
	return src, nil
}

// nextDocVersion is the next version number of a request's documents of type t.
func nextDocVersion(ctx context.Context, tx *Tx, requestID string, t pdf.Type) (int, error) {
	var v int
	err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) + 1 FROM documents WHERE request_id IS ? AND type = ?`,
		nullable(requestID), t).Scan(&v)
	return v, err
}

// GenerateDocument renders a request's document of type t from the request
// as it is now and registers it as the type's next version. The archive
// bundles the latest version of every document the request has, generating
// first those it can have but does not yet.
func (s *Store) GenerateDocument(ctx context.Context, requestID string, t pdf.Type) (pdf.Document, error) {
	var d pdf.Document
	info, ok := pdf.Info(t)
	if !ok || !info.PerRequest {
		return d, apperr.New(apperr.Invalid, "document_type_unknown", apperr.P{"type": string(t)})
	}
	err := s.tx(ctx, func(tx *Tx) error {
		var id string
		var err error
		if t == pdf.TypeArchive {
			id, err = s.generateArchive(ctx, tx, requestID)
		} else {
			id, err = s.generate(ctx, tx, requestID, t)
		}
		if err != nil {
			return err
		}
		d, err = s.document(ctx, tx, id)
		return err
	})
	return d, err
}

// generate renders and registers one document of a request.
func (s *Store) generate(ctx context.Context, tx *Tx, requestID string, t pdf.Type) (string, error) {
	src, err := s.source(ctx, tx, requestID)
	if err != nil {
		return "", err
	}
	if err := pdf.Check(t, src); err != nil {
		return "", err
	}
	m, err := s.newMeta(ctx, tx, requestID, src.Request.Number, t)
	if err != nil {
		return "", err
	}
	out, err := pdf.Render(src, m)
	if err != nil {
		return "", err
	}
	return s.insertDocument(ctx, tx, requestID, m, pdf.StatusGenerated, "", src, out)
}

// newMeta numbers the next version of a document.
func (s *Store) newMeta(ctx context.Context, tx *Tx, requestID, number string, t pdf.Type) (pdf.Meta, error) {
	info, _ := pdf.Info(t)
	v, err := nextDocVersion(ctx, tx, requestID, t)
	if err != nil {
		return pdf.Meta{}, err
	}
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return pdf.Meta{}, err
	}
	now := tx.Now()
	// A request's documents are numbered after it (XR-2024-001-FX-V2); a
	// printed list after its type and day, its version counting all lists.
	docNumber := fmt.Sprintf("%s-%s-V%d", number, info.Code, v)
	if number == "" {
		zone, err := tx.Zone(ctx)
		if err != nil {
			return pdf.Meta{}, err
		}
		docNumber = fmt.Sprintf("%s-%s-V%d", info.Code, now.In(zone).Format("20060102"), v)
	}
	return pdf.Meta{Type: t, DocNumber: docNumber, Version: v, GeneratedAt: now, GeneratedBy: actor}, nil
}

// insertDocument registers a rendered version, its signatures, and the
// audit entry.
func (s *Store) insertDocument(ctx context.Context, tx *Tx, requestID string, m pdf.Meta, status pdf.Status,
	basedOn string, src *pdf.Source, out pdf.Output) (string, error) {
	source, err := json.Marshal(src)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(out.PDF)
	id, now := tx.NewID(), s.ts(tx.Now())
	if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, request_id, type, version, doc_number, based_on, status,
		sha256, size, pages, pdf, source, generated_at, generated_by, created_at, updated_at, version_row)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		id, nullable(requestID), m.Type, m.Version, m.DocNumber, nullable(basedOn), status, hex.EncodeToString(sum[:]),
		len(out.PDF), out.Pages, out.PDF, string(source), s.ts(m.GeneratedAt), m.GeneratedBy, now, now); err != nil {
		return "", err
	}
	for _, sg := range m.Signatures {
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_signatures (id, document_id, role, signer, signer_title, signed_at, png)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, tx.NewID(), id, sg.Role, sg.Signer, sg.SignerTitle, s.ts(sg.SignedAt), sg.PNG); err != nil {
			return "", err
		}
	}
	d, err := s.document(ctx, tx, id)
	if err != nil {
		return "", err
	}
	return id, s.record(ctx, tx, audit.EntityDocument, auditTarget(d), audit.ActionCreate, nil, d)
}

// auditTarget files a document's audit entries under its request, so they
// show in the request's history; a request list's under itself.
func auditTarget(d pdf.Document) string {
	if d.RequestID != "" {
		return d.RequestID
	}
	return d.ID
}

// stored is a registered version as the archive and signing read it back.
type stored struct {
	doc    pdf.Document
	source *pdf.Source
	meta   pdf.Meta
}

// storedDocument reads a version with its source and signature images.
func (s *Store) storedDocument(ctx context.Context, tx *Tx, id string) (stored, error) {
	var st stored
	var err error
	if st.doc, err = s.document(ctx, tx, id); err != nil {
		return st, err
	}
	var source string
	if err := tx.QueryRowContext(ctx, `SELECT source FROM documents WHERE id = ?`, id).Scan(&source); err != nil {
		return st, err
	}
	st.source = &pdf.Source{}
	if err := json.Unmarshal([]byte(source), st.source); err != nil {
		return st, fmt.Errorf("document %s source: %w", id, err)
	}
	sigs, err := s.signatures(ctx, tx, id, true)
	if err != nil {
		return st, err
	}
	st.meta = pdf.Meta{Type: st.doc.Type, DocNumber: st.doc.DocNumber, Version: st.doc.Version,
		GeneratedAt: st.doc.GeneratedAt, GeneratedBy: st.doc.GeneratedBy, Signatures: sigs}
	return st, nil
}

// generateArchive registers the request's archive (see GenerateDocument).
func (s *Store) generateArchive(ctx context.Context, tx *Tx, requestID string) (string, error) {
	src, err := s.source(ctx, tx, requestID)
	if err != nil {
		return "", err
	}
	var parts []pdf.Part
	for _, t := range archiveParts {
		ids, err := queryIDs(ctx, tx, `SELECT id FROM documents WHERE request_id = ? AND type = ? ORDER BY version DESC LIMIT 1`, requestID, t)
		if err != nil {
			return "", err
		}
		var id string
		switch {
		case len(ids) > 0:
			id = ids[0]
		case pdf.Check(t, src) != nil:
			continue // the request never had what this document needs
		default:
			if id, err = s.generate(ctx, tx, requestID, t); err != nil {
				return "", err
			}
		}
		st, err := s.storedDocument(ctx, tx, id)
		if err != nil {
			return "", err
		}
		part := pdf.Part{Source: st.source, Meta: st.meta, Status: st.doc.Status}
		for _, a := range st.doc.Attachments {
			if a.Mime == "image/png" || a.Mime == "image/jpeg" {
				data, err := s.attachmentBytes(a)
				if err != nil {
					return "", err
				}
				part.Scans = append(part.Scans, pdf.AttachmentInput{FileName: a.FileName, Mime: a.Mime, Bytes: data})
			} else {
				part.Files = append(part.Files, a.FileName)
			}
		}
		parts = append(parts, part)
	}
	m, err := s.newMeta(ctx, tx, requestID, src.Request.Number, pdf.TypeArchive)
	if err != nil {
		return "", err
	}
	out, err := pdf.RenderArchive(src, m, parts)
	if err != nil {
		return "", err
	}
	return s.insertDocument(ctx, tx, requestID, m, pdf.StatusGenerated, "", src, out)
}

// GenerateList renders the 客户需求登记表 of the requests q selects (all of
// them, up to MaxListRows, in q's order) and registers it.
func (s *Store) GenerateList(ctx context.Context, q request.Query) (pdf.Document, error) {
	var d pdf.Document
	q.Offset, q.Limit = 0, request.MaxLimit
	var rows []request.Row
	for {
		page, err := s.ListRequests(ctx, q)
		if err != nil {
			return d, err
		}
		rows = append(rows, page.Items...)
		if len(page.Items) < q.Limit || len(rows) >= page.Total {
			break
		}
		if len(rows) >= MaxListRows {
			return d, apperr.New(apperr.Invalid, "document_list_too_long", apperr.P{"n": page.Total, "max": MaxListRows})
		}
		q.Offset += q.Limit
	}
	for i := range rows {
		rows[i].Clock = nil // not printed; keeps the stored source small
	}
	selection, err := s.describeQuery(ctx, q)
	if err != nil {
		return d, err
	}
	err = s.tx(ctx, func(tx *Tx) error {
		st, err := s.settings(ctx, tx)
		if err != nil {
			return err
		}
		logo, err := s.companyLogo(ctx, tx)
		if err != nil {
			return err
		}
		zone, err := tx.Zone(ctx)
		if err != nil {
			return err
		}
		src := &pdf.Source{Company: pdf.Company{Name: st.CompanyName, Logo: logo, Zone: zone.String()}, Rows: rows, Selection: selection}
		if err := pdf.Check(pdf.TypeRegistrationList, src); err != nil {
			return err
		}
		m, err := s.newMeta(ctx, tx, "", "", pdf.TypeRegistrationList)
		if err != nil {
			return err
		}
		out, err := pdf.Render(src, m)
		if err != nil {
			return err
		}
		id, err := s.insertDocument(ctx, tx, "", m, pdf.StatusGenerated, "", src, out)
		if err != nil {
			return err
		}
		d, err = s.document(ctx, tx, id)
		return err
	})
	return d, err
}

// describeQuery says in Chinese how a list was selected, for its header.
func (s *Store) describeQuery(ctx context.Context, q request.Query) (string, error) {
	var parts []string
	if q.Search != "" {
		parts = append(parts, "搜索“"+q.Search+"”")
	}
	if len(q.Statuses) > 0 {
		var v []string
		for _, st := range q.Statuses {
			v = append(v, st.Name())
		}
		parts = append(parts, "状态："+strings.Join(v, "、"))
	}
	if len(q.Urgencies) > 0 {
		var v []string
		for _, u := range q.Urgencies {
			v = append(v, pdf.UrgencyName(u))
		}
		parts = append(parts, "紧急程度："+strings.Join(v, "、"))
	}
	if len(q.Types) > 0 {
		parts = append(parts, "类型："+strings.Join(q.Types, "、"))
	}
	if len(q.Channels) > 0 {
		parts = append(parts, "渠道："+strings.Join(q.Channels, "、"))
	}
	if q.CustomerID != "" {
		c, err := s.customer(ctx, s.read, q.CustomerID)
		if err != nil {
			return "", err
		}
		parts = append(parts, "客户："+c.Name)
	}
	if q.Owner != "" {
		parts = append(parts, "负责人："+q.Owner)
	}
	switch {
	case q.ReceivedFrom != "" && q.ReceivedTo != "":
		parts = append(parts, "接收日期 "+q.ReceivedFrom+" 至 "+q.ReceivedTo)
	case q.ReceivedFrom != "":
		parts = append(parts, "接收日期 "+q.ReceivedFrom+" 起")
	case q.ReceivedTo != "":
		parts = append(parts, "接收日期至 "+q.ReceivedTo)
	}
	if len(parts) == 0 {
		return "全部需求", nil
	}
	return strings.Join(parts, "；"), nil
}

// lockDocument reads a version for a change, checking the row version the
// caller read.
func (s *Store) lockDocument(ctx context.Context, tx *Tx, id string, rowVersion int64) (pdf.Document, error) {
	d, err := s.document(ctx, tx, id)
	if err != nil {
		return d, err
	}
	if d.RowVersion != rowVersion {
		return d, stale("document")
	}
	return d, nil
}

// SignDocument draws a signature made on the signature pad into the latest
// version of a document: the same content is rendered again with the
// signature (and those already given) in its block, and registered as a new
// version signed on screen. The version signed stays as it was.
//
// Where the side's block confirms something (pdf.Signer.Confirms), the
// signature is that decision: in the same transaction it is written into the
// stage record the document was made from (the analysis, the plan, the
// delivery with the verdict and remarks, the feedback), printed in the signed
// copy, and the step of the lifecycle that follows is taken through the
// state machine, whose guards still apply; a step they refuse is reported in
// Signed.Blocked and the signature stands.
//
// step takes the lifecycle step in tx (the command layer's MoveRequest):
// the store decides no step itself.
func (s *Store) SignDocument(ctx context.Context, id string, rowVersion int64, in pdf.SignInput, step StepFunc) (pdf.Signed, error) {
	var out pdf.Signed
	in.Signer, in.SignerTitle = strings.TrimSpace(in.Signer), strings.TrimSpace(in.SignerTitle)
	err := s.tx(ctx, func(tx *Tx) error {
		cur, err := s.lockDocument(ctx, tx, id, rowVersion)
		if err != nil {
			return err
		}
		info, _ := pdf.Info(cur.Type)
		var fe apperr.Fields
		if len(info.Signers) == 0 {
			return apperr.New(apperr.Invalid, "document_no_signature", apperr.P{"title": pdf.TitleTerm(info)})
		}
		signer, ok := info.SignerFor(in.Role)
		if !ok {
			fe.Add("role", "not_in_list")
		}
		fe.Required("signer", in.Signer, maxSignerName)
		fe.MaxLen("signerTitle", in.SignerTitle, maxSignerName)
		checkSignature(&fe, in.PNG)
		if err := fe.Err(); err != nil {
			return err
		}
		if err := request.CheckVerdict(signer.Confirms, &in.Verdict); err != nil {
			return err
		}
		if !cur.Latest {
			return apperr.New(apperr.Conflict, "document_sign_latest_only", apperr.P{"title": pdf.TitleTerm(info)})
		}
		st, err := s.storedDocument(ctx, tx, id)
		if err != nil {
			return err
		}
		now := tx.Now()
		var confirmed *request.Confirmed
		if signer.Confirms != "" {
			c, err := s.confirm(ctx, tx, cur, info, signer.Confirms, st.source, in, now)
			if err != nil {
				return err
			}
			confirmed = &c
			out.Recorded = c.Summary
		}
		m, err := s.newMeta(ctx, tx, cur.RequestID, cur.RequestNumber, cur.Type)
		if err != nil {
			return err
		}
		for _, sg := range st.meta.Signatures {
			if sg.Role != in.Role {
				m.Signatures = append(m.Signatures, sg)
			}
		}
		m.Signatures = append(m.Signatures, pdf.Signature{Role: in.Role, Signer: in.Signer, SignerTitle: in.SignerTitle,
			SignedAt: now, PNG: in.PNG})
		rendered, err := pdf.Render(st.source, m)
		if err != nil {
			return err
		}
		signedID, err := s.insertDocument(ctx, tx, cur.RequestID, m, pdf.StatusSignedOnScreen, cur.ID, st.source, rendered)
		if err != nil {
			return err
		}
		if out.Document, err = s.document(ctx, tx, signedID); err != nil {
			return err
		}
		if confirmed == nil || confirmed.Step == "" {
			return nil
		}
		r, _, err := s.request(ctx, tx, cur.RequestID)
		if err != nil {
			return err
		}
		err = step(ctx, tx, r.ID, r.Version, request.Move{Action: confirmed.Step,
			Comment: fmt.Sprintf("%s（《%s》第 %d 版，屏幕签字）", confirmed.Summary, info.Title, out.Document.Version)})
		if e, ok := apperr.As(err); ok && e.Code == apperr.InvalidTransition {
			// The guard's reason, e.g. the service team still needs a lead:
			// the signature and its record stand, the step waits.
			out.Blocked = e.Message
			return nil
		}
		if err != nil {
			return err
		}
		out.Step, out.StepName = confirmed.Step, confirmed.Step.Name()
		return nil
	})
	return out, err
}

// StepFunc takes a step of the lifecycle inside tx.
type StepFunc func(ctx context.Context, tx *Tx, id string, version int64, m request.Move) error

// confirm writes what a customer's signature decides into the stage record
// the document was generated from, and into the document's stored source so
// the signed copy prints it. The record must still be the one the document
// shows, unchanged since: otherwise the customer would sign what the record
// no longer says, and the document is to be generated again.
func (s *Store) confirm(ctx context.Context, tx *Tx, cur pdf.Document, info pdf.TypeInfo, c request.Confirmation,
	src *pdf.Source, in pdf.SignInput, now time.Time) (request.Confirmed, error) {
	req, _, err := s.request(ctx, tx, cur.RequestID)
	if err != nil {
		return request.Confirmed{}, err
	}
	if err := writable(req); err != nil {
		return request.Confirmed{}, err
	}
	printed, ok := request.ConfirmationRecord(c, src.Records)
	if !ok {
		return request.Confirmed{}, apperr.Errorf(apperr.Invalid, "《%s》第 %d 版没有可确认的记录，请重新生成后再签", info.Title, cur.Version)
	}
	recs, err := s.records(ctx, tx, cur.RequestID)
	if err != nil {
		return request.Confirmed{}, err
	}
	rec, ok := request.ConfirmationRecord(c, recs)
	if !ok || rec.ID != printed.ID || rec.Version != printed.Version {
		return request.Confirmed{}, apperr.Errorf(apperr.Conflict,
			"《%s》第 %d 版生成后，相关记录已修改或更换；请重新生成《%s》，让客户在最新内容上签字", info.Title, cur.Version, info.Title)
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return request.Confirmed{}, err
	}
	done, err := request.Confirm(c, rec, req.Status, in.Signer, now.In(zone).Format("2006-01-02"), in.Verdict)
	if err != nil {
		return done, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE request_records SET body = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`, string(done.Body), s.ts(now), rec.ID, rec.Version); err != nil {
		return done, err
	}
	after, err := s.recordByID(ctx, tx, rec.ID)
	if err != nil {
		return done, err
	}
	if err := s.record(ctx, tx, audit.EntityRecord, rec.RequestID, audit.ActionUpdate, rec, after); err != nil {
		return done, err
	}
	for i := range src.Records {
		if src.Records[i].ID == after.ID {
			src.Records[i] = after
		}
	}
	return done, s.refreshClocks(ctx, tx, cur.RequestID)
}

// checkSignature accepts a PNG of a reasonable size with some ink on it.
func checkSignature(fe *apperr.Fields, data []byte) {
	switch {
	case len(data) == 0:
		fe.Add("png", "required")
		return
	case len(data) > MaxSignaturePNG:
		fe.AddParams("png", "too_large", map[string]any{"max": MaxSignaturePNG})
		return
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		fe.Add("png", "image_invalid")
		return
	}
	b := img.Bounds()
	if b.Dx() < 20 || b.Dy() < 10 || b.Dx() > 4000 || b.Dy() > 2000 {
		fe.Add("png", "image_size")
		return
	}
	ink := 0
	for y := b.Min.Y; y < b.Max.Y && ink < 20; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a > 0x2000 && (r+g+bl)/3 < 0xc000 {
				ink++
			}
		}
	}
	if ink < 20 {
		fe.Add("png", "signature_empty")
	}
}

// MarkSignedOnPaper records that a version's paper copy was signed, and
// attaches its scan or photo when one is given.
func (s *Store) MarkSignedOnPaper(ctx context.Context, id string, rowVersion int64, att *pdf.AttachmentInput) (pdf.Document, error) {
	var d pdf.Document
	var clean pdf.AttachmentInput
	if att != nil {
		var err error
		if clean, err = checkAttachment(*att); err != nil {
			return d, err
		}
	}
	err := s.tx(ctx, func(tx *Tx) error {
		before, err := s.lockDocument(ctx, tx, id, rowVersion)
		if err != nil {
			return err
		}
		info, _ := pdf.Info(before.Type)
		if len(info.Signers) == 0 {
			return apperr.New(apperr.Invalid, "document_no_signature", apperr.P{"title": pdf.TitleTerm(info)})
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET status = ?, updated_at = ?, version_row = version_row + 1
			WHERE id = ? AND version_row = ?`, pdf.StatusSignedOnPaper, s.ts(tx.Now()), id, rowVersion); err != nil {
			return err
		}
		if att != nil {
			if _, err := s.insertAttachment(ctx, tx, id, clean); err != nil {
				return err
			}
		}
		if d, err = s.document(ctx, tx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityDocument, auditTarget(d), audit.ActionUpdate, before, d)
	})
	return d, err
}

// AddAttachment attaches a scan or photo of a document's paper copy.
func (s *Store) AddAttachment(ctx context.Context, documentID string, att pdf.AttachmentInput) (pdf.Attachment, error) {
	var a pdf.Attachment
	clean, err := checkAttachment(att)
	if err != nil {
		return a, err
	}
	err = s.tx(ctx, func(tx *Tx) error {
		before, err := s.document(ctx, tx, documentID)
		if err != nil {
			return err
		}
		if a, err = s.insertAttachment(ctx, tx, documentID, clean); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET updated_at = ?, version_row = version_row + 1 WHERE id = ?`,
			s.ts(tx.Now()), documentID); err != nil {
			return err
		}
		after, err := s.document(ctx, tx, documentID)
		if err != nil {
			return err
		}
		return s.record(ctx, tx, audit.EntityDocument, auditTarget(after), audit.ActionUpdate, before, after)
	})
	return a, err
}

// insertAttachment keeps the file (before the row that refers to it is
// committed) and registers it.
func (s *Store) insertAttachment(ctx context.Context, tx *Tx, documentID string, in pdf.AttachmentInput) (pdf.Attachment, error) {
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return pdf.Attachment{}, err
	}
	sum, err := s.files.Put(in.Bytes)
	if err != nil {
		return pdf.Attachment{}, fmt.Errorf("keep attachment file in %s: %w", s.files.Root(), err)
	}
	now := tx.Now()
	a := pdf.Attachment{ID: tx.NewID(), DocumentID: documentID, FileName: in.FileName, Mime: in.Mime, Size: int64(len(in.Bytes)),
		SHA256: sum, AddedAt: parseTS(s.ts(now)), AddedBy: actor}
	_, err = tx.ExecContext(ctx, `INSERT INTO document_attachments (id, document_id, file_name, mime, size, sha256, added_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, a.ID, documentID, a.FileName, a.Mime, a.Size, a.SHA256, s.ts(now), actor)
	return a, err
}

// attachmentTypes are the files accepted as scans of a paper copy.
var attachmentTypes = map[string]bool{"image/png": true, "image/jpeg": true, "application/pdf": true}

// checkAttachment validates a scan or photo: a PNG, JPEG or PDF (judged by
// its content, never by its name or the type the caller claims), not empty
// and not too large. Its name is only shown and offered for saving, made
// safe by attachmentName.
func checkAttachment(in pdf.AttachmentInput) (pdf.AttachmentInput, error) {
	var fe apperr.Fields
	if strings.TrimSpace(in.FileName) == "" {
		fe.Add("fileName", "required")
	}
	sniffed := ""
	switch {
	case len(in.Bytes) == 0:
		fe.Add("bytes", "required")
	case len(in.Bytes) > MaxAttachment:
		fe.AddParams("bytes", "too_large", map[string]any{"max": MaxAttachment})
	default:
		sniffed = http.DetectContentType(in.Bytes)
		if !attachmentTypes[sniffed] {
			fe.Add("bytes", "file_type")
		} else if sniffed != "application/pdf" {
			if _, _, err := image.DecodeConfig(bytes.NewReader(in.Bytes)); err != nil {
				fe.Add("bytes", "image_invalid")
			}
		}
		if m := strings.TrimSpace(in.Mime); m != "" && attachmentTypes[sniffed] && m != sniffed {
			fe.Add("mime", "mismatch")
		}
	}
	if err := fe.Err(); err != nil {
		return in, err
	}
	return pdf.AttachmentInput{FileName: attachmentName(in.FileName, sniffed), Mime: sniffed, Bytes: in.Bytes}, nil
}
