// Plain data types of the backend's models. The generated classes in
// wailsjs/go/models carry a helper method and type Go times as `any`; calls
// return plain JSON, so the UI works with these method-free shapes, in which
// every time is the ISO string Go sends (UTC, "Z").
import type { app, audit, command, customer, people, request, settings, vocab } from '../wailsjs/go/models'

type IsAny<T> = 0 extends 1 & T ? true : false

/** Plain strips methods from a generated model class and types its times as ISO strings. */
export type Plain<T> =
  IsAny<T> extends true
    ? string
    : T extends (infer U)[]
      ? Plain<U>[]
      : T extends object
        ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: Plain<T[K]> }
        : T

export type Urgency = 'urgent' | 'important' | 'normal' | 'potential'
export type ImpactScope = 'single' | 'multi' | 'business_line'
export type VocabKind = 'type' | 'channel' | 'category' | 'department'

export const urgencies: readonly Urgency[] = ['urgent', 'important', 'normal', 'potential']
export const impactScopes: readonly ImpactScope[] = ['single', 'multi', 'business_line']
export const vocabKinds: readonly VocabKind[] = ['type', 'channel', 'category', 'department']
/** Statuses in process order, side states last (internal/request); the UI shows an unknown one by its code. */
export const statuses: readonly string[] = [
  'registered',
  'triaged',
  'assigned',
  'analysis',
  'analysis_confirm',
  'plan_drafting',
  'plan_review',
  'plan_approval',
  'plan_confirm',
  'implementation',
  'acceptance',
  'handling',
  'result_given',
  'feedback',
  'archived',
  'on_hold',
  'rejected',
  'cancelled',
]

export type RequestFields = Plain<request.Fields>
export type RequestRecord = Plain<request.Request>
/** RawRecord is a stage record as it arrives: its body is the kind's JSON object (decode it with api/records). */
export type RawRecord = Omit<Plain<request.Record>, 'body'> & { body: unknown }
export type RequestDetail = Omit<Plain<request.Detail>, 'contact' | 'records'> & {
  contact: Contact | null
  records: RawRecord[]
}
export type RequestRow = Plain<request.Row>
export type RequestQuery = Plain<request.Query>
/** Bulk is one action on many requests of the list (command.Bulk). */
export type Bulk = Omit<Plain<command.Bulk>, 'move'> & { move: Move }
export type BulkResult = Plain<command.BulkResult>
export type BulkItem = Plain<command.BulkItem>
/** OnCall is the form of 当场解决 (request.OnCall). */
export type OnCall = Plain<request.OnCall>
export type RequestPage = Plain<request.Page>
export type RequestTotal = Plain<request.Total>
/** Drill names the requests behind one number of the dashboard or a report (request.Drill). */
export type Drill = Plain<request.Drill>

export type Customer = Plain<customer.Customer>
export type Contact = Plain<customer.Contact>
export type CustomerFields = Plain<customer.Fields>
export type ContactFields = Plain<customer.ContactFields>
export type CustomerInput = Plain<customer.Input>
export type CustomerDetail = Plain<customer.Detail>
export type CustomerQuery = Plain<customer.Query>
export type CustomerPage = Plain<customer.Page>
/** CustomerDuplicate is another customer flagged as possibly the same one (customer.Duplicate). */
export type CustomerDuplicate = Plain<customer.Duplicate>
/** CustomerMerged is what a merge left: the customer kept and how much moved to it (customer.Merged). */
export type CustomerMerged = Plain<customer.Merged>

export type AuditEntry = Plain<audit.Entry>
export type AuditChange = Plain<audit.Change>

export type Settings = Plain<settings.Settings>
export type VocabItem = Plain<vocab.Item>
export type VocabLists = Plain<vocab.Lists>
export type SystemInfo = Plain<app.Info>

// The lifecycle (internal/request/lifecycle.go, facts.go, work.go).
export type Path = 'full' | 'short'
export const paths: readonly Path[] = ['full', 'short']
export type Role = 'agent' | 'supervisor' | 'owner' | 'plan_lead' | 'reviewer' | 'general_manager' | 'team'
/** Roles in the order DOMAIN.md lists them. */
export const roles: readonly Role[] = ['agent', 'supervisor', 'owner', 'plan_lead', 'reviewer', 'general_manager', 'team']

/** Move is a lifecycle step with what it needs; followUp (hold) is an ISO time, left out when not set. */
export type Move = Omit<Plain<request.Move>, 'followUp'> & { followUp?: string }
export type MoveOption = Plain<request.Option>
export type Transition = Plain<request.Transition>
export type RequestState = Plain<request.State>
export type BoardColumn = Plain<request.Column>
/** Process is the process's rules the screens read (request.Rules): where each status stands, open tasks, the green channel. */
export type Process = Plain<request.Process>
export type StatusInfo = Plain<request.StatusInfo>
export type WorkItem = Plain<request.WorkItem>
export type RecordInput = Omit<Plain<request.RecordInput>, 'body'> & { body: unknown }

export type Person = Omit<Plain<people.Person>, 'roles'> & { roles: Role[] | null }
export type PersonFields = Omit<Plain<people.Fields>, 'roles'> & { roles: Role[] }

// Team sync (app/sync.go, SyncApp). Declared by hand like the shapes above:
// times are ISO strings, errors the JSON of an apperr.Error (api/errors
// fromWire turns one into an AppError).

/** WireError is an apperr.Error as it travels: a code, a Chinese sentence and, when keyed, its message key and params. */
export interface WireError {
  code: string
  message: string
  key?: string
  params?: Record<string, unknown>
  fields?: { field: string; key: string; params?: Record<string, unknown> }[]
}

/** SyncStatus says where this computer stands with its team server. */
export interface SyncStatus {
  joined: boolean
  /** server is the team server's URL. */
  server: string
  /** account is the joined account's name. */
  account: string
  deviceCode: string
  /** online: the last round reached the server. */
  online: boolean
  /** syncing: a round is running now. */
  syncing: boolean
  /** pending counts the commands in the outbox. */
  pending: number
  /** conflicts counts the unresolved conflicts in the inbox. */
  conflicts: number
  /** lastSync is the last successful round (the data is as of then); null before the first. */
  lastSync: string | null
  /** lastError is why the last round failed, null when it did not. */
  lastError: WireError | null
  /** fingerprint is the pinned certificate's, "" for plain http. */
  fingerprint: string
  /** isServer: this process serves a team (the devices list applies). */
  isServer: boolean
}

/** JoinInput is what joining a team takes; fingerprint is the certificate the user compared and pins. */
export interface JoinInput {
  server: string
  user: string
  password: string
  deviceCode: string
  deviceName: string
  fingerprint: string
}

/** ProbeResult is what a server tells before joining: its team and, over https, its certificate. */
export interface ProbeResult {
  fingerprint: string
  teamName: string
  tls: boolean
}

/** SyncConflict is a command the server refused, kept in the inbox with why and the server's current state. */
export interface Conflict {
  id: string
  /** commandName is the recorded command's name (request.move, request.update …). */
  commandName: string
  /** summary says what was tried, in the backend's words. */
  summary: string
  args: unknown
  reason: WireError
  requestId: string
  requestNumber: string
  /** serverState is the row(s) as the server has them. */
  serverState: unknown
  changedBy: string
  changedAt: string
  /** at is when it was done on this computer. */
  at: string
  /** text is what the user typed, for 复制我的文字 ("" when nothing). */
  text: string
}

export type ConflictAction = 'retry' | 'discard'

/** SyncDevice is a laptop registered with this team server. */
export interface Device {
  id: string
  code: string
  name: string
  account: string
  joinedAt: string
  lastSync: string | null
  revoked: boolean
}

/** UpdateRelease is a signed release as the window shows it. */
export interface UpdateRelease {
  version: string
  /** notes are the release's changes (its CHANGELOG.md section, Markdown). */
  notes: string
  /** date is the build time, RFC 3339. */
  date: string
  /** size of this computer's program, in bytes (0 when not known). */
  size: number
}

/** UpdateStatus is where the program stands with its updates (internal/update.Status). */
export interface UpdateStatus {
  current: string
  /** blocked: why this program never looks for updates (a development build); null when it does. */
  blocked: WireError | null
  /** installBlocked: why a newer version cannot be installed from here (a package install). */
  installBlocked: WireError | null
  /** source is the release folder checked last. */
  source: string
  /** fromTeam: that folder is the joined team server's. */
  fromTeam: boolean
  /** address is the configured update address ('' for none). */
  address: string
  checking: boolean
  downloading: boolean
  checkedAt: string | null
  /** available is a newer signed release found; null when none. */
  available: UpdateRelease | null
  /** staged is a release downloaded and checked: the program switches to it at the next start. */
  staged: UpdateRelease | null
  /** error is why the last check or download failed. */
  error: WireError | null
  /** applied: the program switched to this version at this start. */
  applied: { from: string; to: string; at: string } | null
  /** startError: a staged release was refused at this start (the old version kept). */
  startError: WireError | null
  /** canRestart: the desktop window can restart itself to switch now. */
  canRestart: boolean
}
