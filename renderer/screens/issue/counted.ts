import { currentLang } from '../../ui/messages.js';

/** i18next options for a count: `count` picks the plural form, `n` shows it with the language's digit grouping. */
export function counted(count: number): { count: number; n: string } {
  return { count, n: count.toLocaleString(currentLang()) };
}
