// The editor for one parameter value, by its type: a date picker, a number field, or a
// checklist of the codes of the vocabulary list the parameter names (`codes:`). Each field
// is controlled by what the person types (useDraft); the file follows at once, the model later.
import type { ParameterSpec, Vocabulary } from '../../../engine/model/model.js';
import { useMessages } from '../shared/i18n.js';
import { useDraft } from './use-draft.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ValueChange {
  /** the whole new value */
  set: (value: unknown) => void;
  /** one code of a list ticked or unticked, applied to the list as the file has it now */
  tick: (code: string, on: boolean) => void;
}

export function ValueEditor({ spec, value, vocabulary, change, testId, label, disabled }: {
  spec: ParameterSpec; value: unknown; vocabulary: Vocabulary; change: ValueChange; testId: string; label: string; disabled?: boolean;
}) {
  if (spec.type === 'date') return <DateField value={String(value ?? '')} onCommit={change.set} testId={testId} label={label} disabled={disabled} />;
  if (spec.type === 'integer' || spec.type === 'number') {
    return (
      <span>
        <NumberField value={typeof value === 'number' ? value : undefined} integer={spec.type === 'integer'} onCommit={change.set} testId={testId} label={label} disabled={disabled} />
        {spec.unit && <span className="unit">{spec.unit}</span>}
      </span>
    );
  }
  if (spec.type === 'boolean') {
    return <input type="checkbox" data-testid={testId} aria-label={label} disabled={disabled} checked={Boolean(value)} onChange={(e) => change.set(e.target.checked)} />;
  }
  if (spec.type === 'list') {
    const list = Array.isArray(value) ? value : [];
    const options = spec.codes !== undefined && Object.hasOwn(vocabulary.lists, spec.codes) ? vocabulary.lists[spec.codes] : undefined;
    if (options) {
      // codes in the value that the vocabulary does not name yet (just added) still show
      const codes = [...Object.keys(options), ...list.filter((c): c is string => typeof c === 'string' && !Object.hasOwn(options, c))];
      return (
        <fieldset className="checklist" data-testid={testId} disabled={disabled} aria-label={label}>
          {codes.map((code) => (
            <label key={code}>
              <input type="checkbox" value={code} checked={list.includes(code)} onChange={(e) => change.tick(code, e.target.checked)} />
              {Object.hasOwn(options, code) ? options[code].label : ''} <code>{code}</code>
            </label>
          ))}
        </fieldset>
      );
    }
    // a table (rows with fields, e.g. the county-code changes of art. 2) is edited as YAML in the rule editor
    if (list.some((row) => row !== null && typeof row === 'object')) {
      return <pre className="table-value" data-testid={testId} tabIndex={0}>{list.map((row) => JSON.stringify(row)).join('\n')}</pre>;
    }
    return <LinesField value={list.map(String)} onCommit={change.set} testId={testId} label={label} disabled={disabled} />;
  }
  return <TextField value={String(value ?? '')} onCommit={change.set} testId={testId} label={label} disabled={disabled} />;
}

interface FieldProps<T> { value: T; onCommit: (v: T) => void; testId: string; label: string; disabled?: boolean }

export function DateField({ value, onCommit, testId, label, disabled }: FieldProps<string>) {
  const [text, setText] = useDraft(value, (v) => v, (t) => t);
  return (
    <input type="date" data-testid={testId} aria-label={label} disabled={disabled} value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (DATE.test(e.target.value) && e.target.value !== value) onCommit(e.target.value);
      }} />
  );
}

function NumberField({ value, integer, onCommit, testId, label, disabled }: FieldProps<number | undefined> & { integer: boolean }) {
  const t = useMessages();
  const read = (s: string): number | undefined => (s.trim() === '' || !Number.isFinite(Number(s)) || (integer && !Number.isInteger(Number(s))) ? undefined : Number(s));
  const [text, setText] = useDraft(value, (v) => (v === undefined ? '' : String(v)), read);
  const invalid = text.trim() !== '' && read(text) === undefined;
  return (
    <>
      <input type="number" data-testid={testId} aria-label={label} aria-invalid={invalid || undefined} disabled={disabled} step={integer ? 1 : 'any'} min={0} value={text}
        onChange={(e) => {
          setText(e.target.value);
          const n = read(e.target.value);
          if (n !== undefined && n !== value) onCommit(n);
        }} />
      {invalid && <span className="error small" role="alert">{integer ? t.wholeNumber : t.aNumber}</span>}
    </>
  );
}

function TextField({ value, onCommit, testId, label, disabled }: FieldProps<string>) {
  const [text, setText] = useDraft(value, (v) => v, (s) => s);
  return <input type="text" data-testid={testId} aria-label={label} disabled={disabled} value={text} onChange={(e) => { setText(e.target.value); onCommit(e.target.value); }} />;
}

function LinesField({ value, onCommit, testId, label, disabled }: FieldProps<string[]>) {
  const read = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);
  const [text, setText] = useDraft(value, (v) => v.join('\n'), read, (a, b) => JSON.stringify(a) === JSON.stringify(b));
  return <textarea data-testid={testId} aria-label={label} disabled={disabled} value={text} onChange={(e) => { setText(e.target.value); onCommit(read(e.target.value)); }} />;
}
