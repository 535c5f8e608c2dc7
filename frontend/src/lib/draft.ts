// The intake draft: the form as typed so far, kept by the backend (one per
// installation) so that nothing typed while a customer talks is lost when the
// window closes or the program stops.
import { coerceForm, textFields, type RequestForm } from './requestForm'

/** draftVersion changes when the stored shape does; older drafts are dropped rather than misread. */
export const draftVersion = 1

/** Draft is a restored form and when it was last saved. */
export interface Draft {
  form: RequestForm
  savedAt: string
}

/** serializeDraft encodes the form for RequestsApp.SaveDraft. */
export function serializeDraft(form: RequestForm, savedAt: Date): string {
  return JSON.stringify({ v: draftVersion, savedAt: savedAt.toISOString(), form })
}

/**
 * parseDraft decodes what RequestsApp.Draft returned. It returns null for no
 * draft, a draft of another version, or anything unreadable; fields of the
 * wrong type fall back to base.
 */
export function parseDraft(body: string, base: RequestForm): Draft | null {
  if (body.trim() === '') return null
  let raw: unknown
  try {
    raw = JSON.parse(body)
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null) return null
  const d = raw as Record<string, unknown>
  if (d.v !== draftVersion || typeof d.form !== 'object' || d.form === null) return null
  const savedAt = typeof d.savedAt === 'string' ? d.savedAt : ''
  return { form: coerceForm(d.form, base), savedAt }
}

/**
 * hasInput reports whether the user has typed or chosen anything beyond the
 * defaults a new form starts with (receipt time, receiver, urgency); an
 * untouched form is not worth a draft.
 */
export function hasInput(form: RequestForm, fresh: RequestForm): boolean {
  const picked: (keyof RequestForm)[] = [
    'customerId',
    'contactId',
    'channel',
    'type',
    'category',
    'impactScope',
    'department',
  ]
  if (picked.some((k) => form[k] !== fresh[k])) return true
  if (form.urgency !== fresh.urgency) return true
  return textFields.some((k) => k !== 'receivedBy' && form[k].trim() !== '') || form.receivedBy !== fresh.receivedBy
}
