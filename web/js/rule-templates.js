// @ts-check
/**
 * A starting rule for each family, written the way the shipped rules are: every required
 * key, a reference, and one test that fires and one that passes, so a new rule lints and
 * tests clean from its first draft and the author changes it from there.
 */

/**
 * @typedef {{ family: string, label: string, text: (id: string) => string }} RuleTemplate
 */

/** @type {RuleTemplate[]} */
export const RULE_TEMPLATES = [
  {
    family: 'missing-information',
    label: 'Missing information',
    text: (id) => `# A field the payer needs that is empty on the claim.
id: ${id}
title: Billing provider taxonomy code is missing
category: missing-information
severity: warning
carc: "16"
scope: claim
description: >
  Some payers need the billing provider's taxonomy code to price the claim. Without it the
  claim is returned as missing information.
references:
  - title: Your payer's companion guide (billing provider taxonomy, loop 2000A PRV)
conditions:
  all:
    - { fact: claim, path: $.billingProvider.taxonomy, operator: isBlank, value: true }
field: billingProvider.taxonomy
message: "Claim {{claim.claimId}} has no billing provider taxonomy code."
explanation: >-
  The payer uses the taxonomy code to decide how to price the claim; a claim without it is
  returned with CARC 16 (missing information).
fix: Enter the billing provider's taxonomy code as registered in NPPES.
tests:
  - name: taxonomy missing
    claim: { billingProvider: { taxonomy: null } }
    expect: fire
  - name: taxonomy present
    expect: pass
`,
  },
  {
    family: 'code-validity',
    label: 'Code validity',
    text: (id) => `# A value on a line that cannot be right as written.
id: ${id}
title: Unusually many units on one line
category: code-validity
severity: warning
scope: line
description: >
  A line with more than 99 units of service is almost always a typing error (a charge or a
  date entered in the units field), and payers review or deny such lines.
references:
  - title: CMS-1500 claim form instructions, item 24G (days or units)
    url: https://www.cms.gov/medicare/enrollment-renewal/providers-suppliers/chain-ownership-system-pecos
conditions:
  all:
    - { fact: line, path: $.units, operator: greaterThan, value: 99 }
field: units
message: "Line {{line.number}} bills {{line.units}} units of {{line.procedureCode}}."
explanation: >-
  Line {{line.number}} bills {{line.units}} units, more than a single line normally holds;
  check that the units field does not hold another value.
fix: Correct the units on line {{line.number}}, or split the service over the dates it was given.
tests:
  - name: 150 units
    claim: { lines: [{ units: 150 }] }
    expect: fire
    line: 1
  - name: one unit
    expect: pass
`,
  },
  {
    family: 'code-compatibility',
    label: 'Code compatibility',
    text: (id) => `# Two codes, or a code and a modifier, that do not go together.
id: ${id}
title: Modifier 59 on an E/M service
category: code-compatibility
severity: warning
scope: line
description: >
  Modifier 59 marks a distinct procedural service; on an evaluation and management code
  payers expect modifier 25 instead and deny or review the line.
references:
  - title: CMS NCCI Policy Manual, Chapter 1 (modifier 59 and E/M services)
    url: https://www.cms.gov/medicare/coding-billing/national-correct-coding-initiative-ncci-edits
conditions:
  all:
    - { fact: line, path: $.procedureCode, operator: inList, value: em-services }
    - { fact: line, path: $.modifiers, operator: contains, value: "59" }
field: modifiers
message: "Line {{line.number}} has modifier 59 on the E/M code {{line.procedureCode}}."
explanation: >-
  {{line.procedureCode}} is an E/M service; modifier 59 is not meant for it, and the payer
  may deny the line or ask for records.
fix: Use modifier 25 if the visit was significant and separately identifiable; otherwise remove modifier 59.
tests:
  - name: modifier 59 on an office visit
    claim: { lines: [{ modifiers: ["59"] }] }
    expect: fire
    line: 1
  - name: office visit without modifiers
    expect: pass
`,
  },
  {
    family: 'timely-filing',
    label: 'Timely filing',
    text: (id) => `# A reminder about the filing clock, from the payer profile's limit.
id: ${id}
title: More than 60 days since the date of service
category: timely-filing
severity: info
scope: line
description: >
  Lines sent more than 60 days after the service are still timely for most payers, but a
  rejection now leaves less time to correct and resend before the payer's limit.
references:
  - title: Scrubjay payer profiles (rules/payers), filing limit of each payer with its source
conditions:
  all:
    - { fact: filing, path: $.daysSinceService, operator: greaterThan, value: 60 }
    - { fact: filing, path: $.daysRemaining, operator: greaterThanInclusive, value: 30 }
field: serviceDate
message: "Line {{line.number}} is sent {{filing.daysSinceService}} days after its service; the deadline is {{filing.deadline}}."
explanation: >-
  Under the {{filing.profileName}} profile ({{filing.limit}}) line {{line.number}} must reach
  the payer by {{filing.deadline}}.
fix: Send the claim today and work any rejection at once.
tests:
  - name: service three months before filing
    claim: { lines: [{ serviceDate: "2025-12-01" }] }
    expect: fire
    line: 1
  - name: service ten days before filing
    expect: pass
`,
  },
  {
    family: 'reference-data',
    label: 'Official tables',
    text: (id) => `# A check against an official table loaded in the data folder (scrubjay data import).
id: ${id}
title: Place of service is not in the loaded place-of-service table
category: reference-data
severity: warning
scope: claim
description: >
  When the CMS place-of-service table is loaded, a claim place of service that is not in it
  is reported before the payer rejects it. Without the table nothing is judged.
references:
  - title: CMS Place of Service Code Set
    url: https://www.cms.gov/medicare/coding-billing/place-of-service-codes/code-sets
conditions:
  all:
    - { fact: pos, path: $.loaded, operator: equal, value: true }
    - { fact: pos, path: $.found, operator: equal, value: false }
field: placeOfService
message: "Place of service {{claim.placeOfService}} is not in {{pos.version}}."
explanation: >-
  {{claim.placeOfService}} is not a code of the place-of-service table in force
  ({{pos.version}}), so the payer cannot tell where the service was given.
fix: Choose the place of service code that matches where the patient was seen.
tests:
  - name: a code the table does not have
    reference: { pos: { "12": { name: Home } } }
    expect: fire
  - name: office, in the table
    reference: { pos: { "11": { name: Office } } }
    expect: pass
`,
  },
];

/** @param {string} family */
export function templateFor(family) {
  return RULE_TEMPLATES.find((t) => t.family === family);
}
