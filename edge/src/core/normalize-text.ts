const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Value of a Chinese numeral below 1000 (三, 十二, 二十, 两百五十); NaN when it is not one. */
function chineseNumber(s: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in DIGIT) {
      if (digit >= 0) return Number.NaN;
      digit = DIGIT[ch]!;
    } else if (ch === '十' || ch === '百') {
      total += (digit < 0 ? 1 : digit) * (ch === '十' ? 10 : 100);
      digit = -1;
    } else return Number.NaN;
  }
  return total + Math.max(0, digit);
}

// A Chinese numeral followed by a unit: 三天 -> 3天, 十二个月 -> 12个月, 两点 -> 2点. Without the unit a numeral is
// usually part of a word (一下, 一般, 一起), so it is left alone.
const NUMERAL_WITH_UNIT =
  /([零〇一二两三四五六七八九十百]+)(?=(天|个|次|件|小时|点|年|月|周|元|块|分钟|位|张|倍|期|号|岁|层|口|根|只))/g;

/**
 * Normalises text for matching: NFKC (full-width to half-width), lower case, Chinese numerals before a unit to digits.
 * @example normalizeText('三天后ＯＫ') -> '3天后ok'
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(NUMERAL_WITH_UNIT, (m) => {
      const n = chineseNumber(m);
      return Number.isNaN(n) ? m : String(n);
    });
}
