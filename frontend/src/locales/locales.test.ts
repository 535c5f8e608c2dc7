import { describe, expect, it } from 'vitest'
import rules from '../test/process.json'
import {
  blankBody,
  difficulties,
  exceptionTypes,
  feedbackMethods,
  generalities,
  horizons,
  progressTypes,
  recordKinds,
  researchMethods,
  reviewResults,
  subStatuses,
  taskStatuses,
  teamRoles,
} from '../api/records'
import { paths, roles, statuses, urgencies, impactScopes, vocabKinds } from '../api/types'
import { quadrants } from '../lib/analysis'
import { boardScopes } from '../lib/board'
import { moveActions, type MoveField } from '../lib/moves'
import { pathStages } from '../lib/stages'
import { workKinds } from '../lib/work'
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
    const params = {
      n: 3,
      name: 'N',
      max: 9,
      token: 'T',
      time: 'TIME',
      reason: 'R',
      label: 'L',
      tokens: 'K',
      customer: 'C',
      fields: 'F',
      current: 1,
      latest: 2,
      kind: 'K',
      status: 'S',
      date: 'D',
      names: 'NS',
      number: 'NO',
      from: 'FR',
      to: 'TO',
      task: 'TK',
      dept: 'DP',
      path: 'P',
      type: 'TY',
      text: 'TX',
      total: 5,
      method: 'M',
      dir: 'DR',
      period: 'PE',
      version: 2,
      by: 'BY',
      year: 2026,
      month: 10,
      q: 3,
    }
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

  it.each(['zh-CN', 'en'] as const)('%s: names every lifecycle value and record field', (locale) => {
    const tr = translator(locale)
    const enumKeys = (kind: string, codes: readonly string[]) => codes.map((c) => `enums.${kind}.${c}`)
    // Bookkeeping the process sets, never shown as a form field.
    const internal = new Set(['versionNo', 'superseded', 'approvedBy', 'approvedAt', 'obtained'])
    const moveFields: MoveField[] = ['department', 'path', 'greenChannel', 'owner', 'reason', 'followUp', 'duplicateOf', 'comment']
    const all = [
      ...enumKeys('path', paths),
      ...enumKeys('role', roles),
      ...enumKeys('roleHint', roles),
      ...enumKeys('moveAction', moveActions),
      ...enumKeys('stage', [...new Set([...pathStages(rules.statuses, 'full'), ...pathStages(rules.statuses, 'short')].map((s) => s.key))]),
      ...enumKeys('quadrant', quadrants),
      ...enumKeys('difficulty', difficulties),
      ...enumKeys('horizon', horizons),
      ...enumKeys('generality', generalities),
      ...enumKeys('researchMethod', researchMethods),
      ...enumKeys('subStatus', subStatuses),
      ...enumKeys('reviewResult', reviewResults),
      ...enumKeys('teamRole', teamRoles),
      ...enumKeys('taskStatus', taskStatuses),
      ...enumKeys('progressType', progressTypes),
      ...enumKeys('exceptionType', exceptionTypes),
      ...enumKeys('feedbackMethod', feedbackMethods),
      ...enumKeys('workKind', workKinds),
      ...enumKeys('recordKind', recordKinds),
      ...workKinds.map((k) => `myWork.hint.${k}`),
      ...boardScopes.map((s) => `board.scope.${s}`),
      ...moveFields.map((f) => `fields.move.${f}`),
      ...recordKinds.flatMap((k) =>
        Object.keys(blankBody(k))
          .filter((f) => !internal.has(f))
          .map((f) => `fields.${k}.${f}`),
      ),
    ]
    for (const k of all) expect(tr.te(k), k).toBe(true)
  })
})
