/** The throttle lives in shared/ so head office (hq/) slows guessing exactly as a branch PC does. */
export { SignInThrottle } from '../../../shared/auth/sign-in-throttle';
