// AppError is how every failed backend call reaches the UI, whatever the
// transport: Wails rejects with the Go error's text (the JSON of an
// apperr.Error), serve mode answers with that JSON as the response body, and a
// broken connection throws before any answer arrives.

/** Codes the backend sends, plus the two the client adds for transport failures. */
export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'invalid_transition'
  | 'internal'
  | 'unavailable'
  | 'unauthorized'
  | 'rate_limited'
  | 'device_revoked'

const knownCodes: readonly ErrorCode[] = [
  'invalid',
  'not_found',
  'conflict',
  'forbidden',
  'invalid_transition',
  'internal',
  'unavailable',
  'unauthorized',
  'rate_limited',
  'device_revoked',
]

/** FieldError names one input field at fault and a message key for it. */
export interface FieldError {
  field: string
  key: string
  params?: Record<string, unknown>
}

/**
 * MessageRef is a sentence as the backend sends it: a message key of
 * errors.keys with its params. A param is a plain value, a Term (a code the
 * UI names: { kind, code, name }), a nested MessageRef, or a list of these.
 */
export interface MessageRef {
  key: string
  params?: Record<string, unknown>
}

/** AppError is a failed call as the UI handles it. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields: FieldError[]
  /** key and params say the error as a sentence the UI translates (see MessageRef); key is '' when the backend sent none. */
  readonly key: string
  readonly params: Record<string, unknown>

  constructor(code: ErrorCode, message: string, fields: FieldError[] = [], ref?: MessageRef) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.fields = fields
    this.key = ref?.key ?? ''
    this.params = ref?.params ?? {}
  }

  /** fieldError returns the first problem recorded for field, if any. */
  fieldError(field: string): FieldError | undefined {
    return this.fields.find((f) => f.field === field)
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function parseFields(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return []
  const out: FieldError[] = []
  for (const f of v) {
    if (!isRecord(f) || typeof f.field !== 'string' || typeof f.key !== 'string') continue
    const fe: FieldError = { field: f.field, key: f.key }
    if (isRecord(f.params)) fe.params = f.params
    out.push(fe)
  }
  return out
}

/** fromWire builds an AppError from the decoded JSON of an apperr.Error, or returns null when v is not one. */
export function fromWire(v: unknown): AppError | null {
  if (!isRecord(v) || typeof v.code !== 'string') return null
  const code = (knownCodes as readonly string[]).includes(v.code) ? (v.code as ErrorCode) : 'internal'
  const message = typeof v.message === 'string' ? v.message : ''
  const ref = typeof v.key === 'string' && v.key !== '' ? { key: v.key, params: isRecord(v.params) ? v.params : {} } : undefined
  return new AppError(code, message, parseFields(v.fields), ref)
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * toAppError turns anything a backend call rejected with into an AppError:
 * an AppError as is, the JSON text or object of a Go error, a network failure
 * (fetch's TypeError), or anything else as an internal error with its text.
 */
export function toAppError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason
  if (typeof reason === 'string') {
    const e = fromWire(parseJSON(reason.trim()))
    return e ?? new AppError('internal', reason)
  }
  const wire = fromWire(reason)
  if (wire) return wire
  if (reason instanceof TypeError) {
    // fetch rejects with a TypeError only when no response arrived.
    return new AppError('unavailable', reason.message)
  }
  if (reason instanceof Error) {
    // Wails may wrap the Go error text in an Error object.
    const e = fromWire(parseJSON(reason.message.trim()))
    return e ?? new AppError('internal', reason.message)
  }
  return new AppError('internal', String(reason ?? ''))
}

/** fromHTTP builds the AppError of a failed serve-mode response from its status and body text. */
export function fromHTTP(status: number, body: string): AppError {
  const e = fromWire(parseJSON(body))
  if (e) return e
  if (status === 401) return new AppError('unauthorized', '')
  if (status === 403) return new AppError('forbidden', '')
  if (status === 429) return new AppError('rate_limited', '')
  if (status === 404) return new AppError('not_found', '')
  return new AppError('internal', `HTTP ${status}`)
}
