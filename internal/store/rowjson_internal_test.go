package store

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// decodeRowStd is how rows were read before parseRow, with encoding/json:
// the reference parseRow is tested against.
func decodeRowStd(data []byte, r *Row) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*r = nil
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	// The values are replaced in the decoded map itself.
	out := Row(m)
	for k, v := range m {
		switch x := v.(type) {
		case json.Number:
			if i, err := x.Int64(); err == nil {
				out[k] = i
			} else if f, err := x.Float64(); err == nil {
				out[k] = f
			} else {
				return fmt.Errorf("column %s: %w", k, err)
			}
		case map[string]any:
			s, ok := x["$b"].(string)
			if !ok {
				return fmt.Errorf("column %s: not a value", k)
			}
			b, err := base64.StdEncoding.DecodeString(s)
			if err != nil {
				return fmt.Errorf("column %s: %w", k, err)
			}
			out[k] = b
		case string, nil, bool:
			out[k] = x
		default:
			return fmt.Errorf("column %s: not a value", k)
		}
	}
	*r = out
	return nil
}

// TestParseRow: parseRow reads every row as encoding/json did (rowsDecodedStd),
// written by MarshalJSON or by hand with escapes, spaces and odd numbers,
// and refuses what is not a row as it did.
func TestParseRow(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	blob := make([]byte, 40)
	rng.Read(blob)
	rows := []Row{
		nil,
		{},
		{"id": "0190c0de-0000-7000-8000-000000000001", "title": "咨询系统对接方案（二期）", "version": int64(3), "score": 4.5,
			"done": true, "gone": false, "due": nil, "pdf": blob, "empty": []byte{}, "neg": int64(-12), "big": int64(math.MaxInt64),
			"quote": `他说"好"\路径`, "ctl": "a\tb\nc\u0001", "html": "<a href='x'>&amp;</a>", "emoji": "👍🏻", "bad": "a\xffb"},
	}
	for i := 0; i < 200; i++ {
		r := Row{}
		for c := 0; c < 1+rng.Intn(8); c++ {
			key := fmt.Sprintf("c%d", c)
			switch rng.Intn(6) {
			case 0:
				r[key] = rng.Int63() - rng.Int63()
			case 1:
				r[key] = rng.NormFloat64() * 1e6
			case 2:
				b := make([]byte, rng.Intn(50))
				rng.Read(b)
				r[key] = string(b)
			case 3:
				b := make([]byte, rng.Intn(50))
				rng.Read(b)
				r[key] = b
			case 4:
				r[key] = nil
			default:
				r[key] = strings.Repeat("需求", rng.Intn(5))
			}
		}
		rows = append(rows, r)
	}
	var inputs [][]byte
	for _, r := range rows {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, b)
	}
	inputs = append(inputs, []byte(` { "a" : 1 , "b":"\u4e2d\"文" ,"c":{ "$b" : "AAE=" }, "d": 1.5e3, "e": -0, "f": 1E2, "g": 123456789012345678901234 } `),
		[]byte(`null`), []byte(` null `), []byte(`{"a":"\ud83d\ude00"}`), []byte(`{"a":"x\/y"}`))
	for _, in := range inputs {
		var want Row
		wantErr := decodeRowStd(in, &want)
		got, err := parseRow(in)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%s: error %v, encoding/json's %v", in, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n got  %#v\n want %#v", in, got, want)
		}
	}
	// Not rows: refused, as they were.
	for _, in := range []string{`[]`, `"x"`, `1`, `{"a":[1]}`, `{"a":{"x":"AAE="}}`, `{"a":{"$b":"%%%"}}`, `{"a":{"$b":1}}`,
		`{"a":{"$b":"AAE=","c":1}}`, `{"a":1,}`, `{"a" 1}`, `{"a":1`, `{"a":"x`, `{"a":tru}`, `{a:1}`, `{"a":1}x`, `nul`, ``, `{"a":--1}`} {
		var want Row
		wantErr := decodeRowStd([]byte(in), &want)
		if _, err := parseRow([]byte(in)); err == nil {
			t.Errorf("%s: taken (encoding/json: %v)", in, wantErr)
		}
	}
	_ = base64.StdEncoding
	_ = bytes.Equal
}
