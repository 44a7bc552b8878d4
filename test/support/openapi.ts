/**
 * Checks an HTTP answer against the service's OpenAPI description: the route and method must
 * be described, the status must be one the operation lists, the content type one that status
 * lists, and a JSON body must match its schema. Tests of the service check every answer they
 * see this way, so the description cannot fall behind the handlers.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument, type OpenApiDocument } from '../../src/contract/openapi.js';
import { packageVersion } from '../../src/server/routes/openapi.js';

export interface SeenResponse {
  method: string;
  /** the URL's path, without the query */
  path: string;
  status: number;
  contentType: string | null;
  /** the parsed JSON body, or the text of any other */
  body: unknown;
}

const pointer = (...parts: string[]): string => parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false });
  private readonly templates: Array<{ template: string; pattern: RegExp; params: number }>;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    // the whole document is one schema resource, so `#/components/schemas/...` resolves in it
    this.ajv.addSchema(document, 'openapi.json');
    this.templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        // a trailing `{path}` is a file path in the rules folder, `/`s and all
        pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{path\}$/, '.+').replace(/\{[^}/]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
      }))
      // a literal path (`/api/rules/status`) is preferred to a template that would also match it (`/api/rules/{id}`)
      .sort((a, b) => a.params - b.params);
  }

  /** The path template of the document a concrete path falls under, if any. */
  templateOf(path: string): string | undefined {
    return this.templates.find((t) => t.pattern.test(path))?.template;
  }

  /** What is wrong with the answer, as the document sees it (empty when nothing is). */
  problems(seen: SeenResponse): string[] {
    const method = seen.method.toLowerCase();
    const what = `${seen.method.toUpperCase()} ${seen.path} → ${seen.status}`;
    const template = this.templateOf(seen.path);
    if (template === undefined) return [`${what}: no path of the OpenAPI description matches ${seen.path}`];
    const operation = this.document.paths[template]![method] as { responses?: Record<string, { content?: Record<string, unknown> }> } | undefined;
    if (operation === undefined) return [`${what}: ${template} describes no ${seen.method.toUpperCase()}`];
    const response = operation.responses?.[String(seen.status)];
    if (response === undefined) return [`${what}: status ${seen.status} is not described for ${seen.method.toUpperCase()} ${template} (described: ${Object.keys(operation.responses ?? {}).join(', ')})`];
    if (response.content === undefined) return [];
    const media = (seen.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!(media in response.content)) return [`${what}: content type ${seen.contentType ?? '(none)'} is not described (described: ${Object.keys(response.content).join(', ')})`];
    if (!media.endsWith('json')) return [];
    const validate = this.validator(pointer('paths', template, method, 'responses', String(seen.status), 'content', media, 'schema'));
    if (validate(seen.body)) return [];
    return (validate.errors ?? []).slice(0, 10).map((e) => `${what}: body${e.instancePath} ${e.message ?? 'is not valid'} ${JSON.stringify(e.params)}`);
  }

  /** Whether a JSON value is an error body as the document describes it. */
  errorBodyProblems(body: unknown): string[] {
    const validate = this.validator(pointer('components', 'schemas', 'ErrorBody'));
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `error body${e.instancePath} ${e.message ?? 'is not valid'}`);
  }

  private validator(at: string): ValidateFunction {
    let validate = this.validators.get(at);
    if (validate === undefined) {
      validate = this.ajv.getSchema(`openapi.json#/${at}`);
      if (validate === undefined) throw new Error(`the OpenAPI description has no schema at ${at}`);
      this.validators.set(at, validate);
    }
    return validate;
  }
}

let shared: OpenApiChecker | undefined;

/** A checker for the description the service serves. */
export function apiChecker(): OpenApiChecker {
  shared ??= new OpenApiChecker(openApiDocument(packageVersion()));
  return shared;
}

/** `fetch`, with the answer checked against the OpenAPI description; a mismatch fails the request. */
export async function checkedFetch(input: string | URL, init?: RequestInit): Promise<Response> {
  const res = await globalThis.fetch(input, init);
  const contentType = res.headers.get('content-type');
  const text = await res.clone().text();
  const body: unknown = contentType !== null && /\bjson\b/i.test(contentType) && text !== '' ? JSON.parse(text) : text;
  const found = apiChecker().problems({ method: init?.method ?? 'GET', path: new URL(String(input)).pathname, status: res.status, contentType, body });
  if (found.length > 0) throw new Error(`the answer does not match the OpenAPI description:\n${found.join('\n')}`);
  return res;
}
