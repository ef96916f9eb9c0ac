/** A person's preferences named something the engine cannot use; each problem names its field. */
export class InvalidPreferences extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'InvalidPreferences';
  }
}
