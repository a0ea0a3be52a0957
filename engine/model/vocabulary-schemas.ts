// JSON Schemas for what a regulation declares about its own words: named code lists
// (regulation.yaml `vocabulary.lists`, a parameter's `labels`) and the `requirements:`
// section of an article file (engine/load/requirements.ts).

const articleRef = { type: 'string', pattern: '^[1-9][0-9]*(\\.[1-9][0-9]*){0,2}$' };
const identifier = { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*$' };
const ruleId = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' };
const text = { type: 'string', minLength: 1 };
const code = { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_-]*$' };
const paramRef = { type: 'object', required: ['param'], additionalProperties: false, properties: { param: identifier } };

/** A code's name: a text, or { label, description }. */
const codeEntry = {
  anyOf: [
    text,
    { type: 'object', required: ['label'], additionalProperties: false, properties: { label: text, description: text } },
  ],
};

/** Code → name. */
export const codeListSchema = { type: 'object', propertyNames: code, additionalProperties: codeEntry };

/** vocabulary: facts and values (names the engine shows), and the regulation's own lists. */
export const vocabularySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    facts: { type: 'object', additionalProperties: text },
    values: { type: 'object', additionalProperties: text },
    lists: { type: 'object', propertyNames: identifier, additionalProperties: codeListSchema },
  },
};

const requirement = {
  type: 'object',
  required: ['label', 'article', 'satisfiedBy'],
  additionalProperties: false,
  properties: {
    label: text,
    article: articleRef,
    articles: { type: 'array', minItems: 1, items: articleRef },
    satisfiedBy: { type: 'array', minItems: 1, items: { anyOf: [code, paramRef] } },
    count: { anyOf: [{ type: 'integer', minimum: 1 }, paramRef] },
    alternatives: {
      type: 'array',
      items: {
        type: 'object',
        required: ['satisfiedBy', 'when', 'note'],
        additionalProperties: false,
        properties: { satisfiedBy: { type: 'array', minItems: 1, items: { anyOf: [code, paramRef] } }, when: { type: 'object' }, note: text },
      },
    },
    unit: text,
    when: { type: 'object' }, // shape checked with the rules' conditions
  },
};

/** requirements: service → what it needs handed in. */
export const requirementsSectionSchema = {
  type: 'object',
  propertyNames: identifier,
  additionalProperties: {
    type: 'object',
    required: ['handedIn', 'missing', 'codes', 'needs'],
    additionalProperties: false,
    properties: {
      handedIn: text,
      missing: text,
      codes: identifier,
      when: { type: 'object' },
      interpretations: { type: 'array', items: ruleId },
      needs: { type: 'object', minProperties: 1, propertyNames: identifier, additionalProperties: requirement },
    },
  },
};
