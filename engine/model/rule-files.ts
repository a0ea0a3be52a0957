// JSON Schemas for the kinds of file in a rules folder. Checked with ajv; every error is
// reported at the file, line and column of the offending value.
import { codeListSchema, requirementsSectionSchema, vocabularySchema } from './vocabulary-schemas.js';

const articleRef = { type: 'string', pattern: '^[1-9][0-9]*(\\.[1-9][0-9]*){0,2}$' };
const identifier = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' };
const ruleId = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' };
/** a reading's name: kebab-case, or a decision value's own name (`notInForce`: the reading that keeps that outcome) */
const alternativeId = { type: 'string', pattern: '^([a-z0-9]+(-[a-z0-9]+)*|[a-z][A-Za-z0-9]*)$' };
const text = { type: 'string', minLength: 1 };
const factName = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$' };
/** one fact name, or several: the first the case has */
const factNames = { anyOf: [factName, { type: 'array', minItems: 1, items: factName }] };
/** a bound: a parameter's name, a number, or `{ parameter | value, reason }` */
const limitSchema = {
  anyOf: [
    identifier,
    { type: 'number' },
    {
      type: 'object', additionalProperties: false, minProperties: 1,
      properties: { parameter: identifier, value: { type: 'number' }, reason: text },
    },
  ],
};
const dateText = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

const paragraph = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: {
    text,
    label: text,
    decidable: { type: 'boolean' },
    reason: text,
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'text'],
        additionalProperties: false,
        properties: { label: text, text, decidable: { type: 'boolean' }, reason: text },
      },
    },
  },
};

export const articleFileSchema = {
  $id: 'article-file',
  type: 'object',
  required: ['articles'],
  additionalProperties: false,
  properties: {
    articles: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['number', 'title', 'paragraphs'],
        additionalProperties: false,
        properties: {
          number: { type: 'integer', minimum: 1 },
          title: text,
          note: text,
          decidable: { type: 'boolean' },
          reason: text,
          paragraphs: { type: 'array', minItems: 1, items: paragraph },
        },
        if: { properties: { decidable: { const: false } }, required: ['decidable'] },
        then: { required: ['reason'] },
      },
    },
    derived: {
      type: 'object',
      propertyNames: identifier,
      additionalProperties: {
        type: 'object',
        required: ['label', 'function', 'args'],
        additionalProperties: false,
        properties: {
          label: text,
          function: identifier,
          args: { type: 'object' },
          articles: { type: 'array', items: articleRef },
          interpretations: { type: 'array', items: ruleId },
        },
      },
    },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'articles', 'when'],
        additionalProperties: false,
        properties: {
          id: ruleId,
          name: text,
          articles: { type: 'array', minItems: 1, items: articleRef },
          interpretations: { type: 'array', items: ruleId },
          overrides: { type: 'array', items: ruleId },
          when: { type: 'object' }, // shape checked in check-references.ts, with clearer messages
          set: { type: 'object', minProperties: 1 },
          add: { type: 'object', minProperties: 1 },
          // each condition's fact → the words a refusal prints when the condition is not met
          // (the fact, and what the person can do); checked against the conditions in build-regulation.ts
          unmet: { type: 'object', minProperties: 1, additionalProperties: text },
        },
        anyOf: [{ required: ['set'] }, { required: ['add'] }],
      },
    },
    requirements: requirementsSectionSchema,
  },
};

export const parameterFileSchema = {
  $id: 'parameter-file',
  type: 'object',
  minProperties: 1,
  propertyNames: identifier,
  additionalProperties: {
    type: 'object',
    required: ['label', 'article', 'type', 'values'],
    additionalProperties: false,
    properties: {
      label: text,
      article: articleRef,
      type: { enum: ['integer', 'number', 'date', 'string', 'list', 'boolean'] },
      unit: text,
      reference: text,
      codes: identifier,
      labels: codeListSchema,
      // the date its 生效日期 is compared with: a date fact of the case (default asOf)
      readAt: {
        type: 'object', required: ['fact', 'label'], additionalProperties: false,
        properties: { fact: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$' }, label: text },
      },
      values: { type: 'object', minProperties: 1, propertyNames: dateText },
      // the place it is read for: a division code of the case (a value may differ by place)
      readIn: {
        type: 'object', required: ['fact', 'label'], additionalProperties: false,
        properties: { fact: factName, label: text, codes: identifier, successions: identifier },
      },
      // values a place sets for itself: 6-digit GB/T 2260 code → dated values
      places: {
        type: 'object',
        propertyNames: { type: 'string', pattern: '^\\d{6}$' },
        additionalProperties: { type: 'object', minProperties: 1, propertyNames: dateText },
      },
      // bounds each value keeps: ≤ / ≥ another parameter (same date, same place) or a number
      atMost: limitSchema,
      atLeast: limitSchema,
    },
  },
};

export const interpretationFileSchema = {
  $id: 'interpretation-file',
  type: 'object',
  required: ['id', 'title', 'articles', 'question', 'reading', 'alternatives', 'reasoning'],
  additionalProperties: false,
  properties: {
    id: ruleId,
    title: text,
    articles: { type: 'array', minItems: 1, items: articleRef },
    question: text,
    reading: text,
    /** the id of the executable alternative that is the reading taken (with `alternatives[].id`) */
    default: alternativeId,
    alternatives: {
      type: 'array',
      items: {
        type: 'object',
        required: ['reading'],
        additionalProperties: false,
        properties: {
          /** an executable alternative: its name for `--reading ID=ALT` and `readings:` */
          id: alternativeId,
          reading: text,
          consequence: text,
          /** parameter name → the value it has under this reading (at every date) */
          parameters: { type: 'object', propertyNames: identifier },
          /** rules switched off under this reading */
          rulesOff: { type: 'array', items: ruleId },
        },
      },
    },
    reasoning: text,
    sources: { type: 'array', items: text },
  },
};

const decisionField = {
  type: 'object',
  required: ['type', 'label'],
  additionalProperties: false,
  properties: {
    type: { enum: ['boolean', 'date', 'number', 'enum', 'list'] },
    label: text,
    values: { type: 'array', items: { type: 'string' }, minItems: 1 },
    default: {},
  },
  if: { properties: { type: { const: 'enum' } } },
  then: { required: ['values'] },
};

export const regulationFileSchema = {
  $id: 'regulation-file',
  type: 'object',
  required: ['id', 'title', 'source', 'chapters', 'decisions', 'vocabulary'],
  additionalProperties: false,
  properties: {
    id: ruleId,
    title: text,
    promulgation: text,
    source: text,
    chapters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['title', 'articles'],
        additionalProperties: false,
        properties: {
          title: text,
          articles: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
        },
      },
    },
    decisions: {
      type: 'object',
      propertyNames: identifier,
      additionalProperties: {
        type: 'object',
        required: ['label', 'articles', 'fields'],
        additionalProperties: false,
        properties: {
          label: text,
          articles: { type: 'array', items: articleRef },
          fields: { type: 'object', minProperties: 1, propertyNames: identifier, additionalProperties: decisionField },
        },
      },
    },
    vocabulary: vocabularySchema,
    // dates of a case that cannot be in the other order: `earlier` not after `later`
    dateOrders: {
      type: 'array',
      items: {
        type: 'object', required: ['earlier', 'later'], additionalProperties: false,
        properties: { earlier: factNames, later: factNames },
      },
    },
  },
};

