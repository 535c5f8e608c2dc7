package command

import (
	"context"
	"net/url"

	"github.com/reqdesk/reqdesk/internal/audit"
	"github.com/reqdesk/reqdesk/internal/notes"
	"github.com/reqdesk/reqdesk/internal/notify"
	"github.com/reqdesk/reqdesk/internal/store"
)

func init() {
	registry[AddNote{}.Name()] = kindOf[notes.Note, AddNote](true, "RequestsApp.AddNote")
	registry[MarkNotifications{}.Name()] = kindOf[notify.List, MarkNotifications](true, "TimeLimitsApp.MarkNotifications")
	registry[SaveRobot{}.Name()] = kindOf[notify.Robot, SaveRobot](false, "TimeLimitsApp.SaveRobot")
}

// Audit entities of notes and notifications.
const (
	entityNote  = "note"
	entityRobot = "robot"
)

// AddNote writes an internal note on a request, for colleagues only; each
// active person it names with @name is notified (notes.Check refuses a
// name nobody has). Notes may be written on a closed request too.
type AddNote struct {
	RequestID string `json:"requestId"`
	Body      string `json:"body"`
}

// Name names the command.
func (AddNote) Name() string { return "note.add" }

func (c AddNote) requestID() string { return c.RequestID }

func (c AddNote) run(ctx context.Context, tx *store.Tx) (notes.Note, error) {
	if _, err := tx.Request(ctx, c.RequestID); err != nil {
		return notes.Note{}, err
	}
	names, err := tx.ActiveNames(ctx)
	if err != nil {
		return notes.Note{}, err
	}
	body, mentions, err := notes.Check(c.Body, names)
	if err != nil {
		return notes.Note{}, err
	}
	actor, err := tx.Actor(ctx)
	if err != nil {
		return notes.Note{}, err
	}
	n, err := tx.InsertNote(ctx, c.RequestID, actor, body, mentions)
	if err != nil {
		return n, err
	}
	// The request's history shows the note (entity note, about the request).
	return n, tx.Audit(ctx, entityNote, c.RequestID, audit.ActionCreate, nil, map[string]any{"body": n.Body, "mentions": n.Mentions})
}

// MarkNotifications marks notifications of the person acting, by key: read,
// unread again, or snoozed until Until. The marks are the person's own and
// travel with the team, so their other laptop and the browser agree.
type MarkNotifications struct {
	notify.MarkInput
}

// Name names the command.
func (MarkNotifications) Name() string { return "notify.mark" }

func (c MarkNotifications) run(ctx context.Context, tx *store.Tx) (notify.List, error) {
	if err := notify.CheckKeys(c.Keys); err != nil {
		return notify.List{}, err
	}
	me, err := tx.Actor(ctx)
	if err != nil {
		return notify.List{}, err
	}
	marks, err := tx.Marks(ctx, me)
	if err != nil {
		return notify.List{}, err
	}
	for _, k := range c.Keys {
		m, err := notify.Apply(marks[k], c.Action, c.Until, tx.Now())
		if err != nil {
			return notify.List{}, err
		}
		if err := tx.SaveMark(ctx, me, k, m); err != nil {
			return notify.List{}, err
		}
	}
	return notify.List{Person: me}, nil
}

// SaveRobot sets the team server's group robot (钉钉 / 企业微信): kept on the
// server, not shared with laptops (its address and secret are the
// server's).
type SaveRobot struct {
	Robot notify.Robot `json:"robot"`
}

// Name names the command.
func (SaveRobot) Name() string { return "notify.saveRobot" }

func (c SaveRobot) run(ctx context.Context, tx *store.Tx) (notify.Robot, error) {
	r := c.Robot.Normalize()
	if err := r.Validate(); err != nil {
		return r, err
	}
	before, err := tx.Robot(ctx)
	if err != nil {
		return r, err
	}
	out, err := tx.SaveRobot(ctx, r)
	if err != nil {
		return out, err
	}
	// The audit log travels to every laptop: the robot's address carries
	// its token (access_token=, key=), so only its host is written, and
	// whether the address or the secret changed.
	hide := func(r notify.Robot) map[string]any {
		host := ""
		if u, err := url.Parse(r.URL); err == nil {
			host = u.Host
		}
		return map[string]any{"kind": r.Kind, "host": host, "keyword": r.Keyword, "enabled": r.Enabled, "signed": r.Secret != ""}
	}
	entry := hide(out)
	entry["addressChanged"] = before.URL != out.URL
	entry["secretChanged"] = before.Secret != out.Secret
	return out, tx.Audit(ctx, entityRobot, "robot", audit.ActionUpdate, hide(before), entry)
}
