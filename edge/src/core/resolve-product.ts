import { isSmallTalk } from './is-small-talk.ts';
import type { ProductRow } from './parse-product-rows.ts';

/** What the customer may call a category, and words that mean the same to the resolver. Shops may extend both. */
export interface ProductVocabulary {
  /** Category (as in products.csv) -> other names customers use for it. */
  categoryAliases: Record<string, string[]>;
  /** Everyday word -> the word the product names use (车上 -> 车载). */
  synonyms: Record<string, string>;
}

export const DEFAULT_PRODUCT_VOCABULARY: ProductVocabulary = {
  categoryAliases: {
    保温杯: ['保温杯', '保温水杯'],
    玻璃杯: ['玻璃杯'],
    马克杯: ['马克杯', '陶瓷杯', '咖啡杯'],
    儿童水杯: ['儿童水杯', '儿童杯', '吸管杯', '直饮杯', '宝宝杯'],
    蓝牙耳机: ['蓝牙耳机', '无线耳机', '降噪耳机', '运动耳机'],
    有线耳机: ['有线耳机'],
    充电器: ['充电器', '充电头', '快充头', '车充', '车载充电'],
    数据线: ['数据线', '充电线', '快充线', '编织线'],
    充电宝: ['充电宝', '移动电源'],
    手机壳: ['手机壳', '保护壳'],
    电热水壶: ['电热水壶', '热水壶', '电水壶', '烧水壶', '水壶'],
    便携榨汁杯: ['榨汁杯', '榨汁机'],
    煮蛋器: ['煮蛋器', '蒸蛋器'],
  },
  synonyms: { 车上: '车载', 车里: '车载', 开车: '车载', 苹果: 'iphone', 转: ' to ' },
};

/**
 * Overlays a shop's vocabulary (shop.json `productVocabulary`): aliases are added to each category's list, synonyms
 * are added or replaced. Wrong types are rejected with the key named.
 */
export function mergeProductVocabulary(
  partial: unknown,
  base: ProductVocabulary = DEFAULT_PRODUCT_VOCABULARY,
): ProductVocabulary {
  if (partial === undefined || partial === null) return base;
  if (typeof partial !== 'object' || Array.isArray(partial))
    throw new TypeError('productVocabulary must be a JSON object');
  const p = partial as { categoryAliases?: unknown; synonyms?: unknown };
  const out: ProductVocabulary = {
    categoryAliases: { ...base.categoryAliases },
    synonyms: { ...base.synonyms },
  };
  if (p.categoryAliases !== undefined) {
    if (typeof p.categoryAliases !== 'object' || p.categoryAliases === null)
      throw new TypeError('productVocabulary.categoryAliases must map a category to a list of names');
    for (const [category, aliases] of Object.entries(p.categoryAliases)) {
      if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string' && a !== ''))
        throw new TypeError(
          `productVocabulary.categoryAliases.${category} must be a list of non-empty strings`,
        );
      out.categoryAliases[category] = [...(out.categoryAliases[category] ?? []), ...aliases];
    }
  }
  if (p.synonyms !== undefined) {
    if (typeof p.synonyms !== 'object' || p.synonyms === null)
      throw new TypeError('productVocabulary.synonyms must map a word to another');
    for (const [word, to] of Object.entries(p.synonyms)) {
      if (typeof to !== 'string') throw new TypeError(`productVocabulary.synonyms.${word} must be a string`);
      out.synonyms[word] = to;
    }
  }
  return out;
}

/** Generic words that name a family of categories: 杯子 is any cup, 耳机 any earphone, 壳 any case, 线 any cable. */
const GENERIC: [RegExp, (category: string) => boolean][] = [
  [/杯/, (c) => c.includes('杯')],
  [/耳机/, (c) => c.includes('耳机')],
  [/壳/, (c) => c.includes('壳')],
  [/(?<![无有])线(?![下上路])/, (c) => c.includes('线')],
  [/壶/, (c) => c.includes('壶')],
];

const COLOR_CHARS = '蓝白黑粉绿灰黄红紫橙金银';
const TEXT_COLOR = new RegExp(`([${COLOR_CHARS}])(?:色|的|款|那)|(透明)`, 'g');
/** 最大的 / 哪个最大 name a product; 最大多少A asks about a spec. */
const SMALL =
  /最小(?=$|[的那号款个吗呢？?，,。])|小号|(?<!多)小的|小一点|小一些|小点|小杯|小个|小容量|小一号|小瓶/;
const BIG =
  /最大(?=$|[的那号款个吗呢？?，,。]|容量)|大号|(?<!多)大的|大一点|大一些|大点|大杯|大个|大容量|大一号/;
/** Units that end a number which is no product size (dates, times, counts, temperatures). */
const NOT_SIZE_UNIT = /^(?:\s*)(?:[月号日点天年岁个件次周期折%℃度分秒寸]|小时|分钟)/;
const FOLLOW_UP = /这个|那个|这款|那款|它|这|那|换成|还有|呢/;

interface SizeNumber {
  value: number;
  unit: string;
}

/** A row with what the resolver matches against, computed once. */
interface IndexedRow {
  row: ProductRow;
  /** ASCII model words of the name, e.g. ['lizi','buds','pro','2']; sizes like 450ml removed. */
  model: string[];
  colorChar: string | null;
  colorWords: string[];
  numbers: SizeNumber[];
  /** Main size in a comparable unit, for 最大 / 小一点. */
  primarySize: number | null;
  /** Bigrams of the Chinese part of the name without brand, category and colour: 茶水分离, 磁吸迷你 ... */
  descriptorBigrams: string[];
  featureTokens: Set<string>;
}

export interface ProductCatalog {
  rows: ProductRow[];
  indexed: IndexedRow[];
  vocabulary: ProductVocabulary;
  bySku: Map<string, ProductRow>;
  /** Each category of the vocabulary with its names (itself and its aliases), lower-cased. */
  categoryNames: [category: string, names: string[]][];
  /** The categories the rows are in, each once. */
  categories: string[];
}

const UNIT_NUMBER = /(\d+(?:\.\d+)?)\s*(ml|mah|wh|mm|w|l|m|g|个)(?![a-z])/gi;

function unitNumbers(text: string): SizeNumber[] {
  const out: SizeNumber[] = [];
  for (const m of text.matchAll(UNIT_NUMBER)) {
    const v = Number(m[1]);
    const u = m[2]!.toLowerCase();
    out.push({ value: v, unit: u });
    if (u === 'l') out.push({ value: v * 1000, unit: 'ml' });
  }
  return out;
}

function asciiWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+|\d+(?:\.\d+)?/g) ?? [];
}

function bigrams(text: string): Set<string> {
  const cjk = text.replace(/[^\u3400-\u9fff]+/g, '|');
  const out = new Set<string>();
  for (const part of cjk.split('|')) for (let i = 0; i + 1 < part.length; i++) out.add(part.slice(i, i + 2));
  return out;
}

/**
 * Prepares the product table for resolution.
 * @example const catalog = createProductCatalog(parseProductRows(parseCsv(csv)));
 */
export function createProductCatalog(
  rows: ProductRow[],
  vocabulary: ProductVocabulary = DEFAULT_PRODUCT_VOCABULARY,
): ProductCatalog {
  const indexed = rows.map((row): IndexedRow => {
    const nameParts = row.name.split(/\s+/);
    const last = nameParts.at(-1) ?? '';
    const colorWord = nameParts.length > 1 && /^[\u3400-\u9fff]{1,4}$/.test(last) ? last : null;
    const colorChar =
      [...COLOR_CHARS].find((c) => row.color.includes(c)) ?? (row.color.includes('透明') ? '透明' : null);
    const numbers = [...unitNumbers(row.size), ...unitNumbers(row.name)];
    const primary = unitNumbers(row.size)[0] ?? unitNumbers(row.name)[0];
    const modelText = row.name.replace(UNIT_NUMBER, ' ');
    let descriptor = row.name.replace(/[^\u3400-\u9fff]+/g, '').replace(/^栗子/, '');
    if (colorWord) descriptor = descriptor.replace(colorWord, '');
    for (const word of [row.category, ...(vocabulary.categoryAliases[row.category] ?? [])])
      descriptor = descriptor.replace(word, '');
    return {
      row,
      model: asciiWords(modelText),
      colorChar,
      colorWords: [row.color, ...(colorWord ? [colorWord] : [])].filter(Boolean),
      numbers,
      primarySize: primary ? (primary.unit === 'l' ? primary.value * 1000 : primary.value) : null,
      descriptorBigrams: [...bigrams(descriptor)],
      // Sizes (20w, 350ml) are matched as numbers; feature words such as 24v, magsafe or ldac tell rows apart.
      featureTokens: new Set(
        row.features
          .flatMap((f) => f.toLowerCase().match(/[a-z0-9.]+/g) ?? [])
          .filter((t) => /[a-z]/.test(t) && !/^\d+(?:\.\d+)?(?:ml|mah|wh|mm|w|l|m|g)$/.test(t)),
      ),
    };
  });
  return {
    rows,
    indexed,
    vocabulary,
    bySku: new Map(rows.map((r) => [r.sku, r])),
    categoryNames: Object.entries(vocabulary.categoryAliases).map(([category, aliases]) => [
      category,
      [category, ...aliases].map((a) => a.toLowerCase()),
    ]),
    categories: [...new Set(rows.map((r) => r.category))],
  };
}

/** What one message says about a product. */
interface Reference {
  categories: Set<string> | null;
  /** Model mentions in order of appearance, each the rows it names. */
  models: IndexedRow[][];
  colors: string[];
  numbers: { value: number; unit: string | null }[];
  prices: number[];
  superlative: 'small' | 'big' | null;
  bigrams: Set<string>;
  asciiTokens: Set<string>;
}

function readReference(raw: string, catalog: ProductCatalog): Reference {
  let text = raw.toLowerCase();
  for (const [from, to] of Object.entries(catalog.vocabulary.synonyms)) text = text.split(from).join(to);

  // Categories: specific names first (吸管杯), generic words (杯子) only when no specific name is given.
  const named = new Set<string>();
  for (const [category, names] of catalog.categoryNames) {
    if (names.some((a) => text.includes(a))) named.add(category);
  }
  if (!named.size) {
    for (const [word, fits] of GENERIC) {
      if (!word.test(text)) continue;
      for (const c of catalog.categories) if (fits(c)) named.add(c);
    }
  }
  const categories = named.size ? named : null;

  // Model names by longest match at each word: "pro 2" is Buds Pro 2, a lone "pro" is every model ending in Pro.
  const models: IndexedRow[][] = [];
  const words: { w: string; end: number }[] = [];
  for (const m of text.matchAll(/[a-z]+|\d+(?:\.\d+)?/g)) words.push({ w: m[0], end: m.index + m[0].length });
  for (let i = 0; i < words.length; ) {
    let best: { len: number; rows: IndexedRow[] } | null = null;
    for (let len = Math.min(4, words.length - i); len >= 1 && !best; len--) {
      const seq = words.slice(i, i + len).map((x) => x.w);
      if (seq.every((w) => /^\d/.test(w))) {
        // A lone digit (「2」) is no model name; Pro 2 needs its Pro.
        if (seq.length === 1 && seq[0]!.length < 2) continue;
        // A bare number names a model (16的壳) only when no unit follows it (70℃, 12号, 750ml are not models).
        if (
          NOT_SIZE_UNIT.test(text.slice(words[i + len - 1]!.end)) ||
          /^\s*[a-z毫升瓦米块元]/.test(text.slice(words[i + len - 1]!.end))
        )
          continue;
      }
      const rows = catalog.indexed.filter(
        (r) => r.model.length >= len && seq.every((w, k) => r.model[r.model.length - len + k] === w),
      );
      if (rows.length && !(len === 1 && seq[0]!.length === 1 && /[a-z]/.test(seq[0]!))) best = { len, rows };
    }
    if (best) {
      models.push(best.rows);
      i += best.len;
    } else i++;
  }

  const colors: string[] = [];
  for (const m of text.matchAll(TEXT_COLOR)) colors.push(m[1] ?? m[2]!);
  for (const r of catalog.indexed)
    for (const w of r.colorWords) if (w.length > 1 && text.includes(w) && !colors.includes(w)) colors.push(w);
  // 奶油白 is one colour, not also every 白.
  const variants = colors.filter((c) => c.length > 1 && c !== '透明');
  const ownColors = colors.filter((c) => !(c.length === 1 && variants.some((w) => w.includes(c))));

  const numbers: Reference['numbers'] = [];
  const prices: number[] = [];
  for (const m of text.matchAll(
    /(\d+(?:\.\d+)?)\s*(毫升|ml|升|l|毫安时|毫安|mah|wh|w|瓦|米|mm|m|块钱|块|元|个(?![月小钟]))?/gi,
  )) {
    const v = Number(m[1]);
    const unit = m[2]?.toLowerCase() ?? null;
    const after = text.slice(m.index + m[0].length);
    if (unit === '块' || unit === '块钱' || unit === '元') prices.push(v);
    else if (unit === '升' || unit === 'l') numbers.push({ value: v * 1000, unit: 'ml' });
    else if (unit === '毫升') numbers.push({ value: v, unit: 'ml' });
    else if (unit === '毫安' || unit === '毫安时') numbers.push({ value: v, unit: 'mah' });
    else if (unit === '瓦') numbers.push({ value: v, unit: 'w' });
    else if (unit === '米') numbers.push({ value: v, unit: 'm' });
    else if (unit) numbers.push({ value: v, unit });
    else if (v >= 10 && !NOT_SIZE_UNIT.test(after)) numbers.push({ value: v, unit: null });
  }

  return {
    categories,
    models,
    colors: ownColors,
    numbers,
    prices,
    superlative: SMALL.test(text) ? 'small' : BIG.test(text) ? 'big' : null,
    bigrams: bigrams(text),
    asciiTokens: new Set(text.match(/[a-z0-9.]+/g) ?? []),
  };
}

function anchored(ref: Reference): boolean {
  return ref.categories !== null || ref.models.length > 0;
}

/** Narrows by one clue; a clue that would leave nothing is taken as misread and ignored. */
function narrow(rows: IndexedRow[], keep: (r: IndexedRow) => boolean): IndexedRow[] {
  const out = rows.filter(keep);
  return out.length ? out : rows;
}

function colorFits(r: IndexedRow, color: string): boolean {
  return color.length === 1 || color === '透明' ? r.colorChar === color : r.colorWords.includes(color);
}

function candidatesFor(anchor: Reference, refine: Reference, catalog: ProductCatalog): IndexedRow[] {
  let rows = catalog.indexed;
  const steps: ((rs: IndexedRow[]) => IndexedRow[])[] = [
    // A model name is the most specific clue (Buds Pro 2 with 无线充电 in the message is still earphones).
    (rs) => (anchor.models[0] ? narrow(rs, (r) => anchor.models[0]!.includes(r)) : rs),
    (rs) => (anchor.categories ? narrow(rs, (r) => anchor.categories!.has(r.row.category)) : rs),
    (rs) =>
      refine.numbers.length
        ? narrow(rs, (r) =>
            refine.numbers.some((n) =>
              r.numbers.some((x) => x.value === n.value && (n.unit === null || x.unit === n.unit)),
            ),
          )
        : rs,
    (rs) => (refine.prices.length ? narrow(rs, (r) => refine.prices.includes(r.row.price ?? -1)) : rs),
    (rs) => (refine.colors.length ? narrow(rs, (r) => refine.colors.some((c) => colorFits(r, c))) : rs),
    (rs) => narrow(rs, (r) => [...anchor.asciiTokens].some((t) => t.length > 2 && r.featureTokens.has(t))),
    (rs) => {
      // Words of the product name (一拖三, 茶水分离, 车载): keep the rows sharing the most of them.
      const shared = rs.map((r) => r.descriptorBigrams.filter((b) => anchor.bigrams.has(b)).length);
      const best = Math.max(0, ...shared);
      return best > 0 ? rs.filter((_, i) => shared[i] === best) : rs;
    },
    (rs) => {
      if (!refine.superlative) return rs;
      const sizes = rs.map((r) => r.primarySize).filter((s): s is number => s !== null);
      if (!sizes.length) return rs;
      const target = refine.superlative === 'small' ? Math.min(...sizes) : Math.max(...sizes);
      return rs.filter((r) => r.primarySize === target);
    },
  ];
  for (const step of steps) {
    if (rows.length === 1) break;
    rows = step(rows);
  }
  return rows;
}

export type ProductResolution =
  | { kind: 'none' }
  | { kind: 'unique'; row: ProductRow; via: 'message' | 'history' | 'page' }
  | { kind: 'ambiguous'; candidates: ProductRow[] };

export interface ResolveProductInput {
  text: string;
  /** Earlier customer messages, oldest first. */
  history?: string[];
  /** The SKU of the product page the customer is on. */
  contextSku?: string;
  /** The bot's previous reply: when it asked which product, 「2」 or 「第二个」 picks from its list. */
  previousReply?: string;
}

const CHINESE_DIGITS = '一二三四五六';
const ORDINAL = /^(?:第|选|要)?\s*([1-6一二三四五六])\s*(?:个|款|号|种)?(?:吧|的|那个|那款)?[\s\p{P}]*$/u;

/** The product the customer picked by number from the list of a clarifying question (「您问的是哪一款？\n1. …」). */
function pickFromList(text: string, previousReply: string, catalog: ProductCatalog): ProductRow | null {
  const m = ORDINAL.exec(text.trim());
  if (!m || !/^\d+\. /m.test(previousReply)) return null;
  const n = /\d/.test(m[1]!) ? Number(m[1]) : CHINESE_DIGITS.indexOf(m[1]!) + 1;
  const line = new RegExp(`^${n}\\. (.+)$`, 'm').exec(previousReply);
  return line ? (catalog.rows.find((r) => r.name === line[1]!.trim()) ?? null) : null;
}

/** How many earlier messages a follow-up (那它能退吗) may refer back to. */
const LOOK_BACK = 3;

/** The earlier message's reference with each clue the follow-up states replacing the earlier one (白色 -> 蓝色). */
function mergeRefinement(anchor: Reference, own: Reference): Reference {
  return {
    ...anchor,
    colors: own.colors.length ? own.colors : anchor.colors,
    numbers: own.numbers.length ? own.numbers : anchor.numbers,
    prices: own.prices.length ? own.prices : anchor.prices,
    superlative: own.superlative ?? anchor.superlative,
  };
}

function settle(rows: IndexedRow[], via: 'message' | 'history', contextSku?: string): ProductResolution {
  if (rows.length === 1) return { kind: 'unique', row: rows[0]!.row, via };
  const onPage = contextSku ? rows.find((r) => r.row.sku === contextSku) : undefined;
  if (onPage) return { kind: 'unique', row: onPage.row, via: 'page' };
  return { kind: 'ambiguous', candidates: rows.map((r) => r.row) };
}

/**
 * Which product a message refers to: category words, model names (Pro 2 before Pro), sizes (750, 1.7升, 20000毫安),
 * price (19块), colour, name words (一拖三) and 最大 / 小一点, narrowed in that order. A message that names no product
 * takes it from an earlier message (这个保修多久, 换成蓝色的有货吗), then from the page it was sent from.
 * @example resolveProduct({ text: '那个蓝色小杯子能装热水吗' }, catalog) // { kind: 'unique', row: CUP-350-BL, via: 'message' }
 */
export function resolveProduct(input: ResolveProductInput, catalog: ProductCatalog): ProductResolution {
  if (input.previousReply) {
    const picked = pickFromList(input.text, input.previousReply, catalog);
    if (picked) return { kind: 'unique', row: picked, via: 'history' };
  }
  const own = readReference(input.text, catalog);
  if (anchored(own)) return settle(candidatesFor(own, own, catalog), 'message', input.contextSku);
  if (isSmallTalk(input.text)) return { kind: 'none' };
  const followUp = FOLLOW_UP.test(input.text) || own.colors.length > 0 || own.superlative !== null;
  if (followUp) {
    for (const earlier of (input.history ?? []).slice(-LOOK_BACK).reverse()) {
      const ref = readReference(earlier, catalog);
      if (!anchored(ref)) continue;
      return settle(candidatesFor(ref, mergeRefinement(ref, own), catalog), 'history', input.contextSku);
    }
  }
  const page = input.contextSku ? catalog.bySku.get(input.contextSku) : undefined;
  return page ? { kind: 'unique', row: page, via: 'page' } : { kind: 'none' };
}
