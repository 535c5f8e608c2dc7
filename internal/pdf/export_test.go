package pdf

// FontFor names the embedded font that draws r ("" for the main font) and
// whether any font has it, for the tests.
func FontFor(r rune) (string, bool) {
	fc, code := pick(r)
	if fc == nil {
		return "", code == r
	}
	return fc.base, true
}
