// Turning backend (and client-side) errors into the words the user reads:
// one message per field, shown beside it, and one sentence for the top.
import type { AppError, FieldError } from '../api/errors'
import type { Translator } from './translate'

/** fieldMessage translates one field problem through errors.fields.<key>, filling its params. */
export function fieldMessage(fe: FieldError, tr: Translator): string {
  const key = `errors.fields.${fe.key}`
  if (!tr.te(key)) return tr.t('errors.fields.unknown')
  return tr.t(key, fe.params ?? {})
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
 * errorMessage is the sentence for the top of a form or a notice. In Chinese
 * the backend's own sentence is the most specific; in other languages, and
 * for failures no backend answered, the code is translated.
 */
export function errorMessage(e: AppError, tr: Translator): string {
  if (tr.locale.startsWith('zh') && e.message.trim() !== '' && !clientCodes.has(e.code)) return e.message
  const key = `errors.codes.${e.code}`
  return tr.te(key) ? tr.t(key) : tr.t('errors.codes.internal')
}
