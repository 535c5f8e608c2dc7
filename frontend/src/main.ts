import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { adoptKey } from './api/sessionKey'
import { makeI18n, storedLocale } from './i18n'
import { makeRouter } from './router'
import './style.css'

// Opened from serve mode's one-time link: keep the session key it hands
// over, and take it out of the address bar before the router reads it.
const shown = adoptKey(window.location.hash)
if (shown !== null) window.history.replaceState(null, '', window.location.pathname + window.location.search + shown)

const locale = storedLocale()
document.documentElement.lang = locale

createApp(App).use(createPinia()).use(makeRouter()).use(makeI18n(locale)).mount('#app')
