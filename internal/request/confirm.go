package request

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Confirmation is what a customer's signature on a document stands for: the
// decision it records in a stage record, and the step of the lifecycle it
// allows. The documents name theirs (internal/pdf), so a signature drawn on
// screen records its decision in the same transaction as the signed copy.
type Confirmation string

// Confirmations.
const (
	ConfirmAnalysis   Confirmation = "analysis"   // 需求分析确认函: the customer confirms the analysis
	ConfirmPlan       Confirmation = "plan"       // 服务方案确认函: the customer confirms the plan
	ConfirmAcceptance Confirmation = "acceptance" // 交付验收单: 验收通过 / 不通过，需整改, with remarks
	ConfirmFeedback   Confirmation = "feedback"   // 满意度调查表: the customer confirms the scores given
)

// Verdict is the decision a signature carries, as the signing dialog asks
// for it. Accepted and Remarks belong to the acceptance form only.
type Verdict struct {
	Accepted *bool  `json:"accepted"`
	Remarks  string `json:"remarks"`
}

// Confirmed is a confirmation applied to its record: the new body, and the
// step of the lifecycle that follows ("" when none does).
type Confirmed struct {
	Record Record
	Body   json.RawMessage
	Step   Action
	// Summary says in Chinese what was recorded, for the history.
	Summary string
}

// ConfirmationRecord returns the record a confirmation concerns among
// recs: the analysis, the current plan version, the latest delivery or the
// latest feedback obtained.
func ConfirmationRecord(c Confirmation, recs []Record) (Record, bool) {
	if c == ConfirmPlan {
		rec, _, ok := CurrentPlan(recs)
		return rec, ok
	}
	kind := map[Confirmation]RecordKind{ConfirmAnalysis: KindAnalysis, ConfirmAcceptance: KindDelivery, ConfirmFeedback: KindFeedback}[c]
	if kind == "" {
		return Record{}, false
	}
	sorted := append([]Record(nil), recs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].CreatedAt.Before(sorted[j].CreatedAt) })
	var found Record
	ok := false
	for _, rec := range sorted {
		if rec.Kind == kind {
			found, ok = rec, true
		}
	}
	if ok && kind == KindFeedback {
		fb, err := BodyOf[Feedback](found)
		ok = err == nil && fb.Obtained
	}
	return found, ok
}

// CheckVerdict validates what a signature of c decides, before anything is
// written: the acceptance form needs 通过 or 不通过, and remarks saying what to
// rectify when it is 不通过.
func CheckVerdict(c Confirmation, v *Verdict) error {
	v.Remarks = strings.TrimSpace(v.Remarks)
	var fe apperr.Fields
	fe.MaxLen("remarks", v.Remarks, MaxText)
	if err := fe.Err(); err != nil {
		e, _ := apperr.As(err)
		e.Message = "验收意见过长或含有无法识别的字符"
		return e
	}
	if c != ConfirmAcceptance {
		if v.Accepted != nil || v.Remarks != "" {
			return &apperr.Error{Code: apperr.Invalid, Message: "只有交付验收单的签字带验收结论",
				Fields: []apperr.FieldError{{Field: "accepted", Key: "not_allowed"}}}
		}
		return nil
	}
	if v.Accepted == nil {
		return &apperr.Error{Code: apperr.Invalid, Message: "请选择验收结论：验收通过，或验收不通过、需整改",
			Fields: []apperr.FieldError{{Field: "accepted", Key: "required"}}}
	}
	if !*v.Accepted && v.Remarks == "" {
		return &apperr.Error{Code: apperr.Invalid, Message: "验收不通过时请在验收意见中写明需整改的内容",
			Fields: []apperr.FieldError{{Field: "remarks", Key: "required"}}}
	}
	return nil
}

// Confirm writes a customer's signature (signer, on YYYY-MM-DD) and its
// verdict into the record rec that c concerns, and names the step of the
// lifecycle that follows from status: the customer confirming the analysis
// or the plan, or accepting the delivery. A refused delivery stays waiting
// for acceptance, marked 不通过 with the remarks, until it is delivered again.
// The step is still taken through Next, so its guards apply.
func Confirm(c Confirmation, rec Record, status Status, signer, on string, v Verdict) (Confirmed, error) {
	out := Confirmed{Record: rec}
	var body any
	switch c {
	case ConfirmAnalysis:
		a, err := BodyOf[Analysis](rec)
		if err != nil {
			return out, err
		}
		a.SignedBy, a.SignedOn = signer, on
		body, out.Summary = a, "客户代表"+signer+"签字确认需求分析"
		if status == StatusAnalysisConfirm {
			out.Step = ActAnalysisOK
		}
	case ConfirmPlan:
		p, err := BodyOf[Plan](rec)
		if err != nil {
			return out, err
		}
		p.SignedBy, p.SignedOn = signer, on
		body, out.Summary = p, "客户代表"+signer+"签字确认服务方案"
		if status == StatusPlanConfirm {
			out.Step = ActPlanOK
		}
	case ConfirmAcceptance:
		d, err := BodyOf[Delivery](rec)
		if err != nil {
			return out, err
		}
		accepted := *v.Accepted
		d.Accepted, d.Representative, d.AcceptedOn, d.Remarks = &accepted, signer, on, v.Remarks
		body = d
		if accepted {
			out.Summary = "客户代表" + signer + "签字：验收通过"
			if status == StatusAcceptance {
				out.Step = ActAccept
			}
		} else {
			out.Summary = "客户代表" + signer + "签字：验收不通过，需整改"
		}
		if v.Remarks != "" {
			out.Summary += "。验收意见：" + v.Remarks
		}
	case ConfirmFeedback:
		fb, err := BodyOf[Feedback](rec)
		if err != nil {
			return out, err
		}
		fb.SignedBy, fb.SignedOn = signer, on
		body, out.Summary = fb, "客户"+signer+"签字确认满意度评价"
	default:
		return out, apperr.Errorf(apperr.Invalid, "未知的确认类型：%s", c)
	}
	raw, err := json.Marshal(body)
	out.Body = raw
	return out, err
}
