package pdf_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// tool returns the path of a poppler-utils program, failing the test (not
// skipping it) when it is missing: these checks are the point of the tests.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install poppler-utils (apt-get install poppler-utils; `make test` does)", name)
	}
	return p
}

// writePDF puts a PDF in a temporary file for the poppler tools.
func writePDF(t testing.TB, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// text extracts all the text of a PDF in content order.
func text(t testing.TB, data []byte) string {
	t.Helper()
	return run(t, "pdftotext", "-raw", "-enc", "UTF-8", writePDF(t, data), "-")
}

// bodyText extracts the text between the running header and the footer of
// every page, in content order, so text flowing over a page break reads on.
func bodyText(t testing.TB, data []byte, landscape bool) string {
	t.Helper()
	w, h := "595", "733"
	if landscape {
		w, h = "842", "488"
	}
	return run(t, "pdftotext", "-raw", "-enc", "UTF-8", "-x", "0", "-y", "64", "-W", w, "-H", h, writePDF(t, data), "-")
}

// pageTexts extracts each page's text.
func pageTexts(t testing.TB, data []byte, pages int) []string {
	t.Helper()
	p := writePDF(t, data)
	out := make([]string, pages)
	for i := range pages {
		n := strconv.Itoa(i + 1)
		out[i] = run(t, "pdftotext", "-raw", "-enc", "UTF-8", "-f", n, "-l", n, p, "-")
	}
	return out
}

// pageCount reads the page count with pdfinfo.
func pageCount(t testing.TB, data []byte) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", writePDF(t, data)))
	if m == nil {
		t.Fatal("pdfinfo printed no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var fontLine = regexp.MustCompile(`^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s`)

// assertSubsetFont checks with pdffonts that the only font is the embedded
// font, as a subset with a Unicode map.
func assertSubsetFont(t testing.TB, data []byte) {
	t.Helper()
	out := run(t, "pdffonts", writePDF(t, data))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	for _, l := range lines[2:] {
		if !fontLine.MatchString(l) {
			t.Fatalf("font not embedded as a subset (want XXXXXX+WenQuanYiMicroHei, emb yes sub yes uni yes):\n%s", out)
		}
	}
}

// assertInOrder checks that every want appears in got, whole and in the
// given order, white space aside. drop lists text that may interrupt a
// field where it runs over a page (a label marked （续）).
func assertInOrder(t testing.TB, got string, wants []string, drop ...string) {
	t.Helper()
	g := squash(got)
	for _, d := range drop {
		g = strings.ReplaceAll(g, squash(d), "")
	}
	pos := 0
	for i, w := range wants {
		w = squash(w)
		if w == "" {
			continue
		}
		idx := strings.Index(g[pos:], w)
		if idx < 0 {
			where := "anywhere"
			if strings.Contains(g, w) {
				where = "only before an earlier field"
			}
			t.Fatalf("field %d %q not found in order (found %s) in extracted text:\n%s", i, w, where, got)
		}
		pos += idx + len(w)
	}
}

// artifact renders page 1 at 100 dpi to tests/artifacts/docs/NAME.png, for
// people to look at.
//
// With UPDATE_SCREENSHOTS set (`make screenshots`) the picture also goes to
// docs/screenshots/, one of each document; a plain test run leaves those alone.
func artifact(t testing.TB, data []byte, name string) {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "tests", "artifacts", "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", writePDF(t, data), filepath.Join(dir, name))
	png, err := os.ReadFile(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("UPDATE_SCREENSHOTS") != "" {
		if err := os.WriteFile(filepath.Join(root, "docs", "screenshots", name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// imagePages lists the pages on which a PDF draws an image, one entry per
// drawing, from pdfimages -list.
func imagePages(t testing.TB, data []byte) []string {
	t.Helper()
	var pages []string
	for _, l := range strings.Split(run(t, "pdfimages", "-list", writePDF(t, data)), "\n") {
		if f := strings.Fields(l); len(f) > 2 && f[2] == "image" {
			pages = append(pages, f[0])
		}
	}
	return pages
}

// count returns how often sub occurs in s, white space aside.
func count(s, sub string) int { return strings.Count(squash(s), squash(sub)) }
