// Plain data types of the backend's models. The generated classes in
// wailsjs/go/models carry a helper method and type Go times as `any`; calls
// return plain JSON, so the UI works with these method-free shapes, in which
// every time is the ISO string Go sends (UTC, "Z").
import type { app, audit, customer, people, request, settings, vocab } from '../wailsjs/go/models'

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
