// ESLint (flat config), run by `npm run lint`: the recommended JavaScript and
// typescript-eslint rules, plus the type-aware rules that catch promises nobody awaits or
// that are used as a condition. Two choices:
// - `any` is allowed: what remains is at JSON boundaries (JSON Schemas, form schemas,
//   json-rules-engine results, jsonforms), each checked by ajv or a shape check before use;
// - a promise may be passed where a callback's result is ignored (setTimeout, Node's
//   request listener, json-rules-engine's handlers, which it awaits with emitAsync).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import i18next from 'eslint-plugin-i18next';

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'engine/dist/**', 'node_modules/**', 'studio/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The studio's words go through studio/src/shared/i18n.ts, in Chinese and English: no
    // literal text in its components, neither as JSX text nor in the attributes a person
    // reads or a screen reader speaks. Class names, keys, test ids, hrefs are not words.
    files: ['studio/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': ['error', {
        mode: 'jsx-only',
        'jsx-attributes': { include: ['aria-label', 'aria-description', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label'], exclude: ['.*'] },
        // symbols (→ ✓ ⊘ ✗ ● ☰ ⚠ · … —, brackets) and codes are not words to translate
        words: { exclude: ['[\\s0-9!-/:-@[-`{-~→✓⊘✗●☰⚠·…—《》〔〕（）]*', '[A-Z_-]+', '\\s*ms\\s*'] },
        // text handled as data (file paths, joined lists), not shown as the studio's words
        callees: { exclude: ['t', 'fill', 'replace', 'split', 'join', 'startsWith', 'endsWith', 'includes', 'getElementById', 'addEventListener', 'removeEventListener', 'querySelectorAll', 'test', 'go', 'href'] },
      }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
