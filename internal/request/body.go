package request

import (
	"encoding/json"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// NewBody returns a new, empty body of kind's struct (a pointer: *Task for
// KindTask …), or false for a kind ReqDesk does not know.
func NewBody(kind RecordKind) (any, bool) {
	switch kind {
	case KindCommunication:
		return &Communication{}, true
	case KindResearch:
		return &Research{}, true
	case KindSubRequirement:
		return &SubRequirement{}, true
	case KindAnalysis:
		return &Analysis{}, true
	case KindPlan:
		return &Plan{}, true
	case KindReview:
		return &Review{}, true
	case KindTeamMember:
		return &TeamMember{}, true
	case KindTask:
		return &Task{}, true
	case KindProgress:
		return &Progress{}, true
	case KindException:
		return &Exception{}, true
	case KindDelivery:
		return &Delivery{}, true
	case KindFeedback:
		return &Feedback{}, true
	case KindResultNote:
		return &ResultNote{}, true
	case KindRetrospective:
		return &Retrospective{}, true
	case KindEmergency:
		return &Emergency{}, true
	case KindHandover:
		return &Handover{}, true
	case KindComplaint:
		return &Complaint{}, true
	case KindValueAssessment:
		return &ValueAssessment{}, true
	}
	return nil, false
}

// DecodeRecord decodes a stored record's body into its kind's struct (a
// pointer, see NewBody). It is the one place a stored body is read: a body
// that is not an object of its kind's shape (an unknown kind, a number where
// text belongs) is damaged data, reported as record_corrupt naming the
// record, never read as an empty record. Keys the struct does not know are
// ignored here; a body's shape changes through a migration step
// (store.goSteps), not on reading.
func DecodeRecord(rec Record) (any, error) {
	v, ok := NewBody(rec.Kind)
	if !ok {
		return nil, corrupt(rec, "未知的记录类型")
	}
	raw := rec.Body
	if len(raw) == 0 {
		raw = json.RawMessage("{}")
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, corrupt(rec, err.Error())
	}
	return v, nil
}

// BodyOf returns rec's body as T, the struct of rec's kind (BodyOf[Task]
// for a task); a record of another kind is an error too.
func BodyOf[T any](rec Record) (T, error) {
	var zero T
	v, err := DecodeRecord(rec)
	if err != nil {
		return zero, err
	}
	p, ok := v.(*T)
	if !ok {
		return zero, corrupt(rec, "记录类型不符")
	}
	return *p, nil
}

// CheckRecords decodes the body of every record but the one with id
// except ("" for none) and returns the first damaged one's error: a change
// that reads the records stops on it rather than read it as not done.
func CheckRecords(recs []Record, except string) error {
	for _, rec := range recs {
		if rec.ID == except && except != "" {
			continue
		}
		if _, err := DecodeRecord(rec); err != nil {
			return err
		}
	}
	return nil
}

func corrupt(rec Record, detail string) error {
	return apperr.New(apperr.Internal, "record_corrupt",
		apperr.P{"kind": string(rec.Kind), "id": rec.ID, "detail": detail})
}

// RecordIndex is what the store keeps of a record's body as columns, so
// that it can be queried and enforced without reading the body: the owner,
// status and due date of a task (a sub-requirement's milestone is its due
// date), and what the record depends on.
type RecordIndex struct {
	Owner     string
	Status    string
	Due       string
	DependsOn []string
}

// IndexOf returns the columns kept of a decoded body (see DecodeRecord);
// the zero RecordIndex for kinds that have none of them.
func IndexOf(body any) RecordIndex {
	switch b := body.(type) {
	case *Task:
		return RecordIndex{Owner: b.Owner, Status: b.Status, Due: b.Due, DependsOn: unique(b.DependsOn)}
	case Task:
		return IndexOf(&b)
	case *SubRequirement:
		return RecordIndex{Owner: b.Owner, Status: b.Status, Due: b.Milestone, DependsOn: unique(b.DependsOn)}
	case SubRequirement:
		return IndexOf(&b)
	case *Complaint:
		return RecordIndex{Owner: b.Investigator, Status: b.Status}
	case Complaint:
		return IndexOf(&b)
	}
	return RecordIndex{}
}

// unique returns ids without repeats, in their order.
func unique(ids []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
