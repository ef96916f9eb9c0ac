import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FormProblem, isMissing } from './form-errors';

/**
 * A page's form checked by the same rules as the API request doing the same thing: the body is
 * validated with the API's DTO exactly as the API's ValidationPipe does (whitelist, nothing
 * unknown, no implicit conversion). Returns the problems with their paths (`milestones[0].title`),
 * the rule each broke and whether the answer was missing, for a form to place beside the inputs
 * and word by its rule. Empty when the API would accept it.
 */
export async function apiRuleProblems(dto: new () => object, body: Record<string, unknown>): Promise<FormProblem[]> {
  const instance = plainToInstance(dto, body, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  const out: FormProblem[] = [];
  const walk = (errs: ValidationError[], prefix: string) => {
    for (const e of errs) {
      const path = /^\d+$/.test(e.property) ? `${prefix}[${e.property}]` : prefix ? `${prefix}.${e.property}` : e.property;
      const missing = isMissing(e.value) ? 1 : 0;
      for (const [rule, message] of Object.entries(e.constraints ?? {})) out.push({ path, message, rule, params: { missing } });
      walk(e.children ?? [], path);
    }
  };
  walk(errors, '');
  return out;
}
