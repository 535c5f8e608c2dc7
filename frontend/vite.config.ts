import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The built app is embedded in the Go binary and served either by the Wails
// asset server or by `reqdesk serve`, both from the root, so paths are relative
// to it and nothing is loaded from elsewhere.
export default defineConfig({
  base: './',
  plugins: [vue()],
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test/setup.ts'],
  },
})
