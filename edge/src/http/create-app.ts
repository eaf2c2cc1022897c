import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '@xiaoer/protocol';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { RequestError } from '../core/errors.ts';
import type { AppDeps } from './app-deps.ts';
import { errorResponse } from './errors.ts';
import { chatRoute } from './routes/chat-route.ts';
import { conversationRoutes } from './routes/conversation-routes.ts';
import { feedbackRoute } from './routes/feedback-route.ts';
import { healthRoutes } from './routes/health-routes.ts';

export type { AppDeps } from './app-deps.ts';

/**
 * Builds the edge's HTTP app from injected dependencies. Runtime entries only read configuration and call this.
 * @example const app = createApp({ retriever, conversations, clock: Date, profile, settings, minRetrievalScore: 0.12, allowedOrigins: '*' });
 */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.use(
    '/v1/*',
    cors({
      origin: deps.allowedOrigins === '*' ? '*' : deps.allowedOrigins,
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      allowHeaders: ['content-type', 'last-event-id'],
      // Retry-After tells the widget how long a rate-limited customer waits.
      exposeHeaders: [PROTOCOL_HEADER, 'retry-after'],
      maxAge: 600,
    }),
  );
  app.use('/v1/*', async (c, next) => {
    await next();
    c.res.headers.set(PROTOCOL_HEADER, PROTOCOL_VERSION);
  });
  app.route('/', healthRoutes(deps));
  app.route('/', chatRoute(deps));
  app.route('/', conversationRoutes(deps));
  app.route('/', feedbackRoute(deps));
  app.notFound((c) =>
    errorResponse(new RequestError('not_found', 404, `No route for ${c.req.method} ${c.req.path}.`), c),
  );
  app.onError(errorResponse);
  return app;
}
