package command

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// archiveParts are the documents the archive bundles, in process order.
var archiveParts = []document.Type{document.TypeRegistration, document.TypeAnalysisLetter, document.TypePlanBook,
	document.TypePlanLetter, document.TypeResultNote, document.TypeAcceptance, document.TypeSurvey}

// GenerateDocument renders a request's document of type Type from the
// request as it is now and registers it as the type's next version. The
// archive bundles the latest version of every document the request has,
// generating first those it can have but does not yet.
type GenerateDocument struct {
	RequestID string        `json:"requestId"`
	Type      document.Type `json:"type"`
}

// Name names the command.
func (GenerateDocument) Name() string { return "document.generate" }

func (c GenerateDocument) run(ctx context.Context, tx *store.Tx) (document.Document, error) {
	info, ok := document.Info(c.Type)
	if !ok || !info.PerRequest {
		return document.Document{}, apperr.New(apperr.Invalid, "document_type_unknown", apperr.P{"type": string(c.Type)})
	}
	if c.Type == document.TypeArchive {
		return generateArchive(ctx, tx, c.RequestID)
	}
	return generate(ctx, tx, c.RequestID, c.Type)
}

// source gathers what a request's documents are rendered from.
func source(ctx context.Context, tx *store.Tx, requestID string) (*pdf.Source, error) {
	rc, err := tx.RequestContent(ctx, requestID)
	if err != nil {
		return nil, err
	}
	src := &pdf.Source{Request: rc.Request, Customer: rc.Customer, Contact: rc.Contact, Records: rc.Records,
		Transitions: rc.Transitions}
	src.Company, err = letterhead(ctx, tx)
	return src, err
}

// letterhead is the company as the documents print it: its name, its logo
// and the time zone their dates are told in.
func letterhead(ctx context.Context, tx *store.Tx) (pdf.Company, error) {
	var c pdf.Company
	var err error
	if c.Name, c.Logo, err = tx.Letterhead(ctx); err != nil {
		return c, err
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return c, err
	}
	c.Zone = zone.String()
	return c, nil
}

// generate renders and registers one document of a request.
func generate(ctx context.Context, tx *store.Tx, requestID string, t document.Type) (document.Document, error) {
	src, err := source(ctx, tx, requestID)
	if err != nil {
		return document.Document{}, err
	}
	if err := pdf.Check(t, src); err != nil {
		return document.Document{}, err
	}
	m, err := newMeta(ctx, tx, requestID, src.Request.Number, t)
	if err != nil {
		return document.Document{}, err
	}
	out, err := pdf.Render(src, m)
	if err != nil {
		return document.Document{}, err
	}
	return register(ctx, tx, requestID, m, document.StatusGenerated, "", src, out)
}

// newMeta numbers the next version of a document.
func newMeta(ctx context.Context, tx *store.Tx, requestID, number string, t document.Type) (pdf.Meta, error) {
	info, _ := document.Info(t)
	v, err := tx.NextDocumentVersion(ctx, requestID, t)
	if err != nil {
		return pdf.Meta{}, err
	}
	actor, err := tx.Actor(ctx)
	if err != nil {
		return pdf.Meta{}, err
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return pdf.Meta{}, err
	}
	return pdf.Meta{Type: t, DocNumber: document.Number(info, number, v, tx.Now().In(zone)), Version: v,
		GeneratedAt: tx.Now(), GeneratedBy: actor}, nil
}

// register registers a rendered version with its signatures, and audits it.
func register(ctx context.Context, tx *store.Tx, requestID string, m pdf.Meta, status document.Status,
	basedOn string, src *pdf.Source, out pdf.Output) (document.Document, error) {
	raw, err := json.Marshal(src)
	if err != nil {
		return document.Document{}, err
	}
	d, err := tx.InsertDocument(ctx, store.NewDocument{RequestID: requestID, Type: m.Type, Version: m.Version,
		DocNumber: m.DocNumber, Status: status, BasedOn: basedOn, PDF: out.PDF, Pages: out.Pages, Source: raw,
		GeneratedAt: m.GeneratedAt, GeneratedBy: m.GeneratedBy, Signatures: m.Signatures})
	if err != nil {
		return d, err
	}
	return d, tx.Audit(ctx, audit.EntityDocument, auditTarget(d), audit.ActionCreate, nil, d)
}

// auditTarget files a document's audit entries under its request, so they
// show in the request's history; a request list's under itself.
func auditTarget(d document.Document) string {
	if d.RequestID != "" {
		return d.RequestID
	}
	return d.ID
}

// stored is a registered version as the archive and signing read it back:
// its entry, the source it was rendered from and its signatures' images.
type stored struct {
	doc    document.Document
	source *pdf.Source
	meta   pdf.Meta
}

// storedDocument reads a version with its source and signature images.
func storedDocument(ctx context.Context, tx *store.Tx, id string) (stored, error) {
	var st stored
	var err error
	if st.doc, err = tx.Document(ctx, id); err != nil {
		return st, err
	}
	raw, err := tx.DocumentSource(ctx, id)
	if err != nil {
		return st, err
	}
	st.source = &pdf.Source{}
	if err := json.Unmarshal(raw, st.source); err != nil {
		return st, fmt.Errorf("document %s source: %w", id, err)
	}
	sigs, err := tx.Signatures(ctx, id)
	if err != nil {
		return st, err
	}
	st.meta = pdf.Meta{Type: st.doc.Type, DocNumber: st.doc.DocNumber, Version: st.doc.Version,
		GeneratedAt: st.doc.GeneratedAt, GeneratedBy: st.doc.GeneratedBy, Signatures: sigs}
	return st, nil
}

// generateArchive registers the request's archive (see GenerateDocument).
func generateArchive(ctx context.Context, tx *store.Tx, requestID string) (document.Document, error) {
	src, err := source(ctx, tx, requestID)
	if err != nil {
		return document.Document{}, err
	}
	var parts []pdf.Part
	for _, t := range archiveParts {
		id, ok, err := tx.LatestDocument(ctx, requestID, t)
		if err != nil {
			return document.Document{}, err
		}
		if !ok {
			if pdf.Check(t, src) != nil {
				continue // the request never had what this document needs
			}
			d, err := generate(ctx, tx, requestID, t)
			if err != nil {
				return document.Document{}, err
			}
			id = d.ID
		}
		st, err := storedDocument(ctx, tx, id)
		if err != nil {
			return document.Document{}, err
		}
		part := pdf.Part{Source: st.source, Meta: st.meta, Status: st.doc.Status}
		for _, a := range st.doc.Attachments {
			if a.Mime == "image/png" || a.Mime == "image/jpeg" {
				data, err := tx.AttachmentBytes(a)
				if err != nil {
					return document.Document{}, err
				}
				part.Scans = append(part.Scans, document.AttachmentInput{FileName: a.FileName, Mime: a.Mime, Bytes: data})
			} else {
				part.Files = append(part.Files, a.FileName)
			}
		}
		parts = append(parts, part)
	}
	m, err := newMeta(ctx, tx, requestID, src.Request.Number, document.TypeArchive)
	if err != nil {
		return document.Document{}, err
	}
	out, err := pdf.RenderArchive(src, m, parts)
	if err != nil {
		return document.Document{}, err
	}
	return register(ctx, tx, requestID, m, document.StatusGenerated, "", src, out)
}

// GenerateList renders the 客户需求登记表 of the requests Query selects (all
// of them, up to document.MaxListRows, in its order) and registers it.
type GenerateList struct {
	Query request.Query `json:"query"`
}

// Name names the command.
func (GenerateList) Name() string { return "document.generateList" }

func (c GenerateList) run(ctx context.Context, tx *store.Tx) (document.Document, error) {
	q := c.Query
	q.Offset, q.Limit, q.ExactTotal = 0, request.MaxLimit, true
	var rows []request.Row
	for {
		page, err := tx.ListRequests(ctx, q)
		if err != nil {
			return document.Document{}, err
		}
		rows = append(rows, page.Items...)
		if len(page.Items) < q.Limit || len(rows) >= page.Total {
			break
		}
		if len(rows) >= document.MaxListRows {
			return document.Document{}, apperr.New(apperr.Invalid, "document_list_too_long",
				apperr.P{"n": page.Total, "max": document.MaxListRows})
		}
		q.Offset += q.Limit
	}
	for i := range rows {
		rows[i].Clock = nil // not printed; keeps the stored source small
	}
	customerName := ""
	if q.CustomerID != "" {
		var err error
		if customerName, err = tx.CustomerName(ctx, q.CustomerID); err != nil {
			return document.Document{}, err
		}
	}
	src := &pdf.Source{Rows: rows, Selection: pdf.Selection(q, customerName)}
	var err error
	if src.Company, err = letterhead(ctx, tx); err != nil {
		return document.Document{}, err
	}
	if err := pdf.Check(document.TypeRegistrationList, src); err != nil {
		return document.Document{}, err
	}
	m, err := newMeta(ctx, tx, "", "", document.TypeRegistrationList)
	if err != nil {
		return document.Document{}, err
	}
	out, err := pdf.Render(src, m)
	if err != nil {
		return document.Document{}, err
	}
	return register(ctx, tx, "", m, document.StatusGenerated, "", src, out)
}

// lockDocument reads a version for a change, checking the row version the
// caller read.
func lockDocument(ctx context.Context, tx *store.Tx, id string, rowVersion int64) (document.Document, error) {
	d, err := tx.Document(ctx, id)
	if err != nil {
		return d, err
	}
	if d.RowVersion != rowVersion {
		return d, apperr.Stale("document")
	}
	return d, nil
}

// SignDocument draws a signature made on the signature pad into the latest
// version of a document: the same content is rendered again with the
// signature (and those already given) in its block, and registered as a new
// version signed on screen. The version signed stays as it was.
//
// Where the side's block confirms something (document.Signer.Confirms), the
// signature is that decision (pdf.Confirm): it is written into the stage
// record the document was made from (the analysis, the plan, the delivery
// with the verdict and remarks, the feedback), printed in the signed copy,
// and the step of the lifecycle that follows is taken with MoveRequest,
// whose guards still apply; a step they refuse is reported in
// Signed.Blocked and the signature stands.
type SignDocument struct {
	ID         string             `json:"id"`
	RowVersion int64              `json:"rowVersion"`
	Sign       document.SignInput `json:"sign"`
}

// Name names the command.
func (SignDocument) Name() string { return "document.sign" }

func (c SignDocument) run(ctx context.Context, tx *store.Tx) (document.Signed, error) {
	var out document.Signed
	in := c.Sign
	cur, err := lockDocument(ctx, tx, c.ID, c.RowVersion)
	if err != nil {
		return out, err
	}
	info, _ := document.Info(cur.Type)
	signer, err := pdf.CheckSign(info, &in)
	if err != nil {
		return out, err
	}
	if !cur.Latest {
		return out, apperr.New(apperr.Conflict, "document_sign_latest_only", apperr.P{"title": pdf.TitleTerm(info)})
	}
	st, err := storedDocument(ctx, tx, c.ID)
	if err != nil {
		return out, err
	}
	var confirmed *request.Confirmed
	if signer.Confirms != "" {
		cf, err := confirm(ctx, tx, cur, info, signer.Confirms, st.source, in)
		if err != nil {
			return out, err
		}
		confirmed = &cf
		out.Recorded = cf.Summary
	}
	m, err := newMeta(ctx, tx, cur.RequestID, cur.RequestNumber, cur.Type)
	if err != nil {
		return out, err
	}
	for _, sg := range st.meta.Signatures {
		if sg.Role != in.Role {
			m.Signatures = append(m.Signatures, sg)
		}
	}
	m.Signatures = append(m.Signatures, document.Signature{Role: in.Role, Signer: in.Signer, SignerTitle: in.SignerTitle,
		SignedAt: tx.Now(), PNG: in.PNG})
	rendered, err := pdf.Render(st.source, m)
	if err != nil {
		return out, err
	}
	if out.Document, err = register(ctx, tx, cur.RequestID, m, document.StatusSignedOnScreen, cur.ID, st.source, rendered); err != nil {
		return out, err
	}
	if confirmed == nil || confirmed.Step == "" {
		return out, nil
	}
	r, err := tx.Request(ctx, cur.RequestID)
	if err != nil {
		return out, err
	}
	_, err = Within(ctx, tx, MoveRequest{ID: r.ID, Version: r.Version, Move: request.Move{Action: confirmed.Step,
		Comment: fmt.Sprintf("%s（《%s》第 %d 版，屏幕签字）", confirmed.Summary, info.Title, out.Document.Version)}})
	if e, ok := apperr.As(err); ok && e.Code == apperr.InvalidTransition {
		// The guard's reason, e.g. the service team still needs a lead:
		// the signature and its record stand, the step waits.
		out.Blocked = e.Message
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out.Step, out.StepName = confirmed.Step, confirmed.Step.Name()
	return out, nil
}

// confirm writes what a customer's signature decides (pdf.Confirm) into
// the stage record the document was generated from, and into the
// document's stored source so the signed copy prints it.
func confirm(ctx context.Context, tx *store.Tx, cur document.Document, info document.TypeInfo, c request.Confirmation,
	src *pdf.Source, in document.SignInput) (request.Confirmed, error) {
	req, err := tx.Request(ctx, cur.RequestID)
	if err != nil {
		return request.Confirmed{}, err
	}
	recs, err := tx.Records(ctx, cur.RequestID)
	if err != nil {
		return request.Confirmed{}, err
	}
	zone, err := tx.Zone(ctx)
	if err != nil {
		return request.Confirmed{}, err
	}
	done, err := pdf.Confirm(pdf.Signing{Info: info, Version: cur.Version, C: c, Request: req, Printed: src.Records,
		Current: recs, Signer: in.Signer, At: tx.Now().In(zone), Verdict: in.Verdict})
	if err != nil {
		return done, err
	}
	after, err := tx.RewriteRecord(ctx, done.Record, done.Body)
	if err != nil {
		return done, err
	}
	if err := tx.Audit(ctx, audit.EntityRecord, done.Record.RequestID, audit.ActionUpdate, done.Record, after); err != nil {
		return done, err
	}
	for i := range src.Records {
		if src.Records[i].ID == after.ID {
			src.Records[i] = after
		}
	}
	return done, tx.RefreshClocks(ctx, cur.RequestID)
}

// MarkSignedOnPaper records that a version's paper copy was signed, and
// attaches its scan or photo when Scan is given.
type MarkSignedOnPaper struct {
	ID         string                    `json:"id"`
	RowVersion int64                     `json:"rowVersion"`
	Scan       *document.AttachmentInput `json:"scan"`
}

// Name names the command.
func (MarkSignedOnPaper) Name() string { return "document.markSignedOnPaper" }

func (c MarkSignedOnPaper) run(ctx context.Context, tx *store.Tx) (document.Document, error) {
	var scan document.AttachmentInput
	if c.Scan != nil {
		var err error
		if scan, err = document.CheckAttachment(*c.Scan); err != nil {
			return document.Document{}, err
		}
	}
	before, err := lockDocument(ctx, tx, c.ID, c.RowVersion)
	if err != nil {
		return before, err
	}
	info, _ := document.Info(before.Type)
	if len(info.Signers) == 0 {
		return before, apperr.New(apperr.Invalid, "document_no_signature", apperr.P{"title": pdf.TitleTerm(info)})
	}
	if err := tx.SetDocumentStatus(ctx, c.ID, c.RowVersion, document.StatusSignedOnPaper); err != nil {
		return before, err
	}
	if c.Scan != nil {
		if _, err := tx.InsertAttachment(ctx, c.ID, scan); err != nil {
			return before, err
		}
	}
	d, err := tx.Document(ctx, c.ID)
	if err != nil {
		return d, err
	}
	return d, tx.Audit(ctx, audit.EntityDocument, auditTarget(d), audit.ActionUpdate, before, d)
}

// AddAttachment attaches a scan or photo of a document's paper copy.
type AddAttachment struct {
	DocumentID string                   `json:"documentId"`
	Scan       document.AttachmentInput `json:"scan"`
}

// Name names the command.
func (AddAttachment) Name() string { return "document.addAttachment" }

func (c AddAttachment) run(ctx context.Context, tx *store.Tx) (document.Attachment, error) {
	scan, err := document.CheckAttachment(c.Scan)
	if err != nil {
		return document.Attachment{}, err
	}
	before, err := tx.Document(ctx, c.DocumentID)
	if err != nil {
		return document.Attachment{}, err
	}
	a, err := tx.InsertAttachment(ctx, c.DocumentID, scan)
	if err != nil {
		return a, err
	}
	if err := tx.TouchDocument(ctx, c.DocumentID); err != nil {
		return a, err
	}
	after, err := tx.Document(ctx, c.DocumentID)
	if err != nil {
		return a, err
	}
	return a, tx.Audit(ctx, audit.EntityDocument, auditTarget(after), audit.ActionUpdate, before, after)
}

func (c GenerateDocument) requestID() string { return c.RequestID }
