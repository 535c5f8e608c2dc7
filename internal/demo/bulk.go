package demo

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/clock"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/store"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// BulkAbove is the size from which the demo command generates in bulk:
// below it, Fill's walk through the store is fast enough and exercises the
// real code paths.
const BulkAbove = 2000

// BulkVersion changes whenever Bulk makes different data for a seed, so
// that caches of generated databases (bench) know theirs is stale.
const BulkVersion = 3

// DefaultYears is how far back Bulk spreads requests unless told.
const DefaultYears = 5

// Bulk makes the same kind of data set as Fill, at scale: requests spread
// over opts.Years (five unless set) take the same lifecycle walk, checked
// step by step by the state machine in internal/request, but in memory; the
// outcome goes into the database through store.BulkLoader in a few large
// transactions. It refuses a database that already has data. The same seed
// gives the same customers, numbers, titles, statuses and times.
func Bulk(ctx context.Context, st *store.Store, opts Options) (store.BulkCounts, error) {
	if opts.Customers < 1 || opts.Requests < 0 {
		return store.BulkCounts{}, apperr.Errorf(apperr.Invalid, "客户数须至少为 1，需求数不能为负")
	}
	years := opts.Years
	if years <= 0 {
		years = DefaultYears
	}
	page, err := st.ListRequests(ctx, request.Query{Limit: 1})
	if err != nil {
		return store.BulkCounts{}, err
	}
	if page.Total > 0 {
		return store.BulkCounts{}, apperr.Errorf(apperr.Conflict, "数据库中已有 %d 条需求；演示数据只填入空数据库（可用 --data 指定新目录）", page.Total)
	}
	for _, p := range team {
		if _, err := command.Run(ctx, command.New(st), command.SavePerson{ID: "", Version: 0, Fields: p}); err != nil {
			return store.BulkCounts{}, fmt.Errorf("demo person %s: %w", p.Name, err)
		}
	}
	// The generator makes garbage fast; collecting it less often saves a
	// sixth of the work for some more memory while the load runs.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	load, err := st.BeginBulk(ctx, opts.Seed)
	if err != nil {
		return store.BulkCounts{}, err
	}
	defer load.Rollback()

	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed))
	now := st.Now()
	start := now.AddDate(-years, 0, -7)
	custs := make([]customer.Detail, 0, opts.Customers)
	cumulative := make([]int, 0, opts.Customers) // running total of the weights
	used := map[string]bool{}
	for len(custs) < opts.Customers {
		in, weight, ok := newCustomer(rng, used)
		if !ok {
			continue
		}
		// Customers arrive over the first half of the span.
		at := start.Add(time.Duration(rng.Int64N(int64(now.Sub(start)) / 2))).Truncate(time.Millisecond)
		d := customer.Detail{Customer: customer.Customer{ID: genID(rng, at), Name: in.Fields.Name, Industry: in.Fields.Industry,
			Address: in.Fields.Address, CreatedAt: at, UpdatedAt: at, Version: 1}}
		for _, k := range in.Contacts {
			d.Contacts = append(d.Contacts, customer.Contact{ID: genID(rng, at), CustomerID: d.Customer.ID, Name: k.Name,
				Title: k.Title, Phone: k.Phone, Email: k.Email, CreatedAt: at, UpdatedAt: at, Version: 1})
		}
		d.Customer.ContactCount = len(d.Contacts)
		if err := load.Customer(ctx, pick(rng, staff), d); err != nil {
			return store.BulkCounts{}, fmt.Errorf("demo customer %s: %w", d.Customer.Name, err)
		}
		custs = append(custs, d)
		total := weight
		if n := len(cumulative); n > 0 {
			total += cumulative[n-1]
		}
		cumulative = append(cumulative, total)
	}
	zone, err := st.Zone(ctx)
	if err != nil {
		return store.BulkCounts{}, err
	}
	times := make([]time.Time, opts.Requests)
	for i := range times {
		times[i] = receivedAt(rng, now, years*365, zone)
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })

	g := &generator{seed: uint64(opts.Seed), check: load.CheckRecord, prepare: load.Prepare, lists: load.Lists(), custs: custs,
		cumulative: cumulative, times: times, now: now, zone: zone}
	err = g.run(ctx, runtime.GOMAXPROCS(0), func(br store.BulkRequest) error {
		if _, err := load.Request(ctx, br); err != nil {
			return fmt.Errorf("demo request %s: %w", br.Final.Fields.Title, err)
		}
		return nil
	})
	if err != nil {
		return store.BulkCounts{}, err
	}
	return load.Finish(ctx)
}

// generator takes requests through their lifecycle in memory. Each request
// draws from its own random stream, seeded by the data set's seed and the
// request's place in time, so requests can be made on every core at once
// and still come out the same for a seed, whatever the number of cores.
type generator struct {
	zone       *time.Location // the company's time zone
	seed       uint64
	check      func(request.RecordInput, *request.Record, []request.Record, request.RecordCheck) (json.RawMessage, error)
	prepare    func(*store.BulkRequest) error
	lists      vocab.Lists // the word lists: types' default paths, departments
	custs      []customer.Detail
	cumulative []int // running total of the customers' weights
	times      []time.Time
	now        time.Time
}

// genChunk is how many consecutive requests one worker makes at a time.
const genChunk = 128

// run makes every request on the given number of workers and hands them to
// write one by one, in order of receipt, on the calling goroutine. Workers
// stay at most a few chunks ahead of the writing, so memory stays bounded.
func (g *generator) run(ctx context.Context, workers int, write func(store.BulkRequest) error) error {
	type result struct {
		reqs []store.BulkRequest
		err  error
	}
	chunks := (len(g.times) + genChunk - 1) / genChunk
	slots := make([]chan result, chunks)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { // no goroutine outlives the call
		cancel()
		wg.Wait()
	}()
	ahead := make(chan struct{}, 4*workers) // chunks handed out but not yet written
	jobs := make(chan int)
	wg.Add(1)
	go func() { // hands out chunks in order
		defer wg.Done()
		defer close(jobs)
		for k := range chunks {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- k:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := newWorker(g)
			for k := range jobs {
				var r result
				for i := k * genChunk; i < min(len(g.times), (k+1)*genChunk) && r.err == nil; i++ {
					var br store.BulkRequest
					if br, r.err = w.request(ctx, i); r.err == nil {
						r.reqs = append(r.reqs, br)
					}
				}
				slots[k] <- r
			}
		}()
	}
	for k := range slots {
		var r result
		select {
		case r = <-slots[k]:
		case <-ctx.Done():
			return ctx.Err()
		}
		if r.err != nil {
			return r.err
		}
		for _, br := range r.reqs {
			if err := write(br); err != nil {
				return err
			}
		}
		<-ahead
	}
	return nil
}

// worker is one goroutine's state for making requests.
type worker struct {
	g   *generator
	clk *clock.Fixed
	mem *memSteps
	d   *driver
}

func newWorker(g *generator) *worker {
	clk := clock.NewFixed(g.now)
	mem := &memSteps{clk: clk, check: g.check, lists: g.lists, zone: g.zone}
	return &worker{g: g, clk: clk, mem: mem, d: &driver{to: mem, clk: clk, now: g.now, zone: g.zone}}
}

// request makes the i-th request (in order of receipt) and its history.
func (w *worker) request(ctx context.Context, i int) (store.BulkRequest, error) {
	g, clk, mem, d := w.g, w.clk, w.mem, w.d
	rng := rand.New(rand.NewPCG(g.seed, 0x5eed0000_00000000|uint64(i)))
	mem.rng, d.rng, d.ctx = rng, rng, ctx
	c := g.custs[sort.SearchInts(g.cumulative, rng.IntN(g.cumulative[len(g.cumulative)-1])+1)]
	f := newFields(rng, c, g.times[i], g.now)
	clk.Set(f.ReceivedAt.Add(time.Duration(1+rng.IntN(4)) * time.Minute))
	if clk.Now().After(g.now) {
		clk.Set(g.now)
	}
	at := mem.now()
	// Registered as command.CreateRequest has it decided.
	r, err := request.Register(f, request.FieldsCheck{Lists: g.lists, Staff: teamStaff, CustomerFound: true,
		ContactFound: true, ContactCustomer: c.Customer.ID, Now: at})
	if err != nil {
		return store.BulkRequest{}, fmt.Errorf("demo request %d: %w", i+1, err)
	}
	r.ID, r.CustomerName, r.CreatedAt, r.UpdatedAt, r.Version = genID(rng, at), c.Customer.Name, at, at, 1
	f = r.Fields
	mem.recs, mem.trs, mem.kept, mem.received = nil, nil, nil, f.ReceivedAt
	d.req = r
	// Older requests have mostly run their course; recent ones stand
	// anywhere along the way; a few leave the process early.
	switch age := g.now.Sub(f.ReceivedAt); {
	case rng.IntN(25) == 0:
		err = d.sideExit()
	case age > 45*24*time.Hour && rng.IntN(10) > 0:
		err = d.story(100)
	default:
		err = d.story(rng.IntN(14))
	}
	if err != nil {
		return store.BulkRequest{}, fmt.Errorf("demo request %d: %w", i+1, err)
	}
	if err := ctx.Err(); err != nil {
		return store.BulkRequest{}, err
	}
	br := store.BulkRequest{Created: r, Final: d.req, Records: mem.recs, Transitions: mem.trs, Kept: mem.kept}
	if err := g.prepare(&br); err != nil {
		return store.BulkRequest{}, fmt.Errorf("demo request %d: %w", i+1, err)
	}
	return br, nil
}

// genID makes a UUIDv7 for a row made at t from the generator's random
// numbers, so ids too are the same for a seed and sort by time.
func genID(rng *rand.Rand, t time.Time) string {
	var b uuid.UUID
	binary.BigEndian.PutUint64(b[8:], rng.Uint64())
	binary.BigEndian.PutUint64(b[0:], uint64(t.UnixMilli())<<16|rng.Uint64()&0x0fff|0x7000)
	b[8] = b[8]&0x3f | 0x80
	return b.String()
}

// memSteps takes the lifecycle's steps in memory: request.Step decides each
// move and what it changes exactly as command.MoveRequest has it decided,
// and memSteps keeps the outcome as that command's store writes would.
type memSteps struct {
	clk   *clock.Fixed
	zone  *time.Location // the company's time zone
	rng   *rand.Rand
	lists vocab.Lists
	check func(in request.RecordInput, before *request.Record, siblings []request.Record, rc request.RecordCheck) (json.RawMessage, error)
	// received is the receipt of the request being made.
	received time.Time
	recs     []request.Record
	trs      []request.Transition
	kept     []any // what each transition keeps of its step's audit entry
}

// now is the clock at the store's precision.
func (s *memSteps) now() time.Time { return s.clk.Now().UTC().Truncate(time.Millisecond) }

func (s *memSteps) move(ctx context.Context, r request.Request, m request.Move) (request.Request, error) {
	who := audit.Actor(ctx)
	now := s.now()
	res, err := request.Step(r, m, request.StepInput{Records: s.recs, Staff: teamStaff, Lists: s.lists, Now: now, Zone: s.zone,
		Acting: request.Facts{Actor: who, ActorRoles: roles[who], Managers: []string{generalManager}}})
	if err != nil {
		return r, err
	}
	if pc := res.Plan; pc != nil {
		for i := range s.recs {
			if s.recs[i].ID == pc.Record.ID {
				s.recs[i].Body, s.recs[i].UpdatedAt, s.recs[i].Version = mustJSON(pc.Plan), now, pc.Record.Version+1
			}
		}
		if pc.Next != nil {
			s.recs = append(s.recs, request.Record{ID: genID(s.rng, now), RequestID: r.ID, Kind: request.KindPlan,
				Body: mustJSON(*pc.Next), CreatedBy: who, CreatedAt: now, UpdatedAt: now, Version: 1})
		}
	}
	out := res.Request
	out.Version, out.UpdatedAt = r.Version+1, now
	tr := request.Transition{ID: genID(s.rng, now), At: now, Actor: who, Action: m.Action,
		From: r.Status, To: out.Status, Comment: res.Comment}
	// The step's audit entry, as command.MoveRequest has its transition
	// keep it.
	kept, ok, err := store.StepRest(tr, r, out)
	if err != nil || !ok {
		return r, fmt.Errorf("audit of step %s: %v", m.Action, err)
	}
	s.trs, s.kept = append(s.trs, tr), append(s.kept, kept)
	return out, nil
}

func (s *memSteps) save(ctx context.Context, in request.RecordInput) (request.Record, error) {
	at := -1
	var before *request.Record
	if in.ID != "" {
		for i := range s.recs {
			if s.recs[i].ID == in.ID {
				at, before = i, &s.recs[i]
			}
		}
		if before == nil {
			return request.Record{}, apperr.Errorf(apperr.NotFound, "记录不存在")
		}
	}
	raw, err := s.check(in, before, s.recs, request.RecordCheck{Span: request.EnteredSpan(s.received, s.clk.Now()).In(s.zone),
		Staff: teamStaff, Actor: audit.Actor(ctx)})
	if err != nil {
		return request.Record{}, err
	}
	now := s.now()
	if before == nil {
		rec := request.Record{ID: genID(s.rng, now), RequestID: in.RequestID, Kind: in.Kind, ParentID: in.ParentID,
			Body: raw, CreatedBy: audit.Actor(ctx), CreatedAt: now, UpdatedAt: now, Version: 1}
		s.recs = append(s.recs, rec)
		return rec, nil
	}
	rec := *before
	rec.Body, rec.UpdatedAt, rec.Version = raw, now, rec.Version+1
	s.recs[at] = rec
	return rec, nil
}

func (s *memSteps) records(context.Context, string) ([]request.Record, error) {
	return append([]request.Record(nil), s.recs...), nil
}

// roles are the demo team's roles by name, for the state machine's guards.
var roles = func() map[string][]request.Role {
	out := map[string][]request.Role{}
	for _, p := range team {
		out[p.Name] = p.Roles
	}
	return out
}()

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // plain structs always encode
	}
	return b
}
