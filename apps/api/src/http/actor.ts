import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';

/**
 * Who acts, for the event log. Until authentication lands (roles and tokens), callers
 * name themselves in the X-Actor header; absent, the actor is recorded as "anonymous".
 */
export const Actor = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const raw = ctx.switchToHttp().getRequest().headers['x-actor'];
  if (raw === undefined) return 'anonymous';
  if (typeof raw !== 'string' || !/^[\w .@+:-]{1,120}$/.test(raw)) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['x-actor: 1 to 120 letters, digits, spaces or . @ + : - _'] });
  }
  return raw;
});
