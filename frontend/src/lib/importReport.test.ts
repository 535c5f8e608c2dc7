import { describe, expect, it } from 'vitest'
import type { ImportProblem, ImportReport } from '../api/excel'
import { translator } from '../test/i18n'
import { canConfirm, cellRef, hiddenProblems, noteTexts, problemMessage, problemsText, summaryItems } from './importReport'

function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    dryRun: true,
    applied: false,
    rows: 3,
    created: 2,
    updated: 1,
    skipped: 0,
    customersCreated: 1,
    contactsCreated: 2,
    invalidRows: 0,
    problemCount: 0,
    problems: [],
    notes: [],
    noteKeys: [],
    sheets: ['登记表'],
    ...over,
  }
}

const problem = {
  sheet: '登记表',
  row: 5,
  column: 'C',
  header: '紧急程度',
  field: 'urgency',
  value: '很急',
  message: '紧急程度须为紧急、重要、一般或潜在',
  ref: { key: '' },
}

describe('canConfirm', () => {
  it('allows a clean dry run with rows', () => {
    expect(canConfirm(report())).toBe(true)
  })

  it.each([
    ['no report', null],
    ['problems', report({ problemCount: 1, invalidRows: 1, problems: [problem] })],
    ['no rows', report({ rows: 0, created: 0, updated: 0 })],
    ['not a dry run', report({ dryRun: false, applied: true })],
  ])('refuses %s', (_, r) => {
    expect(canConfirm(r)).toBe(false)
  })
})

describe('summaryItems', () => {
  it('lists the counts and adds invalid rows only when there are some', () => {
    expect(summaryItems(report()).map((i) => i.key)).toEqual(['rows', 'created', 'updated', 'skipped', 'customersCreated', 'contactsCreated'])
    const bad = summaryItems(report({ invalidRows: 2 }))
    expect(bad.at(-1)).toEqual({ key: 'invalidRows', n: 2 })
  })
})

describe('cellRef', () => {
  it.each([
    [{ row: 5, column: 'C' }, 'C5'],
    [{ row: 7, column: '' }, '7'],
    [{ row: 0, column: 'AA' }, 'AA'],
    [{ row: 0, column: '' }, ''],
  ])('%j → %s', (p, want) => {
    expect(cellRef(p)).toBe(want)
  })
})

describe('problems', () => {
  it('counts those left out of the list', () => {
    expect(hiddenProblems(report({ problemCount: 1200, problems: [problem] }))).toBe(1199)
    expect(hiddenProblems(report())).toBe(0)
  })

  it('renders them as tab-separated lines', () => {
    const text = problemsText(report({ problemCount: 1, problems: [{ ...problem, value: '很\t急' }] }), ['工作表', '行', '列', '表头', '内容', '问题'], translator('zh-CN'))
    expect(text.split('\n')).toEqual(['工作表\t行\t列\t表头\t内容\t问题', '登记表\t5\tC\t紧急程度\t很 急\t紧急程度须为紧急、重要、一般或潜在'])
  })
})

describe('problemMessage', () => {
  // A problem as the backend sends it: the Chinese sentence, and the same as a key with params.
  const closed = {
    ...problem,
    message: '需求 XQ-2 的状态是“已归档”，不能再通过导入修改；表中与系统不同的内容：需求描述(简要)、负责人',
    ref: {
      key: 'import_request_closed',
      params: {
        number: 'XQ-2',
        status: { kind: 'enums.status', code: 'archived', name: '已归档' },
        fields: [
          { kind: 'fields.request', code: 'title', name: '需求描述(简要)' },
          { kind: 'fields.request', code: 'owner', name: '负责人' },
        ],
      },
    },
  }

  it('speaks English in the en locale, naming the status and fields in English', () => {
    const text = problemMessage(closed, translator('en'))
    expect(text).not.toMatch(/\p{Script=Han}/u)
    expect(text).toContain('XQ-2')
    expect(text).toContain('Summary')
    expect(text).toContain('Owner')
  })

  it('says in Chinese what the backend says', () => {
    expect(problemMessage(closed, translator('zh-CN'))).toBe(closed.message)
  })

  it('keeps the sentence of a problem without a key', () => {
    expect(problemMessage(problem, translator('en'))).toBe(problem.message)
  })

  it('copies the translated sentence', () => {
    const text = problemsText(report({ problemCount: 1, problems: [closed as unknown as ImportProblem] }), ['s', 'r', 'c', 'h', 'v', 'm'], translator('en'))
    expect(text.split('\n')[1]).toContain('can no longer be changed by an import')
  })
})

describe('noteTexts', () => {
  const r = {
    notes: ['3 行没有填写渠道，已按联系方式记为“电话”或“邮件”', '旧的说明'],
    noteKeys: [{ key: 'import_note_channel_inferred', params: { n: 3 } }],
  }

  it('speaks English in the en locale', () => {
    const [first, second] = noteTexts(r, translator('en'))
    expect(first).toBe('3 rows have no channel: it was set to phone or email from the contact details')
    expect(second).toBe('旧的说明') // a note without a key keeps its sentence
  })

  it('says in Chinese what the backend says', () => {
    expect(noteTexts(r, translator('zh-CN'))[0]).toBe(r.notes[0])
  })

  it('names a mapped urgency in the UI language', () => {
    const u = {
      notes: ['紧急程度的写法已对应为：高 按“紧急”（2 行）'],
      noteKeys: [
        {
          key: 'import_note_urgencies',
          params: { mappings: [{ key: 'import_note_urgency_word', params: { word: '高', urgency: { kind: 'enums.urgency', code: 'urgent', name: '紧急' }, n: 2 } }] },
        },
      ],
    }
    expect(noteTexts(u, translator('zh-CN'))[0]).toBe(u.notes[0])
    expect(noteTexts(u, translator('en'))[0]).toMatch(/^Urgencies were read as: 高 as “Urgent” \(2 rows\)$/)
  })
})
