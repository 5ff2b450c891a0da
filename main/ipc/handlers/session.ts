import { openSession } from '../../services/auth/auth.service';
import { getSettings } from '../../services/reference/settings.service';
import type { AppState } from '../../app-state';

/** Signs in against the app's current archive and starts the idle timer with its settings. */
export async function signIn(app: AppState, username: string, password: string): Promise<void> {
  const session = await openSession({
    file: app.archivePath,
    username,
    password,
    clock: app.serviceClock,
    throttle: app.throttle,
    failures: app.signInFailures,
  });
  try {
    app.startSession(session, getSettings(session.ctx));
  } catch (error) {
    session.close();
    throw error;
  }
}
