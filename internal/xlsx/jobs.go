package xlsx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"iter"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// Progress is told how many rows an export has written so far.
type Progress func(written int)

// ExportWithProgress is Export telling p, after each row, how many it has
// written (p may be nil); it stops with ctx's error when ctx is cancelled.
// Times are written in the source's zone (the company's).
func ExportWithProgress(ctx context.Context, w io.Writer, src Source, kind Kind, q request.Query, p Progress) (int, error) {
	if _, err := ParseKind(string(kind)); err != nil {
		return 0, err
	}
	zone, err := src.Zone(ctx)
	if err != nil {
		return 0, err
	}
	switch kind {
	case KindTracking:
		return WriteTracking(w, counted(ctx, src.Tracking(ctx, q), p), zone)
	case KindFeedback:
		return WriteFeedback(w, counted(ctx, src.Feedback(ctx, q), p), zone)
	default:
		return WriteRegistrations(w, counted(ctx, src.Registrations(ctx, q), p), zone)
	}
}

// counted passes rows on, reporting each one the writer has taken, and ends
// with ctx's error once ctx is done.
func counted[T any](ctx context.Context, rows iter.Seq2[T, error], p Progress) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		n := 0
		for r, err := range rows {
			if err == nil {
				err = ctx.Err()
			}
			if !yield(r, err) || err != nil {
				return
			}
			n++
			if p != nil {
				p(n)
			}
		}
	}
}

// JobState is where a background export stands.
type JobState string

// Job states.
const (
	JobRunning   JobState = "running"   // rows are being written, or the file saved
	JobDone      JobState = "done"      // the workbook is ready to fetch
	JobFailed    JobState = "failed"    // the export stopped with an error
	JobCancelled JobState = "cancelled" // the user stopped it; nothing was kept
)

// JobStatus is what the UI polls to draw its progress bar.
type JobStatus struct {
	ID       string   `json:"id"`
	Kind     Kind     `json:"kind"`
	State    JobState `json:"state"`
	Written  int      `json:"written"`  // rows written so far
	Total    int      `json:"total"`    // rows the filter selected when the export started
	FileName string   `json:"fileName"` // proposed name for saving
}

// Jobs runs exports in the background, each into its own temporary file,
// so the UI can show how far one has got, stop it, and fetch the finished
// workbook. The same polling serves the desktop window and a browser. A
// cancelled or failed export leaves no file behind; a finished one is
// removed when fetched, cancelled, or left unfetched for Keep.
type Jobs struct {
	mu   sync.Mutex
	dir  string
	jobs map[string]*job
	now  func() time.Time
	// Keep is how long a finished, unfetched workbook is kept.
	Keep time.Duration
}

type job struct {
	status  JobStatus
	written atomic.Int64
	cancel  context.CancelFunc
	path    string
	err     error
	ended   time.Time
	done    chan struct{}
}

// NewJobs keeps its temporary files in dir ("" for the system's). A
// folder of its own (one program per data directory) is cleared of the
// workbooks a program killed mid-export left there.
func NewJobs(dir string) *Jobs {
	if dir != "" {
		os.MkdirAll(dir, 0o700)
		if left, err := filepath.Glob(filepath.Join(dir, exportPattern)); err == nil {
			for _, f := range left {
				os.Remove(f)
			}
		}
	}
	return &Jobs{dir: dir, jobs: map[string]*job{}, now: time.Now, Keep: 15 * time.Minute}
}

// exportPattern names an export's temporary file.
const exportPattern = "reqdesk-export-*.xlsx"

// Start begins exporting the table of kind for q, of total rows, and
// returns at once.
func (js *Jobs) Start(src Source, kind Kind, q request.Query, total int, fileName string) (JobStatus, error) {
	if _, err := ParseKind(string(kind)); err != nil {
		return JobStatus{}, err
	}
	js.sweep()
	f, err := os.CreateTemp(js.dir, exportPattern)
	if err != nil {
		return JobStatus{}, err
	}
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		f.Close()
		os.Remove(f.Name())
		return JobStatus{}, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	j := &job{
		status: JobStatus{ID: hex.EncodeToString(id), Kind: kind, State: JobRunning, Total: total, FileName: fileName},
		cancel: cancel, path: f.Name(), done: make(chan struct{}),
	}
	started := js.snapshot(j)
	js.mu.Lock()
	js.jobs[j.status.ID] = j
	js.mu.Unlock()
	go func() {
		defer close(j.done)
		_, err := ExportWithProgress(ctx, f, src, kind, q, func(n int) { j.written.Store(int64(n)) })
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		js.mu.Lock()
		defer js.mu.Unlock()
		j.ended = js.now()
		switch {
		case ctx.Err() != nil:
			j.status.State = JobCancelled
		case err != nil:
			j.status.State, j.err = JobFailed, err
		default:
			j.status.State = JobDone
		}
		if j.status.State != JobDone {
			os.Remove(j.path)
		}
		cancel()
	}()
	return started, nil
}

func (js *Jobs) snapshot(j *job) JobStatus {
	s := j.status
	s.Written = int(j.written.Load())
	return s
}

func (js *Jobs) get(id string) (*job, error) {
	j, ok := js.jobs[id]
	if !ok {
		return nil, apperr.New(apperr.NotFound, "export_gone", nil)
	}
	return j, nil
}

// Status returns how far an export has got. A failed export returns its
// error once, and is then forgotten.
func (js *Jobs) Status(id string) (JobStatus, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, err := js.get(id)
	if err != nil {
		return JobStatus{}, err
	}
	s := js.snapshot(j)
	if s.State == JobFailed {
		delete(js.jobs, id)
		return s, j.err
	}
	if s.State == JobCancelled {
		delete(js.jobs, id)
	}
	return s, nil
}

// Cancel stops an export and removes its file, and waits until it has
// stopped; cancelling a finished export discards its workbook.
func (js *Jobs) Cancel(id string) error {
	js.mu.Lock()
	j, err := js.get(id)
	if err == nil {
		delete(js.jobs, id)
	}
	js.mu.Unlock()
	if err != nil {
		return err
	}
	j.cancel()
	<-j.done
	os.Remove(j.path)
	return nil
}

// Take returns a finished export's workbook and forgets the export.
func (js *Jobs) Take(id string) ([]byte, JobStatus, error) {
	path, s, err := js.TakeFile(id)
	if err != nil {
		return nil, s, err
	}
	defer os.Remove(path)
	data, err := os.ReadFile(path)
	return data, s, err
}

// TakeFile hands a finished export's file over to the caller, who must
// move or remove it, and forgets the export.
func (js *Jobs) TakeFile(id string) (string, JobStatus, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, err := js.get(id)
	if err != nil {
		return "", JobStatus{}, err
	}
	s := js.snapshot(j)
	if s.State != JobDone {
		return "", s, apperr.New(apperr.Conflict, "export_unfinished", nil)
	}
	delete(js.jobs, id)
	return j.path, s, nil
}

// Wait blocks until an export has stopped, for tests and for Close.
func (js *Jobs) Wait(id string) error {
	js.mu.Lock()
	j, err := js.get(id)
	js.mu.Unlock()
	if err != nil {
		return err
	}
	<-j.done
	return nil
}

// sweep forgets finished exports nobody fetched within Keep.
func (js *Jobs) sweep() {
	js.mu.Lock()
	defer js.mu.Unlock()
	for id, j := range js.jobs {
		if j.status.State != JobRunning && js.now().Sub(j.ended) > js.Keep {
			os.Remove(j.path)
			delete(js.jobs, id)
		}
	}
}

// Close stops every export and removes every file; call it before the
// store closes.
func (js *Jobs) Close() {
	js.mu.Lock()
	all := js.jobs
	js.jobs = map[string]*job{}
	js.mu.Unlock()
	for _, j := range all {
		j.cancel()
		<-j.done
		os.Remove(j.path)
	}
}
