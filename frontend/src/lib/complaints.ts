// The complaints' screen rules: which step buttons a complaint shows, what a
// form must hold before it is sent (the backend, request.StepComplaint,
// decides again), and how a status looks.
import type { ComplaintAction, ComplaintInput } from '../api/complaints'
import type { FieldError } from '../api/errors'
import type { ComplaintStatus } from '../api/records'

type TagType = 'default' | 'info' | 'success' | 'warning' | 'error'

/** complaintActions are the steps a complaint in status offers, the usual one first. */
export function complaintActions(status: ComplaintStatus): ComplaintAction[] {
  switch (status) {
    case 'registered':
      return ['accept']
    case 'investigating':
      return ['answer']
    case 'answered':
      return ['close', 'reinvestigate']
  }
  return []
}

/** complaintStatusType colours a status: open ones warn, answered ones inform, closed ones succeed. */
export function complaintStatusType(status: ComplaintStatus): TagType {
  return ({ registered: 'warning', investigating: 'warning', answered: 'info', closed: 'success' } as const)[status] ?? 'default'
}

const blank = (v: string | undefined) => (v ?? '').trim() === ''

/** checkRegistration finds what a new complaint lacks. */
export function checkRegistration(in_: ComplaintInput): FieldError[] {
  const out: FieldError[] = []
  if (!in_.receivedAt) out.push({ field: 'receivedAt', key: 'required' })
  if (blank(in_.complainant)) out.push({ field: 'complainant', key: 'required' })
  if (blank(in_.cause)) out.push({ field: 'cause', key: 'required' })
  if (blank(in_.content)) out.push({ field: 'content', key: 'required' })
  return out
}

/** checkStep finds what a step's form lacks. */
export function checkStep(action: ComplaintAction, in_: ComplaintInput): FieldError[] {
  const need = (...fs: (keyof ComplaintInput)[]) =>
    fs.filter((f) => blank(in_[f] as string | undefined)).map((f) => ({ field: f, key: 'required' }))
  switch (action) {
    case 'accept':
      return need('investigator')
    case 'answer':
      return need('findings', 'responsible', 'measures', 'answer')
    case 'reinvestigate':
      return need('note')
    case 'close':
      if (in_.accepted === null || in_.accepted === undefined) return [{ field: 'accepted', key: 'required' }]
      return in_.accepted ? [] : need('note')
  }
  return []
}
