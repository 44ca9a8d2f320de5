import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerKind } from './serverProcess';

/** What a detached stack leaves in <dataDir>/stack.json so later commands can find, reuse or stop it. */
export interface StackState {
  version: 1;
  servers: Partial<Record<ServerKind, { pid: number; port: number; logFile: string; startedAt: string }>>;
}

export function stackStateFile(dataDir: string): string {
  return path.join(path.resolve(dataDir), 'stack.json');
}

export async function readStackState(dataDir: string): Promise<StackState> {
  try {
    const state = JSON.parse(await fs.readFile(stackStateFile(dataDir), 'utf8')) as StackState;
    if (state.version === 1 && state.servers && typeof state.servers === 'object') return state;
  } catch {
    // Missing or unreadable: no stack we can reach, the same as none.
  }
  return { version: 1, servers: {} };
}

/** Written to a temporary file and renamed, so a reader never sees half a state. */
export async function writeStackState(dataDir: string, state: StackState): Promise<void> {
  const file = stackStateFile(dataDir);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await fs.rename(temporary, file);
}

export async function removeStackState(dataDir: string): Promise<void> {
  await fs.rm(stackStateFile(dataDir), { force: true });
}
