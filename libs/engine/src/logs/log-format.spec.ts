import { logFormat, pinoLevel } from './log-format';

describe('logFormat', () => {
  it('takes LOG_FORMAT when it is json or pretty', () => {
    expect(logFormat('json', true)).toBe('json');
    expect(logFormat(' Pretty ', false)).toBe('pretty');
  });

  it('unset: pretty at a terminal, JSON into a file or a pipe', () => {
    expect(logFormat(undefined, true)).toBe('pretty');
    expect(logFormat('', false)).toBe('json');
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => logFormat('yaml', false)).toThrow('LOG_FORMAT must be json or pretty, not "yaml"');
  });
});

describe('pinoLevel', () => {
  it("maps Nest's level names to pino's", () => {
    expect([undefined, 'fatal', 'error', 'warn', 'log', 'debug', 'verbose', 'loud'].map(pinoLevel)).toEqual([
      'info',
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'info',
    ]);
  });
});
