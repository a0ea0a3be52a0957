// Limits checked before a YAML text is parsed, so that a hostile file (100,000 "[" in a row,
// a document of hundreds of megabytes) costs a linear scan and a message, not a stalled
// studio or a stack overflow.
import type { Location, Problem } from './problems.js';

/** No rule, form or case file comes near this; a bigger one is refused unread. */
export const MAX_SOURCE_CHARS = 2_000_000;
/** Brackets nested deeper than this are refused (rules need fewer than twenty). */
export const MAX_FLOW_DEPTH = 100;

export function tooDeepAt(location: Location): Problem {
  return { code: 'yaml.tooDeep', message: `YAML 嵌套过深（超过 ${MAX_FLOW_DEPTH} 层），拒绝读取`, location };
}

export function readableLimits(file: string, text: string): Problem[] {
  if (text.length > MAX_SOURCE_CHARS) {
    return [{
      code: 'yaml.tooLarge',
      message: `文件过大（${(text.length / 1_000_000).toFixed(1)} 百万字符），最多读取 ${MAX_SOURCE_CHARS / 1_000_000} 百万字符`,
      location: { file, line: 1, column: 1 },
    }];
  }
  const deep = deepBracket(text);
  return deep === undefined ? [] : [tooDeepAt(locate(file, text, deep))];
}

/**
 * The offset of the first "[" or "{" nested deeper than MAX_FLOW_DEPTH, skipping quoted
 * text and comments. A rough scan (block scalars are not skipped): it only has to be right
 * about files nobody writes by hand.
 */
function deepBracket(text: string): number | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = '';
      else if (c === '\n' && depth === 0) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) {
      quote = c;
    } else if (c === '[' || c === '{') {
      depth += 1;
      if (depth > MAX_FLOW_DEPTH) return i;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth -= 1;
    } else if (c === '\n' && depth > 0 && i + 1 < text.length && !/\s/.test(text[i + 1])) {
      // a flow collection cannot continue at column 1 of a block document: start counting again
      depth = 0;
    }
  }
  return undefined;
}

function locate(file: string, text: string, index: number): Location {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { file, line, column: index - lineStart + 1 };
}
