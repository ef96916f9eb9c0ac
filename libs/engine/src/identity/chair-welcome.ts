import { Global, Module } from '@nestjs/common';
import type { UserRecord } from '@pact/persistence';

/**
 * Who welcomes a newly named chair (one e-mail per naming, deduplicated by `dedupeKey`). The
 * engine's NotificationsModule provides it as NotificationService; a command-line tool that only
 * writes records (the bootstrap of the first committee member, which needs no Redis) provides
 * this class itself, which refuses: such a tool names no chair.
 */
export class ChairWelcome {
  async welcomeChair(chair: Pick<UserRecord, 'name' | 'email' | 'language' | 'timeZone'>, groupKey: string, dedupeKey: string): Promise<void> {
    throw new Error(`this tool sends no e-mail, so it cannot name ${chair.email} chair of ${groupKey} (${dedupeKey}): name chairs in the running engine`);
  }
}

/** For tools on EngineStorageModule alone: identity without sending (see ChairWelcome). */
@Global()
@Module({ providers: [ChairWelcome], exports: [ChairWelcome] })
export class SendsNoEmailModule {}
