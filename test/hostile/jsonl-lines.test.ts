// `decide --jsonl` and an over-long line (issue 23 item 5): one line of megabytes is refused
// with an error naming its line number, and the lines after it are decided as usual. Before,
// a 16 MB line took 20 s (each chunk joined to the whole unfinished line and split again),
// and a line of any length was read whole.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LineCutter, MAX_LINE, overlongMessage } from '../../engine/cli/jsonl-lines.js';
import { tiaoli } from '../support/cli.js';
import { root } from '../support/regulation.js';

const fixture = parse(readFileSync(join(root, 'test/cases/12-materials/only-one-photo.yaml'), 'utf8'));
const good = JSON.stringify({ asOf: fixture.asOf, facts: fixture.facts });

describe('decide --jsonl with an over-long line', () => {
  it('answers it with an error naming its number (3 MB of one JSON string) and decides the lines after it', () => {
    const long = JSON.stringify({ asOf: fixture.asOf, facts: { ...fixture.facts, note: 'x'.repeat(3 * MAX_LINE) } });
    const r = tiaoli(['decide', '--jsonl', '--brief'], `${good}\n${long}\n${good}\n\n${good}`);
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers).toHaveLength(4);
    expect(answers[1].error).toBe(`第 2 行：这一行太长（${long.length.toLocaleString('en-US')} 个字符，一行最多 1,048,576 个，即 1 MiB）：每行应是一个案件的 JSON，未读取`);
    for (const i of [0, 2, 3]) expect(answers[i].decisions.application.outcome).toBe('notice');
    expect(r.status).toBe(1);
  });

  it('an over-long last line without a newline is refused too', () => {
    const r = tiaoli(['decide', '--jsonl', '--brief'], `${good}\n${'['.repeat(MAX_LINE + 1)}`);
    const answers = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers[1].error).toMatch(/^第 2 行：这一行太长（1,048,577 个字符/);
  });
});

describe('the line cutter', () => {
  it('cuts lines across chunks as split would, keeping none longer than its limit', () => {
    const cutter = new LineCutter(10);
    const chunks = ['ab', 'c\nde', 'f\n\n', '0123456789', 'X\nlast'];
    const lines = [...chunks.flatMap((c) => cutter.push(c)), ...cutter.end()];
    expect(lines.slice(0, 3)).toEqual(['abc', 'def', '']);
    expect(overlongMessage(lines[3])).toMatch(/^这一行太长（11 个字符/);
    expect(lines[4]).toBe('last');
    expect(overlongMessage('{"a": 1}')).toBeUndefined();
  });

  it('a line exactly at the limit is kept', () => {
    const cutter = new LineCutter(4);
    expect([...cutter.push('ab'), ...cutter.push('cd\n')]).toEqual(['abcd']);
  });
});
