package server

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/request"
)

// maxBody bounds the arguments of a call that carries no file; larger
// bodies are refused.
const maxBody = 8 << 20

// callSlack is the room left beside a file for a call's other arguments.
const callSlack = 64 << 10

// maxDrain bounds how much of a refused, oversized body is read and thrown
// away so that the browser, still sending, gets the answer rather than a
// broken connection.
const maxDrain = 128 << 20

// bodyLimit is how large the body of a call to a method taking a file of at
// most file bytes may be: the file travels as base64 text in the JSON array.
func bodyLimit(file int64) int64 {
	if file <= 0 {
		return maxBody
	}
	return max(maxBody, (file+2)/3*4+callSlack)
}

// sizeText writes a limit as people read it: 10 MB, 512 KB.
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	}
	return strconv.FormatInt((n+1023)>>10, 10) + " KB"
}

// tooLarge is the answer to a body over its limit.
func tooLarge(file int64) *apperr.Error {
	if file > 0 {
		e := apperr.New(apperr.Invalid, "file_too_large", apperr.P{"max": sizeText(file)})
		e.Fields = []apperr.FieldError{{Field: "file", Key: "too_large", Params: map[string]any{"max": file}}}
		return e
	}
	return apperr.New(apperr.Invalid, "request_too_large", apperr.P{"max": sizeText(maxBody)})
}

// errTooLarge marks a body that went over its limit.
var errTooLarge = errors.New("body too large")

// readBody reads at most limit bytes of body. Past the limit it reads on
// (up to maxDrain) and discards, then returns errTooLarge.
func readBody(body io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		_, _ = io.CopyN(io.Discard, body, maxDrain)
		return nil, errTooLarge
	}
	return data, nil
}

// decodeArgs decodes the JSON array of a call's arguments into values of
// the method's parameter types. An argument that does not decode is named
// in the answer, down to the field at fault.
func decodeArgs(data []byte, t reflect.Type) ([]reflect.Value, *apperr.Error) {
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, apperr.New(apperr.Invalid, "args_not_array", nil)
	}
	if len(raw) != t.NumIn() {
		return nil, apperr.New(apperr.Invalid, "args_count", apperr.P{"want": t.NumIn(), "got": len(raw)})
	}
	args := make([]reflect.Value, t.NumIn())
	for i := range args {
		p := reflect.New(t.In(i))
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			return nil, argError(i, raw[i], t.In(i))
		}
		raw[i] = nil // a file's text can go before the next argument is read
		args[i] = p.Elem()
	}
	return args, nil
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	rawType     = reflect.TypeFor[json.RawMessage]()
	unmarshaler = reflect.TypeFor[json.Unmarshaler]()
)

// argError says which part of argument i (its JSON raw, of type t) does not
// decode and what it should be.
func argError(i int, raw json.RawMessage, t reflect.Type) *apperr.Error {
	path, leaf := locate(raw, t)
	want := expected(leaf)
	if len(path) == 0 {
		return apperr.New(apperr.Invalid, "arg_invalid", apperr.P{"label": apperr.Msg{Key: "arg_position", Params: apperr.P{"n": i + 1}},
			"want": want}).WithField(strconv.Itoa(i), fieldKey(leaf))
	}
	field := strings.Join(path, ".")
	return apperr.New(apperr.Invalid, "arg_invalid", apperr.P{"label": fieldLabel(path), "want": want}).
		WithField(field, fieldKey(leaf))
}

// locate finds the innermost part of raw that does not decode into t:
// its JSON path (field names and list positions) and its type.
func locate(raw json.RawMessage, t reflect.Type) ([]string, reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType || t == rawType || reflect.PointerTo(t).Implements(unmarshaler) {
		return nil, t
	}
	switch t.Kind() {
	case reflect.Struct:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return nil, t
		}
		for name, ft := range jsonFields(t) {
			v, ok := obj[name]
			if !ok {
				continue
			}
			if json.Unmarshal(v, reflect.New(ft).Interface()) != nil {
				path, leaf := locate(v, ft)
				return append([]string{name}, path...), leaf
			}
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil, t
		}
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return nil, t
		}
		for i, v := range list {
			if json.Unmarshal(v, reflect.New(t.Elem()).Interface()) != nil {
				path, leaf := locate(v, t.Elem())
				return append([]string{strconv.Itoa(i)}, path...), leaf
			}
		}
	case reflect.Map:
		var obj map[string]json.RawMessage
		if json.Unmarshal(raw, &obj) != nil {
			return nil, t
		}
		for k, v := range obj {
			if json.Unmarshal(v, reflect.New(t.Elem()).Interface()) != nil {
				path, leaf := locate(v, t.Elem())
				return append([]string{k}, path...), leaf
			}
		}
	}
	return nil, t
}

// jsonFields lists a struct's fields by their JSON names, embedded
// structs' fields included, as encoding/json sees them.
func jsonFields(t reflect.Type) func(yield func(string, reflect.Type) bool) {
	return func(yield func(string, reflect.Type) bool) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			name, _, _ := strings.Cut(tag, ",")
			if name == "-" && !strings.HasPrefix(tag, "-,") {
				continue
			}
			if f.Anonymous && name == "" {
				et := f.Type
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					for n, ft := range jsonFields(et) {
						if !yield(n, ft) {
							return
						}
					}
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if !yield(name, f.Type) {
				return
			}
		}
	}
}

// expected says what a value of type t must look like (a message key).
func expected(t reflect.Type) apperr.Msg {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return apperr.Msg{Key: "arg_want_time"}
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return apperr.Msg{Key: "arg_want_integer"}
	case reflect.Float32, reflect.Float64:
		return apperr.Msg{Key: "arg_want_number"}
	case reflect.Bool:
		return apperr.Msg{Key: "arg_want_bool"}
	case reflect.String:
		return apperr.Msg{Key: "arg_want_text"}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return apperr.Msg{Key: "arg_want_base64"}
		}
		return apperr.Msg{Key: "arg_want_list"}
	}
	return apperr.Msg{Key: "arg_want_format"}
}

// fieldKey is the message key of a field error of type t.
func fieldKey(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return "date_invalid"
	}
	return "unknown"
}

// labels name the fields of call arguments that are neither text nor a
// request's own field (request.FieldLabel names those); the UI has them as
// errors.args.
var labels = map[string]string{
	"followUp": "跟进日期", "updatedAt": "更新时间", "version": "版本号", "rowVersion": "版本号",
	"limit": "每页条数", "offset": "起始位置", "desc": "排序方向", "greenChannel": "绿色通道",
	"amount": "时长", "pauseWhileWaiting": "等待客户时暂停计时", "dueSoonPercent": "即将到期提醒比例",
	"start": "开始时间", "end": "结束时间", "active": "启用", "value": "目标值", "relative": "按同比计算",
	"bytes": "文件", "png": "签字图片", "body": "记录内容", "from": "开始日期", "to": "结束日期",
}

// fieldLabel names the field at path for a message: its own name (a Term
// the UI names in its language), with the list position when it is in a
// list ("第 2 项").
func fieldLabel(path []string) any {
	name := ""
	for i := len(path) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(path[i]); err != nil {
			name = path[i]
			break
		}
	}
	var label any = apperr.Msg{Key: "arg_field", Params: apperr.P{"path": strings.Join(path, ".")}}
	if l := request.FieldLabel(name); l != name {
		label = apperr.Term{Kind: "fields.request", Code: name, Name: l}
	} else if l, ok := labels[name]; ok {
		label = apperr.Term{Kind: "errors.args", Code: name, Name: l}
	}
	for _, p := range path {
		if n, err := strconv.Atoi(p); err == nil {
			label = apperr.Msg{Key: "arg_item", Params: apperr.P{"n": n + 1, "label": label}}
			break
		}
	}
	return label
}
