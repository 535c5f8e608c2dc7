package backup_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/blobs"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/document"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
	"github.com/reqdesk/reqdesk/internal/store"
)

// scan stands in for a scanned, signed paper copy.
func scan(text string) []byte { return []byte("%PDF-1.4\n% " + text + "\n%%EOF\n") }

// attach registers a request with its registration form and attaches a
// scan of the signed paper copy to it; it returns the attachment's id.
func attach(t *testing.T, st *store.Store, content []byte) string {
	t.Helper()
	ctx := context.Background()
	if err := st.EnsureSettings(ctx, settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	c, err := command.Run(ctx, command.New(st), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "华信科技有限公司 " + blobs.Sum(content)[:6]},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := command.Run(ctx, command.New(st), command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID, ContactName: "张伟",
		ContactInfo: "5678", Channel: "电话", Type: "技术咨询", Urgency: request.UrgencyNormal, Title: "咨询系统对接方案",
		Description: "客户希望了解对接方式", ReceivedAt: now.Add(-time.Hour), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := command.Run(ctx, command.New(st), command.GenerateDocument{RequestID: r.ID, Type: document.TypeRegistration})
	if err != nil {
		t.Fatal(err)
	}
	a, err := command.Run(ctx, command.New(st), command.AddAttachment{DocumentID: d.ID, Scan: document.AttachmentInput{FileName: "登记表-签字.pdf", Bytes: content}})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

// attachmentFiles lists the file names in a data directory's attachment
// folder.
func attachmentFiles(t *testing.T, dataDir string) []string {
	t.Helper()
	out := []string{}
	root := store.AttachmentDir(filepath.Join(dataDir, "reqdesk.db"))
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) && p == root {
			return nil
		}
		if err == nil && !d.IsDir() {
			out = append(out, filepath.Base(p))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func readAttachment(t *testing.T, st *store.Store, id string) []byte {
	t.Helper()
	_, data, err := st.DocumentAttachment(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBackupCarriesAttachments restores a backup into an empty data
// directory, as on a new laptop: the attachments come back as files.
func TestBackupCarriesAttachments(t *testing.T) {
	ctx := context.Background()
	for _, pass := range []string{"", "口令 correct horse"} {
		name := "Plain"
		if pass != "" {
			name = "Encrypted"
		}
		t.Run(name, func(t *testing.T) {
			st := newStore(t, t.TempDir())
			content := scan("签字页 " + name)
			id := attach(t, st, content)
			path, err := backup.Make(ctx, st, t.TempDir(), pass, now)
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			sum, err := backup.Summarize(ctx, path, pass)
			if err != nil || sum.Attachments != 1 || sum.MissingAttachments != 0 {
				t.Fatalf("summary = %+v, %v", sum, err)
			}

			fresh := t.TempDir()
			kept, err := backup.Restore(ctx, filepath.Join(fresh, "reqdesk.db"), path, pass, now)
			if err != nil || kept != "" {
				t.Fatalf("restore = %q, %v", kept, err)
			}
			restored := newStore(t, fresh)
			defer restored.Close()
			if got := readAttachment(t, restored, id); !bytes.Equal(got, content) {
				t.Fatalf("attachment after restore = %q", got)
			}
			if got, want := attachmentFiles(t, fresh), []string{blobs.Sum(content)}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("attachment files = %v, want %v", got, want)
			}
		})
	}
}

// TestRestoreKeepsCurrentAttachments restores an older backup over the
// data: the backup's attachments are back, and the backup kept of the
// replaced database holds the attachments added since.
func TestRestoreKeepsCurrentAttachments(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "reqdesk.db")
	st := newStore(t, dir)
	first := scan("第一份")
	firstID := attach(t, st, first)
	saved, err := backup.Make(ctx, st, t.TempDir(), "", now)
	if err != nil {
		t.Fatal(err)
	}
	later := scan("备份之后")
	laterID := attach(t, st, later)
	st.Close()
	// The file of the first scan is lost; the backup still has it.
	if err := os.Remove(filepath.Join(store.AttachmentDir(dbPath), blobs.Sum(first)[:2], blobs.Sum(first))); err != nil {
		t.Fatal(err)
	}

	kept, err := backup.Restore(ctx, dbPath, saved, "", now)
	if err != nil {
		t.Fatal(err)
	}
	st = newStore(t, dir)
	if got := readAttachment(t, st, firstID); !bytes.Equal(got, first) {
		t.Fatalf("restored attachment = %q", got)
	}
	if _, _, err := st.DocumentAttachment(ctx, laterID); err == nil {
		t.Fatal("an attachment added after the backup is still listed")
	}
	st.Close()
	// Nothing is deleted: the later file stays, and the kept backup has it.
	if got := attachmentFiles(t, dir); len(got) != 2 {
		t.Fatalf("attachment files = %v, want both", got)
	}
	sum, err := store.Describe(ctx, kept)
	if err != nil || sum.Attachments != 2 || sum.MissingAttachments != 1 {
		t.Fatalf("kept backup = %+v, %v (want 2 attachments, the first one's file missing as it was)", sum, err)
	}
	if _, err := backup.Restore(ctx, dbPath, kept, "", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	st = newStore(t, dir)
	defer st.Close()
	if got := readAttachment(t, st, laterID); !bytes.Equal(got, later) {
		t.Fatalf("attachment after restoring the kept backup = %q", got)
	}
}

// oldDatabase writes a database as ReqDesk at schema version upTo wrote
// it, from the migration files, with one attachment whose bytes sit in
// its row (as they did before attachments moved into files), one more
// row of attachment_blobs sql (when given) for schemas that have it.
func oldDatabase(t *testing.T, path string, upTo int, extra string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("../store/migrations/*.sql")
	if err != nil || len(files) < upTo {
		t.Fatalf("migrations: %v %v", files, err)
	}
	sort.Strings(files)
	for i, f := range files[:upTo] {
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		name := strings.TrimSuffix(filepath.Base(f), ".sql")[5:]
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, ?, '2024-03-15T02:00:00.000Z')`, i+1, name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`
	INSERT INTO customers (id, name, name_key, industry, created_at, updated_at) VALUES
		('c1', '华信科技有限公司', '华信科技有限公司', '信息技术', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	INSERT INTO requests (seq, id, number, status, customer_id, contact_name, contact_info, channel, type,
		urgency, title, description, received_at, received_by, created_at, updated_at) VALUES
		(1, 'r1', 'XR-2024-001', 'registered', 'c1', '张伟', '5678', '电话', '技术咨询', 'normal', '咨询系统对接方案',
		 '', '2024-03-15T01:55:00.000Z', '李娜', '2024-03-15T02:00:00.000Z', '2024-03-15T02:00:00.000Z');
	INSERT INTO documents (id, request_id, type, version, doc_number, status, sha256, size, pages, pdf, source,
		generated_at, generated_by, created_at, updated_at) VALUES
		('d1', 'r1', 'registration', 1, 'XR-2024-001-DJ-V1', 'signed_on_paper', 'ab', 4, 1, x'25504446', '{}',
		 '2024-03-15T02:20:00.000Z', '李娜', '2024-03-15T02:20:00.000Z', '2024-03-15T02:20:00.000Z');` + extra); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreOlderBackup restores a backup made before attachments moved
// into files (schema 6, the scan's bytes in its row): the scan becomes a
// file named by its hash.
func TestRestoreOlderBackup(t *testing.T) {
	ctx := context.Background()
	content := scan("旧版本的扫描件")
	old := filepath.Join(t.TempDir(), "reqdesk-20240315-100000.db")
	oldDatabase(t, old, 6, fmt.Sprintf(`
	INSERT INTO document_attachments (id, document_id, file_name, mime, size, sha256, bytes, added_at, added_by) VALUES
		('f1', 'd1', '..\..\签字页.pdf', 'application/pdf', %d, '%s', x'%x', '2024-03-15T02:30:00.000Z', '李娜');`,
		len(content), blobs.Sum(content), content))
	sum, err := backup.Summarize(ctx, old, "")
	if err != nil || sum.Schema != 6 || sum.Attachments != 1 || sum.MissingAttachments != 0 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	fresh := t.TempDir()
	if _, err := backup.Restore(ctx, filepath.Join(fresh, "reqdesk.db"), old, "", now); err != nil {
		t.Fatal(err)
	}
	st := newStore(t, fresh)
	defer st.Close()
	a, data, err := st.DocumentAttachment(ctx, "f1")
	if err != nil || !bytes.Equal(data, content) || a.FileName != "签字页.pdf" {
		t.Fatalf("attachment = %+v, %q, %v", a, data, err)
	}
	if got, want := attachmentFiles(t, fresh), []string{blobs.Sum(content)}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("attachment files = %v, want %v", got, want)
	}
}

// TestRestoreWritesOnlyReferencedFiles restores a backup carrying content
// no attachment refers to, and content that does not match its hash:
// neither becomes a file.
func TestRestoreWritesOnlyReferencedFiles(t *testing.T) {
	ctx := context.Background()
	good, stray, forged := scan("有登记的"), scan("没有登记的"), scan("被改过的")
	src := filepath.Join(t.TempDir(), "crafted.db")
	oldDatabase(t, src, store.LatestSchema(), fmt.Sprintf(`
	INSERT INTO document_attachments (id, document_id, file_name, mime, size, sha256, added_at, added_by) VALUES
		('f1', 'd1', 'a.pdf', 'application/pdf', %[1]d, '%[2]s', '2024-03-15T02:30:00.000Z', '李娜'),
		('f2', 'd1', 'b.pdf', 'application/pdf', %[1]d, '%[3]s', '2024-03-15T02:31:00.000Z', '李娜');
	INSERT INTO attachment_blobs (sha256, bytes) VALUES ('%[2]s', x'%[4]x'), ('%[5]s', x'%[6]x'), ('%[3]s', x'%[7]x');`,
		len(good), blobs.Sum(good), blobs.Sum(scan("原本的")), good, blobs.Sum(stray), stray, forged))
	fresh := t.TempDir()
	if _, err := backup.Restore(ctx, filepath.Join(fresh, "reqdesk.db"), src, "", now); err != nil {
		t.Fatal(err)
	}
	st := newStore(t, fresh)
	defer st.Close()
	if got := readAttachment(t, st, "f1"); !bytes.Equal(got, good) {
		t.Fatalf("attachment = %q", got)
	}
	if _, _, err := st.DocumentAttachment(ctx, "f2"); err == nil {
		t.Fatal("forged content read as the attachment")
	}
	if got, want := attachmentFiles(t, fresh), []string{blobs.Sum(good)}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("attachment files = %v, want only %v", got, want)
	}
}
