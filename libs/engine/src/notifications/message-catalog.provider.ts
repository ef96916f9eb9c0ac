import { Provider } from '@nestjs/common';
import { MessageCatalogs, messageKindProblems } from '@pact/domain';
import { resolve } from 'node:path';
import { EngineSettings } from '../config/settings';
import { loadCatalogs, readLocaleFiles } from '../texts/locales';

export const MESSAGE_CATALOGS = Symbol('MESSAGE_CATALOGS');

/**
 * Reads locales/<language>/messages.yaml once at start, checked by the one catalog check and the
 * e-mails' own rules; any problem stops the process, naming language, kind and field.
 */
export function loadMessageCatalogs(root: string): MessageCatalogs {
  loadCatalogs(root, 'messages', (_catalogs, files) => messageKindProblems(files as MessageCatalogs));
  // The renderer reads the templates as written (kind → subject, body…), not as flat keys.
  return readLocaleFiles(root, 'messages') as MessageCatalogs;
}

export const messageCatalogsProvider: Provider = {
  provide: MESSAGE_CATALOGS,
  inject: [EngineSettings],
  useFactory: (settings: EngineSettings) => loadMessageCatalogs(resolve(settings.localesDir)),
};
