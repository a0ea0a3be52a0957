// What a print template may contain, checked on its Handlebars syntax tree before it is
// ever compiled (by `tiaoli lint`, the studio's save check and the renderer alike).
// The threat: a template that reaches Object → Function runs code on the clerk's machine
// (the studio and the CLI). So a template may call only our helpers and `if`/`unless`/`each`, read only
// the print data by name, never an inherited name, and never choose a name at run time.
import Handlebars from 'handlebars';
import type { Problem } from '../../core/source-file.js';
import { PRINT_HELPERS } from './print-helpers.js';
import { hiddenIndex, hiddenMessage } from '../../core/hidden-characters.js';

type Node = hbs.AST.Node;
type Path = hbs.AST.PathExpression;
type Call = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;

/** The top-level names the renderer gives every template. */
export const PRINT_DATA_NAMES = [
  'regulation', 'asOf', 'person', 'facts', 'decisions', 'params', 'readings',
  // who hands the page out, its number and date, and whom it is addressed to besides the applicant
  'office', 'documentNumber', 'operator', 'issuedOn', 'agent',
  // the register's number of the decision, where the page has a number of its own (documentSeries)
  'registerNumber',
  // 个人信息处理告知 (forms/prints/personal-information.yaml): title, basis, paragraphs
  'processingNotice',
] as const;
/** What the layout sees besides: the `page` block's title, basis (articles quoted) and laws (other laws cited), and the page body. */
export const PAGE_HASH_KEYS = ['title', 'basis', 'laws'] as const;
export const LAYOUT_NAMES = [...PRINT_DATA_NAMES, ...PAGE_HASH_KEYS, 'body'] as const;

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'page']);
const VALUE_HELPERS = new Set<string>(PRINT_HELPERS);
/** Handlebars' own helpers a template may not use: they look names up at run time, change the context or log. */
const REFUSED_BUILTINS = new Set(['lookup', 'with', 'log', 'helperMissing', 'blockHelperMissing']);
/** The data variables a template may use (`@root` only for the print data's names). */
const DATA_VARIABLES = new Set(['index', 'key', 'first', 'last']);

/**
 * Names no path may contain: whatever objects and functions inherit, and the ways to a
 * prototype. Data never has them; a path that names them is reaching for code.
 */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype', 'apply', 'bind', 'call', 'arguments', 'caller', 'callee', 'toJSON', 'then',
  '__proto__', 'constructor', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
]);

/** The known-helper table for Handlebars' compiler: ours and the built-ins allowed, the rest refused. */
export function knownHelpers(): Record<string, boolean> {
  const known: Record<string, boolean> = Object.create(null);
  for (const name of [...VALUE_HELPERS, ...BLOCK_HELPERS]) known[name] = true;
  for (const name of REFUSED_BUILTINS) known[name] = false;
  return known;
}

export type TemplateRole = 'page' | 'layout';

/** A context a path is read in: the print data (names known), or an item of an `each` (any own name). */
interface Scope {
  names: ReadonlySet<string> | 'item';
  blockParams: ReadonlySet<string>;
}

/** Where a Handlebars parse error points: its message says the line; the lexer knows the column. */
function syntaxProblem(e: unknown, file: string): Problem {
  const message = e instanceof Error ? e.message : String(e);
  const h = e as { lineNumber?: number; column?: number };
  let line = typeof h.lineNumber === 'number' ? h.lineNumber : Number(/line (\d+)/.exec(message)?.[1] ?? 1);
  let column = typeof h.column === 'number' ? h.column + 1 : 1;
  const lexer = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
  if (typeof h.lineNumber !== 'number' && lexer?.yylloc && lexer.yylloc.first_line === line) column = lexer.yylloc.first_column + 1;
  if (!Number.isFinite(line) || line < 1) line = 1;
  const first = message.split('\n')[0].replace(/ - \d+:\d+$/, '');
  const expecting = /Expecting (.*), got (.*)$/m.exec(message);
  return {
    code: 'print.syntax',
    message: `打印模板语法错误：${expecting ? `应为 ${expecting[1]}，却是 ${expecting[2]}` : first}`,
    location: { file, line, column },
  };
}

/** Every problem in one template, each at file:line:column; empty when it is safe to compile. */
export function checkTemplate(text: string, file: string, role: TemplateRole = 'page'): Problem[] {
  const limit = beyondLimits(text);
  if (limit) return [{ code: 'print.tooLarge', message: limit, location: { file, line: 1, column: 1 } }];
  const hidden = hiddenIndex(text);
  if (hidden >= 0) {
    const before = text.slice(0, hidden).split('\n');
    return [{ code: 'text.hiddenCharacter', message: `打印模板${hiddenMessage(text[hidden])}`, location: { file, line: before.length, column: [...before[before.length - 1]].length + 1 } }];
  }
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(text);
  } catch (e) {
    if (e instanceof RangeError) return [tooDeep(file)];
    return [syntaxProblem(e, file)];
  }
  try {
    return checkParsed(ast, file, role);
  } catch (e) {
    if (e instanceof RangeError) return [tooDeep(file)];
    throw e;
  }
}

/**
 * Handlebars' parser takes time that grows faster than the nesting: a saved file of a few
 * hundred KB of nested blocks would hold every check for minutes. Pages are a few KB and
 * a few levels deep; anything far beyond is refused before parsing.
 */
export const TEMPLATE_LIMITS = { chars: 100_000, blockDepth: 48, parenDepth: 24, partials: 100 } as const;

function beyondLimits(text: string): string | undefined {
  if (text.length > TEMPLATE_LIMITS.chars) return `打印模板太大（${text.length} 个字符，最多 ${TEMPLATE_LIMITS.chars}）`;
  const partials = text.match(/\{\{~?\s*#\s*\*/g)?.length ?? 0;
  if (partials > TEMPLATE_LIMITS.partials) return `打印模板的局部模板超过 ${TEMPLATE_LIMITS.partials} 个`;
  let depth = 0;
  for (const m of text.matchAll(/\{\{~?\s*(#|\^|\/)/g)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth > TEMPLATE_LIMITS.blockDepth) return `打印模板的块嵌套超过 ${TEMPLATE_LIMITS.blockDepth} 层`;
  }
  for (const m of text.matchAll(/\{\{[^}]*\}\}/g)) {
    let parens = 0;
    for (const c of m[0]) {
      parens += c === '(' ? 1 : c === ')' ? -1 : 0;
      if (parens > TEMPLATE_LIMITS.parenDepth) return `打印模板的子表达式嵌套超过 ${TEMPLATE_LIMITS.parenDepth} 层`;
    }
  }
  return undefined;
}

/**
 * Elements a printed page may not contain, and why: each runs code, loads or frames another
 * page, sends what is typed, or changes how the page's links and policy are read. Matched
 * as `<name` (any case, `</name` too) anywhere in the template's own text.
 */
const REFUSED_ELEMENTS: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, {
  script: '脚本',
  iframe: '它在打印件里嵌入另一个网页',
  frame: '它在打印件里嵌入另一个网页',
  frameset: '它在打印件里嵌入另一个网页',
  object: '它嵌入插件或另一个网页',
  embed: '它嵌入插件或另一个网页',
  applet: '它嵌入插件',
  portal: '它嵌入另一个网页',
  meta: '它能让页面跳转、改动安全策略（版式 layout.hbs 只可写 <meta charset="utf-8">）',
  base: '它改变页面里所有链接的去处',
  link: '它从别处加载样式或资源',
  form: '它能把页面上的内容发送到别处',
}));
const REFUSED_ELEMENT = new RegExp(`<\\/?\\s*(${Object.keys(REFUSED_ELEMENTS).join('|')})(?![A-Za-z0-9-])`, 'gi');
/** The one <meta> a layout may have: the page's encoding. */
const LAYOUT_CHARSET = /^<meta\s+charset\s*=\s*"?utf-8"?\s*\/?>/i;

const tooDeep = (file: string): Problem => ({ code: 'print.tooDeep', message: '打印模板嵌套太深，无法检查', location: { file, line: 1, column: 1 } });

function checkParsed(ast: hbs.AST.Program, file: string, role: TemplateRole): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node | undefined, code: string, message: string): void => {
    const start = node?.loc?.start;
    problems.push({ code, message, location: { file, line: start?.line ?? 1, column: (start?.column ?? 0) + 1 } });
  };
  const rootNames = new Set<string>(role === 'layout' ? LAYOUT_NAMES : PRINT_DATA_NAMES);

  // First: the inline partials this file defines, and the names each is handed.
  const partials = new Map<string, Set<string>>();
  const partialCalls: Array<{ name: string; keys: string[]; from?: string; node: Node }> = [];
  const scan = (node: unknown, inside?: string): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; path?: Path; params?: Node[]; name?: Node; hash?: hbs.AST.Hash };
    if (n.type === 'DecoratorBlock' && n.path?.original === 'inline' && n.params?.[0]?.type === 'StringLiteral') {
      inside = (n.params[0] as hbs.AST.StringLiteral).value;
      partials.set(inside, new Set());
    }
    if (n.type === 'PartialStatement' && n.name) {
      const name = n.name.type === 'PathExpression' ? (n.name as Path).original : n.name.type === 'StringLiteral' ? (n.name as hbs.AST.StringLiteral).value : '';
      partialCalls.push({ name, keys: n.hash?.pairs.map((p) => p.key) ?? [], from: inside, node: n as Node });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => scan(v, inside));
      else if (value && typeof value === 'object' && 'type' in value) scan(value, inside);
    }
  };
  scan(ast);
  for (const call of partialCalls) for (const key of call.keys) partials.get(call.name)?.add(key);
  // A partial that calls itself, directly or round about, never ends.
  const callsFrom = new Map<string, string[]>();
  for (const c of partialCalls) if (c.from !== undefined) callsFrom.set(c.from, [...(callsFrom.get(c.from) ?? []), c.name]);
  const calls = (name: string): string[] => callsFrom.get(name) ?? [];
  const recursive = new Set<string>();
  for (const start of partials.keys()) {
    const seen = new Set<string>();
    const stack = [...calls(start)];
    while (stack.length) {
      const next = stack.pop()!;
      if (next === start) recursive.add(start);
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...calls(next));
    }
  }

  const calleeName = (call: Call): string | undefined => {
    const p = call.path as Node;
    if (p.type === 'PathExpression') {
      const path = p as Path;
      return !path.data && path.depth === 0 && path.parts.length === 1 && !/^\.|^this\b/.test(path.original) ? path.parts[0] : undefined;
    }
    return String((p as hbs.AST.StringLiteral).original); // {{"name"}} is the name `name`
  };

  const checkSegments = (node: Node, parts: readonly string[]): boolean => {
    const bad = parts.find((part) => FORBIDDEN_SEGMENTS.has(part));
    if (bad !== undefined) {
      at(node, 'print.forbiddenName', `打印模板不能访问 ${bad}：模板只能读取打印数据自身的字段`);
      return false;
    }
    return true;
  };

  const checkPath = (path: Path, scopes: readonly Scope[]): void => {
    if (!checkSegments(path, path.parts)) return;
    if (path.data) {
      const [head, ...rest] = path.parts;
      if (head === 'root' && path.depth === 0) {
        if (rest.length && !rootNames.has(rest[0])) at(path, 'print.unknownName', `打印数据里没有 ${rest[0]}：可用的有 ${[...rootNames].join('、')}`);
        return;
      }
      if (DATA_VARIABLES.has(head) && rest.length === 0 && path.depth === 0 && scopes[scopes.length - 1].names === 'item') return;
      at(path, 'print.dataVariable', `打印模板不能用 @${path.parts.join('.')}：只可用 @root 和 #each 里的 @index、@key、@first、@last`);
      return;
    }
    if (path.depth >= scopes.length) {
      at(path, 'print.outsideData', `${path.original} 超出了打印数据（../ 多于所在的 #each 层数）`);
      return;
    }
    const scope = scopes[scopes.length - 1 - path.depth];
    const [head] = path.parts;
    if (head === undefined) return; // `this`, `..`
    const scoped = /^\.|^this\b/.test(path.original);
    if (!scoped && path.depth === 0 && scopes[scopes.length - 1].blockParams.has(head)) return;
    if (scope.names === 'item') return;
    if (!scope.names.has(head)) at(path, 'print.unknownName', `打印数据里没有 ${head}：可用的有 ${[...scope.names].join('、')}`);
  };

  const checkExpr = (node: Node, scopes: readonly Scope[]): void => {
    if (node.type === 'PathExpression') checkPath(node as Path, scopes);
    else if (node.type === 'SubExpression') checkCall(node as hbs.AST.SubExpression, scopes);
  };
  const checkArgs = (call: { params: Node[]; hash?: hbs.AST.Hash }, scopes: readonly Scope[]): void => {
    call.params.forEach((p) => checkExpr(p, scopes));
    call.hash?.pairs.forEach((pair) => checkExpr(pair.value, scopes));
  };

  /** A mustache, block or sub-expression: a helper call or a read of the data. */
  const checkCall = (call: Call, scopes: readonly Scope[]): void => {
    const name = calleeName(call);
    const top = scopes[scopes.length - 1];
    const hasArgs = call.params.length > 0 || (call.hash?.pairs.length ?? 0) > 0;
    const isBlock = call.type === 'BlockStatement';
    const isBlockParam = name !== undefined && top.blockParams.has(name);
    const isHelper = name !== undefined && !isBlockParam && (VALUE_HELPERS.has(name) || BLOCK_HELPERS.has(name) || REFUSED_BUILTINS.has(name));
    if (name !== undefined && REFUSED_BUILTINS.has(name) && !isBlockParam) {
      at(call, 'print.refusedHelper', `打印模板不能用 ${name}：它在运行时才决定读取的名字或改变上下文`);
      return checkArgs(call, scopes);
    }
    if (!isHelper) {
      if (hasArgs || call.type === 'SubExpression') {
        const shown = call.path.type === 'PathExpression' ? (call.path as Path).original : String((call.path as hbs.AST.StringLiteral).original);
        at(call, 'print.unknownHelper', `未知的 helper：${shown}（可用：${[...VALUE_HELPERS, ...BLOCK_HELPERS].join('、')}）`);
        if (call.path.type === 'PathExpression') checkSegments(call.path, (call.path as Path).parts);
        return checkArgs(call, scopes);
      }
      if (isBlock) {
        at(call, 'print.blockPath', `{{#${name ?? (call.path as Path).original}}} 不是块 helper：请用 #if、#unless 或 #each`);
        return;
      }
      if (call.path.type === 'PathExpression') checkPath(call.path as Path, scopes);
      else if (checkSegments(call.path, [String((call.path as hbs.AST.StringLiteral).original)]) && top.names !== 'item' && !top.names.has(name!)) at(call, 'print.unknownName', `打印数据里没有 ${name}`);
      return;
    }
    const helper = name!;
    if (BLOCK_HELPERS.has(helper) !== isBlock) {
      at(call, 'print.helperUse', BLOCK_HELPERS.has(helper) ? `${helper} 只能作块使用：{{#${helper} …}}…{{/${helper}}}` : `${helper} 不是块 helper，不能写成 {{#${helper}}}`);
      return checkArgs(call, scopes);
    }
    if (!isBlock) return checkArgs(call, scopes);
    const block = call as hbs.AST.BlockStatement;
    if (helper === 'page' && role === 'layout') at(block, 'print.helperUse', '版式（layout.hbs）里不能再用 #page');
    if (helper === 'page') {
      if (block.params.length) at(block, 'print.helperUse', 'page 只接受 title=、number=、basis=');
      for (const pair of block.hash?.pairs ?? []) if (!(PAGE_HASH_KEYS as readonly string[]).includes(pair.key)) at(pair, 'print.helperUse', `page 不认识 ${pair.key}=（可用：${PAGE_HASH_KEYS.join('、')}）`);
    } else if (block.params.length !== 1 || (block.hash?.pairs.length ?? 0) > 0) {
      at(block, 'print.helperUse', `#${helper} 只接受一个参数`);
    }
    checkArgs(block, scopes);
    const params = new Set(block.program?.blockParams ?? []);
    for (const p of params) if (FORBIDDEN_SEGMENTS.has(p)) at(block, 'print.forbiddenName', `块参数不能叫 ${p}`);
    if (helper === 'each') {
      if (block.program) walkProgram(block.program, [...scopes, { names: 'item', blockParams: new Set([...top.blockParams, ...params]) }]);
    } else if (block.program) {
      if (params.size) at(block, 'print.helperUse', `#${helper} 没有块参数（as |…|）`);
      walkProgram(block.program, scopes);
    }
    if (block.inverse) walkProgram(block.inverse, scopes);
  };

  const walkProgram = (program: hbs.AST.Program, scopes: readonly Scope[]): void => {
    for (const [index, statement] of program.body.entries()) {
      switch (statement.type) {
        case 'ContentStatement': {
          const content = statement as hbs.AST.ContentStatement & { original?: string };
          const text = typeof content.original === 'string' ? content.original : content.value;
          const start = content.loc.start;
          const place = (index: number) => {
            const before = text.slice(0, index).split('\n');
            return { file, line: start.line + before.length - 1, column: before.length > 1 ? before[before.length - 1].length + 1 : start.column + index + 1 };
          };
          for (const found of text.matchAll(REFUSED_ELEMENT)) {
            const tag = found[1].toLowerCase();
            if (role === 'layout' && tag === 'meta' && LAYOUT_CHARSET.test(text.slice(found.index))) continue;
            problems.push(tag === 'script'
              ? { code: 'print.script', message: '打印模板不能含有脚本（<script>）', location: place(found.index) }
              : { code: 'print.refusedElement', message: `打印模板不能含有 <${tag}>：${REFUSED_ELEMENTS[tag]}`, location: place(found.index) });
          }
          // `<{{x}}` or `<scr{{x}}`: the element would be named by the data, past the check above
          const next = program.body[index + 1];
          const open = /<\/?(?:[A-Za-z][A-Za-z0-9-]*)?$/.exec(text);
          if (open && next && next.type !== 'CommentStatement') {
            problems.push({ code: 'print.dynamicElement', message: '打印模板的标签名不能由 {{…}} 组成：请把标签名完整写出', location: place(open.index) });
          }
          break;
        }
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          const m = statement as hbs.AST.MustacheStatement;
          const isBody = role === 'layout' && m.path.type === 'PathExpression' && (m.path as Path).original === 'body' && !m.params.length;
          if (!m.escaped && !isBody) at(m, 'print.unescaped', '打印模板不能用 {{{…}}} 或 {{& …}} 输出未转义的内容（布局里的 {{{body}}} 除外）');
          checkCall(m, scopes);
          break;
        }
        case 'BlockStatement':
          checkCall(statement as hbs.AST.BlockStatement, scopes);
          break;
        case 'DecoratorBlock': {
          const d = statement as hbs.AST.DecoratorBlock;
          const name = d.params[0]?.type === 'StringLiteral' ? (d.params[0] as hbs.AST.StringLiteral).value : undefined;
          if (d.path.original !== 'inline' || name === undefined || d.params.length !== 1 || (d.hash?.pairs.length ?? 0) > 0) {
            at(d, 'print.decorator', '打印模板只能用 {{#*inline "名字"}} 定义局部模板');
            break;
          }
          if (FORBIDDEN_SEGMENTS.has(name)) at(d, 'print.forbiddenName', `局部模板不能叫 ${name}`);
          // A partial sees the print data and the names it is handed.
          walkProgram(d.program, [{ names: new Set([...rootNames, ...(partials.get(name) ?? [])]), blockParams: new Set() }]);
          break;
        }
        case 'Decorator':
          at(statement, 'print.decorator', '打印模板只能用 {{#*inline "名字"}} 定义局部模板');
          break;
        case 'PartialStatement': {
          const p = statement as hbs.AST.PartialStatement;
          const callee = p.name as Node; // a path, a string literal or a sub-expression
          const name = callee.type === 'PathExpression' && !(callee as Path).data ? (callee as Path).original : callee.type === 'StringLiteral' ? (callee as hbs.AST.StringLiteral).value : undefined;
          if (name === undefined || !partials.has(name)) at(p, 'print.partial', `没有名为 ${name ?? '（运行时决定）'} 的局部模板：只能调用本文件里 {{#*inline}} 定义的`);
          else if (recursive.has(name) && partialCalls.some((c) => c.node === p && c.from !== undefined)) at(p, 'print.partial', `局部模板 ${name} 会（直接或间接）调用自己，打印不会结束`);
          if (p.params.length) at(p, 'print.partial', '调用局部模板不能换上下文：只能用 名字=值 传入');
          for (const pair of p.hash?.pairs ?? []) if (FORBIDDEN_SEGMENTS.has(pair.key)) at(pair, 'print.forbiddenName', `不能传入名为 ${pair.key} 的值`);
          checkArgs(p, scopes);
          break;
        }
        default:
          at(statement, 'print.unsupported', `打印模板不支持 ${statement.type}`);
      }
    }
  };

  walkProgram(ast, [{ names: rootNames, blockParams: new Set() }]);
  return problems;
}
