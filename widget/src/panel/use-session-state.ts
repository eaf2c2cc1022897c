import { useEffect, useState } from 'preact/hooks';
import type { ChatSession, ChatState } from '../core/chat-session.ts';

/**
 * The session's state, re-rendered at most once per animation frame: a reply streaming 50 tokens a second costs one
 * render per frame, not one per token.
 */
export function useSessionState(session: ChatSession): ChatState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    let frame = 0;
    const unsubscribe = session.subscribe(() => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        setState(session.state);
      });
    });
    setState(session.state);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [session]);
  return state;
}
