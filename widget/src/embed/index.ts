/**
 * Module entry (`@xiaoer/widget`): the same widget as the script tag, for bundled apps. The panel is a lazy chunk.
 * @example import { createWidget } from '@xiaoer/widget'; const w = createWidget({ endpoint: 'https://kefu.example.com' });
 */
import { createLauncher, type XiaoerWidget } from '../launcher/create-launcher.ts';
import type { WidgetConfig } from './widget-config.ts';

export type { XiaoerWidget } from '../launcher/create-launcher.ts';
export type { Identity, WidgetEventName } from './panel-contract.ts';
export type { WidgetConfig } from './widget-config.ts';

export function createWidget(config: WidgetConfig): XiaoerWidget {
  return createLauncher(config, () => import('../panel/mount-panel.tsx'));
}
