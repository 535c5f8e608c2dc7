// The audit trail as the user reads it. The backend records, per change, the
// JSON encoding of each top-level field before and after; a request keeps its
// editable fields in one nested object, so nested objects are compared here
// field by field, and every value is shown the way the form shows it.
import type { AuditChange, AuditEntry } from '../api/types'
import { formatDateTime, isISOTime } from './format'
import { enumLabel, type Translator } from './translate'

/** FieldChange is one field's value before and after, decoded; undefined means absent. */
export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

/** ShownChange is a change ready to display. */
export interface ShownChange {
  field: string
  label: string
  before: string
  after: string
}

// Identifiers and bookkeeping mean nothing to a reader; their visible
// counterparts (customerName, contactName, number) carry the change.
const hidden = new Set([
  'id',
  'customerId',
  'contactId',
  'requestId',
  'parentId',
  'duplicateOf',
  'entityId',
  'version',
  'createdAt',
  'updatedAt',
  'sortOrder',
])

// Enumerations shown through their labels: field name → enumeration.
const enums: Record<string, string> = {
  urgency: 'urgency',
  impactScope: 'impactScope',
  status: 'status',
  heldFrom: 'status',
  path: 'path',
}

// Entities of which only some fields mean something to a reader: a
// document's versions, fingerprints and files are its own business, its
// status (generated, signed) is what changed. The value's enumeration may
// differ from the request's.
const shownFields: Record<string, { fields: readonly string[]; enums: Record<string, string> }> = {
  document: { fields: ['status'], enums: { status: 'docStatus' } },
  // A note says itself in the entry's summary.
  note: { fields: [], enums: {} },
}

// A step of the lifecycle is recorded on the request's entry as these two
// fields; the entry's summary names the step instead.
const moveFields = new Set(['moveAction', 'moveComment'])

/** decodeJSON decodes one side of a change: "" (absent) is undefined; text that is not JSON stays as it is. */
export function decodeJSON(raw: string): unknown {
  if (raw === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return raw
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
}

function same(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true
  return JSON.stringify(a) === JSON.stringify(b)
}

function leafName(field: string): string {
  const dot = field.lastIndexOf('.')
  return dot < 0 ? field : field.slice(dot + 1)
}

/**
 * expandChanges decodes the changes and replaces a change of a nested object
 * by the changes of its fields, so "fields" becomes "title", "urgency" ...
 * Unchanged and hidden fields are dropped.
 */
export function expandChanges(changes: readonly AuditChange[]): FieldChange[] {
  const out: FieldChange[] = []
  const walk = (field: string, before: unknown, after: unknown) => {
    if (isObject(before) || isObject(after)) {
      const b = isObject(before) ? before : {}
      const a = isObject(after) ? after : {}
      const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
      for (const k of keys) walk(k, b[k], a[k])
      return
    }
    const name = leafName(field)
    if (hidden.has(name) || same(before, after)) return
    out.push({ field: name, before, after })
  }
  for (const c of changes) walk(c.field, decodeJSON(c.before), decodeJSON(c.after))
  return out
}

/** fieldLabel names a field of an entity (request, customer, contact, vocab ...) in the UI language. */
export function fieldLabel(tr: Translator, entity: string, field: string): string {
  for (const key of [`fields.${entity}.${field}`, `fields.request.${field}`]) {
    if (tr.te(key)) return tr.t(key)
  }
  return field
}

/** formatValue shows one decoded value of a field; kinds overrides the enumeration a field is shown through. */
export function formatValue(tr: Translator, field: string, v: unknown, kinds: Record<string, string> = enums): string {
  if (isEmpty(v)) return tr.t('audit.empty')
  if (typeof v === 'string') {
    const kind = kinds[field] ?? enums[field]
    if (kind) return enumLabel(tr, kind, v)
    if (isISOTime(v)) return formatDateTime(v) || tr.t('audit.empty')
    return v
  }
  if (typeof v === 'boolean') {
    if (field === 'active') return tr.t(v ? 'common.active' : 'common.inactive')
    return tr.t(v ? 'common.yes' : 'common.no')
  }
  if (typeof v === 'number') return String(v)
  if (Array.isArray(v)) return v.map((x) => formatValue(tr, field, x, kinds)).join(tr.t('errors.listSeparator'))
  return JSON.stringify(v)
}

/** showChanges turns an entry's changes into labelled before and after texts. */
export function showChanges(tr: Translator, entry: Pick<AuditEntry, 'entity' | 'changes'>): ShownChange[] {
  const shown = shownFields[entry.entity]
  return expandChanges(entry.changes ?? [])
    .filter((c) => !moveFields.has(c.field) && (!shown || shown.fields.includes(c.field)))
    .map((c) => ({
      field: c.field,
      label: fieldLabel(tr, entry.entity, c.field),
      before: formatValue(tr, c.field, c.before, shown?.enums),
      after: formatValue(tr, c.field, c.after, shown?.enums),
    }))
}

/** afterValue is the decoded value of a top-level field after the change (before it, for a deletion). */
function sideValue(entry: Pick<AuditEntry, 'changes'>, field: string): unknown {
  for (const c of entry.changes ?? []) {
    if (c.field === field) return decodeJSON(c.after) ?? decodeJSON(c.before)
  }
  return undefined
}

/** actionLabel translates an entry's action (create, update, delete), falling back to the code. */
export function actionLabel(tr: Translator, action: string): string {
  return enumLabel(tr, 'action', action)
}

/**
 * recordKind finds the kind of stage record an entry is about, from the
 * record's JSON on either side; "" when the change does not say.
 */
export function recordKind(entry: Pick<AuditEntry, 'changes'>): string {
  for (const c of entry.changes ?? []) {
    if (c.field === 'kind') {
      const v = decodeJSON(c.after) ?? decodeJSON(c.before)
      if (typeof v === 'string') return v
    }
  }
  return ''
}

/** entrySummary is the one-line text of an entry that lists no field changes (creations, stage records). */
export function entrySummary(tr: Translator, entry: Pick<AuditEntry, 'entity' | 'action' | 'changes'>): string {
  const step = sideValue(entry, 'moveAction')
  if (entry.entity === 'request' && typeof step === 'string' && step !== '') {
    const name = enumLabel(tr, 'moveAction', step)
    const comment = sideValue(entry, 'moveComment')
    return typeof comment === 'string' && comment.trim() !== ''
      ? tr.t('audit.movedWithComment', { step: name, comment })
      : tr.t('audit.moved', { step: name })
  }
  if (entry.entity === 'document') {
    const type = sideValue(entry, 'type')
    const title = typeof type === 'string' ? enumLabel(tr, 'documentTitle', type) : ''
    const version = sideValue(entry, 'version')
    const key = `audit.document.${entry.action}`
    return tr.t(tr.te(key) ? key : 'audit.document.update', { title, n: typeof version === 'number' ? version : '' })
  }
  if (entry.entity === 'record') {
    const code = recordKind(entry)
    const kind = code ? enumLabel(tr, 'recordKind', code) : tr.t('audit.stageRecord')
    const key = `audit.record.${entry.action}`
    return tr.te(key) ? tr.t(key, { kind }) : `${actionLabel(tr, entry.action)} ${kind}`
  }
  if (entry.entity === 'note') {
    const body = sideValue(entry, 'body')
    return tr.t('audit.note', { body: typeof body === 'string' ? body : '' })
  }
  if (entry.entity === 'attachment') {
    const name = sideValue(entry, 'fileName')
    return tr.t(entry.action === 'delete' ? 'audit.attachment.delete' : 'audit.attachment.create', { name: typeof name === 'string' ? name : '' })
  }
  if (entry.action === 'create') {
    const key = `audit.created.${entry.entity}`
    return tr.t(tr.te(key) ? key : 'audit.createdOther')
  }
  return ''
}
