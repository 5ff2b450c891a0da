import type { CalendarRule } from '../../../shared/domain/deadlines';
import { createRandom, seededUuidV7, type Random } from './random';
import { createSeedCalendar, type SeedCalendar } from './seed-calendar';
import { makePerson, makeStaffName, SEED_CITIES, type SeedCity, type SeedPerson } from './people';
import { planHandling, planLifecycle } from './lifecycle';
import { SCENARIOS, type Scenario } from './scenarios';
import { closeOfBusiness, dayStartUtc, openShareBefore, OPENS_MS } from './seed-clock';
import { planSpike, SPIKE_SCENARIO } from './spike';
import { planStory } from './story';
import { createCodeResolver, type ResolvedScenarioCodes, type SeedTaxonomyEntry } from './taxonomy-codes';
import type { SeedCase, SeedOptions } from './seed-types';

export type { SeedCase, SeedOptions } from './seed-types';
/** Complaints arrive more on Mondays than at weekends. Index: ISO weekday 1–7. */
const WEEKDAY_WEIGHT = [0, 1.3, 1.15, 1.1, 1.05, 1.0, 0.5, 0.4];
const REPEAT_POOL_SIZE = 2_000;

interface Day {
  date: string;
  /** How many of the cases fall on this day. */
  count: number;
}

/**
 * Spreads `count` cases over the days so that each day gets its share of the weight (weekday
 * pattern and a slow upward trend), rounded so the total is exact. Cases are generated in
 * date order, so case numbers and UUIDv7 ids rise with time as they would in a real archive.
 */
function planDays(calendar: SeedCalendar, from: string, to: string, count: number, ceiling: number): Day[] {
  const { plusDays: addDays } = calendar;
  const span = calendar.between(from, to);
  if (span < 0) throw new RangeError(`seed range ends before it starts: ${from} … ${to}`);
  const weights: number[] = [];
  for (let i = 0; i <= span; i++) {
    const date = addDays(from, i);
    // A day the clock ceiling cuts short gets the share of its office hours that has passed.
    const open = openShareBefore(date, ceiling);
    weights.push((WEEKDAY_WEIGHT[calendar.weekday(date)] ?? 1) * (1 + (0.4 * i) / Math.max(1, span)) * open);
  }
  if (weights.every((weight) => weight === 0))
    throw new RangeError(`seed range ${from} … ${to} has no office hours before the clock ceiling`);
  const total = weights.reduce((a, b) => a + b, 0);
  const days: Day[] = [];
  let cumulative = 0;
  let assigned = 0;
  weights.forEach((weight, i) => {
    cumulative += weight;
    const upTo = Math.round((cumulative / total) * count);
    days.push({ date: addDays(from, i), count: upTo - assigned });
    assigned = upTo;
  });
  return days;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** When a day's cases arrive: office hours cut at the ceiling, or the night before opening. */
function receiptWindow(date: string, ceiling: number): { opens: number; open: number } {
  const opens = dayStartUtc(date) + OPENS_MS;
  const open = Math.min(10 * 3_600_000, ceiling - opens);
  if (open > 0) return { opens, open };
  return { opens: dayStartUtc(date), open: Math.max(0, ceiling - dayStartUtc(date)) };
}

interface Complainant {
  person: SeedPerson;
  scenario: Scenario;
  city: SeedCity;
}

/**
 * Yields `count` synthetic cases in order of receipt, each with its history up to the clock
 * ceiling. The same options give the same cases on every run and machine (nothing reads the clock
 * or Math.random).
 */
export function* generateSeedCases(
  options: SeedOptions & { taxonomy: readonly SeedTaxonomyEntry[]; rule?: CalendarRule },
): Generator<SeedCase> {
  const random = createRandom(options.seed);
  const calendar = createSeedCalendar(options.rule);
  const cities = SEED_CITIES.filter(
    (city) => !options.branches || options.branches.includes(city.branchCode),
  );
  if (cities.length === 0) throw new RangeError(`no seed city for branches ${options.branches?.join(', ')}`);
  const ceiling = options.notAfter ?? closeOfBusiness(options.to);
  const resolve = createCodeResolver(options.taxonomy);
  const scenarios = [...SCENARIOS, SPIKE_SCENARIO];
  const codes = new Map<Scenario, ResolvedScenarioCodes>(scenarios.map((s) => [s, resolve(s)]));
  const scenarioWeights = scenarios.map((s) => [s, s.weight] as const);
  const cityWeights = cities.map((city, i) => [city, 4 - (i % 3)] as const);
  const recent: Complainant[] = [];
  const referenceYear = Number(options.to.slice(0, 4));
  const planned = planDays(calendar, options.from, options.to, options.count, ceiling);
  const { perDay: spike, days } =
    options.spike === false
      ? { perDay: new Map<string, number>(), days: planned }
      : planSpike(calendar, planned, options.to);
  const newComplainant = (scenario?: Scenario): Complainant => {
    const city = random.weighted(cityWeights);
    return {
      city,
      scenario: scenario ?? random.weighted(scenarioWeights),
      person: makePerson(random, city, referenceYear),
    };
  };
  for (const day of days) {
    // Office hours 08:30–18:30, cut at the ceiling, rising within the day so the order of receipt is
    // kept; before the office opens on the ceiling's day, the night's online complaints (planSpike).
    const { opens, open } = receiptWindow(day.date, ceiling);
    let spikeLeft = spike.get(day.date) ?? 0;
    for (let j = 0; j < day.count; j++) {
      const receivedAt = Math.floor(opens + ((j + random.next()) / day.count) * open);
      const isSpike = spikeLeft > 0 && random.next() < spikeLeft / (day.count - j);
      if (isSpike) spikeLeft--;
      const isRepeat = !isSpike && recent.length > 50 && random.chance(0.05);
      const who = isSpike
        ? newComplainant(SPIKE_SCENARIO)
        : isRepeat
          ? random.pick(recent)
          : newComplainant();
      if (!isRepeat) {
        if (recent.length >= REPEAT_POOL_SIZE) recent[random.int(0, REPEAT_POOL_SIZE - 1)] = who;
        else recent.push(who);
      }
      const scenarioCodes = codes.get(who.scenario);
      if (!scenarioCodes) throw new Error(`unresolved scenario ${who.scenario.key}`);
      const seedCase = buildCase(random, calendar, {
        ...who,
        codes: scenarioCodes,
        receivedAt,
        receivedDate: day.date,
        today: options.to,
        ceiling,
        isRepeat,
      });
      yield { ...seedCase, isSpike };
    }
  }
}

interface CaseInput extends Complainant {
  codes: ResolvedScenarioCodes;
  receivedAt: number;
  receivedDate: string;
  today: string;
  ceiling: number;
  isRepeat: boolean;
}

function buildCase(random: Random, calendar: SeedCalendar, input: CaseInput): Omit<SeedCase, 'isSpike'> {
  const { person, scenario, city, codes, receivedAt, receivedDate, today } = input;
  const id = seededUuidV7(random, receivedAt);
  const amountYuan = scenario.amountYuan ? random.int(scenario.amountYuan[0], scenario.amountYuan[1]) : null;
  const amountFen = amountYuan === null ? null : amountYuan * 100;
  const product = random.pick(scenario.products);
  const unit = `${city.city.replace('市', '')}${random.pick(city.districts)[1]}支行`;
  const staff = makeStaffName(random);
  const values = {
    date: chineseDate(calendar.plusDays(receivedDate, -random.int(1, 60))),
    amount: amountYuan === null ? '' : groupThousands(amountYuan),
    product,
    unit,
    staff,
    months: String(random.int(2, 18)),
  };
  const life = planLifecycle(random, calendar, receivedDate, today);
  const handling = planHandling(random, calendar, scenario, life, amountFen);
  const channelCode = random.pick(codes.channels);
  const isElderly = referenceAge(person, receivedDate) >= 65;
  const priority = random.weighted(scenario.priority);
  const row: SeedCase['row'] = {
    id,
    branchCode: city.branchCode,
    status: 'registered',
    receivedAt,
    receivedDate,
    channelCode,
    businessCode: codes.business,
    causeCode: random.pick(codes.causes),
    insuranceCategoryCode:
      codes.insuranceCategories.length > 0 ? random.pick(codes.insuranceCategories) : null,
    insuranceLine: codes.insuranceLines.length > 0 ? random.pick(codes.insuranceLines) : null,
    tags: JSON.stringify(isElderly ? ['适老服务'] : []),
    priority,
    riskMedia: priority === 'urgent' && random.chance(0.3),
    riskRegulator: random.chance(0.06),
    riskRepeat: input.isRepeat,
    complainantKind: 'person',
    complainantName: person.name,
    complainantIdType: 'resident_id',
    complainantIdNumber: person.idNumber,
    complainantPhone: person.phone,
    complainantAddress: person.address,
    isElderly,
    respondentUnit: unit,
    respondentStaffName: random.chance(0.4) ? staff : null,
    respondentStaffUnit: null,
    requestText: fill(random.pick(scenario.request), values),
    factsText: fill(random.pick(scenario.facts), values),
    groundsText: fill(random.pick(scenario.grounds), values),
    productName: product,
    accountNumber: random.chance(0.7)
      ? `6222${String(random.int(0, 999_999_999)).padStart(9, '0')}${random.int(100_000, 999_999)}`
      : null,
    amountFen,
    // Every case starts with the initial limit; extensions and pauses are steps of its story.
    limitDays: 15,
    dueDate: calendar.dueDate(receivedDate, 15, 0),
    pausedDays: 0,
    createdAt: receivedAt,
    updatedAt: receivedAt,
  };
  const story = planStory(random, calendar, {
    receivedAt,
    receivedDate,
    today,
    ceiling: input.ceiling,
    life,
    handling,
  });
  return { row, story };
}

/** `2025-11-30` → `2025年11月30日`, as a clerk writes it. */
function chineseDate(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** 26631 → `26,631`. (toLocaleString is correct too, but about 100 times slower at a million rows.) */
function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function referenceAge(person: SeedPerson, receivedDate: string): number {
  return Number(receivedDate.slice(0, 4)) - person.birthYear;
}
