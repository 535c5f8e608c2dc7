// A conflict of the sync inbox in words: what was tried, why the server
// refused it, and the server's current state as labelled fields (never raw
// JSON), the fields the refused command touched first.
import { fromWire } from '../api/errors'
import type { Conflict } from '../api/types'
import { errorMessage } from './fieldErrors'
import { formatDateTime, isISOTime } from './format'
import { enumLabel, type Translator } from './translate'

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** fieldLabel names a field of the kind of row a command touches, or returns "" when it has no name here. */
function fieldLabel(tr: Translator, scope: string, key: string): string {
  for (const k of [`fields.${scope}.${key}`, `fields.request.${key}`, `sync.stateField.${key}`]) {
    if (tr.te(k)) return tr.t(k)
  }
  return ''
}

/** scopeOf is the label namespace (fields.<scope>) of a command's rows. */
function scopeOf(c: Conflict): string {
  const [head] = c.commandName.split('.')
  if (head === 'record') {
    const kind = str(isRecord(c.args) && isRecord(c.args.input) ? c.args.input.kind : '')
    return kind || 'request'
  }
  return head || 'request'
}

/**
 * changedFields lists the fields a command tried to change: for a field
 * edit, those whose value differs from the one it started from (args.base),
 * else every field it carries; the reason's own list when it names them.
 */
export function changedFields(c: Conflict): string[] {
  // The reason names them as field codes or as Terms ({ kind, code, name }).
  const named = c.reason?.params?.fields
  if (Array.isArray(named) && named.length > 0) {
    const codes = named.map((f) => (typeof f === 'string' ? f : isRecord(f) && typeof f.code === 'string' ? f.code : ''))
    if (codes.every((f) => f !== '')) return codes
  }
  if (!isRecord(c.args)) return []
  const fields = isRecord(c.args.fields) ? c.args.fields : isRecord(c.args.input) && isRecord(c.args.input.fields) ? c.args.input.fields : null
  if (!fields) return []
  const base = isRecord(c.args.base) ? c.args.base : null
  return Object.keys(fields).filter((k) => !base || JSON.stringify(fields[k]) !== JSON.stringify(base[k]))
}

/** conflictTitle says what the refused command tried, in the UI's language; the backend's summary when it is of a kind named nowhere here. */
export function conflictTitle(c: Conflict, tr: Translator): string {
  const key = `sync.command.${c.commandName}`
  if (!c.commandName || !tr.te(key)) return c.summary || c.commandName
  const args = isRecord(c.args) ? c.args : {}
  const move = isRecord(args.move) ? args.move : {}
  const input = isRecord(args.input) ? args.input : {}
  const scope = scopeOf(c)
  const fields = changedFields(c)
    .map((f) => fieldLabel(tr, scope, f) || f)
    .join(tr.t('errors.listSeparator'))
  return tr.t(key, {
    action: enumLabel(tr, 'moveAction', str(move.action)),
    kind: enumLabel(tr, 'recordKind', str(input.kind)),
    fields,
    name: str(args.name) || str(isRecord(args.fields) ? args.fields.name : ''),
  })
}

/** conflictReason is why the server refused, translated from its message key. */
export function conflictReason(c: Conflict, tr: Translator): string {
  const e = fromWire(c.reason)
  return e ? errorMessage(e, tr) : tr.t('errors.codes.conflict')
}

/** StateRow is one field of the server's current state as the inbox shows it. */
export interface StateRow {
  key: string
  label: string
  value: string
  /** touched: the refused command changed or depended on this field. */
  touched: boolean
}

// Bookkeeping nobody reads: ids, versions, hashes.
const hidden = /^(id|version|rowVersion|.*Id|.*Ids|sha256|hash|body)$/

function valueText(key: string, v: unknown, tr: Translator): string {
  if (v === null || v === undefined || v === '') return ''
  if (typeof v === 'boolean') return v ? tr.t('sync.yes') : tr.t('sync.no')
  if (typeof v === 'number') return String(v)
  if (typeof v === 'string') {
    if (isISOTime(v)) return formatDateTime(v)
    if (key === 'status' || key === 'heldFrom') return enumLabel(tr, 'status', v)
    if (key === 'urgency') return enumLabel(tr, 'urgency', v)
    if (key === 'impactScope') return enumLabel(tr, 'impactScope', v)
    if (key === 'path') return enumLabel(tr, 'path', v)
    return v
  }
  if (Array.isArray(v)) {
    return v
      .map((x) => valueText(key, x, tr))
      .filter((x) => x !== '')
      .join(tr.t('errors.listSeparator'))
  }
  return ''
}

/**
 * stateRows lays out the server's current state: each named field with its
 * value in words (statuses and urgencies named, times formatted), nested
 * objects such as a request's fields and state flattened, ids and versions
 * left out; the fields the command touched come first. A state holding
 * several rows ({ request: …, record: … } or a list) is laid out row by row.
 */
export function stateRows(c: Conflict, tr: Translator): StateRow[] {
  const scope = scopeOf(c)
  const touched = new Set(changedFields(c))
  if (c.commandName === 'request.move') {
    for (const k of ['status', 'owner', 'department', 'statusReason']) touched.add(k)
  }
  const out: StateRow[] = []
  const seen = new Set<string>()
  const walk = (v: unknown, depth: number) => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, depth + 1)
      return
    }
    if (!isRecord(v) || depth > 3) return
    for (const [k, x] of Object.entries(v)) {
      if (hidden.test(k)) continue
      if (isRecord(x) || (Array.isArray(x) && x.some(isRecord))) {
        walk(x, depth + 1)
        continue
      }
      const label = fieldLabel(tr, scope, k)
      const value = valueText(k, x, tr)
      if (!label || value === '' || seen.has(k)) continue
      seen.add(k)
      out.push({ key: k, label, value, touched: touched.has(k) })
    }
  }
  walk(c.serverState, 0)
  return [...out.filter((r) => r.touched), ...out.filter((r) => !r.touched)]
}
