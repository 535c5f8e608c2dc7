package pdf

import (
	"bytes"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/request"
)

// CheckSign validates a signature drawn for a document of type info: the
// document has a block for the side, a signer's name, a drawn image with
// some ink on it, and the verdict the block confirms (trimmed in place). It
// returns the block signed.
func CheckSign(info TypeInfo, in *document.SignInput) (Signer, error) {
	in.Signer, in.SignerTitle = strings.TrimSpace(in.Signer), strings.TrimSpace(in.SignerTitle)
	if len(info.Signers) == 0 {
		return Signer{}, apperr.New(apperr.Invalid, "document_no_signature", apperr.P{"title": TitleTerm(info)})
	}
	var fe apperr.Fields
	signer, ok := info.SignerFor(in.Role)
	if !ok {
		fe.Add("role", "not_in_list")
	}
	fe.Required("signer", in.Signer, document.MaxSignerName)
	fe.MaxLen("signerTitle", in.SignerTitle, document.MaxSignerName)
	checkSignature(&fe, in.PNG)
	if err := fe.Err(); err != nil {
		return signer, err
	}
	return signer, request.CheckVerdict(signer.Confirms, &in.Verdict)
}

// checkSignature accepts a PNG of a reasonable size with some ink on it.
func checkSignature(fe *apperr.Fields, data []byte) {
	switch {
	case len(data) == 0:
		fe.Add("png", "required")
		return
	case len(data) > document.MaxSignaturePNG:
		fe.AddParams("png", "too_large", map[string]any{"max": document.MaxSignaturePNG})
		return
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		fe.Add("png", "image_invalid")
		return
	}
	b := img.Bounds()
	if b.Dx() < 20 || b.Dy() < 10 || b.Dx() > 4000 || b.Dy() > 2000 {
		fe.Add("png", "image_size")
		return
	}
	ink := 0
	for y := b.Min.Y; y < b.Max.Y && ink < 20; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a > 0x2000 && (r+g+bl)/3 < 0xc000 {
				ink++
			}
		}
	}
	if ink < 20 {
		fe.Add("png", "signature_empty")
	}
}

// Signing is a customer's signature on version Version of a document of
// type Info whose block confirms C: the request as it is now, the records
// the version printed (its stored source) and the request's records now.
type Signing struct {
	Info    TypeInfo
	Version int
	C       request.Confirmation
	Request request.Request
	Printed []request.Record
	Current []request.Record
	Signer  string
	At      time.Time // in the company's time zone: its day is the date signed
	Verdict request.Verdict
}

// Confirm decides what a customer's signature writes into the stage record
// the document was generated from. The record must still be the one the
// document shows, unchanged since: otherwise the customer would sign what
// the record no longer says, and the document is to be generated again. A
// closed request's records are read-only.
func Confirm(s Signing) (request.Confirmed, error) {
	if err := request.CheckWritable(s.Request); err != nil {
		return request.Confirmed{}, err
	}
	printed, ok := request.ConfirmationRecord(s.C, s.Printed)
	if !ok {
		return request.Confirmed{}, apperr.Errorf(apperr.Invalid, "《%s》第 %d 版没有可确认的记录，请重新生成后再签", s.Info.Title, s.Version)
	}
	rec, ok := request.ConfirmationRecord(s.C, s.Current)
	if !ok || rec.ID != printed.ID || rec.Version != printed.Version {
		return request.Confirmed{}, apperr.Errorf(apperr.Conflict,
			"《%s》第 %d 版生成后，相关记录已修改或更换；请重新生成《%s》，让客户在最新内容上签字", s.Info.Title, s.Version, s.Info.Title)
	}
	return request.Confirm(s.C, rec, s.Request.Status, s.Signer, s.At.Format("2006-01-02"), s.Verdict)
}

// Selection says in Chinese how a printed list was selected, for its
// header: q's filters, customerName naming q.CustomerID.
func Selection(q request.Query, customerName string) string {
	var parts []string
	if q.Search != "" {
		parts = append(parts, "搜索“"+q.Search+"”")
	}
	if len(q.Statuses) > 0 {
		var v []string
		for _, st := range q.Statuses {
			v = append(v, st.Name())
		}
		parts = append(parts, "状态："+strings.Join(v, "、"))
	}
	if len(q.Urgencies) > 0 {
		var v []string
		for _, u := range q.Urgencies {
			v = append(v, UrgencyName(u))
		}
		parts = append(parts, "紧急程度："+strings.Join(v, "、"))
	}
	if len(q.Types) > 0 {
		parts = append(parts, "类型："+strings.Join(q.Types, "、"))
	}
	if len(q.Channels) > 0 {
		parts = append(parts, "渠道："+strings.Join(q.Channels, "、"))
	}
	if q.CustomerID != "" {
		parts = append(parts, "客户："+customerName)
	}
	if q.Owner != "" {
		parts = append(parts, "负责人："+q.Owner)
	}
	if q.IDs != nil {
		parts = append(parts, fmt.Sprintf("选定的 %d 条需求", len(q.IDs)))
	}
	switch {
	case q.ReceivedFrom != "" && q.ReceivedTo != "":
		parts = append(parts, "接收日期 "+q.ReceivedFrom+" 至 "+q.ReceivedTo)
	case q.ReceivedFrom != "":
		parts = append(parts, "接收日期 "+q.ReceivedFrom+" 起")
	case q.ReceivedTo != "":
		parts = append(parts, "接收日期至 "+q.ReceivedTo)
	}
	if len(parts) == 0 {
		return "全部需求"
	}
	return strings.Join(parts, "；")
}
