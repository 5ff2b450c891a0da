import { createRandom, type Random } from './random';
import { createSeedCalendar, type SeedCalendar } from './seed-calendar';
import { makePerson, makeStaffName, SEED_CITIES, type SeedCity, type SeedPerson } from './people';
import { planHandling, planLifecycle } from './lifecycle';
import { SCENARIOS, type Scenario } from './scenarios';
import { createCodeResolver, type ResolvedScenarioCodes, type SeedTaxonomyEntry } from './taxonomy-codes';
import type { SeedCase, SeedOptions } from './seed-types';

export type { SeedCase, SeedOptions } from './seed-types';

/** The seed's branches are all in China Standard Time (UTC+8, no daylight saving since 1991). */
const BRANCH_UTC_OFFSET_MS = 8 * 3_600_000;
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
function planDays(calendar: SeedCalendar, from: string, to: string, count: number): Day[] {
  const { plusDays: addDays } = calendar;
  const span = calendar.between(from, to);
  if (span < 0) throw new RangeError(`seed range ends before it starts: ${from} … ${to}`);
  const weights: number[] = [];
  for (let i = 0; i <= span; i++) {
    weights.push(
      (WEEKDAY_WEIGHT[calendar.weekday(addDays(from, i))] ?? 1) * (1 + (0.4 * i) / Math.max(1, span)),
    );
  }
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

function dayStartUtc(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - BRANCH_UTC_OFFSET_MS;
}

/** A UUIDv7 whose time is the case's receipt and whose random bits come from the seeded PRNG. */
function seededUuidV7(random: Random, epochMs: number): string {
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
  const time = hex(epochMs, 12);
  const randA = hex(random.int(0, 0xfff), 3);
  const variant = hex(0x8000 | random.int(0, 0x3fff), 4);
  const tail = hex(random.int(0, 0xffffff), 6) + hex(random.int(0, 0xffffff), 6);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randA}-${variant}-${tail}`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

interface Complainant {
  person: SeedPerson;
  scenario: Scenario;
  city: SeedCity;
}

/**
 * Yields `count` synthetic cases in order of receipt. The same options give the same cases on every
 * run and machine (nothing reads the clock or Math.random).
 */
export function* generateSeedCases(
  options: SeedOptions & { taxonomy: readonly SeedTaxonomyEntry[] },
): Generator<SeedCase> {
  const random = createRandom(options.seed);
  const calendar = createSeedCalendar();
  const cities = SEED_CITIES.filter(
    (city) => !options.branches || options.branches.includes(city.branchCode),
  );
  if (cities.length === 0) throw new RangeError(`no seed city for branches ${options.branches?.join(', ')}`);
  const resolve = createCodeResolver(options.taxonomy);
  const codes = new Map<Scenario, ResolvedScenarioCodes>(SCENARIOS.map((s) => [s, resolve(s)]));
  const scenarioWeights = SCENARIOS.map((s) => [s, s.weight] as const);
  const cityWeights = cities.map((city, i) => [city, 4 - (i % 3)] as const);
  const recent: Complainant[] = [];
  const referenceYear = Number(options.to.slice(0, 4));
  for (const day of planDays(calendar, options.from, options.to, options.count)) {
    const start = dayStartUtc(day.date) + 8.5 * 3_600_000;
    for (let j = 0; j < day.count; j++) {
      // Office hours 08:30–18:30, rising within the day so the order of receipt is kept.
      const receivedAt = Math.floor(start + ((j + random.next()) / day.count) * 10 * 3_600_000);
      const isRepeat = recent.length > 50 && random.chance(0.05);
      const who: Complainant = isRepeat
        ? random.pick(recent)
        : (() => {
            const city = random.weighted(cityWeights);
            return {
              city,
              scenario: random.weighted(scenarioWeights),
              person: makePerson(random, city, referenceYear),
            };
          })();
      if (!isRepeat) {
        if (recent.length >= REPEAT_POOL_SIZE) recent[random.int(0, REPEAT_POOL_SIZE - 1)] = who;
        else recent.push(who);
      }
      const scenarioCodes = codes.get(who.scenario);
      if (!scenarioCodes) throw new Error(`unresolved scenario ${who.scenario.key}`);
      yield buildCase(random, calendar, {
        ...who,
        codes: scenarioCodes,
        receivedAt,
        receivedDate: day.date,
        today: options.to,
        isRepeat,
      });
    }
  }
}

interface CaseInput extends Complainant {
  codes: ResolvedScenarioCodes;
  receivedAt: number;
  receivedDate: string;
  today: string;
  isRepeat: boolean;
}

function buildCase(random: Random, calendar: SeedCalendar, input: CaseInput): SeedCase {
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
  const lastAt = Math.max(receivedAt, dayStartUtc(life.lastDate) + 17 * 3_600_000);
  return {
    id,
    branchCode: city.branchCode,
    status: life.status,
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
    ...handling,
    informedDate: life.informedDate,
    followUpDate: life.followUpDate,
    limitDays: life.limitDays,
    dueDate: life.dueDate,
    pausedDays: life.pausedDays,
    decidedDate: life.decidedDate,
    closedDate: life.closedDate,
    isOnTime: life.isOnTime,
    reviewRequestedDate: life.reviewRequestedDate,
    escalatedTo: life.escalatedTo,
    createdAt: receivedAt,
    updatedAt: lastAt,
  };
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
