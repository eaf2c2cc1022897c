import { createDemoOrderLookup } from '../adapters/orders/demo-orders.ts';
import { addSynonymAliases } from '../core/add-synonym-aliases.ts';
import type { TransferWords } from '../core/decide-transfer.ts';
import { mergeTransferWords } from '../core/decide-transfer.ts';
import type { PolicyTimeRules } from '../core/evaluate-policy-rules.ts';
import { loadProductCatalog } from '../core/load-product-catalog.ts';
import { mergePolicyTimeRules } from '../core/merge-policy-time-rules.ts';
import type { SourceFile } from '../core/parse-knowledge-sources.ts';
import { mergeProductVocabulary, type ProductCatalog } from '../core/resolve-product.ts';
import { mergeShopProfile, type ShopProfile } from '../core/shop-profile.ts';
import { shopSynonymGroups } from '../core/shop-synonyms.ts';
import type { OrderLookup } from '../ports/order-lookup.ts';

/** What a knowledge-base folder says about the shop besides its passages: voice, word lists, products, time rules. */
export interface ShopFromFiles {
  profile: ShopProfile;
  transferWords: TransferWords;
  catalog: ProductCatalog;
  timeRules?: PolicyTimeRules;
  /** The demo order lookup over `demo-orders.json` when the folder has one; a real shop wires its own adapter. */
  orders?: OrderLookup;
}

/**
 * Reads `shop.json`, the product table (with the names `synonyms.txt` adds to its categories) and `demo-orders.json`
 * of a knowledge-base folder into the app's shop
 * dependencies. Every runtime and the evaluation command wire the brain through this one function, so they decide
 * alike; a runtime calls it again whenever the folder is re-synced.
 */
export function shopFromFiles(files: SourceFile[]): ShopFromFiles {
  const shopJson = files.find((f) => f.path === 'shop.json');
  let shop: Record<string, unknown> | undefined;
  try {
    shop = shopJson ? JSON.parse(shopJson.text) : undefined;
  } catch (err) {
    throw new Error(`shop.json is not valid JSON: ${(err as Error).message}`);
  }
  // What shop.json says wrong is reported as shop.json's, with the key the merge names.
  const fromShopJson = <T>(read: () => T): T => {
    try {
      return read();
    } catch (err) {
      throw new Error(`shop.json: ${(err as Error).message}`, { cause: err });
    }
  };
  const out: ShopFromFiles = {
    profile: fromShopJson(() => mergeShopProfile(shop)),
    transferWords: fromShopJson(() =>
      mergeTransferWords(shop?.transferWords as Parameters<typeof mergeTransferWords>[0]),
    ),
    catalog: loadProductCatalog(
      files,
      addSynonymAliases(
        fromShopJson(() =>
          mergeProductVocabulary(shop?.productVocabulary as Parameters<typeof mergeProductVocabulary>[0]),
        ),
        shopSynonymGroups(files),
      ),
    ),
  };
  if (shop?.timeRules !== undefined) out.timeRules = fromShopJson(() => mergePolicyTimeRules(shop.timeRules));
  const orders = files.find((f) => f.path === 'demo-orders.json');
  if (orders) out.orders = createDemoOrderLookup(orders.text);
  return out;
}
