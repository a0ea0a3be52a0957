// @vitest-environment jsdom
// The application form rendered by JSON Forms (vanilla renderers), sharing tiaoli's ajv:
// the agent section (art. 12 ¶3) shows only when the rules allow an agent.
import { afterEach, describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { JsonForms } from '@jsonforms/react';
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers';
import { createAjv } from '../engine/core/validation/ajv.js';
import { formToCase } from '../engine/project/forms/map-form.js';
import { withDecisionValues } from '../engine/project/forms/decision-values.js';
import { checkCase } from '../engine/model/case/validate-case.js';
import { qujing } from './support/regulation.js';
import { forms, resolved } from './support/forms.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const ajv = createAjv();
let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function application(idNumber: string, via: string) {
  return {
    acceptedOn: '2019-09-16', applicant: { name: '小明', idNumber }, via, hukou: { county: '510104' },
    residence: { county: '530302', township: '寥廓街道', townshipKind: 'street', arrivedOn: '2019-02-25', registeredOn: '2019-02-27' },
    grounds: { study: true }, materials: { idCard: 1, photo: 2, leaseContract: 1, studentCard: 1 },
  };
}

/** Decide the case the form makes, put the rules' answers into the form, render it. */
async function render(data: Record<string, unknown>) {
  const form = forms.set.forms['permit-application'];
  const regulation = qujing().regulation;
  const input = checkCase(regulation, formToCase(form, data)).case;
  // an invalid form makes no case: there is nothing to decide until it is corrected
  const shown = input ? withDecisionValues(form, data, await qujing().decide(input)) : data;
  const { schema, uischema } = resolved('permit-application', regulation);
  const container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
  await act(async () => {
    root!.render(createElement(JsonForms, { schema, uischema: uischema as any, data: shown, renderers: vanillaRenderers, cells: vanillaCells, ajv }));
  });
  return container;
}

function agentSection(container: HTMLElement): HTMLElement {
  const legend = [...container.querySelectorAll('legend, label, .group-layout-label, h4')].find((e) => e.textContent?.includes('代办人（第十二条第三款）'));
  if (!legend) throw new Error(`no agent section in: ${container.textContent?.slice(0, 300)}`);
  return legend.closest('fieldset, .group-layout, div') as HTMLElement;
}

const isShown = (el: HTMLElement): boolean => !el.hidden && el.style.display !== 'none' && !el.closest('[hidden]');

describe('the application form in JSON Forms', () => {
  it('shows the agent section for a child of 10 applying through a guardian', async () => {
    // born 2009-05-01: 10 full years on 2019-09-16, under 16 (art. 12 ¶3)
    const container = await render(application('510104200905010017', 'guardian'));
    expect(isShown(agentSection(container))).toBe(true);
    expect(container.textContent).toContain('代办人姓名');
  });

  it('hides it for a 31-year-old applying in person', async () => {
    const container = await render(application('510104198806210574', 'self'));
    expect(isShown(agentSection(container))).toBe(false);
  });

  it('shows field errors in Chinese from the shared ajv', async () => {
    const container = await render({ ...application('510104198806210575', 'self') });
    expect(container.textContent).toContain('公民身份号码校验码错误：应为 4，实为 5');
  });
});
