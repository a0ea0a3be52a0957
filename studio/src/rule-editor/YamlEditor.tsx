// A CodeMirror 6 YAML editor whose errors show inline, at the line, from the same checks
// as `tiaoli lint`.
import { useEffect, useRef } from 'react';
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { editorLanguage, useEditorLanguage } from '../shared/codemirror-language.js';

export interface LineProblem { line: number; column: number; message: string }

export function YamlEditor({ value, onChange, problems, focusLine }: { value: string; onChange: (text: string) => void; problems: LineProblem[]; focusLine?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;
  useEditorLanguage(view);

  useEffect(() => {
    view.current = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          EditorView.lineWrapping,
          editorLanguage(), // CodeMirror's words in the studio's language; the code area named
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.current?.destroy();
    // the editor is made once; later values arrive through the effect below
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const doc = v.state.doc;
    const diagnostics: Diagnostic[] = problems.map((p) => {
      const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
      const from = Math.min(line.from + Math.max(p.column - 1, 0), line.to);
      return { from, to: Math.max(from + 1, line.to), severity: 'error', message: p.message };
    });
    v.dispatch(setDiagnostics(v.state, diagnostics));
  }, [problems, value]);

  useEffect(() => {
    const v = view.current;
    if (!v || !focusLine || focusLine > v.state.doc.lines) return;
    const line = v.state.doc.line(focusLine);
    v.dispatch({ selection: { anchor: line.from }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
  }, [focusLine]);

  return <div className="yaml-editor" ref={host} data-testid="yaml-editor" />;
}
