package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/auth"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/vocab"
)

// errImportProblems rolls back an import whose rows broke a rule.
var errImportProblems = errors.New("import has problems")

// ImportRequests checks a batch of rows against the request rules, the word
// lists and the database as they are now, and reports what it would do: how
// many requests it creates, updates (a row whose 需求编号 names an existing
// request, or that repeats one's customer, brief description and receipt
// time) and skips as unchanged, and every problem with its sheet, row and
// column. A dry run only reads. Otherwise, when no row has a problem, the
// whole batch is written in one transaction, with every change in the audit
// log under the acting person; any problem or failure writes nothing at all.
func (s *Store) ImportRequests(ctx context.Context, b request.ImportBatch, dryRun bool) (request.ImportReport, error) {
	if dryRun {
		tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return request.ImportReport{}, err
		}
		defer tx.Rollback()
		plan, err := s.planImport(ctx, tx, s.clock.Now(), newID, b)
		if err != nil {
			return request.ImportReport{}, err
		}
		plan.report.DryRun = true
		return plan.report, nil
	}
	var rep request.ImportReport
	err := s.tx(ctx, func(tx *Tx) error {
		plan, err := s.planImport(ctx, tx, tx.Now(), tx.NewID, b)
		if err != nil {
			return err
		}
		rep = plan.report
		if rep.ProblemCount > 0 {
			return errImportProblems
		}
		if err := s.applyImport(ctx, tx, plan); err != nil {
			return err
		}
		rep.Applied = true
		return nil
	})
	if errors.Is(err, errImportProblems) {
		return rep, nil
	}
	if err != nil {
		return request.ImportReport{}, err
	}
	if rep.Applied && rep.Created > 1000 {
		// A large import changes the tables' shape: refresh the planner's view.
		if err := s.Optimize(ctx); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

// importPlan is a checked batch: what to write, and the report.
type importPlan struct {
	report    request.ImportReport
	customers []customer.Customer // to create
	contacts  []customer.Contact  // to create
	creates   []plannedCreate
	updates   []plannedUpdate
	reserved  map[string]bool // numbers the creates bring with them
	now       time.Time
	newID     func() string
}

type plannedCreate struct {
	number       string // "" to take the next one of the numbering
	status       request.Status
	sheetStatus  string
	path         request.Path
	customerName string
	fields       request.Fields
}

type plannedUpdate struct {
	before request.Request
	seq    int64
	fields request.Fields
}

// known is what the database already holds that rows refer to.
type known struct {
	customers map[string]customer.Customer // by nameKey
	existing  map[string]bool              // ids of the customers above
	contacts  map[string]string            // customer id + "\x00" + name → contact id
	byNumber  map[string]importTarget
	lists     vocab.Lists
	staff     request.Staff
	profile   string
	// same finds a request by customer, brief description and receipt
	// second, for rows without a number.
	same *sql.Stmt
}

type importTarget struct {
	r   request.Request
	seq int64
}

func (s *Store) loadKnown(ctx context.Context, tx queryer, b request.ImportBatch) (*known, error) {
	k := &known{customers: map[string]customer.Customer{}, existing: map[string]bool{}, contacts: map[string]string{}, byNumber: map[string]importTarget{}}
	var err error
	if k.lists, err = s.vocabularies(ctx, tx); err != nil {
		return nil, err
	}
	if k.staff, err = s.staff(ctx, tx); err != nil {
		return nil, err
	}
	st, err := s.settings(ctx, tx)
	if err != nil {
		return nil, err
	}
	k.profile = st.ProfileName
	if u, ok := auth.UserFrom(ctx); ok {
		k.profile = u.Name
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, name_key FROM customers`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var c customer.Customer
		var key string
		if err := rows.Scan(&c.ID, &c.Name, &key); err != nil {
			rows.Close()
			return nil, err
		}
		k.customers[key] = c
		k.existing[c.ID] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, customer_id, name FROM contacts ORDER BY created_at, id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id, cust, name string
		if err := rows.Scan(&id, &cust, &name); err != nil {
			rows.Close()
			return nil, err
		}
		if _, dup := k.contacts[cust+"\x00"+name]; !dup {
			k.contacts[cust+"\x00"+name] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var numbers []any
	for _, sh := range b.Sheets {
		for _, r := range sh.Rows {
			if r.Number != "" {
				numbers = append(numbers, r.Number)
			}
		}
	}
	for len(numbers) > 0 {
		chunk := numbers[:min(len(numbers), 500)]
		numbers = numbers[len(chunk):]
		rows, err := tx.QueryContext(ctx, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
			WHERE r.number IN (`+placeholders(len(chunk))+`)`, chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			r, seq, err := scanRequest(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			k.byNumber[r.Number] = importTarget{r, seq}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	k.same, err = tx.PrepareContext(ctx, `SELECT `+requestColumns+` FROM requests r JOIN customers c ON c.id = r.customer_id
		WHERE r.customer_id = ? AND r.title = ? AND r.received_at >= ? AND r.received_at < ? ORDER BY r.seq LIMIT 1`)
	return k, err
}

// planImport checks every row and decides what becomes of it.
func (s *Store) planImport(ctx context.Context, tx queryer, now time.Time, ids func() string, b request.ImportBatch) (*importPlan, error) {
	k, err := s.loadKnown(ctx, tx, b)
	if err != nil {
		return nil, err
	}
	defer k.same.Close()
	p := &importPlan{reserved: map[string]bool{}, now: now, newID: ids}
	pr := &problemList{list: append([]request.ImportProblem(nil), b.Problems...), missing: map[string]int{}}
	newCustomers := map[string]customer.Customer{}
	newContacts := map[string]string{}
	seenNumber := map[string]place{}
	var notes planNotes
	for _, sh := range b.Sheets {
		p.report.Sheets = append(p.report.Sheets, sh.Name)
		for _, row := range sh.Rows {
			p.report.Rows++
			at := &rowProblems{list: pr, sheet: sh, row: row, flagged: map[string]bool{}}
			for f := range row.Flagged {
				at.flagged[f] = true
			}
			if err := s.planRow(ctx, p, k, at, seenNumber, newCustomers, newContacts, &notes); err != nil {
				return nil, err
			}
			if at.n > 0 || len(at.flagged) > 0 {
				p.report.InvalidRows++
			}
		}
	}
	p.report.CustomersCreated, p.report.ContactsCreated = len(p.customers), len(p.contacts)
	p.report.Notes = append(p.report.Notes, b.Notes...)
	if notes.inferred > 0 {
		p.report.Notes = append(p.report.Notes, fmt.Sprintf("%d 行没有填写渠道，已按联系方式记为“电话”或“邮件”", notes.inferred))
	}
	for _, r := range notes.relabeled {
		name := r.kind
		for field, kind := range listKinds {
			if kind == r.kind {
				name = request.FieldLabel(field)
			}
		}
		p.report.Notes = append(p.report.Notes, fmt.Sprintf("%s“%s”按“%s”导入（%d 行）", name, r.from, r.to, r.rows))
	}
	if notes.stale > 0 {
		p.report.Notes = append(p.report.Notes, fmt.Sprintf("%d 条新需求接收于 %d 天以前且未结束，导入后会显示为超过处理时限；已经处理完的，请在“初步处理状态”中填写“已归档”",
			notes.stale, staleDays))
	}
	if notes.statusKept > 0 {
		p.report.Notes = append(p.report.Notes, fmt.Sprintf("%d 条已有需求在表中的处理状态与系统不同：状态只能在应用中按流程推进，导入不改变它", notes.statusKept))
	}
	pr.finish(b, &p.report)
	// Lists go to the UI as lists, empty or not.
	if p.report.Notes == nil {
		p.report.Notes = []string{}
	}
	if p.report.Sheets == nil {
		p.report.Sheets = []string{}
	}
	return p, nil
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
func (s *Store) planRow(ctx context.Context, p *importPlan, k *known, at *rowProblems, seenNumber map[string]place,
	newCustomers map[string]customer.Customer, newContacts map[string]string, notes *planNotes) error {
	sh, row, now := at.sheet, at.row, p.now
	set := func(field string) bool { return sh.Has(field) || row.Derived[field] }
	var target *importTarget
	if row.Number != "" {
		if first, dup := seenNumber[row.Number]; dup {
			at.add(request.ImportNumber, row.Number, fmt.Sprintf("需求编号 %s 在表中重复出现（工作表“%s”第 %d 行已有）", row.Number, first.sheet, first.row))
			return nil
		}
		seenNumber[row.Number] = place{sh.Name, row.Row}
		if t, ok := k.byNumber[row.Number]; ok {
			target = &t
		}
	}

	// The customer: found by name, else created once for the batch.
	var f request.Fields
	var customerName string
	if target != nil {
		f, customerName = target.r.Fields, target.r.CustomerName
	}
	if set(request.ImportCustomerName) || target == nil {
		cf := customer.Fields{Name: row.CustomerName}.Normalize()
		var fe apperr.Fields
		cf.Validate(&fe, "")
		if err := fe.Err(); err != nil {
			at.fieldErrors(request.ImportCustomerName, row.CustomerName, err, k.lists)
		} else {
			key := nameKey(cf.Name)
			c, ok := k.customers[key]
			if !ok {
				if c, ok = newCustomers[key]; !ok {
					c = customer.Customer{ID: p.newID(), Name: cf.Name}
					newCustomers[key] = c
					p.customers = append(p.customers, c)
				}
			}
			f.CustomerID, customerName = c.ID, c.Name
		}
	}

	// A row without a number that repeats a request already there
	// (same customer, description and receipt time) is that request.
	if target == nil && row.Number == "" && k.existing[f.CustomerID] && !row.Fields.ReceivedAt.IsZero() {
		t, err := s.sameRequest(ctx, k.same, f.CustomerID, row.Fields)
		if err != nil {
			return err
		}
		if t != nil {
			target = t
			f = t.r.Fields
		}
	}

	in := row.Fields
	copyField := func(field string, dst *string, src string) {
		if set(field) {
			*dst = src
		}
	}
	copyField("contactName", &f.ContactName, in.ContactName)
	copyField("contactInfo", &f.ContactInfo, in.ContactInfo)
	copyField("channel", &f.Channel, in.Channel)
	copyField("type", &f.Type, in.Type)
	copyField("category", &f.Category, in.Category)
	copyField("title", &f.Title, in.Title)
	copyField("description", &f.Description, in.Description)
	copyField("background", &f.Background, in.Background)
	copyField("expectedOutcome", &f.ExpectedOutcome, in.ExpectedOutcome)
	copyField("timeRequirement", &f.TimeRequirement, in.TimeRequirement)
	copyField("scene", &f.Scene, in.Scene)
	copyField("product", &f.Product, in.Product)
	copyField("receivedBy", &f.ReceivedBy, in.ReceivedBy)
	copyField("owner", &f.Owner, in.Owner)
	copyField("department", &f.Department, in.Department)
	if set("urgency") {
		f.Urgency = in.Urgency
	}
	if set("impactScope") {
		f.ImpactScope = in.ImpactScope
	}
	if set("receivedAt") {
		f.ReceivedAt = in.ReceivedAt
	}
	// Labels typed by hand are matched to the list's spelling.
	for _, c := range []struct {
		kind string
		v    *string
	}{{vocab.KindType, &f.Type}, {vocab.KindChannel, &f.Channel}, {vocab.KindCategory, &f.Category}, {vocab.KindDepartment, &f.Department}} {
		if v := strings.TrimSpace(*c.v); v != "" {
			if label, _, ok := k.lists.Match(c.kind, v); ok {
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
			f.ReceivedBy = target.r.Fields.ReceivedBy
		} else {
			f.ReceivedBy = k.profile
		}
	}
	if strings.TrimSpace(f.Channel) == "" {
		if target != nil && target.r.Fields.Channel != "" {
			f.Channel = target.r.Fields.Channel
		} else if label, ok := inferChannel(f.ContactInfo, k.lists); ok {
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
	case target != nil && f.CustomerID == target.r.Fields.CustomerID && f.ContactName == target.r.Fields.ContactName:
		f.ContactID = target.r.Fields.ContactID
	default:
		key := f.CustomerID + "\x00" + f.ContactName
		id, ok := k.contacts[key]
		if !ok {
			if id, ok = newContacts[key]; !ok && utf8.RuneCountInString(f.ContactName) <= customer.MaxShort {
				id = p.newID()
				newContacts[key] = id
				kf := contactFrom(f.ContactName, f.ContactInfo)
				p.contacts = append(p.contacts, customer.Contact{ID: id, CustomerID: f.CustomerID,
					Name: kf.Name, Phone: kf.Phone, Email: kf.Email})
			}
		}
		f.ContactID = id
	}

	var prev *request.Fields
	if target != nil {
		prev = &target.r.Fields
	}
	nf := f.Normalize()
	if verr := nf.Validate(k.lists, k.staff, prev, now); verr != nil {
		at.fieldErrors("", "", verr, k.lists)
	}
	if row.Status != "" && target != nil && row.Status != target.r.Status {
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
		p.creates = append(p.creates, plannedCreate{number: row.Number, status: st, sheetStatus: st.Name(),
			path: importPath(st, nf.Type, k.lists), customerName: customerName, fields: nf})
		if row.Number != "" {
			p.reserved[row.Number] = true
		}
		p.report.Created++
		if !st.Closed() && nf.ReceivedAt.Before(now.AddDate(0, 0, -staleDays)) {
			notes.stale++
		}
		return nil
	}
	nf.ReceivedAt = sameSecond(nf.ReceivedAt, target.r.Fields.ReceivedAt)
	if nf == target.r.Fields {
		p.report.Skipped++
		return nil
	}
	if err := request.CheckWritable(target.r); err != nil {
		at.add("", "", fmt.Sprintf("需求 %s 的状态是“%s”，不能再通过导入修改；表中与系统不同的内容：%s",
			target.r.Number, target.r.Status.Name(), strings.Join(changedLabels(target.r.Fields, nf), "、")))
		return nil
	}
	p.updates = append(p.updates, plannedUpdate{before: target.r, seq: target.seq, fields: nf})
	p.report.Updated++
	return nil
}

// sameRequest finds the request of customerID with the same brief
// description received within the same second, or nil.
func (s *Store) sameRequest(ctx context.Context, st *sql.Stmt, customerID string, f request.Fields) (*importTarget, error) {
	title := strings.Join(strings.Fields(f.Title), " ")
	if title == "" {
		return nil, nil
	}
	from := f.ReceivedAt.Truncate(time.Second)
	r, seq, err := scanRequest(st.QueryRowContext(ctx, customerID, title, s.ts(from), s.ts(from.Add(time.Second))))
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &importTarget{r, seq}, nil
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

// changedLabels names the fields that differ between a and b.
func changedLabels(a, b request.Fields) []string {
	var out []string
	add := func(field string, differ bool) {
		if differ {
			out = append(out, request.FieldLabel(field))
		}
	}
	add("customerId", a.CustomerID != b.CustomerID)
	add("contactName", a.ContactName != b.ContactName || a.ContactID != b.ContactID)
	add("contactInfo", a.ContactInfo != b.ContactInfo)
	add("channel", a.Channel != b.Channel)
	add("type", a.Type != b.Type)
	add("category", a.Category != b.Category)
	add("urgency", a.Urgency != b.Urgency)
	add("impactScope", a.ImpactScope != b.ImpactScope)
	add("title", a.Title != b.Title)
	add("description", a.Description != b.Description)
	add("background", a.Background != b.Background)
	add("expectedOutcome", a.ExpectedOutcome != b.ExpectedOutcome)
	add("timeRequirement", a.TimeRequirement != b.TimeRequirement)
	add("scene", a.Scene != b.Scene)
	add("product", a.Product != b.Product)
	add("receivedAt", !a.ReceivedAt.Equal(b.ReceivedAt))
	add("receivedBy", a.ReceivedBy != b.ReceivedBy)
	add("owner", a.Owner != b.Owner)
	add("department", a.Department != b.Department)
	return out
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
	for _, it := range lists.Types {
		if it.Label == typ {
			return request.PathOf(it.DefaultPath)
		}
	}
	return request.PathFull
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
	sheet request.ImportSheet
	row   request.ImportRow
	n     int
	// flagged are the fields with a problem already, from reading the
	// cells or an earlier check, so that none is reported twice.
	flagged map[string]bool
}

func (a *rowProblems) add(field, value, msg string) {
	c := a.sheet.Columns[field]
	header := c.Header
	if header == "" && field != "" {
		header = request.FieldLabel(field)
	}
	a.list.list = append(a.list.list, request.ImportProblem{Sheet: a.sheet.Name, Row: a.row.Row, Column: c.Letter,
		Header: header, Field: field, Value: shorten(value, 40), Message: msg})
	a.n++
	if field != "" {
		a.flagged[field] = true
	}
}

// fieldErrors turns a validation error into problems at the fields' cells.
// field, when set, is where every error of err belongs.
func (a *rowProblems) fieldErrors(field, value string, err error, lists vocab.Lists) {
	e, ok := apperr.As(err)
	if !ok {
		a.add(field, value, "内容不符合要求")
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
			v = rowValue(a.row, f)
		}
		a.add(f, v, problemMessage(f, a.sheet.Columns[f].Header, fe, v, lists))
	}
}

// rowValue is the text a row holds for field, for messages.
func rowValue(r request.ImportRow, field string) string {
	f := r.Fields
	switch field {
	case request.ImportNumber:
		return r.Number
	case request.ImportCustomerName:
		return r.CustomerName
	case "contactName":
		return f.ContactName
	case "contactInfo":
		return f.ContactInfo
	case "channel":
		return f.Channel
	case "type":
		return f.Type
	case "category":
		return f.Category
	case "department":
		return f.Department
	case "title":
		return f.Title
	case "description":
		return f.Description
	case "background":
		return f.Background
	case "expectedOutcome":
		return f.ExpectedOutcome
	case "timeRequirement":
		return f.TimeRequirement
	case "scene":
		return f.Scene
	case "product":
		return f.Product
	case "receivedBy":
		return f.ReceivedBy
	case "owner":
		return f.Owner
	case "receivedAt":
		if !f.ReceivedAt.IsZero() {
			return f.ReceivedAt.In(time.Local).Format("2006-01-02 15:04")
		}
	}
	return ""
}

var listKinds = map[string]string{"type": vocab.KindType, "channel": vocab.KindChannel,
	"category": vocab.KindCategory, "department": vocab.KindDepartment}

// problemMessage says in plain Chinese what a field error means for a cell.
// header is the column's name in the table, when it has the column.
func problemMessage(field, header string, fe apperr.FieldError, value string, lists vocab.Lists) string {
	label := header
	if label == "" {
		label = request.FieldLabel(field)
	}
	switch fe.Key {
	case "required":
		return label + "不能为空"
	case "too_long":
		return fmt.Sprintf("%s过长（%d 字），最多 %v 字", label, utf8.RuneCountInString(value), fe.Params["max"])
	case "not_in_list":
		if kind, ok := listKinds[field]; ok {
			allowed := strings.Join(lists.ActiveLabels(kind), "、")
			if _, active, found := lists.Match(kind, value); found && !active {
				return fmt.Sprintf("%s“%s”已停用；可选：%s", label, value, allowed)
			}
			return fmt.Sprintf("%s“%s”不在列表中；可选：%s（也可以先在“设置 → 列表”中添加）", label, value, allowed)
		}
		return fmt.Sprintf("%s“%s”不是可选的值", label, value)
	case "contact_info_invalid":
		return fmt.Sprintf("联系方式“%s”不是有效的电话号码或邮箱：电话请只用数字、空格、+、-、括号，分机写在号码后，如“转 123”“分机 123”“ext. 123”", value)
	case "email_invalid":
		return fmt.Sprintf("邮箱地址“%s”格式不对", value)
	case "in_future":
		return fmt.Sprintf("接收时间 %s 晚于现在，请检查日期", value)
	case "too_early":
		return fmt.Sprintf("接收时间 %s 早于 2000 年，请检查日期（日期可能被 Excel 当成了数字）", value)
	case "invalid_text":
		return label + "中有无法识别的字符（可能是乱码），请检查"
	case "control_chars":
		return label + "中有看不见的控制字符，请删去后再导入"
	case "single_line":
		return label + "只能写一行，请删去其中的换行"
	case "not_a_person":
		return fmt.Sprintf("%s“%s”不在人员名单中，请先在“设置 → 人员”中添加，或改为名单中的人", label, value)
	case "person_inactive":
		return fmt.Sprintf("%s“%s”已停用，请改为在职的人员", label, value)
	}
	return fmt.Sprintf("%s不符合要求（%s）", label, fe.Key)
}

// finish adds the once-per-sheet problems, sorts everything by place and
// puts the count and the first of them into the report.
func (pl *problemList) finish(b request.ImportBatch, rep *request.ImportReport) {
	order := map[string]int{}
	for i, sh := range b.Sheets {
		order[sh.Name] = i
		for _, c := range columnsOrder {
			if n := pl.missing[sh.Name+"\x00"+c]; n > 0 {
				pl.list = append(pl.list, request.ImportProblem{Sheet: sh.Name, Row: sh.HeaderRow, Header: request.FieldLabel(c),
					Field: c, Message: fmt.Sprintf("表中没有“%s”列，%d 条新需求缺少它；请在表头加上这一列并填写", request.FieldLabel(c), n)})
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
		rep.Notes = append(rep.Notes, fmt.Sprintf("共有 %d 个问题，只列出了前 %d 个", rep.ProblemCount, len(rep.Problems)))
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

func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// applyImport writes a checked plan: customers and contacts first, then the
// new requests with their search text, clocks and transitions, then the
// updates. Statements are prepared once and the search text, clocks and
// audit entries go in multi-row inserts.
func (s *Store) applyImport(ctx context.Context, tx *Tx, p *importPlan) error {
	actor, err := s.actor(ctx, tx)
	if err != nil {
		return err
	}
	// A big batch touches more pages than the default cache holds; spilling
	// them to the log mid-transaction would double the writing.
	var cache int64
	if err := tx.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -131072`); err != nil {
		return err
	}
	defer tx.ExecContext(ctx, `PRAGMA cache_size = `+strconv.FormatInt(cache, 10))
	nowTS := s.ts(p.now)
	nowT := parseTS(nowTS)
	auditRows := newBulk(tx, "audit_log", auditColumns, 8)
	defer auditRows.close()
	addAudit := func(entity, id, action string, before, after any) error {
		args, err := s.auditArgs(tx.NewID(), tx.Now(), actor, entity, id, action, before, after)
		if err != nil {
			return err
		}
		return auditRows.add(ctx, args...)
	}

	insCustomer, err := tx.PrepareContext(ctx, `INSERT INTO customers (id, name, name_key, industry, address, notes,
		created_at, updated_at, version) VALUES (?, ?, ?, '', '', '', ?, ?, 1)`)
	if err != nil {
		return err
	}
	defer insCustomer.Close()
	for _, c := range p.customers {
		if _, err := insCustomer.ExecContext(ctx, c.ID, c.Name, nameKey(c.Name), nowTS, nowTS); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt, c.Version = nowT, nowT, 1
		if err := addAudit(audit.EntityCustomer, c.ID, audit.ActionCreate, nil, c); err != nil {
			return err
		}
	}
	insContact, err := tx.PrepareContext(ctx, `INSERT INTO contacts (id, customer_id, name, title, phone, email,
		created_at, updated_at, version) VALUES (?, ?, ?, '', ?, ?, ?, ?, 1)`)
	if err != nil {
		return err
	}
	defer insContact.Close()
	for _, k := range p.contacts {
		if _, err := insContact.ExecContext(ctx, k.ID, k.CustomerID, k.Name, k.Phone, k.Email, nowTS, nowTS); err != nil {
			return err
		}
		k.CreatedAt, k.UpdatedAt, k.Version = nowT, nowT, 1
		if err := addAudit(audit.EntityContact, k.ID, audit.ActionCreate, nil, k); err != nil {
			return err
		}
	}

	// Every request created or updated gets its derived rows in this
	// transaction, so nothing reads the import without them.
	var derived []string
	if err := s.applyCreates(ctx, tx, p, actor, nowTS, addAudit, &derived); err != nil {
		return err
	}
	if len(p.updates) > 0 {
		upd, err := tx.PrepareContext(ctx, `UPDATE requests SET customer_id = ?, contact_id = ?, contact_name = ?,
			contact_info = ?, channel = ?, type = ?, category = ?, urgency = ?, impact_scope = ?, title = ?, description = ?,
			background = ?, expected_outcome = ?, time_requirement = ?, scene = ?, product = ?, received_at = ?,
			received_by = ?, owner = ?, department = ?, updated_at = ?, version = version + 1 WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()
		for _, u := range p.updates {
			f := u.fields
			if _, err := upd.ExecContext(ctx, f.CustomerID, nullable(f.ContactID), f.ContactName, f.ContactInfo, f.Channel,
				f.Type, f.Category, f.Urgency, f.ImpactScope, f.Title, f.Description, f.Background, f.ExpectedOutcome,
				f.TimeRequirement, f.Scene, f.Product, s.ts(f.ReceivedAt), f.ReceivedBy, f.Owner, f.Department, nowTS,
				u.before.ID); err != nil {
				return err
			}
			after, _, err := s.request(ctx, tx, u.before.ID)
			if err != nil {
				return err
			}
			if err := s.index(ctx, tx, u.seq, after, true); err != nil {
				return err
			}
			derived = append(derived, u.before.ID)
			if err := addAudit(audit.EntityRequest, u.before.ID, audit.ActionUpdate, u.before, after); err != nil {
				return err
			}
		}
	}
	if err := s.deriveRequests(ctx, tx, derived); err != nil {
		return err
	}
	return auditRows.flush(ctx)
}

// applyCreates inserts the new requests in the table's order and adds
// their ids to derived.
func (s *Store) applyCreates(ctx context.Context, tx *Tx, p *importPlan, actor, nowTS string,
	addAudit func(entity, id, action string, before, after any) error, derived *[]string) error {
	if len(p.creates) == 0 {
		return nil
	}
	nowT := parseTS(nowTS)
	num, err := s.newNumberer(ctx, tx, p.reserved)
	if err != nil {
		return err
	}
	if err := num.prepare(ctx, tx); err != nil {
		num.close()
		return err
	}
	defer num.close()
	ins, err := tx.PrepareContext(ctx, insertRequestSQL)
	if err != nil {
		return err
	}
	defer ins.Close()
	hold, err := tx.PrepareContext(ctx, `UPDATE requests SET held_from = ? WHERE seq = ?`)
	if err != nil {
		return err
	}
	defer hold.Close()
	fts := newBulk(tx, "request_fts", "rowid, bi, uni", 3)
	defer fts.close()
	moves := newBulk(tx, "request_transitions", "id, request_id, at, actor, action, from_status, to_status, comment", 8)
	defer moves.close()
	for _, c := range p.creates {
		number := c.number
		if number == "" {
			if number, err = num.next(ctx, tx, c.fields.ReceivedAt); err != nil {
				return err
			}
		}
		id := tx.NewID()
		res, err := ins.ExecContext(ctx, s.insertRequestArgs(id, number, c.status, c.path, c.fields, nowTS)...)
		if err != nil {
			return fmt.Errorf("import %s: %w", number, err)
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return err
		}
		r := request.Request{ID: id, Number: number, Status: c.status, CustomerName: c.customerName, Fields: c.fields,
			State: request.State{Path: c.path}, CreatedAt: nowT, UpdatedAt: nowT, Version: 1}
		r.Fields.ReceivedAt = parseTS(s.ts(c.fields.ReceivedAt))
		if c.status == request.StatusOnHold {
			r.State.HeldFrom = request.StatusRegistered
			if _, err := hold.ExecContext(ctx, r.State.HeldFrom, seq); err != nil {
				return err
			}
		}
		doc := indexDoc(r)
		if err := fts.add(ctx, seq, doc.Bigrams, doc.Unigrams); err != nil {
			return err
		}
		if c.status != request.StatusRegistered {
			t := request.Transition{ID: tx.NewID(), At: nowT, Actor: actor, Action: request.ActImport,
				From: request.StatusRegistered, To: c.status, Comment: "从表格导入，初步处理状态：" + c.sheetStatus}
			if err := moves.add(ctx, t.ID, id, nowTS, actor, t.Action, t.From, t.To, t.Comment); err != nil {
				return err
			}
		}
		*derived = append(*derived, id)
		if err := addAudit(audit.EntityRequest, id, audit.ActionCreate, nil, r); err != nil {
			return err
		}
	}
	for _, b := range []*bulk{fts, moves} {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// bulk writes rows into a table with multi-row INSERTs, bulkRows at a time.
type bulk struct {
	tx      *Tx
	table   string
	columns string
	width   int
	args    []any
	full    *sql.Stmt
}

const bulkRows = 100

func newBulk(tx *Tx, table, columns string, width int) *bulk {
	return &bulk{tx: tx, table: table, columns: columns, width: width}
}

func (b *bulk) statement(rows int) string {
	row := "(" + placeholders(b.width) + ")"
	return `INSERT INTO ` + b.table + ` (` + b.columns + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+",", rows), ",")
}

func (b *bulk) add(ctx context.Context, args ...any) error {
	if len(args) != b.width {
		return fmt.Errorf("bulk %s: %d values for %d columns", b.table, len(args), b.width)
	}
	b.args = append(b.args, args...)
	if len(b.args) < bulkRows*b.width {
		return nil
	}
	if b.full == nil {
		st, err := b.tx.PrepareContext(ctx, b.statement(bulkRows))
		if err != nil {
			return err
		}
		b.full = st
	}
	_, err := b.full.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

func (b *bulk) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	_, err := b.tx.ExecContext(ctx, b.statement(len(b.args)/b.width), b.args...)
	b.args = b.args[:0]
	return err
}

func (b *bulk) close() {
	if b.full != nil {
		b.full.Close()
	}
}
