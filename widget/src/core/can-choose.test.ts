import { describe, expect, it } from 'vitest';
import { canChoose } from './can-choose.ts';
import type { UiMessage } from './ui-message.ts';

const ask = (id: string, status: UiMessage['status']): UiMessage => ({
  id,
  role: 'assistant',
  text: '哪一款？',
  status,
});

describe('canChoose', () => {
  it('allows only the newest message, once it is done', () => {
    const older = ask('a_m1', 'done');
    expect(canChoose([older], 'a_m1')).toBe(true);
    expect(canChoose([older, ask('a_m2', 'streaming')], 'a_m2')).toBe(false);
    expect(canChoose([older, ask('a_m2', 'failed')], 'a_m2')).toBe(false);
    expect(canChoose([older, ask('a_m2', 'done')], 'a_m1')).toBe(false);
    expect(canChoose([], 'a_m1')).toBe(false);
  });
});
