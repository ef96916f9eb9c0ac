/** Metadata keys of page controllers (see page.decorators.ts). */
export const SIGNED_OUT_ALLOWED = 'pact:page-signed-out-allowed';
export const PAGE_ROLES = 'pact:page-roles';
