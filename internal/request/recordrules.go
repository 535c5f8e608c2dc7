package request

import (
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// RecordSave is what the rules for saving a stage record read besides the
// input: the request, all its records, the people the record may name, who
// records it, and now.
type RecordSave struct {
	Request Request
	Records []Record
	Staff   Staff
	Actor   string
	Now     time.Time
	Zone    *time.Location // the company's time zone, of the dates entered
}

// SavedRecord is what saving a record comes to: the record it replaces
// (nil when it is added), its parent, and its body, checked and normalized
// (a pointer, see NewBody), with Index the columns kept of it.
type SavedRecord struct {
	Before   *Record
	ParentID string
	Body     any
	Index    RecordIndex
}

// CheckWritable refuses changes to a closed request's records: archived,
// rejected and cancelled requests are read-only.
func CheckWritable(r Request) error {
	if r.Status.Closed() {
		return apperr.New(apperr.Forbidden, "records_read_only", apperr.P{"status": r.Status.Term()})
	}
	return nil
}

// SaveRecord decides whether the record in may be saved on s.Request, and
// what it becomes: the request must be open, the body valid for its kind
// (DecodeBody), the other records readable (a damaged one, a plan say,
// must not read as absent; a damaged record itself may be saved anew), a
// replaced record the version read, a plan under review untouched; then the rules that involve the
// siblings (CheckSiblings).
func SaveRecord(in RecordInput, s RecordSave) (SavedRecord, error) {
	var out SavedRecord
	if err := CheckWritable(s.Request); err != nil {
		return out, err
	}
	if in.Kind == KindComplaint {
		return out, apperr.New(apperr.Forbidden, "complaint_by_steps", nil)
	}
	if in.Kind == KindValueAssessment {
		return out, apperr.New(apperr.Forbidden, "value_by_command", nil)
	}
	body, _, err := DecodeBody(in.Kind, in.Body, RecordCheck{
		Span: EnteredSpan(s.Request.Fields.ReceivedAt, s.Now).In(s.Zone), Staff: s.Staff, Actor: s.Actor})
	if err != nil {
		return out, err
	}
	// A damaged record itself is repaired by saving it anew.
	if err := CheckRecords(s.Records, in.ID); err != nil {
		return out, err
	}
	if in.ID != "" {
		b, ok := findRecord(s.Records, in.ID)
		if !ok || b.Kind != in.Kind {
			return out, apperr.Missing("record")
		}
		if b.Version != in.Version {
			return out, apperr.Stale("record")
		}
		out.Before = &b
		in.ParentID = b.ParentID // a record never moves to another parent
	}
	req := s.Request
	if in.Kind == KindPlan && out.Before != nil &&
		(req.Status == StatusPlanReview || req.Status == StatusPlanApproval) {
		return out, apperr.New(apperr.Forbidden, "plan_locked", apperr.P{"status": req.Status.Term()})
	}
	if err := CheckSiblings(in, out.Before, body, s.Records); err != nil {
		return out, err
	}
	out.ParentID, out.Body, out.Index = in.ParentID, body, IndexOf(body)
	return out, nil
}

func findRecord(recs []Record, id string) (Record, bool) {
	for _, r := range recs {
		if r.ID == id {
			return r, true
		}
	}
	return Record{}, false
}

// CheckSiblings applies the rules that involve a record's siblings:
// parents, singletons, plan versions and dependencies. body is the decoded
// body of in (see DecodeBody); a plan's version, supersession and approval
// are set on it from before, as they belong to the process, not the form.
func CheckSiblings(in RecordInput, before *Record, body any, siblings []Record) error {
	byID := map[string]Record{}
	for _, r := range siblings {
		byID[r.ID] = r
	}
	if pk := in.Kind.ParentKind(); pk != "" {
		if in.ParentID == "" && in.Kind == KindReview {
			return fieldErr("parentId", "required", "请选择所评审的方案版本")
		}
		if p, ok := byID[in.ParentID]; in.ParentID != "" && (!ok || p.Kind != pk) {
			return fieldErr("parentId", "not_found", "上级记录不存在")
		}
	} else if in.ParentID != "" {
		return fieldErr("parentId", "not_allowed", "此类记录没有上级")
	}
	if before == nil && in.Kind.Singleton() {
		for _, r := range siblings {
			if r.Kind == in.Kind {
				return apperr.New(apperr.Conflict, "record_exists", nil)
			}
		}
	}
	switch b := body.(type) {
	case *Plan:
		if before == nil {
			if _, _, ok := CurrentPlan(siblings); ok {
				return apperr.New(apperr.Conflict, "plan_version_exists", nil)
			}
			b.VersionNo, b.Superseded, b.ApprovedBy, b.ApprovedAt = 1, false, "", ""
			return nil
		}
		old, err := BodyOf[Plan](*before)
		if err != nil {
			return err
		}
		if old.Superseded {
			return apperr.New(apperr.Forbidden, "plan_superseded", apperr.P{"version": old.VersionNo})
		}
		if old.ApprovedBy != "" {
			// After approval only the customer's signature may be recorded.
			signedBy, signedOn := b.SignedBy, b.SignedOn
			*b = old
			b.SignedBy, b.SignedOn = signedBy, signedOn
		}
		b.VersionNo, b.Superseded, b.ApprovedBy, b.ApprovedAt = old.VersionNo, old.Superseded, old.ApprovedBy, old.ApprovedAt
	case *SubRequirement:
		return checkDependencies(in, b.DependsOn, b.Status == "done", siblings)
	case *Task:
		return checkDependencies(in, b.DependsOn, b.Status == "done", siblings)
	}
	return nil
}

// dependency is what the dependency rules read of a task or
// sub-requirement.
type dependency struct {
	title     string
	dependsOn []string
	done      bool // a dependency on it is met
}

func dependencyOf(rec Record) (dependency, error) {
	switch rec.Kind {
	case KindTask:
		t, err := BodyOf[Task](rec)
		return dependency{t.Title, t.DependsOn, !t.Open()}, err
	case KindSubRequirement:
		s, err := BodyOf[SubRequirement](rec)
		return dependency{s.Title, s.DependsOn, s.Status == "done"}, err
	}
	return dependency{}, nil
}

// checkDependencies checks that a record depends only on siblings of its kind
// (and parent), that the dependencies make no cycle, and that it is not done
// before what it depends on.
func checkDependencies(in RecordInput, deps []string, done bool, siblings []Record) error {
	byID := map[string]dependency{}
	edges := map[string][]string{}
	for _, r := range siblings {
		if r.Kind != in.Kind || r.ParentID != in.ParentID || r.ID == in.ID {
			continue // the record's own edges are the new ones
		}
		d, err := dependencyOf(r)
		if err != nil {
			return err
		}
		byID[r.ID] = d
		edges[r.ID] = d.dependsOn
	}
	self := in.ID
	if self == "" {
		self = "(new)"
	}
	edges[self] = deps
	var waiting []string
	for _, d := range deps {
		dep, ok := byID[d]
		if !ok || d == in.ID {
			return fieldErr("dependsOn", "not_found", "依赖的事项须是同一层级的其他事项")
		}
		if !dep.done {
			waiting = append(waiting, dep.title)
		}
	}
	// A cycle through self exists if self is reachable from one of its deps.
	seen := map[string]bool{}
	var reach func(string) bool
	reach = func(n string) bool {
		if n == self {
			return true
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		for _, m := range edges[n] {
			if reach(m) {
				return true
			}
		}
		return false
	}
	for _, d := range deps {
		if reach(d) {
			return fieldErr("dependsOn", "cycle", "依赖关系形成了循环")
		}
	}
	if done && len(waiting) > 0 {
		return &apperr.Error{Code: apperr.Invalid, Message: "所依赖的事项尚未完成：" + strings.Join(waiting, "、"),
			Key: "dependencies_open", Params: apperr.P{"items": waiting},
			Fields: []apperr.FieldError{{Field: "status", Key: "dependencies_open"}}}
	}
	return nil
}

func fieldErr(field, key, msg string) error {
	return &apperr.Error{Code: apperr.Invalid, Message: msg, Fields: []apperr.FieldError{{Field: field, Key: key}}}
}

// DeleteRecord decides whether rec, read at version, may be deleted from
// req with its records recs: the request must be open, plan versions are
// kept, and nothing may depend on it or sit under it.
func DeleteRecord(rec Record, version int64, req Request, recs []Record) error {
	if rec.Version != version {
		return apperr.Stale("record")
	}
	if err := CheckWritable(req); err != nil {
		return err
	}
	if rec.Kind == KindPlan {
		return apperr.New(apperr.Forbidden, "plan_versions_kept", nil)
	}
	if rec.Kind == KindComplaint {
		return apperr.New(apperr.Forbidden, "complaint_kept", nil)
	}
	if rec.Kind == KindValueAssessment {
		return apperr.New(apperr.Forbidden, "value_kept", nil)
	}
	for _, o := range recs {
		if o.ID == rec.ID {
			continue // a damaged record can still be deleted
		}
		d, err := dependencyOf(o)
		if err != nil {
			return err
		}
		for _, dep := range d.dependsOn {
			if dep == rec.ID {
				return apperr.New(apperr.Conflict, "record_has_dependents", nil)
			}
		}
		if o.ParentID == rec.ID {
			return apperr.New(apperr.Conflict, "record_has_children", nil)
		}
	}
	return nil
}
