import { IsOptional, Matches } from 'class-validator';
import { KEY_PATTERN } from '@pact/domain';

/** Which programme's catalogue (absent: the Pact's, as for data stored before programmes). */
export class ProgrammeQuery {
  @IsOptional() @Matches(KEY_PATTERN, { message: 'programme: a programme key (lowercase letters, digits and dashes)' }) programme?: string;
}

export class SeriesQuery extends ProgrammeQuery {
  @Matches(KEY_PATTERN, { message: 'participant: a working group or city key (lowercase letters, digits and dashes)' }) participant: string;
}

export class PeersQuery extends ProgrammeQuery {
  /** `<cycle id>-<milestone key>` for a cycle run here, or a year of imported history. */
  @Matches(/^(?:[0-9a-f]{24}-[a-z][a-z0-9-]{0,62}|[0-9]{4})$/, { message: 'period: <cycle id>-<milestone key>, or a year (e.g. 2015)' }) period: string;
}
