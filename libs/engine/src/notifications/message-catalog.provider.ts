import { Provider } from '@nestjs/common';
import { checkCatalogs, MessageCatalogs } from '@pact/domain';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { EngineSettings } from '../config/settings';

export const MESSAGE_CATALOGS = Symbol('MESSAGE_CATALOGS');

/** Reads config/messages/<language>.yaml once at start; any problem stops the process, naming the file and field. */
export function loadMessageCatalogs(dir: string): MessageCatalogs {
  const catalogs: MessageCatalogs = {};
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /^[a-z]{2}\.ya?ml$/.test(f));
  } catch (err) {
    throw new Error(`Cannot read the message templates in ${dir}: ${(err as Error).message}`, { cause: err });
  }
  for (const file of files) {
    try {
      catalogs[basename(file).slice(0, 2)] = parse(readFileSync(join(dir, file), 'utf8')) ?? {};
    } catch (err) {
      throw new Error(`Cannot parse the message templates ${join(dir, file)}: ${(err as Error).message}`, { cause: err });
    }
  }
  const problems = checkCatalogs(catalogs);
  if (problems.length) throw new Error(`Invalid message templates in ${dir}:\n  ${problems.join('\n  ')}`);
  return catalogs;
}

export const messageCatalogsProvider: Provider = {
  provide: MESSAGE_CATALOGS,
  inject: [EngineSettings],
  useFactory: (settings: EngineSettings) => loadMessageCatalogs(resolve(settings.messagesDir)),
};
