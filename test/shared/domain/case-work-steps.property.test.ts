import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canMoveRectification,
  RECTIFICATION_STATUSES,
  type RectificationStatus,
} from '../../../shared/domain/rectification';
import { canMoveReferral, REFERRAL_STATUSES, type ReferralStatus } from '../../../shared/domain/referrals';

/**
 * Whatever moves are attempted, in whatever order, a rectification action and a referral only
 * ever advance one step at a time, and reaching the last status means every step before it was
 * taken (in order) at least once.
 */
function walk<S extends string>(attempts: S[], start: S, canMove: (a: S, b: S) => boolean): S[] {
  const path = [start];
  for (const to of attempts) {
    const from = path[path.length - 1] as S;
    if (canMove(from, to)) path.push(to);
  }
  return path;
}

function checkPath<S extends string>(path: S[], order: readonly S[], backEdges: [S, S][]) {
  for (let i = 1; i < path.length; i++) {
    const from = order.indexOf(path[i - 1] as S);
    const to = order.indexOf(path[i] as S);
    const isBack = backEdges.some(([a, b]) => a === path[i - 1] && b === path[i]);
    expect(to === from + 1 || isBack, `${path[i - 1]} → ${path[i]}`).toBe(true);
  }
  const last = order.indexOf(path[path.length - 1] as S);
  // Every status before the one reached appears earlier in the path, in order.
  let cursor = 0;
  for (let step = 0; step <= last; step++) {
    const found = path.indexOf(order[step] as S, cursor);
    expect(found, `${order[step]} before ${order[last]}`).toBeGreaterThanOrEqual(0);
    cursor = found;
  }
}

describe('case-work step machines', () => {
  it('rectification actions cannot skip steps', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...RECTIFICATION_STATUSES), { maxLength: 40 }), (attempts) => {
        const path = walk<RectificationStatus>(attempts, 'planned', canMoveRectification);
        checkPath(path, RECTIFICATION_STATUSES, [['done', 'in_progress']]);
      }),
    );
  });

  it('referrals cannot skip steps', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...REFERRAL_STATUSES), { maxLength: 40 }), (attempts) => {
        const path = walk<ReferralStatus>(attempts, 'sent', canMoveReferral);
        checkPath(path, REFERRAL_STATUSES, [['answered', 'accepted']]);
      }),
    );
  });

  it('the final statuses are final and no status moves to itself', () => {
    for (const s of RECTIFICATION_STATUSES) {
      expect(canMoveRectification('verified', s)).toBe(false);
      expect(canMoveRectification(s, s)).toBe(false);
    }
    for (const s of REFERRAL_STATUSES) {
      expect(canMoveReferral('closed', s)).toBe(false);
      expect(canMoveReferral(s, s)).toBe(false);
    }
    expect(canMoveRectification('planned', 'done')).toBe(false);
    expect(canMoveReferral('sent', 'answered')).toBe(false);
  });
});
