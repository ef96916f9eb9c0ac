import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * apps/api/web holds what the pages are made of besides code and words: templates (views/) and
 * CSS and script (static/); their texts are in locales/<language>/pages.yaml (LOCALES_DIR).
 * Found from this file whether it runs from the sources (tests) or from dist/ (the build does
 * not copy them; the Docker image copies the folder).
 */
function findWebRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'api', 'web');
    if (existsSync(join(candidate, 'views'))) return candidate;
  }
  throw new Error(`apps/api/web (page templates) not found above ${__dirname}`);
}

export const WEB_ROOT = findWebRoot();
export const VIEWS_DIR = join(WEB_ROOT, 'views');
export const STATIC_DIR = join(WEB_ROOT, 'static');
