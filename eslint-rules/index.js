// The repo's own ESLint plugin ("olares"): rules that encode the architecture, enabled in eslint.config.js.
import appBoundaries from './app-boundaries.js';

/** @type {import('eslint').ESLint.Plugin} */
const plugin = {
  meta: { name: 'eslint-plugin-olares', version: '0.1.0' },
  rules: { 'app-boundaries': appBoundaries },
};

export default plugin;
