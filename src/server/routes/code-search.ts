/**
 * Searching the loaded official code sets, for the workbench's code list form: procedure
 * codes and modifiers (HCPCS Level II, and the codes the MUE table lists besides), diagnoses
 * (ICD-10-CM) and places of service, each in the table version in force today.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { CODE_QUERY_MAX_LENGTH, CODE_SET_KINDS, type CodeSearch, type CodeSetKind } from '../../contract/code-search.js';
import { MAX_SEARCH_LIMIT, type CodeSearchResult, type ReferenceData, type ReferenceKind, type TableVersion } from '../../reference/index.js';
import type { ServiceContext } from '../context.js';
import { readParams, sendError } from '../http-errors.js';

const searchQuery = z.object({
  q: z
    .string({ error: (issue) => (issue.input === undefined ? `is required: 1 to ${CODE_QUERY_MAX_LENGTH} characters of a code or its description` : 'must be given once') })
    .max(CODE_QUERY_MAX_LENGTH, `must be at most ${CODE_QUERY_MAX_LENGTH} characters`)
    .transform((q) => q.trim())
    .pipe(z.string().min(1, 'must hold the start of a code or words of its description')),
  limit: z
    .string({ error: 'must be a whole number' })
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(MAX_SEARCH_LIMIT, `must be at most ${MAX_SEARCH_LIMIT}`))
    .optional(),
});

interface CodeSet {
  table: ReferenceKind;
  /** the table's name as people know it */
  name: string;
  search(reference: ReferenceData, date: string, q: string, limit: number | undefined): { version: TableVersion; found: CodeSearchResult } | undefined;
}

const CODE_SETS: Record<CodeSetKind, CodeSet> = {
  procedure: {
    table: 'hcpcs',
    name: 'HCPCS Level II',
    search: (reference, date, q, limit) => {
      const hcpcs = reference.hcpcs(date);
      if (hcpcs === undefined) return undefined;
      // CPT codes are not in HCPCS Level II, but the MUE table lists them, so they can be found by their start
      const mue = reference.mue(date);
      const also = mue && { codesStartingWith: (prefix: string) => mue.table.codesStartingWith(prefix), meaning: `no description in the loaded tables (listed in ${mue.version.label})` };
      return { version: hcpcs.version, found: hcpcs.table.searchCodes(q, limit, also) };
    },
  },
  modifier: {
    table: 'hcpcs',
    name: 'HCPCS Level II',
    search: (reference, date, q, limit) => {
      const hcpcs = reference.hcpcs(date);
      return hcpcs && { version: hcpcs.version, found: hcpcs.table.searchModifiers(q, limit) };
    },
  },
  diagnosis: {
    table: 'icd10cm',
    name: 'ICD-10-CM',
    search: (reference, date, q, limit) => {
      const icd = reference.icd10cm(date);
      return icd && { version: icd.version, found: icd.table.search(q, limit) };
    },
  },
  pos: {
    table: 'pos',
    name: 'place of service',
    search: (reference, date, q, limit) => {
      const pos = reference.pos(date);
      return pos && { version: pos.version, found: pos.table.search(q, limit) };
    },
  },
};

export function codeSearchRoutes(context: ServiceContext): Router {
  const router = express.Router();
  for (const kind of CODE_SET_KINDS) {
    const set = CODE_SETS[kind];
    router.get(`/api/codes/${kind}`, (req, res) => {
      const { q, limit } = readParams(searchQuery, { q: req.query.q, limit: req.query.limit });
      const answer = set.search(context.reference, context.today(), q, limit);
      if (answer === undefined) {
        sendError(
          res,
          'SJ_REFERENCE_NOT_LOADED',
          `the ${kind} code set needs a ${set.name} table and none is loaded: an admin loads one with \`scrubjay data import ${set.table} FILE\` (or uploads the file on the page)`,
          'kind',
        );
        return;
      }
      const body: CodeSearch = {
        kind,
        q,
        codes: answer.found.codes,
        total: answer.found.total,
        table: { effective: answer.version.effective, label: answer.version.label },
      };
      res.json(body);
    });
  }
  return router;
}
