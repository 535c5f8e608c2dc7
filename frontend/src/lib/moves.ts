// Moves of the lifecycle as the UI offers them: what each step asks for
// before it is taken, whether an offered step is really blocked, which step a
// drop on a board column means, and the Move sent to the backend.
import type { FieldError } from '../api/errors'
import type { MoveOption, Move, Path } from '../api/types'
import { messageText } from './fieldErrors'
import { enumLabel, type Translator } from './translate'

/** Actions of internal/request/lifecycle.go. */
export type MoveAction =
  | 'triage'
  | 'assign'
  | 'start'
  | 'ask_analysis_ok'
  | 'analysis_ok'
  | 'analysis_changes'
  | 'submit_review'
  | 'revise_plan'
  | 'ask_approval'
  | 'approve'
  | 'decline'
  | 'plan_ok'
  | 'plan_changes'
  | 'deliver'
  | 'accept'
  | 'give_result'
  | 'send_result'
  | 'reopen'
  | 'archive'
  | 'hold'
  | 'resume'
  | 'reject'
  | 'cancel'
  | 'return_to_triage'
  | 'switch_full_path'
  | 'restore'

export const moveActions: readonly MoveAction[] = [
  'triage',
  'assign',
  'start',
  'ask_analysis_ok',
  'analysis_ok',
  'analysis_changes',
  'submit_review',
  'revise_plan',
  'ask_approval',
  'approve',
  'decline',
  'plan_ok',
  'plan_changes',
  'deliver',
  'accept',
  'give_result',
  'send_result',
  'reopen',
  'archive',
  'hold',
  'resume',
  'reject',
  'cancel',
  'return_to_triage',
  'switch_full_path',
  'restore',
]

/** MoveField is an input a step may ask for. */
export type MoveField = 'department' | 'path' | 'greenChannel' | 'owner' | 'reason' | 'followUp' | 'duplicateOf' | 'comment'

/**
 * Tone groups steps on the action bar: forward along the path, back to an
 * earlier stage, aside (on hold), or ending the request (reject, cancel).
 */
export type Tone = 'forward' | 'back' | 'aside' | 'end'

export interface MoveSpec {
  /** fields the dialog shows; a step with none and no confirm is taken at once. */
  fields: readonly MoveField[]
  required: readonly MoveField[]
  /** confirm asks before a weighty step even when it needs no input. */
  confirm: boolean
  tone: Tone
}

const direct = (tone: Tone = 'forward'): MoveSpec => ({ fields: [], required: [], confirm: false, tone })
const note = (tone: Tone): MoveSpec => ({ fields: ['comment'], required: [], confirm: true, tone })
const explain = (tone: Tone): MoveSpec => ({ fields: ['comment'], required: ['comment'], confirm: true, tone })
const because = (tone: Tone): MoveSpec => ({ fields: ['reason'], required: ['reason'], confirm: true, tone })

export const moveSpecs: Record<MoveAction, MoveSpec> = {
  triage: { fields: ['department', 'path', 'greenChannel', 'comment'], required: ['department', 'path'], confirm: true, tone: 'forward' },
  assign: { fields: ['owner', 'comment'], required: ['owner'], confirm: true, tone: 'forward' },
  start: note('forward'),
  ask_analysis_ok: direct(),
  analysis_ok: direct(),
  analysis_changes: explain('back'),
  submit_review: direct(),
  revise_plan: explain('back'),
  ask_approval: direct(),
  approve: note('forward'),
  decline: explain('back'),
  plan_ok: direct(),
  plan_changes: explain('back'),
  deliver: direct(),
  accept: direct(),
  give_result: direct(),
  send_result: note('forward'),
  reopen: because('back'),
  archive: note('forward'),
  hold: { fields: ['reason', 'followUp'], required: ['reason', 'followUp'], confirm: true, tone: 'aside' },
  resume: direct(),
  reject: { fields: ['reason', 'duplicateOf'], required: ['reason'], confirm: true, tone: 'end' },
  cancel: because('end'),
  return_to_triage: note('back'),
  switch_full_path: explain('back'),
  restore: because('back'),
}

/** specOf returns the spec of an action; an action this client does not know asks for an optional comment. */
export function specOf(action: string): MoveSpec {
  return (moveSpecs as Record<string, MoveSpec | undefined>)[action] ?? note('forward')
}

/** needsDialog reports whether taking the step opens the move dialog. */
export function needsDialog(action: string): boolean {
  const s = specOf(action)
  return s.fields.length > 0 || s.confirm
}

// The backend lists these steps as blocked while what blocks them is an input
// of the step itself (the department of triage, the owner of assign), which
// the move dialog asks for; the guard runs again when the step is taken.
const blockedOnlyByInput: readonly string[] = ['triage', 'assign']

/** blockedReason is why an offered step cannot be taken now, "" when it can. */
export function blockedReason(o: MoveOption): string {
  if (blockedOnlyByInput.includes(o.action)) return ''
  return o.blocked ?? ''
}

/**
 * blockedText is why an offered step cannot be taken now, in the UI
 * language ("" when it can): the backend's reason key translated, its
 * Chinese sentence only on a Chinese screen.
 */
export function blockedText(o: MoveOption, tr: Translator): string {
  if (blockedReason(o) === '') return ''
  const text = o.reason ? messageText(o.reason, tr) : null
  if (text !== null) return text
  return tr.locale.startsWith('zh') ? blockedReason(o) : tr.t('errors.codes.invalid_transition')
}

/** expectedOption is the step the process expects next (the backend marks it), when it can be taken now. */
export function expectedOption(options: readonly MoveOption[] | null | undefined): MoveOption | null {
  return (options ?? []).find((o) => o.expected && blockedReason(o) === '') ?? null
}

/**
 * stepsText lists the steps that can be taken now, each with the status it
 * leads to, for a refusal that should say what is possible instead.
 */
export function stepsText(options: readonly MoveOption[] | null | undefined, tr: Translator): string {
  return (options ?? [])
    .filter((o) => blockedReason(o) === '')
    .map((o) => {
      const name = enumLabel(tr, 'moveAction', o.action) || o.name
      return o.to ? tr.t('board.stepTo', { name, status: enumLabel(tr, 'status', o.to) }) : name
    })
    .join(tr.t('errors.listSeparator'))
}

/** optionForTarget finds the step leading to status, preferring one that can be taken now; null when none leads there. */
export function optionForTarget(options: readonly MoveOption[] | null | undefined, status: string): MoveOption | null {
  const leading = (options ?? []).filter((o) => o.to === status)
  return leading.find((o) => blockedReason(o) === '') ?? leading[0] ?? null
}

/** groupOptions splits the offered steps by tone, keeping the backend's order within each group. */
export function groupOptions(options: readonly MoveOption[] | null | undefined): Record<Tone, MoveOption[]> {
  const out: Record<Tone, MoveOption[]> = { forward: [], back: [], aside: [], end: [] }
  for (const o of options ?? []) out[specOf(o.action).tone].push(o)
  return out
}

/** MoveForm is the move dialog's input; followUp is the date picker's timestamp. */
export interface MoveForm {
  department: string
  path: Path | ''
  greenChannel: boolean
  owner: string
  reason: string
  followUp: number | null
  duplicateOf: string
  comment: string
}

export function emptyMoveForm(): MoveForm {
  return { department: '', path: '', greenChannel: false, owner: '', reason: '', followUp: null, duplicateOf: '', comment: '' }
}

/** checkMove returns the required inputs of the step that are missing. */
export function checkMove(action: string, f: MoveForm): FieldError[] {
  const out: FieldError[] = []
  for (const field of specOf(action).required) {
    const v = f[field]
    const missing = v === null || v === '' || (typeof v === 'string' && v.trim() === '')
    if (missing) out.push({ field, key: 'required' })
  }
  return out
}

/**
 * toMove builds the Move sent to the backend with only the inputs the step
 * takes. The follow-up day is sent as local noon, so it stays the same
 * calendar day whatever the zone the backend reads it in.
 */
export function toMove(action: string, f: MoveForm): Move {
  const fields = specOf(action).fields
  const has = (k: MoveField) => fields.includes(k)
  const m: Move = {
    action,
    comment: has('comment') ? f.comment.trim() : '',
    reason: has('reason') ? f.reason.trim() : '',
    duplicateOf: has('duplicateOf') ? f.duplicateOf.trim() : '',
    owner: has('owner') ? f.owner.trim() : '',
    department: has('department') ? f.department : '',
    path: has('path') ? f.path : '',
    greenChannel: has('greenChannel') ? f.greenChannel : false,
  }
  if (has('followUp') && f.followUp !== null) {
    const d = new Date(f.followUp)
    d.setHours(12, 0, 0, 0)
    m.followUp = d.toISOString()
  }
  return m
}
