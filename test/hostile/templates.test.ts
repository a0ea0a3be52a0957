// Print templates are untrusted: anyone who can save a file can write one. Before issue 7
// a template reached Object → Function through the `label` helper and ran code in
// `tiaoli print` (and in the studio's origin). Each test here pins one way in.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { checkProject } from '../../engine/project/check-project.js';
import { readTextFiles } from '../../engine/model/load-regulation.js';
import { formatProblem } from '../../engine/core/source-file.js';
import { checkTemplate } from '../../engine/project/print/check-template.js';
import { checkPrintFiles } from '../../engine/project/print/check-prints.js';
import { printHelpers } from '../../engine/project/print/print-helpers.js';
import { plainData } from '../../engine/project/print/plain-data.js';
import { buildPrintTemplates, COMPILE, NothingToPrint, PrintError, printHandlebars, renderPrint, RUNTIME } from '../../engine/project/print/render-print.js';
import { readPrintFiles } from '../../engine/project/print/read-prints.js';
import type { CaseInput } from '../../engine/explain/decider.js';
import { projectCopy } from '../support/project-copy.js';
import { qujing, root } from '../support/regulation.js';

const bin = join(root, 'engine', 'cli', 'bin.js');
const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

const g = globalThis as Record<string, unknown>;

/**
 * The exploit as filed: `label "constructor"` is Object; its own getPrototypeOf and
 * getOwnPropertyDescriptor reach Function and Function.prototype.apply; `each` over a
 * one-item list makes Function the context, and `with` calls what apply builds.
 */
const exploit = (code: string): string =>
  `{{#each (list (label "constructor")) as |O|}}{{#each (list (O.getPrototypeOf O)) as |FP|}}` +
  `{{#each (list (O.getOwnPropertyDescriptor FP "constructor")) as |F|}}{{#each (list (O.getOwnPropertyDescriptor FP "apply")) as |A|}}` +
  `{{#each (list F.value) as |fn|}}{{#with (A.value null (list ${JSON.stringify(code)}))}}{{this}}{{/with}}` +
  '{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}';

const projectFiles = (dir: string): Record<string, string> => {
  const files: Record<string, string> = {};
  for (const sub of ['rules', 'forms', 'test/cases']) for (const [p, t] of readTextFiles(join(dir, sub), /\.(ya?ml|txt|hbs)$/)) files[`${sub}/${p}`] = t;
  return files;
};

const onlyPhoto = parse(readFileSync(join(root, 'test/cases/12-materials/only-one-photo.yaml'), 'utf8'));
const input: CaseInput = { asOf: onlyPhoto.asOf, facts: onlyPhoto.facts };
const documentOnce = qujing().decide(input);

/** The real prints folder with `notice.hbs` replaced. */
const templatesWith = (notice: string, layout?: string) => {
  const files = new Map([...readPrintFiles(join(root, 'forms'))]);
  files.set('prints/notice.hbs', notice);
  if (layout !== undefined) files.set('prints/layout.hbs', layout);
  return buildPrintTemplates(files);
};

async function render(notice: string, layout?: string): Promise<string> {
  return renderPrint(templatesWith(notice, layout), 'notice', { regulation: qujing().regulation, input, document: await documentOnce });
}

describe('the exploit: a template reaching Function', () => {
  it('runs nothing when rendered: refused at its line before it is compiled', async () => {
    delete g.__tiaoliPwned;
    const error = await render(exploit('globalThis.__tiaoliPwned = 1; return "ran"')).catch((e) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect(g.__tiaoliPwned).toBeUndefined();
    const codes = (error as PrintError).problems.map((p) => `${p.location.line}:${p.location.column} ${p.code}`);
    expect(codes).toContain('1:60 print.unknownHelper'); // (O.getPrototypeOf O): only our helpers may be called
    expect(codes).toContain('1:255 print.refusedHelper'); // #with calls its context when it is a function
  });

  it('even unchecked, the compiler and runtime settings stop it: nothing runs', async () => {
    delete g.__tiaoliPwned;
    const hb = printHandlebars(qujing().regulation, '2019-09-16');
    const data = plainData({ person: { name: 'x' }, facts: {} });
    // as filed, and without #with (each calls a function context too), and as a bare lambda
    const variants = [
      exploit('globalThis.__tiaoliPwned = 1'),
      exploit('globalThis.__tiaoliPwned = 1').replace('{{#with (A.value null (list', '{{#each (list (A.value null (list').replace('{{this}}{{/with}}', '{{this}}{{/each}}'),
      '{{#each (list (label "constructor")) as |O|}}{{O}}{{O.prototype}}{{O.constructor}}{{/each}}',
      '{{#each (list (label "__proto__")) as |P|}}{{P.constructor}}{{P.__defineGetter__}}{{/each}}',
      '{{person.constructor.constructor}}{{person.__proto__}}{{lookup person "constructor"}}',
    ];
    for (const template of variants) {
      try {
        hb.compile(template, COMPILE)(data, RUNTIME);
      } catch {
        // refused at compile time (unknown helper) or run time: either way nothing ran
      }
    }
    expect(g.__tiaoliPwned).toBeUndefined();
  });

  it('the helpers hand back no inherited value, whatever name they are given', () => {
    const helpers = printHelpers(qujing().regulation, '2019-09-16');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype']) {
      for (const helper of ['label', 'labels', 'articlesOf', 'requirements', 'requirementMaterials', 'quote', 'join', 'list', 'concat'] as const) {
        const out = helpers[helper](name, { hash: {}, data: {} });
        const walk = (x: unknown): void => {
          expect(typeof x).not.toBe('function');
          if (x && typeof x === 'object') {
            if (!Array.isArray(x)) expect(Object.getPrototypeOf(x)).toBeNull();
            Object.values(x).forEach(walk);
          }
        };
        walk(out);
      }
    }
    expect(helpers.label('constructor', {})).toBe('constructor');
  });

  it('the data a template sees has no prototype anywhere', () => {
    const data = plainData({ a: { b: [{ c: 1, f: () => 1 }], d: new Map([['x', 1]]) }, g: Object.create({ inherited: 1 }) }) as any;
    expect(Object.getPrototypeOf(data)).toBeNull();
    expect(Object.getPrototypeOf(data.a.b[0])).toBeNull();
    expect('f' in data.a.b[0]).toBe(false);
    expect(data.g.inherited).toBeUndefined();
    expect(data.a.d.x).toBe(1);
  });

  it('tiaoli print and tiaoli lint refuse it; nothing is written', () => {
    const dir = projectCopy();
    const marker = join(mkdtempSync(join(tmpdir(), 'tiaoli-pwned-')), 'pwned');
    writeFileSync(join(dir, 'forms/prints/notice.hbs'), exploit(`process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(marker)}, "ran"); return "ran"`));
    const printed = run(dir, ['print', 'notice', 'test/cases/12-materials/only-one-photo.yaml']);
    expect(existsSync(marker)).toBe(false);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toMatch(/^forms\/prints\/notice\.hbs:1:\d+: /m);
    expect(printed.stderr).not.toMatch(/\n\s+at /);
    expect(printed.status).toBe(2);
    const linted = run(dir, ['lint']);
    expect(linted.status).toBe(1);
    expect(linted.stdout).toMatch(/^forms\/prints\/notice\.hbs:1:\d+: 未知的 helper：O\.getPrototypeOf/m);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('every refusal, at its line and column', () => {
  const lines = (...xs: string[]) => xs.join('\n');
  it.each([
    ['a built-in that looks names up at run time', lines('<p>', '  {{lookup person "constructor"}}'), '2:3', 'print.refusedHelper'],
    ['#with', lines('{{#with person}}{{name}}{{/with}}'), '1:1', 'print.refusedHelper'],
    ['log', lines('x', 'y', '{{log asOf}}'), '3:1', 'print.refusedHelper'],
    ['a helper named as a string', lines('{{#"with" person}}{{/"with"}}'), '1:1', 'print.refusedHelper'],
    ['an unknown helper', lines('', '   {{shout person.name}}'), '2:4', 'print.unknownHelper'],
    ['a method of the data called as a helper', lines('{{person.name.toUpperCase 1}}'), '1:1', 'print.unknownHelper'],
    ['constructor in a path', lines('{{#if asOf}}', '{{person.constructor}}', '{{/if}}'), '2:3', 'print.forbiddenName'],
    ['__proto__ in brackets', lines('{{facts.[__proto__].x}}'), '1:3', 'print.forbiddenName'],
    ['prototype', lines('{{join decisions.prototype}}'), '1:8', 'print.forbiddenName'],
    ['__defineGetter__', lines('{{date person.__defineGetter__}}'), '1:8', 'print.forbiddenName'],
    ['a name the print data does not have', lines('{{process.env}}'), '1:3', 'print.unknownName'],
    ['a name as a string literal', lines('{{"constructor"}}'), '1:3', 'print.forbiddenName'],
    ['../ beyond the data', lines('{{#each facts}}', '{{../../asOf}}', '{{/each}}'), '2:3', 'print.outsideData'],
    ['@partial-block', lines('{{@partial-block}}'), '1:3', 'print.dataVariable'],
    ['@index outside #each', lines('{{@index}}'), '1:3', 'print.dataVariable'],
    ['a block over data, not a helper', lines('{{#person}}{{name}}{{/person}}'), '1:1', 'print.blockPath'],
    ['an unescaped value', lines('<b>{{{person.name}}}</b>'), '1:4', 'print.unescaped'],
    ['a decorator', lines('{{*foo}}'), '1:1', 'print.decorator'],
    ['a partial not defined here', lines('{{> nope}}'), '1:1', 'print.partial'],
    ['a dynamic partial', lines('{{> (label "x")}}'), '1:1', 'print.partial'],
    ['a script', lines('<p>', '<script>alert(1)</script>'), '2:1', 'print.script'],
    ['broken syntax', lines('{{#if asOf}}', '  {{date asOf}', '{{/if}}'), '2:14', 'print.syntax'],
    ['a mismatched block', lines('{{#if asOf}}', '{{/each}}'), '1:4', 'print.syntax'],
  ])('%s', (_, template, at, code) => {
    const problems = checkTemplate(template, 'forms/prints/notice.hbs');
    expect(problems.map((p) => `${p.location.line}:${p.location.column} ${p.code}`)).toContain(`${at} ${code}`);
    expect(problems.every((p) => p.location.file === 'forms/prints/notice.hbs')).toBe(true);
  });

  it.each([
    ['nesting deep enough to stall the parser', '{{#if asOf}}'.repeat(20_000) + '{{/if}}'.repeat(20_000), 'print.tooLarge'],
    ['sub-expressions nested thousands deep', `{{date ${'(list '.repeat(5_000)}asOf${')'.repeat(5_000)}}}`, 'print.tooLarge'],
    ['a template of megabytes', '<p>x</p>'.repeat(200_000), 'print.tooLarge'],
    ['a partial that calls itself', '{{#*inline "a"}}{{> a}}{{/inline}}{{> a}}', 'print.partial'],
    ['partials that call each other', '{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{> a}}{{/inline}}{{> a}}', 'print.partial'],
  ])('%s: refused before it is compiled', (_, template, code) => {
    expect(checkTemplate(template, 'forms/prints/notice.hbs').map((p) => p.code)).toContain(code);
  });

  it('#page inside the layout (it would never end)', () => {
    expect(checkTemplate('{{#page title="x"}}{{/page}}', 'forms/prints/layout.hbs', 'layout').map((p) => `${p.location.line}:${p.location.column} ${p.code}`)).toEqual(['1:1 print.helperUse']);
  });

  it('the project\'s own templates pass', () => {
    expect(checkPrintFiles(readPrintFiles(join(root, 'forms')))).toEqual([]);
  });
});

describe('tiaoli lint and the studio\'s save check refuse the same things', () => {
  it('a bad template, a broken one, prints.yaml naming a missing template: the same problems at the same places', () => {
    const dir = projectCopy();
    writeFileSync(join(dir, 'forms/prints/notice.hbs'), '{{#if asOf}}\n  {{label person.constructor}}\n  {{lookup facts "x"}}\n{{/if}}\n{{shout 1}}\n');
    writeFileSync(join(dir, 'forms/prints/slip.hbs'), '{{#if asOf}}\n{{date asOf}\n');
    const manifest = readFileSync(join(dir, 'forms/prints/prints.yaml'), 'utf8');
    writeFileSync(join(dir, 'forms/prints/prints.yaml'), manifest.replace('template: reminder.hbs', 'template: gone.hbs'));
    const linted = run(dir, ['lint']);
    expect(linted.status).toBe(1);
    const fromLint = linted.stdout.split('\n').filter((l) => l.startsWith('forms/prints/')).sort();
    const fromSave = checkProject(projectFiles(dir), '2024-01-01').problems.filter((p) => p.location.file.startsWith('forms/prints/')).map(formatProblem).sort();
    expect(fromLint).toEqual(fromSave);
    expect(fromSave.join('\n')).toMatch(/^forms\/prints\/notice\.hbs:2:11: 打印模板不能访问 constructor/m);
    expect(fromSave.join('\n')).toMatch(/^forms\/prints\/notice\.hbs:3:3: 打印模板不能用 lookup/m);
    expect(fromSave.join('\n')).toMatch(/^forms\/prints\/notice\.hbs:5:1: 未知的 helper：shout/m);
    expect(fromSave.join('\n')).toMatch(/^forms\/prints\/slip\.hbs:2:\d+: 打印模板语法错误/m);
    const line = manifest.split('\n').findIndex((l) => l.includes('template: reminder.hbs')) + 1;
    expect(fromSave.join('\n')).toMatch(new RegExp(`^forms/prints/prints\\.yaml:${line}:13: 找不到打印模板 gone\\.hbs`, 'm'));
  });

  it('prints.yaml: inherited names and paths out of the folder are refused at their line, and never become kinds', () => {
    const manifest = 'constructor:\n  label: x\n  template: notice.hbs\n__proto__:\n  label: y\n  template: notice.hbs\nescape:\n  label: z\n  template: ../../rules/regulation.yaml\nnotice:\n  label: 告知书\n  template: notice.hbs\n';
    const files = new Map([...readPrintFiles(join(root, 'forms'))]);
    files.set('prints/prints.yaml', manifest);
    const problems = checkPrintFiles(files).map((p) => `${p.location.line}:${p.location.column} ${p.code}`);
    expect(problems).toEqual(['1:1 print.manifest', '4:1 print.manifest', '9:13 print.manifest']);
    expect([...buildPrintTemplates(files).kinds.keys()]).toEqual(['notice']);
  });

  it('a prints.yaml that is not YAML is a located problem for both, never a crash', () => {
    const dir = projectCopy();
    writeFileSync(join(dir, 'forms/prints/prints.yaml'), 'notice: [\n');
    const fromSave = checkProject(projectFiles(dir), '2024-01-01').problems.filter((p) => p.location.file.startsWith('forms/prints/')).map(formatProblem);
    expect(fromSave.length).toBeGreaterThan(0);
    const linted = run(dir, ['lint']);
    expect(linted.stdout.split('\n').filter((l) => l.startsWith('forms/prints/')).sort()).toEqual([...fromSave].sort());
    expect(linted.stderr).toBe('');
    const printed = run(dir, ['print', 'notice', 'test/cases/12-materials/only-one-photo.yaml']);
    expect(printed.stderr).not.toMatch(/\n\s+at /);
    expect(printed.status).toBe(1);
  });
});

describe('rendering refuses what lint refuses, and names where a page fails', () => {
  it('a refused template is not rendered, even without lint', async () => {
    const error = await render('{{#if asOf}}\n{{lookup person "name"}}\n{{/if}}').catch((e) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect(formatProblem((error as PrintError).problems[0])).toBe('forms/prints/notice.hbs:2:1: 打印模板不能用 lookup：它在运行时才决定读取的名字或改变上下文 [print.refusedHelper]');
  });
  it('a value the case does not have (strict): its line in the template', async () => {
    const error = await render('{{#page title="x"}}\n<p>{{decisions.application.nothingHere}}</p>\n{{/page}}').catch((e) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect(formatProblem((error as PrintError).problems[0])).toMatch(/^forms\/prints\/notice\.hbs:2:6: 打印数据里没有 nothingHere/);
  });
  it('a missing parent, in the layout: located in the layout', async () => {
    const layout = readFileSync(join(root, 'forms/prints/layout.hbs'), 'utf8').replace('<title>{{title}}</title>', '<title>{{title}}</title>\n{{#if facts.nowhere.deeper}}x{{/if}}');
    const error = await render('{{#page title="x"}}{{/page}}', layout).catch((e) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect(formatProblem((error as PrintError).problems[0])).toMatch(/^forms\/prints\/layout\.hbs:6:7: 打印数据里没有 facts\.nowhere\.deeper 的上一级/);
  });
  it('the page forbids scripts before anything a template wrote', async () => {
    const html = await render('{{#page title="x"}}<p>{{asOf}}</p>{{/page}}');
    expect(html).toMatch(/^<!doctype html>\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none';/);
  });
});

describe('fuzz: generated templates never run code and never crash', () => {
  const payload = 'globalThis.__tiaoliFuzz = (globalThis.__tiaoliFuzz || 0) + 1; return "ran"';
  const name = fc.constantFrom('constructor', '__proto__', 'prototype', '__defineGetter__', '__lookupGetter__', 'toString', 'valueOf', 'hasOwnProperty', 'apply', 'call', 'bind', 'length', 'name', 'value', 'getPrototypeOf', 'getOwnPropertyDescriptor', 'x');
  const root_ = fc.constantFrom('this', '.', '..', '../..', '@root', '@index', '@key', '@partial-block', '@_parent', 'regulation', 'asOf', 'person', 'facts', 'decisions', 'params', 'O', 'F', 'fn', 'body', 'process', 'globalThis');
  const path = fc.tuple(root_, fc.array(fc.oneof(name, fc.constantFrom('application', 'missing', 'outcome', 'title', '[constructor]', '[__proto__]')), { maxLength: 3 }))
    .map(([r, parts]) => [r, ...parts].join(r.startsWith('@') || r === '.' ? '.' : parts.length && r.endsWith('..') ? '/' : '.'));
  const helper = fc.constantFrom('label', 'labels', 'list', 'concat', 'join', 'requirements', 'quote', 'articlesOf', 'lookup', 'with', 'log', 'helperMissing', 'blockHelperMissing', 'O.getPrototypeOf', 'A.value', 'F.value', 'constructor', 'date', 'eq', 'not', 'nothingToPrint');
  const literal = fc.constantFrom('"constructor"', '"__proto__"', '"prototype"', '"x"', JSON.stringify(payload), 'null', 'undefined', '1', 'true');
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof({ depthSize: 'small', withCrossShrink: true }, path, literal, tie('sub')),
    sub: fc.tuple(helper, fc.array(tie('expr'), { maxLength: 3 })).map(([h, args]) => `(${[h, ...args].join(' ')})`),
  })) as { expr: fc.Arbitrary<string> };
  const call = fc.tuple(fc.oneof(helper, path), fc.array(expr, { maxLength: 3 })).map(([h, args]) => [h, ...args].join(' '));
  const statement: fc.Arbitrary<string> = fc.letrec((tie) => ({
    s: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      call.map((c) => `{{${c}}}`),
      call.map((c) => `{{{${c}}}}`),
      fc.constant('<p>text</p>'),
      fc.constant('<script>globalThis.__tiaoliFuzz = 1</script>'),
      fc.tuple(fc.constantFrom('each', 'with', 'if', 'unless', 'lookup', 'page', 'person', 'label'), expr, fc.constantFrom('', ' as |O|', ' as |F fn|'), tie('s'))
        .map(([h, e, bp, body]) => `{{#${h} ${e}${bp}}}${body}{{/${h}}}`),
      fc.tuple(fc.constantFrom('a', 'constructor'), tie('s')).map(([n, body]) => `{{#*inline "${n}"}}${body}{{/inline}}{{> ${n} x=1}}`),
      fc.constantFrom('{{> (lookup . "x")}}', '{{*decorator}}', '{{!-- c --}}', '{{#if}}', '{{/if}}', '{{', '}}', '{{else}}'),
      fc.tuple(tie('s'), tie('s')).map(([a, b]) => `${a}\n${b}`),
    ),
  })).s as fc.Arbitrary<string>;
  // the exploit's own pieces, recombined
  const pieces = exploit(payload).match(/\{\{[^}]*\}\}/g)!;
  const exploitPieces = fc.oneof(
    fc.shuffledSubarray(pieces, { minLength: 1 }).map((xs) => xs.join('')),
    // the whole exploit with one piece swapped for another way in
    fc.tuple(fc.nat(pieces.length - 1), fc.constantFrom('{{#each (list (label "constructor")) as |O|}}', '{{#each (list (lookup (label "x") "constructor")) as |O|}}', '{{#if (label "__proto__") as |O|}}', '{{#each (list @root.constructor) as |O|}}', '{{#each (list (concat (label "constructor"))) as |O|}}'))
      .map(([i, piece]) => pieces.map((p, j) => (j === i ? piece : p)).join('')),
  );

  it('≥ 600 templates: a located refusal or a page; nothing runs', async () => {
    const regulation = qujing().regulation;
    const document = await documentOnce;
    let tried = 0;
    let refused = 0;
    delete g.__tiaoliFuzz;
    await fc.assert(
      fc.asyncProperty(fc.oneof(statement, exploitPieces), async (template) => {
        tried += 1;
        const problems = checkTemplate(template, 'forms/prints/notice.hbs');
        for (const p of problems) {
          expect(p.location.line).toBeGreaterThanOrEqual(1);
          expect(p.location.column).toBeGreaterThanOrEqual(1);
        }
        try {
          const html = renderPrint(templatesWith(template), 'notice', { regulation, input, document });
          expect(typeof html).toBe('string');
          expect(problems).toEqual([]);
        } catch (e) {
          if (!(e instanceof NothingToPrint)) {
            expect(e).toBeInstanceOf(PrintError);
            for (const p of (e as PrintError).problems) expect(p.location.line).toBeGreaterThanOrEqual(1);
            refused += 1;
          }
        }
        expect(g.__tiaoliFuzz).toBeUndefined();
      }),
      { numRuns: 700, seed: 7 },
    );
    expect(tried).toBeGreaterThanOrEqual(600);
    expect(refused).toBeGreaterThan(300);
  });
});
