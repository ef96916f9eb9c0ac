import { MongoBulkWriteError, MongoNetworkError, MongoServerError } from 'mongodb';
import { isDatabaseUnavailableError } from './transient-errors';

describe('isDatabaseUnavailableError', () => {
  it('sees the network error inside a bulk write that broke on the way (the driver wraps it), not a bulk write refused by the server', () => {
    const broke = new MongoBulkWriteError(new MongoNetworkError('connection closed') as never, {} as never);
    expect(broke.name).toBe('MongoBulkWriteError');
    expect(isDatabaseUnavailableError(broke)).toBe(true);
    const refused = new MongoBulkWriteError({ message: 'E11000 duplicate key', code: 11000, writeErrors: [] } as never, {} as never);
    expect(isDatabaseUnavailableError(refused)).toBe(false);
    expect(isDatabaseUnavailableError(new MongoBulkWriteError(new MongoServerError({ message: 'bad', code: 2 }) as never, {} as never))).toBe(false);
  });

  it('a network error is one; a server error is not', () => {
    expect(isDatabaseUnavailableError(new MongoNetworkError('reset'))).toBe(true);
    expect(isDatabaseUnavailableError(new MongoServerError({ message: 'bad value', code: 2 }))).toBe(false);
  });
});
