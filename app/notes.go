package app

import (
	"github.com/reqdesk/reqdesk/internal/command"
	"github.com/reqdesk/reqdesk/internal/notes"
	"github.com/reqdesk/reqdesk/internal/notify"
)

// AddNote writes an internal note on a request; the colleagues it names
// with @name are notified.
func (a *RequestsApp) AddNote(requestID, body string) (_ notes.Note, err error) {
	defer a.d.guard("notes.add", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.AddNote{RequestID: requestID, Body: body})
}

// Notes lists a request's internal notes, the newest first.
func (a *RequestsApp) Notes(requestID string) (_ []notes.Note, err error) {
	defer a.d.guard("notes.list", &err)
	return a.d.Store.Notes(a.d.ctx(), requestID)
}

// MyNotifications returns the notifications of the person using the app,
// as the bell shows them.
func (a *TimeLimitsApp) MyNotifications() (_ notify.List, err error) {
	defer a.d.guard("notify.mine", &err)
	return a.d.Store.MyNotifications(a.d.ctx())
}

// MarkNotifications marks the person's notifications named by keys read,
// unread, or snoozed until a time, and returns the bell's list after it.
func (a *TimeLimitsApp) MarkNotifications(in notify.MarkInput) (_ notify.List, err error) {
	defer a.d.guard("notify.mark", &err)
	if _, err := command.Run(a.d.ctx(), a.d.Commands, command.MarkNotifications{MarkInput: in}); err != nil {
		return notify.List{}, err
	}
	return a.d.Store.MyNotifications(a.d.ctx())
}

// Robot returns the team server's group robot (钉钉 / 企业微信).
func (a *TimeLimitsApp) Robot() (_ notify.Robot, err error) {
	defer a.d.guard("notify.robot", &err)
	return a.d.Store.Robot(a.d.ctx())
}

// SaveRobot sets the team server's group robot.
func (a *TimeLimitsApp) SaveRobot(r notify.Robot) (_ notify.Robot, err error) {
	defer a.d.guard("notify.saveRobot", &err)
	return command.Run(a.d.ctx(), a.d.Commands, command.SaveRobot{Robot: r})
}
