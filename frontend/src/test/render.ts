// renderView renders a component to HTML on the server side, as the
// component tests do without a DOM: with the app's i18n, a router, Pinia and
// Naive UI's message and dialog providers; teleported parts are appended.
// Naive UI's styles go into the SSR context (css-render's SSR mode, which
// naive-ui brings) instead of a document the tests do not have.
import { setup as ssrStyles } from '@css-render/vue3-ssr'
import { NDialogProvider, NMessageProvider } from 'naive-ui'
import type { Pinia } from 'pinia'
import { createSSRApp, h, type Component } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { renderToString, type SSRContext } from 'vue/server-renderer'
import { makeI18n, type Locale } from '../i18n'

export async function renderView(
  component: Component,
  pinia: Pinia,
  props: Record<string, unknown> = {},
  locale: Locale = 'zh-CN',
): Promise<string> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
  })
  const app = createSSRApp({
    render: () => h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(component, props))),
  })
  app.use(pinia).use(router).use(makeI18n(locale))
  ssrStyles(app)
  await router.push('/')
  await router.isReady()
  const ctx: SSRContext = {}
  const html = await renderToString(app, ctx)
  return html + Object.values(ctx.teleports ?? {}).join('')
}

/** text strips the tags of rendered HTML, leaving what a reader sees (comments too). */
export function text(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim()
}
