import type { authChannels } from '../../../shared/ipc/channels/auth';
import { changePassword } from '../../services/auth/auth.service';
import {
  currentRecoveryFingerprint,
  recoverWithRecoveryKey,
  rotateRecoveryKey,
} from '../../services/auth/recovery.service';
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
  'auth:recover': async (input, { app }) => {
    await recoverWithRecoveryKey({
      ...input,
      file: app.archivePath,
      clock: app.serviceClock,
      throttle: app.throttle,
    });
    return null;
  },
  'auth:rotate-recovery-key': (_input, { ctx }) => rotateRecoveryKey(ctx),
  'auth:recovery-fingerprint': (_input, { ctx }) => ({
    fingerprint: currentRecoveryFingerprint(ctx),
  }),
  'auth:activity': (_input, { app }) => {
    app.recordActivity();
    return null;
  },
};
