// The Settings window's own strings (its frame and navigation) in both languages.
export default {
  'en-US': {
    settings: {
      nav: { label: 'Settings sections', gpu: 'GPU', gpuCaption: 'Cards, sharing modes and apps' },
    },
  },
  'zh-CN': {
    settings: {
      nav: { label: '设置分类', gpu: 'GPU', gpuCaption: '显卡、共享模式与应用' },
    },
  },
};
