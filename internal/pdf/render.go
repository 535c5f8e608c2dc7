package pdf

import (
	"fmt"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// view is a Source with its stage records decoded, as the documents read it.
type view struct {
	src        *Source
	analysis   *request.Analysis
	plan       *request.Plan
	planID     string
	reviews    []request.Review // of the current plan
	team       []request.TeamMember
	tasks      []request.Task
	subs       []subRequirement
	delivery   *request.Delivery // the latest
	feedback   *request.Feedback // the latest
	result     *request.ResultNote
	retro      *request.Retrospective
	comms      []request.Communication
	exceptions []request.Exception
}

type subRequirement struct {
	id   string
	body request.SubRequirement
}

// decode reads a record's body through request.BodyOf, the one decoding
// of stored bodies. A damaged body is left out of the document; the health
// check reports it.
func decode[T any](rec request.Record) (*T, bool) {
	v, err := request.BodyOf[T](rec)
	if err != nil {
		return nil, false
	}
	return &v, true
}

func newView(src *Source) *view {
	v := &view{src: src}
	if rec, p, ok := request.CurrentPlan(src.Records); ok {
		v.plan, v.planID = &p, rec.ID
	}
	for _, rec := range src.Records {
		switch rec.Kind {
		case request.KindAnalysis:
			if a, ok := decode[request.Analysis](rec); ok {
				v.analysis = a
			}
		case request.KindReview:
			if r, ok := decode[request.Review](rec); ok && rec.ParentID == v.planID && v.planID != "" {
				v.reviews = append(v.reviews, *r)
			}
		case request.KindTeamMember:
			if m, ok := decode[request.TeamMember](rec); ok {
				v.team = append(v.team, *m)
			}
		case request.KindTask:
			if t, ok := decode[request.Task](rec); ok {
				v.tasks = append(v.tasks, *t)
			}
		case request.KindSubRequirement:
			if s, ok := decode[request.SubRequirement](rec); ok {
				v.subs = append(v.subs, subRequirement{rec.ID, *s})
			}
		case request.KindDelivery:
			if d, ok := decode[request.Delivery](rec); ok {
				v.delivery = d
			}
		case request.KindFeedback:
			if f, ok := decode[request.Feedback](rec); ok {
				v.feedback = f
			}
		case request.KindResultNote:
			if n, ok := decode[request.ResultNote](rec); ok {
				v.result = n
			}
		case request.KindRetrospective:
			if r, ok := decode[request.Retrospective](rec); ok {
				v.retro = r
			}
		case request.KindCommunication:
			if c, ok := decode[request.Communication](rec); ok {
				v.comms = append(v.comms, *c)
			}
		case request.KindException:
			if e, ok := decode[request.Exception](rec); ok {
				v.exceptions = append(v.exceptions, *e)
			}
		}
	}
	return v
}

// documentNeeds names, in Chinese, what a request may lack for a document.
var documentNeeds = map[string]string{
	"analysis":    "写明核心需求的需求分析记录",
	"plan":        "服务方案",
	"result_note": "处理结果说明记录",
	"delivery":    "交付记录",
	"feedback":    "已取得的满意度反馈记录",
}

// TitleTerm is a document's title inside a message, named by the UI in its
// language (enums.documentType).
func TitleTerm(info TypeInfo) apperr.Term {
	return apperr.Term{Kind: "enums.documentTitle", Code: string(info.Type), Name: info.Title}
}

// Check tells whether src has what a document of type t needs, refusing
// with an invalid error that says in Chinese what is missing.
func Check(t Type, src *Source) error {
	info, ok := Info(t)
	if !ok {
		return apperr.New(apperr.Invalid, "document_type_unknown", apperr.P{"type": string(t)})
	}
	v := newView(src)
	missing := "" // a code of documentNeeds
	switch t {
	case TypeRegistrationList:
		if len(src.Rows) == 0 {
			return apperr.New(apperr.Invalid, "document_list_empty", apperr.P{"title": TitleTerm(info)})
		}
		return nil
	case TypeAnalysisLetter:
		if v.analysis == nil || v.analysis.CoreNeeds == "" {
			missing = "analysis"
		}
	case TypePlanBook:
		if v.plan == nil {
			missing = "plan"
		}
	case TypePlanLetter:
		switch {
		case v.plan == nil:
			missing = "plan"
		case v.plan.ApprovedBy == "":
			return apperr.New(apperr.Invalid, "document_plan_unapproved", apperr.P{"version": v.plan.VersionNo, "title": TitleTerm(info)})
		}
	case TypeResultNote:
		if v.result == nil || v.result.Result == "" {
			missing = "result_note"
		}
	case TypeAcceptance:
		if v.delivery == nil {
			missing = "delivery"
		}
	case TypeSurvey:
		if v.feedback == nil || !v.feedback.Obtained {
			missing = "feedback"
		}
	}
	if missing != "" {
		return apperr.New(apperr.Invalid, "document_needs", apperr.P{"number": src.Request.Number,
			"missing": apperr.Term{Kind: "errors.documentMissing", Code: missing, Name: documentNeeds[missing]}, "title": TitleTerm(info)})
	}
	return nil
}

// Render draws one document of type m.Type from src. The archive has its
// own entry, RenderArchive.
func Render(src *Source, m Meta) (Output, error) {
	if m.Type == TypeArchive {
		return RenderArchive(src, m, nil)
	}
	if err := Check(m.Type, src); err != nil {
		return Output{}, err
	}
	orientation := "P"
	if m.Type == TypeRegistrationList {
		orientation = "L"
	}
	b := newBuilder(orientation, src.Company, m.GeneratedAt)
	if err := b.document(src, m); err != nil {
		return Output{}, err
	}
	return b.finish()
}

// document draws one document into the builder, starting on a new page.
func (b *builder) document(src *Source, m Meta) error {
	info, _ := Info(m.Type)
	b.f.SetTitle(info.Title, true)
	b.f.SetSubject(m.DocNumber, true)
	b.setHead(running{title: info.Title, docNumber: m.DocNumber, version: m.Version, generated: m.GeneratedAt})
	b.newPage()
	v := newView(src)
	switch m.Type {
	case TypeRegistration:
		b.registration(v, m)
	case TypeRegistrationList:
		b.registrationList(src, m)
	case TypeAnalysisLetter:
		b.analysisLetter(v, m)
	case TypePlanBook:
		b.planBook(v, m)
	case TypePlanLetter:
		b.planLetter(v, m)
	case TypeResultNote:
		b.resultNote(v, m)
	case TypeAcceptance:
		b.acceptance(v, m)
	case TypeSurveyBlank:
		b.survey(v, m, false)
	case TypeSurvey:
		b.survey(v, m, true)
	default:
		return fmt.Errorf("pdf: no layout for %s", m.Type)
	}
	if b.f.Err() {
		return fmt.Errorf("pdf: %w", b.f.Error())
	}
	return nil
}

// standardTitle draws the title block of a per-request document.
func (b *builder) standardTitle(v *view, m Meta) {
	info, _ := Info(m.Type)
	r := v.src.Request
	b.titleBlock(info.Title, []metaItem{
		{"需求编号", r.Number}, {"客户名称", customerName(v.src)},
		{"文档编号", m.DocNumber}, {"版本", fmt.Sprintf("第 %d 版", m.Version)},
		{"生成日期", b.dateCN(m.GeneratedAt)}, {"生成人", m.GeneratedBy},
	})
}

func customerName(src *Source) string {
	if src.Customer.Name != "" {
		return src.Customer.Name
	}
	return src.Request.CustomerName
}

// blocks builds the signature blocks of m.Type, filling in names and dates
// known from the records (known) and the signatures drawn on screen.
func blocks(m Meta, known map[Role][2]string, party map[Role]string) []signBlock {
	info, _ := Info(m.Type)
	var out []signBlock
	for _, s := range info.Signers {
		blk := signBlock{signer: s, name: known[s.Role][0], date: known[s.Role][1], party: party[s.Role]}
		for i := range m.Signatures {
			if m.Signatures[i].Role == s.Role {
				blk.sig = &m.Signatures[i]
			}
		}
		out = append(out, blk)
	}
	return out
}

// parties names the two sides for the signature blocks.
func parties(src *Source) map[Role]string {
	return map[Role]string{RoleCustomer: customerName(src), RoleCompany: src.Company.Name}
}

// contactLine names the customer's contact person with position and phone.
func contactLine(src *Source) string {
	r := src.Request
	name := r.Fields.ContactName
	if src.Contact != nil && name == "" {
		name = src.Contact.Name
	}
	s := name
	if src.Contact != nil && src.Contact.Title != "" {
		s += "（" + src.Contact.Title + "）"
	}
	return s
}
