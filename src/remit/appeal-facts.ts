/**
 * The plain facts of a stored claim a letter names: who the patient and provider are, the
 * member id, the dates of service. Read defensively, as the stored claim is what was sent,
 * whatever it held.
 */
type Fields = Record<string, unknown>;

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function fields(value: unknown): Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {};
}

function personName(person: Fields): string | null {
  const name = [text(person.firstName), text(person.lastName)].filter((p) => p !== null).join(' ');
  return name === '' ? text(person.name) : name;
}

/** The patient: the subscriber when the claim says `self` (or gives no patient of its own). */
export function patientName(claim: Fields): string | null {
  const patient = fields(claim.patient);
  const own = personName(patient);
  return own ?? personName(fields(claim.subscriber));
}

export function memberId(claim: Fields): string | null {
  return text(fields(claim.subscriber).memberId);
}

export function providerLine(claim: Fields): string | null {
  const billing = fields(claim.billingProvider);
  const name = text(billing.name) ?? personName(billing);
  const npi = text(billing.npi);
  if (name === null && npi === null) return null;
  return [name, npi === null ? null : `NPI ${npi}`].filter((p) => p !== null).join(', ');
}

export function renderingLine(claim: Fields): string | null {
  const rendering = fields(claim.renderingProvider);
  const name = personName(rendering);
  const npi = text(rendering.npi);
  if (name === null && npi === null) return null;
  return [name, npi === null ? null : `NPI ${npi}`].filter((p) => p !== null).join(', ');
}

export function submissionDate(claim: Fields): string | null {
  return text(claim.submissionDate);
}

/** The stored claim's lines' dates of service, in order, each once. */
export function claimServiceDates(claim: Fields): string[] {
  const lines = Array.isArray(claim.lines) ? claim.lines : [];
  return [...new Set(lines.map((l) => text(fields(l).serviceDate)).filter((d): d is string => d !== null))];
}
