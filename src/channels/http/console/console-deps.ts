// What the console API's route modules receive: the platform, metrics, and the hooks they attach to their routes.
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { Platform } from '../../../domain/platform.js';
import type { Permission } from '../../../domain/staff/roles.js';
import type { Metrics } from '../../../observability/metrics.js';

export interface ConsoleDeps {
  platform: Platform;
  metrics: Metrics;
  /** The preHandlers of a route that needs a staff session with this permission (and an Idempotency-Key if it changes state). */
  guard(permission: Permission, options?: { changes: boolean }): preHandlerAsyncHookHandler[];
  /** A staff session, whatever the roles. */
  staff: preHandlerAsyncHookHandler;
  /** Claims the Idempotency-Key (after `staff`). */
  idempotent: preHandlerAsyncHookHandler;
}
