/** How a claim value reads inside a sentence; odd, huge or circular input is shortened, never thrown on. */
const MAX_TEXT = 200;

export function display(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value === '' ? '(empty)' : shorten(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '(not a number)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : shorten(value.map(display).join(', '));
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return json === undefined ? '(unreadable value)' : shorten(json);
}

function shorten(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
