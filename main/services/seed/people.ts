import { residentIdCheckDigit } from '../../../shared/domain/registration-rules';
import type { Random } from './random';

/**
 * Synthetic people and places: common surnames and given names, 18-digit resident ID numbers with
 * a correct check digit (GB 11643-1999), mobile numbers, street addresses in the branch's city.
 * Everything is invented; no real person's data is used.
 */

// The most common surnames, weighted roughly by frequency (王李张刘陈 cover about 30%).
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72],
  ['李', 71],
  ['张', 68],
  ['刘', 53],
  ['陈', 45],
  ['杨', 31],
  ['黄', 25],
  ['赵', 20],
  ['吴', 20],
  ['周', 19],
  ['徐', 15],
  ['孙', 15],
  ['马', 14],
  ['朱', 13],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['林', 11],
  ['高', 11],
  ['罗', 11],
  ['郑', 10],
  ['梁', 10],
  ['谢', 8],
  ['宋', 7],
  ['唐', 7],
  ['许', 7],
  ['韩', 7],
  ['冯', 7],
  ['邓', 7],
  ['曹', 6],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 5],
  ['董', 5],
  ['潘', 5],
  ['袁', 5],
  ['蔡', 5],
  ['蒋', 5],
  ['余', 5],
  ['于', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['魏', 4],
  ['苏', 4],
  ['吕', 4],
  ['丁', 4],
  ['欧阳', 1],
  ['司马', 0.3],
  ['上官', 0.3],
];
const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林建国志文博'];
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀燕玲桂丹萍红玉兰英慧婷雪琳颖倩洁佳琪欣怡梅晶'];
const GIVEN_EITHER = [...GIVEN_MALE, ...GIVEN_FEMALE];
const GIVEN_ANY = [...'子一思嘉晨雨欣诗梓浩宇俊文明立新永春海云天金'];

export interface SeedCity {
  branchCode: string;
  branchName: string;
  city: string;
  /** Six-digit administrative division codes with their district names. */
  districts: readonly (readonly [string, string])[];
  streets: readonly string[];
}

export const SEED_CITIES: readonly SeedCity[] = [
  {
    branchCode: 'BJ01',
    branchName: '北京分行营业部',
    city: '北京市',
    districts: [
      ['110101', '东城区'],
      ['110102', '西城区'],
      ['110105', '朝阳区'],
      ['110106', '丰台区'],
      ['110108', '海淀区'],
    ],
    streets: ['建国门内大街', '复兴路', '朝阳北路', '中关村大街', '丰台北路', '安定门外大街', '学院路'],
  },
  {
    branchCode: 'SH01',
    branchName: '上海分行营业部',
    city: '上海市',
    districts: [
      ['310101', '黄浦区'],
      ['310104', '徐汇区'],
      ['310105', '长宁区'],
      ['310112', '闵行区'],
      ['310115', '浦东新区'],
    ],
    streets: ['南京东路', '淮海中路', '漕溪北路', '延安西路', '世纪大道', '张杨路', '虹桥路'],
  },
  {
    branchCode: 'GZ01',
    branchName: '广州分行营业部',
    city: '广州市',
    districts: [
      ['440103', '荔湾区'],
      ['440104', '越秀区'],
      ['440105', '海珠区'],
      ['440106', '天河区'],
      ['440111', '白云区'],
    ],
    streets: ['中山五路', '天河路', '江南大道', '环市东路', '黄埔大道', '白云大道北', '东风西路'],
  },
  {
    branchCode: 'CD01',
    branchName: '成都分行营业部',
    city: '成都市',
    districts: [
      ['510104', '锦江区'],
      ['510105', '青羊区'],
      ['510106', '金牛区'],
      ['510107', '武侯区'],
      ['510108', '成华区'],
    ],
    streets: ['春熙路', '人民南路', '蜀都大道', '一环路西一段', '建设路', '天府大道', '科华北路'],
  },
];

// Birthplaces outside the branch city: people move.
const OTHER_REGIONS = ['130102', '320102', '420102', '430102', '410102', '370102', '340102', '500103'];

export interface SeedPerson {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  birthYear: number;
  isMale: boolean;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function makePerson(random: Random, city: SeedCity, referenceYear: number): SeedPerson {
  const isMale = random.chance(0.52);
  const surname = random.weighted(SURNAMES);
  const pool = isMale ? GIVEN_MALE : GIVEN_FEMALE;
  const given = random.chance(0.7) ? random.pick(GIVEN_ANY) + random.pick(pool) : random.pick(pool);
  // Complainants are adults; about one in eight is 65 or older (the elderly flag).
  const age = random.chance(0.13) ? random.int(65, 88) : random.int(20, 64);
  const birthYear = referenceYear - age;
  const [districtCode, districtName] = random.pick(city.districts);
  const region = random.chance(0.75) ? districtCode : random.pick(OTHER_REGIONS);
  const birth = `${birthYear}${pad(random.int(1, 12), 2)}${pad(random.int(1, 28), 2)}`;
  const sequence = random.int(0, 499) * 2 + (isMale ? 1 : 0);
  const first17 = `${region}${birth}${pad(sequence, 3)}`;
  return {
    name: surname + given,
    idNumber: first17 + residentIdCheckDigit(first17),
    phone: makePhone(random),
    address: `${city.city}${districtName}${random.pick(city.streets)}${random.int(1, 399)}号${random.int(1, 30)}栋${random.int(101, 2808)}室`,
    birthYear,
    isMale,
  };
}

const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '180',
  '186',
  '187',
  '188',
  '189',
  '199',
];

export function makePhone(random: Random): string {
  return random.pick(PHONE_PREFIXES) + pad(random.int(0, 99_999_999), 8);
}

export function makeStaffName(random: Random): string {
  return random.weighted(SURNAMES) + random.pick(GIVEN_ANY) + random.pick(GIVEN_EITHER);
}
