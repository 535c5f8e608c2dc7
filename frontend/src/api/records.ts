// Stage records (internal/request/records.go): one typed body per kind, a
// decoder that turns what the backend sends into a complete body of that kind
// (missing or mistyped fields take their defaults, null lists become empty),
// and save/delete over RequestsApp.
import * as Binding from '../wailsjs/go/app/RequestsApp'
import { request } from '../wailsjs/go/models'
import { invoke } from './transport'
import type { RawRecord, RecordInput } from './types'

export type RecordKind =
  | 'communication'
  | 'research'
  | 'sub_requirement'
  | 'analysis'
  | 'plan'
  | 'review'
  | 'team_member'
  | 'task'
  | 'progress'
  | 'exception'
  | 'delivery'
  | 'feedback'
  | 'result_note'
  | 'retrospective'
  | 'emergency'
  | 'handover'
  | 'complaint'

export const recordKinds: readonly RecordKind[] = [
  'communication',
  'research',
  'sub_requirement',
  'analysis',
  'plan',
  'review',
  'team_member',
  'task',
  'progress',
  'exception',
  'delivery',
  'feedback',
  'result_note',
  'retrospective',
  'emergency',
  'handover',
  'complaint',
]

/** singletonKinds exist at most once per request. */
export const singletonKinds: readonly RecordKind[] = ['analysis', 'result_note', 'retrospective']

// Dates are local calendar days, YYYY-MM-DD ("" when not set); Communication.at
// is a moment, the ISO time Go sends.

/** Communication is one contact with the customer (沟通记录). */
export interface Communication extends ScriptUse {
  at: string
  channel: string
  with: string
  summary: string
  nextStep: string
  /** waitSeconds is how long a call waited before it was picked up (null: not recorded). */
  waitSeconds: number | null
}

/** ScriptUse names the reply script (话术) and revision a customer-facing record was written from (话术适配率). */
export interface ScriptUse {
  scriptId?: string
  scriptRevision?: number
}

export type ResearchMethod = 'interview' | 'site_visit' | 'document' | 'other'
export const researchMethods: readonly ResearchMethod[] = ['interview', 'site_visit', 'document', 'other']

/** Research is a note from interviews, site visits or documents. */
export interface Research {
  method: ResearchMethod | ''
  on: string
  participants: string
  summary: string
}

export type SubStatus = 'open' | 'done'
export const subStatuses: readonly SubStatus[] = ['open', 'done']

/** SubRequirement is one part of the breakdown; the record's parentId makes the tree. */
export interface SubRequirement {
  title: string
  owner: string
  milestone: string
  status: SubStatus
  dependsOn: string[]
  notes: string
}

export type Difficulty = 'low' | 'medium' | 'high'
export const difficulties: readonly Difficulty[] = ['low', 'medium', 'high']
export type Horizon = 'immediate' | 'short' | 'long'
export const horizons: readonly Horizon[] = ['immediate', 'short', 'long']
export type Generality = 'general' | 'particular'
export const generalities: readonly Generality[] = ['general', 'particular']

/** Analysis holds the scores and the analysis confirmation letter (需求分析确认函). Scores are 1-5, 0 when not given. */
export interface Analysis {
  customerValue: number
  businessValue: number
  costDays: number
  costMoney: number
  difficulty: Difficulty | ''
  horizon: Horizon | ''
  generality: Generality | ''
  noBreakdown: boolean
  coreNeeds: string
  keyPoints: string
  expectedDelivery: string
  signedBy: string
  signedOn: string
}

/** Plan is one version of the service plan (服务方案书); version, supersession and approval are set by moves. */
export interface Plan {
  versionNo: number
  goals: string
  content: string
  periodStart: string
  periodEnd: string
  people: string
  technology: string
  cost: number
  deliverables: string
  acceptanceCriteria: string
  risks: string
  executionPlan: string
  requiredReviews: string[]
  superseded: boolean
  approvedBy: string
  approvedAt: string
  signedBy: string
  signedOn: string
}

export type ReviewResult = 'pass' | 'revise' | 'reject'
export const reviewResults: readonly ReviewResult[] = ['pass', 'revise', 'reject']

/** Review is one department's opinion on a plan version (parent: the plan). */
export interface Review {
  department: string
  reviewer: string
  opinion: string
  result: ReviewResult | ''
  on: string
  /** onBehalf: typed in by someone other than the reviewer (the record's createdBy). */
  onBehalf: boolean
}

export type TeamRole = 'lead' | 'member'
export const teamRoles: readonly TeamRole[] = ['lead', 'member']

/** TeamMember is a member of the service team. */
export interface TeamMember {
  name: string
  role: TeamRole | ''
  duties: string
}

export type TaskStatus = 'todo' | 'doing' | 'done' | 'cancelled'
export const taskStatuses: readonly TaskStatus[] = ['todo', 'doing', 'done', 'cancelled']

/** Task is an implementation task. */
export interface Task {
  title: string
  owner: string
  start: string
  due: string
  standard: string
  status: TaskStatus
  percent: number
  dependsOn: string[]
}

export type ProgressType = 'update' | 'meeting'
export const progressTypes: readonly ProgressType[] = ['update', 'meeting']

/** Progress is a progress update or weekly meeting minutes. */
export interface Progress extends ScriptUse {
  type: ProgressType | ''
  on: string
  attendees: string
  summary: string
}

export type ExceptionType = 'delay' | 'change_request' | 'resource_shortage' | 'other'
export const exceptionTypes: readonly ExceptionType[] = ['delay', 'change_request', 'resource_shortage', 'other']

/** Exception is a delay, change request, resource shortage or other exception, recorded in writing. */
export interface Exception {
  type: ExceptionType | ''
  on: string
  cause: string
  handling: string
  result: string
  impact: string
  approvedBy: string
}

/** Delivery is what was delivered and the customer's acceptance (交付验收单); accepted is null until the customer decides. */
export interface Delivery {
  items: string
  deliveredOn: string
  acceptedOn: string
  representative: string
  accepted: boolean | null
  remarks: string
}

export type FeedbackMethod = 'phone' | 'questionnaire' | 'paper' | 'onsite' | 'other'
export const feedbackMethods: readonly FeedbackMethod[] = ['phone', 'questionnaire', 'paper', 'onsite', 'other']

/** Feedback is the satisfaction survey, or why none could be obtained. Scores are 1-5, 0 when not given. */
export interface Feedback extends ScriptUse {
  obtained: boolean
  reason: string
  timeliness: number
  effectiveness: number
  attitude: number
  overall: number
  solved: boolean
  newNeeds: string
  comments: string
  method: FeedbackMethod | ''
  on: string
  /** The customer who signed the filled survey on screen, and when (YYYY-MM-DD). */
  signedBy: string
  signedOn: string
}

/** ResultNote is the short path's result note (处理结果说明). */
export interface ResultNote extends ScriptUse {
  process: string
  result: string
  advice: string
  handler: string
  resultOn: string
}

/** Retrospective records what went well and the lessons (复盘). */
export interface Retrospective {
  wentWell: string
  lessons: string
}

/**
 * Emergency records how an emergency was handled (办法 003): the meeting the
 * response-group leader called, the plan, the resources used and the
 * progress reported to the customer until it was solved. Times are ISO moments.
 */
export interface Emergency {
  meetingAt: string
  leader: string
  participants: string
  plan: string
  resources: string
  progress: string
  solvedAt: string
}

/** Handover records that a problem outside customer service was handed to its department (plan 004). */
export interface Handover {
  at: string
  department: string
  receiver: string
  note: string
}

export type ComplaintStatus = 'registered' | 'investigating' | 'answered' | 'closed'
export const complaintStatuses: readonly ComplaintStatus[] = ['registered', 'investigating', 'answered', 'closed']
export type ComplaintCause = 'attitude' | 'timeliness' | 'quality' | 'communication' | 'other'
export const complaintCauses: readonly ComplaintCause[] = ['attitude', 'timeliness', 'quality', 'communication', 'other']

/**
 * Complaint is a customer's complaint about how a request was handled (办法
 * 003); it changes only through its steps (api/complaints.ts). Times are ISO moments.
 */
export interface Complaint {
  receivedAt: string
  channel: string
  complainant: string
  cause: ComplaintCause | ''
  content: string
  status: ComplaintStatus
  investigator: string
  acceptedAt: string
  findings: string
  responsible: string
  measures: string
  answer: string
  answeredAt: string
  answeredBy: string
  accepted: boolean | null
  closedAt: string
  closingNote: string
}

/** BodyOf maps each kind to its body. */
export interface BodyOf {
  communication: Communication
  research: Research
  sub_requirement: SubRequirement
  analysis: Analysis
  plan: Plan
  review: Review
  team_member: TeamMember
  task: Task
  progress: Progress
  exception: Exception
  delivery: Delivery
  feedback: Feedback
  result_note: ResultNote
  retrospective: Retrospective
  emergency: Emergency
  handover: Handover
  complaint: Complaint
}

/** StageRecord is a record with its body decoded. */
export interface StageRecord<K extends RecordKind = RecordKind> {
  id: string
  requestId: string
  kind: K
  parentId: string
  body: BodyOf[K]
  createdBy: string
  createdAt: string
  updatedAt: string
  version: number
}

const blanks: { [K in RecordKind]: () => BodyOf[K] } = {
  communication: () => ({ at: '', channel: '', with: '', summary: '', nextStep: '', waitSeconds: null }),
  research: () => ({ method: '', on: '', participants: '', summary: '' }),
  sub_requirement: () => ({ title: '', owner: '', milestone: '', status: 'open', dependsOn: [], notes: '' }),
  analysis: () => ({
    customerValue: 0,
    businessValue: 0,
    costDays: 0,
    costMoney: 0,
    difficulty: '',
    horizon: '',
    generality: '',
    noBreakdown: false,
    coreNeeds: '',
    keyPoints: '',
    expectedDelivery: '',
    signedBy: '',
    signedOn: '',
  }),
  plan: () => ({
    versionNo: 0,
    goals: '',
    content: '',
    periodStart: '',
    periodEnd: '',
    people: '',
    technology: '',
    cost: 0,
    deliverables: '',
    acceptanceCriteria: '',
    risks: '',
    executionPlan: '',
    requiredReviews: [],
    superseded: false,
    approvedBy: '',
    approvedAt: '',
    signedBy: '',
    signedOn: '',
  }),
  review: () => ({ department: '', reviewer: '', opinion: '', result: '', on: '', onBehalf: false }),
  team_member: () => ({ name: '', role: '', duties: '' }),
  task: () => ({ title: '', owner: '', start: '', due: '', standard: '', status: 'todo', percent: 0, dependsOn: [] }),
  progress: () => ({ type: '', on: '', attendees: '', summary: '' }),
  exception: () => ({ type: '', on: '', cause: '', handling: '', result: '', impact: '', approvedBy: '' }),
  delivery: () => ({ items: '', deliveredOn: '', acceptedOn: '', representative: '', accepted: null, remarks: '' }),
  feedback: () => ({
    obtained: true,
    reason: '',
    timeliness: 0,
    effectiveness: 0,
    attitude: 0,
    overall: 0,
    solved: false,
    newNeeds: '',
    comments: '',
    method: '',
    on: '',
    signedBy: '',
    signedOn: '',
  }),
  result_note: () => ({ process: '', result: '', advice: '', handler: '', resultOn: '' }),
  retrospective: () => ({ wentWell: '', lessons: '' }),
  emergency: () => ({ meetingAt: '', leader: '', participants: '', plan: '', resources: '', progress: '', solvedAt: '' }),
  handover: () => ({ at: '', department: '', receiver: '', note: '' }),
  complaint: () => ({
    receivedAt: '',
    channel: '',
    complainant: '',
    cause: '',
    content: '',
    status: 'registered',
    investigator: '',
    acceptedAt: '',
    findings: '',
    responsible: '',
    measures: '',
    answer: '',
    answeredAt: '',
    answeredBy: '',
    accepted: null,
    closedAt: '',
    closingNote: '',
  }),
}

// Fields whose allowed values are fixed; anything else decodes to the default.
const choices: Partial<Record<RecordKind, Record<string, readonly string[]>>> = {
  research: { method: researchMethods },
  sub_requirement: { status: subStatuses },
  analysis: { difficulty: difficulties, horizon: horizons, generality: generalities },
  review: { result: reviewResults },
  team_member: { role: teamRoles },
  task: { status: taskStatuses },
  progress: { type: progressTypes },
  exception: { type: exceptionTypes },
  feedback: { method: feedbackMethods },
  complaint: { status: complaintStatuses, cause: complaintCauses },
}

/** blankBody returns a new, empty body of kind, as a form starts from. */
export function blankBody<K extends RecordKind>(kind: K): BodyOf[K] {
  return blanks[kind]()
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** decodeValue takes v when it has the default's type; def null accepts a boolean (the delivery's decision). */
function decodeValue(def: unknown, v: unknown, allowed?: readonly string[]): unknown {
  if (Array.isArray(def)) return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  // null defaults: the delivery's and the complaint's decision (a boolean), a call's wait (a number).
  if (def === null) return typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) ? v : null
  if (typeof def === 'number') return typeof v === 'number' && Number.isFinite(v) ? v : def
  if (typeof v !== typeof def) return def
  if (allowed && typeof v === 'string' && v !== '' && !allowed.includes(v)) return def
  return v
}

/** decodeBody turns a body as sent (JSON object or its text) into a complete body of kind. */
export function decodeBody<K extends RecordKind>(kind: K, raw: unknown): BodyOf[K] {
  const body = blankBody(kind) as unknown as Record<string, unknown>
  let src: unknown = raw
  if (typeof raw === 'string') {
    try {
      src = JSON.parse(raw) as unknown
    } catch {
      src = {}
    }
  }
  if (!isObject(src)) return body as unknown as BodyOf[K]
  const allowed: Record<string, readonly string[]> = choices[kind] ?? {}
  for (const key of Object.keys(body)) {
    body[key] = decodeValue(body[key], src[key], allowed[key])
  }
  return body as unknown as BodyOf[K]
}

/** isRecordKind reports whether s names a kind this client knows. */
export function isRecordKind(s: string): s is RecordKind {
  return (recordKinds as readonly string[]).includes(s)
}

/** decodeRecord decodes one record as sent; null for a kind this client does not know. */
export function decodeRecord(raw: RawRecord): StageRecord | null {
  if (!isRecordKind(raw.kind)) return null
  return {
    id: raw.id,
    requestId: raw.requestId,
    kind: raw.kind,
    parentId: raw.parentId ?? '',
    body: decodeBody(raw.kind, raw.body),
    createdBy: raw.createdBy,
    createdAt: raw.createdAt,
    updatedAt: raw.updatedAt,
    version: raw.version,
  }
}

/** recordsOf returns the decoded records of kind, in the order given (the backend sends oldest first). */
export function recordsOf<K extends RecordKind>(records: readonly StageRecord[], kind: K): StageRecord<K>[] {
  return records.filter((r): r is StageRecord<K> => r.kind === kind)
}

/**
 * encodeBody prepares a body for the backend: empty moments are left out (Go
 * cannot read "" as a time, and a missing one is reported as required), and
 * numbers a cleared number input left as null become 0.
 */
export function encodeBody<K extends RecordKind>(kind: K, body: BodyOf[K]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(body as unknown as Record<string, unknown>) }
  const blank = blankBody(kind) as unknown as Record<string, unknown>
  for (const [k, def] of Object.entries(blank)) {
    if (typeof def === 'number' && (typeof out[k] !== 'number' || !Number.isFinite(out[k]))) out[k] = 0
    if (Array.isArray(def) && !Array.isArray(out[k])) out[k] = []
  }
  if (kind === 'communication' && out.at === '') delete out.at
  if (kind === 'handover' && out.at === '') delete out.at
  if (kind === 'communication' && (typeof out.waitSeconds !== 'number' || !Number.isFinite(out.waitSeconds))) delete out.waitSeconds
  return out
}

/** RecordSave is a record to add (no id) or to change (id and the version read). */
export interface RecordSave<K extends RecordKind> {
  requestId: string
  kind: K
  id?: string
  version?: number
  parentId?: string
  body: BodyOf[K]
}

/** saveRecord adds or changes a stage record and returns it as stored. */
export async function saveRecord<K extends RecordKind>(s: RecordSave<K>): Promise<StageRecord<K>> {
  const input: RecordInput = {
    requestId: s.requestId,
    kind: s.kind,
    id: s.id ?? '',
    version: s.version ?? 0,
    parentId: s.parentId ?? '',
    body: encodeBody(s.kind, s.body),
  }
  const raw = await invoke<RawRecord>('RequestsApp', 'SaveRecord', [input], () =>
    Binding.SaveRecord(request.RecordInput.createFrom(input)),
  )
  return decodeRecord(raw) as StageRecord<K>
}

/** deleteRecord removes a stage record nothing depends on; version is the one read. */
export function deleteRecord(id: string, version: number): Promise<void> {
  return invoke('RequestsApp', 'DeleteRecord', [id, version], () => Binding.DeleteRecord(id, version))
}
