// Package customer holds the customers a company serves and their contacts,
// with the rules a customer record must satisfy.
package customer

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
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
	ID           string `json:"id"`
	Name         string `json:"name"`
	Industry     string `json:"industry"`
	Address      string `json:"address"`
	Notes        string `json:"notes"`
	ContactCount int    `json:"contactCount"`
	RequestCount int    `json:"requestCount"`
	// Duplicates counts the other customers flagged as possibly the same
	// and not yet merged or dismissed (shown as 可能重复).
	Duplicates int       `json:"duplicates"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
	Version    int64     `json:"version"`
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
	// Duplicates are the customers flagged as possibly the same one.
	Duplicates []Duplicate `json:"duplicates"`
	// MergedFrom are the customers merged into this one.
	MergedFrom []Merge `json:"mergedFrom"`
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

// Check normalizes a customer's fields and validates them.
func (f Fields) Check() (Fields, error) {
	f = f.Normalize()
	var fe apperr.Fields
	f.Validate(&fe, "")
	return f, fe.Err()
}

// NameKey is the form in which two customer names count as the same:
// full-width folded, lower-cased, without spaces. A customer's name may not
// have the key of another customer's.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(width.Fold.String(name)), ""))
}

// DuplicateName is the error for a name whose key (NameKey) the customer
// other already has; it names that customer so the form can offer to use it
// instead.
func DuplicateName(other Customer) error {
	p := apperr.P{"id": other.ID, "name": other.Name}
	e := apperr.New(apperr.Conflict, "customer_duplicate", p)
	e.Fields = []apperr.FieldError{{Field: "name", Key: "duplicate", Params: map[string]any{"id": other.ID, "name": other.Name}}}
	return e
}

// Check normalizes a contact's fields and validates them.
func (c ContactFields) Check() (ContactFields, error) {
	c = c.Normalize()
	var fe apperr.Fields
	c.Validate(&fe, "")
	return c, fe.Err()
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

// companySuffixes are the endings of Chinese company names that do not
// tell two companies apart (华为技术有限公司 and 华为技术 are one); longer
// first. companyWords are the same for names in Latin letters, as whole
// words (Co., Ltd.), so that Costco keeps its "co".
var (
	companySuffixes = []string{"股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "集团公司", "公司"}
	companyWords    = map[string]bool{"co": true, "ltd": true, "limited": true, "inc": true, "incorporated": true,
		"corp": true, "corporation": true, "company": true, "llc": true, "gmbh": true}
)

// MatchKey is the form in which two customer names are possibly the same
// customer: full-width folded, case-folded, without spaces, punctuation or
// symbols, and without the company-form endings (公司, 有限公司, Co., Ltd. …,
// repeatedly: "Acme Co., Ltd." ends as "acme"). A name that is nothing but
// such an ending keeps it, so 公司 is not everyone's twin.
func MatchKey(name string) string {
	words := strings.FieldsFunc(strings.ToLower(width.Fold.String(name)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for len(words) > 1 && companyWords[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	key := strings.Join(words, "")
	for {
		cut := false
		for _, s := range companySuffixes {
			if rest, ok := strings.CutSuffix(key, s); ok && rest != "" {
				key, cut = rest, true
				break
			}
		}
		if !cut {
			return key
		}
	}
}

// PossiblySame tells whether two customer names may name one customer:
// their MatchKeys are equal and not empty. Such a pair is kept and flagged
// (可能重复) for a supervisor to merge or dismiss, never merged by itself.
func PossiblySame(a, b string) bool {
	ka := MatchKey(a)
	return ka != "" && ka == MatchKey(b)
}

// Duplicate is another customer possibly the same as the one shown.
type Duplicate struct {
	// ID is the flag's id.
	ID string `json:"id"`
	// Other is the other customer (with its contact and request counts,
	// which a merge would move).
	Other   Customer  `json:"other"`
	FoundAt time.Time `json:"foundAt"`
}

// Merge is the record of a customer merged into another.
type Merge struct {
	FromID   string    `json:"fromId"`
	FromName string    `json:"fromName"`
	IntoID   string    `json:"intoId"`
	MergedAt time.Time `json:"mergedAt"`
	MergedBy string    `json:"mergedBy"`
}

// Merged is the result of a merge: the customer kept, with everything
// moved to it, and what moved.
type Merged struct {
	Into     Detail `json:"into"`
	Contacts int    `json:"contacts"`
	Requests int    `json:"requests"`
}

// CheckMerge refuses a merge of from into into that cannot be: a customer
// into itself, or into one already merged away (mergedInto is the customer
// into was merged into, "" if none). from and into are loaded customers.
func CheckMerge(from, into Customer, intoMergedInto string) error {
	if from.ID == into.ID {
		return apperr.New(apperr.Invalid, "customer_merge_self", nil)
	}
	if intoMergedInto != "" {
		return MergedError(into, intoMergedInto)
	}
	return nil
}

// MergedError is the error for a change to a customer c that was merged
// into the customer named into (its name, or its id when unknown).
func MergedError(c Customer, into string) error {
	return apperr.New(apperr.Conflict, "customer_merged", apperr.P{"name": c.Name, "into": into})
}
