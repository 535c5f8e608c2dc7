// Package customer holds the customers a company serves and their contacts,
// with the rules a customer record must satisfy.
package customer

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/reqdesk/reqdesk/internal/apperr"
)

// Length limits, in characters.
const (
	MaxName    = 100
	MaxShort   = 100
	MaxAddress = 300
	MaxNotes   = 5000
)

// Customer is a company or person the service company works for.
type Customer struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Industry     string    `json:"industry"`
	Address      string    `json:"address"`
	Notes        string    `json:"notes"`
	ContactCount int       `json:"contactCount"`
	RequestCount int       `json:"requestCount"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
	Version      int64     `json:"version"`
}

// Contact is a person at a customer.
type Contact struct {
	ID         string    `json:"id"`
	CustomerID string    `json:"customerId"`
	Name       string    `json:"name"`
	Title      string    `json:"title"`
	Phone      string    `json:"phone"`
	Email      string    `json:"email"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
	Version    int64     `json:"version"`
}

// Fields are a customer's editable fields.
type Fields struct {
	Name     string `json:"name"`
	Industry string `json:"industry"`
	Address  string `json:"address"`
	Notes    string `json:"notes"`
}

// ContactFields are a contact's editable fields.
type ContactFields struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// Input registers a new customer with any number of contacts at once.
type Input struct {
	Fields   Fields          `json:"fields"`
	Contacts []ContactFields `json:"contacts"`
}

// Detail is a customer with its contacts.
type Detail struct {
	Customer Customer  `json:"customer"`
	Contacts []Contact `json:"contacts"`
}

// Query selects customers for a list.
type Query struct {
	Search string `json:"search"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
}

// Page is one page of customers and the total that matched.
type Page struct {
	Items []Customer `json:"items"`
	Total int        `json:"total"`
}

// Normalize trims every field.
func (f Fields) Normalize() Fields {
	return Fields{
		Name:     collapse(f.Name),
		Industry: strings.TrimSpace(f.Industry),
		Address:  strings.TrimSpace(f.Address),
		Notes:    strings.TrimSpace(f.Notes),
	}
}

// Validate checks the fields of a normalized customer. prefix is put before
// each field name (e.g. "customer.").
func (f Fields) Validate(fe *apperr.Fields, prefix string) {
	fe.RequiredLine(prefix+"name", f.Name, MaxName)
	fe.Line(prefix+"industry", f.Industry, MaxShort)
	fe.MaxLen(prefix+"address", f.Address, MaxAddress)
	fe.MaxLen(prefix+"notes", f.Notes, MaxNotes)
}

// Normalize trims every field and folds full-width digits in the phone.
func (c ContactFields) Normalize() ContactFields {
	return ContactFields{
		Name:  collapse(c.Name),
		Title: strings.TrimSpace(c.Title),
		Phone: NormalizePhone(c.Phone),
		Email: strings.TrimSpace(c.Email),
	}
}

// Validate checks a normalized contact; prefix is put before each field name.
func (c ContactFields) Validate(fe *apperr.Fields, prefix string) {
	fe.RequiredLine(prefix+"name", c.Name, MaxShort)
	fe.Line(prefix+"title", c.Title, MaxShort)
	if c.Phone != "" && !ValidPhone(c.Phone) {
		fe.Add(prefix+"phone", "phone_invalid")
	}
	if c.Email != "" && !ValidEmail(c.Email) {
		fe.Add(prefix+"email", "email_invalid")
	}
}

// Validate normalizes and checks a new customer with its contacts.
func (in Input) Validate() (Input, error) {
	var fe apperr.Fields
	out := Input{Fields: in.Fields.Normalize()}
	out.Fields.Validate(&fe, "")
	for i, c := range in.Contacts {
		c = c.Normalize()
		if c == (ContactFields{}) {
			continue
		}
		c.Validate(&fe, "contacts."+strconv.Itoa(i)+".")
		out.Contacts = append(out.Contacts, c)
	}
	return out, fe.Err()
}

var phoneChars = regexp.MustCompile(`^\+?[0-9 ()\-]+(?:\s*(?:转|分机号?|(?i:ext\.?|x)|#)\s*[0-9]{1,6})?$`)

// ValidPhone accepts landlines, mobiles, extensions (the registration table's
// "5678", or after the number as 转 123, 分机 123, ext. 123, x123 or #123)
// and international numbers: 3 to 20 digits with the usual separators.
func ValidPhone(s string) bool {
	if !phoneChars.MatchString(s) {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 3 && digits <= 20
}

// ValidEmail accepts a bare address such as name@example.com.
func ValidEmail(s string) bool {
	if utf8.RuneCountInString(s) > 254 || strings.ContainsAny(s, " <>") {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndex(s, "@")
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// NormalizePhone trims the number and folds full-width digits and signs,
// which Chinese input methods produce, to ASCII.
func NormalizePhone(s string) string {
	s = strings.TrimSpace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '－' || r == '—':
			return '-'
		case r == '＋':
			return '+'
		case r == '（':
			return '('
		case r == '）':
			return ')'
		case r == '　':
			return ' '
		}
		return r
	}, s)
}

func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// NameKey is the form in which two customer names count as the same:
// full-width folded, lower-cased, without spaces.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(width.Fold.String(name)), ""))
}
