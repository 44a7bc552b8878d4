/**
 * The claim status code list (rules/codes/claim-status.yaml): our own words for what a
 * 277CA's STC codes mean, so a biller reads "rejected because information is invalid: the
 * entity's NPI (billing provider)" and not `A7:562:85`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClaimStatusCatalog, shippedClaimStatusCatalog } from '../../src/remit/claim-status.js';
import { readYamlFile } from '../../src/rules/yaml-source.js';
import { tempDir, writeIn } from '../support/folders.js';
import { RULES_DIR } from '../support/paths.js';
import { readFixture } from './ack-support.js';

describe('the claim status code list', () => {
  const catalog = shippedClaimStatusCatalog();

  it('names every acknowledgment category, accepted (A0-A2, A5) and rejected (A3, A4, A6-A8)', () => {
    for (const category of ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8']) expect(catalog.category(category), category).toMatch(/\w{3}/);
  });

  it('has a meaning for every status and entity code the fixtures use', () => {
    const used = ['accepted.277', 'rejected.277', 'provider-rejected.277', 'file-rejected.277'].flatMap((name) =>
      readFixture(name).acknowledgments.flatMap((a) => [...a.statuses, ...(a.level === 'claim' ? a.lines.flatMap((l) => l.statuses) : [])]),
    );
    expect(used.length).toBeGreaterThan(10);
    for (const status of used) {
      expect(catalog.status(status.code), status.code).toBeDefined();
      if (status.entity !== undefined) expect(catalog.entity(status.entity), status.entity).toBeDefined();
    }
  });

  it('reads a status code written with leading zeros as the code', () => {
    expect(catalog.status('020')).toBe(catalog.status('20'));
  });

  it('cites where the official lists are', () => {
    const doc = readYamlFile(join(RULES_DIR, 'codes', 'claim-status.yaml'), 'claim-status.yaml').documents[0]!.value as { references: Array<{ title: string }> };
    expect(doc.references.map((r) => r.title).join(' ')).toMatch(/X12 Claim Status Codes/);
  });

  it('refuses a malformed list, naming the file and the field', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'codes'));
    const file = writeIn(join(dir, 'codes'), 'claim-status.yaml', 'kind: claim-status\nreferences: [{ title: T }]\ncategories: { A1: received }\ncodes: { "20": x }\nentities: {}\n');
    expect(() => loadClaimStatusCatalog(dir)).toThrow(`${file}: codes.20: Too small`);
  });
});
