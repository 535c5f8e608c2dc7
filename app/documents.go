package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/request"
)

// DocumentsApp generates the printable documents, lists their versions,
// hands out their PDFs, and records signatures and signed paper copies.
// Byte slices cross to the UI as base64 strings (Wails and serve mode both
// encode []byte so), and come back the same way.
type DocumentsApp struct{ d Deps }

// Types lists the document types with their Chinese titles, signature
// blocks and what each needs.
func (a *DocumentsApp) Types() (_ []document.TypeInfo, err error) {
	defer a.d.guard("documents.types", &err)
	return document.Types(), nil
}

// Generate renders a request's document of the given type from the request
// as it is now and registers it as a new version.
func (a *DocumentsApp) Generate(requestID string, t document.Type) (_ document.Document, err error) {
	defer a.d.guard("documents.generate", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.GenerateDocument{RequestID: requestID, Type: t})
}

// GenerateList renders the registration table of the requests q selects,
// as the list shows them.
func (a *DocumentsApp) GenerateList(q request.Query) (_ document.Document, err error) {
	defer a.d.guard("documents.generateList", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.GenerateList{Query: q})
}

// List returns a request's documents, every version, newest first within
// each type; "" lists the printed request lists.
func (a *DocumentsApp) List(requestID string) (_ []document.Document, err error) {
	defer a.d.guard("documents.list", &err)
	return a.d.Store.Documents(a.d.ctx(), requestID)
}

// Get returns one document version's registry entry.
func (a *DocumentsApp) Get(id string) (_ document.Document, err error) {
	defer a.d.guard("documents.get", &err)
	return a.d.Store.Document(a.d.ctx(), id)
}

// PDF returns a document version's PDF, for the preview and for saving.
func (a *DocumentsApp) PDF(id string) (_ []byte, err error) {
	defer a.d.guard("documents.pdf", &err)
	return a.d.Store.DocumentPDF(a.d.ctx(), id)
}

// Sign draws a signature from the signature pad into the latest version of
// a document, making a new version signed on screen; rowVersion is the one
// the UI read. A customer's signature that confirms something (the
// analysis, the plan, the acceptance verdict, the feedback) records it and
// takes the step that follows.
func (a *DocumentsApp) Sign(id string, rowVersion int64, in document.SignInput) (_ document.Signed, err error) {
	defer a.d.guard("documents.sign", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SignDocument{ID: id, RowVersion: rowVersion, Sign: in})
}

// MarkSignedOnPaper records that a version's paper copy was signed, with
// its scan or photo when one is given (nil for none).
func (a *DocumentsApp) MarkSignedOnPaper(id string, rowVersion int64, scan *document.AttachmentInput) (_ document.Document, err error) {
	defer a.d.guard("documents.markSignedOnPaper", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.MarkSignedOnPaper{ID: id, RowVersion: rowVersion, Scan: scan})
}

// AttachScan attaches a scan or photo (PNG, JPEG or PDF) of a document's
// paper copy.
func (a *DocumentsApp) AttachScan(id string, scan document.AttachmentInput) (_ document.Attachment, err error) {
	defer a.d.guard("documents.attachScan", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.AddAttachment{DocumentID: id, Scan: scan})
}

// Attachment returns an attachment's file, to show or save.
func (a *DocumentsApp) Attachment(id string) (_ AttachmentFile, err error) {
	defer a.d.guard("documents.attachment", &err)
	meta, data, err := a.d.Store.DocumentAttachment(a.d.ctx(), id)
	return AttachmentFile{Attachment: meta, Bytes: data}, err
}

// AttachmentFile is an attachment with its bytes.
type AttachmentFile struct {
	Attachment document.Attachment `json:"attachment"`
	Bytes      []byte              `json:"bytes"`
}
