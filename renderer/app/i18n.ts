import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { asLocale, DEFAULT_LOCALE, type Locale } from '../../shared/i18n/define';
import { errorMessages } from '../../shared/i18n/errors';
import { uiAdminMessages } from '../../shared/i18n/ui-admin';
import { uiCaseWorkMessages } from '../../shared/i18n/ui-case-work';
import { uiCasesMessages } from '../../shared/i18n/ui-cases';
import { uiCommonMessages } from '../../shared/i18n/ui-common';
import { uiDetailMessages } from '../../shared/i18n/ui-detail';
import { auditMessages } from '../../shared/i18n/audit';
import { authMessages } from '../../shared/i18n/auth';
import { backupsMessages } from '../../shared/i18n/backups';
import { borrowingMessages } from '../../shared/i18n/borrowing';
import { recordsMessages } from '../../shared/i18n/records';
import { uiRecordsMessages } from '../../shared/i18n/ui-records';
import { uiRegisterMessages } from '../../shared/i18n/ui-register';
import { uiSyncMessages } from '../../shared/i18n/ui-sync';
import { reminderMessages } from '../../shared/i18n/reminders';
import { uiRetentionMessages } from '../../shared/i18n/ui-retention';
import { handoverMessages } from '../../shared/i18n/handover';

const namespaces = {
  common: uiCommonMessages,
  cases: uiCasesMessages,
  register: uiRegisterMessages,
  detail: uiDetailMessages,
  admin: uiAdminMessages,
  casework: uiCaseWorkMessages,
  records: uiRecordsMessages,
  recordTerms: recordsMessages,
  audit: auditMessages,
  auth: authMessages,
  errors: errorMessages,
  sync: uiSyncMessages,
  reminders: reminderMessages,
  disposal: uiRetentionMessages,
  handover: handoverMessages,
  backups: backupsMessages,
  borrowing: borrowingMessages,
} as const;

function resourcesFor(locale: Locale) {
  return Object.fromEntries(Object.entries(namespaces).map(([ns, messages]) => [ns, messages[locale]]));
}

/**
 * The language to show before the main process answers: the one the page was opened in (the
 * headless host writes the archive's choice into `<html lang>`, the desktop shell passes `?lang=`),
 * else the default, Chinese.
 */
export function bootLocale(): Locale {
  const asked = new URLSearchParams(window.location.search).get('lang') ?? document.documentElement.lang;
  const locale = asked ? asLocale(asked) : DEFAULT_LOCALE;
  document.documentElement.lang = locale;
  return locale;
}

/**
 * One i18next instance for the renderer, created at start-up (never on import) and ready at once:
 * the messages are bundled, so even a failure before the first answer is shown in words.
 */
export function createI18n(locale: Locale = DEFAULT_LOCALE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    initAsync: false,
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    defaultNS: 'common',
    ns: Object.keys(namespaces),
    resources: { 'zh-CN': resourcesFor('zh-CN'), en: resourcesFor('en') },
    // React escapes; i18next escaping would show &lt; in names.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
