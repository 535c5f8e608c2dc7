package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanner reads a part's XML into the tokens xml.Decoder.RawToken gives,
// and gives the same ones for the same XML: the same names (the prefix in
// Name.Space, untranslated), attribute values and text with the five
// entities and character references undone and line ends made "\n", a
// self-closing element as its start and its end, and an error for what
// RawToken refuses (an unknown entity, a character XML does not allow,
// invalid UTF-8, an unquoted attribute, "]]>" in text …). encoding/xml
// reads a byte at a time through interfaces, which made it most of an
// import's reading; this scans a buffer with bytes.IndexByte.
//
// It refuses, where RawToken does not, two things no spreadsheet part
// holds: a document type declaration (<!DOCTYPE …>; the Open Packaging
// Conventions forbid DTDs in a package) and names of other than ASCII
// characters (every name in SpreadsheetML is ASCII).
//
// A token (a tag, a text) must fit in maxToken bytes; its text and names
// are valid until the next call, as RawToken's CharData is.
type scanner struct {
	r        io.Reader
	buf      []byte // buf[pos:] is read and not yet taken
	pos      int
	eof      bool  // r has given everything
	rerr     error // r's error other than io.EOF
	out      []byte
	names    map[string]string // element and attribute names, kept once
	attrs    []xml.Attr
	close    xml.Name // the end of the element that closed itself,
	mustEnd  bool     // given next
	failedAt error    // the error given and given again
	scans    int      // tokens begun, counting each scan again after more
}

// errScan is any XML the scanner refuses; the reader calls it damaged.
var errScan = errors.New("xml: syntax error")

const (
	scanChunk   = 64 << 10 // the buffer's first size
	maxNames    = 1024     // names kept once; a part has a few dozen,
	maxNameKept = 64       // each a few letters long
)

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 0, scanChunk), names: map[string]string{}}
}

// more reads more of the part into the buffer, keeping buf[pos:], until
// the buffer is full (it doubles when a token fills it); false when there
// is no more (s.rerr holds a read error, if any). Filling it, rather than
// taking the 32 KB a zip entry gives a read, keeps a long token from being
// scanned again from its start after every read: each scan of one has at
// least twice the bytes of the last.
func (s *scanner) more() bool {
	if s.eof || s.rerr != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:])
		s.buf, s.pos = s.buf[:n], 0
	}
	if len(s.buf) == cap(s.buf) {
		if len(s.buf) >= maxToken {
			s.rerr = errTokenTooLong
			return false
		}
		grown := make([]byte, len(s.buf), 2*cap(s.buf))
		copy(grown, s.buf)
		s.buf = grown
	}
	got, empty := false, 0
	for len(s.buf) < cap(s.buf) {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		got = got || n > 0
		if n == 0 && err == nil {
			if empty++; empty == 100 {
				err = io.ErrNoProgress
			}
		}
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			s.rerr = err
		}
		if err != nil {
			break
		}
	}
	return got
}

// next returns the next token, or io.EOF at the end of the part.
func (s *scanner) next() (xml.Token, error) {
	if s.failedAt != nil {
		return nil, s.failedAt
	}
	if s.mustEnd {
		s.mustEnd = false
		return xml.EndElement{Name: s.close}, nil
	}
	for {
		s.scans++
		t, n, err := s.token(s.buf[s.pos:])
		if err == errNeedMore {
			// Once more when the end was just found: a text may end
			// the part.
			if wasEOF := s.eof; s.more() || !wasEOF && s.eof && s.rerr == nil {
				continue
			}
			if s.rerr != nil {
				err = s.rerr
			} else if len(s.buf) == s.pos {
				err = io.EOF
			} else {
				err = errScan // the part ends inside a token
			}
		}
		if err != nil {
			if err != io.EOF {
				s.failedAt = err
			}
			return nil, err
		}
		s.pos += n
		return t, nil
	}
}

var errNeedMore = errors.New("more input needed")

// token reads one token from the start of b, returning it and the bytes
// it took, or errNeedMore when b ends before it does.
func (s *scanner) token(b []byte) (xml.Token, int, error) {
	if len(b) == 0 {
		return nil, 0, errNeedMore
	}
	if b[0] != '<' {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			if !s.eof {
				return nil, 0, errNeedMore
			}
			i = len(b) // text to the end of the part
		}
		if bytes.Contains(b[:i], []byte("]]>")) {
			return nil, 0, errScan
		}
		text, err := s.text(b[:i], true)
		return xml.CharData(text), i, err
	}
	if len(b) < 2 {
		return nil, 0, errNeedMore
	}
	switch b[1] {
	case '/':
		name, i, err := s.name(b, 2)
		if err != nil {
			return nil, 0, err
		}
		i = skipSpace(b, i)
		if i == len(b) {
			return nil, 0, errNeedMore
		}
		if b[i] != '>' {
			return nil, 0, errScan
		}
		return xml.EndElement{Name: name}, i + 1, nil
	case '?':
		return s.procInst(b)
	case '!':
		return s.markup(b)
	}
	return s.start(b)
}

// start reads an element's start tag.
func (s *scanner) start(b []byte) (xml.Token, int, error) {
	name, i, err := s.name(b, 1)
	if err != nil {
		return nil, 0, err
	}
	s.attrs = s.attrs[:0]
	for {
		i = skipSpace(b, i)
		if i == len(b) {
			return nil, 0, errNeedMore
		}
		switch b[i] {
		case '/':
			if i+1 == len(b) {
				return nil, 0, errNeedMore
			}
			if b[i+1] != '>' {
				return nil, 0, errScan
			}
			s.close, s.mustEnd = name, true
			return xml.StartElement{Name: name, Attr: s.attrs}, i + 2, nil
		case '>':
			return xml.StartElement{Name: name, Attr: s.attrs}, i + 1, nil
		}
		var a xml.Attr
		if a.Name, i, err = s.name(b, i); err != nil {
			return nil, 0, err
		}
		i = skipSpace(b, i)
		if i == len(b) {
			return nil, 0, errNeedMore
		}
		if b[i] != '=' {
			return nil, 0, errScan
		}
		i = skipSpace(b, i+1)
		if i == len(b) {
			return nil, 0, errNeedMore
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return nil, 0, errScan
		}
		end := bytes.IndexByte(b[i+1:], q)
		if end < 0 {
			if bytes.IndexByte(b[i+1:], '<') >= 0 {
				return nil, 0, errScan
			}
			return nil, 0, errNeedMore
		}
		raw := b[i+1 : i+1+end]
		if bytes.IndexByte(raw, '<') >= 0 {
			return nil, 0, errScan
		}
		v, err := s.text(raw, true)
		if err != nil {
			return nil, 0, err
		}
		a.Value = string(v)
		s.attrs = append(s.attrs, a)
		i += end + 2
	}
}

// procInst reads a processing instruction (<?xml …?>), refusing an XML
// declaration of another version or encoding, as RawToken does.
func (s *scanner) procInst(b []byte) (xml.Token, int, error) {
	target, i, err := s.rawName(b, 2)
	if err != nil {
		return nil, 0, err
	}
	i = skipSpace(b, i)
	end := bytes.Index(b[i:], []byte("?>"))
	if end < 0 {
		return nil, 0, errNeedMore
	}
	data := b[i : i+end]
	if target == "xml" {
		content := string(data)
		if v := procInstParam("version", content); v != "" && v != "1.0" {
			return nil, 0, errScan
		}
		if e := procInstParam("encoding", content); e != "" && !strings.EqualFold(e, "utf-8") {
			return nil, 0, errScan
		}
	}
	return xml.ProcInst{Target: target, Inst: data}, i + end + 2, nil
}

// procInstParam reads a pseudo-attribute of an XML declaration the way
// encoding/xml does: the first `param=` followed by a quote.
func procInstParam(param, s string) string {
	param += "="
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], param)
		if k < 0 || i+k+len(param) >= len(s) {
			return ""
		}
		at := i + k + len(param)
		if q := s[at]; q == '\'' || q == '"' {
			j := strings.IndexByte(s[at+1:], q)
			if j < 0 {
				return ""
			}
			return s[at+1 : at+1+j]
		}
		i = at + 1
	}
	return ""
}

// markup reads a comment or a CDATA section; anything else after "<!" (a
// document type declaration) is refused.
func (s *scanner) markup(b []byte) (xml.Token, int, error) {
	const comment, cdata = "<!--", "<![CDATA["
	switch {
	case bytes.HasPrefix(b, []byte(comment)):
		// The first "--" must end the comment.
		body := b[len(comment):]
		end := bytes.Index(body, []byte("--"))
		if end < 0 || end+2 == len(body) {
			return nil, 0, errNeedMore
		}
		if body[end+2] != '>' {
			return nil, 0, errScan
		}
		return xml.Comment(body[:end]), len(comment) + end + 3, nil
	case bytes.HasPrefix(b, []byte(cdata)):
		body := b[len(cdata):]
		end := bytes.Index(body, []byte("]]>"))
		if end < 0 {
			return nil, 0, errNeedMore
		}
		text, err := s.text(body[:end], false)
		return xml.CharData(text), len(cdata) + end + 3, err
	case bytes.HasPrefix([]byte(comment), b), bytes.HasPrefix([]byte(cdata), b):
		return nil, 0, errNeedMore // the buffer ends inside the opening
	}
	return nil, 0, errScan
}

// name reads an element's or attribute's name at b[i:], split at its
// colon into prefix and local part as RawToken does.
func (s *scanner) name(b []byte, i int) (xml.Name, int, error) {
	n, end, err := s.rawName(b, i)
	if err != nil {
		return xml.Name{}, 0, err
	}
	space, local, found := strings.Cut(n, ":")
	switch {
	case strings.Contains(local, ":"):
		return xml.Name{}, 0, errScan
	case !found || space == "" || local == "":
		return xml.Name{Local: n}, end, nil
	}
	return xml.Name{Space: space, Local: local}, end, nil
}

// rawName reads a name at b[i:], kept once in s.names.
func (s *scanner) rawName(b []byte, i int) (string, int, error) {
	j := i
	for j < len(b) && isNameByte(b[j]) {
		j++
	}
	switch {
	case j == len(b):
		return "", 0, errNeedMore
	case j == i, b[j] >= utf8.RuneSelf, !isNameStart(b[i]):
		// No name, one of other than ASCII characters, or one that
		// begins with a digit, '.' or '-'.
		return "", 0, errScan
	}
	n, ok := s.names[string(b[i:j])]
	if !ok {
		n = string(b[i:j])
		if len(s.names) < maxNames && len(n) <= maxNameKept {
			s.names[n] = n
		}
	}
	return n, j, nil
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

func isNameStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || c == ':'
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// text undoes the entities and character references of a text or an
// attribute value (not of a CDATA section's: entities false) and makes its
// line ends "\n"; it returns raw itself when there is nothing to undo.
func (s *scanner) text(raw []byte, entities bool) ([]byte, error) {
	if (!entities || bytes.IndexByte(raw, '&') < 0) && bytes.IndexByte(raw, '\r') < 0 {
		return raw, checkChars(raw)
	}
	out := s.out[:0]
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case c == '&' && entities:
			semi := bytes.IndexByte(raw[i:], ';')
			if semi < 0 {
				return nil, errScan
			}
			r, ok := entityRune(raw[i+1 : i+semi])
			if !ok {
				return nil, errScan
			}
			out = utf8.AppendRune(out, r)
			i += semi
		default:
			out = append(out, c)
		}
	}
	s.out = out
	return out, checkChars(out)
}

// entityRune is the character of an entity's or a character reference's
// name (between & and ;): one of XML's five, &#NN; or &#xHH;.
func entityRune(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "apos":
		return '\'', true
	case "quot":
		return '"', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 {
		return 0, false
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(string(digits), base, 64)
	if err != nil || n > utf8.MaxRune {
		return 0, false
	}
	// A surrogate's code becomes U+FFFD, as RawToken makes it.
	return rune(n), true
}

// checkChars refuses invalid UTF-8 and characters XML does not allow.
func checkChars(b []byte) error {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return errScan
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
			return errScan
		}
		i += size
	}
	return nil
}
