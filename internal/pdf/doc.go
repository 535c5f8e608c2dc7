// Package pdf renders ReqDesk's printable documents — the registration form,
// the confirmation letters, the service plan, the acceptance form, the
// satisfaction survey and the customer service archive — as A4 PDFs with an
// embedded, subset Chinese font, its own Chinese line breaking (避头尾), page
// numbers and signature blocks. Rendering is deterministic: the same Source
// and Meta give the same bytes.
package pdf

import (
	"time"

	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/request"
)

// The document registry's names (internal/document defines them), as the
// renderer and its callers use them: the types, signature blocks and
// signatures a rendering draws.
type (
	Type            = document.Type
	TypeInfo        = document.TypeInfo
	Role            = document.Role
	Signer          = document.Signer
	Signature       = document.Signature
	Status          = document.Status
	AttachmentInput = document.AttachmentInput
)

// Document types, signing roles and statuses (see internal/document).
const (
	TypeRegistration     = document.TypeRegistration
	TypeRegistrationList = document.TypeRegistrationList
	TypeAnalysisLetter   = document.TypeAnalysisLetter
	TypePlanBook         = document.TypePlanBook
	TypePlanLetter       = document.TypePlanLetter
	TypeResultNote       = document.TypeResultNote
	TypeAcceptance       = document.TypeAcceptance
	TypeSurveyBlank      = document.TypeSurveyBlank
	TypeSurvey           = document.TypeSurvey
	TypeArchive          = document.TypeArchive

	RoleCustomer = document.RoleCustomer
	RoleCompany  = document.RoleCompany

	StatusGenerated      = document.StatusGenerated
	StatusSignedOnScreen = document.StatusSignedOnScreen
	StatusSignedOnPaper  = document.StatusSignedOnPaper
)

// Info returns the description of document type t (see document.Info).
func Info(t Type) (TypeInfo, bool) { return document.Info(t) }

// Company is the letterhead: the company's name and its logo (a PNG or a
// JPEG, drawn at the left of every page's header when present).
type Company struct {
	Name string `json:"name"`
	Logo []byte `json:"logo,omitempty"`
	// Zone is the company's time zone (an IANA name): the dates printed
	// are of this zone, so a document says the same on every laptop.
	// Empty in sources stored before the setting: the laptop's zone.
	Zone string `json:"zone,omitempty"`
}

// location is the zone the company's dates are told in.
func (c Company) location() *time.Location {
	if c.Zone != "" {
		if loc, err := time.LoadLocation(c.Zone); err == nil {
			return loc
		}
	}
	return time.Local
}

// Source is everything a document is rendered from. It is stored with each
// registered version, so a signed copy re-renders exactly the content that
// was generated even when the request has changed since.
type Source struct {
	Company     Company              `json:"company"`
	Request     request.Request      `json:"request"`
	Customer    customer.Customer    `json:"customer"`
	Contact     *customer.Contact    `json:"contact,omitempty"`
	Records     []request.Record     `json:"records"`
	Transitions []request.Transition `json:"transitions,omitempty"`
	// Rows and Selection are the request list's content and a description
	// of how it was selected (its filters), for the list only.
	Rows      []request.Row `json:"rows,omitempty"`
	Selection string        `json:"selection,omitempty"`
}

// Meta identifies one rendering: the document number and version printed on
// it, when and by whom it was generated, and the signatures drawn into it.
type Meta struct {
	Type        Type
	DocNumber   string
	Version     int
	GeneratedAt time.Time
	GeneratedBy string
	Signatures  []Signature
}

// Part is one document bundled into the archive.
type Part struct {
	Source *Source
	Meta   Meta
	Status Status
	// Scans are images (PNG or JPEG) of the signed paper copy, printed
	// after the part; Files names attachments that cannot be printed.
	Scans []AttachmentInput
	Files []string
}
