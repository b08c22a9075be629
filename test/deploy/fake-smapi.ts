/**
 * A fake of Amazon's SMAPI and Login with Amazon token endpoint, over real HTTP on 127.0.0.1, for
 * the deploy tests: the operations of alexa-isp-facts §8 with their status codes, ETags and
 * If-Match (412), nested paging, an import that takes a few polls (and can fail with errors),
 * live products and links that refuse changes, expiring tokens, and faults on demand (a status a
 * few times, with Retry-After; or the connection dropped before or after the work is done).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readZip } from '../../src/deploy/zip';

export interface FakeProduct {
  productId: string;
  vendorId: string;
  definition: Record<string, unknown>;
  eTag: string;
  /** Published: not editable, its links to live skills cannot be removed. */
  live: boolean;
  resets: number;
}

export interface FakeSkill {
  skillId: string;
  vendorId: string;
  manifest?: unknown;
  models: Record<string, unknown>;
  enabled: boolean;
  linked: Set<string>;
  /** Products linked to the live stage; a skill with a live stage is `live`. */
  live: boolean;
  liveLinked: Set<string>;
  imports: number;
}

interface FakeImport {
  importId: string;
  skillId: string;
  polls: number;
  outcome: 'SUCCEEDED' | 'FAILED';
  errors: { code?: string; message: string }[];
  resources: string[];
  files: Map<string, Buffer>;
}

export interface Fault {
  status?: number;
  times?: number;
  retryAfter?: string;
  body?: unknown;
  /** 'before': drop the connection without doing anything; 'after': do the work, then drop it. */
  drop?: 'before' | 'after';
}

export interface LoggedRequest {
  op: string;
  method: string;
  path: string;
  ifMatch?: string;
  authorized: boolean;
  body?: unknown;
}

const DEFAULT_TTL_S = 3600;

export class FakeSmapi {
  url = '';
  readonly vendorId = 'M2FAKEVENDOR';
  readonly client = { clientId: 'amzn1.application-oa2-client.fake', clientConfirmation: 'fake-client-confirmation' };
  readonly products = new Map<string, FakeProduct>();
  readonly skills = new Map<string, FakeSkill>();
  readonly requests: LoggedRequest[] = [];
  /** Items per page of the product lists (small, so paging is exercised). */
  pageSize = 2;
  /** GETs of an import before it ends. */
  importPolls = 3;
  /** The next import ends FAILED with these errors on the InteractionModel resource. */
  failNextImport: { code?: string; message: string }[] | undefined;
  /** Violations for the next product create/update. */
  rejectNextProduct: { code?: string; message: string; validationDetails?: unknown }[] | undefined;
  tokenTtlSeconds = DEFAULT_TTL_S;
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Set<string>();
  private readonly authCodes = new Map<string, string>();
  private readonly imports = new Map<string, FakeImport>();
  private readonly uploads = new Map<string, Buffer>();
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | undefined;
  private counter = 0;

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Env for the CLI: endpoints only. */
  env(): Record<string, string> {
    return { ASK_SMAPI_SERVER_BASE_URL: this.url, ASK_LWA_TOKEN_HOST: this.url, ASK_LWA_AUTHORIZE_HOST: this.url };
  }

  /** Tokens as LWA issues them (what `ask configure` would have stored). */
  issueTokens(ttlSeconds = this.tokenTtlSeconds): { access_token: string; refresh_token: string; token_type: string; expires_in: number } {
    const access = `Atza|fake-access-${++this.counter}-${randomUUID()}`;
    const refresh = `Atzr|fake-refresh-${this.counter}-${randomUUID()}`;
    this.accessTokens.set(access, Date.now() + ttlSeconds * 1000);
    this.refreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, token_type: 'bearer', expires_in: ttlSeconds };
  }

  /** A refresh token LWA knows (e.g. one `ask configure` stored). */
  addRefreshToken(token: string): void {
    this.refreshTokens.add(token);
  }

  /** Every access token stops working now (what expiry does mid-deploy). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }

  /** What a browser sign-in gives the redirect URI. */
  authorize(redirectUri: string): string {
    const code = `ANfake${++this.counter}`;
    this.authCodes.set(code, redirectUri);
    return code;
  }

  fault(op: string, fault: Fault): void {
    this.faults.set(op, [...(this.faults.get(op) ?? []), { times: 1, ...fault }]);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  count(op: string): number {
    return this.requests.filter((request) => request.op === op).length;
  }

  mutating(): LoggedRequest[] {
    return this.requests.filter((request) => request.method !== 'GET' && request.op !== 'lwa-token');
  }

  /** An edit in the developer console: a new ETag. */
  consoleEdit(productId: string, edit: (definition: Record<string, unknown>) => void): void {
    const product = this.products.get(productId)!;
    edit(product.definition);
    product.eTag = this.eTag();
  }

  /** A product made in the console (not in any file). */
  consoleCreate(definition: Record<string, unknown>, linkTo?: string): string {
    const productId = `amzn1.adg.product.${randomUUID()}`;
    this.products.set(productId, { productId, vendorId: this.vendorId, definition: structuredClone(definition), eTag: this.eTag(), live: false, resets: 0 });
    if (linkTo) this.skills.get(linkTo)!.linked.add(productId);
    return productId;
  }

  /** The skill and the product go live, linked. */
  publish(productId: string, skillId: string): void {
    this.products.get(productId)!.live = true;
    const skill = this.skills.get(skillId)!;
    skill.live = true;
    skill.liveLinked.add(productId);
  }

  productByName(referenceName: string): FakeProduct | undefined {
    return [...this.products.values()].find((product) => product.definition.referenceName === referenceName);
  }

  private eTag(): string {
    return `"${createHash('sha1').update(`etag-${++this.counter}-${randomUUID()}`).digest('hex')}"`;
  }

  private status(definition: Record<string, unknown>): string {
    const info = definition.publishingInformation as { locales?: Record<string, Record<string, unknown>>; pricing?: Record<string, { defaultPriceListing?: { price?: number } }>; taxInformation?: { category?: string } } | undefined;
    const locale = Object.values(info?.locales ?? {})[0];
    const prompts = locale?.customProductPrompts as Record<string, unknown> | undefined;
    const complete = Boolean(locale?.summary && locale.description && locale.smallIconUri && locale.largeIconUri &&
      (locale.examplePhrases as unknown[] | undefined)?.length && (locale.keywords as unknown[] | undefined)?.length &&
      prompts?.purchasePromptDescription && prompts.boughtCardDescription && info?.taxInformation?.category &&
      definition.privacyAndCompliance && definition.testingInstructions &&
      Object.values(info?.pricing ?? {}).some((entry) => (entry.defaultPriceListing?.price ?? 0) > 0));
    return complete ? 'COMPLETE' : 'INCOMPLETE';
  }

  private summary(product: FakeProduct, stage: string): Record<string, unknown> {
    const definition = product.definition;
    const locales = (definition.publishingInformation as { locales?: Record<string, { name?: string }> } | undefined)?.locales ?? {};
    return {
      productId: product.productId,
      referenceName: definition.referenceName,
      type: definition.type,
      nameByLocale: Object.fromEntries(Object.entries(locales).map(([locale, entry]) => [locale, entry.name])),
      status: product.live ? 'PUBLISHED' : this.status(definition),
      stage,
      editableState: product.live ? 'NOT_EDITABLE' : 'EDITABLE',
      purchasableState: definition.purchasableState ?? 'PURCHASABLE',
      lastUpdated: new Date().toISOString(),
    };
  }

  private page(items: unknown[], url: URL): Record<string, unknown> {
    const offset = Number(Buffer.from(url.searchParams.get('nextToken') ?? 'MA==', 'base64').toString()) || 0;
    const size = Math.min(this.pageSize, Number(url.searchParams.get('maxResults') ?? 50));
    const slice = items.slice(offset, offset + size);
    const truncated = offset + size < items.length;
    return {
      _links: { self: { href: url.pathname + url.search } },
      inSkillProductSummaryList: {
        inSkillProducts: slice,
        isTruncated: truncated,
        ...(truncated ? { nextToken: Buffer.from(String(offset + size)).toString('base64') } : {}),
      },
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    const route = this.route(method, url.pathname);
    const auth = request.headers.authorization;
    let body: unknown;
    if ((request.headers['content-type'] ?? '').includes('json') && raw.length > 0) body = JSON.parse(raw.toString());
    const ifMatch = request.headers['if-match'] as string | undefined;
    this.requests.push({ op: route.op, method, path: url.pathname, ...(ifMatch ? { ifMatch } : {}), authorized: auth !== undefined, ...(body !== undefined ? { body } : {}) });

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      if (response.destroyed) return;
      response.writeHead(status, { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      response.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const queue = this.faults.get(route.op);
    const fault = queue?.[0];
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) queue!.shift();
      if (fault.drop === 'before') {
        request.socket.destroy();
        return;
      }
      if (fault.status) {
        send(fault.status, fault.body ?? { message: `Fake fault ${fault.status}` }, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
        return;
      }
    }
    const drop = fault?.drop === 'after';
    const reply = drop ? () => request.socket.destroy() : send;

    if (route.op === 'lwa-token') return this.token(raw.toString(), request, send);
    if (route.op === 'upload') {
      if (auth) return send(400, { message: 'A pre-signed URL takes no Authorization header.' });
      this.uploads.set(route.params[0]!, raw);
      return reply(200);
    }
    const token = auth?.replace(/^Bearer /, '');
    const expiry = token ? this.accessTokens.get(token) : undefined;
    if (expiry === undefined || expiry < Date.now()) return send(401, { message: 'Token is invalid/expired' });
    try {
      this.operate(route, url, body as Record<string, unknown> | undefined, ifMatch, reply);
    } catch (error) {
      send(500, { message: `fake failed: ${(error as Error).message}` });
    }
  }

  private token(raw: string, request: IncomingMessage, send: (status: number, payload?: unknown) => void): void {
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return send(400, { error: 'invalid_request', error_description: 'form-encoded body expected' });
    const form = new URLSearchParams(raw);
    if (form.get('client_id') !== this.client.clientId || form.get('client_secret') !== this.client.clientConfirmation) {
      return send(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    if (form.get('grant_type') === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      if (!this.refreshTokens.has(refresh)) return send(400, { error: 'invalid_grant', error_description: 'The request has an invalid grant parameter : refresh_token' });
      const issued = this.issueTokens();
      this.refreshTokens.delete(issued.refresh_token);
      return send(200, { ...issued, refresh_token: refresh });
    }
    if (form.get('grant_type') === 'authorization_code') {
      const code = form.get('code') ?? '';
      if (this.authCodes.get(code) !== form.get('redirect_uri')) return send(400, { error: 'invalid_grant', error_description: 'Authorization code is invalid or redirect_uri does not match' });
      this.authCodes.delete(code);
      return send(200, this.issueTokens());
    }
    send(400, { error: 'unsupported_grant_type' });
  }

  private route(method: string, path: string): { op: string; params: string[] } {
    const table: [string, RegExp, string][] = [
      ['POST', /^\/auth\/o2\/token$/, 'lwa-token'],
      ['GET', /^\/v1\/vendors$/, 'list-vendors'],
      ['POST', /^\/v1\/skills\/uploads$/, 'create-upload'],
      ['PUT', /^\/upload\/([^/]+)$/, 'upload'],
      ['POST', /^\/v1\/skills\/imports$/, 'create-skill-import'],
      ['GET', /^\/v1\/skills\/imports\/([^/]+)$/, 'get-import'],
      ['POST', /^\/v1\/skills\/([^/]+)\/imports$/, 'update-skill-import'],
      ['GET', /^\/v1\/skills\/([^/]+)\/stages\/development\/enablement$/, 'get-enablement'],
      ['PUT', /^\/v1\/skills\/([^/]+)\/stages\/development\/enablement$/, 'enable'],
      ['GET', /^\/v1\/skills\/([^/]+)\/stages\/([^/]+)\/inSkillProducts$/, 'list-skill-products'],
      ['POST', /^\/v1\/inSkillProducts\/?$/, 'create-product'],
      ['GET', /^\/v1\/inSkillProducts\/?$/, 'list-products'],
      ['GET', /^\/v1\/inSkillProducts\/([^/]+)\/stages\/([^/]+)\/summary$/, 'get-summary'],
      ['DELETE', /^\/v1\/inSkillProducts\/([^/]+)\/stages\/development\/entitlement$/, 'reset-entitlement'],
      ['GET', /^\/v1\/inSkillProducts\/([^/]+)\/stages\/([^/]+)$/, 'get-product'],
      ['PUT', /^\/v1\/inSkillProducts\/([^/]+)\/stages\/development$/, 'update-product'],
      ['PUT', /^\/v1\/inSkillProducts\/([^/]+)\/skills\/([^/]+)$/, 'associate'],
      ['DELETE', /^\/v1\/inSkillProducts\/([^/]+)\/skills\/([^/]+)$/, 'disassociate'],
    ];
    for (const [verb, pattern, op] of table) {
      const match = verb === method ? pattern.exec(path) : null;
      if (match) return { op, params: match.slice(1).map(decodeURIComponent) };
    }
    return { op: `unknown ${method} ${path}`, params: [] };
  }

  private operate(route: { op: string; params: string[] }, url: URL, body: Record<string, unknown> | undefined, ifMatch: string | undefined, send: (status: number, payload?: unknown, headers?: Record<string, string>) => void): void {
    const [first, second] = route.params;
    const product = first ? this.products.get(first) : undefined;
    const skill = first ? this.skills.get(first) : undefined;
    const notFound = () => send(404, { message: 'The resource being requested is not found.' });
    switch (route.op) {
      case 'list-vendors':
        return send(200, { vendors: [{ id: this.vendorId, name: 'Fake Vendor', roles: ['ROLE_ADMINISTRATOR'] }] });
      case 'create-upload': {
        const id = randomUUID();
        return send(201, { uploadUrl: `${this.url}/upload/${id}?X-Amz-Signature=fake`, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      }
      case 'create-skill-import':
      case 'update-skill-import': {
        if (route.op === 'update-skill-import' && !skill) return notFound();
        if (route.op === 'create-skill-import' && body?.vendorId !== this.vendorId) return send(400, { message: 'vendorId is missing or wrong' });
        const uploadId = /\/upload\/([^/?]+)/.exec(String(body?.location ?? ''))?.[1];
        const zip = uploadId ? this.uploads.get(uploadId) : undefined;
        if (!zip) return send(400, { message: 'location is not an uploaded package' });
        const files = new Map(readZip(zip).map((entry) => [entry.name, entry.data]));
        let target = skill;
        if (!target) {
          target = { skillId: `amzn1.ask.skill.${randomUUID()}`, vendorId: this.vendorId, models: {}, enabled: false, linked: new Set(), live: false, liveLinked: new Set(), imports: 0 };
          this.skills.set(target.skillId, target);
        }
        target.imports++;
        const importId = `amzn1.ask-package.import.${randomUUID()}`;
        const locales = [...files.keys()].map((name) => /^interactionModels\/custom\/(.+)\.json$/.exec(name)?.[1]).filter((locale): locale is string => Boolean(locale));
        const errors = this.failNextImport ?? (files.has('skill.json') ? [] : [{ code: 'MISSING_MANIFEST', message: 'skill.json is missing at the root of the package' }]);
        this.failNextImport = undefined;
        this.imports.set(importId, { importId, skillId: target.skillId, polls: 0, outcome: errors.length > 0 ? 'FAILED' : 'SUCCEEDED', errors, resources: ['Manifest', ...locales.map((locale) => `InteractionModel.${locale}`)], files });
        return send(202, undefined, { location: `/v1/skills/imports/${importId}` });
      }
      case 'get-import': {
        const job = first ? this.imports.get(first) : undefined;
        if (!job) return notFound();
        job.polls++;
        const done = job.polls >= this.importPolls;
        const status = done ? job.outcome : 'IN_PROGRESS';
        if (done && job.outcome === 'SUCCEEDED') {
          const target = this.skills.get(job.skillId)!;
          target.manifest = JSON.parse(job.files.get('skill.json')!.toString());
          for (const [name, data] of job.files) {
            const locale = /^interactionModels\/custom\/(.+)\.json$/.exec(name)?.[1];
            if (locale) target.models[locale] = JSON.parse(data.toString());
          }
        }
        const resources = job.resources.map((name) => ({
          name,
          action: 'CREATE',
          status: done ? (job.outcome === 'FAILED' && name.startsWith('InteractionModel') ? 'FAILED' : 'SUCCEEDED') : 'IN_PROGRESS',
          ...(done && job.outcome === 'FAILED' && name.startsWith('InteractionModel') ? { errors: job.errors } : {}),
        }));
        // Early answers carry no skill, as Amazon's do.
        return send(200, { status, ...(job.polls >= 2 || done ? { skill: { skillId: job.skillId, eTag: this.eTag(), resources } } : {}) });
      }
      case 'get-enablement':
        if (!skill) return notFound();
        return skill.enabled ? send(204) : notFound();
      case 'enable':
        if (!skill) return notFound();
        skill.enabled = true;
        return send(204);
      case 'list-skill-products': {
        if (!skill) return notFound();
        if (second === 'live' && !skill.live) return notFound();
        const ids = second === 'live' ? skill.liveLinked : skill.linked;
        return send(200, this.page([...ids].map((id) => this.summary(this.products.get(id)!, second!)), url));
      }
      case 'create-product': {
        const definition = body?.inSkillProductDefinition as Record<string, unknown> | undefined;
        if (body?.vendorId !== this.vendorId || !definition) return send(400, { message: 'vendorId and inSkillProductDefinition are required' });
        const refused = this.check(definition);
        if (refused) return send(400, refused);
        if (this.productByName(String(definition.referenceName))) return send(400, { message: 'Invalid request', violations: [{ code: 'DUPLICATE_REFERENCE_NAME', message: `referenceName ${String(definition.referenceName)} is already used by another product of this vendor` }] });
        const productId = `amzn1.adg.product.${randomUUID()}`;
        this.products.set(productId, { productId, vendorId: this.vendorId, definition, eTag: this.eTag(), live: false, resets: 0 });
        return send(201, { productId });
      }
      case 'list-products': {
        if (url.searchParams.get('vendorId') !== this.vendorId) return send(400, { message: 'vendorId is required' });
        const name = url.searchParams.get('referenceName');
        const items = [...this.products.values()].filter((item) => !name || item.definition.referenceName === name).map((item) => this.summary(item, url.searchParams.get('stage') ?? 'development'));
        return send(200, this.page(items, url));
      }
      case 'get-product':
        if (!product || (second === 'live' && !product.live)) return notFound();
        return send(200, { inSkillProductDefinition: product.definition }, { etag: product.eTag });
      case 'get-summary':
        if (!product) return notFound();
        return send(200, { inSkillProductSummary: this.summary(product, second!) });
      case 'update-product': {
        if (!product) return notFound();
        if (product.live) return send(403, { message: 'The product is not editable: it is published.' });
        if (ifMatch !== undefined && ifMatch !== product.eTag) return send(412, { message: 'The ETag does not match: the product changed since it was read.' });
        const definition = body?.inSkillProductDefinition as Record<string, unknown> | undefined;
        if (!definition) return send(400, { message: 'inSkillProductDefinition is required' });
        const refused = this.check(definition);
        if (refused) return send(400, refused);
        product.definition = definition;
        product.eTag = this.eTag();
        return send(204);
      }
      case 'associate': {
        const target = second ? this.skills.get(second) : undefined;
        if (!product || !target) return notFound();
        if (this.status(product.definition) === 'INCOMPLETE' && !product.live) {
          return send(400, { message: 'Invalid request', violations: [{ code: 'INCOMPLETE_PRODUCT', message: 'An INCOMPLETE in-skill product cannot be associated with a skill.' }] });
        }
        target.linked.add(product.productId);
        return send(204);
      }
      case 'disassociate': {
        const target = second ? this.skills.get(second) : undefined;
        if (!product || !target) return notFound();
        if (target.liveLinked.has(product.productId)) return send(403, { message: 'User is not permitted to perform this operation: DISASSOCIATE' });
        target.linked.delete(product.productId);
        return send(204);
      }
      case 'reset-entitlement':
        if (!product) return notFound();
        product.resets++;
        return send(204);
      default:
        return send(404, { message: `The fake does not know ${route.op}` });
    }
  }

  /** What Amazon refuses in a definition: unknown keys such as `$schema`, a price ≤ 0, configured violations. */
  private check(definition: Record<string, unknown>): Record<string, unknown> | undefined {
    const violations: { code?: string; message: string; validationDetails?: unknown }[] = this.rejectNextProduct ?? [];
    this.rejectNextProduct = undefined;
    for (const key of Object.keys(definition)) {
      if (!['version', 'type', 'referenceName', 'purchasableState', 'promotableState', 'subscriptionInformation', 'publishingInformation', 'privacyAndCompliance', 'testingInstructions'].includes(key)) {
        violations.push({ code: 'UNEXPECTED_PROPERTY', message: `Unknown property ${key} in the in-skill product definition.` });
      }
    }
    return violations.length > 0 ? { message: 'Invalid request', violations } : undefined;
  }
}

export async function startFakeSmapi(): Promise<FakeSmapi> {
  return new FakeSmapi().start();
}
