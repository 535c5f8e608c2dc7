package command_test

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
)

// commandNames finds every command the package defines: the names its
// Name methods return.
func commandNames(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(fset, f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "Name" || fn.Body == nil || len(fn.Body.List) != 1 {
				continue
			}
			ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			lit, ok := ret.Results[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				continue
			}
			name, _ := strconv.Unquote(lit.Value)
			names = append(names, name)
		}
	}
	return names
}

// fill gives every field of v a value other than its zero, so that a
// field JSON loses shows.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("值" + strconv.Itoa(depth))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(7 + depth))
	case reflect.Uint8, reflect.Uint32, reflect.Uint64, reflect.Uint:
		v.SetUint(uint64(3 + depth))
	case reflect.Float64, reflect.Float32:
		v.SetFloat(1.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		if depth > 4 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), depth+1)
		v.Set(p)
	case reflect.Slice:
		if v.Type() == reflect.TypeFor[json.RawMessage]() {
			v.SetBytes([]byte(`{"a":1}`))
			return
		}
		if depth > 4 {
			return
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fill(s.Index(0), depth+1)
		v.Set(s)
	case reflect.Map:
		if depth > 4 {
			return
		}
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2024, 3, 15, 2, 0, 0, 0, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Tag.Get("json") == "-" {
				continue
			}
			fill(v.Field(i), depth+1)
		}
	case reflect.Interface:
		v.Set(reflect.ValueOf("x"))
	}
}

// TestRegistry checks every command of the package is registered, and
// comes back from its recorded JSON equal to what was recorded.
func TestRegistry(t *testing.T) {
	registered := map[string]bool{}
	for _, n := range command.Registered() {
		registered[n] = true
	}
	names := commandNames(t)
	if len(names) < 30 {
		t.Fatalf("found only %d commands: %v", len(names), names)
	}
	for _, n := range names {
		if !registered[n] {
			t.Errorf("command %q is not in the registry", n)
		}
	}
	for _, n := range command.Registered() {
		t.Run(n, func(t *testing.T) {
			typ := command.TypeOf(n)
			v := reflect.New(typ).Elem()
			fill(v, 0)
			want := v.Interface()
			raw, err := json.Marshal(want)
			if err != nil {
				t.Fatal(err)
			}
			got, err := command.Decode(n, raw)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip changed the command:\n got %#v\nwant %#v", got, want)
			}
			if command.Shared(n) && command.Method(n) == "" {
				t.Errorf("shared command %s names no bound method for its access", n)
			}
		})
	}
	if _, err := command.Decode("no.such", []byte(`{}`)); err == nil {
		t.Error("an unknown command decoded")
	}
}

// TestRecord checks the hook hears shared commands in their transaction,
// with what they started from and the numbers they assigned, and that a
// recorded create replayed elsewhere keeps its number.
func TestRecord(t *testing.T) {
	path, r := seeded(t)
	path2 := filepath.Join(t.TempDir(), "copy.db")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path2, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, path, clock.NewFixed(now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	svc := command.New(s)
	var recs []command.Recorded
	svc.Record(func(tx *store.Tx, rec command.Recorded) error {
		recs = append(recs, rec)
		return nil
	})
	moved, err := command.Run(ctx, svc, command.MoveRequest{ID: r.ID, Version: r.Version,
		Move: request.Move{Action: request.ActTriage, Department: "技术支持部"}})
	if err != nil {
		t.Fatal(err)
	}
	f := moved.Fields
	f.Title = "接口规范咨询（更新）"
	if _, err := command.Run(ctx, svc, command.UpdateRequest{ID: r.ID, Version: moved.Version, Fields: f}); err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, svc, command.SaveDraft{Key: "intake", Body: `{"a":1}`}); err != nil {
		t.Fatal(err)
	}
	nf := r.Fields
	nf.Title = "第二条"
	created, err := command.Run(ctx, svc, command.CreateRequest{Fields: nf})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("recorded %d commands, want 3 (the draft stays local): %+v", len(recs), recs)
	}
	var mv command.MoveRequest
	if err := json.Unmarshal(recs[0].Args, &mv); err != nil || mv.From != request.StatusRegistered {
		t.Errorf("the step recorded from %q (%v), want registered", mv.From, err)
	}
	var up command.UpdateRequest
	if err := json.Unmarshal(recs[1].Args, &up); err != nil || up.Base == nil || up.Base.Title != "接口规范咨询" {
		t.Errorf("the edit recorded base %+v (%v)", up.Base, err)
	}
	if recs[0].RequestID != r.ID || recs[2].ID == "" || !recs[2].At.Equal(now) {
		t.Errorf("recorded %+v", recs[0])
	}
	if len(recs[2].Numbers) != 1 || recs[2].Numbers[0] != created.Number {
		t.Fatalf("the create recorded numbers %v, want [%s]", recs[2].Numbers, created.Number)
	}
	// Replayed on another database, whose own numbering would give another
	// number, the create keeps the laptop's number and ids.
	s2, err := store.Open(ctx, path2, clock.NewFixed(now.Add(time.Hour)))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	svc2 := command.New(s2)
	st, err := s2.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.NumberPattern = "HQ-{YYYY}-{NNN}" // its own numbering gives other numbers
	if _, err := command.Run(ctx, svc2, command.SaveSettings{Settings: st}); err != nil {
		t.Fatal(err)
	}
	out, err := command.Replay(ctx, svc2, recs[2])
	if err != nil {
		t.Fatal(err)
	}
	got := out.(request.Request)
	if got.Number != created.Number || got.ID != created.ID || !got.CreatedAt.Equal(now) {
		t.Errorf("replayed as %s %s at %v, want %s %s at %v", got.Number, got.ID, got.CreatedAt, created.Number, created.ID, now)
	}
	if _, err := command.Replay(ctx, svc2, recs[2]); err == nil {
		t.Error("a replay with a taken number was applied")
	}
}
