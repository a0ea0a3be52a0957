// `pattern` in a JSON Schema, matched by RE2 (re2js, pure JavaScript, also in the studio):
// time linear in the input, whatever the pattern. A user-editable schema could otherwise
// hold a catastrophically backtracking pattern such as "^(a+)+$".
import { RE2JS } from 're2js';
import type { Location, PathSegment, Problem } from '../source-file.js';

const KEEP_TEXTS_UP_TO = 32;
const KEEP_AT_MOST = 10_000;

interface RegExpLike { test: (s: string) => boolean; toString: () => string }

/** Compiles a JSON Schema (ECMA-262) pattern for RE2; throws RE2's syntax error if it cannot. */
export function compileLinear(pattern: string): RegExpLike {
  const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  // codes and numbers repeat from case to case (a county code, a township code): a short
  // text's answer is kept, up to a bound
  const answers = new Map<string, boolean>();
  const test = (s: string): boolean => {
    if (s.length > KEEP_TEXTS_UP_TO) return re.test(s);
    let answer = answers.get(s);
    if (answer === undefined) {
      answer = re.test(s);
      if (answers.size >= KEEP_AT_MOST) answers.clear();
      answers.set(s, answer);
    }
    return answer;
  };
  // ajv shares one compiled pattern per distinct toString(): it must name the pattern
  return { test, toString: () => `/${pattern}/` };
}

/** ajv's `code.regExp`: a function (pattern, flags) → { test }, with `code` for standalone output. */
export const linearRegExp = Object.assign((pattern: string, _flags: string): RegExpLike => compileLinear(pattern), { code: 'linearRegExp' });

/**
 * Every `pattern` (and `patternProperties` key) of a schema that RE2 cannot run —
 * backreferences, lookarounds — at the pattern's own line, instead of a failed compile.
 */
export function patternProblems(schema: unknown, locate: (path: PathSegment[]) => Location): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<[unknown, PathSegment[]]> = [[schema, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push([item, [...path, i]]));
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') {
        const why = unusable(value);
        if (why) problems.push({ code: 'schema.pattern', message: `${[...path, key].join('.')}：正则表达式 ${value} 不能使用：${why}`, location: locate([...path, key]) });
      } else if (key === 'patternProperties' && value && typeof value === 'object') {
        for (const name of Object.keys(value)) {
          const why = unusable(name);
          if (why) problems.push({ code: 'schema.pattern', message: `${[...path, key].join('.')}：正则表达式 ${name} 不能使用：${why}`, location: locate([...path, key, name]) });
        }
      }
      if (key !== 'enum' && key !== 'const' && key !== 'examples' && key !== 'default') stack.push([value, [...path, key]]);
    }
  }
  return problems;
}

function unusable(pattern: string): string | undefined {
  try {
    compileLinear(pattern);
    return undefined;
  } catch (e) {
    const detail = (e as Error).message;
    return `只支持能在线性时间内匹配的写法（不支持反向引用 \\1、前瞻 (?=…)、后顾 (?<=…) 等）；${detail}`;
  }
}
