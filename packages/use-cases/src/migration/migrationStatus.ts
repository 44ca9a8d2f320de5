// Status: the journal folded into counts, for `edgecv migrate status`.
import type { JournalHeader, MigrationJournal } from '../ports/MigrationJournal';

export interface MigrationStatusReport {
  readonly journal: string;
  readonly header: JournalHeader;
  readonly total: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly byRule: Readonly<Record<string, number>>;
  readonly byErrorCode: Readonly<Record<string, number>>;
  readonly bytes: number;
  readonly failures: readonly { readonly oldKey: string; readonly code: string; readonly message: string }[];
  readonly tornLines: number;
  /** Damaged journal tails cut by earlier writers: see the runbook's troubleshooting (JOURNAL_CORRUPT). */
  readonly repairedTails: number;
  /** Journaled steps naming a record the journal does not have: the journal was damaged or edited. */
  readonly unknownRecordSteps: number;
  /** Journaled steps the record's status did not allow: the journal was edited. */
  readonly refusedSteps: number;
}

export async function migrationStatus(input: { journal: MigrationJournal; maxFailures?: number }): Promise<MigrationStatusReport> {
  const { journal } = input;
  const header = await journal.header();
  const byStatus: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  const byErrorCode: Record<string, number> = {};
  const failures: { oldKey: string; code: string; message: string }[] = [];
  let total = 0;
  let bytes = 0;
  for await (const r of journal.records()) {
    total += 1;
    bytes += r.size;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byRule[r.rule] = (byRule[r.rule] ?? 0) + 1;
    if (r.status === 'failed' && r.error) {
      byErrorCode[r.error.code] = (byErrorCode[r.error.code] ?? 0) + 1;
      if (failures.length < (input.maxFailures ?? 20)) failures.push({ oldKey: r.oldKey, ...r.error });
    }
  }
  const report = journal.readReport();
  return { journal: journal.location, header, total, byStatus, byRule, byErrorCode, bytes, failures, tornLines: report.tornLines, repairedTails: report.repairedTails, unknownRecordSteps: report.unknownRecordSteps, refusedSteps: report.refusedSteps };
}

