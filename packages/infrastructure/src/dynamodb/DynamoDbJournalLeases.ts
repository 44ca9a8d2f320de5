// A command's hold on a DynamoDB journal: one lease item per holder under `{id}#leases`, with its
// access and the time it lapses, renewed every third of the lease while held. Any number of
// shared holders (run workers, batch invocations) or one exclusive holder (cut-over, clean-up,
// rollback); a lease left by a worker that died lapses.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { JournalLockedError, type JournalAccess } from '@edgecv/use-cases';
import { isConditionFailed } from './conditionFailed';

type Item = Record<string, unknown>;

export class DynamoDbJournalLeases {
  private readonly holdMs: number;
  private readonly holder: string;
  private held: JournalAccess | undefined;
  private renewal: ReturnType<typeof setInterval> | undefined;
  private lost: JournalLockedError | undefined;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly partitionKey: string,
    private readonly location: string,
    private readonly list: () => AsyncIterable<Item>,
    options: { readonly holdLeaseMs?: number; readonly holder?: string } = {},
  ) {
    this.holdMs = options.holdLeaseMs ?? 60_000;
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  /**
   * Writes this holder's lease, then reads everyone's: each of two conflicting holders writes before
   * it reads, so at least one of them sees the other and backs off (both may; then both retry later).
   */
  async acquire(access: JournalAccess): Promise<void> {
    if (this.held === access || this.held === 'exclusive') return this.assertHeld();
    const previous = this.held;
    await this.putLease(access);
    const conflict = await this.conflictingLease(access);
    if (conflict !== undefined) {
      if (previous === undefined) await this.dropLease();
      else await this.putLease(previous);
      throw new JournalLockedError(this.location, `${String(conflict.holder)} (${String(conflict.access)} access, lease until ${new Date(Number(conflict.until)).toISOString()})`);
    }
    this.held = access;
    this.renewal ??= setInterval(() => void this.renew(), Math.max(50, Math.floor(this.holdMs / 3)));
    this.renewal.unref();
  }

  private async putLease(access: JournalAccess): Promise<void> {
    await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { planId: this.partitionKey, oldKey: this.holder, holder: this.holder, access, until: Date.now() + this.holdMs } }),
    );
  }

  private async dropLease(): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: { planId: this.partitionKey, oldKey: this.holder } }));
  }

  private async conflictingLease(access: JournalAccess): Promise<Item | undefined> {
    const now = Date.now();
    for await (const lease of this.list()) {
      if (lease.oldKey === this.holder || Number(lease.until) <= now) continue;
      if (access === 'exclusive' || lease.access === 'exclusive') return lease;
    }
    return undefined;
  }

  /** Extends the lease while it is still live; a lapsed one is lost (another holder may have taken the journal). */
  private async renew(): Promise<void> {
    if (this.held === undefined || this.lost !== undefined) return;
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { planId: this.partitionKey, oldKey: this.holder },
          UpdateExpression: 'SET #u = :until',
          ConditionExpression: '#u > :now',
          ExpressionAttributeNames: { '#u': 'until' },
          ExpressionAttributeValues: { ':until': Date.now() + this.holdMs, ':now': Date.now() },
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) this.lost = new JournalLockedError(this.location, `nobody: the lease of ${this.holder} lapsed before it was renewed`);
      // Anything else (a network blip): the next renewal tries again, well before the lease lapses.
    }
  }

  assertHeld(): void {
    if (this.lost !== undefined) throw this.lost;
  }

  /** Gives the journal back (close). */
  async release(): Promise<void> {
    if (this.renewal !== undefined) clearInterval(this.renewal);
    this.renewal = undefined;
    if (this.held !== undefined) {
      this.held = undefined;
      await this.dropLease();
    }
  }
}
