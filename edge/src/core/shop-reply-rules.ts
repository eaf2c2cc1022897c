import type { Intent } from './classify-intent.ts';
import type { ReplyRules } from './enforce-reply-rules.ts';
import type { ShopProfile } from './shop-profile.ts';

/** The shop's reply rules for a turn: ticket guidance only for after-sales questions. */
export function shopReplyRules(profile: ShopProfile, intent: Intent): ReplyRules {
  return {
    bannedPhrases: profile.bannedPhrases,
    closingLine: profile.closingLine,
    ...(intent === 'after_sales' ? { ticketGuidance: profile.ticketGuidance } : {}),
  };
}
