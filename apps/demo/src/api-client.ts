/** A small client for the engine's HTTP API, as a committee tool or a chair's portal would use it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly actor = 'demo',
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, actor = this.actor): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-actor': actor },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
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
