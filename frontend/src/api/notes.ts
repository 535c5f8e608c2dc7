// Internal notes with @mentions on a request (RequestsApp.AddNote, Notes),
// the notifications of the person using the app with their read and snooze
// marks (TimeLimitsApp.MyNotifications, MarkNotifications), and the team
// server's group robot (TimeLimitsApp.Robot, SaveRobot).
import * as Requests from '../wailsjs/go/app/RequestsApp'
import * as TimeLimits from '../wailsjs/go/app/TimeLimitsApp'
import { notify } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { Plain } from './types'
import type { notes } from '../wailsjs/go/models'

/** Note is one internal note: for colleagues only, never on a customer's document. */
export type Note = Plain<notes.Note>

/** NotificationKind names what a notification is about (internal/notify). */
export type NotificationKind =
  | 'breached'
  | 'mention'
  | 'approve'
  | 'review'
  | 'assigned'
  | 'assign'
  | 'task'
  | 'due_soon'

/** Notification is one of mine. */
export type Notification = Omit<Plain<notify.Item>, 'kind'> & { kind: NotificationKind }

/** NotificationList is what the bell shows of mine: unread first, snoozed ones counted, not listed. */
export interface NotificationList {
  person: string
  items: Notification[]
  unread: number
  snoozed: number
}

/** MarkAction is what a mark does. */
export type MarkAction = 'read' | 'unread' | 'snooze'

/** Robot is the team server's group robot (钉钉 / 企业微信). */
export type Robot = Plain<notify.Robot>

/** zeroTime is Go's zero time, for a time not given. */
const zeroTime = '0001-01-01T00:00:00Z'

/** addNote writes an internal note; the colleagues it names with @name are notified. */
export function addNote(requestId: string, body: string): Promise<Note> {
  return invoke<Note>('RequestsApp', 'AddNote', [requestId, body], () => Requests.AddNote(requestId, body))
}

/** listNotes lists a request's internal notes, the newest first. */
export async function listNotes(requestId: string): Promise<Note[]> {
  return (await invoke<Note[] | null>('RequestsApp', 'Notes', [requestId], () => Requests.Notes(requestId))) ?? []
}

function plainList(l: NotificationList): NotificationList {
  return { person: l.person, items: l.items ?? [], unread: l.unread, snoozed: l.snoozed }
}

/** myNotifications returns the notifications of the person using the app. */
export async function myNotifications(): Promise<NotificationList> {
  return plainList(await invoke<NotificationList>('TimeLimitsApp', 'MyNotifications', [], () => TimeLimits.MyNotifications()))
}

/** markNotifications marks notifications read, unread, or snoozed until an ISO moment; returns the list after it. */
export async function markNotifications(keys: string[], action: MarkAction, until = ''): Promise<NotificationList> {
  const input = { keys, action, until: until || zeroTime }
  return plainList(
    await invoke<NotificationList>('TimeLimitsApp', 'MarkNotifications', [input], () =>
      TimeLimits.MarkNotifications(notify.MarkInput.createFrom(input)),
    ),
  )
}

/** getRobot returns the group robot as set on the team server. */
export function getRobot(): Promise<Robot> {
  return invoke<Robot>('TimeLimitsApp', 'Robot', [], () => TimeLimits.Robot())
}

/** saveRobot sets the group robot. */
export function saveRobot(r: Robot): Promise<Robot> {
  // since is the server's to set; a robot never saved has none yet (Go's zero time).
  const input = { ...r, since: r.since || zeroTime }
  return invoke<Robot>('TimeLimitsApp', 'SaveRobot', [input], () => TimeLimits.SaveRobot(notify.Robot.createFrom(input)))
}
