// docs/reference.md is made from the engine (engine/cli/build/reference-text.ts): it must be
// what the script writes now, so a key, operator or derived function added or changed
// without running `npm run docs:reference` fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceText } from '../../engine/cli/build/reference-text.js';
import { operators } from '../../engine/core/operators.js';
import { derivedFunctions } from '../../engine/core/derived/registry.js';
import { root } from '../support/regulation.js';

const committed = readFileSync(join(root, 'docs', 'reference.md'), 'utf8');
const made = referenceText();

describe('docs/reference.md', () => {
  it('is what npm run docs:reference writes', () => {
    if (committed !== made) {
      const a = committed.split('\n');
      const b = made.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      expect.fail(`docs/reference.md 与引擎不一致（第 ${line + 1} 行起：已提交 ${JSON.stringify(a[line] ?? '')}，应为 ${JSON.stringify(b[line] ?? '')}）。请运行 npm run docs:reference 并提交 docs/reference.md。`);
    }
  });

  it('names every operator and every derived function with each of its arguments', () => {
    for (const o of operators) expect(made).toContain(`| \`${o.name}\` | ${o.reads} |`);
    for (const fn of derivedFunctions.values()) {
      expect(made).toContain(`### \`${fn.name}(`);
      expect(made).toContain(fn.label);
      for (const [name, a] of Object.entries(fn.args)) expect(made).toContain(`- \`${name}\`${a.optional ? ' (optional)' : ''}: ${a.type} — ${a.label}`);
    }
  });

  it('names every key of the rule files, required ones marked', () => {
    for (const key of ['`rules[].when` | map | yes', '`NAME.readAt`', '`alternatives[].rulesOff`', '`decisions.NAME.fields.NAME.type`', '`mapping.facts[].from`', '`requirements.NAME.needs.NAME.satisfiedBy`']) {
      expect(made).toContain(key);
    }
  });
});
