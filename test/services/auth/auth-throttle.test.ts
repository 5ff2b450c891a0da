import { afterEach, describe, expect, it } from 'vitest';
import { openSession, SignInThrottle } from '../../../main/services/auth/auth.service';
import { AppError } from '../../../shared/errors';
import { ADMIN, expectAppError, newArchive, sessionTracker } from '../../helpers/archive-fixture';

const sessions = sessionTracker();
afterEach(() => sessions.closeAll());

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function waitOf(throttle: SignInThrottle, name: string): number | null {
  try {
    throttle.check(name);
    return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'TOO_MANY_ATTEMPTS') throw error;
    return Number(error.params?.seconds);
  }
}

describe('SignInThrottle', () => {
  it('allows 3 failures, then waits 1, 2, 4 … seconds, at most 60', () => {
    const clock = manualClock();
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < 2; i += 1) throttle.recordFailure('admin');
    expect(waitOf(throttle, 'admin')).toBeNull();
    throttle.recordFailure('admin');
    expect(waitOf(throttle, 'admin')).toBe(1);
    clock.advance(1000);
    expect(waitOf(throttle, 'admin')).toBeNull();
    throttle.recordFailure('admin');
    expect(waitOf(throttle, 'admin')).toBe(2);
    clock.advance(1500);
    expect(waitOf(throttle, 'admin')).toBe(1);
    for (let i = 0; i < 20; i += 1) throttle.recordFailure('admin');
    expect(waitOf(throttle, 'admin')).toBe(60);
    // Other names are not held back by someone guessing at "admin".
    expect(waitOf(throttle, 'li.si')).toBeNull();
    throttle.recordSuccess('admin');
    expect(waitOf(throttle, 'admin')).toBeNull();
  });

  it('holds back sign-in after three wrong passwords, even with the right one', async () => {
    const { file } = await newArchive('throttle');
    const clock = manualClock(Date.now());
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < 3; i += 1) {
      await expectAppError(
        openSession({ file, username: 'Admin', password: `guess ${i}`, throttle }),
        'WRONG_PASSWORD',
      );
    }
    await expectAppError(
      openSession({ file, username: 'admin', password: ADMIN.password, throttle }),
      'TOO_MANY_ATTEMPTS',
    );
    clock.advance(1000);
    const session = await openSession({ file, username: 'admin', password: ADMIN.password, throttle });
    session.close();
    expect(waitOf(throttle, 'admin')).toBeNull();
  });
});
