import { z } from 'zod';
import {
  dashboardRequestSchema,
  dashboardSchema,
  denominatorInputSchema,
  denominatorSchema,
  drillDownRequestSchema,
  drillDownResultSchema,
} from '../../domain/analytics';
import { fileHandleSchema } from './files';
import { caseWorkStatsSchema } from '../../domain/case-work-stats';
import { channel, idInput, noInput, noOutput } from '../define';

export const REPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
/** 'dashboard': the dashboard's view and its summary sheets; 'grid': the case list's filter, cases only. */
export const REPORT_SCOPES = ['dashboard', 'grid'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];

/**
 * Analytics and report exports. An export writes to a path the user chose in the save dialog,
 * reports progress as `app:progress` events under its `taskId`, and stops (deleting its partial
 * file) on `reports:cancel` with the same id.
 */
export const analyticsChannels = {
  'analytics:dashboard': channel({
    request: dashboardRequestSchema,
    response: dashboardSchema,
    permission: 'analytics:view',
  }),
  'analytics:case-work': channel({
    request: dashboardRequestSchema,
    response: caseWorkStatsSchema,
    permission: 'analytics:view',
  }),
  'analytics:drill-down': channel({
    request: drillDownRequestSchema,
    response: drillDownResultSchema,
    permission: 'analytics:view',
  }),
  'analytics:list-denominators': channel({
    request: noInput,
    response: z.object({ denominators: z.array(denominatorSchema) }),
    permission: 'analytics:view',
  }),
  'analytics:set-denominator': channel({
    request: denominatorInputSchema,
    response: denominatorSchema,
    permission: 'analytics:view',
  }),
  'analytics:delete-denominator': channel({
    request: idInput,
    response: noOutput,
    permission: 'analytics:view',
  }),
  'reports:export': channel({
    request: z
      .object({
        taskId: z.string().min(1).max(100),
        format: z.enum(REPORT_FORMATS),
        /** From `files:choose-download`: where the file goes is the main process's to know. */
        target: fileHandleSchema,
        request: dashboardRequestSchema,
        scope: z.enum(REPORT_SCOPES).default('dashboard'),
      })
      .strict(),
    /** The file's name (no folder) and how many case rows it holds. */
    response: z.object({ fileName: z.string(), rowCount: z.number().int() }),
    permission: 'case:export',
  }),
  'reports:cancel': channel({
    request: z.object({ taskId: z.string().min(1) }).strict(),
    response: noOutput,
    permission: 'case:export',
  }),
} as const;
