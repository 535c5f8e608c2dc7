import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { makeI18n, storedLocale } from './i18n'
import { makeRouter } from './router'
import './style.css'

const locale = storedLocale()
document.documentElement.lang = locale

createApp(App).use(createPinia()).use(makeRouter()).use(makeI18n(locale)).mount('#app')
