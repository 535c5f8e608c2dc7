package request_test

import (
	"strings"
	"testing"

	"github.com/reqdesk/reqdesk/internal/request"
)

// TestSnippetOf says where a hit outside the list's columns is, without a
// database: the description, else the contact's name, else the phone.
func TestSnippetOf(t *testing.T) {
	row := request.Row{Title: "打印模板错位", ContactName: "欧阳明", ContactInfo: "138-0013-8000"}
	description := strings.Repeat("客户说明了打印机型号与驱动版本。", 12) + "最后提到需要调整合同模板的页边距。"
	tests := []struct {
		name, query string
		field, hit  string // "" for no snippet
	}{
		{"InTitle", "模板", "", ""},
		{"Description", "页边距", "description", "页边距"},
		{"ContactName", "欧阳", "contactName", "欧阳"},
		{"PhoneDigits", "13800138000", "contactInfo", "138-0013-8000"},
		{"Nowhere", "量子", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sn := request.SnippetOf(tt.query, row, description)
			if tt.field == "" {
				if sn != nil {
					t.Fatalf("snippet %+v, want none", sn)
				}
				return
			}
			if sn == nil || sn.Field != tt.field {
				t.Fatalf("snippet %+v, want one in %s", sn, tt.field)
			}
			var hit string
			for _, p := range sn.Parts {
				if p.Hit && hit == "" {
					hit = p.Text
				}
			}
			if hit != tt.hit {
				t.Fatalf("hit %q, want %q", hit, tt.hit)
			}
		})
	}
}
