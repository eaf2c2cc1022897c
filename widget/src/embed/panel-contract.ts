import type { WidgetConfig } from './widget-config.ts';

export type WidgetEventName = 'open' | 'close' | 'message' | 'handoff' | 'feedback';

export interface Identity {
  userId: string;
  name?: string;
}

/** What the always-loaded launcher gives the lazy panel. */
export interface PanelContext {
  root: ShadowRoot;
  /** Element inside the shadow root the panel renders into. */
  mount: HTMLElement;
  config: WidgetConfig;
  /** Storage key prefix for this shop (and customer, once identified). */
  storageKey: string;
  emit(name: WidgetEventName, detail?: unknown): void;
  /** The panel asks to close (Esc, close button): the launcher hides it and takes focus back. */
  requestClose(): void;
}

/** What the panel chunk gives back. */
export interface PanelHandle {
  setOpen(open: boolean): void;
  send(text: string): void;
  reset(): void;
  destroy(): void;
}

export interface PanelModule {
  mountPanel(ctx: PanelContext): PanelHandle;
}
