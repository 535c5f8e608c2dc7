import { describe, expect, it } from 'vitest'
import { createSSRApp, h } from 'vue'
import { renderToString, type SSRContext } from 'vue/server-renderer'
import FormModal from './FormModal.vue'

async function render(props: { show: boolean; title: string; [attr: string]: unknown }) {
  const app = createSSRApp({ render: () => h(FormModal, props, { default: () => h('p', 'body'), footer: () => h('b', 'foot') }) })
  const ctx: SSRContext = {}
  const html = await renderToString(app, ctx)
  return html + Object.values(ctx.teleports ?? {}).join('')
}

describe('FormModal', () => {
  it('shows a card with the title, the content and the footer', async () => {
    const html = await render({ show: true, title: '新增联系人', 'data-testid': 'contact-modal' })
    expect(html).toContain('新增联系人')
    expect(html).toContain('<p>body</p>')
    expect(html).toContain('<b>foot</b>')
    expect(html).toContain('data-testid="contact-modal"')
  })
  it('shows nothing when closed', async () => {
    const html = await render({ show: false, title: '新增联系人' })
    expect(html).not.toContain('body')
  })
})
