package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/request"
)

// DashboardMethod is the API method that opens the dashboard (issue 7's
// ReportsApp). Until a build has it, the server answers 404 and the
// dashboard's part of the memory row says "not yet built".
const DashboardMethod = "ReportsApp/Dashboard"

// Start is one start of the real program in serve mode.
type Start struct {
	FirstCall time.Duration // process start → first answered API call
	RSSList   int64         // VmRSS (KiB) after opening the request list
	RSSBoth   int64         // VmRSS (KiB) after the list and the dashboard; 0 when there is no dashboard
	Dashboard bool          // whether the build has the dashboard
	// BackupDone is when the day's automatic backup was there (process
	// start → listed), made in the background by the first start of a day.
	BackupDone time.Duration
}

var urlLine = regexp.MustCompile(`http://[^\s]+/\?token=[A-Za-z0-9_-]+`)

// ColdStart starts `bin serve --data dir`, reads the tokened address it
// prints, presents the token for the session cookie, and posts
// SystemApp/Info until it is answered; that is the start time. It then
// opens the request list (the first page, newest first, as the list screen
// does) and the dashboard, reads the process's resident memory, and stops
// it with SIGTERM.
func ColdStart(ctx context.Context, bin, dir string) (Start, error) {
	return ColdStartAt(ctx, bin, dir, time.Time{})
}

// ColdStartAt is ColdStart with the program's clock starting at at (the
// program's test clock; zero: the real time), to start it on another day.
func ColdStartAt(ctx context.Context, bin, dir string, at time.Time) (Start, error) {
	var out Start
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "serve", "--data", dir, "--addr", "127.0.0.1:0")
	cmd.Env = os.Environ()
	day := time.Now()
	if !at.IsZero() {
		cmd.Env, day = append(cmd.Env, "REQDESK_TEST_CLOCK="+at.Format(time.RFC3339)), at
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return out, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return out, err
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if u := urlLine.FindString(sc.Text()); u != "" {
				found <- u
				break
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var addr string
	select {
	case addr = <-found:
	case <-ctx.Done():
		return out, fmt.Errorf("serve printed no address: %s", stderr.String())
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Timeout: time.Minute}
	resp, err := client.Get(addr)
	if err != nil {
		return out, err
	}
	resp.Body.Close()
	base := addr[:strings.Index(addr, "/?token=")]
	// The link hands the session key over in the fragment it redirects to.
	key, _ := strings.CutPrefix(resp.Request.URL.Fragment, "reqdesk-key=")
	var reply []byte
	call := func(method string, args ...any) (int, error) {
		body, _ := json.Marshal(append([]any{}, args...))
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/"+method, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-ReqDesk-Call", "1")
		req.Header.Set("X-ReqDesk-Key", key)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		reply = b
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
			return resp.StatusCode, fmt.Errorf("%s: %d %s", method, resp.StatusCode, b)
		}
		return resp.StatusCode, nil
	}
	for {
		code, err := call("SystemApp/Info")
		if err == nil && code == http.StatusOK {
			break
		}
		if ctx.Err() != nil {
			return out, fmt.Errorf("SystemApp/Info never answered: %v %s", err, stderr.String())
		}
		time.Sleep(time.Millisecond)
	}
	out.FirstCall = time.Since(start)
	pid := strconv.Itoa(cmd.Process.Pid)
	q := request.Query{Sort: request.SortReceivedAt, Desc: true, Limit: 50}
	if code, err := call("RequestsApp/List", q); err != nil || code != http.StatusOK {
		return out, fmt.Errorf("RequestsApp/List: %d %v", code, err)
	}
	out.RSSList = RSSKiB(pid)
	code, err := call(DashboardMethod, time.Now().Format("2006-01"), "")
	if err != nil {
		return out, err
	}
	if out.Dashboard = code == http.StatusOK; out.Dashboard {
		out.RSSBoth = RSSKiB(pid)
	}
	// The day's automatic backup is made in the background: the process is
	// stopped only once it is there, so that it is the first start's alone.
	for {
		if code, err := call("DataApp/Backups"); err != nil || code != http.StatusOK {
			return out, fmt.Errorf("DataApp/Backups: %d %v", code, err)
		}
		var list []struct {
			Automatic bool      `json:"automatic"`
			At        time.Time `json:"at"`
		}
		if err := json.Unmarshal(reply, &list); err != nil {
			return out, err
		}
		for _, b := range list {
			// This day's (another day's may be there).
			if b.Automatic && b.At.After(day.Add(-time.Hour)) {
				out.BackupDone = time.Since(start)
				return out, nil
			}
		}
		if ctx.Err() != nil {
			return out, fmt.Errorf("no automatic backup: %v", ctx.Err())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// StartResults turns starts into the table's rows: the start time, and the
// resident memory after the list (and the dashboard, once it exists).
func StartResults(starts []Start, first *Start) []Result {
	var times []time.Duration
	var list, both []int64
	dashboard := len(starts) > 0
	for _, s := range starts {
		times = append(times, s.FirstCall)
		list = append(list, s.RSSList)
		both = append(both, s.RSSBoth)
		dashboard = dashboard && s.Dashboard
	}
	med, p95 := Percentiles(times)
	rs := []Result{}
	if first != nil {
		// Judged against the cold starts of the same run: the backup must
		// not make the first start of a day slower than another start.
		ratio := float64(first.FirstCall) / float64(max(med, 1))
		rs = append(rs, Result{Op: Op{Name: "first start of the day (the daily automatic backup runs in the background)",
			Note: fmt.Sprintf("%.2f× the cold starts' median; the backup (VACUUM INTO a copy of the whole database, on a "+
				"thread of lower priority) waits %s after the start and was made %.1f s after it, once the list and the "+
				"dashboard were answered; the day's integrity check follows it on that thread, and no start checks at once "+
				"unless the last run did not close cleanly", ratio, backup.DefaultDelay, first.BackupDone.Seconds())},
			Runs: 1, Median: first.FirstCall, P95: first.FirstCall, TargetText: "p95 < 500ms, ≤ 1.2× a cold start",
			Met: verdict(first.FirstCall < 500*time.Millisecond && ratio <= 1.2)})
	}
	rs = append(rs, Result{Op: Op{Name: "cold start: process start → first answered API call (reqdesk serve)",
		Target: 500 * time.Millisecond, Note: "a new process each run; the OS file cache is warm"}, Runs: len(starts), Median: med, P95: p95})
	mb := func(kib int64) string { return fmt.Sprintf("%.0f MB", float64(kib)/1024) }
	lm, lp := Percentiles(list)
	r := Result{Op: Op{Name: "resident memory (VmRSS of the serve process) after opening the list"}, Runs: len(starts),
		MedianText: mb(lm), P95Text: mb(lp), TargetText: "< 200 MB", Met: verdict(lp < 200*1024)}
	rs = append(rs, r)
	if dashboard {
		bm, bp := Percentiles(both)
		rs = append(rs, Result{Op: Op{Name: "resident memory after the list and the dashboard"}, Runs: len(starts),
			MedianText: mb(bm), P95Text: mb(bp), TargetText: "< 200 MB", Met: verdict(bp < 200*1024)})
	} else {
		rs = append(rs, Result{Op: Op{Name: "dashboard (all widgets); resident memory after the list and the dashboard"},
			Runs: len(starts), MedianText: "–", P95Text: "–", TargetText: "< 150 ms; < 200 MB",
			Met: "not yet built (this build has no " + DashboardMethod + ")"})
	}
	return rs
}

func verdict(ok bool) string {
	if ok {
		return "yes"
	}
	return "**MISSED**"
}
