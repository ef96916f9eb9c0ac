/**
 * A small client for the engine's HTTP API, as a committee tool or a chair's portal would use
 * it. Each call is made as someone: `committee` or `chair:<group>`, mapped to their API token.
 * Paths are the API's (`/cycles`), sent under /api; `site()` reaches the root (/health, /calendar/…).
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly tokenFor: (actor: string) => string | undefined,
    private readonly actor = 'committee',
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, actor = this.actor): Promise<{ status: number; body: T }> {
    return this.site<T>(method, `/api${path}`, body, actor);
  }

  /** A request to a path at the site's root rather than under /api. */
  async site<T = any>(method: string, path: string, body?: unknown, actor = this.actor): Promise<{ status: number; body: T }> {
    const token = this.tokenFor(actor);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: text ? (json ? JSON.parse(text) : text) : undefined };
  }

  async get<T = any>(path: string): Promise<T> {
    const r = await this.request<T>('GET', path);
    if (r.status >= 400) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async post<T = any>(path: string, body: unknown, actor?: string): Promise<T> {
    const r = await this.request<T>('POST', path, body, actor);
    if (r.status >= 400) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}
