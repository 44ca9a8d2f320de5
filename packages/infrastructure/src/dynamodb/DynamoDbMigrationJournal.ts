// The journal for many workers: one DynamoDB item per record (pk = journal id, sk = old key), each
// step a conditional update on the record's status, and the copy claimed with a lease, so
// concurrent workers (run on several machines, S3 Batch Lambda invocations) never copy twice.
// Whole commands hold the journal by leases (DynamoDbJournalLeases).
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { effectOf, JournalLocation, type MigrationEventType } from '@edgecv/domain';
import {
  JournalExistsError,
  JournalNotFoundError,
  type JournalAccess,
  type JournalHeader,
  type JournalReadReport,
  type JournalRecord,
  type MigrationJournal,
  type PlannedEntry,
  type RecordStep,
  type ReferenceChange,
} from '@edgecv/use-cases';
import { isConditionFailed } from './conditionFailed';
import { DynamoDbJournalLeases } from './DynamoDbJournalLeases';

export interface DynamoDbJournalOptions {
  /** A copy claimed longer ago than this is considered abandoned (its worker died) and may be taken over. */
  readonly claimLeaseMs?: number;
  /** A command's hold on the journal lapses this long after its last renewal (it is renewed every third of it). */
  readonly holdLeaseMs?: number;
  /** Names this holder in leases and messages (default host:pid:random). */
  readonly holder?: string;
}

type Item = Record<string, unknown>;

/**
 * What each event does to the copy claim, beside the domain's effect: a `copy-started` claims the
 * copy for its worker; any event that moves the record out of `planned` ends the claim.
 */
const CLAIMS: Readonly<Record<MigrationEventType, 'take' | 'release' | 'keep'>> = {
  'copy-started': 'take',
  copied: 'release',
  failed: 'release',
  'rolled-back': 'release',
  verified: 'keep',
  referenced: 'keep',
  'source-deleted': 'keep',
  'source-restored': 'keep',
  'target-removed': 'keep',
  retry: 'keep',
};

const META = '#meta';
const REFS = '#refs';
const LEASES = '#leases';

export class DynamoDbMigrationJournal implements MigrationJournal {
  readonly location: string;
  private readonly leaseMs: number;
  private refSeq = 0;
  private readonly leases: DynamoDbJournalLeases;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly journalId: string,
    options: DynamoDbJournalOptions = {},
  ) {
    this.location = JournalLocation.print(JournalLocation.dynamodb(tableName, journalId));
    this.leaseMs = options.claimLeaseMs ?? 5 * 60_000;
    this.leases = new DynamoDbJournalLeases(documents, tableName, journalId + LEASES, this.location, () => this.partition(LEASES), options);
  }

  async acquire(access: JournalAccess): Promise<void> {
    await this.leases.acquire(access);
  }

  async create(header: JournalHeader): Promise<void> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { planId: this.journalId + META, oldKey: 'header', ...header, journalId: this.journalId },
          ConditionExpression: 'attribute_not_exists(planId)',
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new JournalExistsError(this.location);
      throw error;
    }
  }

  async header(): Promise<JournalHeader> {
    const r = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { planId: this.journalId + META, oldKey: 'header' }, ConsistentRead: true }));
    if (r.Item === undefined) throw new JournalNotFoundError(this.location);
    const { planId: _p, oldKey: _o, ...header } = r.Item;
    return header as JournalHeader;
  }

  async plan(entries: readonly PlannedEntry[]): Promise<readonly string[]> {
    for (let i = 0; i < entries.length; i += 25) {
      let requests: Item[] = entries.slice(i, i + 25).map((e) => ({
        PutRequest: { Item: { planId: this.journalId, ...e, status: 'planned', attempts: 0, targetCreated: false, sourceDeleted: false } },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const r = await this.documents.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (r.UnprocessedItems?.[this.tableName] ?? []) as Item[];
        if (requests.length > 0) await sleep(Math.min(1000, 20 * 2 ** attempt) * Math.random());
      }
    }
    return entries.map((e) => e.oldKey);
  }

  async record(steps: readonly RecordStep[]): Promise<{ readonly rejected: readonly RecordStep[] }> {
    this.leases.assertHeld();
    // Nothing of the call applies when one step is not allowed at all (a caller's mistake).
    for (const step of steps) effectOf(step.from, step.event, step.id);
    const rejected: RecordStep[] = [];
    // Steps of one record apply in order (each is conditioned on the previous one's status);
    // different records in parallel.
    const byRecord = new Map<string, RecordStep[]>();
    for (const step of steps) byRecord.set(step.id, [...(byRecord.get(step.id) ?? []), step]);
    await Promise.all(
      [...byRecord.values()].map(async (list) => {
        for (const step of list) {
          try {
            await this.documents.send(new UpdateCommand({ TableName: this.tableName, Key: { planId: this.journalId, oldKey: step.id }, ...this.update(step) }));
          } catch (error) {
            if (!isConditionFailed(error)) throw error;
            rejected.push(...list.slice(list.indexOf(step)));
            return;
          }
        }
      }),
    );
    return { rejected };
  }

  /** The step's conditional update: the domain's effect for its event, plus the claim its type takes or releases. */
  private update(step: RecordStep): {
    UpdateExpression: string;
    ConditionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  } {
    const effect = effectOf(step.from, step.event, step.id);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = { ':from': step.from };
    const set: string[] = [];
    const remove: string[] = [];
    const conditions = ['#status = :from'];
    const attribute = (field: string): string => {
      names[`#${field}`] = field;
      return `#${field}`;
    };
    if (effect.status === 'failedFrom') {
      set.push(`#status = if_not_exists(${attribute('failedFrom')}, :planned)`);
      values[':planned'] = 'planned';
    } else if (effect.status !== undefined) {
      set.push('#status = :to');
      values[':to'] = effect.status;
    }
    for (const [field, value] of Object.entries(effect.set ?? {})) {
      set.push(`${attribute(field)} = :${field}`);
      values[`:${field}`] = value;
    }
    for (const field of effect.clear ?? []) remove.push(attribute(field));
    if (effect.countsAttempt) {
      set.push(`${attribute('attempts')} = if_not_exists(${attribute('attempts')}, :zero) + :one`);
      Object.assign(values, { ':zero': 0, ':one': 1 });
    }
    switch (CLAIMS[step.event.type]) {
      case 'take': {
        const at = step.event.type === 'copy-started' ? step.event : undefined;
        set.push(`${attribute('claimedBy')} = :worker`);
        values[':worker'] = at?.worker ?? 'unknown';
        values[':stale'] = new Date(Date.parse(at?.at ?? '') - this.leaseMs).toISOString();
        // Only when nobody holds the copy, or its holder's lease ran out.
        conditions.push(`(attribute_not_exists(#claimedBy) OR ${attribute('copyStartedAt')} < :stale)`);
        break;
      }
      case 'release':
        remove.push(attribute('claimedBy'));
        break;
      case 'keep':
        break;
    }
    const expression = [set.length > 0 ? `SET ${set.join(', ')}` : '', remove.length > 0 ? `REMOVE ${remove.join(', ')}` : ''].filter(Boolean).join(' ');
    return { UpdateExpression: expression, ConditionExpression: conditions.join(' AND '), ExpressionAttributeNames: names, ExpressionAttributeValues: values };
  }

  /** Every item of one of the journal's partitions (records: '', REFS, LEASES), page by page, consistently read. */
  private async *partition(suffix: string): AsyncIterable<Item> {
    let start: Item | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'planId = :p',
          ExpressionAttributeValues: { ':p': this.journalId + suffix },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      yield* page.Items ?? [];
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start !== undefined);
  }

  async *records(): AsyncIterable<JournalRecord> {
    for await (const item of this.partition('')) yield toRecord(item);
  }

  async find(oldKey: string): Promise<JournalRecord | undefined> {
    const r = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: { planId: this.journalId, oldKey }, ConsistentRead: true }));
    return r.Item === undefined ? undefined : toRecord(r.Item);
  }

  async recordReferenceChanges(changes: readonly ReferenceChange[]): Promise<void> {
    this.leases.assertHeld();
    for (const c of changes) {
      // Sorts in journaling order across workers (time first), unique per writer.
      const seq = `${new Date().toISOString()}#${String(++this.refSeq).padStart(8, '0')}#${Math.random().toString(36).slice(2, 8)}`;
      await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { planId: this.journalId + REFS, oldKey: seq, ...c } }));
    }
  }

  async *referenceChanges(): AsyncIterable<ReferenceChange> {
    for await (const item of this.partition(REFS)) {
      const { planId: _p, oldKey: _o, ...change } = item;
      yield change as unknown as ReferenceChange;
    }
  }

  readReport(): JournalReadReport {
    // A step for a record that does not exist fails its condition: it is refused, never stored.
    return { tornLines: 0, repairedTails: 0, unknownRecordSteps: 0, refusedSteps: 0 };
  }

  async close(): Promise<void> {
    await this.leases.release();
  }
}

function toRecord(item: Item): JournalRecord {
  const { planId: _p, claimedBy: _c, ...rest } = item;
  return { ...(rest as Omit<JournalRecord, 'id'>), id: String(item.oldKey), targetCreated: item.targetCreated === true, sourceDeleted: item.sourceDeleted === true };
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
