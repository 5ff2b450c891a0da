import type { authChannels } from '../../../shared/ipc/channels/auth';
import { changePassword } from '../../services/auth/auth.service';
import type { HandlersFor } from '../handler-types';
import { signIn } from './session';

export const authHandlers: HandlersFor<keyof typeof authChannels> = {
  'auth:sign-in': async ({ username, password }, { app }) => {
    await signIn(app, username, password);
    return app.view();
  },
  'auth:sign-out': (_input, { app }) => {
    app.closeSession('signed_out');
    return app.view();
  },
  'auth:lock': (_input, { app }) => {
    app.closeSession('manual');
    return app.view();
  },
  'auth:change-password': async (input, { session }) => {
    await changePassword(session, input);
    return null;
  },
  'auth:activity': (_input, { app }) => {
    app.recordActivity();
    return null;
  },
};
