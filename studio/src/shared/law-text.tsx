// The regulation's own words and the data written in Chinese (names of codes, rule names,
// labels from rules/ and forms/) as they show in an interface that may be English: marked
// lang="zh-CN" so screen readers read them as Chinese, and data-law so the English-mode
// test knows they are the law's, not the studio's.
import type { ReactNode } from 'react';
import { nameOf } from '../../../engine/explain/describe-value.js';
import type { Vocabulary } from '../../../engine/model/model.js';
import type { Messages } from './i18n.js';

export function Law({ children, block }: { children: ReactNode; block?: boolean }) {
  return block ? <div lang="zh-CN" data-law="">{children}</div> : <span lang="zh-CN" data-law="">{children}</span>;
}

/** Text from a file or a case: marked as Chinese when it is (a name, a place). */
export function DataText({ text }: { text: string }): ReactNode {
  return /\p{Script=Han}/u.test(text) ? <Law>{text}</Law> : text;
}

/** A value as counter staff read it: the code's name alone, yes/no, a list. */
export function ValueLabel({ value, vocabulary, t }: { value: unknown; vocabulary: Vocabulary; t: Messages }): ReactNode {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (Array.isArray(value)) {
    if (!value.length) return t.noneShort;
    return value.map((v, i) => <span key={i}>{i > 0 && t.listSeparator}<ValueLabel value={v} vocabulary={vocabulary} t={t} /></span>);
  }
  if (typeof value === 'string') {
    const name = nameOf(value, vocabulary);
    return name ? <Law>{name}</Law> : <DataText text={value} />;
  }
  return String(value);
}

/** A value as a trace shows it: the code with its name, yes/no, a list. */
export function ValueDescription({ value, vocabulary, t }: { value: unknown; vocabulary: Vocabulary; t: Messages }): ReactNode {
  if (value === undefined || value === null) return t.none;
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (Array.isArray(value)) {
    if (!value.length) return `[] ${t.emptyList}`;
    return <>[{value.map((v, i) => <span key={i}>{i > 0 && t.listSeparator}<ValueDescription value={v} vocabulary={vocabulary} t={t} /></span>)}]</>;
  }
  if (typeof value === 'string') {
    const name = nameOf(value, vocabulary);
    return name ? <>{value} <Law>（{name}）</Law></> : <DataText text={value} />;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
