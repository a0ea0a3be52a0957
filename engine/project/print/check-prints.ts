// The print folder checked as one: prints.yaml, the layout and every template it names.
// `tiaoli lint` and the studio's save check (checkProject) both call this, so they refuse
// the same things at the same file:line:column. Runs in Node and in the browser.
import type { Problem } from '../../core/source-file.js';
import { checkTemplate } from './check-template.js';
import { readPrintManifest } from './print-manifest.js';
import { PROCESSING_NOTICE_FILE, readProcessingNotice } from './processing-notice.js';

/** `files`: path relative to forms/ → text; `shownAs`: how forms/ is named in messages. */
export function checkPrintFiles(files: ReadonlyMap<string, string>, shownAs = 'forms'): Problem[] {
  const show = (f: string): string => (shownAs ? `${shownAs}/prints/${f}` : `prints/${f}`);
  const manifestText = files.get('prints/prints.yaml');
  if (manifestText === undefined) return [];
  const { kinds, problems } = readPrintManifest(manifestText, show('prints.yaml'), (template) => files.has(`prints/${template}`));
  const layout = files.get('prints/layout.hbs');
  if (layout === undefined) problems.push({ code: 'print.noTemplate', message: '找不到打印模板 layout.hbs（每个打印件的版式）', location: { file: show('prints.yaml'), line: 1, column: 1 } });
  else problems.push(...checkTemplate(layout, show('layout.hbs'), 'layout'));
  for (const template of new Set([...kinds.values()].map((k) => k.template))) {
    const text = files.get(`prints/${template}`);
    if (text !== undefined) problems.push(...checkTemplate(text, show(template), 'page'));
  }
  const notice = files.get(`prints/${PROCESSING_NOTICE_FILE}`);
  if (notice !== undefined) problems.push(...readProcessingNotice(notice, show(PROCESSING_NOTICE_FILE)).problems);
  return problems;
}
