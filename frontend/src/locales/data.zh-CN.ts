// Data and files: the company logo, export progress, backups and restore,
// and the damaged-database screen. Merged into zh-CN.ts as its `data`
// section; data.en.ts has the same keys.
export const data = {
  export: {
    progress: '已写入 {written} / {total} 行',
    saving: '{total} 行已写完，正在生成文件…',
    cancel: '取消导出',
    cancelled: '已取消导出，未保存任何文件',
    notSaved: '未选择保存位置，导出的表格未保存',
  },
  logo: {
    label: '公司标志',
    help: '打印在每份文档的页眉左侧。PNG 或 JPEG，不超过 {max}；已生成的文档保留生成时的标志。',
    choose: '选择图片',
    replace: '更换图片',
    remove: '移除标志',
    removeConfirm: '之后生成的文档将不再打印标志，确定移除？',
    none: '未设置标志',
    saved: '已更新公司标志，之后生成的文档将使用它',
    removed: '已移除公司标志',
    describe: '{mime}，{width}×{height} 像素，{size}',
    problem: {
      empty: '所选文件是空的',
      type: '公司标志只能是 PNG 或 JPEG 图片',
      size: '公司标志图片不能超过 {max}，所选文件 {size}',
    },
  },
}
