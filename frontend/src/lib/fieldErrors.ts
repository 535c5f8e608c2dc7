// Turning backend (and client-side) errors into the words the user reads:
// one message per field, shown beside it, and one sentence for the top.
import type { AppError, FieldError, MessageRef } from '../api/errors'
import type { Translator } from './translate'

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * paramText shows one param of a backend message in the UI language: a
 * Term ({ kind, code, name }) through its kind's names, a nested message
 * through its key, a list joined; a Chinese name is used only in Chinese.
 */
export function paramText(v: unknown, tr: Translator): string {
  if (Array.isArray(v)) return v.map((x) => paramText(x, tr)).join(tr.t('errors.listSeparator'))
  if (isRecord(v)) {
    if (typeof v.key === 'string') return messageText({ key: v.key, params: isRecord(v.params) ? v.params : {} }, tr) ?? ''
    if (typeof v.kind === 'string' && typeof v.code === 'string') {
      const key = `${v.kind}.${v.code}`
      if (tr.te(key)) return tr.t(key)
      return tr.locale.startsWith('zh') && typeof v.name === 'string' && v.name !== '' ? v.name : v.code
    }
    return ''
  }
  if (v === null || v === undefined) return ''
  return String(v)
}

/** messageText translates a backend message (errors.keys.<key> with its params), or returns null when the key is unknown here. */
export function messageText(ref: MessageRef, tr: Translator): string | null {
  const key = `errors.keys.${ref.key}`
  if (!ref.key || !tr.te(key)) return null
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(ref.params ?? {})) params[k] = paramText(v, tr)
  return tr.t(key, params)
}

// A range problem names its bounds when the backend gave them.
function rangeKey(fe: FieldError): string {
  if (fe.key !== 'out_of_range' || !fe.params) return fe.key
  const hasMin = fe.params.min !== undefined && fe.params.min !== null
  const hasMax = fe.params.max !== undefined && fe.params.max !== null
  if (hasMin && hasMax) return 'out_of_range_between'
  if (hasMin) return 'out_of_range_min'
  if (hasMax) return 'out_of_range_max'
  return fe.key
}

/** fieldMessage translates one field problem through errors.fields.<key>, filling its params. */
export function fieldMessage(fe: FieldError, tr: Translator): string {
  const key = `errors.fields.${rangeKey(fe)}`
  if (!tr.te(key)) return tr.t('errors.fields.unknown')
  const params: Record<string, string> = {}
  for (const [k, v] of Object.entries(fe.params ?? {})) params[k] = paramText(v, tr)
  return tr.t(key, params)
}

/**
 * fieldMessages maps each field at fault to its message; several problems
 * with one field are joined. rename maps backend field names to the form's
 * (e.g. "contacts.0.phone" to "contactPhone").
 */
export function fieldMessages(
  errors: readonly FieldError[],
  tr: Translator,
  rename: (field: string) => string = (f) => f,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const fe of errors) {
    const field = rename(fe.field)
    const msg = fieldMessage(fe, tr)
    const prev = out[field]
    if (prev === undefined) out[field] = msg
    else if (!prev.split('；').includes(msg)) out[field] = `${prev}；${msg}`
  }
  return out
}

// Codes the client makes up itself carry no sentence from the backend.
const clientCodes = new Set(['unavailable', 'unauthorized'])

/**
 * errorMessage is the sentence for the top of a form or a notice: the
 * backend's message key translated with its params, in every language. An
 * error without a key known here shows, in Chinese, the backend's own
 * sentence; in other languages, and for failures no backend answered, the
 * code is translated, so no Chinese reaches an English screen.
 */
export function errorMessage(e: AppError, tr: Translator): string {
  const keyed = messageText({ key: e.key, params: e.params }, tr)
  if (keyed !== null) return keyed
  if (tr.locale.startsWith('zh') && e.message.trim() !== '' && !clientCodes.has(e.code)) return e.message
  const key = `errors.codes.${e.code}`
  return tr.te(key) ? tr.t(key) : tr.t('errors.codes.internal')
}
