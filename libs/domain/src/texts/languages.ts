/** The languages people may read messages in (a chair's language, a text's wordings). */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pl', 'sv'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
