/** Languages buyer e-mails are written in; a marketplace without its own goes to English. */
export const BUYER_LANGUAGES = ['en', 'de', 'ja'] as const;
export type BuyerLanguage = (typeof BUYER_LANGUAGES)[number];

/** Languages the team reads notifications in (sellers' teams in China, and English). */
export const TEAM_LANGUAGES = ['zh-CN', 'en'] as const;
export type TeamLanguage = (typeof TEAM_LANGUAGES)[number];

/**
 * A marketplace by its country code, its Amazon domain or its SP-API marketplace id. The buyer
 * reads the marketplace's language, never the team's: a German buyer of a Chinese seller gets German.
 */
const MARKETPLACE_LANGUAGE: Record<string, BuyerLanguage> = {
  us: 'en',
  uk: 'en',
  gb: 'en',
  ca: 'en',
  au: 'en',
  ie: 'en',
  sg: 'en',
  de: 'de',
  at: 'de',
  jp: 'ja',
  'amazon.com': 'en',
  'amazon.co.uk': 'en',
  'amazon.ca': 'en',
  'amazon.com.au': 'en',
  'amazon.de': 'de',
  'amazon.co.jp': 'ja',
  atvpdkikx0der: 'en',
  a1f83g8c2aro7p: 'en',
  a2euq1wtgctbg2: 'en',
  a1pa6795ukmfr9: 'de',
  a1vc38t7yxb528: 'ja',
};

export function buyerLanguage(marketplace: string | undefined): BuyerLanguage {
  return MARKETPLACE_LANGUAGE[marketplace?.trim().toLowerCase() ?? ''] ?? 'en';
}
