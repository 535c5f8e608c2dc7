// For composables that translate (useTranslator calls useI18n) run outside a
// component: vi.mock('vue-i18n', async (orig) => (await
// import('../test/i18nMock')).i18nMock(orig)) makes useI18n return the app's
// Chinese messages' global composer.
export async function i18nMock(importOriginal: () => Promise<unknown>) {
  const mod = (await importOriginal()) as typeof import('vue-i18n')
  const { default: zhCN } = await import('../locales/zh-CN')
  const { default: en } = await import('../locales/en')
  const i18n = mod.createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages: { 'zh-CN': zhCN, en }, missingWarn: false, fallbackWarn: false })
  return { ...mod, useI18n: () => i18n.global }
}
