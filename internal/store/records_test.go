package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
)

// TestRecordColumns checks that saving and deleting tasks keeps the columns
// kept of their bodies, and the dependencies, in step with the bodies.
func TestRecordColumns(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制")
	path := f.s.Path()
	dev := f.add(request.KindTask, "", request.Task{Title: "接口开发", Owner: "王强", Due: "2024-03-20"})
	test := f.add(request.KindTask, "", request.Task{Title: "联调", Owner: "赵磊", DependsOn: []string{dev.ID}})
	for _, tt := range []struct {
		name, where string
		want        int
	}{
		{"dev", "request_records WHERE id = " + keyed(dev.ID) + " AND owner = '王强' AND status = 'todo' AND due = '2024-03-20'", 1},
		{"test", "request_records WHERE id = " + keyed(test.ID) + " AND owner = '赵磊' AND status = 'todo'", 1},
		{"deps", "request_record_deps WHERE record_id = " + keyed(test.ID) + " AND depends_on = " + keyed(dev.ID), 1},
	} {
		if got := count(t, path, tt.where); got != tt.want {
			t.Errorf("%s: %d rows, want %d", tt.name, got, tt.want)
		}
	}
	dev = f.edit(dev, request.Task{Title: "接口开发", Owner: "周敏", Status: "done"})
	test = f.edit(test, request.Task{Title: "联调", Owner: "赵磊", Status: "doing", DependsOn: []string{dev.ID, dev.ID}})
	if got := count(t, path, "request_records WHERE id = "+keyed(dev.ID)+" AND owner = '周敏' AND status = 'done' AND due = ''"); got != 1 {
		t.Error("the columns did not follow the edit")
	}
	if got := count(t, path, "request_record_deps"); got != 1 {
		t.Errorf("%d dependencies, want the one kept", got)
	}
	test = f.edit(test, request.Task{Title: "联调", Owner: "赵磊", Status: "doing"})
	if got := count(t, path, "request_record_deps"); got != 0 {
		t.Errorf("%d dependencies after the edit dropped them", got)
	}
	test = f.edit(test, request.Task{Title: "联调", Owner: "赵磊", Status: "doing", DependsOn: []string{dev.ID}})
	if _, err := command.Run(ctx, command.New(f.s), command.DeleteRecord{ID: test.ID, Version: test.Version}); err != nil {
		t.Fatal(err)
	}
	if got := count(t, path, "request_records WHERE kind = 'task'"); got != 1 {
		t.Errorf("%d tasks after deleting one of two", got)
	}
	if got := count(t, path, "request_record_deps"); got != 0 {
		t.Errorf("%d dependencies of the deleted task left", got)
	}
}

// keyed is the SQL of a record's id as the table keeps it (0039): a UUID
// by its 16 bytes.
func keyed(id string) string { return "unhex(replace('" + id + "', '-', ''))" }

// TestDamagedRecord: a record whose body cannot be read shows in the health
// check, stops the steps that would read it as not done, and can still be
// looked at and deleted.
func TestDamagedRecord(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制")
	if err := f.s.Exec(ctx, `INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at)
		VALUES ('bad', (SELECT seq FROM requests WHERE id = '`+f.req.ID+`'), 'task', record_pack('task', '{"title":"坏记录","status":["done"]}'), '李娜', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z')`); err != nil {
		t.Fatal(err)
	}
	problems, err := f.s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0], f.req.Number) || !strings.Contains(problems[0], "bad") {
		t.Fatalf("problems = %q, want the damaged record of %s", problems, f.req.Number)
	}
	d, err := f.s.Request(ctx, f.req.ID)
	if err != nil || len(d.Records) != 1 {
		t.Fatalf("the request with a damaged record: %d records, %v", len(d.Records), err)
	}
	_, err = command.Run(ctx, command.New(f.s), command.MoveRequest{ID: f.req.ID, Version: f.req.Version,
		Move: request.Move{Action: request.ActTriage, Department: "技术支持部"}})
	if e, ok := apperr.As(err); !ok || e.Key != "record_corrupt" {
		t.Fatalf("step with a damaged record: %v, want record_corrupt", err)
	}
	if _, err := command.Run(ctx, command.New(f.s), command.DeleteRecord{ID: "bad", Version: 1}); err != nil {
		t.Fatal(err)
	}
	if problems, err := f.s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("after deleting it: %q, %v", problems, err)
	}
	f.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
}

// TestMyTasks: the tasks of the person acting are found by the columns kept
// of their bodies, open ones only, due first.
func TestMyTasks(t *testing.T) {
	ctx := context.Background()
	f := newFlow(t, "方案定制")
	f.add(request.KindTask, "", request.Task{Title: "晚些", Owner: "李娜", Due: "2024-04-10"})
	f.add(request.KindTask, "", request.Task{Title: "先做", Owner: "李娜", Status: "doing", Due: "2024-04-01"})
	f.add(request.KindTask, "", request.Task{Title: "已完成", Owner: "李娜", Status: "done", Due: "2024-03-20"})
	f.add(request.KindTask, "", request.Task{Title: "别人的", Owner: "王强", Due: "2024-03-20"})
	items, err := f.s.MyWork(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range items {
		if it.Kind == "task" {
			got = append(got, it.Detail+" "+it.Due)
		}
	}
	if want := []string{"先做 2024-04-01", "晚些 2024-04-10"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("my tasks = %q, want %q", got, want)
	}
}
