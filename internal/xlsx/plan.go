package xlsx

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// PlanInput is everything the import planner decides from besides the
// batch: what the database holds (loaded by the command that imports), the
// word lists and staff the rules check against, the time of the import,
// the company's time zone (in which problems quote dates) and where the ids
// of new customers and contacts come from.
type PlanInput struct {
	Known request.ImportKnown
	Lists vocab.Lists
	Staff request.Staff
	Now   time.Time
	Zone  *time.Location
	NewID func() string
}

// PlanImport checks every row of a batch against the request rules, the
// word lists and what the database holds, and decides what becomes of it:
// a new request, an update of the request its 需求编号 names (or that
// repeats one's customer, brief description and receipt second), or nothing
// when unchanged; customers and contacts are found by name or created once
// for the batch. The plan's report counts all of that and lists every
// problem with its sheet, row and column; a plan with problems must not be
// written. PlanImport writes nothing: a dry run and an import run the same
// plan.
func PlanImport(b request.ImportBatch, in PlanInput) (request.ImportPlan, error) {
	pl := &planner{in: in, p: request.ImportPlan{Reserved: map[string]bool{}},
		customers: map[string]customer.Customer{}, existing: map[string]bool{}, contacts: map[string]string{},
		newCustomers: map[string]customer.Customer{}, newContacts: map[string]string{}, seenNumber: map[string]place{}}
	for _, c := range in.Known.Customers {
		pl.customers[customer.NameKey(c.Name)] = c
		pl.existing[c.ID] = true
	}
	for _, k := range in.Known.Contacts {
		if _, dup := pl.contacts[k.CustomerID+"\x00"+k.Name]; !dup {
			pl.contacts[k.CustomerID+"\x00"+k.Name] = k.ID
		}
	}
	p := &pl.p
	pr := &problemList{list: append([]request.ImportProblem(nil), b.Problems...), missing: map[string]int{}}
	for _, sh := range b.Sheets {
		p.Report.Sheets = append(p.Report.Sheets, sh.Name)
		for _, row := range sh.Rows {
			p.Report.Rows++
			at := &rowProblems{list: pr, zone: in.Zone, sheet: sh, row: row, flagged: map[string]bool{}}
			for f := range row.Flagged {
				at.flagged[f] = true
			}
			if err := pl.planRow(at); err != nil {
				return request.ImportPlan{}, err
			}
			if at.n > 0 || len(at.flagged) > 0 {
				p.Report.InvalidRows++
			}
		}
	}
	p.Report.CustomersCreated, p.Report.ContactsCreated = len(p.Customers), len(p.Contacts)
	for i, n := range b.Notes {
		key := apperr.Msg{Key: "import_note", Params: apperr.P{"text": n}} // a batch made without keys
		if i < len(b.NoteKeys) {
			key = b.NoteKeys[i]
		}
		p.Report.Notes = append(p.Report.Notes, n)
		p.Report.NoteKeys = append(p.Report.NoteKeys, key)
	}
	notes := &pl.notes
	if notes.inferred > 0 {
		p.Report.Note("import_note_channel_inferred", apperr.P{"n": notes.inferred})
	}
	for _, r := range notes.relabeled {
		var label any = r.kind
		for field, kind := range listKinds {
			if kind == r.kind {
				label = fieldTerm(field)
			}
		}
		p.Report.Note("import_note_relabeled", apperr.P{"label": label, "from": r.from, "to": r.to, "n": r.rows})
	}
	if notes.stale > 0 {
		p.Report.Note("import_note_stale", apperr.P{"n": notes.stale, "days": staleDays})
	}
	if notes.statusKept > 0 {
		p.Report.Note("import_note_status_kept", apperr.P{"n": notes.statusKept})
	}
	pr.finish(b, &p.Report)
	// Lists go to the UI as lists, empty or not.
	if p.Report.Notes == nil {
		p.Report.Notes, p.Report.NoteKeys = []string{}, []apperr.Msg{}
	}
	if p.Report.Sheets == nil {
		p.Report.Sheets = []string{}
	}
	return *p, nil
}

// planner is one run of PlanImport: the plan so far and what the rows
// already met.
type planner struct {
	in PlanInput
	p  request.ImportPlan
	// customers are the known customers by NameKey, existing their ids;
	// contacts the known contacts by customer id + "\x00" + name.
	customers    map[string]customer.Customer
	existing     map[string]bool
	contacts     map[string]string
	newCustomers map[string]customer.Customer
	newContacts  map[string]string
	seenNumber   map[string]place
	notes        planNotes
}

// planNotes counts what the notes of a plan report.
type planNotes struct {
	inferred, statusKept, stale int
	// relabeled counts the cells read as another label of a list
	// ("来访" as 来访/面谈), in the order first met.
	relabeled []relabeled
}

type relabeled struct {
	kind, from, to string
	rows           int
}

func (n *planNotes) relabel(kind, from, to string) {
	for i, r := range n.relabeled {
		if r.kind == kind && r.from == from && r.to == to {
			n.relabeled[i].rows++
			return
		}
	}
	n.relabeled = append(n.relabeled, relabeled{kind, from, to, 1})
}

// staleDays is the age past which a new request that is still open is
// worth a word: its time limits have long run out.
const staleDays = 30

// place is where a row sits.
type place struct {
	sheet string
	row   int
}

// planRow checks one row and adds it to the plan, or its problems to the list.
func (pl *planner) planRow(at *rowProblems) error {
	p, k, notes := &pl.p, pl.in.Known, &pl.notes
	sh, row, now := at.sheet, at.row, pl.in.Now
	set := func(field string) bool { return sh.Has(field) || row.Derived[field] }
	var target *request.Request
	if row.Number != "" {
		if first, dup := pl.seenNumber[row.Number]; dup {
			at.add(request.ImportNumber, row.Number, "import_number_repeated",
				apperr.P{"number": row.Number, "sheet": first.sheet, "row": first.row})
			return nil
		}
		pl.seenNumber[row.Number] = place{sh.Name, row.Row}
		if t, ok := k.ByNumber[row.Number]; ok {
			target = &t
		}
	}

	// The customer: found by name, else created once for the batch.
	var f request.Fields
	var customerName string
	if target != nil {
		f, customerName = target.Fields, target.CustomerName
	}
	if set(request.ImportCustomerName) || target == nil {
		cf := customer.Fields{Name: row.CustomerName}.Normalize()
		var fe apperr.Fields
		cf.Validate(&fe, "")
		if err := fe.Err(); err != nil {
			at.fieldErrors(request.ImportCustomerName, row.CustomerName, err, pl.in.Lists)
		} else {
			key := customer.NameKey(cf.Name)
			c, ok := pl.customers[key]
			if !ok {
				if c, ok = pl.newCustomers[key]; !ok {
					c = customer.Customer{ID: pl.in.NewID(), Name: cf.Name}
					pl.newCustomers[key] = c
					p.Customers = append(p.Customers, c)
				}
			}
			f.CustomerID, customerName = c.ID, c.Name
		}
	}

	// A row without a number that repeats a request already there
	// (same customer, description and receipt time) is that request.
	if target == nil && row.Number == "" && pl.existing[f.CustomerID] && !row.Fields.ReceivedAt.IsZero() && k.Same != nil {
		if title := strings.Join(strings.Fields(row.Fields.Title), " "); title != "" {
			t, err := k.Same(f.CustomerID, title, row.Fields.ReceivedAt.Truncate(time.Second))
			if err != nil {
				return err
			}
			if t != nil {
				target = t
				f = t.Fields
			}
		}
	}

	// The fields the sheet has a column for (or a rule filled in) are the
	// row's; the others keep the request's, or their defaults.
	for _, d := range request.FieldDefs {
		if d.Copy != nil && set(d.Name) {
			d.Copy(&f, row.Fields)
		}
	}
	lists := pl.in.Lists
	// Labels typed by hand are matched to the list's spelling.
	for _, c := range []struct {
		kind string
		v    *string
	}{{vocab.KindType, &f.Type}, {vocab.KindChannel, &f.Channel}, {vocab.KindCategory, &f.Category}, {vocab.KindDepartment, &f.Department}} {
		if v := strings.TrimSpace(*c.v); v != "" {
			if label, _, ok := lists.Match(c.kind, v); ok {
				if vocab.MatchKey(label) != vocab.MatchKey(v) {
					notes.relabel(c.kind, v, label)
				}
				*c.v = label
			}
		}
	}
	// Defaults for what the table leaves out.
	if strings.TrimSpace(f.ReceivedBy) == "" {
		if target != nil {
			f.ReceivedBy = target.Fields.ReceivedBy
		} else {
			f.ReceivedBy = k.Receiver
		}
	}
	if strings.TrimSpace(f.Channel) == "" {
		if target != nil && target.Fields.Channel != "" {
			f.Channel = target.Fields.Channel
		} else if label, ok := inferChannel(f.ContactInfo, lists); ok {
			f.Channel = label
			notes.inferred++
		}
	}
	// The contact: kept when unchanged, else found by name under the
	// customer, else created.
	f.ContactName = strings.Join(strings.Fields(f.ContactName), " ")
	switch {
	case f.ContactName == "" || f.CustomerID == "":
		f.ContactID = ""
	case target != nil && f.CustomerID == target.Fields.CustomerID && f.ContactName == target.Fields.ContactName:
		f.ContactID = target.Fields.ContactID
	default:
		key := f.CustomerID + "\x00" + f.ContactName
		id, ok := pl.contacts[key]
		if !ok {
			if id, ok = pl.newContacts[key]; !ok && utf8.RuneCountInString(f.ContactName) <= customer.MaxShort {
				id = pl.in.NewID()
				pl.newContacts[key] = id
				kf := contactFrom(f.ContactName, f.ContactInfo)
				p.Contacts = append(p.Contacts, customer.Contact{ID: id, CustomerID: f.CustomerID,
					Name: kf.Name, Phone: kf.Phone, Email: kf.Email})
			}
		}
		f.ContactID = id
	}

	var prev *request.Fields
	if target != nil {
		prev = &target.Fields
	}
	nf := f.Normalize()
	if verr := nf.Validate(lists, pl.in.Staff, prev, now); verr != nil {
		at.fieldErrors("", "", verr, lists)
	}
	if row.Status != "" && target != nil && row.Status != target.Status {
		notes.statusKept++
	}
	if at.n > 0 || len(at.flagged) > 0 {
		return nil
	}
	if target == nil {
		st := row.Status
		if st == "" {
			st = request.StatusRegistered
		}
		c := request.ImportCreate{Number: row.Number, Status: st, Path: importPath(st, nf.Type, lists),
			CustomerName: customerName, Fields: nf}
		if st == request.StatusOnHold {
			c.HeldFrom = request.StatusRegistered
		}
		if st != request.StatusRegistered {
			c.MoveComment = "从表格导入，初步处理状态：" + st.Name()
		}
		p.Creates = append(p.Creates, c)
		if row.Number != "" {
			p.Reserved[row.Number] = true
		}
		p.Report.Created++
		if !st.Closed() && nf.ReceivedAt.Before(now.AddDate(0, 0, -staleDays)) {
			notes.stale++
		}
		return nil
	}
	nf.ReceivedAt = sameSecond(nf.ReceivedAt, target.Fields.ReceivedAt)
	if nf == target.Fields {
		p.Report.Skipped++
		return nil
	}
	if target.Status.Closed() {
		at.add("", "", "import_request_closed", apperr.P{"number": target.Number, "status": target.Status.Term(),
			"fields": changedTerms(target.Fields, nf)})
		return nil
	}
	p.Updates = append(p.Updates, request.ImportUpdate{Before: *target, Fields: nf})
	p.Report.Updated++
	return nil
}

// sameSecond keeps the stored receipt time when the table gives the same
// second: a table holds no milliseconds, and re-importing an export must not
// change the request.
func sameSecond(t, stored time.Time) time.Time {
	if !t.IsZero() && t.Truncate(time.Second).Equal(stored.Truncate(time.Second)) {
		return stored
	}
	return t
}

// changedTerms names the fields that differ between a and b.
func changedTerms(a, b request.Fields) []apperr.Term {
	var out []apperr.Term
	for _, d := range request.ChangedFields(a, b) {
		out = append(out, fieldTerm(d.Name))
	}
	return out
}

// fieldTerm is a request field's name as a Term of a message: the UI names
// it in its language (fields.request.<field>).
func fieldTerm(field string) apperr.Term {
	return apperr.Term{Kind: "fields.request", Code: field, Name: request.FieldLabel(field)}
}

// inferChannel is the channel of a request whose table has none: 邮件 for
// an email address, else 电话, when the list has it.
func inferChannel(contactInfo string, lists vocab.Lists) (string, bool) {
	want := "电话"
	if strings.Contains(contactInfo, "@") {
		want = "邮件"
	}
	label, active, ok := lists.Match(vocab.KindChannel, want)
	return label, ok && active
}

// contactFrom makes a new contact from a request's contact columns: the
// information goes to the phone or the email, whichever it is.
func contactFrom(name, info string) customer.ContactFields {
	k := customer.ContactFields{Name: name}
	info = customer.NormalizePhone(info)
	switch {
	case customer.ValidEmail(info):
		k.Email = info
	case customer.ValidPhone(info):
		k.Phone = info
	}
	return k.Normalize()
}

// importPath is the path of an imported request: the one its status belongs
// to, else its type's default.
func importPath(st request.Status, typ string, lists vocab.Lists) request.Path {
	switch st {
	case request.StatusHandling, request.StatusResultGiven:
		return request.PathShort
	case request.StatusAnalysis, request.StatusAnalysisConfirm, request.StatusPlanDrafting, request.StatusPlanReview,
		request.StatusPlanApproval, request.StatusPlanConfirm, request.StatusImplementation, request.StatusAcceptance:
		return request.PathFull
	}
	return request.DefaultPath(lists, typ)
}

// problemList gathers the problems of a batch.
type problemList struct {
	list []request.ImportProblem
	// missing counts, per sheet and field, the new requests that need a
	// column the sheet does not have: reported once per sheet.
	missing map[string]int
}

// rowProblems adds problems at one row.
type rowProblems struct {
	list  *problemList
	zone  *time.Location
	sheet request.ImportSheet
	row   request.ImportRow
	n     int
	// flagged are the fields with a problem already, from reading the
	// cells or an earlier check, so that none is reported twice.
	flagged map[string]bool
}

// add adds the problem the message key with params says at field's cell.
func (a *rowProblems) add(field, value, key string, params apperr.P) {
	c := a.sheet.Columns[field]
	header := c.Header
	if header == "" && field != "" {
		header = request.FieldLabel(field)
	}
	a.list.list = append(a.list.list, problemAt(a.sheet.Name, a.row.Row, c.Letter, header, field, value, key, params))
	a.n++
	if field != "" {
		a.flagged[field] = true
	}
}

// problemAt is the problem the message key with params says at a place.
func problemAt(sheet string, row int, letter, header, field, value, key string, params apperr.P) request.ImportProblem {
	return request.ImportProblem{Sheet: sheet, Row: row, Column: letter, Header: header, Field: field,
		Value: shorten(value, 40), Message: apperr.Render(key, params), Ref: apperr.Msg{Key: key, Params: params}}
}

// fieldErrors turns a validation error into problems at the fields' cells.
// field, when set, is where every error of err belongs.
func (a *rowProblems) fieldErrors(field, value string, err error, lists vocab.Lists) {
	e, ok := apperr.As(err)
	if !ok {
		a.add(field, value, "import_invalid_content", nil)
		return
	}
	for _, fe := range e.Fields {
		f := field
		if f == "" {
			f = fe.Field
		}
		if f == "customerId" {
			f = request.ImportCustomerName
		}
		if a.flagged[f] {
			continue
		}
		if fe.Key == "required" && !a.sheet.Has(f) && !a.row.Derived[f] {
			a.list.missing[a.sheet.Name+"\x00"+f]++
			a.flagged[f] = true
			a.n++
			continue
		}
		v := value
		if v == "" {
			v = rowValue(a.row, f, a.zone)
		}
		key, params := problemMessage(f, a.sheet.Columns[f].Header, fe, v, lists)
		a.add(f, v, key, params)
	}
}

// rowValue is the text a row holds for field, for messages; times are told
// in zone.
func rowValue(r request.ImportRow, field string, zone *time.Location) string {
	d, ok := request.FieldDefOf(field)
	if !ok {
		return ""
	}
	return request.FieldText(d, request.Request{Number: r.Number, CustomerName: r.CustomerName, Status: r.Status,
		Fields: r.Fields}, zone)
}

var listKinds = map[string]string{"type": vocab.KindType, "channel": vocab.KindChannel,
	"category": vocab.KindCategory, "department": vocab.KindDepartment}

// problemMessage says what a field error means for a cell, as a message key
// (apperr.Messages: import_*) with its params. header is the column's name
// in the table, when it has the column: the label the message uses, as
// the user wrote it; else the field's name.
func problemMessage(field, header string, fe apperr.FieldError, value string, lists vocab.Lists) (string, apperr.P) {
	var label any = header
	if header == "" {
		label = fieldTerm(field)
	}
	p := apperr.P{"label": label, "value": value}
	switch fe.Key {
	case "required":
		return "import_required", apperr.P{"label": label}
	case "too_long":
		return "import_too_long", apperr.P{"label": label, "n": utf8.RuneCountInString(value), "max": fe.Params["max"]}
	case "not_in_list":
		if kind, ok := listKinds[field]; ok {
			p["allowed"] = lists.ActiveLabels(kind)
			if _, active, found := lists.Match(kind, value); found && !active {
				return "import_inactive", p
			}
			return "import_not_in_list", p
		}
		return "import_not_a_choice", p
	case "contact_info_invalid", "email_invalid", "in_future", "too_early", "not_a_person", "person_inactive":
		return "import_" + fe.Key, p
	case "invalid_text", "control_chars", "single_line":
		return "import_" + fe.Key, apperr.P{"label": label}
	}
	return "import_invalid", apperr.P{"label": label, "key": fe.Key}
}

// finish adds the once-per-sheet problems, sorts everything by place and
// puts the count and the first of them into the report.
func (pl *problemList) finish(b request.ImportBatch, rep *request.ImportReport) {
	order := map[string]int{}
	for i, sh := range b.Sheets {
		order[sh.Name] = i
		for _, c := range columnsOrder {
			if n := pl.missing[sh.Name+"\x00"+c]; n > 0 {
				pl.list = append(pl.list, problemAt(sh.Name, sh.HeaderRow, "", request.FieldLabel(c), c, "",
					"import_column_missing", apperr.P{"label": fieldTerm(c), "n": n}))
			}
		}
	}
	sort.SliceStable(pl.list, func(i, j int) bool {
		a, b := pl.list[i], pl.list[j]
		if order[a.Sheet] != order[b.Sheet] {
			return order[a.Sheet] < order[b.Sheet]
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		return columnNumber(a.Column) < columnNumber(b.Column)
	})
	rep.ProblemCount = len(pl.list)
	rep.Problems = append([]request.ImportProblem{}, pl.list[:min(len(pl.list), request.MaxReportedProblems)]...)
	if rep.ProblemCount > len(rep.Problems) {
		rep.Note("import_note_problems_cut", apperr.P{"n": rep.ProblemCount, "shown": len(rep.Problems)})
	}
}

// columnsOrder is the order in which missing columns are reported.
var columnsOrder = []string{request.ImportCustomerName, "type", "title", "urgency", "receivedAt", "channel", "receivedBy"}

// columnNumber orders column letters: A < Z < AA.
func columnNumber(letters string) int {
	n := 0
	for _, r := range letters {
		if r < 'A' || r > 'Z' {
			return 0
		}
		n = n*26 + int(r-'A'+1)
	}
	return n
}
