import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { dateEnUS, dateZhCN, enUS, zhCN } from 'naive-ui'
import { localeStorageKey, storedLocale, type Locale } from '../i18n'

/** useLocaleStore holds the UI language and the matching Naive UI locale. */
export const useLocaleStore = defineStore('locale', () => {
  const locale = ref<Locale>(storedLocale())
  const naiveLocale = computed(() => (locale.value === 'en' ? enUS : zhCN))
  const naiveDateLocale = computed(() => (locale.value === 'en' ? dateEnUS : dateZhCN))

  function setLocale(l: Locale) {
    locale.value = l
    try {
      localStorage.setItem(localeStorageKey, l)
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this session.
    }
    document.documentElement.lang = l
  }

  return { locale, naiveLocale, naiveDateLocale, setLocale }
})
