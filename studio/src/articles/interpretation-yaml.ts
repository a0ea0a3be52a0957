// "设为默认理解" as an edit of the interpretation's file: only its `default:` value changes
// (a splice of the source text at the value's position), so comments and the rest of the
// file stay as written; a file without `default:` gets the line appended.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';

/** The file's text with `default:` set to `alternative`; an error in Chinese when the file cannot take it. */
export function setInterpretationDefault(text: string, alternative: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(alternative)) throw new Error(`读法标识 ${JSON.stringify(alternative)} 不能写入文件`);
  const doc = parseDocument(text);
  if (doc.errors.length || !isMap(doc.contents)) throw new Error('解释文件有 YAML 语法错误，请先在规则编辑中修正');
  const alternatives = doc.get('alternatives');
  const ids = isSeq(alternatives) ? alternatives.items.map((a) => (isMap(a) ? a.get('id') : undefined)) : [];
  if (!ids.includes(alternative)) throw new Error(`解释文件的 alternatives 中没有读法 ${alternative}`);
  const node = doc.get('default', true);
  if (node === undefined) return `${text}${text.endsWith('\n') || text === '' ? '' : '\n'}default: ${alternative}\n`;
  if (!isScalar(node) || !node.range) throw new Error('解释文件的 default 不是一个读法标识');
  const [start, end] = node.range;
  return `${text.slice(0, start)}${alternative}${text.slice(end)}`;
}
