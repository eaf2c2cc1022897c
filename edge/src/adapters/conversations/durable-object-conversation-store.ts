import type { ConversationStore } from '../../ports/conversation-store.ts';
import type { ConversationObject } from './durable-object-conversation-object.ts';

/** ConversationStore on Workers: each conversation is one ConversationObject, reached over RPC by name. */
export function createDurableObjectConversationStore(
  ns: DurableObjectNamespace<ConversationObject>,
): ConversationStore {
  const stub = (id: string) => ns.get(ns.idFromName(id));
  return {
    ensure: async (id, createdAt) => stub(id).ensure(id, createdAt),
    exists: async (id) => stub(id).exists(),
    addCustomerMessage: async (id, m) => stub(id).addCustomerMessage(m),
    saveReply: async (id, messageId, reply) => stub(id).saveReply(messageId, reply),
    saveFeedback: async (id, feedback) => stub(id).saveFeedback(feedback),
    turns: async (id, limit) => stub(id).turns(limit),
  };
}
