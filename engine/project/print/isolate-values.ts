// Every value a page prints is isolated from the text around it (<bdi>): whatever a name,
// an address or a number holds, it cannot reorder what follows it. Before this, a
// right-to-left override (U+202E) in a name printed the citizen's ID number after it
// backwards on the 不予办理告知书. Inputs refuse such characters (core/hidden-characters.ts);
// this holds for whatever reaches a page all the same.
// Done on the template's syntax tree, after Handlebars has applied its whitespace control,
// for each escaped {{value}} in the page's text: not inside a tag (an attribute), nor inside
// <title>, <style> or <textarea>, whose text is not markup.
type Node = hbs.AST.Node;

const RAW_TEXT = new Set(['title', 'style', 'textarea', 'script']);

interface HtmlState {
  /** inside `<…>`, and the quote an attribute value is in */
  inTag: boolean;
  quote: string;
  /** the tag's name as read so far, and whether it is still being read */
  tagName: string;
  readingName: boolean;
  /** the raw-text element (title, style…) we are inside, or '' */
  raw: string;
}

function advance(state: HtmlState, text: string): void {
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (!state.inTag) {
      if (c !== '<' || !/[A-Za-z/]/.test(text[i + 1] ?? '')) continue;
      // inside <title> or <style>, only the element's own end tag is a tag
      if (state.raw && text.slice(i + 1, i + 2 + state.raw.length).toLowerCase() !== `/${state.raw}`) continue;
      Object.assign(state, { inTag: true, quote: '', tagName: '', readingName: true });
    } else if (state.quote) {
      if (c === state.quote) state.quote = '';
    } else if (c === '>') {
      state.inTag = false;
      const name = state.tagName.toLowerCase();
      if (RAW_TEXT.has(name)) state.raw = name;
      else if (name === `/${state.raw}`) state.raw = '';
    } else if (state.readingName && /[A-Za-z0-9/-]/.test(c)) {
      state.tagName += c;
    } else {
      state.readingName = false;
      if (c === '"' || c === "'") state.quote = c;
    }
  }
}

const content = (value: string, loc: hbs.AST.SourceLocation): hbs.AST.ContentStatement =>
  ({ type: 'ContentStatement', value, original: value, loc } as unknown as hbs.AST.ContentStatement);

/** The same tree, each printed value of the page's text wrapped in <bdi>…</bdi>. */
export function isolateValues(ast: hbs.AST.Program): hbs.AST.Program {
  const state: HtmlState = { inTag: false, quote: '', tagName: '', readingName: false, raw: '' };
  const walk = (program: hbs.AST.Program | undefined): void => {
    if (!program) return;
    const body: hbs.AST.Statement[] = [];
    for (const statement of program.body) {
      const s = statement as Node & { program?: hbs.AST.Program; inverse?: hbs.AST.Program; escaped?: boolean };
      if (s.type === 'ContentStatement') {
        advance(state, (s as hbs.AST.ContentStatement).value);
        body.push(statement);
      } else if (s.type === 'MustacheStatement' && s.escaped && !state.inTag && !state.raw) {
        body.push(content('<bdi>', s.loc), statement, content('</bdi>', s.loc));
      } else {
        body.push(statement);
        walk(s.program);
        walk(s.inverse);
      }
    }
    program.body = body;
  };
  walk(ast);
  return ast;
}
