package app

import (
	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/classify"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/knowledge"
	"github.com/reqdesk/reqdesk/internal/pdf"
)

// AttachmentTypes is what the attachment panel states: the accepted types
// and the largest file, in bytes.
type AttachmentTypes struct {
	Types   []attachment.Type `json:"types"`
	MaxSize int64             `json:"maxSize"`
}

// AttachmentTypes lists the types of file a request accepts and the size
// limit, for the UI to state.
func (a *RequestsApp) AttachmentTypes() (_ AttachmentTypes, err error) {
	defer a.d.guard("attachments.types", &err)
	return AttachmentTypes{Types: attachment.Types, MaxSize: attachment.MaxSize}, nil
}

// Attachments lists the files attached to a request.
func (a *RequestsApp) Attachments(requestID string) (_ []attachment.Attachment, err error) {
	defer a.d.guard("attachments.list", &err)
	return a.d.Store.RequestAttachments(a.d.ctx(), requestID)
}

// RequestFile is an attached file with its bytes.
type RequestFile struct {
	Attachment attachment.Attachment `json:"attachment"`
	Bytes      []byte                `json:"bytes"`
}

// Attachment returns an attached file with its content, to preview or save.
func (a *RequestsApp) Attachment(id string) (_ RequestFile, err error) {
	defer a.d.guard("attachments.get", &err)
	meta, data, err := a.d.Store.RequestAttachment(a.d.ctx(), id)
	return RequestFile{Attachment: meta, Bytes: data}, err
}

// AddAttachment attaches a file to a request: a screenshot, log, contract
// or photo, judged by its content (see AttachmentTypes).
func (a *RequestsApp) AddAttachment(requestID string, file attachment.Input) (_ attachment.Attachment, err error) {
	defer a.d.guard("attachments.add", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.AddRequestAttachment{RequestID: requestID, File: file})
}

// RemoveAttachment detaches a file, read at version, from its request.
func (a *RequestsApp) RemoveAttachment(id string, version int64) (err error) {
	defer a.d.guard("attachments.remove", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.RemoveRequestAttachment{ID: id, Version: version})
	return err
}

// ProposeClassification is what the classification standard proposes for
// a request of the type: category, department and urgency.
func (a *RequestsApp) ProposeClassification(requestType string) (_ classify.Proposal, err error) {
	defer a.d.guard("classification.propose", &err)
	std, err := a.d.Store.Classification(a.d.ctx())
	if err != nil {
		return classify.Proposal{}, err
	}
	return classify.Propose(std, requestType), nil
}

// Similar offers archived requests like the one q describes (same
// customer, similar title or description) with how they were solved.
func (a *RequestsApp) Similar(q knowledge.Query) (_ []knowledge.Match, err error) {
	defer a.d.guard("knowledge.similar", &err)
	return a.d.Store.SimilarRequests(a.d.ctx(), q)
}

// Knowledge searches the archived requests and their solutions.
func (a *RequestsApp) Knowledge(text string) (_ []knowledge.Match, err error) {
	defer a.d.guard("knowledge.search", &err)
	return a.d.Store.SearchKnowledge(a.d.ctx(), text)
}

// Classification returns the classification standard (需求分类标准表).
func (a *SettingsApp) Classification() (_ []classify.Entry, err error) {
	defer a.d.guard("classification.list", &err)
	return a.d.Store.Classification(a.d.ctx())
}

// SaveClassification adds a line to the standard or changes one.
func (a *SettingsApp) SaveClassification(line classify.Input) (_ classify.Entry, err error) {
	defer a.d.guard("classification.save", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveClassification{Line: line})
}

// DeleteClassification removes a line, read at version, from the standard.
func (a *SettingsApp) DeleteClassification(id string, version int64) (err error) {
	defer a.d.guard("classification.delete", &err)
	_, err = command.Run(a.d.ctx(), a.d.Commands, command.DeleteClassification{ID: id, Version: version})
	return err
}

// ClassificationPDF prints the classification standard as the document
// staff work to.
func (a *SettingsApp) ClassificationPDF() (_ []byte, err error) {
	defer a.d.guard("classification.pdf", &err)
	ctx := a.d.ctx()
	std, err := a.d.Store.Classification(ctx)
	if err != nil {
		return nil, err
	}
	company, by, err := a.d.letterhead(ctx)
	if err != nil {
		return nil, err
	}
	now := a.d.Clock.Now()
	updated := now
	if len(std) > 0 {
		updated = std[0].UpdatedAt
		for _, e := range std {
			if e.UpdatedAt.After(updated) {
				updated = e.UpdatedAt
			}
		}
	}
	out, err := pdf.RenderClassification(company, std, updated, now, by)
	return out.PDF, err
}
