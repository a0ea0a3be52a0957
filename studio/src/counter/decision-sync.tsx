// Puts the rules' answers into the form (e.g. whether the agent section shows, art. 12 ¶3)
// through JSON Forms' own update action, on its current data: what the clerk types is
// never overwritten by an older copy.
import { createContext, useContext, useEffect } from 'react';
import { Actions, rankWith, uiTypeIs } from '@jsonforms/core';
import { useJsonForms } from '@jsonforms/react';
import { getPointer } from '../../../engine/core/json-pointer.js';

/** form pointer → the value the rules give it */
export const DecisionValues = createContext<Record<string, unknown>>({});

function DecisionSync() {
  const { core, dispatch } = useJsonForms();
  const values = useContext(DecisionValues);
  useEffect(() => {
    for (const [pointer, value] of Object.entries(values)) {
      if (getPointer(core?.data, pointer) === value) continue;
      dispatch?.(Actions.update(pointer.slice(1).split('/').join('.'), () => value));
    }
  }, [values, core?.data, dispatch]);
  return null;
}

export const decisionSyncRenderer = { tester: rankWith(100, uiTypeIs('DecisionSync')), renderer: DecisionSync };

/** The form's UI schema with the (invisible) element that applies the rules' answers. */
export function withDecisionSync(uischema: unknown): unknown {
  return { type: 'VerticalLayout', elements: [uischema, { type: 'DecisionSync' }] };
}
