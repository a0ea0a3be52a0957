// The processing notice's YAML as an input: anything but its three keys, an empty paragraph,
// an alias bomb or a prototype name is refused at file:line:column, and a page never shows it.
import { describe, expect, it } from 'vitest';
import { readProcessingNotice } from '../../engine/project/print/processing-notice.js';
import { checkPrintFiles } from '../../engine/project/print/check-prints.js';
import { readPrintFiles } from '../../engine/project/print/read-prints.js';
import { formsDir } from '../support/forms.js';

const FILE = 'forms/prints/personal-information.yaml';
const good = 'title: 告知\nbasis: 第十七条\nparagraphs:\n  - 一段\n';

describe('a hostile processing notice', () => {
  it.each([
    ['an unknown key', `${good}script: x\n`, /未知的键 script/, 5],
    ['__proto__', `${good}__proto__: { title: x }\n`, /未知的键 __proto__/, 5],
    ['no paragraphs', 'title: 告知\nbasis: 第十七条\n', /paragraphs/, 1],
    ['an empty paragraph', 'title: 告知\nbasis: 第十七条\nparagraphs:\n  - 一段\n  - ""\n', /第 2 项/, 5],
    ['a paragraph that is a map', 'title: 告知\nbasis: 第十七条\nparagraphs:\n  - { a: 1 }\n', /第 1 项/, 4],
    ['a list', '- a\n', /应是一个映射/, 1],
    ['no title', 'basis: 第十七条\nparagraphs: [a]\n', /缺少 title/, 1],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n', /./, undefined],
  ])('%s: refused, naming the place', (_, text, message, line) => {
    const { notice, problems } = readProcessingNotice(text, FILE);
    expect(notice).toBeUndefined();
    expect(problems[0]!.message).toMatch(message);
    expect(problems[0]!.location.file).toBe(FILE);
    if (line !== undefined) expect(problems[0]!.location.line).toBe(line);
  });

  it('the lint refuses the project\'s notice when broken, and takes it as shipped', () => {
    const files = new Map([...readPrintFiles(formsDir)]);
    expect(checkPrintFiles(files)).toEqual([]);
    files.set('prints/personal-information.yaml', 'title: 告知\n');
    expect(checkPrintFiles(files).map((p) => p.location.file)).toContain(FILE);
  });
});
