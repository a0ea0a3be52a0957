// A print template may not carry the elements that frame, embed or load another page, send
// what is on the page elsewhere, or change how it is read (issue 23 item 8): <iframe>,
// <object>, <embed>, <meta>, <base>, <link>, <form>, <script>. Each is refused by
// `tiaoli lint` and the save check at the template's line:column, before it is ever compiled;
// so is a tag whose name a {{…}} would complete.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../engine/project/print/check-template.js';
import { checkPrintFiles } from '../../engine/project/print/check-prints.js';
import { readPrintFiles } from '../../engine/project/print/read-prints.js';
import { projectCopy } from '../support/project-copy.js';
import { root } from '../support/regulation.js';

const at = (template: string, role: 'page' | 'layout' = 'page') =>
  checkTemplate(template, 'forms/prints/notice.hbs', role).map((p) => `${p.location.line}:${p.location.column} ${p.code}`);

describe('elements a printed page may not contain, at line:column', () => {
  it.each([
    ['iframe', '<p>申领人</p>\n  <iframe src="https://example.com/"></iframe>', '2:3'],
    ['object', '<p>\n<object data="x.swf"></object></p>', '2:1'],
    ['embed', '{{#if asOf}}<embed src="x">{{/if}}', '1:13'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://example.com/">', '1:1'],
    ['base', '<p>x</p><BASE href="https://example.com/">', '1:9'],
    ['link', '\n\n    <link rel="stylesheet" href="https://example.com/x.css">', '3:5'],
    ['form', '<form action="https://example.com/" method="post"><input name="a"></form>', '1:1'],
    ['iframe inside a partial', '{{#*inline "a"}}\n<iframe srcdoc="x"></iframe>{{/inline}}{{> a}}', '2:1'],
    ['iframe in an else branch', '{{#if asOf}}x{{else}}\n <Iframe src=x>{{/if}}', '2:2'],
  ])('%s', (tag, template, where) => {
    const found = at(template);
    expect(found.some((f) => f.startsWith(`${where} print.refusedElement`)), found.join('; ')).toBe(true);
    const message = checkTemplate(template, 'forms/prints/notice.hbs').find((p) => p.code === 'print.refusedElement')!.message;
    expect(message).toMatch(/^打印模板不能含有 <(iframe|object|embed|meta|base|link|form)>：/);
  });

  it('<script> in any case, and a closing tag alone', () => {
    expect(at('<SCRIPT src="x"></SCRIPT>')).toContain('1:1 print.script');
    expect(at('x</form>')).toContain('1:2 print.refusedElement');
  });

  it('a tag name completed by the data: <{{…}} and <scr{{…}}', () => {
    expect(at('<p>{{#if asOf}}<{{person.name}} src=x>{{/if}}</p>')).toContain('1:16 print.dynamicElement');
    expect(at('<p>\n<scr{{asOf}}>')).toContain('2:1 print.dynamicElement');
    expect(at('</{{asOf}}>')).toContain('1:1 print.dynamicElement');
  });

  it('what is not an element is left alone: words, a less-than sign, <formula>-like names, <meta charset> in the layout', () => {
    expect(at('<p>表单（form）、链接 link、对象 object；年龄 < {{asOf}}</p><linkage></linkage><format>x</format>')).toEqual([]);
    expect(at('<meta charset="utf-8">\n<title>{{title}}</title>{{{body}}}', 'layout')).toEqual([]);
    expect(at('<meta charset="utf-8">')).toContain('1:1 print.refusedElement'); // a page is inside the layout's <head>less body
    expect(at('<meta charset="utf-8"><meta name="referrer" content="unsafe-url">{{{body}}}', 'layout')).toContain('1:23 print.refusedElement');
  });

  it("the project's own templates pass", () => {
    expect(checkPrintFiles(readPrintFiles(join(root, 'forms')))).toEqual([]);
  });

  it('tiaoli lint names each at file:line:column and exits 1', () => {
    const dir = projectCopy();
    const notice = readFileSync(join(dir, 'forms/prints/notice.hbs'), 'utf8');
    writeFileSync(join(dir, 'forms/prints/notice.hbs'), `${notice}\n<iframe src="https://example.com/"></iframe>\n<form action="https://example.com/"></form>\n`);
    const lines = notice.split('\n').length;
    const r = spawnSync(process.execPath, [join(root, 'engine/cli/bin.js'), 'lint'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout).toContain(`forms/prints/notice.hbs:${lines + 1}:1: 打印模板不能含有 <iframe>`);
    expect(r.stdout).toContain(`forms/prints/notice.hbs:${lines + 2}:1: 打印模板不能含有 <form>`);
    expect(r.status).toBe(1);
  }, 120_000);
});
