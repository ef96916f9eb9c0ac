import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestId } from './request-id';

function call(header: string | string[] | undefined): { id: string; echoed: unknown } {
  let echoed: unknown;
  const res = { setHeader: (_name: string, value: unknown) => (echoed = value) } as unknown as ServerResponse;
  const id = requestId({ headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage, res);
  return { id, echoed };
}

describe('requestId', () => {
  it("keeps a caller's plain id and echoes it", () => {
    expect(call('abc-123_X.y')).toEqual({ id: 'abc-123_X.y', echoed: 'abc-123_X.y' });
    expect(call('a'.repeat(64)).id).toBe('a'.repeat(64));
  });

  it('makes a new one when there is none, or it is too long, has other characters or comes twice', () => {
    for (const given of [undefined, '', 'a'.repeat(65), 'a b', 'id"}{', 'x\u00e9', ['a', 'b']]) {
      const { id, echoed } = call(given);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(echoed).toBe(id);
    }
  });
});
