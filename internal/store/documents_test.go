package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/request"
)

// inkPNG is a signature: a dark stroke on a transparent pad; blank leaves
// the pad empty.
func inkPNG(t *testing.T, blank bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 100))
	if !blank {
		for x := 20; x < 280; x++ {
			img.Set(x, 50+(x%40)-20, color.NRGBA{0, 0, 0x80, 0xff})
			img.Set(x, 51+(x%40)-20, color.NRGBA{0, 0, 0x80, 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText reads a PDF's text back with pdftotext (poppler-utils).
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (apt-get install poppler-utils; `make test` does)")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// analysed is a request in analysis with its letter written.
func analysed(t *testing.T) *flow {
	t.Helper()
	f := newFlow(t, "方案定制")
	f.move(request.Move{Action: request.ActTriage, Department: "技术支持部"})
	f.move(request.Move{Action: request.ActAssign, Owner: "王强"})
	f.move(request.Move{Action: request.ActStart})
	f.add(request.KindAnalysis, "", request.Analysis{CustomerValue: 5, BusinessValue: 4, Horizon: "short", NoBreakdown: true,
		CoreNeeds: "生产排程自动化，支持按车间、产线查看《计划达成率》。", ExpectedDelivery: "2024-06-30"})
	return f
}

func TestGenerateDocument(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	d1, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	if want := f.req.Number + "-FX-V1"; d1.DocNumber != want || d1.Version != 1 || d1.Status != document.StatusGenerated ||
		d1.GeneratedBy != "李娜" || !d1.Latest || d1.Pages != 1 || d1.Title != "需求分析确认函" {
		t.Fatalf("first version = %+v", d1)
	}
	data, err := f.s.DocumentPDF(ctx, d1.ID)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got := hex.EncodeToString(sum[:]); got != d1.SHA256 || int64(len(data)) != d1.Size {
		t.Fatalf("stored hash %s size %d, PDF hashes %s size %d", d1.SHA256, d1.Size, got, len(data))
	}
	if text := pdfText(t, data); !strings.Contains(text, "生产排程自动化，支持按车间、产线查看《计划达成率》。") ||
		!strings.Contains(text, d1.DocNumber) {
		t.Fatalf("letter text:\n%s", text)
	}

	t.Run("RegenerateMakesNewVersion", func(t *testing.T) {
		d2, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
		if err != nil {
			t.Fatal(err)
		}
		if d2.Version != 2 || d2.DocNumber != f.req.Number+"-FX-V2" {
			t.Fatalf("second version = %+v", d2)
		}
		list, err := f.s.Documents(ctx, f.req.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].ID != d2.ID || !list[0].Latest || list[1].ID != d1.ID || list[1].Latest {
			t.Fatalf("list = %+v", list)
		}
		old, err := f.s.DocumentPDF(ctx, d1.ID)
		if err != nil || !bytes.Equal(old, data) {
			t.Fatalf("the first version is no longer as generated (%v)", err)
		}
	})
	t.Run("Audited", func(t *testing.T) {
		h, err := f.s.History(ctx, f.req.ID)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range h {
			if e.Entity == "document" && e.Action == "create" {
				n++
			}
		}
		if n < 2 {
			t.Fatalf("%d document entries in the request's history", n)
		}
	})
	t.Run("ErrMissingRecord", func(t *testing.T) {
		_, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAcceptance})
		if e, ok := apperr.As(err); !ok || e.Code != apperr.Invalid || !strings.Contains(e.Message, "交付记录") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrUnknownType", func(t *testing.T) {
		if _, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: "memo"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrNoRequest", func(t *testing.T) {
		if _, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: "nope", Type: document.TypeRegistration}); apperr.CodeOf(err) != apperr.NotFound {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSignDocument(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	v1, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	unsigned, _ := f.s.DocumentPDF(ctx, v1.ID)
	// The request changes after the letter went out: the signed copy keeps
	// the content the customer read.
	d, _ := f.s.Request(ctx, f.req.ID)
	for _, r := range d.Records {
		if r.Kind == request.KindAnalysis {
			f.edit(r, request.Analysis{CoreNeeds: "改过的核心需求", ExpectedDelivery: "2024-07-30", NoBreakdown: true})
		}
	}

	// Our side's signature confirms nothing, so it may go on the letter as
	// it was; the customer's would confirm an analysis that says otherwise
	// by now, and is refused until the letter is generated again.
	if _, err := command.Run(ctx, command.New(f.s), command.SignDocument{ID: v1.ID, RowVersion: v1.RowVersion, Sign: document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: inkPNG(t, false)}}); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("customer signing a letter whose analysis changed: %v", err)
	}
	signedV2, err := command.Run(ctx, command.New(f.s), command.SignDocument{ID: v1.ID, RowVersion: v1.RowVersion, Sign: document.SignInput{Role: document.RoleCompany, Signer: " 王强 ", SignerTitle: "项目经理", PNG: inkPNG(t, false)}})
	if err != nil {
		t.Fatal(err)
	}
	v2 := signedV2.Document
	if v2.Version != 2 || v2.Status != document.StatusSignedOnScreen || v2.BasedOn != v1.ID || len(v2.Signatures) != 1 ||
		v2.Signatures[0].Signer != "王强" || v2.Signatures[0].Role != document.RoleCompany || !v2.Signatures[0].SignedAt.Equal(now) ||
		signedV2.Recorded != "" || signedV2.Step != "" {
		t.Fatalf("signed version = %+v", signedV2)
	}
	signed, _ := f.s.DocumentPDF(ctx, v2.ID)
	text := pdfText(t, signed)
	if !strings.Contains(text, "生产排程自动化") || strings.Contains(text, "改过的核心需求") || !strings.Contains(text, "王强（项目经理）") ||
		!strings.Contains(text, "屏幕签字于") {
		t.Fatalf("signed letter text:\n%s", text)
	}
	if old, _ := f.s.DocumentPDF(ctx, v1.ID); !bytes.Equal(old, unsigned) {
		t.Fatal("the unsigned version changed")
	}
	if got, _ := f.s.Document(ctx, v1.ID); got.Status != document.StatusGenerated || got.Latest {
		t.Fatalf("unsigned version = %+v", got)
	}

	t.Run("SameSideSignsAgain", func(t *testing.T) {
		v3, err := command.Run(ctx, command.New(f.s), command.SignDocument{ID: v2.ID, RowVersion: v2.RowVersion, Sign: document.SignInput{Role: document.RoleCompany, Signer: "赵磊", PNG: inkPNG(t, false)}})
		if err != nil {
			t.Fatal(err)
		}
		if v3.Document.Version != 3 || len(v3.Document.Signatures) != 1 || v3.Document.Signatures[0].Signer != "赵磊" {
			t.Fatalf("v3 = %+v", v3)
		}
		v2 = v3.Document
	})
	tests := []struct {
		name    string
		id      func() (string, int64)
		in      document.SignInput
		code    string
		field   string
		fieldIs string
	}{
		{"ErrNotLatest", func() (string, int64) { return v1.ID, v1.RowVersion },
			document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: inkPNG(t, false)}, apperr.Conflict, "", ""},
		{"ErrStale", func() (string, int64) { return v2.ID, v2.RowVersion + 1 },
			document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: inkPNG(t, false)}, apperr.Conflict, "", ""},
		{"ErrBadPNG", func() (string, int64) { return v2.ID, v2.RowVersion },
			document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: []byte("not a png")}, apperr.Invalid, "png", "image_invalid"},
		{"ErrBlankPNG", func() (string, int64) { return v2.ID, v2.RowVersion },
			document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: inkPNG(t, true)}, apperr.Invalid, "png", "signature_empty"},
		{"ErrNoPNG", func() (string, int64) { return v2.ID, v2.RowVersion },
			document.SignInput{Role: document.RoleCustomer, Signer: "张伟"}, apperr.Invalid, "png", "required"},
		{"ErrNoSigner", func() (string, int64) { return v2.ID, v2.RowVersion },
			document.SignInput{Role: document.RoleCustomer, Signer: "  ", PNG: inkPNG(t, false)}, apperr.Invalid, "signer", "required"},
		{"ErrRole", func() (string, int64) { return v2.ID, v2.RowVersion },
			document.SignInput{Role: "witness", Signer: "张伟", PNG: inkPNG(t, false)}, apperr.Invalid, "role", "not_in_list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, rv := tt.id()
			_, err := command.Run(ctx, command.New(f.s), command.SignDocument{ID: id, RowVersion: rv, Sign: tt.in})
			if got := apperr.CodeOf(err); got != tt.code {
				t.Fatalf("code = %s (%v), want %s", got, err, tt.code)
			}
			if tt.field != "" && fieldKeys(err)[tt.field] != tt.fieldIs {
				t.Fatalf("fields = %v, want %s: %s", fieldKeys(err), tt.field, tt.fieldIs)
			}
		})
	}
	t.Run("ErrNothingToSign", func(t *testing.T) {
		reg, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeRegistration})
		if err != nil {
			t.Fatal(err)
		}
		_, err = command.Run(ctx, command.New(f.s), command.SignDocument{ID: reg.ID, RowVersion: reg.RowVersion, Sign: document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: inkPNG(t, false)}})
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestSignedOnPaper(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	d, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	scan := inkPNG(t, false)
	got, err := command.Run(ctx, command.New(f.s), command.MarkSignedOnPaper{ID: d.ID, RowVersion: d.RowVersion, Scan: &document.AttachmentInput{FileName: `C:\扫描\确认函.png`, Mime: "image/png", Bytes: scan}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != document.StatusSignedOnPaper || got.Version != 1 || len(got.Attachments) != 1 || got.RowVersion != d.RowVersion+1 {
		t.Fatalf("after marking = %+v", got)
	}
	a := got.Attachments[0]
	if a.FileName != "确认函.png" || a.Mime != "image/png" || a.Size != int64(len(scan)) || a.AddedBy != "李娜" {
		t.Fatalf("attachment = %+v", a)
	}
	_, data, err := f.s.DocumentAttachment(ctx, a.ID)
	if err != nil || !bytes.Equal(data, scan) {
		t.Fatalf("attachment bytes differ (%v)", err)
	}
	if _, err := command.Run(ctx, command.New(f.s), command.MarkSignedOnPaper{ID: d.ID, RowVersion: d.RowVersion, Scan: nil}); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("stale mark: %v", err)
	}
	tests := []struct {
		name  string
		in    document.AttachmentInput
		field string
		key   string
	}{
		{"ErrTextFile", document.AttachmentInput{FileName: "a.txt", Bytes: []byte("hello")}, "bytes", "file_type"},
		{"ErrEmpty", document.AttachmentInput{FileName: "a.png"}, "bytes", "required"},
		{"ErrMimeMismatch", document.AttachmentInput{FileName: "a.jpg", Mime: "image/jpeg", Bytes: scan}, "mime", "mismatch"},
		{"ErrNoName", document.AttachmentInput{Bytes: scan}, "fileName", "required"},
		{"ErrTooLarge", document.AttachmentInput{FileName: "big.pdf", Bytes: append([]byte("%PDF-1.4\n"), make([]byte, 10<<20)...)}, "bytes", "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: tt.in})
			if fieldKeys(err)[tt.field] != tt.key {
				t.Fatalf("err = %v, want %s: %s", err, tt.field, tt.key)
			}
		})
	}
	t.Run("AddPDF", func(t *testing.T) {
		a, err := command.Run(ctx, command.New(f.s), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "原件.pdf", Bytes: []byte("%PDF-1.4\n%%EOF\n")}})
		if err != nil || a.Mime != "application/pdf" {
			t.Fatalf("attachment = %+v, %v", a, err)
		}
	})
}

func TestArchiveBundles(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	letter, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeAnalysisLetter})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := command.Run(ctx, command.New(f.s), command.SignDocument{ID: letter.ID, RowVersion: letter.RowVersion, Sign: document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: inkPNG(t, false)}}); err != nil {
		t.Fatal(err)
	}
	a, err := command.Run(ctx, command.New(f.s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeArchive})
	if err != nil {
		t.Fatal(err)
	}
	if a.DocNumber != f.req.Number+"-DA-V1" || a.Pages < 3 {
		t.Fatalf("archive = %+v", a)
	}
	data, _ := f.s.DocumentPDF(ctx, a.ID)
	text := pdfText(t, data)
	for _, want := range []string{"客户服务档案", f.req.Number + "-DJ-V1", f.req.Number + "-FX-V2", "已屏幕签字", "需求分析确认函", "屏幕签字于"} {
		if !strings.Contains(text, want) {
			t.Fatalf("archive lacks %q:\n%s", want, text)
		}
	}
	list, _ := f.s.Documents(ctx, f.req.ID)
	types := map[document.Type]int{}
	for _, d := range list {
		types[d.Type]++
	}
	// The registration form was generated for the archive; the letter was not regenerated.
	if types[document.TypeRegistration] != 1 || types[document.TypeAnalysisLetter] != 2 || types[document.TypeArchive] != 1 || types[document.TypePlanBook] != 0 {
		t.Fatalf("documents after archiving = %v", types)
	}
}

// TestGenerateListSelection: the registration list printed from the list
// holds exactly the requests of its filter, or of the rows selected, and
// says which.
func TestGenerateListSelection(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	var ids []string
	for _, title := range []string{"咨询系统对接方案", "定制生产排程模块", "打印机报障"} {
		ids = append(ids, mustRequest(t, s, fields(c, title)).ID)
	}
	tests := []struct {
		name      string
		q         request.Query
		want, not []string
	}{
		{"Selected", request.Query{IDs: ids[1:]}, []string{"定制生产排程模块", "打印机报障", "选定的2条需求"}, []string{"咨询系统对接方案"}},
		{"Filter", request.Query{Statuses: []request.Status{request.StatusRegistered}, Search: "报障"}, []string{"打印机报障", "状态：已登记"}, []string{"定制生产排程模块"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := command.Run(ctx, command.New(s), command.GenerateList{Query: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			data, _ := s.DocumentPDF(ctx, d.ID)
			text := pdfText(t, data)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("list lacks %q:\n%s", w, text)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text, w) {
					t.Errorf("list has %q", w)
				}
			}
		})
	}
}

func TestGenerateList(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openStore(t)
	c := mustCustomer(t, s, "华信科技有限公司")
	for _, title := range []string{"咨询系统对接方案", "定制生产排程模块", "打印机报障"} {
		mustRequest(t, s, fields(c, title))
	}
	d, err := command.Run(ctx, command.New(s), command.GenerateList{Query: request.Query{Search: "方案", Sort: request.SortNumber}})
	if err != nil {
		t.Fatal(err)
	}
	if d.RequestID != "" || d.Type != document.TypeRegistrationList || d.DocNumber != "DJL-"+now.Format("20060102")+"-V1" {
		t.Fatalf("list document = %+v", d)
	}
	data, _ := s.DocumentPDF(ctx, d.ID)
	text := pdfText(t, data)
	if !strings.Contains(text, "咨询系统对接方案") || strings.Contains(text, "打印机报障") || !strings.Contains(text, "搜索“方案”") {
		t.Fatalf("list text:\n%s", text)
	}
	lists, err := s.Documents(ctx, "")
	if err != nil || len(lists) != 1 {
		t.Fatalf("lists = %v, %v", lists, err)
	}
	if _, err := command.Run(ctx, command.New(s), command.GenerateList{Query: request.Query{Search: "不存在的内容"}}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("empty list: %v", err)
	}
	r, _ := s.ListRequests(ctx, request.Query{Sort: request.SortNumber})
	id, err := s.RequestIDByNumber(ctx, r.Items[0].Number)
	if err != nil || id != r.Items[0].ID {
		t.Fatalf("by number: %s, %v", id, err)
	}
	if _, err := s.RequestIDByNumber(ctx, "XR-1999-999"); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("unknown number: %v", err)
	}
}

// pdfImages lists the images a PDF draws, one "page object" pair per use,
// with pdfimages (poppler-utils).
func pdfImages(t *testing.T, data []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdfimages")
	if err != nil {
		t.Fatal("pdfimages not found: install poppler-utils (apt-get install poppler-utils; `make test` does)")
	}
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-list", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	var uses []string
	for _, l := range strings.Split(string(out), "\n") {
		// page num type width height color comp bpc enc interp object ID ...
		if f := strings.Fields(l); len(f) > 11 && f[2] == "image" {
			uses = append(uses, f[0]+" "+f[10])
		}
	}
	return uses
}

// TestCompanyLogo sets the logo in the settings: documents generated after
// carry it in every page's header, documents generated before keep what they
// had, and removing it prints documents without one.
func TestCompanyLogo(t *testing.T) {
	ctx := context.Background()
	f := analysed(t)
	s := f.s
	if logo, err := s.CompanyLogo(ctx); err != nil || logo != nil {
		t.Fatalf("new database logo = %v, %v", logo, err)
	}
	before, err := command.Run(ctx, command.New(s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeRegistration})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("ErrNotAPicture", func(t *testing.T) {
		if _, err := command.Run(ctx, command.New(s), command.SetCompanyLogo{Data: []byte("GIF89a not really")}); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("err = %v", err)
		}
		if logo, _ := s.CompanyLogo(ctx); logo != nil {
			t.Fatal("a refused picture was stored")
		}
	})

	logo := inkPNG(t, false)
	info, err := command.Run(ctx, command.New(s), command.SetCompanyLogo{Data: logo})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(logo)
	if info.Mime != "image/png" || info.Width != 300 || info.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("logo info = %+v", info)
	}
	if got, _ := s.CompanyLogo(ctx); !bytes.Equal(got, logo) {
		t.Fatal("the stored logo differs from the one set")
	}
	if st, err := s.Settings(ctx); err != nil || st.ProfileName != "李娜" {
		t.Fatalf("settings after the logo: %+v, %v", st, err)
	}
	h, err := s.History(ctx, "companyLogo")
	if err != nil || len(h) != 1 {
		t.Fatalf("logo history = %+v, %v", h, err)
	}
	for _, c := range h[0].Changes {
		if len(c.After) > 100 {
			t.Fatalf("the audit keeps %s of %d bytes, want the picture's description only", c.Field, len(c.After))
		}
	}
	if len(h[0].Changes) == 0 {
		t.Fatal("the logo change left no audited fields")
	}

	t.Run("EveryDocument", func(t *testing.T) {
		for _, typ := range []document.Type{document.TypeRegistration, document.TypeAnalysisLetter, document.TypeSurveyBlank} {
			d, err := command.Run(ctx, command.New(s), command.GenerateDocument{RequestID: f.req.ID, Type: typ})
			if err != nil {
				t.Fatal(err)
			}
			data, _ := s.DocumentPDF(ctx, d.ID)
			if got := pdfImages(t, data); len(got) != d.Pages {
				t.Fatalf("%s: images %v on %d pages, want the logo once per page", typ, got, d.Pages)
			}
		}
		d, err := command.Run(ctx, command.New(s), command.GenerateList{Query: request.Query{}})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := s.DocumentPDF(ctx, d.ID)
		if got := pdfImages(t, data); len(got) != d.Pages {
			t.Fatalf("list: images %v on %d pages", got, d.Pages)
		}
	})
	t.Run("OldVersionsUnchanged", func(t *testing.T) {
		data, _ := s.DocumentPDF(ctx, before.ID)
		if got := pdfImages(t, data); len(got) != 0 {
			t.Fatalf("the version generated before the logo now shows %v", got)
		}
	})
	t.Run("Removed", func(t *testing.T) {
		if _, err := command.Run(ctx, command.New(s), command.SetCompanyLogo{Data: nil}); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.CompanyLogo(ctx); got != nil {
			t.Fatal("logo still stored")
		}
		d, err := command.Run(ctx, command.New(s), command.GenerateDocument{RequestID: f.req.ID, Type: document.TypeRegistration})
		if err != nil {
			t.Fatal(err)
		}
		data, _ := s.DocumentPDF(ctx, d.ID)
		if got := pdfImages(t, data); len(got) != 0 {
			t.Fatalf("images after removing the logo: %v", got)
		}
	})
}
