// Bulk actions of the request list: what each action asks for, the Bulk
// sent to the backend (the rows selected or the whole filter), and the
// reason a request was refused, in the UI's language.
import { fromWire, type FieldError } from '../api/errors'
import type { Bulk, BulkItem, Move, RequestQuery, Urgency } from '../api/types'
import { errorMessage, fieldMessage } from './fieldErrors'
import { emptyMoveForm, specOf, toMove, type MoveAction, type MoveField, type MoveForm } from './moves'
import type { Translator } from './translate'

/** BulkKind is an action of the bulk bar (command.BulkKind). */
export type BulkKind = 'classify' | 'assign' | 'urgency' | 'step'
export const bulkKinds: readonly BulkKind[] = ['classify', 'assign', 'urgency', 'step']

/** The backend's limit of one bulk action (command.MaxBulk). */
export const maxBulk = 1000

/**
 * bulkSteps are the common steps the bar offers: those that need no record
 * of their own written first. Each request's guards still decide.
 */
export const bulkSteps: readonly MoveAction[] = [
  'start',
  'send_result',
  'archive',
  'hold',
  'resume',
  'return_to_triage',
  'reject',
  'cancel',
  'restore',
]

/** Selection is what a bulk action applies to: the rows ticked, or every request of the filter. */
export type Selection = { ids: string[] } | { query: RequestQuery; count: number }

export function selectionSize(s: Selection): number {
  return 'ids' in s ? s.ids.length : s.count
}

/** BulkForm is the bulk dialog's input: the move form plus the urgency and the step. */
export interface BulkForm extends MoveForm {
  urgency: Urgency | ''
  step: MoveAction | ''
}

export function emptyBulkForm(): BulkForm {
  return { ...emptyMoveForm(), urgency: '', step: '' }
}

/** bulkFields are the inputs the dialog shows for kind (and, for a step, the step's own). */
export function bulkFields(kind: BulkKind, step: string): readonly (MoveField | 'urgency' | 'step')[] {
  switch (kind) {
    case 'classify':
      return ['department', 'path', 'comment']
    case 'assign':
      return ['owner', 'comment']
    case 'urgency':
      return ['urgency']
    case 'step':
      return ['step', ...(step ? specOf(step).fields.filter((f) => f !== 'duplicateOf') : [])]
  }
}

/** checkBulk returns the required inputs that are missing. */
export function checkBulk(kind: BulkKind, f: BulkForm): FieldError[] {
  const need: string[] = []
  switch (kind) {
    case 'classify':
      need.push('department', 'path')
      break
    case 'assign':
      need.push('owner')
      break
    case 'urgency':
      need.push('urgency')
      break
    case 'step':
      need.push('step')
      if (f.step) need.push(...specOf(f.step).required)
      break
  }
  const out: FieldError[] = []
  for (const field of need) {
    const v = (f as unknown as Record<string, unknown>)[field]
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) out.push({ field, key: 'required' })
  }
  return out
}

/** toBulk builds the Bulk for the backend. */
export function toBulk(kind: BulkKind, f: BulkForm, s: Selection): Bulk {
  let move: Move
  switch (kind) {
    case 'classify':
      move = toMove('triage', f)
      break
    case 'assign':
      move = toMove('assign', f)
      break
    case 'step':
      move = toMove(f.step, f)
      break
    default:
      move = { action: '', comment: '', reason: '', duplicateOf: '', owner: '', department: '', path: '', greenChannel: false }
  }
  const b: Bulk = { ids: 'ids' in s ? [...s.ids] : [], kind, move, urgency: kind === 'urgency' ? f.urgency : '' }
  if ('query' in s) b.query = { ...s.query, offset: 0, limit: 0 }
  return b
}

/**
 * bulkReason is why a request was refused, in the UI language: the guard's
 * sentence, or for refused input the fields' problems.
 */
export function bulkReason(item: BulkItem, tr: Translator): string {
  const e = fromWire(item.error)
  if (!e) return ''
  if (e.fields.length > 0 && e.key === 'check_fields') {
    return e.fields.map((fe) => `${fieldLabel(fe.field, tr)}：${fieldMessage(fe, tr)}`).join('；')
  }
  return errorMessage(e, tr)
}

function fieldLabel(field: string, tr: Translator): string {
  const key = `fields.request.${field}`
  return tr.te(key) ? tr.t(key) : field
}
