package request

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// KindValueAssessment is a quarterly value assessment of a high-value need
// (plan 004): kept only through the command value.assess.
const KindValueAssessment RecordKind = "value_assessment"

// HighValue reports whether the analysis marks the request a high-value
// need, assessed every quarter (plan 004): customer or business value
// scored 4 or 5, the same "important" the four quadrants use.
func (a Analysis) HighValue() bool { return a.CustomerValue >= 4 || a.BusinessValue >= 4 }

// HighValue reports whether recs hold an analysis that marks the request a
// high-value need.
func HighValue(recs []Record) bool {
	for _, rec := range recs {
		if rec.Kind != KindAnalysis {
			continue
		}
		if a, err := BodyOf[Analysis](rec); err == nil && a.HighValue() {
			return true
		}
	}
	return false
}

// Improvements are what a need can have been turned into, the archive's
// categories of plan 004: 产品改进, 服务优化, 新功能建议.
var Improvements = []string{"product", "service", "feature"}

// ValueAssessment is one quarter's assessment of a high-value need: did the
// customer buy again, how much did it save, and was an improvement made of
// it (the conversion plan 004 measures, ≥ 30%).
type ValueAssessment struct {
	Quarter        string  `json:"quarter"` // 2026Q4
	RepeatPurchase bool    `json:"repeatPurchase"`
	CostSaved      float64 `json:"costSaved"` // yuan
	// Improvement is the kind of improvement made of the need (one of
	// Improvements), "" when none was; ImprovementNote says what it was.
	Improvement     string    `json:"improvement"`
	ImprovementNote string    `json:"improvementNote"`
	Note            string    `json:"note"`
	Assessor        string    `json:"assessor"`
	AssessedAt      time.Time `json:"assessedAt"`
}

// Converted reports whether the assessment found the need turned into an
// improvement.
func (v ValueAssessment) Converted() bool { return v.Improvement != "" }

// ValueInput is what a person enters for a quarter's assessment.
type ValueInput struct {
	Quarter         string  `json:"quarter"`
	RepeatPurchase  bool    `json:"repeatPurchase"`
	CostSaved       float64 `json:"costSaved"`
	Improvement     string  `json:"improvement"`
	ImprovementNote string  `json:"improvementNote"`
	Note            string  `json:"note"`
}

// ValueContext is what the assessment rule reads besides the input: the
// request with its records, who assesses, now and the company's zone.
type ValueContext struct {
	Request Request
	Records []Record
	Actor   string
	Now     time.Time
	Zone    *time.Location
}

// MaxCostSaved bounds the cost saved a quarter can record, in yuan.
const MaxCostSaved = 1e10

// Quarter is the quarter ("2026Q4") t falls in, in zone.
func Quarter(t time.Time, zone *time.Location) string {
	if zone != nil {
		t = t.In(zone)
	}
	return fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())-1)/3+1)
}

// parseQuarter reads "2026Q4" into a comparable number (year*4 + quarter-1).
func parseQuarter(s string) (int, bool) {
	y, q, ok := strings.Cut(strings.ToUpper(s), "Q")
	if !ok || len(y) != 4 || len(q) != 1 {
		return 0, false
	}
	yn, err1 := strconv.Atoi(y)
	qn, err2 := strconv.Atoi(q)
	if err1 != nil || err2 != nil || yn < 2000 || yn > 2100 || qn < 1 || qn > 4 {
		return 0, false
	}
	return yn*4 + qn - 1, true
}

// ValueAssessments returns the assessments among recs, skipping damaged ones.
func ValueAssessments(recs []Record) []ValueAssessment {
	var out []ValueAssessment
	for _, rec := range recs {
		if rec.Kind != KindValueAssessment {
			continue
		}
		if v, err := BodyOf[ValueAssessment](rec); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// AssessValue checks a quarter's assessment of a need and returns its body:
// the request must be a high-value need (HighValue) that was not judged
// invalid or cancelled; the quarter one from the quarter it was received in
// up to the current one, not assessed before; the cost saved a number from
// 0; an improvement one of Improvements, saying what was made.
func AssessValue(in ValueInput, c ValueContext) (ValueAssessment, error) {
	st := c.Request.Status
	if st == StatusRejected || st == StatusCancelled {
		return ValueAssessment{}, apperr.New(apperr.Forbidden, "records_read_only", apperr.P{"status": st.Term()})
	}
	if !HighValue(c.Records) {
		return ValueAssessment{}, apperr.New(apperr.Invalid, "value_not_high", apperr.P{"number": c.Request.Number})
	}
	out := ValueAssessment{Quarter: strings.ToUpper(trim(in.Quarter)), RepeatPurchase: in.RepeatPurchase, CostSaved: in.CostSaved,
		Improvement: trim(in.Improvement), ImprovementNote: trim(in.ImprovementNote), Note: trim(in.Note),
		Assessor: c.Actor, AssessedAt: c.Now}
	var fe apperr.Fields
	q, ok := parseQuarter(out.Quarter)
	switch {
	case out.Quarter == "":
		fe.Add("quarter", "required")
	case !ok:
		fe.Add("quarter", "quarter_invalid")
	default:
		now, _ := parseQuarter(Quarter(c.Now, c.Zone))
		from, _ := parseQuarter(Quarter(c.Request.Fields.ReceivedAt, c.Zone))
		switch {
		case q > now:
			fe.Add("quarter", "in_future")
		case q < from:
			fe.Add("quarter", "before_receipt_quarter")
		}
		for _, v := range ValueAssessments(c.Records) {
			if v.Quarter == out.Quarter {
				fe.Add("quarter", "value_assessed")
				break
			}
		}
	}
	if math.IsNaN(out.CostSaved) || out.CostSaved < 0 || out.CostSaved > MaxCostSaved {
		fe.Range("costSaved", 0, MaxCostSaved)
	}
	oneOf(&fe, "improvement", out.Improvement, false, Improvements...)
	if out.Improvement != "" {
		fe.Required("improvementNote", out.ImprovementNote, MaxText)
	} else {
		fe.MaxLen("improvementNote", out.ImprovementNote, MaxText)
	}
	fe.MaxLen("note", out.Note, MaxText)
	return out, fe.Err()
}

// ArchiveGaps lists the documents of a request's service archive its path
// requires that its records cannot make (plan 004: archive completeness
// ≥ 98%): on the full path the signed 需求分析确认函, the approved 服务方案书
// and the signed 服务方案确认函, the 交付验收单 the customer accepted; on the
// short path the 处理结果说明; on both the 满意度调查表 (feedback, or the
// reason none was had). The 客户需求登记表 is made from the request itself.
func ArchiveGaps(path Path, recs []Record) []string {
	have := map[string]bool{}
	for _, rec := range recs {
		switch rec.Kind {
		case KindAnalysis:
			if a, err := BodyOf[Analysis](rec); err == nil && a.SignedBy != "" {
				have["analysis_letter"] = true
			}
		case KindDelivery:
			if d, err := BodyOf[Delivery](rec); err == nil && d.Accepted != nil && *d.Accepted {
				have["acceptance"] = true
			}
		case KindResultNote:
			have["result_note"] = true
		case KindFeedback:
			have["survey"] = true
		}
	}
	if _, p, ok := CurrentPlan(recs); ok {
		have["plan_book"] = p.ApprovedBy != ""
		have["plan_letter"] = p.SignedBy != ""
	}
	need := []string{"result_note", "survey"}
	if path == PathFull {
		need = []string{"analysis_letter", "plan_book", "plan_letter", "acceptance", "survey"}
	}
	var out []string
	for _, n := range need {
		if !have[n] {
			out = append(out, n)
		}
	}
	return out
}
