import { safeNextPath } from './next-target';

describe('sign-in "next" targets', () => {
  it('keeps paths of pages on this site, with their query', () => {
    expect(safeNextPath('/tasks/65f0c2a1b2c3d4e5f6a7b8c9')).toBe('/tasks/65f0c2a1b2c3d4e5f6a7b8c9');
    expect(safeNextPath('/cycles/abc/report?milestone=final')).toBe('/cycles/abc/report?milestone=final');
    expect(safeNextPath('/')).toBe('/');
  });

  it('refuses anything that could leave the site or is not a page', () => {
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/tasks/1\r\nLocation: https://evil.example',
      'tasks/1',
      '',
      '/api/cycles',
      '/admin/queues',
      '/sign-in/abc',
      '/sign-out',
      ' /tasks/1',
      '/' + 'a'.repeat(1000),
      42,
      undefined,
    ]) {
      expect([bad, safeNextPath(bad)]).toEqual([bad, null]);
    }
  });
});
