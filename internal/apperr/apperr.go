// Package apperr defines the errors that cross from the domain to the user:
// each carries a machine-readable code and, for validation failures, the
// fields at fault with a message key the UI translates.
package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"
)

// Error codes understood by the UI.
const (
	Invalid           = "invalid"
	NotFound          = "not_found"
	Conflict          = "conflict"
	Forbidden         = "forbidden"
	InvalidTransition = "invalid_transition"
	Internal          = "internal"
	// Unauthorized: no valid login (serve mode on a network).
	Unauthorized = "unauthorized"
	// RateLimited: too many failed logins; wait and try again.
	RateLimited = "rate_limited"
	// DeviceRevoked: a laptop removed from its team (or whose account is
	// disabled) calls the team server. Not Unauthorized: a browser takes a
	// 401 for the end of its session and logs out.
	DeviceRevoked = "device_revoked"
)

// FieldError names one field that failed validation and why. Key is a
// message key (e.g. "required", "too_long"); Params fill its placeholders.
type FieldError struct {
	Field  string         `json:"field"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
}

// Error is an error meant for the user. Message is a plain Chinese sentence
// usable as is (the command line and logs show it); the UI translates Key
// with Params when Key is set, else Code and Fields.
type Error struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Key     string         `json:"key,omitempty"`
	Params  map[string]any `json:"params,omitempty"`
	Fields  []FieldError   `json:"fields,omitempty"`
}

// Error returns the message with its code, for logs.
func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
}

// Errorf returns an Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of err if it is (or wraps) an *Error, and Internal
// otherwise.
func CodeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err as an *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Fields collects field errors during validation. The zero value is ready.
type Fields struct {
	list []FieldError
}

// Add records a problem with field.
func (f *Fields) Add(field, key string) {
	f.list = append(f.list, FieldError{Field: field, Key: key})
}

// AddParams records a problem with field whose message needs parameters.
func (f *Fields) AddParams(field, key string, params map[string]any) {
	f.list = append(f.list, FieldError{Field: field, Key: key, Params: params})
}

// Range records field as outside the range min to max, both allowed, so
// the message can give the range.
func (f *Fields) Range(field string, min, max float64) {
	f.AddParams(field, "out_of_range", map[string]any{"min": min, "max": max})
}

// Has reports whether field already has a problem recorded.
func (f *Fields) Has(field string) bool {
	for _, fe := range f.list {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// Err returns an Invalid error listing the problems, or nil if there are none.
func (f *Fields) Err() error {
	if len(f.list) == 0 {
		return nil
	}
	return &Error{Code: Invalid, Message: "输入有误，请检查标出的字段", Key: "check_fields", Fields: f.list}
}

// Wire is the form an Error takes when it crosses to the frontend: its
// Error() is the JSON encoding, because Wails hands a Go error to JavaScript
// as its bare string.
type Wire struct {
	E *Error
}

// Error returns the JSON encoding of the wrapped error.
func (w Wire) Error() string {
	b, err := json.Marshal(w.E)
	if err != nil {
		return `{"code":"internal","message":"内部错误"}`
	}
	return string(b)
}

// Unwrap gives access to the wrapped *Error.
func (w Wire) Unwrap() error { return w.E }

// Required records field as missing when v is empty, and otherwise checks
// it as a multi-line text (see MaxLen).
func (f *Fields) Required(field, v string, max int) {
	if v == "" {
		f.Add(field, "required")
		return
	}
	f.MaxLen(field, v, max)
}

// RequiredLine records field as missing when v is empty, and otherwise
// checks it as a single-line text (see Line).
func (f *Fields) RequiredLine(field, v string, max int) {
	if v == "" {
		f.Add(field, "required")
		return
	}
	f.Line(field, v, max)
}

// MaxLen checks a multi-line text field (descriptions, summaries, comments):
// tabs and line breaks are kept, anything else TextProblem refuses is
// recorded against field.
func (f *Fields) MaxLen(field, v string, max int) {
	if key, params := TextProblem(v, max, true); key != "" {
		f.AddParams(field, key, params)
	}
}

// Line checks a single-line text field (names, labels, titles): as MaxLen,
// and a tab or line break is refused too.
func (f *Fields) Line(field, v string, max int) {
	if key, params := TextProblem(v, max, false); key != "" {
		f.AddParams(field, key, params)
	}
}

// TextProblem says what is wrong with v as the value of a text field, as a
// message key ("" when nothing is) with its parameters. Every text a person
// enters passes through it, whichever way it came (window, browser, command
// line, Excel import): it must be valid UTF-8 and hold no U+FFFD, the mark a
// decoder leaves where it met bytes that were not (so text damaged on the way
// is refused rather than stored with the damage); it holds no control
// characters, except tab and line breaks in a multi-line field; and it has at
// most max characters.
func TextProblem(v string, max int, multiline bool) (string, map[string]any) {
	switch {
	case !utf8.ValidString(v) || strings.ContainsRune(v, utf8.RuneError):
		return "invalid_text", nil
	case !multiline && strings.ContainsAny(v, "\t\r\n"):
		return "single_line", nil
	case hasControl(v):
		return "control_chars", nil
	case utf8.RuneCountInString(v) > max:
		return "too_long", map[string]any{"max": max}
	}
	return "", nil
}

func hasControl(v string) bool {
	for _, r := range v {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// HTTPStatus is the HTTP status that answers an error of code, in serve
// mode and on the team server alike.
func HTTPStatus(code string) int {
	switch code {
	case Invalid, InvalidTransition:
		return http.StatusUnprocessableEntity
	case NotFound:
		return http.StatusNotFound
	case Conflict:
		return http.StatusConflict
	case Forbidden, DeviceRevoked:
		return http.StatusForbidden
	case Unauthorized:
		return http.StatusUnauthorized
	case RateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}
