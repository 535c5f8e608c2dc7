// vue-i18n set-up: Simplified Chinese first, English second; the choice is
// kept in localStorage so the app opens in the language last used.
import { createI18n, useI18n } from 'vue-i18n'
import en from './locales/en'
import zhCN from './locales/zh-CN'
import type { Translator } from './lib/translate'

export type Locale = 'zh-CN' | 'en'
export const locales: readonly Locale[] = ['zh-CN', 'en']
export const localeStorageKey = 'reqdesk.locale'

/** storedLocale returns the language saved in storage, or Chinese. */
export function storedLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Locale {
  try {
    const v = storage?.getItem(localeStorageKey)
    return (locales as readonly (string | null | undefined)[]).includes(v) ? (v as Locale) : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

/** makeI18n creates the i18n instance with every locale's messages. */
export function makeI18n(locale: Locale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en },
    missingWarn: false,
    fallbackWarn: false,
  })
}

/** useTranslator adapts the component's i18n to the Translator the formatting helpers take. */
export function useTranslator(): Translator {
  const { t, te, locale } = useI18n()
  return {
    t: (key, params) => t(key, params ?? {}),
    te: (key) => te(key),
    get locale() {
      return locale.value
    },
  }
}
