import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import type { Problem } from '@pact/engine';

/**
 * A page's form checked by the same rules as the API request doing the same thing: the body is
 * validated with the API's DTO exactly as the API's ValidationPipe does (whitelist, nothing
 * unknown, no implicit conversion). Returns the problems with their paths (`milestones[0].title`),
 * for formErrors to place beside the inputs (they are FormProblems). Empty when the API would accept it.
 */
export async function apiRuleProblems(dto: new () => object, body: Record<string, unknown>): Promise<Problem[]> {
  const instance = plainToInstance(dto, body, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const out: Problem[] = [];
  const walk = (errs: ValidationError[], prefix: string) => {
    for (const e of errs) {
      const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
      for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
      walk(e.children ?? [], path);
    }
  };
  walk(errors, '');
  return out;
}
