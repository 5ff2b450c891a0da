import type { Locale } from '../../shared/i18n/define';
import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { AppState, OpenSession } from '../app-state';
import type { ServiceContext } from '../services/context';

/**
 * What a handler gets besides its parsed request. `session`/`ctx` throw NOT_SIGNED_IN or
 * ARCHIVE_LOCKED when nobody is signed in; the dispatcher has already checked that for every
 * channel that is not `access: 'public'`.
 */
export interface HandlerEnv {
  app: AppState;
  locale: Locale;
  readonly session: OpenSession;
  readonly ctx: ServiceContext;
}

export type Handler<C extends ChannelName> = (
  input: ParsedRequestOf<C>,
  env: HandlerEnv,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type HandlersFor<Names extends ChannelName> = { [C in Names]: Handler<C> };
export type Handlers = HandlersFor<ChannelName>;
