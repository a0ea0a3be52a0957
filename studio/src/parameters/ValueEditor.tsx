// The editor for one parameter value, by its type: a date picker, a number field, or a
// checklist of the codes of the vocabulary list the parameter names (`codes:`).
import type { ParameterSpec, Vocabulary } from '../../../engine/model/model.js';

export function ValueEditor({ spec, value, vocabulary, onChange, testId }: {
  spec: ParameterSpec; value: unknown; vocabulary: Vocabulary; onChange: (v: unknown) => void; testId: string;
}) {
  if (spec.type === 'date') {
    return <input type="date" data-testid={testId} value={String(value ?? '')} onChange={(e) => e.target.value && onChange(e.target.value)} />;
  }
  if (spec.type === 'integer' || spec.type === 'number') {
    return (
      <span>
        <input type="number" data-testid={testId} step={spec.type === 'integer' ? 1 : 'any'} min={0} value={String(value ?? '')}
          onChange={(e) => e.target.value !== '' && onChange(spec.type === 'integer' ? Math.trunc(Number(e.target.value)) : Number(e.target.value))} />
        {spec.unit && <span className="unit">{spec.unit}</span>}
      </span>
    );
  }
  if (spec.type === 'boolean') {
    return <input type="checkbox" data-testid={testId} checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} />;
  }
  if (spec.type === 'list') {
    const list = (value as unknown[]) ?? [];
    const options = spec.codes !== undefined && Object.hasOwn(vocabulary.lists, spec.codes) ? vocabulary.lists[spec.codes] : undefined;
    if (options) {
      return (
        <div className="checklist" data-testid={testId}>
          {Object.entries(options).map(([code, { label }]) => (
            <label key={code}>
              <input type="checkbox" value={code} checked={list.includes(code)}
                onChange={(e) => onChange(e.target.checked ? [...list, code] : list.filter((v) => v !== code))} />
              {label} <code>{code}</code>
            </label>
          ))}
        </div>
      );
    }
    // a table (rows with fields, e.g. the county-code changes of art. 2) is edited as YAML in the rule editor
    if (list.some((row) => row !== null && typeof row === 'object')) {
      return <pre className="table-value" data-testid={testId} tabIndex={0}>{list.map((row) => JSON.stringify(row)).join('\n')}</pre>;
    }
    return <textarea data-testid={testId} value={list.join('\n')} onChange={(e) => onChange(e.target.value.split('\n').map((s) => s.trim()).filter(Boolean))} />;
  }
  return <input type="text" data-testid={testId} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
}
