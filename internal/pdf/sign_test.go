package pdf_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/pdf"
	"github.com/reqdesk/reqdesk/internal/request"
)

// blankPNG is a signature pad nobody drew on.
func blankPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 300, 100))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// fieldKey is the key of err's error on field, "" when it has none.
func fieldKey(err error, field string) string {
	e, _ := apperr.As(err)
	if e == nil {
		return ""
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Key
		}
	}
	return ""
}

func TestCheckSign(t *testing.T) {
	letter, _ := document.Info(document.TypeAnalysisLetter)
	acceptance, _ := document.Info(document.TypeAcceptance)
	registration, _ := document.Info(document.TypeRegistration)
	ink, blank := signaturePNG(t), blankPNG(t)
	yes := true
	tests := []struct {
		name  string
		info  document.TypeInfo
		in    document.SignInput
		code  string
		field string
		key   string
	}{
		{"OK", letter, document.SignInput{Role: document.RoleCustomer, Signer: " 张伟 ", PNG: ink}, "", "", ""},
		{"OKAcceptance", acceptance, document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: ink,
			Verdict: request.Verdict{Accepted: &yes}}, "", "", ""},
		{"ErrNoBlock", registration, document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: ink}, apperr.Invalid, "", ""},
		{"ErrRole", letter, document.SignInput{Role: "witness", Signer: "张伟", PNG: ink}, apperr.Invalid, "role", "not_in_list"},
		{"ErrNoSigner", letter, document.SignInput{Role: document.RoleCustomer, Signer: "  ", PNG: ink}, apperr.Invalid, "signer", "required"},
		{"ErrLongTitle", letter, document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: ink,
			SignerTitle: strings.Repeat("经", document.MaxSignerName+1)}, apperr.Invalid, "signerTitle", "too_long"},
		{"ErrNoPNG", letter, document.SignInput{Role: document.RoleCustomer, Signer: "张伟"}, apperr.Invalid, "png", "required"},
		{"ErrBadPNG", letter, document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: []byte("x")}, apperr.Invalid, "png", "image_invalid"},
		{"ErrBlankPNG", letter, document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: blank}, apperr.Invalid, "png", "signature_empty"},
		{"ErrNoVerdict", acceptance, document.SignInput{Role: document.RoleCustomer, Signer: "张伟", PNG: ink}, apperr.Invalid, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			signer, err := pdf.CheckSign(tt.info, &in)
			if tt.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if signer.Role != tt.in.Role || in.Signer != strings.TrimSpace(tt.in.Signer) {
					t.Fatalf("signer %+v, input %+v", signer, in)
				}
				return
			}
			if got := apperr.CodeOf(err); got != tt.code {
				t.Fatalf("code = %s (%v), want %s", got, err, tt.code)
			}
			if tt.field != "" && fieldKey(err, tt.field) != tt.key {
				t.Fatalf("%s: %v, want %s", tt.field, err, tt.key)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	letter, _ := document.Info(document.TypeAnalysisLetter)
	body, _ := json.Marshal(request.Analysis{CoreNeeds: "按车间统计能耗"})
	at := time.Date(2026, 3, 15, 10, 0, 0, 0, time.Local)
	analysis := request.Record{ID: "a1", Kind: request.KindAnalysis, Version: 2, Body: body, CreatedAt: at.Add(-time.Hour)}
	edited := analysis
	edited.Version = 3
	waiting := request.Request{ID: "r1", Status: request.StatusAnalysisConfirm}
	tests := []struct {
		name    string
		req     request.Request
		printed []request.Record
		current []request.Record
		code    string
		step    request.Action
	}{
		{"OK", waiting, []request.Record{analysis}, []request.Record{analysis}, "", request.ActAnalysisOK},
		{"OKNoStepYet", request.Request{ID: "r1", Status: request.StatusAnalysis}, []request.Record{analysis},
			[]request.Record{analysis}, "", ""},
		{"ErrClosed", request.Request{ID: "r1", Status: request.StatusArchived}, []request.Record{analysis},
			[]request.Record{analysis}, apperr.Forbidden, ""},
		{"ErrNothingPrinted", waiting, nil, []request.Record{analysis}, apperr.Invalid, ""},
		{"ErrEditedSince", waiting, []request.Record{analysis}, []request.Record{edited}, apperr.Conflict, ""},
		{"ErrGone", waiting, []request.Record{analysis}, nil, apperr.Conflict, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pdf.Confirm(pdf.Signing{Info: letter, Version: 1, C: request.ConfirmAnalysis, Request: tt.req,
				Printed: tt.printed, Current: tt.current, Signer: "张伟", At: at})
			if tt.code != "" {
				if c := apperr.CodeOf(err); c != tt.code {
					t.Fatalf("code = %s (%v), want %s", c, err, tt.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var a request.Analysis
			if err := json.Unmarshal(got.Body, &a); err != nil {
				t.Fatal(err)
			}
			if got.Record.ID != "a1" || got.Step != tt.step || a.SignedBy != "张伟" || a.SignedOn != "2026-03-15" ||
				a.CoreNeeds != "按车间统计能耗" {
				t.Fatalf("confirmed %+v, analysis %+v", got, a)
			}
		})
	}
}

func TestSelection(t *testing.T) {
	tests := []struct {
		name     string
		q        request.Query
		customer string
		want     string
	}{
		{"All", request.Query{}, "", "全部需求"},
		{"SearchAndStatus", request.Query{Search: "方案", Statuses: []request.Status{request.StatusAnalysis}}, "",
			"搜索“方案”；状态：" + request.StatusAnalysis.Name()},
		{"Customer", request.Query{CustomerID: "c1", Owner: "李娜"}, "华东制造", "客户：华东制造；负责人：李娜"},
		{"From", request.Query{ReceivedFrom: "2026-01-01"}, "", "接收日期 2026-01-01 起"},
		{"To", request.Query{ReceivedTo: "2026-01-31"}, "", "接收日期至 2026-01-31"},
		{"Range", request.Query{ReceivedFrom: "2026-01-01", ReceivedTo: "2026-01-31"}, "", "接收日期 2026-01-01 至 2026-01-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pdf.Selection(tt.q, tt.customer); got != tt.want {
				t.Errorf("Selection = %q, want %q", got, tt.want)
			}
		})
	}
}
