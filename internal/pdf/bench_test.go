package pdf_test

import (
	"testing"

	"github.com/reqdesk/reqdesk/internal/pdf"
)

// BenchmarkLetter renders a one-page analysis confirmation letter; the
// target is under 100 ms.
func BenchmarkLetter(b *testing.B) {
	src, m := shortLetter(), meta(pdf.TypeAnalysisLetter)
	for b.Loop() {
		out, err := pdf.Render(src, m)
		if err != nil || out.Pages != 1 {
			b.Fatal(err, out.Pages)
		}
		b.SetBytes(int64(len(out.PDF)))
	}
}

// BenchmarkPlanBook50 renders the service plan with 50 tasks; the target is
// under 300 ms.
func BenchmarkPlanBook50(b *testing.B) {
	src, m := fixture(50), meta(pdf.TypePlanBook)
	for b.Loop() {
		if _, err := pdf.Render(src, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBreaker breaks a long mixed paragraph into lines.
func BenchmarkBreaker(b *testing.B) {
	br := pdf.Breaker{Width: unitWidth}
	for b.Loop() {
		br.Lines(longDescription, 80)
	}
}
