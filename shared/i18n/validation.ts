import { defineMessages } from './define';

/**
 * Field messages for requests refused by the IPC contract's zod schemas (namespace `validation`),
 * chosen by zod issue kind. Schemas that carry their own i18n key (e.g. `auth.validation.code`)
 * use that message instead; see shared/ipc/validation.ts.
 */
export const validationMessages = defineMessages(
  {
    required: '必填。',
    invalidType: '类型不正确。',
    tooShortString: '至少 {{minimum}} 个字符。',
    tooLongString: '不能超过 {{maximum}} 个字符。',
    tooSmallNumber: '不能小于 {{minimum}}。',
    tooBigNumber: '不能大于 {{maximum}}。',
    tooFewItems: '至少 {{minimum}} 项。',
    tooManyItems: '不能超过 {{maximum}} 项。',
    invalidFormat: '格式不正确。',
    invalidValue: '不是允许的取值。',
    invalidValueOf: '不是允许的取值，可用：{{allowed}}。',
    unrecognizedKeys: '不支持的字段：{{keys}}。',
    invalid: '输入无效。',
    malformedJson: '请求内容不是有效的 JSON。',
    unsupportedInHost: '浏览器模式下没有系统文件对话框：文件通过浏览器上传。',
  },
  {
    required: 'Required.',
    invalidType: 'Wrong type.',
    tooShortString: 'At least {{minimum}} characters.',
    tooLongString: 'At most {{maximum}} characters.',
    tooSmallNumber: 'Must be at least {{minimum}}.',
    tooBigNumber: 'Must be at most {{maximum}}.',
    tooFewItems: 'Too few items (at least {{minimum}}).',
    tooManyItems: 'Too many items (at most {{maximum}}).',
    invalidFormat: 'Wrong format.',
    invalidValue: 'Not an allowed value.',
    invalidValueOf: 'Not an allowed value; use one of: {{allowed}}.',
    unrecognizedKeys: 'Unsupported fields: {{keys}}.',
    invalid: 'Not valid.',
    malformedJson: 'The request body is not valid JSON.',
    unsupportedInHost:
      'The browser version has no system file dialog: files are uploaded through the browser.',
  },
);
