// The sections of a counter form (申领人 / 户籍与居住地 / 材料清单) as real tabs: a tablist
// of buttons with role=tab, one tabpanel, ←/→ (and ↑/↓) to move, Home/End for the first and
// last, Enter or Space not needed (a tab is chosen as it gets focus). Replaces JSON Forms'
// vanilla categorization, whose <li onclick> a keyboard cannot reach.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { and, deriveLabelForUISchemaElement, isVisible, rankWith, uiTypeIs, type Categorization, type Category, type LayoutProps } from '@jsonforms/core';
import { JsonFormsDispatch, useJsonForms, withJsonFormsLayoutProps, withTranslateProps, type TranslateProps } from '@jsonforms/react';
import { useMessages } from '../shared/i18n.js';

function SectionTabs({ uischema, schema, path, visible, t }: LayoutProps & TranslateProps) {
  const messages = useMessages();
  const ctx = useJsonForms();
  const id = useId();
  const categorization = uischema as Categorization;
  const sections = (categorization.elements as Category[]).filter((c) => isVisible(c, ctx.core?.data, undefined as unknown as string, ctx.core?.ajv as NonNullable<NonNullable<typeof ctx.core>["ajv"]>, ctx.config));
  const [chosen, setChosen] = useState(0);
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const active = chosen < sections.length ? chosen : 0;
  const choose = (i: number) => {
    setChosen(i);
    tabs.current[i]?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    const last = sections.length - 1;
    const next = { ArrowRight: active + 1, ArrowDown: active + 1, ArrowLeft: active - 1, ArrowUp: active - 1, Home: 0, End: last }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    choose(next < 0 ? last : next > last ? 0 : next);
  };
  if (visible === false) return null;
  const section = sections[active];
  return (
    <div className="categorization">
      <div role="tablist" aria-label={messages.formSections} aria-orientation="vertical" onKeyDown={onKey} data-testid="form-sections">
        {sections.map((c, i) => (
          <button key={i} type="button" role="tab" lang="zh-CN" id={`${id}-tab-${i}`} aria-selected={i === active} aria-controls={`${id}-panel`}
            tabIndex={i === active ? 0 : -1} ref={(el) => { tabs.current[i] = el; }} onClick={() => choose(i)}>
            {deriveLabelForUISchemaElement(c, t)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`} className="categorization-detail">
        {section?.elements.map((child, i) => <JsonFormsDispatch key={`${active}-${i}`} uischema={child} schema={schema} path={path} />)}
      </div>
    </div>
  );
}

const onlyCategories = (uischema: unknown): boolean => ((uischema as Categorization).elements ?? []).every((e) => e.type === 'Category');

export const sectionTabsRenderer = {
  tester: rankWith(10, and(uiTypeIs('Categorization'), onlyCategories)),
  renderer: withJsonFormsLayoutProps(withTranslateProps(SectionTabs)),
};
