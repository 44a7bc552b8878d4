/**
 * Where each contract field of a claim was read from in the FHIR input. The reader
 * records a FHIR path for every field it fills (or would have filled, had the element
 * been there), so a finding on `lines[1].units` can point at `Claim.item[1].quantity`.
 */
export class Trail {
  private readonly paths = new Map<string, string>();

  /**
   * @param recording false for a trail that keeps nothing: most claims are never asked
   * where a field came from, so the first reading does not keep the paths (see `claim.ts`).
   */
  constructor(private readonly recording = true) {}

  /** Records where a contract field comes from; the first record wins. */
  record(contractPath: string, fhirPath: string): void {
    if (this.recording && !this.paths.has(contractPath)) this.paths.set(contractPath, fhirPath);
  }

  /** Where an address and, when one was found, its parts come from: `Address.line`, `city`, `state`, `postalCode`. */
  recordAddress(field: string, at: string, found: boolean): void {
    this.record(field, at);
    if (!found || !this.recording) return;
    this.record(`${field}.line1`, `${at}.line`);
    this.record(`${field}.city`, `${at}.city`);
    this.record(`${field}.state`, `${at}.state`);
    this.record(`${field}.zip`, `${at}.postalCode`);
  }

  /**
   * The FHIR path of a contract path, or of its nearest recorded parent
   * (`lines[0].modifiers[3]` falls back to `lines[0].modifiers`, then `lines[0]`).
   */
  locate(contractPath: string): string | undefined {
    let path = contractPath;
    for (;;) {
      const found = this.paths.get(path);
      if (found !== undefined) return found;
      const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      if (cut <= 0) return undefined;
      path = path.slice(0, cut);
    }
  }
}
