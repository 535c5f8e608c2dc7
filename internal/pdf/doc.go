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
	"github.com/reqdesk/reqdesk/internal/request"
)

// Type names a kind of printable document.
type Type string

// Document types, in the order of the process.
const (
	TypeRegistration     Type = "registration"      // 客户需求登记表 (one request)
	TypeRegistrationList Type = "registration_list" // 客户需求登记表 (a list of requests)
	TypeAnalysisLetter   Type = "analysis_letter"   // 需求分析确认函
	TypePlanBook         Type = "plan_book"         // 服务方案书
	TypePlanLetter       Type = "plan_letter"       // 服务方案确认函
	TypeResultNote       Type = "result_note"       // 处理结果说明
	TypeAcceptance       Type = "acceptance"        // 交付验收单
	TypeSurveyBlank      Type = "survey_blank"      // 满意度调查表 (blank, filled in by hand)
	TypeSurvey           Type = "survey"            // 满意度调查表 (filled from the feedback record)
	TypeArchive          Type = "archive"           // 客户服务档案 (all of a request's documents in one)
)

// Role is the side a signer signs for.
type Role string

// Signing roles.
const (
	RoleCustomer Role = "customer" // the customer representative (客户代表)
	RoleCompany  Role = "company"  // our side (服务方)
)

// Status is where a registered document stands.
type Status string

// Document statuses.
const (
	StatusGenerated      Status = "generated"        // 已生成
	StatusSignedOnScreen Status = "signed_on_screen" // 已屏幕签字
	StatusSignedOnPaper  Status = "signed_on_paper"  // 已纸质签字
)

// Name is the status's Chinese name.
func (s Status) Name() string {
	switch s {
	case StatusGenerated:
		return "已生成"
	case StatusSignedOnScreen:
		return "已屏幕签字"
	case StatusSignedOnPaper:
		return "已纸质签字"
	}
	return string(s)
}

// Signer is one signature block of a document type.
type Signer struct {
	Role  Role   `json:"role"`
	Label string `json:"label"` // the block's heading, e.g. 客户确认
	Seal  bool   `json:"seal"`  // the block has a box for the company seal (盖章)
	// Confirms is what this side's signature decides ("" for nothing): a
	// signature drawn on screen records it in the stage record and takes the
	// step of the lifecycle that follows, in one transaction.
	Confirms request.Confirmation `json:"confirms"`
}

// TypeInfo describes a document type for the UI and the command line.
type TypeInfo struct {
	Type  Type   `json:"type"`
	Title string `json:"title"` // Chinese title as printed
	// Name tells the type apart in lists where two share a title.
	Name string `json:"name"`
	// Code goes into document numbers (request number, code, version).
	Code string `json:"code"`
	// PerRequest is false for the request list, which covers many requests.
	PerRequest bool `json:"perRequest"`
	// Signers are the signature blocks, in the order printed.
	Signers []Signer `json:"signers"`
	// Needs says in Chinese what a request must have for the document.
	Needs string `json:"needs"`
}

var types = []TypeInfo{
	{Type: TypeRegistration, Title: "客户需求登记表", Name: "客户需求登记表（单个需求）", Code: "DJ", PerRequest: true, Needs: "已登记的需求"},
	{Type: TypeRegistrationList, Title: "客户需求登记表", Name: "客户需求登记表（需求列表）", Code: "DJL", Needs: "按筛选条件列出的需求"},
	{Type: TypeAnalysisLetter, Title: "需求分析确认函", Name: "需求分析确认函", Code: "FX", PerRequest: true, Needs: "需求分析记录，写明核心需求",
		Signers: []Signer{{RoleCustomer, "客户确认", true, request.ConfirmAnalysis}, {RoleCompany, "服务方", true, ""}}},
	{Type: TypePlanBook, Title: "服务方案书", Name: "服务方案书", Code: "FA", PerRequest: true, Needs: "当前有效的服务方案",
		Signers: []Signer{{RoleCompany, "审批（总经理）", false, ""}}},
	{Type: TypePlanLetter, Title: "服务方案确认函", Name: "服务方案确认函", Code: "FQ", PerRequest: true, Needs: "经总经理批准的服务方案",
		Signers: []Signer{{RoleCustomer, "客户确认", true, request.ConfirmPlan}, {RoleCompany, "服务方", true, ""}}},
	{Type: TypeResultNote, Title: "处理结果说明", Name: "处理结果说明", Code: "JG", PerRequest: true, Needs: "处理结果说明记录",
		Signers: []Signer{{RoleCompany, "处理人", false, ""}}},
	{Type: TypeAcceptance, Title: "交付验收单", Name: "交付验收单", Code: "YS", PerRequest: true, Needs: "交付记录",
		Signers: []Signer{{RoleCustomer, "验收方（客户）", true, request.ConfirmAcceptance}, {RoleCompany, "交付方", true, ""}}},
	{Type: TypeSurveyBlank, Title: "满意度调查表", Name: "满意度调查表（空白，手工填写）", Code: "MK", PerRequest: true, Needs: "已登记的需求",
		Signers: []Signer{{RoleCustomer, "客户签字", false, ""}}},
	{Type: TypeSurvey, Title: "满意度调查表", Name: "满意度调查表（已填写）", Code: "MY", PerRequest: true, Needs: "已取得的满意度反馈记录",
		Signers: []Signer{{RoleCustomer, "客户签字", false, request.ConfirmFeedback}}},
	{Type: TypeArchive, Title: "客户服务档案", Name: "客户服务档案", Code: "DA", PerRequest: true, Needs: "已登记的需求"},
}

// Types lists every document type in process order.
func Types() []TypeInfo {
	out := make([]TypeInfo, len(types))
	copy(out, types)
	return out
}

// Info returns the description of t, and false for an unknown type.
func Info(t Type) (TypeInfo, bool) {
	for _, ti := range types {
		if ti.Type == t {
			return ti, true
		}
	}
	return TypeInfo{}, false
}

// SignerFor returns t's signature block for role, and false when the
// document has none for that side.
func (ti TypeInfo) SignerFor(role Role) (Signer, bool) {
	for _, s := range ti.Signers {
		if s.Role == role {
			return s, true
		}
	}
	return Signer{}, false
}

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

// Signature is a signature drawn on screen and kept with a document version.
type Signature struct {
	Role        Role      `json:"role"`
	Signer      string    `json:"signer"`      // the signer's name
	SignerTitle string    `json:"signerTitle"` // position, e.g. 信息部经理
	SignedAt    time.Time `json:"signedAt"`
	// PNG is the drawn signature; it does not travel to the UI with the list.
	PNG []byte `json:"-"`
}

// Document is one registered version of a generated document.
type Document struct {
	ID            string       `json:"id"`
	RequestID     string       `json:"requestId"` // empty for the request list
	RequestNumber string       `json:"requestNumber"`
	Type          Type         `json:"type"`
	Title         string       `json:"title"`
	Version       int          `json:"version"`
	DocNumber     string       `json:"docNumber"`
	Status        Status       `json:"status"`
	StatusName    string       `json:"statusName"`
	SHA256        string       `json:"sha256"`
	Size          int64        `json:"size"`
	Pages         int          `json:"pages"`
	BasedOn       string       `json:"basedOn"` // the version a signed copy was made from
	Latest        bool         `json:"latest"`  // the newest version of its type for the request
	GeneratedAt   time.Time    `json:"generatedAt"`
	GeneratedBy   string       `json:"generatedBy"`
	Signatures    []Signature  `json:"signatures"`
	Attachments   []Attachment `json:"attachments"`
	CreatedAt     time.Time    `json:"createdAt"`
	UpdatedAt     time.Time    `json:"updatedAt"`
	RowVersion    int64        `json:"rowVersion"` // for optimistic concurrency
}

// Attachment is a scan or photo of a document's paper copy.
type Attachment struct {
	ID         string    `json:"id"`
	DocumentID string    `json:"documentId"`
	FileName   string    `json:"fileName"`
	Mime       string    `json:"mime"`
	Size       int64     `json:"size"`
	SHA256     string    `json:"sha256"`
	AddedAt    time.Time `json:"addedAt"`
	AddedBy    string    `json:"addedBy"`
}

// SignInput is a signature drawn on the signature pad.
type SignInput struct {
	Role        Role   `json:"role"`
	Signer      string `json:"signer"`
	SignerTitle string `json:"signerTitle"`
	PNG         []byte `json:"png"`
	// Verdict is what the signature decides where the side's block confirms
	// something: the acceptance form's 通过 / 不通过 and the remarks.
	Verdict request.Verdict `json:"verdict"`
}

// Signed is a signature drawn on screen: the signed version, and what the
// signature recorded and moved.
type Signed struct {
	Document Document `json:"document"`
	// Recorded says in Chinese what the signature wrote into the stage
	// records ("" when it confirms nothing).
	Recorded string `json:"recorded"`
	// Step is the step of the lifecycle the signature took ("" for none),
	// and Blocked why the step that follows could not be taken yet.
	Step     request.Action `json:"step"`
	StepName string         `json:"stepName"`
	Blocked  string         `json:"blocked"`
}

// AttachmentInput is a file to attach: a scan or photo of the paper copy.
type AttachmentInput struct {
	FileName string `json:"fileName"`
	Mime     string `json:"mime"`
	Bytes    []byte `json:"bytes"`
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
