package server

import (
	"io"
	"log"
	"log/slog"
	"net/http"
	"time"
)

// Timeouts bound how long a slow client may hold a connection.
type Timeouts struct {
	// Header is the time the request line and headers have to arrive.
	Header time.Duration
	// Body is the time, beyond Header, the body of a call has to arrive;
	// a call carrying a file gets more (see UploadRate).
	Body time.Duration
	// Idle is how long a kept-alive connection may wait for its next
	// request.
	Idle time.Duration
	// UploadRate is the slowest upload, in bytes a second, given time
	// enough for the largest file a call takes.
	UploadRate int64
	// MaxHeaderBytes bounds the request line and headers.
	MaxHeaderBytes int
}

// DefaultTimeouts are serve mode's: a 50 MB workbook (67 MB as base64)
// may take nine minutes at 128 KB/s, while anything else has 30 seconds.
var DefaultTimeouts = Timeouts{
	Header:         10 * time.Second,
	Body:           30 * time.Second,
	Idle:           2 * time.Minute,
	UploadRate:     128 << 10,
	MaxHeaderBytes: 32 << 10,
}

func (t Timeouts) orDefault() Timeouts {
	d := DefaultTimeouts
	if t.Header > 0 {
		d.Header = t.Header
	}
	if t.Body > 0 {
		d.Body = t.Body
	}
	if t.Idle > 0 {
		d.Idle = t.Idle
	}
	if t.UploadRate > 0 {
		d.UploadRate = t.UploadRate
	}
	if t.MaxHeaderBytes > 0 {
		d.MaxHeaderBytes = t.MaxHeaderBytes
	}
	return d
}

// uploadTime is how long a body of at most limit bytes may take to arrive.
func (t Timeouts) uploadTime(limit int64) time.Duration {
	return t.Body + time.Duration(float64(limit)/float64(t.UploadRate)*float64(time.Second))
}

// HTTPServer returns the HTTP server for s, with its timeouts: a client
// that sends its headers or its body too slowly, or keeps a connection
// idle too long, is cut off, so that a few hundred dripping connections
// cannot hold the server's resources.
func (s *Server) HTTPServer() *http.Server {
	t := s.timeouts
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: t.Header,
		ReadTimeout:       t.Header + t.Body,
		IdleTimeout:       t.Idle,
		MaxHeaderBytes:    t.MaxHeaderBytes,
	}
	if s.log != nil {
		srv.ErrorLog = slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)
	} else {
		srv.ErrorLog = log.New(io.Discard, "", 0)
	}
	return srv
}
