package apperr

import (
	"fmt"
	"sort"
	"strings"
)

// P holds the parameters of a message key. A value is shown as it is,
// except a Term (a code the UI names in its language), a Msg (a sentence of
// its own) and a slice of either, which are joined with "、".
type P = map[string]any

// Term is a code of one of the app's lists (a status, a step, a field, a
// role) inside a message: the UI shows its name in the user's language,
// looked up as Kind + "." + Code (e.g. "enums.status.analysis"); Name is the
// Chinese name the plain Message uses.
type Term struct {
	Kind string `json:"kind"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// Msg is a sentence nested in another as one of its parameters, such as
// the reason a step is refused inside "不能{action}：{reason}".
type Msg struct {
	Key    string `json:"key"`
	Params P      `json:"params,omitempty"`
}

// Text is the Chinese sentence of m.
func (m Msg) Text() string { return Render(m.Key, m.Params) }

// New returns an error with code whose sentence is the message key with
// params; its Message is the Chinese text of the key (see Messages) filled
// with the params, for the command line and logs.
func New(code, key string, params P) *Error {
	return &Error{Code: code, Key: key, Params: params, Message: Render(key, params)}
}

// WithField adds a field at fault to e, for forms that mark it.
func (e *Error) WithField(field, key string) *Error {
	e.Fields = append(e.Fields, FieldError{Field: field, Key: key})
	return e
}

// Render fills the Chinese text of key with params. A key missing from
// Messages renders as the key and its params, so a slip shows in tests.
func Render(key string, params P) string {
	text, ok := Messages[key]
	if !ok {
		names := make([]string, 0, len(params))
		for k := range params {
			names = append(names, k)
		}
		sort.Strings(names)
		return fmt.Sprintf("%s%v", key, names)
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			b.WriteString(text)
			return b.String()
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			b.WriteString(text)
			return b.String()
		}
		b.WriteString(text[:i])
		name := text[i+1 : i+j]
		if v, ok := params[name]; ok {
			b.WriteString(paramText(v))
		}
		text = text[i+j+1:]
	}
}

func paramText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case Term:
		return x.Name
	case Msg:
		return x.Text()
	case []Term:
		parts := make([]string, len(x))
		for i, t := range x {
			parts[i] = t.Name
		}
		return strings.Join(parts, "、")
	case []string:
		return strings.Join(x, "、")
	case []Msg:
		parts := make([]string, len(x))
		for i, m := range x {
			parts[i] = m.Text()
		}
		return strings.Join(parts, "、")
	}
	return fmt.Sprint(v)
}

// Missing is the error for a thing (a code of Things) that is not there.
func Missing(thing string) *Error {
	return New(NotFound, "not_found", P{"thing": Thing(thing)})
}

// Stale is the error for a change of a thing (a code of Things) made from
// an outdated version.
func Stale(thing string) *Error {
	return New(Conflict, "stale", P{"thing": Thing(thing)})
}
