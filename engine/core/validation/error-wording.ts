// The one wording of ajv's errors in Chinese: a rule file, a case (the CLI, checkCase, the
// server), a counter form (the CLI's `form`, the server) and the studio's counter all say
// the same thing of the same error. Each caller only names the field its own way (a dotted
// path, or the form's titles).
import type { ErrorObject } from 'ajv';
import localizeModule from 'ajv-i18n/localize/zh/index.js';
import type { PathSegment } from '../source-file.js';
import { didYouMean } from '../did-you-mean.js';

// ajv-i18n is CommonJS: its default export is the function itself at run time.
export const localizeZh = ((localizeModule as unknown as { default?: unknown }).default ?? localizeModule) as (errors: ErrorObject[]) => void;

/** tiaoli's own keywords, whose messages are Chinese already. */
export const OWN_KEYWORDS: ReadonlySet<string> = new Set(['calendarDate', 'residentId', 'notAfter', 'notBefore', 'residentIdAgrees', 'divisionOf', 'visibleText']);

const TYPE_NAMES: ReadonlyMap<string, string> = new Map([
  ['integer', '整数'], ['number', '数字'], ['string', '文字'], ['boolean', '是或否'], ['object', '一组内容'], ['array', '清单'], ['null', '空值'],
]);

export function pathOf(instancePath: string): PathSegment[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

type Options = Array<{ const?: unknown; title?: string }>;

/** The options of a `oneOf` that is a choice among constants (a form's select), or undefined. */
function choiceOptions(e: ErrorObject): Options | undefined {
  const options = ((e.parentSchema as { oneOf?: Options } | undefined)?.oneOf ?? []).filter((o) => o && typeof o === 'object' && Object.hasOwn(o, 'const'));
  return options.length ? options : undefined;
}

/** What is wrong, in Chinese, without naming the field (the caller names it). */
export function errorDetail(e: ErrorObject): string {
  if (OWN_KEYWORDS.has(e.keyword)) return e.message ?? e.keyword;
  const p = e.params as Record<string, unknown>;
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  switch (e.keyword) {
    case 'required': return '必填';
    case 'additionalProperties': {
      // a slip for a name the schema has (`nmae` for `name`) is named
      const properties = (e.parentSchema as { properties?: unknown } | undefined)?.properties;
      const near = typeof p.intended === 'string' ? p.intended
        : properties && typeof properties === 'object' ? didYouMean(String(p.additionalProperty), Object.keys(properties)) : undefined;
      return near === undefined ? '没有这一项（拼写有误，或不属于这里），请删除或改正' : `没有这一项（拼写有误，或不属于这里），是否应为 ${near}？`;
    }
    case 'type': return `应为${String(p.type).split(',').map((t) => TYPE_NAMES.get(t) ?? t).join('或')}`;
    case 'enum': {
      const allowed = `应为以下之一：${(p.allowedValues as unknown[]).join('、')}`;
      return propertyName !== undefined ? `未知的名称 ${propertyName}：${allowed}` : allowed;
    }
    case 'const': return `应为 ${JSON.stringify(p.allowedValue)}`;
    case 'oneOf': {
      const options = choiceOptions(e);
      if (options) return `应为以下之一：${options.map((o) => o.title ?? String(o.const)).join('、')}`;
      break;
    }
    case 'minimum': return `不得小于 ${p.limit}`;
    case 'maximum': return `不得大于 ${p.limit}`;
    case 'exclusiveMinimum': return `应大于 ${p.limit}`;
    case 'exclusiveMaximum': return `应小于 ${p.limit}`;
    case 'minLength': return p.limit === 1 ? '不能为空' : `至少 ${p.limit} 个字`;
    case 'maxLength': return `最多 ${p.limit} 个字`;
    case 'minItems': return p.limit === 1 ? '不能为空' : `至少 ${p.limit} 项`;
    case 'maxItems': return `最多 ${p.limit} 项`;
    // a schema may say what the pattern wants (`patternHint`), e.g. a telephone number
    case 'pattern': return typeof (e.parentSchema as { patternHint?: unknown } | undefined)?.patternHint === 'string' ? `格式不对：${(e.parentSchema as { patternHint: string }).patternHint}` : '格式不对';
    case 'format': return '格式不对';
    case 'uniqueItems': return '不能有重复的项';
  }
  const copy = { ...e };
  localizeZh([copy]);
  return copy.message ?? e.keyword;
}

/** The path of the field an error is about: the missing or extra property itself, not its parent. */
export function errorPath(e: ErrorObject): PathSegment[] {
  const path = pathOf(e.instancePath);
  const propertyName = (e as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) path.push(propertyName);
  else if (e.keyword === 'required') path.push(String(e.params.missingProperty));
  else if (e.keyword === 'additionalProperties') path.push(String(e.params.additionalProperty));
  return path;
}

/** An error about a key that should not be there, rather than about its value. */
function keyError(e: ErrorObject): boolean {
  return e.keyword === 'additionalProperties' || (e as ErrorObject & { propertyName?: string }).propertyName !== undefined;
}

export interface WordedError {
  keyword: string;
  path: PathSegment[];
  /** 'key' when the error is about the key itself (one the schema does not have), not its value */
  at: 'key' | 'value';
  detail: string;
  /** (inside wordErrors only) the anyOf and field this error is a branch of */
  branch?: string;
}

/**
 * A list of ajv errors as the user reads them: one per field and wording, tiaoli's own
 * keywords first; the combinators (if, anyOf, allOf, oneOf) left out when the errors
 * inside them say more, a choice among constants said once, a date our own keyword
 * explains not explained again by `format`.
 */
export function wordErrors(errors: ErrorObject[] | null | undefined): WordedError[] {
  if (!errors?.length) return [];
  const ordered = [...errors.filter((e) => OWN_KEYWORDS.has(e.keyword)), ...errors.filter((e) => !OWN_KEYWORDS.has(e.keyword))];
  const choices = new Set(ordered.filter((e) => e.keyword === 'oneOf' && choiceOptions(e)).map((e) => e.instancePath));
  const explained = new Set(ordered.filter((e) => OWN_KEYWORDS.has(e.keyword)).map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: WordedError[] = [];
  for (const e of ordered) {
    if (e.keyword === 'propertyNames') continue; // said through the enum error on the name itself
    if (['if', 'anyOf', 'allOf'].includes(e.keyword) && errors.length > 1) continue;
    if (e.keyword === 'oneOf' && !choiceOptions(e) && errors.length > 1) continue;
    if (e.keyword === 'format' && explained.has(e.instancePath)) continue;
    if (e.keyword === 'const' && choices.has(e.instancePath) && /\/oneOf\/\d+\/const$/.test(e.schemaPath)) continue;
    const path = errorPath(e);
    const detail = errorDetail(e);
    const key = `${JSON.stringify(path)}|${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // the branches of one anyOf failing at one value are one problem: what each would take, or'd
    const branch = /^(.*\/anyOf)\/\d+\/[^/]+$/.exec(e.schemaPath)?.[1];
    const merged = branch === undefined ? undefined : out.find((w) => w.branch === `${branch}|${JSON.stringify(path)}`);
    if (merged) {
      merged.detail = `${merged.detail}，或${detail}`;
      continue;
    }
    out.push({ keyword: e.keyword, path, detail, at: keyError(e) ? 'key' : 'value', ...(branch === undefined ? {} : { branch: `${branch}|${JSON.stringify(path)}` }) });
  }
  return out.map(({ branch: _branch, ...w }) => w);
}
