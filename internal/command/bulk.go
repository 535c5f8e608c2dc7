package command

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// BulkKind names what a bulk action does to each request selected.
type BulkKind string

// Bulk actions of the request list.
const (
	BulkClassify BulkKind = "classify" // 分类定级: the triage step with department and path
	BulkAssign   BulkKind = "assign"   // 分配负责人: the assign step
	BulkUrgency  BulkKind = "urgency"  // 改紧急程度: an edit of the urgency field
	BulkStep     BulkKind = "step"     // a common step (start, hold, cancel, archive …)
)

// MaxBulk bounds how many requests one bulk action takes: a selection of
// "all N matching the filter" beyond it is refused before anything is done.
const MaxBulk = 1000

// Bulk is one action taken on many requests of the list, by the rows
// selected (IDs) or by the list's filter (Query, when IDs is empty). It is
// not a command of its own: each request is changed by the command that
// changes one (MoveRequest, UpdateRequest) in a transaction of its own,
// with that request's guards, audit and team sync, so a refused request
// leaves the others done.
type Bulk struct {
	IDs     []string        `json:"ids"`
	Query   *request.Query  `json:"query,omitempty"`
	Kind    BulkKind        `json:"kind"`
	Move    request.Move    `json:"move"`    // classify (department, path), assign (owner), step (action, reason …)
	Urgency request.Urgency `json:"urgency"` // urgency
}

// BulkItem is what became of one request of a bulk action: done, or
// refused with the reason its own guard gave (a message the UI translates,
// and its Chinese text).
type BulkItem struct {
	ID     string         `json:"id"`
	Number string         `json:"number"`
	Done   bool           `json:"done"`
	Error  *apperr.Error  `json:"error,omitempty"`
	Status request.Status `json:"status"` // after the action
}

// BulkResult sums up a bulk action: every request with what became of it,
// in the order taken.
type BulkResult struct {
	Done    int        `json:"done"`
	Refused int        `json:"refused"`
	Items   []BulkItem `json:"items"`
}

// check refuses a bulk action that cannot be carried out on any request,
// naming the field: nothing is done then.
func (b Bulk) check() error {
	var fe apperr.Fields
	if len(b.IDs) == 0 && b.Query == nil {
		fe.Add("ids", "required")
	}
	if len(b.IDs) > MaxBulk {
		fe.AddParams("ids", "too_many", map[string]any{"max": MaxBulk})
	}
	switch b.Kind {
	case BulkClassify:
		if strings.TrimSpace(b.Move.Department) == "" {
			fe.Add("department", "required")
		}
	case BulkAssign:
		if strings.TrimSpace(b.Move.Owner) == "" {
			fe.Add("owner", "required")
		}
	case BulkUrgency:
		if !slices.Contains(request.Urgencies, b.Urgency) {
			fe.Add("urgency", "not_in_list")
		}
	case BulkStep:
		if b.Move.Action == "" {
			fe.Add("action", "required")
		}
	default:
		fe.Add("kind", "not_in_list")
	}
	return fe.Err()
}

// RunBulk carries out b on each request it selects, one transaction per
// request through the command that changes one, and reports what was done
// and what was refused and why. allow says whether the person acting may
// call the bound method behind a command (the role table of serve mode); a
// request it refuses is reported like one a guard refused. Only a bulk
// action refused as a whole (bad input, too many requests) is an error.
func RunBulk(ctx context.Context, s *Service, b Bulk, allow func(method string) error) (BulkResult, error) {
	var out BulkResult
	if err := b.check(); err != nil {
		return out, err
	}
	ids := b.IDs
	if len(ids) == 0 {
		var err error
		if ids, err = s.selected(ctx, *b.Query); err != nil {
			return out, err
		}
	}
	for _, id := range ids {
		item := s.bulkOne(ctx, b, id, allow)
		if item.Done {
			out.Done++
		} else {
			out.Refused++
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// selected lists the ids of the requests q selects, in its order, refusing
// more than MaxBulk.
func (s *Service) selected(ctx context.Context, q request.Query) ([]string, error) {
	q.Offset, q.Limit, q.ExactTotal = 0, request.MaxLimit, true
	var ids []string
	for {
		page, err := s.st.ListRequests(ctx, q)
		if err != nil {
			return nil, err
		}
		if page.Total > MaxBulk {
			return nil, &apperr.Error{Code: apperr.Invalid, Message: fmt.Sprintf("一次最多处理 %d 条需求", MaxBulk),
				Fields: []apperr.FieldError{{Field: "ids", Key: "too_many", Params: map[string]any{"max": MaxBulk}}}}
		}
		for _, r := range page.Items {
			ids = append(ids, r.ID)
		}
		if len(page.Items) < q.Limit || len(ids) >= page.Total {
			return ids, nil
		}
		q.Offset += q.Limit
	}
}

// bulkOne takes the bulk action on one request.
func (s *Service) bulkOne(ctx context.Context, b Bulk, id string, allow func(string) error) BulkItem {
	item := BulkItem{ID: id}
	refuse := func(err error) BulkItem {
		e, ok := apperr.As(err)
		if !ok {
			slog.Error("bulk action", "kind", b.Kind, "request", id, "err", err)
			e = &apperr.Error{Code: apperr.Internal, Message: "内部错误"}
		}
		item.Error = e
		return item
	}
	d, err := s.st.Request(ctx, id)
	if err != nil {
		return refuse(err)
	}
	r := d.Request
	item.Number, item.Status = r.Number, r.Status
	var name string
	var run func() (request.Request, error)
	switch b.Kind {
	case BulkUrgency:
		f := r.Fields
		f.Urgency = b.Urgency
		c := UpdateRequest{ID: id, Version: r.Version, Fields: f}
		name, run = c.Name(), func() (request.Request, error) { return Run(ctx, s, c) }
	default:
		m := b.Move
		switch b.Kind {
		case BulkClassify:
			m.Action = request.ActTriage
		case BulkAssign:
			m.Action = request.ActAssign
		}
		c := MoveRequest{ID: id, Version: r.Version, Move: m}
		name, run = c.Name(), func() (request.Request, error) { return Run(ctx, s, c) }
	}
	if allow != nil {
		if err := allow(Method(name)); err != nil {
			return refuse(err)
		}
	}
	after, err := run()
	if err != nil {
		return refuse(err)
	}
	item.Done, item.Status = true, after.Status
	return item
}
