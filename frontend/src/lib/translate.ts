// Translator is the slice of vue-i18n the formatting helpers need, so they
// can be unit-tested with the real messages but without a component.

export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string
  te: (key: string) => boolean
  locale: string
}

/** enumLabel translates a code of an enumeration (urgency, impactScope, status ...), falling back to the code itself. */
export function enumLabel(tr: Translator, kind: string, code: string): string {
  if (code === '') return ''
  const key = `enums.${kind}.${code}`
  return tr.te(key) ? tr.t(key) : code
}
