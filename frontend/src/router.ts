// Hash history: the Wails asset server and `reqdesk serve` both serve one
// index.html at the root, so routes must live after the #.
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'

export type NavKey = 'dashboard' | 'reports' | 'intake' | 'myWork' | 'requests' | 'board' | 'customers' | 'complaints' | 'value' | 'timeLimits' | 'quality' | 'settings'

declare module 'vue-router' {
  interface RouteMeta {
    nav?: NavKey
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/dashboard' },
  { path: '/dashboard', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { nav: 'dashboard' } },
  { path: '/intake', name: 'intake', component: () => import('./views/IntakeView.vue'), meta: { nav: 'intake' } },
  { path: '/my-work', name: 'myWork', component: () => import('./views/MyWorkView.vue'), meta: { nav: 'myWork' } },
  { path: '/requests', name: 'requests', component: () => import('./views/RequestListView.vue'), meta: { nav: 'requests' } },
  { path: '/board', name: 'board', component: () => import('./views/BoardView.vue'), meta: { nav: 'board' } },
  { path: '/reports', name: 'reports', component: () => import('./views/ReportsView.vue'), meta: { nav: 'reports' } },
  {
    path: '/requests/:id',
    name: 'request',
    component: () => import('./views/RequestDetail/index.vue'),
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
  {
    path: '/time-limits',
    name: 'timeLimits',
    component: () => import('./views/TimeLimitsView.vue'),
    meta: { nav: 'timeLimits' },
  },
  { path: '/quality', name: 'quality', component: () => import('./views/CommQuality/index.vue'), meta: { nav: 'quality' } },
  {
    path: '/complaints',
    name: 'complaints',
    component: () => import('./views/ComplaintsView.vue'),
    meta: { nav: 'complaints' },
  },
  { path: '/value', name: 'value', component: () => import('./views/ValueView.vue'), meta: { nav: 'value' } },
  { path: '/settings', name: 'settings', component: () => import('./views/SettingsView.vue'), meta: { nav: 'settings' } },
  {
    path: '/sync/conflicts',
    name: 'syncConflicts',
    component: () => import('./views/SyncConflictsView.vue'),
    meta: { nav: 'settings' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/dashboard' },
]

export function makeRouter() {
  return createRouter({ history: createWebHashHistory(), routes })
}
