/**
 * A country's short English name, as people write it: CLDR's alias where it has one ("Russia", "Taiwan", "UK"), unless
 * it is an inverted official form ("Korea, Republic of"), then the common name ("South Korea").
 */
import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json') as countries.LocaleData);

export function shortCountryName(code: string): string | undefined {
  const upper = code.toUpperCase();
  const alias = countries.getName(upper, 'en', { select: 'alias' });
  const common = countries.getName(upper, 'en');
  return alias !== undefined && !alias.includes(',') ? alias : common ?? alias;
}
