package command_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
)

// move takes a step on a request as the UI would, from the version it has.
func move(t *testing.T, ctx context.Context, svc *command.Service, id string, m request.Move) request.Request {
	t.Helper()
	d, err := svc.Store().Request(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	r, err := command.Run(ctx, svc, command.MoveRequest{ID: id, Version: d.Request.Version, Move: m})
	if err != nil {
		t.Fatalf("%s: %v", m.Action, err)
	}
	return r
}

func historyOf(t *testing.T, ctx context.Context, svc *command.Service, id string) int {
	t.Helper()
	h, err := svc.Store().History(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return len(h)
}

// TestBulk: a bulk assign of three requests, one still unclassified, assigns
// two and refuses the third with its own guard's reason; each request done
// has its own audit entry, the refused one none. A bulk action by a role
// the table refuses is reported row by row; bad input refuses it all.
func TestBulk(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "李娜")
	svc, c, path := requestsWorld(t)
	var ids []string
	for _, title := range []string{"咨询系统对接方案", "打印机报障", "定制生产排程模块"} {
		r, err := command.Run(ctx, svc, command.CreateRequest{Fields: intakeOf(c, title)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	res, err := command.RunBulk(ctx, svc, command.Bulk{IDs: ids[:2], Kind: command.BulkClassify,
		Move: request.Move{Department: "技术支持部", Path: request.PathShort}}, nil)
	if err != nil || res.Done != 2 || res.Refused != 0 {
		t.Fatalf("classify = %+v, %v", res, err)
	}
	before := historyOf(t, ctx, svc, ids[2])
	res, err = command.RunBulk(ctx, svc, command.Bulk{IDs: ids, Kind: command.BulkAssign, Move: request.Move{Owner: "李娜"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Done != 2 || res.Refused != 1 || len(res.Items) != 3 {
		t.Fatalf("assign = %+v", res)
	}
	for i, it := range res.Items {
		if it.ID != ids[i] || it.Number == "" {
			t.Fatalf("item %d = %+v", i, it)
		}
	}
	refused := res.Items[2]
	if refused.Done || refused.Error == nil || refused.Error.Code != apperr.InvalidTransition ||
		!strings.Contains(refused.Error.Message, "已登记") || refused.Status != request.StatusRegistered {
		t.Fatalf("refused item = %+v (%v)", refused, refused.Error)
	}
	for _, id := range ids[:2] {
		d, _ := svc.Store().Request(ctx, id)
		if d.Request.Status != request.StatusAssigned || d.Request.Fields.Owner != "李娜" {
			t.Fatalf("assigned request = %s, %s", d.Request.Status, d.Request.Fields.Owner)
		}
		// Created, classified, assigned: an entry each.
		if n := historyOf(t, ctx, svc, id); n != 3 {
			t.Fatalf("history of an assigned request = %d entries", n)
		}
	}
	if n := historyOf(t, ctx, svc, ids[2]); n != before {
		t.Fatalf("the refused request got %d entries", n-before)
	}

	t.Run("Urgency", func(t *testing.T) {
		res, err := command.RunBulk(ctx, svc, command.Bulk{Query: &request.Query{Statuses: []request.Status{request.StatusAssigned}},
			Kind: command.BulkUrgency, Urgency: request.UrgencyImportant}, nil)
		if err != nil || res.Done != 2 || res.Refused != 0 {
			t.Fatalf("urgency by filter = %+v, %v", res, err)
		}
		d, _ := svc.Store().Request(ctx, ids[0])
		if d.Request.Fields.Urgency != request.UrgencyImportant {
			t.Fatalf("urgency = %s", d.Request.Fields.Urgency)
		}
	})
	t.Run("Step", func(t *testing.T) {
		res, err := command.RunBulk(ctx, svc, command.Bulk{IDs: ids, Kind: command.BulkStep, Move: request.Move{Action: request.ActStart}}, nil)
		if err != nil || res.Done != 2 || res.Refused != 1 || res.Items[0].Status != request.StatusHandling {
			t.Fatalf("start = %+v, %v", res, err)
		}
	})
	t.Run("ErrRole", func(t *testing.T) {
		entries := rowsIn(t, path, "audit_log")
		deny := func(method string) error {
			return apperr.New(apperr.Forbidden, "forbidden_role", apperr.P{"roles": []string{"supervisor"}})
		}
		res, err := command.RunBulk(ctx, svc, command.Bulk{IDs: ids, Kind: command.BulkUrgency, Urgency: request.UrgencyUrgent}, deny)
		if err != nil || res.Done != 0 || res.Refused != 3 || res.Items[0].Error.Code != apperr.Forbidden {
			t.Fatalf("refused by role = %+v, %v", res, err)
		}
		if rowsIn(t, path, "audit_log") != entries {
			t.Fatal("a bulk action refused by role wrote")
		}
	})
	t.Run("ErrInput", func(t *testing.T) {
		for _, b := range []command.Bulk{
			{Kind: command.BulkAssign, Move: request.Move{Owner: "李娜"}},
			{IDs: ids, Kind: command.BulkAssign},
			{IDs: ids, Kind: command.BulkClassify},
			{IDs: ids, Kind: command.BulkUrgency, Urgency: "很急"},
			{IDs: ids, Kind: "delete"},
			{IDs: make([]string, command.MaxBulk+1), Kind: command.BulkStep, Move: request.Move{Action: request.ActStart}},
		} {
			if _, err := command.RunBulk(ctx, svc, b, nil); apperr.CodeOf(err) != apperr.Invalid {
				t.Errorf("%+v: err = %v, want invalid", b.Kind, err)
			}
		}
	})
}

// TestRestore: a cancelled request is restored, with a reason, to the status
// it was cancelled from; one screened out as invalid likewise, its
// duplicate link dropped; an archived one reopens to handling. Every step
// is in the transitions and the audit trail; without a reason nothing is
// written.
func TestRestore(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "李娜")
	svc, c, path := requestsWorld(t)
	r, err := command.Run(ctx, svc, command.CreateRequest{Fields: intakeOf(c, "咨询系统对接方案")})
	if err != nil {
		t.Fatal(err)
	}
	move(t, ctx, svc, r.ID, request.Move{Action: request.ActTriage, Department: "技术支持部", Path: request.PathShort})
	move(t, ctx, svc, r.ID, request.Move{Action: request.ActAssign, Owner: "李娜"})
	move(t, ctx, svc, r.ID, request.Move{Action: request.ActStart})
	cancelled := move(t, ctx, svc, r.ID, request.Move{Action: request.ActCancel, Reason: "客户撤回"})

	if d, _ := svc.Store().Request(ctx, r.ID); len(d.Options) != 1 || d.Options[0].Action != request.ActRestore || d.Options[0].To != request.StatusHandling {
		t.Fatalf("a cancelled request offers %+v", d.Options)
	}
	entries := rowsIn(t, path, "audit_log")
	_, err = command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: cancelled.Version, Move: request.Move{Action: request.ActRestore}})
	if e, ok := apperr.As(err); !ok || e.Code != apperr.InvalidTransition || !strings.Contains(e.Message, "原因") {
		t.Fatalf("restore without reason: %v", err)
	}
	if rowsIn(t, path, "audit_log") != entries {
		t.Fatal("a refused restore wrote")
	}
	back := move(t, ctx, svc, r.ID, request.Move{Action: request.ActRestore, Reason: "客户又打来电话，仍需处理"})
	if back.Status != request.StatusHandling || back.State.StatusReason != "" {
		t.Fatalf("restored = %s (%q)", back.Status, back.State.StatusReason)
	}
	d, _ := svc.Store().Request(ctx, r.ID)
	last := d.Transitions[len(d.Transitions)-1]
	if last.Action != request.ActRestore || last.From != request.StatusCancelled || last.To != request.StatusHandling ||
		!strings.Contains(last.Comment, "仍需处理") {
		t.Fatalf("last transition = %+v", last)
	}
	// Its transition keeps the step's audit entry.
	hist, err := svc.Store().History(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e := hist[len(hist)-1]; e.ID != last.ID || !slices.Contains(e.Changes, audit.Change{Field: "moveAction", After: `"restore"`}) ||
		!slices.Contains(e.Changes, audit.Change{Field: "status", Before: `"cancelled"`, After: `"handling"`}) {
		t.Fatalf("the restore is not audited: %+v", e)
	}

	t.Run("Invalid", func(t *testing.T) {
		o, err := command.Run(ctx, svc, command.CreateRequest{Fields: intakeOf(c, "打印机报障")})
		if err != nil {
			t.Fatal(err)
		}
		rej := move(t, ctx, svc, o.ID, request.Move{Action: request.ActReject, Reason: "重复", DuplicateOf: r.Number})
		if rej.State.DuplicateOf == "" {
			t.Fatal("no duplicate link")
		}
		got := move(t, ctx, svc, o.ID, request.Move{Action: request.ActRestore, Reason: "并非重复"})
		if got.Status != request.StatusRegistered || got.State.DuplicateOf != "" {
			t.Fatalf("restored invalid = %s, duplicate of %q", got.Status, got.State.DuplicateOf)
		}
	})
	t.Run("Archived", func(t *testing.T) {
		a, err := command.Run(ctx, svc, command.ResolveOnCall{Fields: intakeOf(c, "发票如何开具"), OnCall: onCall()})
		if err != nil {
			t.Fatal(err)
		}
		got := move(t, ctx, svc, a.ID, request.Move{Action: request.ActReopen, Reason: "客户说仍未解决"})
		if got.Status != request.StatusHandling || got.State.ReopenCount != 1 {
			t.Fatalf("reopened archived = %s, count %d", got.Status, got.State.ReopenCount)
		}
	})
}

func onCall() request.OnCall {
	return request.OnCall{Department: "客服部", Process: "电话中查阅开票规则", Result: "告知客户在系统的“财务 → 发票”中申请",
		Timeliness: 5, Effectiveness: 5, Attitude: 5, Overall: 5, Solved: true, Comments: "很满意"}
}

// TestResolveOnCall: 当场解决 registers the request and closes it on the
// short path in one transaction, with every record and step the short path
// keeps; a customer who is not satisfied that it is solved, or a missing
// score, writes nothing.
func TestResolveOnCall(t *testing.T) {
	ctx := audit.WithActor(context.Background(), "李娜")
	svc, c, path := requestsWorld(t)
	r, err := command.Run(ctx, svc, command.ResolveOnCall{Fields: intakeOf(c, "发票如何开具"), OnCall: onCall()})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != request.StatusArchived || r.State.Path != request.PathShort || r.Fields.Owner != "李娜" ||
		r.Fields.Department != "客服部" || r.Number == "" {
		t.Fatalf("resolved = %+v", r)
	}
	d, err := svc.Store().Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var steps []string
	for _, tr := range d.Transitions {
		steps = append(steps, string(tr.Action))
	}
	if got, want := strings.Join(steps, ","), "triage,assign,start,give_result,send_result,archive"; got != want {
		t.Fatalf("steps = %s, want %s", got, want)
	}
	kinds := map[request.RecordKind]int{}
	for _, rec := range d.Records {
		kinds[rec.Kind]++
	}
	if kinds[request.KindCommunication] != 1 || kinds[request.KindResultNote] != 1 || kinds[request.KindFeedback] != 1 {
		t.Fatalf("records = %v", kinds)
	}
	for _, rec := range d.Records {
		switch rec.Kind {
		case request.KindResultNote:
			n, _ := request.BodyOf[request.ResultNote](rec)
			if n.Handler != "李娜" || !strings.Contains(n.Result, "发票") || n.ResultOn == "" {
				t.Fatalf("result note = %+v", n)
			}
		case request.KindFeedback:
			f, _ := request.BodyOf[request.Feedback](rec)
			if !f.Obtained || !f.Solved || f.Overall != 5 || f.Method != "phone" {
				t.Fatalf("feedback = %+v", f)
			}
		}
	}
	// Created, 6 steps, 3 records.
	if n := len(d.History); n != 10 {
		t.Fatalf("history = %d entries", n)
	}
	for _, c := range d.Clocks {
		if c.State == "breached" || c.State == "on_track" || c.State == "due_soon" {
			t.Fatalf("clock %s still runs: %s", c.Kind, c.State)
		}
	}

	t.Run("Err", func(t *testing.T) {
		requests, records := rowsIn(t, path, "requests"), rowsIn(t, path, "request_records")
		unsolved := onCall()
		unsolved.Solved = false
		noScore := onCall()
		noScore.Overall = 0
		noDept := onCall()
		noDept.Department = ""
		for name, tc := range map[string]struct {
			o     request.OnCall
			field string
		}{"Unsolved": {unsolved, "solved"}, "NoScore": {noScore, "overall"}, "NoDepartment": {noDept, "department"}} {
			_, err := command.Run(ctx, svc, command.ResolveOnCall{Fields: intakeOf(c, "发票如何开具"), OnCall: tc.o})
			if !refusedOn(err, tc.field) {
				t.Errorf("%s: err = %v, want %s refused", name, err, tc.field)
			}
		}
		if rowsIn(t, path, "requests") != requests || rowsIn(t, path, "request_records") != records {
			t.Fatal("a refused 当场解决 wrote")
		}
	})
}
