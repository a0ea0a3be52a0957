// Form errors as a counter clerk reads them: the field's Chinese titles, its path, and a
// Chinese message; at the line and column of a data file when there is one.
import type { ErrorObject } from 'ajv';
import { wordErrors } from '../../core/validation/error-wording.js';
import type { PathSegment, Problem, SourceFile } from '../../core/source-file.js';

/** The titles of the schema nodes along a data path: 申领人 › 公民身份号码. */
export function titlesAlong(schema: Record<string, any>, path: PathSegment[]): string[] {
  const titles: string[] = [];
  let node: Record<string, any> | undefined = schema;
  for (const key of path) {
    node = typeof key === 'number' ? node?.items : node?.properties?.[key];
    titles.push(node?.title ?? String(key));
  }
  return titles;
}

/** Form errors, each field named by its titles and path; the wording is every check's (error-wording.ts). */
export function formProblems(errors: ErrorObject[] | null | undefined, schema: Record<string, any>, source: SourceFile): Problem[] {
  return wordErrors(errors).map((w) => ({
    code: `form.${w.keyword}`,
    message: `${titlesAlong(schema, w.path).join(' › ')}（${w.path.join('.')}）：${w.detail}`,
    location: source.locate(w.path),
  }));
}
