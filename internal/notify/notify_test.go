package notify_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/notes"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

var now = time.Date(2026, 3, 16, 10, 0, 0, 0, time.UTC)

func keys(l notify.List) []string {
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Key)
	}
	return out
}

// TestMineFirst: of the team's clocks only those of my work are mine; the
// bell lists unread before read, breached clocks, mentions, approvals,
// reviews, assignments, then clocks due soon; snoozed ones are hidden until
// their snooze ends.
func TestMineFirst(t *testing.T) {
	mentions := []notes.Mention{
		{NoteID: "n2", RequestID: "r1", Number: "XR-1", Person: "李娜", Author: "王芳", Body: "@李娜 新", At: now.Add(-time.Hour)},
		{NoteID: "n1", RequestID: "r2", Number: "XR-2", Person: "李娜", Author: "王芳", Body: "@李娜 旧", At: now.Add(-2 * time.Hour)},
	}
	work := []request.WorkItem{
		{Kind: "own", RequestID: "r1", Number: "XR-1", Status: request.StatusAnalysis},
		{Kind: "own", RequestID: "r3", Number: "XR-3", Status: request.StatusAssigned, UpdatedAt: now.Add(-3 * time.Hour)},
		{Kind: "review", RequestID: "r4", Number: "XR-4", Status: request.StatusPlanReview, Detail: "技术支持部"},
	}
	alerts := []request.Alert{
		{RequestID: "r1", Number: "XR-1", Kind: sla.KindResolve, State: sla.StateDueSoon, Due: now.Add(time.Hour)},
		{RequestID: "r3", Number: "XR-3", Kind: sla.KindStart, State: sla.StateBreached, Due: now.Add(-time.Hour)},
		{RequestID: "r9", Number: "XR-9", Kind: sla.KindStart, State: sla.StateBreached, Due: now.Add(-time.Hour)}, // someone else's
	}
	items := notify.Mine(mentions, work, alerts)
	t.Run("OK", func(t *testing.T) {
		l := notify.Select("李娜", items, nil, now)
		got := keys(l)
		want := []string{"clock/r3/start/breached", "mention/n2", "mention/n1", "review/r4/技术支持部", "assigned/r3", "clock/r1/resolve/due_soon"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("order %q\nwant %q", got, want)
		}
		if got, want := l.Unread, 6; got != want {
			t.Errorf("unread %d, want %d", got, want)
		}
	})
	t.Run("ReadAndSnoozed", func(t *testing.T) {
		marks := map[string]notify.Mark{
			"mention/n2":              {ReadAt: now.Add(-time.Minute)},
			"clock/r3/start/breached": {SnoozedUntil: now.Add(time.Hour)},
			"review/r4/技术支持部":         {SnoozedUntil: now.Add(-time.Minute)}, // the snooze has ended
		}
		l := notify.Select("李娜", items, marks, now)
		got := keys(l)
		want := []string{"mention/n1", "review/r4/技术支持部", "assigned/r3", "clock/r1/resolve/due_soon", "mention/n2"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("order %q\nwant %q", got, want)
		}
		if l.Unread != 4 || l.Snoozed != 1 || !l.Items[4].Read {
			t.Errorf("unread %d snoozed %d, want 4 and 1 with the read mention last", l.Unread, l.Snoozed)
		}
	})
}

func TestApply(t *testing.T) {
	m, err := notify.Apply(notify.Mark{}, notify.ActionSnooze, now.Add(2*time.Hour), now)
	if err != nil || !m.SnoozedUntil.Equal(now.Add(2*time.Hour)) {
		t.Fatalf("snooze: %+v %v", m, err)
	}
	if m, _ = notify.Apply(m, notify.ActionRead, time.Time{}, now); m.ReadAt != now || !m.SnoozedUntil.IsZero() {
		t.Errorf("read: %+v", m)
	}
	if m, _ = notify.Apply(m, notify.ActionUnread, time.Time{}, now); m != (notify.Mark{}) {
		t.Errorf("unread: %+v", m)
	}
	for _, tt := range []struct {
		name, action, field string
		until               time.Time
	}{
		{"ErrSnoozePast", notify.ActionSnooze, "until", now.Add(-time.Minute)},
		{"ErrSnoozeTooLong", notify.ActionSnooze, "until", now.Add(31 * 24 * time.Hour)},
		{"ErrAction", "delete", "action", time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := notify.Apply(notify.Mark{}, tt.action, tt.until, now)
			if e, ok := apperr.As(err); !ok || e.Fields[0].Field != tt.field {
				t.Errorf("got %v, want a refusal on %s", err, tt.field)
			}
		})
	}
	if err := notify.CheckKeys(nil); err == nil {
		t.Error("no keys accepted")
	}
	if err := notify.CheckKeys([]string{"mention/x\n"}); err == nil {
		t.Error("a key with a line break accepted")
	}
}

func TestNotice(t *testing.T) {
	seen := map[string]bool{}
	l := notify.List{Items: []notify.Item{
		{Key: "mention/n1", Kind: notify.KindMention, Number: "XR-1", Title: "对接", From: "王芳", Detail: "@李娜 请看"},
		{Key: "assigned/r2", Kind: notify.KindAssigned, Number: "XR-2", Title: "培训", Read: true},
	}}
	title, body, ok := notify.Notice(seen, l)
	if !ok || title != "需求管家 · 我的提醒" || body != "王芳 在 XR-1 对接 的内部备注中提到了您：@李娜 请看" {
		t.Fatalf("notice %q %q %v", title, body, ok)
	}
	if _, _, ok := notify.Notice(seen, l); ok {
		t.Error("the same notification was shown twice")
	}
	l.Items = append(l.Items,
		notify.Item{Key: "clock/r3/resolve/breached", Kind: notify.KindBreached, Number: "XR-3", Title: "报表", Detail: string(sla.KindResolve)},
		notify.Item{Key: "approve/r4", Kind: notify.KindApprove, Number: "XR-4", Title: "方案"})
	_, body, ok = notify.Notice(seen, l)
	if want := "2 条新提醒，例如 XR-3 报表：" + sla.KindResolve.Name() + "已超时"; !ok || body != want {
		t.Errorf("summary %q, want %q", body, want)
	}
}

func TestPayload(t *testing.T) {
	t.Run("DingTalk", func(t *testing.T) {
		b, err := notify.Payload(notify.Robot{Kind: notify.RobotDingTalk, Keyword: "需求"}, "XR-1 已超时", []string{"13800138000"})
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			MsgType string `json:"msgtype"`
			Text    struct {
				Content string `json:"content"`
			} `json:"text"`
			At struct {
				AtMobiles []string `json:"atMobiles"`
			} `json:"at"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if got.MsgType != "text" || got.Text.Content != "【需求管家】XR-1 已超时" || got.At.AtMobiles[0] != "13800138000" {
			t.Errorf("payload %s", b)
		}
	})
	t.Run("DingTalkKeywordAdded", func(t *testing.T) {
		b, _ := notify.Payload(notify.Robot{Kind: notify.RobotDingTalk, Keyword: "告警"}, "XR-1 已超时", nil)
		if !strings.Contains(string(b), `"content":"告警 【需求管家】XR-1 已超时"`) || strings.Contains(string(b), `"at"`) {
			t.Errorf("payload %s", b)
		}
	})
	t.Run("WeCom", func(t *testing.T) {
		b, _ := notify.Payload(notify.Robot{Kind: notify.RobotWeCom}, "提到了 @李娜", []string{"13800138000"})
		if got, want := string(b), `{"msgtype":"text","text":{"content":"【需求管家】提到了 @李娜","mentioned_mobile_list":["13800138000"]}}`; got != want {
			t.Errorf("payload\n%s\nwant\n%s", got, want)
		}
	})
}

func TestSign(t *testing.T) {
	// Computed independently (Python hmac) from DingTalk's description.
	if got, want := notify.Sign("SEC000test", 1710468600000), "d1zgyDCv8mldbRS5eciO4PGBCVC1vXH9LTiRbCXP2/M="; got != want {
		t.Errorf("sign %s, want %s", got, want)
	}
	r := notify.Robot{Kind: notify.RobotDingTalk, URL: "https://oapi.dingtalk.com/robot/send?access_token=abc", Secret: "SEC000test"}
	if got, want := notify.PostURL(r, time.UnixMilli(1710468600000)),
		"https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1710468600000&sign=d1zgyDCv8mldbRS5eciO4PGBCVC1vXH9LTiRbCXP2%2FM%3D"; got != want {
		t.Errorf("url %s\nwant %s", got, want)
	}
}

func TestRobotValidate(t *testing.T) {
	for _, tt := range []struct {
		name  string
		r     notify.Robot
		field string
	}{
		{"OK", notify.Robot{Kind: notify.RobotWeCom, URL: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"}, ""},
		{"ErrKind", notify.Robot{Kind: "feishu", URL: "https://x"}, "kind"},
		{"ErrURL", notify.Robot{Kind: notify.RobotDingTalk, URL: "oapi.dingtalk.com"}, "url"},
		{"ErrWeComSecret", notify.Robot{Kind: notify.RobotWeCom, URL: "https://x", Secret: "s"}, "secret"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if e, ok := apperr.As(err); !ok || e.Fields[0].Field != tt.field {
				t.Errorf("got %v, want a refusal on %s", err, tt.field)
			}
		})
	}
}

func TestEvents(t *testing.T) {
	since := now.Add(-3 * time.Hour)
	mentions := []notes.Mention{ // newest first, as the store gives them
		{NoteID: "n2", Number: "XR-1", Title: "对接", Person: "陈静", Author: "王芳", Body: "@李娜 @陈静 看", At: now},
		{NoteID: "n2", Number: "XR-1", Title: "对接", Person: "李娜", Author: "王芳", Body: "@李娜 @陈静 看", At: now},
		{NoteID: "n0", Number: "XR-0", Person: "李娜", Author: "王芳", Body: "旧", At: since.Add(-time.Hour)},
	}
	alerts := []request.Alert{
		{RequestID: "r1", Number: "XR-1", Title: "对接", Customer: "华信", Owner: "李娜", Kind: sla.KindResolve, State: sla.StateBreached, Due: now.Add(-time.Hour), Escalated: true},
		{RequestID: "r2", Number: "XR-2", Kind: sla.KindResolve, State: sla.StateDueSoon, Due: now},
	}
	reviews := []request.WorkItem{{RequestID: "r5", Number: "XR-5", Title: "方案", Detail: "财务部", UpdatedAt: now}}
	got := notify.Events(mentions, alerts, reviews, map[string]string{"李娜": "13800138000", "陈静": "13900139000"}, since)
	if len(got) != 3 {
		t.Fatalf("%d events: %+v", len(got), got)
	}
	if got[0].Key != "mention/n2" || got[0].Text != "王芳 在 XR-1 对接 的内部备注中提到了 @李娜 @陈静 ：@李娜 @陈静 看" ||
		!reflect.DeepEqual(got[0].Mobiles, []string{"13800138000", "13900139000"}) {
		t.Errorf("mention %+v", got[0])
	}
	if got[1].Key != "clock/r1/resolve" || !strings.HasSuffix(got[1].Text, "负责人 李娜，已升级") {
		t.Errorf("clock %+v", got[1])
	}
	if got[2].Key != "review/r5/财务部" || got[2].Text != "XR-5 方案：方案等待财务部评审" {
		t.Errorf("review %+v", got[2])
	}
	if got, want := notify.Backoff(1), 30*time.Second; got != want {
		t.Errorf("backoff 1: %v", got)
	}
	if got, want := notify.Backoff(3), 2*time.Minute; got != want {
		t.Errorf("backoff 3: %v", got)
	}
	if got, want := notify.Backoff(50), time.Hour; got != want {
		t.Errorf("backoff 50: %v", got)
	}
}
