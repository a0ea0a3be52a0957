// CodeMirror's own words (search panel, go-to-line, lint panel, folding) in the studio's
// language, and the code area's name for screen readers: an extension that follows the
// language switch. English is CodeMirror's own; Chinese is given here (EditorState.phrases).
import { useEffect, type RefObject } from 'react';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { currentLanguage, messagesFor, useLanguage, type Language } from './i18n.js';

const ZH_PHRASES: Record<string, string> = {
  Find: '查找', Replace: '替换', next: '下一个', previous: '上一个', all: '全部', 'match case': '区分大小写', regexp: '正则表达式', 'by word': '全词匹配',
  replace: '替换', 'replace all': '全部替换', close: '关闭', 'current match': '当前匹配', 'on line': '在第', 'replaced $ matches': '已替换 $ 处',
  'replaced match on line $': '已替换第 $ 行的匹配', 'Go to line': '跳到行', go: '跳转', to: '至', 'Control character': '控制字符',
  'Folded lines': '已折叠的行', 'Unfolded lines': '已展开的行', 'Fold line': '折叠此行', 'Unfold line': '展开此行', 'folded code': '折叠的代码', unfold: '展开',
  Diagnostics: '错误', 'No diagnostics': '没有错误', 'Selection deleted': '已删除所选内容', Completions: '补全',
};

const compartment = new Compartment();

function extensionFor(language: Language): Extension {
  return [
    ...(language === 'zh' ? [EditorState.phrases.of(ZH_PHRASES)] : []),
    EditorView.contentAttributes.of({ 'aria-label': messagesFor(language).codeArea, lang: 'zh-CN', tabindex: '0' }),
  ];
}

/** The extension to create an editor with: its words in the language shown now. */
export const editorLanguage = (): Extension => compartment.of(extensionFor(currentLanguage()));

/** Keeps an editor's words in the interface's language as it switches. */
export function useEditorLanguage(view: RefObject<EditorView | undefined>): void {
  const language = useLanguage();
  useEffect(() => {
    view.current?.dispatch({ effects: compartment.reconfigure(extensionFor(language)) });
  }, [language, view]);
}
