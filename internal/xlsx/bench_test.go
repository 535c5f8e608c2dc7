package xlsx_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/xlsx"
)

// BenchmarkImport10k imports a table of 10,000 new requests (500
// customers) into an empty database: reading, checking and writing in one
// transaction.
func BenchmarkImport10k(b *testing.B) {
	data := bigTable(b, 10000, 0)
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s, _ := openStore(b)
		runtime.GC()
		start := cpuTime()
		b.StartTimer()
		rep, err := command.ImportWorkbook(context.Background(), command.New(s), data, false)
		b.StopTimer()
		cpu += cpuTime() - start
		b.StartTimer()
		if err != nil || !rep.Applied || rep.Created != 10000 {
			b.Fatalf("import: %v %+v%s", err, rep, problemsText(rep))
		}
	}
	// CPU time says what the wall time would be on an idle machine, give
	// or take the second core.
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkParse10k reads the table of BenchmarkImport10k: the import's
// reading of the workbook alone.
func BenchmarkParse10k(b *testing.B) {
	data := bigTable(b, 10000, 0)
	for b.Loop() {
		batch, err := xlsx.Parse(data, time.Local)
		if err != nil || len(batch.Sheets) != 1 || len(batch.Sheets[0].Rows) != 10000 {
			b.Fatalf("parse: %v", err)
		}
	}
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExport100k exports 100,000 requests to a file, each table, and
// reports the peak Go heap and the process's peak resident memory during
// the export.
func BenchmarkExport100k(b *testing.B) {
	s, path := openStore(b)
	bulkRequests(b, path, 100000)
	for _, kind := range xlsx.Kinds {
		b.Run(string(kind), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "export.xlsx")
			var peakHeap uint64
			var peakRSS int64
			var cpu time.Duration
			for b.Loop() {
				resetPeakRSS()
				stop := sampleHeap(&peakHeap)
				start := cpuTime()
				f, err := os.Create(out)
				if err != nil {
					b.Fatal(err)
				}
				n, err := xlsx.Export(context.Background(), f, s, kind, request.Query{})
				f.Close()
				cpu += cpuTime() - start
				stop()
				if err != nil {
					b.Fatal(err)
				}
				if want := 100000; kind == xlsx.KindFeedback {
					want = 1000
					if n != want {
						b.Fatalf("%d rows, want %d", n, want)
					}
				} else if n != want {
					b.Fatalf("%d rows, want %d", n, want)
				}
				peakRSS = max(peakRSS, readPeakRSS())
			}
			if st, err := os.Stat(out); err == nil {
				b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
			if peakRSS > 0 {
				b.ReportMetric(float64(peakRSS)/(1<<10), "peak-RSS-MB")
			}
		})
	}
}

// bulkRequests fills the database with n requests of 500 customers, one in
// a hundred with feedback, in a few statements rather than n CreateRequest
// calls.
func bulkRequests(b *testing.B, path string, n int) {
	b.Helper()
	execSQL(b, path, `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 499)
		INSERT INTO customers (id, name, name_key, created_at, updated_at)
		SELECT 'c' || i, '客户' || i || '有限公司', '客户' || i || '有限公司', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z' FROM k`)
	execSQL(b, path, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < `+strconv.Itoa(n)+`)
		INSERT INTO requests (seq, id, number, status, customer_id, contact_name, contact_info, channel, type, urgency,
			title, description, received_at, received_by, owner, department, created_at, updated_at)
		SELECT i, 'r' || i, printf('XR-2023-%06d', i), CASE i % 4 WHEN 0 THEN 'registered' WHEN 1 THEN 'assigned'
			WHEN 2 THEN 'implementation' ELSE 'archived' END, 'c' || (i % 500), '张伟', '13800138000', '电话', '技术咨询',
			CASE i % 3 WHEN 0 THEN 'urgent' WHEN 1 THEN 'important' ELSE 'normal' END,
			'第' || i || '条需求：咨询系统对接方案', '客户希望了解与财务系统对接的接口规范和实施周期，并安排一次现场演示。',
			strftime('%Y-%m-%dT%H:%M:%fZ', '2023-01-01', '+' || (i % 365) || ' days', '+' || (i % 480) || ' minutes'),
			'李娜', '王强', '技术支持部', '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z' FROM k`)
	execSQL(b, path, `INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at)
		SELECT 'f' || seq, seq, 'feedback', record_pack('feedback', '{"obtained":true,"timeliness":5,"effectiveness":4,"attitude":5,"overall":5,"solved":true,"method":"phone","on":"2024-01-02","comments":"满意"}'),
			'李娜', '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z' FROM requests WHERE seq % 100 = 0`)
	execSQL(b, path, `INSERT INTO request_records (id, req, kind, body, created_by, created_at, updated_at)
		SELECT 't' || seq, seq, 'task', record_pack('task', '{"title":"联调测试","owner":"王强","status":"doing","percent":40}'),
			'李娜', '2024-01-02T00:00:00.000Z', '2024-01-02T00:00:00.000Z' FROM requests WHERE status = 'implementation'`)
}

// sampleHeap records the largest live heap seen until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			*peak = max(*peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// resetPeakRSS restarts the kernel's high-water mark of resident memory
// (Linux; elsewhere the peak is not reported).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// readPeakRSS is the process's peak resident memory in KiB, 0 when unknown.
func readPeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
