import { describe, expect, test } from 'vitest';
import {
  importMappingSchema,
  importPresetSchema,
  type ImportPreset,
  type ImportPreview,
} from '../../shared/domain/import';
import { uiImportMessages } from '../../shared/i18n/ui-import';
import { parseRoute, routeHref } from '../../renderer/app/router';
import {
  hiddenEntries,
  isAbsolutePath,
  mappingFromSuggestions,
  mappingRows,
  presetNameFrom,
  PRESET_NAME_PATTERN,
  setColumnField,
  sourceFromPath,
} from '../../renderer/features/import/import-mapping';
import {
  formatSeconds,
  newTaskId,
  problemLines,
  progressStats,
} from '../../renderer/features/import/import-progress';
import cfpb2013Json from '../../resources/import-presets/cfpb-2013.json';
import { EMPTY_CHOICE, mappingFor, readOptionsOf } from '../../renderer/features/import/use-import-wizard';

function cfpb2013(): ImportPreset {
  return importPresetSchema.parse({ ...cfpb2013Json, isBuiltIn: true });
}

/** The header of test/fixtures/cfpb-sample-2013.csv (CFPB's 2013 export, public domain). */
const CFPB_HEADER = (
  'date_received,product,sub_product,issue,sub_issue,consumer_complaint_narrative,company_public_response,company,state,' +
  'zipcode,tags,consumer_consent_provided,submitted_via,date_sent_to_company,company_response_to_consumer,timely_response,' +
  'consumer_disputed?,complaint_id'
).split(',');

const ledger: ImportPreview = {
  format: 'csv',
  encoding: 'gb18030',
  delimiter: ',',
  header: ['投诉编号', '客户姓名', '备注', '受理日期'],
  rows: [{ rowNumber: 2, cells: ['T-1', '张三', '无', '2024-03-01'] }],
  suggestions: [
    { column: '投诉编号', field: 'externalId' },
    { column: '客户姓名', field: 'complainant.name' },
    { column: '受理日期', field: 'receivedAt' },
  ],
  matchingPresets: [],
};

describe('mapping rows from a preview', () => {
  test('suggestions become one row per column, with the first cell as sample; unsuggested columns are not imported', () => {
    const rows = mappingRows(ledger, mappingFromSuggestions(ledger, '台账'));
    expect(rows.map((r) => [r.column, r.sample, r.field])).toEqual([
      ['投诉编号', 'T-1', 'externalId'],
      ['客户姓名', '张三', 'complainant.name'],
      ['备注', '无', null],
      ['受理日期', '2024-03-01', 'receivedAt'],
    ]);
  });

  test('the CFPB 2013 preset maps the sample file’s columns, with value maps and a column feeding two fields', () => {
    const preset = cfpb2013();
    const preview: ImportPreview = {
      ...ledger,
      header: CFPB_HEADER,
      rows: [],
      suggestions: [],
      matchingPresets: ['cfpb-2013'],
    };
    const rows = mappingRows(
      preview,
      mappingFor(preview, [preset], { ...EMPTY_CHOICE, preset: 'cfpb-2013' }),
    );
    const byColumn = new Map(rows.map((r) => [r.column, r]));
    expect(byColumn.get('complaint_id')?.field).toBe('externalId');
    expect(byColumn.get('date_received')?.field).toBe('receivedAt');
    const response = byColumn.get('company_response_to_consumer');
    expect(response?.field).toBe('status');
    expect(response?.extraFields).toEqual(['resolutionType']);
    expect(response?.valueMaps.map((v) => v.field)).toEqual(['status', 'resolutionType']);
    expect(response?.valueMaps[0]?.values['Closed with explanation']).toBe('closed');
    expect(byColumn.get('product')?.valueMaps.map((v) => v.field)).toEqual(['businessCode']); // the second field's map shows too
    expect(byColumn.get('complaint_id')?.valueMaps).toEqual([]);
    expect(byColumn.get('date_sent_to_company')?.field).toBeNull();
  });

  test('an unknown preset falls back to the suggestions, with the file name as source', () => {
    const file = { handle: `fh_${'a'.repeat(32)}`, name: '2024年台账.csv', size: 120 };
    const mapping = mappingFor(ledger, [], { ...EMPTY_CHOICE, file, preset: 'gone' });
    expect(mapping.source).toBe('2024年台账');
    expect(mapping.columns).toHaveLength(3);
  });
});

describe('changing a column’s field', () => {
  test('a new field drops the old value map but keeps the other fields the column feeds', () => {
    const mapping = cfpb2013().mapping;
    const next = setColumnField(mapping, 'Company_Response_To_Consumer ', 'request');
    const entries = next.columns.filter((c) => c.column === 'company_response_to_consumer');
    expect(entries.map((c) => c.field)).toEqual(['request', 'resolutionType']);
    expect(entries[0]?.values).toBeUndefined();
    expect(entries[1]?.values).toBeDefined();
    expect(importMappingSchema.safeParse(next).success).toBe(true);
    expect(mapping.columns.find((c) => c.column === 'company_response_to_consumer')?.field).toBe('status'); // not mutated
  });

  test('"not imported" removes every entry of the column; choosing a field for a new column adds one', () => {
    const base = mappingFromSuggestions(ledger, 'x');
    const without = setColumnField(base, '客户姓名', null);
    expect(without.columns.map((c) => c.column)).toEqual(['投诉编号', '受理日期']);
    const withNote = setColumnField(without, '备注', 'facts');
    expect(withNote.columns.at(-1)).toEqual({ column: '备注', field: 'facts' });
    expect(setColumnField(withNote, '备注', 'facts')).toBe(withNote);
  });

  test('entries for columns the file lacks are kept but listed as hidden', () => {
    const mapping = cfpb2013().mapping;
    const preview: ImportPreview = {
      ...ledger,
      header: CFPB_HEADER.filter((c) => c !== 'consumer_disputed?'),
    };
    expect(hiddenEntries(preview, mapping)).toEqual(['consumer_disputed?']);
  });
});

describe('small rules of the file step', () => {
  test('paths must be absolute; the source and preset names come from the file name', () => {
    expect(isAbsolutePath('/home/a/ledger.csv')).toBe(true);
    expect(isAbsolutePath('C:\\data\\ledger.xlsx')).toBe(true);
    expect(isAbsolutePath('ledger.csv')).toBe(false);
    expect(isAbsolutePath('')).toBe(false);
    expect(sourceFromPath('C:\\data\\branch-2024.xlsx')).toBe('branch-2024');
    expect(sourceFromPath('/tmp/')).toBe('ledger');
    expect(presetNameFrom('branch 2024')).toMatch(PRESET_NAME_PATTERN);
    expect(presetNameFrom('北京台账')).toMatch(PRESET_NAME_PATTERN);
  });

  test('read options leave out an empty sheet name', () => {
    expect(readOptionsOf({ ...EMPTY_CHOICE, sheet: '  ' })).toEqual({ encoding: 'auto', delimiter: 'auto' });
    expect(readOptionsOf({ ...EMPTY_CHOICE, encoding: 'gb18030', sheet: ' 2024 ' })).toEqual({
      encoding: 'gb18030',
      delimiter: 'auto',
      sheet: '2024',
    });
  });

  test('#/import is a route of its own', () => {
    expect(parseRoute(routeHref({ name: 'import' }))).toEqual({ name: 'import' });
  });
});

describe('progress and problems', () => {
  const zh = uiImportMessages['zh-CN'];
  test('rows per second and time left come from the event and the elapsed time', () => {
    expect(progressStats({ done: 500, total: 2000 }, 2000)).toEqual({
      rowsDone: 500,
      rowsPerSecond: 250,
      secondsLeft: 6,
      fraction: 0.25,
    });
    expect(progressStats({ done: 500, total: 0 }, 1000)).toEqual({
      rowsDone: 500,
      rowsPerSecond: 500,
      secondsLeft: null,
      fraction: null,
    });
    expect(progressStats({ done: 0, total: 100 }, 0).secondsLeft).toBeNull();
  });

  test('durations read naturally and round up', () => {
    expect(formatSeconds(4.2, zh)).toBe('5 秒');
    expect(formatSeconds(125, zh)).toBe('2 分 5 秒');
    expect(formatSeconds(61, uiImportMessages.en)).toBe('1 min 1 s');
  });

  test('problem lines name the row, the column (or the whole row) and the reason with its value', () => {
    const lines = problemLines(
      [
        { row: 3, column: 'date_received', code: 'nonexistent_date', detail: '2/30/2013' },
        { row: 4, column: null, code: 'column_count', detail: '5' },
      ],
      zh,
      'zh-CN',
    );
    expect(lines.map((l) => [l.row, l.column, l.message])).toEqual([
      [3, 'date_received', '日期不存在：“2/30/2013”。'],
      [4, '整行', '该行有 5 列，与表头列数不符（可能被截断）。'],
    ]);
  });

  test('task ids differ between calls', () => {
    expect(newTaskId(1, 0.1)).not.toBe(newTaskId(1, 0.2));
    expect(newTaskId()).toMatch(/^import-[a-z0-9]+-[a-z0-9]+$/);
  });
});
