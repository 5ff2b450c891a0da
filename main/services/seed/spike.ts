import type { SeedCalendar } from './seed-calendar';
import type { Scenario } from './scenarios';

/**
 * The planted emerging issue: a wave of 冒充客服"退款" scams paid through 网络支付 (business B04 ×
 * cause C09 at the top level, a pair no other scenario produces). It runs at a low background rate
 * all year and rises sharply over the last three weeks, most of all in the current week, so the
 * dashboard's control chart (db/queries/analytics/emerging.ts: mean + 3σ over the twelve weeks
 * before) has one breakout to show in a demo.
 */
export const SPIKE_SCENARIO: Scenario = {
  key: 'payment-scam',
  weight: 1,
  products: ['快捷支付', '网络支付', '手机银行'],
  business: ['网络支付'],
  causes: ['电信网络诈骗'],
  channels: ['电话银行', '移动客户端', '网络公众平台'],
  amountYuan: [800, 60_000],
  priority: [
    ['ordinary', 50],
    ['major', 40],
    ['urgent', 10],
  ],
  request: ['要求银行协助追回被骗款项{amount}元，并说明为何未能拦截可疑交易。'],
  facts: [
    '客户称{date}接到自称电商平台客服的电话，对方以“商品质量问题退款”为由诱导其通过{product}向指定账户转账{amount}元，事后发现受骗。',
    '客户反映{date}收到冒充“快递理赔客服”的来电，按对方指引在{product}中开通快捷支付并完成验证，账户随即被转出{amount}元。',
  ],
  grounds: ['客户认为银行对异常大额转账未进行有效风险提示和拦截。'],
  rootCauses: ['新型冒充客服退款诈骗集中爆发，交易风险提示不够醒目', '快捷支付开通环节风险核验不足'],
  resolutions: ['explanation', 'service_remedy', 'rejected'],
};

/** Of the weeks before the current one, the share of the current week's wave each gets. */
const RAMP = [0.1, 0.25];
/** The current week's extra cases as a share of an average week's volume (at least MIN_WAVE). */
const WAVE_SHARE = 0.08;
const MIN_WAVE = 8;

export interface SpikePlan {
  /** Spike cases on each day (local date), taken out of that day's share of the count. */
  perDay: Map<string, number>;
  /** The days with their counts, the current week's shortfall moved onto `to` (see planSpike). */
  days: { date: string; count: number }[];
}

/**
 * Spreads the wave over the days that have cases: the current week's days up to `to` (however
 * few), then the two weeks before at RAMP of it. `dayCounts` is the plan of cases per day; a day
 * never gives more than half its cases to the wave. Early in a week (a Monday before the office
 * opens) its days hold too few cases for the wave: the rest come in on `to` itself, moved from
 * the busiest day before the ramp, as complaints made online overnight — so the control chart,
 * which tests the current calendar week, flags the pair whatever the weekday and hour.
 */
export function planSpike(
  calendar: SeedCalendar,
  dayCounts: readonly { date: string; count: number }[],
  to: string,
): SpikePlan {
  const total = dayCounts.reduce((sum, day) => sum + day.count, 0);
  const weekly = (total / Math.max(1, dayCounts.length)) * 7;
  const wave = Math.max(MIN_WAVE, Math.round(weekly * WAVE_SHARE));
  const monday = calendar.plusDays(to, 1 - calendar.weekday(to));
  const perDay = new Map<string, number>();
  const weeks = [
    { from: calendar.plusDays(monday, -14), size: wave * RAMP[0]! },
    { from: calendar.plusDays(monday, -7), size: wave * RAMP[1]! },
    { from: monday, size: wave },
  ];
  const counts = new Map(dayCounts.map((day) => [day.date, day.count]));
  let shortfall = 0;
  for (const week of weeks) {
    const days = Array.from({ length: 7 }, (_, i) => calendar.plusDays(week.from, i)).filter(
      (date) => date <= to && (counts.get(date) ?? 0) > 0,
    );
    let left = Math.round(week.size);
    for (let i = 0; i < days.length && left > 0; i++) {
      const date = days[i]!;
      const share = Math.ceil(left / (days.length - i));
      const n = Math.min(share, Math.ceil((counts.get(date) ?? 0) / 2));
      if (n > 0) perDay.set(date, n);
      left -= n;
    }
    if (week.from === monday) shortfall = left;
  }
  return { perDay, days: withShortfallOnLastDay(dayCounts, perDay, to, weeks[0]!.from, shortfall) };
}

/** Moves `shortfall` cases from the busiest day before `before` onto `to`, all of them spike cases. */
function withShortfallOnLastDay(
  dayCounts: readonly { date: string; count: number }[],
  perDay: Map<string, number>,
  to: string,
  before: string,
  shortfall: number,
): { date: string; count: number }[] {
  const days = dayCounts.map((day) => ({ ...day }));
  const last = days.find((day) => day.date === to);
  const donor = days
    .filter((day) => day.date < before)
    .reduce<{ date: string; count: number } | undefined>(
      (busiest, day) => (!busiest || day.count > busiest.count ? day : busiest),
      undefined,
    );
  const moved = Math.min(shortfall, donor?.count ?? 0);
  if (!last || !donor || moved <= 0) return days;
  donor.count -= moved;
  last.count += moved;
  perDay.set(to, (perDay.get(to) ?? 0) + moved);
  return days;
}
