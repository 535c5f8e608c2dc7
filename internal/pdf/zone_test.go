package pdf_test

import (
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/pdf"
)

// TestCompanyZoneDates: the dates a document prints are of the company's
// zone, whatever zone the laptop is in; a source without a zone (stored
// before the setting) prints the laptop's.
func TestCompanyZoneDates(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	old := time.Local
	time.Local = ny
	t.Cleanup(func() { time.Local = old })
	// 01:30 on the 16th in Shanghai is still the 15th in New York.
	at := time.Date(2024, 5, 15, 17, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		zone string
		want string
	}{
		{"CompanyZone", "Asia/Shanghai", "生成日期2024年5月16日"},
		{"NoneStored", "", "生成日期2024年5月15日"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fixture(2)
			src.Company.Zone = tt.zone
			m := meta(pdf.TypeRegistration)
			m.GeneratedAt = at
			out, err := pdf.Render(src, m)
			if err != nil {
				t.Fatal(err)
			}
			if got := squash(text(t, out.PDF)); count(got, tt.want) == 0 {
				t.Fatalf("no %q in %s", tt.want, got)
			}
		})
	}
}
