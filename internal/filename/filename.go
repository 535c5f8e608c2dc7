// Package filename makes file names that came from users (the name of a
// scan picked on a phone, a suggested download name) safe to show and to
// save under: one path element, no control or direction characters, no
// leading dots, nothing Windows refuses, and short enough for any file
// system, while Chinese and other letters are kept as they are. Names are
// only ever shown and offered for saving; nothing is stored under them.
package filename

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxBytes bounds a cleaned name in UTF-8 bytes: file systems allow 255,
// and a browser or dialog may still add " (1)".
const MaxBytes = 180

// maxExt is the longest extension kept whole when a name is shortened.
const maxExt = 16

// reserved are the characters Windows refuses in file names (the path
// separators are dealt with before).
const reserved = `<>:"|?*`

// Clean returns name made safe to show and to save under, or "" when
// nothing of it is left (see the package comment).
func Clean(name string) string {
	name = strings.ToValidUTF8(name, "_")
	// The last element of any path, Windows or POSIX, is the name.
	name = strings.ReplaceAll(name, `\`, "/")
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			// Control characters, and format characters such as U+202E that
			// make "gpj.exe" display as "exe.jpg".
		case strings.ContainsRune(reserved, r):
			b.WriteByte('_')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	name = strings.TrimLeft(b.String(), ". ")
	// Windows drops trailing dots and spaces, which would change the name.
	name = strings.TrimRight(name, ". ")
	name = shorten(name)
	if isDevice(name) {
		name = "_" + name
	}
	return name
}

// shorten cuts a name to MaxBytes at a character boundary, keeping its
// extension.
func shorten(name string) string {
	if len(name) <= MaxBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > maxExt || len(ext) == len(name) {
		ext = ""
	}
	stem := name[:len(name)-len(ext)]
	limit := MaxBytes - len(ext)
	for len(stem) > limit {
		_, size := utf8.DecodeLastRuneInString(stem)
		stem = stem[:len(stem)-size]
	}
	return strings.TrimRight(stem, ". ") + ext
}

// isDevice reports names Windows takes for devices (CON, nul.txt, COM1.png).
func isDevice(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	switch strings.ToUpper(strings.TrimSpace(stem)) {
	case "CON", "PRN", "AUX", "NUL",
		"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return true
	}
	return false
}

// WithExt returns name ending in one of exts (lower-case, with the dot),
// appending the first when it ends in none, so that a file saved under it
// opens in the program its content is for.
func WithExt(name string, exts ...string) string {
	if len(exts) == 0 {
		return name
	}
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, e) && len(lower) > len(e) {
			return name
		}
	}
	return shorten(name + exts[0]) // shorten keeps the extension just added
}
