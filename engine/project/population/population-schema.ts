// The JSON Schema of a population file's frame (rules/population/*.yaml): its header and the
// `facts:` map of steps. Each step's draws are checked in compile-draw.ts, value by value,
// against the project's case schema, every problem at its line.

export const MAX_POPULATION = 2_000_000;

const date = { type: 'string', calendarDate: true };
const span = { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: date, to: date } };
const draw = { type: 'object' };

export const populationFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['population', 'facts'],
  properties: {
    population: {
      type: 'object',
      additionalProperties: false,
      required: ['label', 'size', 'seed'],
      properties: {
        label: { type: 'string', minLength: 1, maxLength: 200 },
        // the decision dates: one range, several, or whole calendar years
        span: { oneOf: [span, { type: 'array', minItems: 1, maxItems: 50, items: span }] },
        years: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'integer', minimum: 1900, maximum: 2099 } },
        days: { enum: ['workdays', 'everyDay'] },
        size: { type: 'integer', minimum: 1, maximum: MAX_POPULATION },
        seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
      },
    },
    facts: {
      type: 'object',
      minProperties: 1,
      maxProperties: 500,
      additionalProperties: { oneOf: [draw, { type: 'array', minItems: 1, maxItems: 50, items: draw }] },
    },
  },
};
