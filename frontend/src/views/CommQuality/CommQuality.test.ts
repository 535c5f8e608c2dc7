import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { renderView, text } from '../../test/render'
import ChecksTab from './ChecksTab.vue'
import MeasuresTab from './MeasuresTab.vue'
import ScriptsTab from './ScriptsTab.vue'

// Rendering reaches no backend: the calls are made once mounted in a browser.
vi.mock('../../api/comm', () => ({}))

let pinia: Pinia
beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
})

describe('沟通质量', () => {
  it('names every part in Chinese, with no message key left untranslated', async () => {
    const words = text((await renderView(ScriptsTab, pinia)) + (await renderView(ChecksTab, pinia)) + (await renderView(MeasuresTab, pinia)))
    for (const w of ['新建话术', '每周抽检', '抽检周', '抽样种子', '抽取本人的样本', '抽检设置与检查表', '每渠道抽样数', '合格线（%）', '添加检查项', '刷新']) {
      expect(words).toContain(w)
    }
    expect(words).not.toMatch(/quality\.|scripts\./)
  })

  it('has the same in English', async () => {
    const words = text((await renderView(ChecksTab, pinia, {}, 'en')) + (await renderView(ScriptsTab, pinia, {}, 'en')))
    for (const w of ['Weekly check', 'Draw my sample', 'Pass mark (%)', 'New script']) expect(words).toContain(w)
    expect(words).not.toMatch(/[\u4e00-\u9fff]/)
  })
})
