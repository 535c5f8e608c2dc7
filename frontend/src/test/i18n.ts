import { makeI18n, type Locale } from '../i18n'
import type { Translator } from '../lib/translate'

/** translator returns a Translator over the app's real messages. */
export function translator(locale: Locale = 'zh-CN'): Translator {
  const i18n = makeI18n(locale)
  const g = i18n.global
  return {
    t: (key, params) => g.t(key, params ?? {}),
    te: (key) => g.te(key),
    locale,
  }
}
