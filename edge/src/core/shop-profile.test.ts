import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_PROFILE, mergeShopProfile } from './shop-profile.ts';

describe('mergeShopProfile', () => {
  it('overlays the keys a shop sets and keeps the defaults for the rest', () => {
    const p = mergeShopProfile({ shopName: '橙子商店', rules: ['只说真话'], unknown: 1 });
    expect(p.shopName).toBe('橙子商店');
    expect(p.rules).toEqual(['只说真话']);
    expect(p.closingLine).toBe(DEFAULT_SHOP_PROFILE.closingLine);
    expect(p).not.toHaveProperty('unknown');
  });

  it('rejects wrong types with the key named', () => {
    expect(() => mergeShopProfile({ rules: 'one rule' })).toThrow(/"rules" must be an array of strings/);
    expect(() => mergeShopProfile({ greeting: 3 })).toThrow(/"greeting" must be a string/);
    expect(() => mergeShopProfile([1])).toThrow(/JSON object/);
  });
});
