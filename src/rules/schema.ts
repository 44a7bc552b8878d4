/**
 * The JSON Schema of a rule, the single definition of the rule file format. It is
 * published as rules/rule.schema.json (kept equal by a test) so that editors can
 * validate rule files as compliance staff type them.
 */
export const RULE_SCHEMA_ID = 'urn:scrubjay:rule-schema:1';

export const ruleSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: RULE_SCHEMA_ID,
  title: 'Scrubjay rule',
  description: 'One claim-scrubbing rule: when its conditions hold for a claim, line, diagnosis or pair of lines, it reports a finding.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'category', 'severity', 'scope', 'description', 'references', 'conditions', 'message', 'explanation', 'fix', 'tests'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'stable id, lower-case words joined by dashes' },
    title: { type: 'string', minLength: 3 },
    category: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$', description: 'missing-information, code-validity, code-compatibility, timely-filing, ...' },
    severity: { enum: ['error', 'warning', 'info'] },
    carc: { type: 'string', pattern: '^[A-Z]?[0-9]{1,3}$', description: 'Claim Adjustment Reason Code the payer would return' },
    rarc: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{1,2}[0-9]{1,3}$' }, description: 'Remittance Advice Remark Codes' },
    scope: { enum: ['claim', 'diagnosis', 'line', 'pair'] },
    description: { type: 'string', minLength: 10 },
    references: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title'],
        properties: { title: { type: 'string', minLength: 3 }, section: { type: 'string' }, url: { type: 'string', pattern: '^https?://' } },
      },
    },
    appliesTo: {
      type: 'object',
      additionalProperties: false,
      description: 'limits the rule to some payers or dates of service',
      properties: {
        payerKinds: { type: 'array', minItems: 1, items: { enum: ['medicare', 'medicaid', 'commercial', 'tricare', 'workers-comp', 'other'] } },
        payerIds: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        from: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'first date of service the rule applies to' },
        to: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'last date of service the rule applies to' },
      },
    },
    conditions: { $ref: '#/definitions/topLevelCondition' },
    field: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]*(\\[[0-9]+\\]|\\.[A-Za-z][A-Za-z0-9]*)*$', description: 'the claim field at fault; for line and pair rules, relative to the line' },
    reportOn: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)+$', description: 'pair rules: the fact path of the line a finding is reported on, e.g. ptp.column2 (default: the second line of the pair)' },
    message: { type: 'string', minLength: 3 },
    explanation: { type: 'string', minLength: 3 },
    fix: { type: 'string', minLength: 3 },
    tests: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'expect'],
        properties: {
          name: { type: 'string', minLength: 1 },
          claim: { type: 'object', description: 'fields laid over the base claim (rules/base-claim.yaml)' },
          reference: { type: 'object', description: 'code-set and edit-table entries the case runs with: icd10cm, hcpcs, ncci-ptp, mue, mce, pos, pfs, ncci-aoc' },
          asOf: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
          history: {
            type: 'array',
            description: "the patient's earlier claims the case is checked against, each laid over the base claim (so the same patient and billing provider unless the case changes them)",
            items: { type: 'object' },
          },
          filed: {
            type: 'object',
            additionalProperties: false,
            description:
              "files the claim relative to a line's filing deadline under its payer profile: the submission date is set, or the scrub date (asOf) when the case's claim has submissionDate: null; give one of daysBeforeDeadline (0 is the deadline itself) or daysAfterDeadline",
            properties: {
              daysBeforeDeadline: { type: 'integer', minimum: 0, description: 'days before the deadline; 0 is the deadline itself (still timely)' },
              daysAfterDeadline: { type: 'integer', minimum: 0, description: 'days after the deadline; 1 is the first late day' },
              line: { type: 'integer', minimum: 1, description: 'the line whose date of service starts the clock (default 1)' },
              profile: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'id of the payer profile (rules/payers) the claim must get; the case fails when it gets another' },
            },
          },
          expect: { enum: ['fire', 'pass'] },
          line: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
  definitions: {
    topLevelCondition: {
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      properties: {
        all: { $ref: '#/definitions/conditionList' },
        any: { $ref: '#/definitions/conditionList' },
        not: { $ref: '#/definitions/condition' },
      },
      additionalProperties: false,
    },
    conditionList: { type: 'array', minItems: 1, items: { $ref: '#/definitions/condition' } },
    condition: {
      oneOf: [
        { $ref: '#/definitions/topLevelCondition' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['fact', 'operator', 'value'],
          properties: {
            fact: { type: 'string', minLength: 1 },
            path: { type: 'string', pattern: '^\\$' },
            operator: { type: 'string', minLength: 1 },
            value: {},
            params: { type: 'object' },
          },
        },
      ],
    },
  },
} as const;
