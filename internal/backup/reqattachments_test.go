package backup_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/attachment"
	"github.com/reqdesk/reqdesk/internal/backup"
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/customer"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/settings"
)

// TestBackupCarriesRequestAttachments backs up a request with a file
// attached, restores the backup into a new data directory and reads the
// file back: its bytes are the ones attached.
func TestBackupCarriesRequestAttachments(t *testing.T) {
	ctx := context.Background()
	st := newStore(t, t.TempDir())
	if err := st.EnsureSettings(ctx, settings.Defaults("李娜")); err != nil {
		t.Fatal(err)
	}
	c, err := command.Run(ctx, command.New(st), command.CreateCustomer{Input: customer.Input{Fields: customer.Fields{Name: "远航物流有限公司"},
		Contacts: []customer.ContactFields{{Name: "张伟", Phone: "13800138000"}}}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := command.Run(ctx, command.New(st), command.CreateRequest{Fields: request.Fields{CustomerID: c.Customer.ID, ContactID: c.Contacts[0].ID,
		ContactName: "张伟", ContactInfo: "5678", Channel: "电话", Type: "问题(报障)", Urgency: request.UrgencyImportant,
		Title: "出库单打印报错", ReceivedAt: now.Add(-time.Hour), ReceivedBy: "李娜"}})
	if err != nil {
		t.Fatal(err)
	}
	log := []byte("2026-12-04 09:12:03 ERROR 出库单打印失败：模板缺少字段 批次号\n")
	a, err := command.Run(ctx, command.New(st), command.AddRequestAttachment{RequestID: r.ID, File: attachment.Input{FileName: "print.log", Bytes: log}})
	if err != nil {
		t.Fatal(err)
	}
	path, err := backup.Make(ctx, st, t.TempDir(), "", now)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if sum, err := backup.Summarize(ctx, path, ""); err != nil || sum.Attachments != 1 || sum.MissingAttachments != 0 {
		t.Fatalf("summary = %+v, %v", sum, err)
	}
	fresh := t.TempDir()
	if _, err := backup.Restore(ctx, filepath.Join(fresh, "reqdesk.db"), path, "", now); err != nil {
		t.Fatal(err)
	}
	restored := newStore(t, fresh)
	defer restored.Close()
	got, data, err := restored.RequestAttachment(ctx, a.ID)
	if err != nil || !bytes.Equal(data, log) || got.FileName != "print.log" || got.RequestID != r.ID {
		t.Fatalf("restored = %+v %q, %v", got, data, err)
	}
}
