package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"strings"
	"testing"
)

// TestPackedFormIsFixed guards entries already packed: the dictionary of
// packing 1 and what a known entry packs to never change (a new dictionary
// is a new packing byte).
func TestPackedFormIsFixed(t *testing.T) {
	sum := sha256.Sum256([]byte(packDict1))
	if got := hex.EncodeToString(sum[:]); got != "8e4c885ff7ea3418d5607b1c43d4079947a06e877154cb8eec290e8ea93dc9de" {
		t.Fatalf("packDict1 changed (sha256 %s): entries packed with it would no longer read; add a new packing instead", got)
	}
	const text = `{"~fields.title":["咨询系统对接方案","咨询系统对接方案（二期）"],"~status":["triaged","assigned"]}`
	packed, _ := hex.DecodeString("01aac62cb721cd5e48cbf2e9fa9dcffa96429ac04a3a38a5deefe978b2abe7d99cf9eff774c26b123cb91c100000ffff")
	if got, err := Stored(packed); err != nil || got != text {
		t.Fatalf("Stored(known packing) = %q, %v; want %q", got, err, text)
	}
}

func TestPackRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := make([]byte, 300)
	rng.Read(random)
	texts := []string{
		`{"~status":["registered","triaged"]}`,
		`{"+customerName":"上海东方教育科技股份有限公司","+fields.background":"客户自2024年起使用我司工业物联网网关。","+fields.category":"产品类",` +
			`"+fields.channel":"产品内反馈","+fields.contactId":"018df6e4-f820-7459-bf5f-cda614b6ea3b","+fields.urgency":"important",` +
			`"+id":"017d44f7-8d30-7f09-90eb-66576c3c8ab4","+number":"XR-2021-001","+state.path":"full","+status":"registered"}`,
		`{"!before":"not json","~name":["甲","乙"]}`,
		`{"+title":"` + strings.Repeat("对接", 2000) + `"}`,
		`{"+x":"` + hex.EncodeToString(random) + `"}`,
		string(random), // not even text: kept as it was all the same
		`{}`,
		``,
	}
	packedSome := false
	for _, text := range texts {
		kept := Storable(text)
		switch k := kept.(type) {
		case string:
			if k != text {
				t.Errorf("Storable(%.40q) kept the text as %.40q", text, k)
			}
			if p := Pack(text); p != nil {
				t.Errorf("Pack(%.40q) is %d bytes, the text %d, yet the text was kept", text, len(p), len(text))
			}
		case []byte:
			packedSome = true
			if len(k) >= len(text) {
				t.Errorf("Storable(%.40q) packed %d bytes into %d", text, len(text), len(k))
			}
			got, err := Stored(k)
			if err != nil || got != text {
				t.Errorf("Stored(Pack(%.40q)) = %.40q, %v", text, got, err)
			}
		}
		if got, err := Stored(text); text != "" && (err != nil || got != text) {
			t.Errorf("Stored(text %.40q) = %.40q, %v", text, got, err)
		}
	}
	if !packedSome {
		t.Fatal("nothing was packed")
	}
	// A status change, the most common entry, packs to a third less.
	if p := Pack(texts[0]); p == nil || 3*len(p) > 2*len(texts[0]) {
		t.Errorf("a status change packs to %d bytes of %d", len(p), len(texts[0]))
	}
	// A request's creation to half or less.
	if p := Pack(texts[1]); p == nil || 2*len(p) > len(texts[1]) {
		t.Errorf("a creation packs to %d bytes of %d", len(p), len(texts[1]))
	}
}

func TestStoredRefusesDamage(t *testing.T) {
	p := Pack(`{"~status":["registered","triaged"],"~fields.title":["咨询系统对接方案","咨询系统对接方案（二期）"]}`)
	for name, b := range map[string][]byte{
		"unknown packing": append([]byte{0x7f}, p[1:]...),
		"cut short":       p[:len(p)/2],
		"empty":           {},
	} {
		if got, err := Stored(b); err == nil {
			t.Errorf("%s: Stored gave %q, want an error", name, got)
		}
	}
	if _, err := Stored(nil); err == nil {
		t.Error("Stored(nil) gave no error")
	}
	// Text kept as bytes (a BLOB holding JSON) reads as the text.
	if got, err := Stored([]byte(`{"~a":[1,2]}`)); err != nil || got != `{"~a":[1,2]}` {
		t.Errorf("Stored(JSON bytes) = %q, %v", got, err)
	}
}

// TestPackMemo: a short text packed again comes from packMemo with the
// same bytes as packing it afresh, each caller with a copy of its own,
// and the memo keeps no more than packMemoSize texts.
func TestPackMemo(t *testing.T) {
	const text = `{"~status":["registered","triaged"]}`
	first := Pack(text)
	if _, ok := packMemo.m[text]; !ok {
		t.Fatal("a short text was not kept")
	}
	second := Pack(text)
	if string(first) != string(second) || string(second) != string(pack(text)) {
		t.Fatalf("kept %x, again %x, afresh %x", first, second, pack(text))
	}
	second[1] ^= 0xff
	if third := Pack(text); string(third) != string(first) {
		t.Fatalf("a caller's change reached the kept form: %x", third)
	}
	if Pack(`{}`) != nil || Pack(`{}`) != nil {
		t.Fatal("a text packing does not shorten must stay unpacked, kept or not")
	}
	long := `{"+title":"` + strings.Repeat("对接", 200) + `"}`
	Pack(long)
	if _, ok := packMemo.m[long]; ok {
		t.Fatal("a long text was kept")
	}
	for i := range packMemoSize + 10 {
		Pack(`{"~fields.title":["` + strings.Repeat("甲", i%7) + `","` + hex.EncodeToString([]byte{byte(i), byte(i >> 8)}) + `"]}`)
	}
	if n := len(packMemo.m); n > packMemoSize {
		t.Fatalf("packMemo holds %d texts", n)
	}
}
