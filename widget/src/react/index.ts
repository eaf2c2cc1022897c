/**
 * `@xiaoer/widget/react`: `<XiaoerChat endpoint="https://kefu.example.com" />` mounts the same widget as the script
 * tag (launcher in a shadow root, lazy panel). React is a peer dependency and is never bundled.
 * @example <XiaoerChat endpoint="/" title="栗子小铺客服" suggestions={['几点之前付款当天能发货?']} onMessage={console.log} />
 */
import { useEffect, useRef } from 'react';
import { createWidget, type WidgetConfig, type XiaoerWidget } from '../embed/index.ts';

export interface XiaoerChatProps extends WidgetConfig {
  /** Receives the widget API (open, close, send, ...) once mounted. */
  onReady?(widget: XiaoerWidget): void;
  onMessage?(detail: unknown): void;
  onHandoff?(detail: unknown): void;
}

export function XiaoerChat(props: XiaoerChatProps) {
  const latest = useRef(props);
  latest.current = props;
  // The widget is configured once per endpoint and shop; remounting on every prop change would drop the open panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: remount only when the endpoint or shop changes
  useEffect(() => {
    const { onReady, onMessage, onHandoff, ...config } = latest.current;
    const w = createWidget(config);
    w.on('message', (d) => latest.current.onMessage?.(d));
    w.on('handoff', (d) => latest.current.onHandoff?.(d));
    onReady?.(w);
    return () => w.destroy();
  }, [props.endpoint, props.shop]);
  return null;
}

export type { WidgetConfig, XiaoerWidget } from '../embed/index.ts';
