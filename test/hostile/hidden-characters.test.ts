// Text that cannot lie (issue 23 item 1). A bidi control (U+202A–202E, U+2066–2069, U+200E/F,
// U+061C), a zero-width character (U+200B–200D, U+2060, U+FEFF) or a C0/C1 control in a name
// or any free-text field is refused where it comes in — case files, `decide --jsonl`, counter
// forms, offices.yaml, `print --operator`, print templates, the register's fields — at
// file:line:column or the form field, in Chinese. And whatever reaches a page, each printed
// value is isolated (<bdi>): before, an RLO in the applicant's name printed the ID number
// after it backwards on the 不予办理告知书.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCase, parseCase } from '../../engine/model/case/validate-case.js';
import { checkText } from '../../engine/core/decode-text.js';
import { buildPrintTemplates, renderPrint } from '../../engine/project/print/render-print.js';
import { readPrintFiles } from '../../engine/project/print/read-prints.js';
import { checkTemplate } from '../../engine/project/print/check-template.js';
import { readOffices } from '../../engine/project/offices/read-offices.js';
import { validateForm } from '../../engine/project/forms/validate-form.js';
import { formatProblem } from '../../engine/core/source-file.js';
import { qujing, root } from '../support/regulation.js';
import { resolved } from '../support/forms.js';
import { tiaoli } from '../support/cli.js';

const RLO = '\u202E';
const HIDDEN = [
  '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
  '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF',
  '\u0001', '\u0007', '\u001B', '\u007F', '\u0085', '\u009B',
];
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

const CASE_FILE = 'test/cases/12-materials/only-one-photo.yaml';
const INELIGIBLE = 'test/cases/13-application/half-year-one-day-short-ineligible.yaml';
const caseText = readFileSync(join(root, CASE_FILE), 'utf8');
const withName = (name: string) => caseText.replace('  person:\n', `  person:\n    name: ${name}\n`);
const tmp = () => mkdtempSync(join(tmpdir(), 'tiaoli-hidden-'));

describe('a case: each hidden character refused at its line and column', () => {
  it.each(HIDDEN)('%j in person.name', (c) => {
    const text = withName(`张${c}三`);
    const { case: accepted, problems } = parseCase(qujing().regulation, text, 'case.yaml');
    expect(accepted).toBeUndefined();
    expect(problems).toHaveLength(1);
    // line 5 (`    name: 张…`), the character after 张
    expect(problems[0].location).toEqual({ file: 'case.yaml', line: 5, column: 12 });
    expect(problems[0].message).toContain(hex(c));
    expect(problems[0].message).toMatch(/不可见.*请删/);
  });

  it('written as an escape in double quotes ("\\u202E"), refused at the value that holds it', () => {
    const text = withName('"李\\u202E娜"');
    const { problems } = parseCase(qujing().regulation, text, 'case.yaml');
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^case\.yaml:5:11: facts\.person\.name含有不可见字符 U\+202E（从右到左强制符）/)]);
  });

  it('a key holding one is refused too, and data given as JSON names the field', () => {
    const data = parse(caseText);
    data.facts.person.name = `王${RLO}五`;
    expect(checkCase(qujing().regulation, data).problems[0].message).toMatch(/^facts\.person\.name含有不可见字符 U\+202E/);
    const keyed = parse(caseText);
    keyed.facts.person[`name${'\u200B'}`] = '王五';
    expect(checkCase(qujing().regulation, keyed).problems[0].message).toMatch(/^facts\.person\.name\u200B 的名字含有不可见字符 U\+200B（零宽空格）/);
  });

  it('tab, line feed and carriage return are text; so are Chinese, the ideographic space and ·', () => {
    expect(checkText('x', 'a\tb\r\nc　买买提·艾力').problems).toEqual([]);
    expect(parseCase(qujing().regulation, withName('"买买提·艾力"'), 'case.yaml').problems).toEqual([]);
  });

  it('tiaoli decide names the file, line and column, exit 1', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'rlo.yaml'), withName(`张三${RLO}`));
    const r = tiaoli(['decide', join(dir, 'rlo.yaml')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`rlo.yaml:5:13: 含有不可见字符 U+202E（从右到左强制符）`);
  });

  it('decide --jsonl: a line with an escaped RLO is an error naming the line and the field; the next line is decided', () => {
    const data = parse(caseText);
    data.facts.person.name = `赵${RLO}六`;
    const good = parse(caseText);
    const literal = JSON.stringify(data);
    const escaped = literal.replace(RLO, '\\u202e');
    const r = tiaoli(['decide', '--jsonl', '--brief'], `${escaped}\n${literal}\n${JSON.stringify(good)}\n`);
    const [first, second, third] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(first.error).toMatch(/^第 1 行：facts\.person\.name含有不可见字符 U\+202E/);
    expect(second.error).toBe(`第 2 行：第 ${literal.indexOf(RLO) + 1} 列：含有不可见字符 U+202E（从右到左强制符）：它看不见，却会改变文字的显示顺序或让两段看似相同的文字不同；请删去`);
    expect(third.decisions.application.outcome).toBe('notice');
    expect(r.status).toBe(1);
  });
});

describe('other inputs', () => {
  it('a counter form: the field named by its title, in Chinese', () => {
    const data = parse(readFileSync(join(root, 'test/forms/permit-application-complete.yaml'), 'utf8'));
    data.applicant.name = `张${'\u200D'}伟`;
    data.residence.address = `寥廓街道${RLO}1号`;
    const problems = validateForm(resolved('permit-application', qujing().regulation, data.acceptedOn), data);
    const name = problems.find((p) => p.code === 'form.visibleText' && p.message.includes('applicant.name'));
    expect(name?.message).toMatch(/申领人 › 姓名（applicant\.name）：含有不可见字符 U\+200D（零宽连字）/);
  });

  it('offices.yaml: an office name with an RLO, at its line and column', () => {
    const text = readFileSync(join(root, 'forms/offices.yaml'), 'utf8');
    const edited = text.replace('name: 曲靖市公安局麒麟分局\n', `name: 曲靖市公安局${RLO}麒麟分局\n`);
    expect(edited).not.toBe(text);
    const line = edited.slice(0, edited.indexOf(RLO)).split('\n').length;
    const { problems } = readOffices(edited, 'forms/offices.yaml');
    expect(problems.map(formatProblem)).toContain(`forms/offices.yaml:${line}:17: 含有不可见字符 U+202E（从右到左强制符）：它看不见，却会改变文字的显示顺序或让两段看似相同的文字不同；请删去 [text.hiddenCharacter]`);
  });

  it('tiaoli print --operator with a zero-width space: refused, nothing printed', () => {
    const r = tiaoli(['print', 'notice', CASE_FILE, '--operator', `赵${'\u200B'}敏`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^--operator：含有不可见字符 U\+200B（零宽空格）/);
  });

  it('a print template with an RLO in its text, at line:column', () => {
    expect(checkTemplate(`<p>\n  申领人${RLO}签收</p>`, 'forms/prints/notice.hbs').map(formatProblem)).toEqual([
      expect.stringMatching(/^forms\/prints\/notice\.hbs:2:6: 打印模板含有不可见字符 U\+202E/),
    ]);
  });
});

describe('a printed page: every value isolated, so none can reorder what follows', () => {
  it('an RLO in the name (not checked, straight to the page) stays inside its <bdi>; the ID number is its own', async () => {
    const decider = qujing();
    const input = parse(readFileSync(join(root, INELIGIBLE), 'utf8'));
    input.facts.person.name = `张三${RLO}`;
    const document = await decider.decide({ asOf: input.asOf, facts: input.facts });
    const page = renderPrint(buildPrintTemplates(readPrintFiles(join(root, 'forms'))), 'refusal', { regulation: decider.regulation, input, document, operator: `赵敏${RLO}` });
    expect(page).toContain('不予办理告知书');
    expect(page).toContain(`<bdi>张三${RLO}</bdi>（公民身份号码：<bdi>${input.facts.person.idNumber}</bdi>）`);
    expect(page).toContain(`经办人：<bdi>赵敏${RLO}</bdi>`);
    // no RLO anywhere outside an isolate
    const outside = page.replace(/<bdi>[^<]*<\/bdi>/g, '');
    expect(outside).not.toContain(RLO);
    // the page's <title> is text, not markup: left as it was
    expect(page).toMatch(/<title>[^<]*不予办理告知书<\/title>/);
  });
});
