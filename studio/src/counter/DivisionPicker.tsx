// Cascading pickers for a division code, a JSON Forms renderer for a Control whose UI schema
// says `options: { divisionPicker: … }` (forms/*/uischema.yaml):
//   { from: root, levels: [2, 4, 6, 9], county: FIELD, countyDigits: 6, name: FIELD, kind: FIELD }
//       one select per level, from the top of the server's division dataset down
//       (GET /api/divisions); the code at `countyDigits` goes into the FIELD `county` beside it
//   { from: FIELD, name: FIELD, kind: FIELD }
//       the lowest level only, under the code in FIELD beside it: from the schema's
//       `divisionOf.table` when it has one (the rules' own table), else from the dataset
// Choosing the lowest level fills the control's code, and the `name` and `kind` fields beside
// it (art. 2 compares codes; street or town comes from the dataset). FIELDs are siblings in
// the same object, so nothing here names a place or a country.
import { useEffect, useMemo, useState } from 'react';
import { rankWith, type ControlProps, type RankedTester } from '@jsonforms/core';
import { useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';
import { fetchDivisions } from '../shared/api.js';
import { fill, useMessages } from '../shared/i18n.js';
import { getPointer } from '../../../engine/core/json-pointer.js';
import './division-picker.css';

interface Division { code: string; name: string; kind?: string }
interface Listing { level: { label: string }; children: Division[] }
interface PickerOptions { from?: string; levels?: number[]; county?: string; countyDigits?: number; name?: string; kind?: string }

const listings = new Map<string, Promise<Listing>>();

/** The children of a code, asked of the server once per page. */
function childrenOf(parent: string): Promise<Listing> {
  let listing = listings.get(parent);
  if (!listing) {
    listing = fetchDivisions(parent) as Promise<Listing>;
    listing.catch(() => listings.delete(parent));
    listings.set(parent, listing);
  }
  return listing;
}

function useListing(parent: string | undefined, local?: Division[]): { list?: Division[]; label?: string; error?: string } {
  const [state, setState] = useState<{ list?: Division[]; label?: string; error?: string }>({});
  useEffect(() => {
    if (local) return setState({ list: local });
    if (parent === undefined) return setState({});
    let live = true;
    setState({});
    childrenOf(parent).then(
      (d) => { if (live) setState({ list: d.children, label: d.level.label }); },
      (e: Error) => { if (live) setState({ error: e.message }); },
    );
    return () => { live = false; };
  }, [parent, local]);
  return state;
}

function LevelSelect(props: { id?: string; parent?: string; local?: Division[]; value?: string; label: string; testId: string; enabled: boolean; onPick: (d: Division | undefined) => void }) {
  const t = useMessages();
  const { list, label, error } = useListing(props.parent, props.local);
  const title = label ? `${props.label}${t.colon}${label}` : props.label;
  if (error) return <span className="validation validation_error" data-testid={`${props.testId}-error`}>{t.divisionFailed}{t.colon}{error}</span>;
  if (list && list.length === 0) return <span className="muted small">{t.divisionNone}</span>;
  const known = list?.some((d) => d.code === props.value);
  return (
    <select
      id={props.id}
      aria-label={title}
      title={title}
      data-testid={props.testId}
      disabled={!props.enabled || !list}
      value={props.value ?? ''}
      onChange={(e) => props.onPick(list?.find((d) => d.code === e.target.value))}
    >
      <option value="">{label ? fill(t.divisionLevel, { level: label }) : t.divisionChoose}</option>
      {props.value && !known && <option value={props.value}>{props.value}</option>}
      {/* the names of places are the dataset's, in Chinese */}
      {list?.map((d) => <option key={d.code} value={d.code} lang="zh-CN">{d.name}</option>)}
    </select>
  );
}

/** What both pickers share: the options, the fields beside the code, and choosing the lowest level. */
function usePicker(props: ControlProps) {
  const { data, path, handleChange, schema, uischema } = props;
  const options = (uischema.options?.divisionPicker ?? {}) as PickerOptions;
  const { core } = useJsonForms();
  const base = path.split('.').slice(0, -1);
  const sibling = (name?: string) => (name ? [...base, name].join('.') : undefined);
  const siblingValue = (name?: string): unknown => (name ? getPointer(core?.data, `/${[...base, name].join('/')}`) : undefined);
  const code = typeof data === 'string' ? data : undefined;
  const set = (name: string | undefined, value: unknown) => {
    const at = sibling(name);
    if (at) handleChange(at, value);
  };
  const pickLowest = (d: Division | undefined) => {
    handleChange(path, d?.code);
    set(options.name, d?.name);
    set(options.kind, d?.kind);
  };
  const divisionOf = (schema as { divisionOf?: { table?: unknown; successions?: unknown } }).divisionOf;
  return { options, siblingValue, code, set, pickLowest, divisionOf };
}

/** The lowest level under the code beside it (a former code read as its successor). */
function LowestLevelPicker(props: ControlProps) {
  const { path, errors, label, visible, enabled, id, required } = props;
  const { options, siblingValue, code, pickLowest, divisionOf } = usePicker(props);
  const parentCode = siblingValue(options.from);
  const parent = typeof parentCode === 'string' && /^[0-9]+$/.test(parentCode) ? parentCode : undefined;
  const successor = Array.isArray(divisionOf?.successions)
    ? (divisionOf!.successions as Array<{ former?: unknown; successor?: unknown }>).find((r) => r?.former === parent)?.successor
    : undefined;
  const under = typeof successor === 'string' ? successor : parent;
  const table = Array.isArray(divisionOf?.table) ? (divisionOf!.table as Division[]) : undefined;
  const local = useMemo(() => (table && under ? table.filter((r) => typeof r?.code === 'string' && r.code.startsWith(under)) : undefined), [table, under]);
  // a code left from another county is cleared with the county's change
  useEffect(() => {
    if (code && under && !code.startsWith(under)) pickLowest(undefined);
  }, [under]);
  return (
    <div className="control division-picker" hidden={!visible} id={id}>
      <label htmlFor={`${id}-input`}>{label}{required ? '*' : ''}</label>
      {under
        ? <LevelSelect id={`${id}-input`} parent={table ? undefined : under} local={local} value={code} label={label} testId={`division-${path}`} enabled={enabled} onPick={pickLowest} />
        : <span className="muted small">—</span>}
      <div className={errors ? 'validation validation_error' : 'validation input-description'}>{errors}</div>
    </div>
  );
}

/** From the top of the dataset down, one select per level. */
function AllLevelsPicker(props: ControlProps) {
  const { path, errors, label, visible, enabled, id, required } = props;
  const { options, siblingValue, code, set, pickLowest } = usePicker(props);
  const levels = Array.isArray(options.levels) ? options.levels.filter((n) => Number.isInteger(n)) : [];
  const county = siblingValue(options.county);
  const anchor = code ?? (typeof county === 'string' ? county : undefined);
  const derived = anchor && /^[0-9]+$/.test(anchor) ? levels.filter((n) => n <= anchor.length).map((n) => anchor.slice(0, n)) : [];
  const [picked, setPicked] = useState<string[]>(derived);
  const derivedKey = derived.join(',');
  useEffect(() => {
    if (derived.length && derivedKey !== picked.slice(0, derived.length).join(',')) setPicked(derived);
  }, [derivedKey]);
  const pick = (level: number, d: Division | undefined) => {
    setPicked([...picked.slice(0, level), ...(d ? [d.code] : [])]);
    if (level === levels.length - 1) return pickLowest(d);
    if (code !== undefined) pickLowest(undefined);
    const digits = levels[level];
    if (options.countyDigits !== undefined && digits <= options.countyDigits) set(options.county, digits === options.countyDigits ? d?.code : undefined);
  };
  return (
    <div className="control division-picker" hidden={!visible} id={id}>
      <label htmlFor={`${id}-input`}>{label}{required ? '*' : ''}</label>
      <span className="division-levels">
        {levels.map((_digits, level) => (level === 0 || picked[level - 1]
          ? <LevelSelect key={level} id={level === 0 ? `${id}-input` : undefined} parent={level === 0 ? '' : picked[level - 1]} value={picked[level]} label={label} testId={`division-${path}-${level}`} enabled={enabled} onPick={(d) => pick(level, d)} />
          : null))}
      </span>
      <div className={errors ? 'validation validation_error' : 'validation input-description'}>{errors}</div>
    </div>
  );
}

function DivisionPickerControl(props: ControlProps) {
  const from = (props.uischema.options?.divisionPicker as PickerOptions | undefined)?.from;
  return from && from !== 'root' ? <LowestLevelPicker {...props} /> : <AllLevelsPicker {...props} />;
}

export const divisionPickerTester: RankedTester = rankWith(20, (uischema) => uischema.type === 'Control' && Boolean((uischema.options as Record<string, unknown> | undefined)?.divisionPicker));

export const divisionPickerRenderer = { tester: divisionPickerTester, renderer: withJsonFormsControlProps(DivisionPickerControl) };
