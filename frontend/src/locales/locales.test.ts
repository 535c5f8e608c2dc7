import { describe, expect, it } from 'vitest'
import { statuses, urgencies, impactScopes, vocabKinds } from '../api/types'
import { translator } from '../test/i18n'
import en from './en'
import zhCN from './zh-CN'

type Tree = { [k: string]: string | Tree }

function keys(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)))
}

describe('locales', () => {
  it('have the same keys', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(zhCN as Tree).sort())
  })

  it.each(['zh-CN', 'en'] as const)('%s: every message compiles and renders', (locale) => {
    const tr = translator(locale)
    const params = { n: 3, name: 'N', max: 9, token: 'T', time: 'TIME', reason: 'R', label: 'L', tokens: 'K', customer: 'C', fields: 'F', current: 1, latest: 2 }
    for (const k of keys(zhCN as Tree)) {
      const out = tr.t(k, params)
      expect(out, k).not.toBe(k)
      expect(out, k).not.toMatch(/[{}]/)
    }
  })

  it.each(['zh-CN', 'en'] as const)('%s: names every enumeration value', (locale) => {
    const tr = translator(locale)
    const all = [
      ...statuses.map((s) => `enums.status.${s}`),
      ...urgencies.map((u) => `enums.urgency.${u}`),
      ...urgencies.map((u) => `enums.urgencyHint.${u}`),
      ...impactScopes.map((s) => `enums.impactScope.${s}`),
      ...vocabKinds.map((k) => `enums.vocabKind.${k}`),
    ]
    for (const k of all) expect(tr.te(k), k).toBe(true)
  })

  it('renders the email placeholder with its at sign', () => {
    expect(translator('zh-CN').t('placeholders.email')).toBe('如：name@example.com')
  })
})
