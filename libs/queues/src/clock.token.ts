/** Injection token of the engine's Clock (see libs/domain/src/clock). */
export const CLOCK = Symbol('CLOCK');
