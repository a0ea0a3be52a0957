// docs/guide.md's examples are YAML a reader copies: each block parses, and every operator,
// derived function and command it names exists, so a rename in the engine shows here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { operatorsByName } from '../../engine/core/operators.js';
import { derivedFunctions } from '../../engine/core/derived/registry.js';
import { root } from '../support/regulation.js';
import { tiaoli } from '../support/cli.js';

const guide = readFileSync(join(root, 'docs', 'guide.md'), 'utf8');
const blocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('docs/guide.md', () => {
  it('has YAML examples that parse', () => {
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(parseDocument(block).errors.map((e) => e.message), block.slice(0, 80)).toEqual([]);
  });

  it('names only operators and derived functions the engine has', () => {
    const operators = [...guide.matchAll(/operator: ([A-Za-z]+)/g)].map((m) => m[1]);
    expect(operators.length).toBeGreaterThan(5);
    for (const o of operators) expect(operatorsByName.has(o), o).toBe(true);
    const functionsIn = (text: string) => [...text.matchAll(/(?:function: |`)([a-z][A-Za-z]+)\(/g)].map((m) => m[1]!);
    for (const f of functionsIn(guide)) expect(derivedFunctions.has(f), f).toBe(true);
    // and the table of derived functions names every one
    for (const name of derivedFunctions.keys()) expect(guide, name).toContain(`\`${name}(`);
  });

  it('names only commands the command line has', () => {
    const help = tiaoli(['--help']).stdout;
    const commands = new Set([...guide.matchAll(/`tiaoli ([a-z]+)/g)].map((m) => m[1]));
    for (const c of commands) expect(help, c).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });
});
