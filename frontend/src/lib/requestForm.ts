// The request form as the UI edits it, shared by intake and the detail
// page's edit mode, and its conversion to and from the backend's fields.
import type { FieldError } from '../api/errors'
import type { ImpactScope, RequestFields, RequestRecord, Urgency } from '../api/types'
import { urgencies, impactScopes } from '../api/types'

/** RequestForm holds a request being typed. Times are epoch milliseconds, as the date picker wants them. */
export interface RequestForm {
  customerId: string
  /** customerName shows the chosen customer before its record is fetched. */
  customerName: string
  contactId: string
  contactName: string
  contactInfo: string
  channel: string
  type: string
  category: string
  urgency: Urgency | ''
  impactScope: ImpactScope | ''
  title: string
  description: string
  background: string
  expectedOutcome: string
  timeRequirement: string
  scene: string
  product: string
  receivedAt: number | null
  receivedBy: string
  owner: string
  department: string
}

/** textFields are the form's free-text fields, in form order. */
export const textFields = [
  'contactName',
  'contactInfo',
  'title',
  'description',
  'background',
  'expectedOutcome',
  'timeRequirement',
  'scene',
  'product',
  'receivedBy',
  'owner',
] as const

/** Character limits the backend enforces (internal/request). */
export const maxLength: Partial<Record<keyof RequestForm, number>> = {
  title: 200,
  description: 20000,
  contactName: 100,
  contactInfo: 100,
  background: 5000,
  expectedOutcome: 5000,
  timeRequirement: 200,
  scene: 5000,
  product: 100,
  owner: 100,
  receivedBy: 100,
}

/** emptyForm is a new intake form: received now, by the profile's person, urgency 一般. */
export function emptyForm(now: number, receivedBy: string): RequestForm {
  return {
    customerId: '',
    customerName: '',
    contactId: '',
    contactName: '',
    contactInfo: '',
    channel: '',
    type: '',
    category: '',
    urgency: 'normal',
    impactScope: '',
    title: '',
    description: '',
    background: '',
    expectedOutcome: '',
    timeRequirement: '',
    scene: '',
    product: '',
    receivedAt: now,
    receivedBy,
    owner: '',
    department: '',
  }
}

/** toFields converts the form to what RequestsApp.Create and Update take. */
export function toFields(f: RequestForm): RequestFields {
  return {
    customerId: f.customerId,
    contactId: f.contactId,
    contactName: f.contactName,
    contactInfo: f.contactInfo,
    channel: f.channel,
    type: f.type,
    category: f.category,
    urgency: f.urgency,
    impactScope: f.impactScope,
    title: f.title,
    description: f.description,
    background: f.background,
    expectedOutcome: f.expectedOutcome,
    timeRequirement: f.timeRequirement,
    scene: f.scene,
    product: f.product,
    receivedAt: f.receivedAt === null ? '' : new Date(f.receivedAt).toISOString(),
    receivedBy: f.receivedBy,
    owner: f.owner,
    department: f.department,
  }
}

function asUrgency(v: unknown): Urgency | '' {
  return (urgencies as readonly unknown[]).includes(v) ? (v as Urgency) : ''
}

function asScope(v: unknown): ImpactScope | '' {
  return (impactScopes as readonly unknown[]).includes(v) ? (v as ImpactScope) : ''
}

/** parseTime returns the epoch milliseconds of an ISO time, or null for an empty or zero time. */
export function parseTime(iso: unknown): number | null {
  if (typeof iso !== 'string' || iso === '') return null
  const ms = Date.parse(iso)
  // Go's zero time (0001-01-01) means "not set".
  if (Number.isNaN(ms) || ms < Date.UTC(1900, 0, 1)) return null
  return ms
}

/** fromRecord fills a form with a stored request, for editing. */
export function fromRecord(r: RequestRecord): RequestForm {
  const f = r.fields
  return {
    customerId: f.customerId,
    customerName: r.customerName,
    contactId: f.contactId,
    contactName: f.contactName,
    contactInfo: f.contactInfo,
    channel: f.channel,
    type: f.type,
    category: f.category,
    urgency: asUrgency(f.urgency),
    impactScope: asScope(f.impactScope),
    title: f.title,
    description: f.description,
    background: f.background,
    expectedOutcome: f.expectedOutcome,
    timeRequirement: f.timeRequirement,
    scene: f.scene,
    product: f.product,
    receivedAt: parseTime(f.receivedAt),
    receivedBy: f.receivedBy,
    owner: f.owner,
    department: f.department,
  }
}

/** coerceForm builds a form from untrusted data (a stored draft), keeping what has the right type. */
export function coerceForm(v: unknown, base: RequestForm): RequestForm {
  const out: RequestForm = { ...base }
  if (typeof v !== 'object' || v === null) return out
  const src = v as Record<string, unknown>
  const str = (k: keyof RequestForm): string => (typeof src[k] === 'string' ? (src[k] as string) : (base[k] as string))
  out.customerId = str('customerId')
  out.customerName = str('customerName')
  out.contactId = str('contactId')
  out.channel = str('channel')
  out.type = str('type')
  out.category = str('category')
  out.department = str('department')
  for (const k of textFields) out[k] = str(k)
  if ('urgency' in src) out.urgency = asUrgency(src.urgency)
  if ('impactScope' in src) out.impactScope = asScope(src.impactScope)
  if (src.receivedAt === null) out.receivedAt = null
  else if (typeof src.receivedAt === 'number' && Number.isFinite(src.receivedAt)) out.receivedAt = src.receivedAt
  return out
}

/** charCount counts characters as the backend does (code points, not UTF-16 units). */
export function charCount(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

// Mirrors internal/customer: landlines, mobiles, extensions and international
// numbers with 3 to 20 digits; full-width characters are folded first.
const phonePattern = /^\+?[0-9 ()-]+(?:\s*(?:转|分机号?|ext\.?|x|#)\s*[0-9]{1,6})?$/i

/** normalizePhone folds the full-width digits and signs Chinese input methods produce to ASCII. */
export function normalizePhone(s: string): string {
  return s
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[－—]/g, '-')
    .replace(/＋/g, '+')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\u3000/g, ' ')
}

/** validPhone reports whether s is a phone number the backend accepts. */
export function validPhone(s: string): boolean {
  const v = normalizePhone(s)
  if (!phonePattern.test(v)) return false
  const digits = v.replace(/[^0-9]/g, '').length
  return digits >= 3 && digits <= 20
}

/** plausibleEmail is a lenient check; the backend has the last word. */
export function plausibleEmail(s: string): boolean {
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s.trim())
}

/**
 * checkForm finds the problems the backend would certainly report, with the
 * same field names and message keys, so the user sees them before sending.
 */
export function checkForm(f: RequestForm, now: number): FieldError[] {
  const out: FieldError[] = []
  const required = (field: keyof RequestForm, v: string) => {
    if (v.trim() === '') out.push({ field, key: 'required' })
  }
  required('customerId', f.customerId)
  required('title', f.title)
  required('channel', f.channel)
  required('type', f.type)
  required('urgency', f.urgency)
  required('receivedBy', f.receivedBy)
  for (const [field, max] of Object.entries(maxLength) as [keyof RequestForm, number][]) {
    const v = f[field]
    if (typeof v === 'string' && charCount(v.trim()) > max && !out.some((e) => e.field === field)) {
      out.push({ field, key: 'too_long', params: { max } })
    }
  }
  const info = f.contactInfo.trim()
  if (info !== '' && !out.some((e) => e.field === 'contactInfo')) {
    if (info.includes('@')) {
      if (!plausibleEmail(info)) out.push({ field: 'contactInfo', key: 'email_invalid' })
    } else if (!validPhone(info)) {
      out.push({ field: 'contactInfo', key: 'contact_info_invalid' })
    }
  }
  if (f.receivedAt === null) out.push({ field: 'receivedAt', key: 'required' })
  else if (f.receivedAt > now + 5 * 60 * 1000) out.push({ field: 'receivedAt', key: 'in_future' })
  else if (new Date(f.receivedAt).getFullYear() < 2000) out.push({ field: 'receivedAt', key: 'too_early' })
  return out
}

/** formKeys lists every field of the form. */
export const formKeys = Object.keys(emptyForm(0, '')) as (keyof RequestForm)[]

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || ((a === '' || a === null) && (b === '' || b === null))
}

/** changedFields lists the fields in which b differs from a (customerName follows customerId and is left out). */
export function changedFields(a: RequestForm, b: RequestForm): (keyof RequestForm)[] {
  return formKeys.filter((k) => k !== 'customerName' && !sameValue(a[k], b[k]))
}

/**
 * rebase applies the edits made from base (mine) onto a newer stored version
 * (theirs): every field the user changed keeps the user's value, every other
 * field takes the newer value. overlap names the fields both changed, to
 * different values, so the user can check them.
 */
export function rebase(
  base: RequestForm,
  mine: RequestForm,
  theirs: RequestForm,
): { form: RequestForm; overlap: (keyof RequestForm)[] } {
  const out: RequestForm = { ...theirs }
  const overlap: (keyof RequestForm)[] = []
  for (const k of changedFields(base, mine)) {
    ;(out as unknown as Record<string, unknown>)[k] = mine[k]
    if (!sameValue(theirs[k], base[k]) && !sameValue(theirs[k], mine[k])) overlap.push(k)
  }
  out.customerName = mine.customerId !== base.customerId ? mine.customerName : theirs.customerName
  return { form: out, overlap }
}
