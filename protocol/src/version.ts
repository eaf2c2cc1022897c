/** Version of the widget <-> edge wire contract. Bump on any incompatible change. */
export const PROTOCOL_VERSION = 'v1';

/**
 * Response header carrying {@link PROTOCOL_VERSION} on every edge response, so a widget can detect an edge
 * that speaks another version. Example: `x-xiaoer-protocol: v1`.
 */
export const PROTOCOL_HEADER = 'x-xiaoer-protocol';
