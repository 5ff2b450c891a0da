import { defineMessages } from './define';
import { L } from './labels';

/**
 * Labels of the domain's enumerations for every place outside React that shows them (exports,
 * reports, the command line), re-exported from the one table in ./labels; and the field errors of
 * the taxonomy and holiday services (`domain.validation.<key>`).
 */

const zh = {
  priorities: L.zh.priorities,
  resolutionTypes: L.zh.resolutionTypes,
  satisfaction: L.zh.satisfaction,
  idTypes: L.zh.idTypes,
  complainantKinds: L.zh.complainantKinds,
  roles: L.zh.roles,
  taxonomySchemes: L.zh.taxonomySchemes,
  events: { 'taxonomy.changed': '修改投诉分类', 'holidays.changed': '修改节假日日历' },
  validation: {
    parentMissing: '上级分类不存在或已停用。',
    tooDeep: '分类最多三级。',
    codeTaken: '该代码已存在。',
    codeInvalid: '代码须以上级代码开头，由大写字母和数字组成。',
    noFreeCode: '该上级分类下已无可用代码。',
    notFound: '分类代码不存在。',
    holidayDateInvalid: '请输入有效日期（YYYY-MM-DD）。',
  },
};

export const domainMessages = defineMessages(zh, {
  priorities: L.en.priorities,
  resolutionTypes: L.en.resolutionTypes,
  satisfaction: L.en.satisfaction,
  idTypes: L.en.idTypes,
  complainantKinds: L.en.complainantKinds,
  roles: L.en.roles,
  taxonomySchemes: L.en.taxonomySchemes,
  events: { 'taxonomy.changed': 'Classification changed', 'holidays.changed': 'Holiday calendar changed' },
  validation: {
    parentMissing: 'The parent class does not exist or is retired.',
    tooDeep: 'Classes go at most three levels deep.',
    codeTaken: 'This code already exists.',
    codeInvalid: "A code starts with its parent's code and has only capital letters and digits.",
    noFreeCode: 'No free code is left under this parent.',
    notFound: 'No such classification code.',
    holidayDateInvalid: 'Enter a valid date (YYYY-MM-DD).',
  },
});

export type TaxonomyErrorKey = keyof typeof zh.validation;

/** The key the taxonomy service puts in an AppError's `fields`. */
export function taxonomyFieldError(key: TaxonomyErrorKey): string {
  return `domain.validation.${key}`;
}
