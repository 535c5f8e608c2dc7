import type { GlobalThemeOverrides } from 'naive-ui'

/** fontFamily prefers the CJK system fonts of Linux, Windows and macOS; no web font is loaded. */
export const fontFamily =
  "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Source Han Sans SC', " +
  "'WenQuanYi Micro Hei', system-ui, -apple-system, 'Segoe UI', sans-serif"

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    fontFamily,
    fontFamilyMono: "ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', 'Noto Sans Mono', monospace",
    primaryColor: '#1f6feb',
    primaryColorHover: '#3b82f6',
    primaryColorPressed: '#1a5fd0',
    primaryColorSuppl: '#3b82f6',
  },
}
