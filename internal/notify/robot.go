package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/reqdesk/reqdesk/internal/apperr"
	"github.com/reqdesk/reqdesk/internal/notes"
	"github.com/reqdesk/reqdesk/internal/request"
	"github.com/reqdesk/reqdesk/internal/sla"
)

// Robot kinds: the group robots of 钉钉 (DingTalk) and 企业微信 (WeCom).
const (
	RobotDingTalk = "dingtalk"
	RobotWeCom    = "wecom"
)

// Robot is the team server's group robot: a webhook an administrator sets.
type Robot struct {
	Kind string `json:"kind"` // RobotDingTalk, RobotWeCom; "" for none
	URL  string `json:"url"`
	// Secret is DingTalk's 加签 secret: each post is signed with it.
	Secret string `json:"secret"`
	// Keyword is DingTalk's 自定义关键词: each message must contain it.
	Keyword string `json:"keyword"`
	Enabled bool   `json:"enabled"`
	// Since: only what arose from then on is posted (set when the robot is
	// set or turned on again), so the backlog does not flood the group.
	Since time.Time `json:"since"`
}

// Normalize trims the robot's fields.
func (r Robot) Normalize() Robot {
	r.Kind = strings.TrimSpace(r.Kind)
	r.URL = strings.TrimSpace(r.URL)
	r.Secret = strings.TrimSpace(r.Secret)
	r.Keyword = strings.TrimSpace(r.Keyword)
	return r
}

// Validate checks a normalized robot: a known kind and an http(s) address;
// a secret or keyword only for DingTalk.
func (r Robot) Validate() error {
	var fe apperr.Fields
	if r.Kind != RobotDingTalk && r.Kind != RobotWeCom {
		fe.Add("kind", "not_in_list")
	}
	if u, err := url.Parse(r.URL); r.URL == "" {
		fe.Add("url", "required")
	} else if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		fe.Add("url", "url_invalid")
	} else {
		fe.Line("url", r.URL, 1000)
	}
	fe.Line("secret", r.Secret, 200)
	fe.Line("keyword", r.Keyword, 40)
	if r.Kind == RobotWeCom && r.Secret != "" {
		fe.Add("secret", "not_allowed")
	}
	if r.Kind == RobotWeCom && r.Keyword != "" {
		fe.Add("keyword", "not_allowed")
	}
	return fe.Err()
}

// Event is one thing the robot posts, once.
type Event struct {
	Key  string
	Text string
	// Mobiles are the phones of the people it names (@ in the group).
	Mobiles []string
	At      time.Time
}

// Events are what the team server's robot posts: each note that names
// someone (the named people's phones, from phones by name), each clock
// breached (saying when it was escalated), each plan waiting for a
// department's review. Events before since are left out.
func Events(mentions []notes.Mention, alerts []request.Alert, reviews []request.WorkItem, phones map[string]string, since time.Time) []Event {
	var out []Event
	byNote := map[string]int{}
	var named [][]string
	var notesOf []notes.Mention
	for i := len(mentions) - 1; i >= 0; i-- { // oldest first
		m := mentions[i]
		if m.At.Before(since) {
			continue
		}
		j, ok := byNote[m.NoteID]
		if !ok {
			j = len(out)
			byNote[m.NoteID] = j
			out = append(out, Event{Key: "mention/" + m.NoteID, At: m.At})
			named = append(named, nil)
			notesOf = append(notesOf, m)
		}
		named[j] = append(named[j], "@"+m.Person)
		if p := phones[m.Person]; p != "" {
			out[j].Mobiles = append(out[j].Mobiles, p)
		}
	}
	for j, m := range notesOf {
		out[j].Text = fmt.Sprintf("%s 在 %s %s 的内部备注中提到了 %s ：%s", m.Author, m.Number, m.Title,
			strings.Join(named[j], " "), clip(m.Body, 200))
	}
	for _, a := range alerts {
		if a.State != sla.StateBreached || a.Due.Before(since) {
			continue
		}
		text := fmt.Sprintf("%s %s（%s）：%s已超时", a.Number, a.Title, a.Customer, a.Kind.Name())
		if a.Owner != "" {
			text += "，负责人 " + a.Owner
		}
		if a.Escalated {
			text += "，已升级"
		}
		out = append(out, Event{Key: "clock/" + a.RequestID + "/" + string(a.Kind), Text: text, At: a.Due})
	}
	for _, w := range reviews {
		if w.UpdatedAt.Before(since) {
			continue
		}
		out = append(out, Event{Key: "review/" + w.RequestID + "/" + w.Detail, At: w.UpdatedAt,
			Text: fmt.Sprintf("%s %s：方案等待%s评审", w.Number, w.Title, w.Detail)})
	}
	return out
}

// Payload is the JSON body of a post of text to the robot.
func Payload(r Robot, text string, mobiles []string) ([]byte, error) {
	text = "【需求管家】" + text
	if r.Keyword != "" && !strings.Contains(text, r.Keyword) {
		text = r.Keyword + " " + text
	}
	if mobiles == nil {
		mobiles = []string{}
	}
	switch r.Kind {
	case RobotDingTalk:
		type at struct {
			AtMobiles []string `json:"atMobiles"`
		}
		return json.Marshal(struct {
			MsgType string            `json:"msgtype"`
			Text    map[string]string `json:"text"`
			At      *at               `json:"at,omitempty"`
		}{"text", map[string]string{"content": text}, func() *at {
			if len(mobiles) == 0 {
				return nil
			}
			return &at{mobiles}
		}()})
	case RobotWeCom:
		type body struct {
			Content  string   `json:"content"`
			Mentions []string `json:"mentioned_mobile_list,omitempty"`
		}
		return json.Marshal(struct {
			MsgType string `json:"msgtype"`
			Text    body   `json:"text"`
		}{"text", body{text, mobiles}})
	}
	return nil, fmt.Errorf("robot kind %q", r.Kind)
}

// Sign is DingTalk's 加签: the HMAC-SHA256 of timestamp+"\n"+secret under
// secret, in base64; timestamp is in Unix milliseconds.
func Sign(secret string, timestamp int64) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10) + "\n" + secret))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// PostURL is the address a post goes to: a signed DingTalk robot's with
// &timestamp=&sign= added.
func PostURL(r Robot, now time.Time) string {
	if r.Kind != RobotDingTalk || r.Secret == "" {
		return r.URL
	}
	ts := now.UnixMilli()
	sep := "?"
	if strings.Contains(r.URL, "?") {
		sep = "&"
	}
	return r.URL + sep + "timestamp=" + strconv.FormatInt(ts, 10) + "&sign=" + url.QueryEscape(Sign(r.Secret, ts))
}

// Post sends text to the robot; an answer other than HTTP 200 with
// errcode 0 is an error saying what the robot said.
func Post(ctx context.Context, client *http.Client, r Robot, e Event, now time.Time) error {
	body, err := Payload(r, e.Text, e.Mobiles)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, PostURL(r, now), bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %s", resp.StatusCode, strings.TrimSpace(string(raw)))
	}
	var ans struct {
		ErrCode int    `json:"errcode"`
		ErrMsg  string `json:"errmsg"`
	}
	if err := json.Unmarshal(raw, &ans); err != nil {
		return fmt.Errorf("robot answered %q", string(raw))
	}
	if ans.ErrCode != 0 {
		return fmt.Errorf("errcode %d: %s", ans.ErrCode, ans.ErrMsg)
	}
	return nil
}

// Backoff is how long to wait before trying an event again after its
// attempts-th failure: 30 s doubling, at most an hour.
func Backoff(attempts int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
