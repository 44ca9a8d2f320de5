// Dry runs of cut-over, clean-up and rollback (issue 13 §4) on a versioned bucket: each lists
// exactly the changes its real run then makes (references, deletes by version, delete markers)
// and changes nothing itself: no version, no reference, no journal byte, no lock taken.
import { readFile } from 'node:fs/promises';
import { cleanupSources, countChanges, cutoverReferences, planMigration, rollbackMigration, runMigration, type PlannedChange } from '@edgecv/use-cases';
import { clock, createWorld, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const TRAINING = 'datasets//training-output/dog-detector-1/output/model.tar.gz';
const COMPILED = 'compilation-output/dog-compile-1/model-jetson_nano.tar.gz';
const PACKAGED = 'packaged-models/dogs-v1/component.zip';

describe('dry runs of the destructive phases', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld({ versioned: true });
    await world.put(TRAINING, 'model bytes', { metadata: { owner: 'team-b' }, tagging: 'stage=prod' });
    await world.put(COMPILED, 'compiled bytes');
    await world.put(PACKAGED, 'zip bytes');
    await world.putRecord('training', { jobName: 'dog-detector-1', model_artifact_uri: `s3://${world.bucket}/${TRAINING}` });
    await world.putRecord('compilation', { jobName: 'dog-compile-1', target: 'jetson_nano', output_uri: `s3://${world.bucket}/${COMPILED}` });
  });
  afterEach(async () => world.dispose());

  it('list what the real phase then does, and change nothing, even while another phase holds the journal', async () => {
    const journal = world.journal('dry.jsonl');
    const deps = { store: world.store, referenceStores: world.referenceStores, resolver, rulesHash: RULES_HASH, clock };
    await planMigration({ bucket: world.bucket, journal }, deps);
    expect(await runMigration({ journal }, deps)).toMatchObject({ verified: 3 });

    const state = async () => ({
      objects: await snapshot(world.bucket),
      training: await world.records('training'),
      compilation: await world.records('compilation'),
      journal: await readFile(journal.location, 'utf8'),
    });
    /** A dry run through a second handle on the journal, while the first one holds it (a real phase would be refused). */
    const dry = async <T extends { dryRun: boolean; changes?: readonly PlannedChange[] }>(phase: (j: typeof journal) => Promise<T>): Promise<readonly PlannedChange[]> => {
      await journal.acquire('exclusive');
      const before = await state();
      const other = world.journal('dry.jsonl');
      try {
        const summary = await phase(other);
        expect(summary.dryRun).toBe(true);
        expect(await state()).toEqual(before);
        return summary.changes ?? [];
      } finally {
        await other.close();
      }
    };

    const cutoverChanges = await dry((j) => cutoverReferences({ journal: j, dryRun: true }, deps));
    expect(cutoverChanges).toEqual(
      expect.arrayContaining([
        { kind: 'reference', store: expect.any(String), recordId: expect.any(String), attribute: 'model_artifact_uri', from: `s3://${world.bucket}/${TRAINING}`, to: `s3://${world.bucket}/models/training/dog-detector-1/output/model.tar.gz` },
      ]),
    );
    expect(countChanges(cutoverChanges)).toEqual({ reference: 2, delete: 0, copy: 0 });
    expect(await cutoverReferences({ journal }, deps)).toMatchObject({ dryRun: false, updated: 2, mismatched: 0 });

    const cleanupChanges = await dry((j) => cleanupSources({ journal: j, dryRun: true }, deps));
    expect(cleanupChanges.map((c) => (c.kind === 'delete' ? c.key : c.kind)).sort()).toEqual([COMPILED, TRAINING, PACKAGED].sort());
    expect(await cleanupSources({ journal }, deps)).toMatchObject({ dryRun: false, deleted: 3, deleteMarkers: 3 });

    // Versioned: the sources come back by removing clean-up's delete markers, the copies go by version id.
    const rollbackChanges = await dry((j) => rollbackMigration({ journal: j, dryRun: true }, deps));
    const markers = rollbackChanges.filter((c) => c.kind === 'delete' && /delete marker/.test(c.reason));
    const copies = rollbackChanges.filter((c) => c.kind === 'delete' && !/delete marker/.test(c.reason));
    expect(markers).toHaveLength(3);
    expect(copies).toHaveLength(3);
    expect([...markers, ...copies].every((c) => c.kind === 'delete' && typeof c.versionId === 'string')).toBe(true);
    expect(countChanges(rollbackChanges)).toEqual({ reference: 2, delete: 6, copy: 0 });
    // deleteMarkersRemoved: 3 also guards the count, which concurrent records used to overwrite (1 or 2 of 3).
    const rb = await rollbackMigration({ journal }, deps);
    expect(rb).toMatchObject({ dryRun: false, referencesRestored: 2, deleteMarkersRemoved: 3, targetsRemoved: 3, rolledBack: 3, problems: [] });

    // Nothing left to roll back: a dry run now lists nothing.
    expect(await dry((j) => rollbackMigration({ journal: j, dryRun: true }, deps))).toEqual([]);
  });
});
