// Hash history: the Wails asset server and `reqdesk serve` both serve one
// index.html at the root, so routes must live after the #.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export type NavKey = 'intake' | 'requests' | 'customers' | 'settings'

declare module 'vue-router' {
  interface RouteMeta {
    nav?: NavKey
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/intake' },
  { path: '/intake', name: 'intake', component: () => import('./views/IntakeView.vue'), meta: { nav: 'intake' } },
  { path: '/requests', name: 'requests', component: () => import('./views/RequestListView.vue'), meta: { nav: 'requests' } },
  {
    path: '/requests/:id',
    name: 'request',
    component: () => import('./views/RequestDetailView.vue'),
    props: true,
    meta: { nav: 'requests' },
  },
  { path: '/customers', name: 'customers', component: () => import('./views/CustomersView.vue'), meta: { nav: 'customers' } },
  {
    path: '/customers/:id',
    name: 'customer',
    component: () => import('./views/CustomersView.vue'),
    meta: { nav: 'customers' },
  },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { nav: 'settings' } },
  { path: '/:pathMatch(.*)*', redirect: '/intake' },
]

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
