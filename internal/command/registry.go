package command

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/comm"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/people"
	"github.com/reqdesk/reqdesk/internal/report"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/sla"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// Any is a command whose result type is erased: what a recorded command
// decodes to.
type Any interface {
	Name() string
	runAny(ctx context.Context, tx *store.Tx) (any, error)
}

// erased makes a Command an Any.
type erased[R any] struct{ c Command[R] }

func (e erased[R]) Name() string { return e.c.Name() }

// value is the command itself.
func (e erased[R]) value() any { return e.c }

func (e erased[R]) runAny(ctx context.Context, tx *store.Tx) (any, error) { return e.c.run(ctx, tx) }

// rebase judges the command against the server's data (see Rebaser).
func (e erased[R]) rebase(ctx context.Context, tx *store.Tx) (Any, Outcome, error) {
	rb, ok := any(e.c).(rebaser[R])
	if !ok {
		return e, Outcome{}, nil
	}
	c, out, err := rb.rebase(ctx, tx)
	return erased[R]{c}, out, err
}

// rebaser is a command that, replayed on the team server, adapts itself to
// the data there: a step judged by the status it started from, an edit
// merged field by field (see request.StepFrom, request.MergeFields).
type rebaser[R any] interface {
	rebase(ctx context.Context, tx *store.Tx) (Command[R], Outcome, error)
}

// baser is a command that notes what it started from when it is first
// carried out, so that a server replaying it can judge it (the status a
// step starts from, the values an edit changes).
type baser interface {
	withBase(ctx context.Context, tx *store.Tx) (any, error)
}

// requestScoped is a command about one request.
type requestScoped interface{ requestID() string }

// Outcome is what judging a replayed command against the server's data
// found besides refusing it.
type Outcome struct {
	// Noop: the request already took the same step; nothing is done.
	Noop bool `json:"noop,omitempty"`
	// Partial: the command applied in part; what was not applied and why.
	Partial error `json:"-"`
}

// kind is a registered command type.
type kind struct {
	typ    reflect.Type
	decode func(json.RawMessage) (Any, error)
	shared bool
	method string
}

func kindOf[R any, C Command[R]](shared bool, method string) kind {
	return kind{typ: reflect.TypeFor[C](), shared: shared, method: method,
		decode: func(raw json.RawMessage) (Any, error) {
			var c C
			if err := json.Unmarshal(raw, &c); err != nil {
				return nil, err
			}
			return erased[R]{c}, nil
		}}
}

// registry lists every command by name: whether it is shared (recorded on
// a laptop and replayed by the team server) or stays on the machine that
// made it, and the bound method whose access (internal/auth) the server
// checks for it.
var registry = map[string]kind{
	CreateRequest{}.Name():      kindOf[request.Request, CreateRequest](true, "RequestsApp.Create"),
	UpdateRequest{}.Name():      kindOf[request.Request, UpdateRequest](true, "RequestsApp.Update"),
	MoveRequest{}.Name():        kindOf[request.Request, MoveRequest](true, "RequestsApp.Move"),
	ResolveOnCall{}.Name():      kindOf[request.Request, ResolveOnCall](true, "RequestsApp.ResolveOnCall"),
	SaveDraft{}.Name():          kindOf[struct{}, SaveDraft](false, "RequestsApp.SaveDraft"),
	SaveRecord{}.Name():         kindOf[request.Record, SaveRecord](true, "RequestsApp.SaveRecord"),
	DeleteRecord{}.Name():       kindOf[struct{}, DeleteRecord](true, "RequestsApp.DeleteRecord"),
	ImportRequests{}.Name():     kindOf[request.ImportReport, ImportRequests](true, "ExcelApp.Import"),
	CreateCustomer{}.Name():     kindOf[customer.Detail, CreateCustomer](true, "CustomersApp.Create"),
	UpdateCustomer{}.Name():     kindOf[customer.Customer, UpdateCustomer](true, "CustomersApp.Update"),
	AddContact{}.Name():         kindOf[customer.Contact, AddContact](true, "CustomersApp.AddContact"),
	MergeCustomer{}.Name():      kindOf[customer.Merged, MergeCustomer](true, "CustomersApp.Merge"),
	DismissDuplicate{}.Name():   kindOf[customer.Detail, DismissDuplicate](true, "CustomersApp.DismissDuplicate"),
	UpdateContact{}.Name():      kindOf[customer.Contact, UpdateContact](true, "CustomersApp.UpdateContact"),
	SavePerson{}.Name():         kindOf[people.Person, SavePerson](true, "SettingsApp.SavePerson"),
	SaveSettings{}.Name():       kindOf[settings.Settings, SaveSettings](true, "SettingsApp.Save"),
	SetCompanyLogo{}.Name():     kindOf[*settings.Logo, SetCompanyLogo](true, "SettingsApp.SetCompanyLogo"),
	AddVocabItem{}.Name():       kindOf[vocab.Item, AddVocabItem](true, "SettingsApp.AddVocabItem"),
	UpdateVocabItem{}.Name():    kindOf[vocab.Item, UpdateVocabItem](true, "SettingsApp.UpdateVocabItem"),
	ReorderVocab{}.Name():       kindOf[vocab.Lists, ReorderVocab](true, "SettingsApp.ReorderVocab"),
	SetTypePath{}.Name():        kindOf[vocab.Item, SetTypePath](true, "SettingsApp.SetTypePath"),
	SaveSLASettings{}.Name():    kindOf[store.SLASettings, SaveSLASettings](true, "TimeLimitsApp.SaveSettings"),
	ImportSchedule{}.Name():     kindOf[sla.Schedule, ImportSchedule](true, "TimeLimitsApp.ImportSchedule"),
	SavePolicy{}.Name():         kindOf[sla.Policy, SavePolicy](true, "TimeLimitsApp.SavePolicy"),
	DeletePolicy{}.Name():       kindOf[struct{}, DeletePolicy](true, "TimeLimitsApp.DeletePolicy"),
	Escalate{}.Name():           kindOf[[]request.Escalation, Escalate](true, "TimeLimitsApp.Alerts"),
	SaveReportConfig{}.Name():   kindOf[report.Config, SaveReportConfig](true, "ReportsApp.SaveConfig"),
	SaveReportTexts{}.Name():    kindOf[struct{}, SaveReportTexts](true, "ReportsApp.SaveTexts"),
	IssueReport{}.Name():        kindOf[store.SavedReport, IssueReport](true, "ReportsApp.Issue"),
	GenerateDocument{}.Name():   kindOf[document.Document, GenerateDocument](true, "DocumentsApp.Generate"),
	GenerateList{}.Name():       kindOf[document.Document, GenerateList](true, "DocumentsApp.GenerateList"),
	SignDocument{}.Name():       kindOf[document.Signed, SignDocument](true, "DocumentsApp.Sign"),
	MarkSignedOnPaper{}.Name():  kindOf[document.Document, MarkSignedOnPaper](true, "DocumentsApp.MarkSignedOnPaper"),
	AddAttachment{}.Name():      kindOf[document.Attachment, AddAttachment](true, "DocumentsApp.AttachScan"),
	SaveScript{}.Name():         kindOf[comm.Script, SaveScript](true, "CommApp.SaveScript"),
	SaveCheckConfig{}.Name():    kindOf[comm.Config, SaveCheckConfig](true, "CommApp.SaveCheckConfig"),
	SaveChecklistItem{}.Name():  kindOf[[]comm.ChecklistItem, SaveChecklistItem](true, "CommApp.SaveChecklistItem"),
	DrawCheck{}.Name():          kindOf[store.QualityCheck, DrawCheck](true, "CommApp.DrawCheck"),
	ScoreCheckItem{}.Name():     kindOf[store.CheckItem, ScoreCheckItem](true, "CommApp.ScoreCheckItem"),
	CloseRectification{}.Name(): kindOf[comm.Rectification, CloseRectification](true, "CommApp.CloseRectification"),
	CreateAccount{}.Name():      kindOf[auth.Account, CreateAccount](false, ""),
	SetAccountPassword{}.Name(): kindOf[auth.Account, SetAccountPassword](false, ""),
	SetAccountDisabled{}.Name(): kindOf[auth.Account, SetAccountDisabled](false, ""),
}

// Registered lists the names of every command, sorted.
func Registered() []string {
	out := make([]string, 0, len(registry))
	for n := range registry {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Shared reports whether the command called name is recorded and synced
// with the team (true) or stays on the machine that made it.
func Shared(name string) bool { return registry[name].shared }

// Method names the bound method (Struct.Method) whose access applies to
// the command called name; "" for one no device may push.
func Method(name string) string { return registry[name].method }

// TypeOf is the Go type of the command called name, nil for none.
func TypeOf(name string) reflect.Type { return registry[name].typ }

// Decode reads a recorded command's arguments into its command value.
func Decode(name string, args json.RawMessage) (any, error) {
	a, err := decode(name, args)
	if err != nil {
		return nil, err
	}
	return a.(interface{ value() any }).value(), nil
}

func decode(name string, args json.RawMessage) (Any, error) {
	k, ok := registry[name]
	if !ok {
		return nil, apperr.New(apperr.Invalid, "sync_unknown_command", apperr.P{"name": name})
	}
	a, err := k.decode(args)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "sync_unknown_command", apperr.P{"name": name})
	}
	return a, nil
}

// Recorded is one command as a laptop recorded it: its name and arguments
// (with what it started from: MoveRequest.From, UpdateRequest.Base), its
// id (whence the ids of the rows it made, see IDs), its time and the
// request numbers it assigned.
type Recorded struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Args      json.RawMessage `json:"args"`
	At        time.Time       `json:"at"`
	Numbers   []string        `json:"numbers,omitempty"`
	RequestID string          `json:"requestId,omitempty"`
}

// Record registers fn to run inside the transaction of every shared
// command that succeeded (not of a replayed one), with the command as
// recorded: the laptop's outbox is written there, with the effect. An
// error of fn rolls the command back.
func (s *Service) Record(fn func(*store.Tx, Recorded) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recorders = append(s.recorders, fn)
}

func (s *Service) recorderList() []func(*store.Tx, Recorded) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recorders
}

// record hands a command that succeeded to the recorders.
func (s *Service) record(tx *store.Tx, at store.WriteAt, c interface{ Name() string }) error {
	fns := s.recorderList()
	if len(fns) == 0 || at.ID == "" || !Shared(c.Name()) {
		return nil
	}
	args, err := json.Marshal(c)
	if err != nil {
		return err
	}
	rec := Recorded{ID: at.ID, Name: c.Name(), Args: args, At: tx.Now(), Numbers: tx.Numbers()}
	if r, ok := c.(requestScoped); ok {
		rec.RequestID = r.requestID()
	}
	for _, fn := range fns {
		if err := fn(tx, rec); err != nil {
			return err
		}
	}
	return nil
}

// ReplayOptions say how a recorded command is carried out again.
type ReplayOptions struct {
	// Rebase judges the command against the data here first (the team
	// server): see Outcome.
	Rebase bool
	// Within runs in the command's transaction after it, with what judging
	// it found: the server's bookkeeping of what it applied.
	Within func(tx *store.Tx, out Outcome) error
}

// Replay carries out a recorded command again, at its recorded time, with
// the ids and request numbers it had.
func Replay(ctx context.Context, s *Service, rec Recorded) (any, error) {
	v, _, err := ReplayWith(ctx, s, rec, ReplayOptions{})
	return v, err
}

// ReplayWith is Replay with options.
func ReplayWith(ctx context.Context, s *Service, rec Recorded, opts ReplayOptions) (any, Outcome, error) {
	var out any
	var outcome Outcome
	err := s.st.Write(ctx, store.WriteAt{}, func(tx *store.Tx) error {
		var err error
		out, outcome, err = ReplayIn(ctx, s, tx, rec, opts)
		return err
	})
	return out, outcome, err
}

// ReplayIn is ReplayWith as a part of the transaction tx (store.Tx.Part):
// a command that fails is rolled back alone.
func ReplayIn(ctx context.Context, s *Service, tx *store.Tx, rec Recorded, opts ReplayOptions) (any, Outcome, error) {
	a, err := decode(rec.Name, rec.Args)
	if err != nil {
		return nil, Outcome{}, err
	}
	// A replayed command's person is not at this screen (Tx.Replaying).
	at := store.WriteAt{ID: rec.ID, Now: rec.At, IDs: IDs(rec.ID, rec.At), Numbers: rec.Numbers, Replay: true}
	var out any
	var outcome Outcome
	err = tx.Part(ctx, at, func(tx *store.Tx) error {
		if opts.Rebase {
			if a, outcome, err = a.(interface {
				rebase(context.Context, *store.Tx) (Any, Outcome, error)
			}).rebase(ctx, tx); err != nil {
				return err
			}
		}
		if !outcome.Noop {
			if out, err = a.runAny(ctx, tx); err != nil {
				return err
			}
		}
		if opts.Within != nil {
			if err := opts.Within(tx, outcome); err != nil {
				return err
			}
		}
		for _, fn := range s.listeners() {
			tx.AfterCommit(func() { fn(rec.Name) })
		}
		return nil
	})
	return out, outcome, err
}

// RequestOf is the request a recorded command is about, "" when none.
func RequestOf(name string, args json.RawMessage) string {
	a, err := decode(name, args)
	if err != nil {
		return ""
	}
	if r, ok := a.(interface{ value() any }).value().(requestScoped); ok {
		return r.requestID()
	}
	return ""
}

// Again carries out a refused command anew on the data as it is now, as a
// new command (recorded like any other): a step or an edit starts from the
// request's current status, version and values.
func Again(ctx context.Context, s *Service, name string, args json.RawMessage) (any, error) {
	a, err := decode(name, args)
	if err != nil {
		return nil, err
	}
	return a.(interface {
		again(context.Context, *Service) (any, error)
	}).again(ctx, s)
}

// again runs the command as new, its version and base taken afresh.
func (e erased[R]) again(ctx context.Context, s *Service) (any, error) {
	c := e.c
	switch x := any(c).(type) {
	case MoveRequest:
		d, err := s.st.Request(ctx, x.ID)
		if err != nil {
			return nil, err
		}
		x.Version, x.From = d.Request.Version, ""
		c = any(x).(Command[R])
	case UpdateRequest:
		d, err := s.st.Request(ctx, x.ID)
		if err != nil {
			return nil, err
		}
		if x.Base != nil {
			if x.Fields, err = request.Reapply(x.Base.Normalize(), x.Fields.Normalize(), d.Request.Fields); err != nil {
				return nil, err
			}
		}
		x.Version, x.Base = d.Request.Version, nil
		c = any(x).(Command[R])
	}
	return Run(ctx, s, c)
}
