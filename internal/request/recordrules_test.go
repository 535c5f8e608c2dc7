package request_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

func rec(t *testing.T, id string, kind request.RecordKind, parent string, body any) request.Record {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return request.Record{ID: id, RequestID: "r1", Kind: kind, ParentID: parent, Body: b, Version: 2}
}

func raw(t *testing.T, body any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// failure names what an error says: its key, else its first field's key.
func failure(err error) string {
	e, ok := apperr.As(err)
	switch {
	case err == nil:
		return ""
	case !ok:
		return "unexpected: " + err.Error()
	case e.Key != "" && e.Key != "check_fields":
		return e.Key
	case len(e.Fields) > 0:
		return e.Fields[0].Field + ":" + e.Fields[0].Key
	}
	return e.Code
}

// TestSaveRecord decides the saving of stage records without a database.
func TestSaveRecord(t *testing.T) {
	at := time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)
	open := request.Request{ID: "r1", Status: request.StatusImplementation, Fields: request.Fields{ReceivedAt: at.Add(-time.Hour)}}
	closed := open
	closed.Status = request.StatusArchived
	review := open
	review.Status = request.StatusPlanReview
	corrupt := request.Record{ID: "bad", RequestID: "r1", Kind: request.KindTask, Body: json.RawMessage(`{"status":5}`), Version: 1}
	recs := []request.Record{
		rec(t, "t1", request.KindTask, "", request.Task{Title: "开发", Owner: "王强", Status: "doing"}),
		rec(t, "t2", request.KindTask, "", request.Task{Title: "联调", Owner: "王强", Status: "todo", DependsOn: []string{"t1"}}),
		rec(t, "t3", request.KindTask, "", request.Task{Title: "撤销", Owner: "王强", Status: "cancelled"}),
		rec(t, "s1", request.KindSubRequirement, "", request.SubRequirement{Title: "设计", Status: "open"}),
		rec(t, "s2", request.KindSubRequirement, "s1", request.SubRequirement{Title: "细化", Status: "done"}),
		rec(t, "a1", request.KindAnalysis, "", request.Analysis{CoreNeeds: "对接"}),
		rec(t, "p1", request.KindPlan, "", request.Plan{VersionNo: 1, Goals: "旧", Superseded: true}),
		rec(t, "p2", request.KindPlan, "", request.Plan{VersionNo: 2, Goals: "目标", ApprovedBy: "孙建国", ApprovedAt: "2024-03-14"}),
	}
	task := func(title, status string, deps ...string) request.Task {
		return request.Task{Title: title, Owner: "王强", Status: status, DependsOn: deps}
	}
	for _, tt := range []struct {
		name string
		req  request.Request
		recs []request.Record
		in   request.RecordInput
		want string // failure; "" for saved
	}{
		{"OKAddTask", open, recs, request.RecordInput{Kind: request.KindTask, Body: raw(t, task("测试", "todo", "t1"))}, ""},
		{"OKEditTask", open, recs, request.RecordInput{Kind: request.KindTask, ID: "t1", Version: 2, Body: raw(t, task("开发", "done"))}, ""},
		{"OKDoneAfterCancelled", open, recs, request.RecordInput{Kind: request.KindTask, Body: raw(t, task("收尾", "done", "t3"))}, ""},
		{"OKSubUnderSub", open, recs, request.RecordInput{Kind: request.KindSubRequirement, ParentID: "s1", Body: raw(t, request.SubRequirement{Title: "接口", DependsOn: []string{"s2"}})}, ""},
		{"ErrReadOnly", closed, recs, request.RecordInput{Kind: request.KindTask, Body: raw(t, task("测试", "todo"))}, "records_read_only"},
		{"ErrBody", open, recs, request.RecordInput{Kind: request.KindTask, Body: raw(t, task("", "todo"))}, "title:required"},
		{"ErrUnknownKey", open, recs, request.RecordInput{Kind: request.KindTask, Body: json.RawMessage(`{"title":"x","owner":"王强","later":1}`)}, "record_body_invalid"},
		{"ErrNotFound", open, recs, request.RecordInput{Kind: request.KindTask, ID: "nope", Version: 2, Body: raw(t, task("开发", "doing"))}, "not_found"},
		{"ErrOtherKind", open, recs, request.RecordInput{Kind: request.KindTask, ID: "s1", Version: 2, Body: raw(t, task("开发", "doing"))}, "not_found"},
		{"ErrStale", open, recs, request.RecordInput{Kind: request.KindTask, ID: "t1", Version: 1, Body: raw(t, task("开发", "doing"))}, "stale"},
		{"ErrPlanLocked", review, recs, request.RecordInput{Kind: request.KindPlan, ID: "p2", Version: 2, Body: raw(t, request.Plan{Goals: "改"})}, "plan_locked"},
		{"ErrPlanSuperseded", open, recs, request.RecordInput{Kind: request.KindPlan, ID: "p1", Version: 2, Body: raw(t, request.Plan{Goals: "改"})}, "plan_superseded"},
		{"ErrPlanVersionExists", open, recs, request.RecordInput{Kind: request.KindPlan, Body: raw(t, request.Plan{Goals: "新"})}, "plan_version_exists"},
		{"ErrSingleton", open, recs, request.RecordInput{Kind: request.KindAnalysis, Body: raw(t, request.Analysis{})}, "record_exists"},
		{"ErrParentNotAllowed", open, recs, request.RecordInput{Kind: request.KindTask, ParentID: "t1", Body: raw(t, task("测试", "todo"))}, "parentId:not_allowed"},
		{"ErrParentKind", open, recs, request.RecordInput{Kind: request.KindSubRequirement, ParentID: "t1", Body: raw(t, request.SubRequirement{Title: "x"})}, "parentId:not_found"},
		{"ErrDependsOnOtherLevel", open, recs, request.RecordInput{Kind: request.KindSubRequirement, Body: raw(t, request.SubRequirement{Title: "x", DependsOn: []string{"s2"}})}, "dependsOn:not_found"},
		{"ErrDependsOnSelf", open, recs, request.RecordInput{Kind: request.KindTask, ID: "t1", Version: 2, Body: raw(t, task("开发", "doing", "t1"))}, "dependsOn:not_found"},
		{"ErrCycle", open, recs, request.RecordInput{Kind: request.KindTask, ID: "t1", Version: 2, Body: raw(t, task("开发", "doing", "t2"))}, "dependsOn:cycle"},
		{"ErrDependenciesOpen", open, recs, request.RecordInput{Kind: request.KindTask, ID: "t2", Version: 2, Body: raw(t, task("联调", "done", "t1"))}, "dependencies_open"},
		// A damaged sibling is not read as not done: the save stops.
		{"ErrDamagedSibling", open, append(recs[:len(recs):len(recs)], corrupt), request.RecordInput{Kind: request.KindTask, Body: raw(t, task("测试", "done", "t1"))}, "record_corrupt"},
		{"OKDamagedSavedAnew", open, append(recs[:len(recs):len(recs)], corrupt), request.RecordInput{Kind: request.KindTask, ID: "bad", Version: 1, Body: raw(t, task("修复", "todo", "t1"))}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.RequestID = "r1"
			got, err := request.SaveRecord(in, request.RecordSave{Request: tt.req, Records: tt.recs, Actor: "李娜", Now: at})
			if f := failure(err); f != tt.want {
				t.Fatalf("failure %q, want %q", f, tt.want)
			}
			if err == nil && (in.ID == "") != (got.Before == nil) {
				t.Errorf("before = %v for id %q", got.Before, in.ID)
			}
		})
	}

	t.Run("OKApprovedPlanKeepsAllButSignature", func(t *testing.T) {
		in := request.RecordInput{RequestID: "r1", Kind: request.KindPlan, ID: "p2", Version: 2,
			Body: raw(t, request.Plan{Goals: "偷改", SignedBy: "张伟", SignedOn: "2024-03-15", ApprovedBy: "假冒"})}
		got, err := request.SaveRecord(in, request.RecordSave{Request: open, Records: recs, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		p := got.Body.(*request.Plan)
		if p.Goals != "目标" || p.VersionNo != 2 || p.ApprovedBy != "孙建国" || p.SignedBy != "张伟" || p.SignedOn != "2024-03-15" {
			t.Errorf("plan = %+v", p)
		}
	})
	t.Run("OKParentKept", func(t *testing.T) {
		in := request.RecordInput{RequestID: "r1", Kind: request.KindSubRequirement, ID: "s2", Version: 2, ParentID: "",
			Body: raw(t, request.SubRequirement{Title: "细化", Status: "done"})}
		got, err := request.SaveRecord(in, request.RecordSave{Request: open, Records: recs, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		if got.ParentID != "s1" {
			t.Errorf("parent %q, want s1: a record never moves", got.ParentID)
		}
	})
	t.Run("OKIndex", func(t *testing.T) {
		in := request.RecordInput{RequestID: "r1", Kind: request.KindTask, Body: raw(t, request.Task{Title: "测试", Owner: " 王强 ", Due: "2024-04-01", DependsOn: []string{"t1", "t1"}})}
		got, err := request.SaveRecord(in, request.RecordSave{Request: open, Records: recs, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		want := request.RecordIndex{Owner: "王强", Status: "todo", Due: "2024-04-01", DependsOn: []string{"t1"}}
		if g := got.Index; g.Owner != want.Owner || g.Status != want.Status || g.Due != want.Due || len(g.DependsOn) != 1 || g.DependsOn[0] != "t1" {
			t.Errorf("index = %+v, want %+v", g, want)
		}
	})
}

// TestDeleteRecord decides the deleting of stage records without a database.
func TestDeleteRecord(t *testing.T) {
	open := request.Request{ID: "r1", Status: request.StatusImplementation}
	closed := request.Request{ID: "r1", Status: request.StatusCancelled}
	corrupt := request.Record{ID: "bad", RequestID: "r1", Kind: request.KindTask, Body: json.RawMessage(`{"dependsOn":"t1"}`), Version: 2}
	recs := []request.Record{
		rec(t, "t1", request.KindTask, "", request.Task{Title: "开发", Status: "doing"}),
		rec(t, "t2", request.KindTask, "", request.Task{Title: "联调", Status: "todo", DependsOn: []string{"t1"}}),
		rec(t, "s1", request.KindSubRequirement, "", request.SubRequirement{Title: "设计"}),
		rec(t, "s2", request.KindSubRequirement, "s1", request.SubRequirement{Title: "细化"}),
		rec(t, "p1", request.KindPlan, "", request.Plan{VersionNo: 1}),
		rec(t, "c1", request.KindCommunication, "", request.Communication{Summary: "电话"}),
	}
	withCorrupt := append(recs[:len(recs):len(recs)], corrupt)
	for _, tt := range []struct {
		name    string
		rec     request.Record
		version int64
		req     request.Request
		recs    []request.Record
		want    string
	}{
		{"OK", recs[1], 2, open, recs, ""},
		{"OKLeaf", recs[3], 2, open, recs, ""},
		{"OKDamagedItself", corrupt, 2, open, withCorrupt, ""},
		{"ErrStale", recs[1], 1, open, recs, "stale"},
		{"ErrReadOnly", recs[5], 2, closed, recs, "records_read_only"},
		{"ErrPlanKept", recs[4], 2, open, recs, "plan_versions_kept"},
		{"ErrDependents", recs[0], 2, open, recs, "record_has_dependents"},
		{"ErrChildren", recs[2], 2, open, recs, "record_has_children"},
		{"ErrDamagedSibling", recs[5], 2, open, withCorrupt, "record_corrupt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := request.DeleteRecord(tt.rec, tt.version, tt.req, tt.recs)
			if f := failure(err); f != tt.want {
				t.Fatalf("failure %q, want %q", f, tt.want)
			}
		})
	}
}

// TestDecodeRecord reads stored bodies: a damaged one is an error naming
// the record, never an empty record.
func TestDecodeRecord(t *testing.T) {
	for _, tt := range []struct {
		name string
		rec  request.Record
		want string
	}{
		{"OK", request.Record{ID: "t1", Kind: request.KindTask, Body: json.RawMessage(`{"title":"开发","status":"done"}`)}, ""},
		{"OKEmpty", request.Record{ID: "t1", Kind: request.KindTask}, ""},
		{"OKUnknownKeyIgnored", request.Record{ID: "t1", Kind: request.KindTask, Body: json.RawMessage(`{"title":"开发","later":true}`)}, ""},
		{"ErrWrongType", request.Record{ID: "t1", Kind: request.KindTask, Body: json.RawMessage(`{"status":5}`)}, "record_corrupt"},
		{"ErrNotObject", request.Record{ID: "t1", Kind: request.KindFeedback, Body: json.RawMessage(`[1]`)}, "record_corrupt"},
		{"ErrUnknownKind", request.Record{ID: "x1", Kind: "memo", Body: json.RawMessage(`{}`)}, "record_corrupt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := request.DecodeRecord(tt.rec)
			if f := failure(err); f != tt.want {
				t.Fatalf("failure %q, want %q", f, tt.want)
			}
			if err != nil {
				if e, _ := apperr.As(err); e.Params["id"] != tt.rec.ID {
					t.Errorf("error %v does not name the record %s", err, tt.rec.ID)
				}
			}
			if err := request.CheckRecords([]request.Record{tt.rec}, ""); failure(err) != tt.want {
				t.Errorf("CheckRecords: %v", err)
			}
		})
	}
	t.Run("ErrBodyOfOtherKind", func(t *testing.T) {
		_, err := request.BodyOf[request.Plan](request.Record{ID: "t1", Kind: request.KindTask, Body: json.RawMessage(`{}`)})
		if f := failure(err); f != "record_corrupt" {
			t.Fatalf("failure %q", f)
		}
	})
	t.Run("OKBodyOf", func(t *testing.T) {
		task, err := request.BodyOf[request.Task](request.Record{ID: "t1", Kind: request.KindTask, Body: json.RawMessage(`{"title":"开发","status":"cancelled"}`)})
		if err != nil || task.Title != "开发" || task.Open() {
			t.Fatalf("task = %+v, %v", task, err)
		}
	})
}

// TestStepDamagedRecord: a damaged record stops a step rather than read as
// a task not done or a delivery not made.
func TestStepDamagedRecord(t *testing.T) {
	at := time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)
	r := request.Request{ID: "r1", Status: request.StatusImplementation, Version: 3, State: request.State{Path: request.PathFull},
		Fields: request.Fields{Department: "技术支持部", Owner: "王强", ReceivedAt: at.Add(-48 * time.Hour)}}
	bad := request.Record{ID: "t9", RequestID: "r1", Kind: request.KindTask, Body: json.RawMessage(`{"status":["done"]}`)}
	_, err := request.Step(r, request.Move{Action: request.ActDeliver}, request.StepInput{Records: []request.Record{bad}, Now: at})
	if f := failure(err); f != "record_corrupt" {
		t.Fatalf("failure %q (%v), want record_corrupt", f, err)
	}
}
