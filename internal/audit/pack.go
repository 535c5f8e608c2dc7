package audit

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"
)

// The packed form of an entry's stored changes (Pack, Unpack), kept since
// migration 0016 as a BLOB where the text form (Encode) is a TEXT: one
// byte naming the packing, then the text packed that way. The texts repeat
// the same field names, marks and values from entry to entry, so each is
// packed with DEFLATE (RFC 1951) primed with a fixed dictionary of them
// (packDict1): a request's creation keeps about half its bytes, a change
// of status a third fewer. A packing, once written, is never changed: a
// new dictionary is a new first byte, and Unpack keeps reading every one
// written before. Entries travel to the team packed as they are kept
// (internal/store arrivedAuditRow), so a new packing comes with a
// migration: a laptop and a server at different data versions do not sync
// (teamsync.SchemaHeader), and none receives a packing it cannot read.
const (
	// packDeflate1 is DEFLATE primed with packDict1.
	packDeflate1 = 0x01
)

// packDict1 is the dictionary of packDeflate1: the field names the program
// audits with their marks, in the order Encode writes them, and the values
// that recur (statuses, urgencies, paths, the seeded word lists). DEFLATE
// reaches back at most 32 KB and codes near references in fewer bits, so
// the likeliest texts come last. NEVER CHANGE IT: entries packed with it
// are read with it.
const packDict1 = `"!before":"!after":"-` +
	// Word lists seeded by the process documents, and the company forms.
	`咨询问题(报障)建议定制技术咨询方案定制售后支持新增功能需求现有功能优化问题修复服务流程改进投诉其他` +
	`来访/面谈电话邮件在线客服在线表单工单系统社交媒体产品内反馈合作伙伴转达市场调研/问卷产品类服务类流程类技术类` +
	`客服部技术支持部产品研发部实施部财务部市场部销售部有限公司有限责任公司股份有限公司科技` +
	// Customers, contacts, people, records, documents, settings.
	`{"+address":"","+customerId":"","+email":"","+industry":"","+name":"","+notes":"","+phone":"","+title":""}` +
	`{"+active":true,"+department":"","+id":"","+name":"","+roles":["agent","supervisor","plan_lead","owner","reviewer","team","admin","manager","general_manager"]}` +
	`{"~name":["",""]}{"~phone":["",""]}{"~title":["",""]}{"~email":["",""]}{"~active":[true,false]}{"~roles":[[""],[""]]}` +
	`{"+body.","+kind":"","+parentId":"","+requestId":"","~body.status":["todo","doing"]}{"~body.status":["doing","done"]}` +
	`"+at":"","+channel":"","+nextStep":"","+summary":"","+with":"","+method":"","+on":"","+participants":"",` +
	`"+milestone":"","+dependsOn":null,"+due":"","+owner":"","+percent":0,"+status":"open","+score":` +
	// Requests: an edit, a step, a creation, in the order Encode writes
	// their fields.
	`{"~fields.owner":["",""],"~fields.department":["",""],"~state.heldFrom":["",""],"~state.followUpOn":["",""],` +
	`"~state.statusReason":["",""],"~state.duplicateOf":["",""],"~state.reopenCount":[0,1],"~state.greenChannel":[false,true],` +
	`"~fields.title":["",""],"~fields.description":["",""],"~fields.urgency":["normal","important"],"~fields.receivedAt":["",""]}` +
	`{"~status":["on_hold","rejected"]}{"~status":["cancelled","registered"]}{"~status":["feedback","archived"]}` +
	`{"~status":["implementation","acceptance"]}{"~status":["acceptance","feedback"]}{"~status":["plan_confirm","implementation"]}` +
	`{"~status":["handling","result_given"]}{"~status":["result_given","feedback"]}{"~status":["assigned","handling"]}` +
	`{"~status":["plan_approval","plan_confirm"]}{"~status":["registered","triaged"]}{"~status":["triaged","assigned"]}` +
	`{"~status":["assigned","analysis"]}{"~status":["analysis","analysis_confirm"]}{"~status":["analysis_confirm","plan_drafting"]}` +
	`{"~status":["plan_drafting","plan_review"]}{"~status":["plan_review","plan_approval"]}` +
	`{"+customerName":"有限公司","+fields.background":"客户","+fields.category":"产品类","+fields.channel":"电话",` +
	`"+fields.contactId":"01","+fields.contactInfo":"1","+fields.contactName":"","+fields.customerId":"01",` +
	`"+fields.department":"","+fields.description":"客户","+fields.expectedOutcome":"","+fields.impactScope":"single",` +
	`"+fields.owner":"","+fields.product":"","+fields.receivedAt":"2026-01-01T00:00:00+08:00","+fields.receivedBy":"",` +
	`"+fields.scene":"","+fields.timeRequirement":"","+fields.title":"","+fields.type":"","+fields.urgency":"normal",` +
	`"+id":"01","+number":"XR-2026-001","+state.greenChannel":true,"+state.path":"full","+status":"registered"}`

var packDicts = map[byte][]byte{packDeflate1: []byte(packDict1)}

var packers = sync.Pool{New: func() any {
	w, err := flate.NewWriterDict(nil, flate.BestCompression, packDicts[packDeflate1])
	if err != nil {
		panic(err) // only for a level out of range
	}
	return w
}}

var unpackers sync.Pool

// Pack gives the packed form of stored changes (see above), or nil when
// packing would not make them shorter: such changes are kept as the text.
func Pack(stored string) []byte {
	short := len(stored) <= packMemoText
	if short {
		packMemo.Lock()
		p, ok := packMemo.m[stored]
		packMemo.Unlock()
		if ok {
			return bytes.Clone(p)
		}
	}
	p := pack(stored)
	if short {
		packMemo.Lock()
		if len(packMemo.m) >= packMemoSize {
			clear(packMemo.m)
		}
		if packMemo.m == nil {
			packMemo.m = map[string][]byte{}
		}
		packMemo.m[stored] = p
		packMemo.Unlock()
	}
	return bytes.Clone(p)
}

// Most entries are short and many alike (a change of status is one of a
// few dozen texts), while priming DEFLATE with the dictionary costs about
// as much for ten bytes as for a thousand: the packed forms of short texts
// are kept in packMemo, up to packMemoSize of them (then it starts again).
// A packing is a pure function of the text, so a kept one is the same
// bytes as packing it again.
const (
	packMemoText = 256
	packMemoSize = 4096
)

var packMemo struct {
	sync.Mutex
	m map[string][]byte // nil: packing made the text no shorter
}

// pack is Pack without packMemo.
func pack(stored string) []byte {
	var buf bytes.Buffer
	buf.Grow(len(stored)/2 + 16)
	buf.WriteByte(packDeflate1)
	w := packers.Get().(*flate.Writer)
	defer packers.Put(w)
	w.Reset(&buf)
	if _, err := io.WriteString(w, stored); err != nil {
		return nil
	}
	if err := w.Close(); err != nil {
		return nil
	}
	if buf.Len() >= len(stored) {
		return nil
	}
	return buf.Bytes()
}

// Unpack gives back the text of changes packed by Pack.
func Unpack(packed []byte) (string, error) {
	if len(packed) == 0 {
		return "", fmt.Errorf("audit changes: empty packed form")
	}
	dict, ok := packDicts[packed[0]]
	if !ok {
		return "", fmt.Errorf("audit changes: unknown packing %#x", packed[0])
	}
	src := bytes.NewReader(packed[1:])
	var r io.ReadCloser
	if v := unpackers.Get(); v != nil {
		r = v.(io.ReadCloser)
		if err := r.(flate.Resetter).Reset(src, dict); err != nil {
			return "", err
		}
	} else {
		r = flate.NewReaderDict(src, dict)
	}
	var out bytes.Buffer
	out.Grow(4 * len(packed))
	_, err := out.ReadFrom(r)
	unpackers.Put(r)
	if err != nil {
		return "", fmt.Errorf("audit changes: packed form damaged: %w", err)
	}
	return out.String(), nil
}

// Stored reads the stored changes as the database gives them back: the
// text form (a TEXT, as written before 0016, by an older laptop, or where
// packing saves nothing) as it is, the packed form (a BLOB) unpacked.
func Stored(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case []byte:
		if len(v) > 0 && v[0] == '{' { // text kept as bytes
			return string(v), nil
		}
		return Unpack(v)
	case nil:
		return "", fmt.Errorf("audit changes: none stored")
	}
	return "", fmt.Errorf("audit changes: unexpected %T", v)
}

// Storable is the form of stored changes to keep: packed when that is
// shorter, else the text.
func Storable(stored string) any {
	if p := Pack(stored); p != nil {
		return p
	}
	return stored
}
