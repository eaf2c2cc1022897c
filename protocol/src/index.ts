export * from './chat-events.ts';
export * from './chat-request.ts';
export * from './conversation.ts';
export * from './create-sse-parser.ts';
export * from './decode-chat-event.ts';
export * from './encode-event.ts';
export * from './error-codes.ts';
export * from './version.ts';
