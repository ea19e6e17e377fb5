// Files' transfers strings in both languages: `files.*` for the UI and `errors['files.…']` for the server's reasons.
export default {
  'en-US': { files: {}, errors: {} },
  'zh-CN': { files: {}, errors: {} },
};
