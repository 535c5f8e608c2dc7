import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { computed, defineComponent, h } from 'vue'
import { blankBody, type StageRecord } from '../../api/records'
import type { RequestDetail } from '../../api/types'
import { renderView, text } from '../../test/render'
import ComplaintPanel from './ComplaintPanel.vue'
import { provideWorkspace } from './workspace'

vi.mock('../../api/complaints', () => ({}))

function complaint(id: string, patch: Partial<StageRecord<'complaint'>['body']>): StageRecord<'complaint'> {
  return {
    id,
    requestId: 'q1',
    kind: 'complaint',
    parentId: '',
    body: { ...blankBody('complaint'), ...patch },
    createdBy: '李娜',
    createdAt: '2026-10-09T01:00:00Z',
    updatedAt: '2026-10-09T01:00:00Z',
    version: 1,
  }
}

const open = complaint('c1', {
  receivedAt: '2026-10-09T02:00:00Z',
  complainant: '张伟',
  channel: '电话',
  cause: 'timeliness',
  content: '两天没人回复',
  status: 'registered',
})
const closed = complaint('c2', {
  receivedAt: '2026-10-08T02:00:00Z',
  complainant: '张伟',
  cause: 'attitude',
  content: '语气生硬',
  status: 'closed',
  investigator: '王强',
  findings: '未按话术应答',
  responsible: '李娜',
  measures: '话术培训',
  answer: '已致歉',
  answeredAt: '2026-10-08T06:00:00Z',
  answeredBy: '王强',
  accepted: true,
})

function withWorkspace(records: StageRecord[]) {
  return defineComponent({
    setup() {
      provideWorkspace({
        detail: computed(() => ({ request: { id: 'q1', fields: {} } }) as unknown as RequestDetail),
        records: computed(() => records),
        readOnly: computed(() => true),
        reload: async () => {},
      })
      return () => h(ComplaintPanel)
    },
  })
}

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('ComplaintPanel', () => {
  it('lists the complaints, the latest first, each with its status and next step, on a closed request too', async () => {
    const html = await renderView(withWorkspace([closed, open]), pinia)
    const words = text(html)
    expect(words.indexOf('两天没人回复')).toBeLessThan(words.indexOf('语气生硬'))
    expect(words).toContain('已登记')
    expect(words).toContain('处理时效')
    expect(words).toContain('张伟 · 电话')
    expect(html).toContain('data-testid="complaint-action-accept"')
    expect(words).toContain('受理调查')
    // The closed one: its findings and answer, no step left.
    expect(words).toContain('已结案')
    expect(words).toMatch(/调查结论 未按话术应答/)
    expect(words).toMatch(/责任人 李娜/)
    expect(words).toContain('王强 于 2026-10-08 14:00 答复')
    expect(words).toContain('接受')
    expect(html.match(/data-testid="complaint-action-/g)).toHaveLength(1)
    expect(html).toContain('data-testid="complaint-register"')
  })

  it('says so when there is none, in English too', async () => {
    expect(text(await renderView(withWorkspace([]), pinia))).toContain('这条需求没有投诉')
    const en = text(await renderView(withWorkspace([open]), pinia, {}, 'en'))
    expect(en).toContain('Registered')
    expect(en).toContain('Take up')
  })
})
