/**
 * Applies planned issue operations in order, within a cap on writes, or only logs them in dry-run mode. It stops
 * at the first refused or failed call: every run plans from what GitHub holds, so whatever was not done is planned
 * again next time, and a broken token does not fire dozens of failing requests.
 */
import type { GitHubApi } from './github-client.js';
import type { IssueOperation } from '../report/issues.js';
import { chunkComment, sha256, type ChunkedWrite, type ChunkRef } from './state-chunks.js';
import { placeholderStateBody, renderManifestBody } from './state-store.js';

/** Rewrite the state issue (state-store.ts); `number` null creates it. */
export interface SaveStateOperation {
  readonly kind: 'save-state';
  readonly number: number | null;
  readonly title: string;
  /** The whole body, for a state that fits in it; unused with `chunks`. */
  readonly body: string;
  /** A state too large for the body (issue #9 item 2): new chunk comments first, then the manifest. */
  readonly chunks?: ChunkedWrite;
  /** Comments deleted after the body is written: replaced or unreferenced chunks. */
  readonly remove?: readonly number[];
}

export type WriteOperation = IssueOperation | SaveStateOperation;

export interface ExecuteOptions {
  readonly dryRun: boolean;
  /** Writes allowed in this run; an operation that does not fit whole is deferred, with all after it. */
  readonly maxWrites: number;
  /** Labels of new issues; the first is the one runs list by. */
  readonly labels: readonly string[];
  readonly log: (line: string) => void;
}

export interface ExecuteResult {
  readonly done: WriteOperation[];
  /** Left for the next run: over the cap, after a failure, or everything in dry-run mode. */
  readonly deferred: WriteOperation[];
  readonly failure: { readonly operation: WriteOperation; readonly error: Error } | null;
  /** Issues this run created, for the overlap check; `cause` for a cause issue (`domain` is then its key). */
  readonly created: { readonly domain: string; readonly number: number; readonly cause?: boolean }[];
  readonly writes: number;
}

/** Requests an operation makes; a new state issue is created and then closed. */
export function writesOf(op: WriteOperation): number {
  if (op.kind === 'create') return 1;
  if (op.kind === 'save-state') {
    const created = op.number === null ? 1 : 0;
    const removed = op.remove?.length ?? 0;
    return op.chunks === undefined ? created + 1 + removed : created + op.chunks.create.length + 1 + removed;
  }
  return 2;
}

/** One line naming an operation, for logs and the summary. */
export function describeOperation(op: WriteOperation): string {
  if (op.kind !== 'save-state' && op.cause !== undefined) return describeCauseOperation(op);
  switch (op.kind) {
    case 'create':
      return `open an issue for ${op.domain}`;
    case 'update':
      return `update issue #${op.number} (${op.domain}) and comment`;
    case 'reopen':
      return `reopen issue #${op.number} (${op.domain}) and comment`;
    case 'close':
      return `close issue #${op.number} (${op.domain}, ${op.reason}) with a comment`;
    case 'save-state': {
      const where = op.number === null ? 'create the state issue' : `save the state in issue #${op.number}`;
      if (op.chunks === undefined) return where;
      return `${where} (${op.chunks.create.length} of ${op.chunks.buckets} chunks written, ${op.chunks.keep.length} kept)`;
    }
  }
}

/** The same for a cause issue (issue-grouping: cause): the key and the number of domains. */
function describeCauseOperation(op: IssueOperation): string {
  const what = `cause ${op.domain}${op.cause === undefined || op.cause.count === 0 ? '' : `, ${op.cause.count} domains`}`;
  switch (op.kind) {
    case 'create':
      return `open an issue for ${what}`;
    case 'update':
      return `update issue #${op.number} (${what}) and comment`;
    case 'reopen':
      return `reopen issue #${op.number} (${what}) and comment`;
    case 'close':
      return `close issue #${op.number} (${what}, ${op.reason}) with a comment`;
  }
}

async function apply(api: GitHubApi, op: WriteOperation, labels: readonly string[]): Promise<number | null> {
  switch (op.kind) {
    case 'create': {
      const created = await api.createIssue({ title: op.title, body: op.body, labels });
      // GitHub silently drops labels the token may not set; unlabelled, the issue would not be found next time.
      if (labels[0] !== undefined && created.labels !== undefined && !created.labels.includes(labels[0])) {
        throw new Error(
          `GitHub created issue #${created.number} without the label "${labels[0]}", so later runs could not find it: the token may not set labels (grant issues: write)`,
        );
      }
      return created.number;
    }
    case 'update':
      await api.updateIssue(op.number, {
        body: op.body,
        ...(op.title === undefined ? {} : { title: op.title }),
      });
      await api.addComment(op.number, op.comment);
      return null;
    case 'reopen':
      await api.updateIssue(op.number, {
        body: op.body,
        state: 'open',
        stateReason: 'reopened',
        ...(op.title === undefined ? {} : { title: op.title }),
      });
      await api.addComment(op.number, op.comment);
      return null;
    case 'close':
      // Comment first, so the notification of the close says why.
      await api.addComment(op.number, op.comment);
      await api.updateIssue(op.number, {
        state: 'closed',
        stateReason: op.reason === 'resolved' ? 'completed' : 'not_planned',
      });
      return null;
    case 'save-state':
      if (op.chunks !== undefined) {
        await saveChunks(api, op, op.chunks, labels);
        return null;
      }
      if (op.number !== null) {
        await api.updateIssue(op.number, { body: op.body });
        for (const id of op.remove ?? []) await api.deleteComment(id);
        return null;
      }
      await api.updateIssue(
        (await api.createIssue({ title: op.title, body: op.body, labels: labels.slice(0, 1) })).number,
        {
          state: 'closed',
          stateReason: 'not_planned',
        },
      );
      return null;
  }
}

/**
 * A chunked state write (state-chunks.ts): the new chunks as comments, then the manifest (closing the issue, which
 * a new one needs and an existing one already is), then the replaced comments deleted. Until the manifest is
 * written the body points at the old, complete chunks, so a failure half way keeps the previous state.
 */
async function saveChunks(
  api: GitHubApi,
  op: SaveStateOperation,
  chunks: ChunkedWrite,
  labels: readonly string[],
): Promise<void> {
  const number =
    op.number ??
    (await api.createIssue({ title: op.title, body: placeholderStateBody(), labels: labels.slice(0, 1) }))
      .number;
  const made: ChunkRef[] = [];
  for (const chunk of chunks.create) {
    const comment = await api.createComment(number, chunkComment(chunk.index, chunks.buckets, chunk.data));
    made.push({ index: chunk.index, comment, sha256: sha256(chunk.data) });
  }
  const body = renderManifestBody({ buckets: chunks.buckets, chunks: [...chunks.keep, ...made] });
  await api.updateIssue(number, { body, state: 'closed', stateReason: 'not_planned' });
  for (const id of op.remove ?? []) await api.deleteComment(id);
}

/** Apply `ops` in order. Never throws: a failure is returned, with what was left undone. */
export async function executeIssueOperations(
  api: GitHubApi,
  ops: readonly WriteOperation[],
  options: ExecuteOptions,
): Promise<ExecuteResult> {
  const result = {
    done: [] as WriteOperation[],
    deferred: [] as WriteOperation[],
    created: [] as ExecuteResult['created'],
    writes: 0,
  };
  for (const [index, op] of ops.entries()) {
    if (options.dryRun) {
      options.log(`[dry-run] would ${describeOperation(op)}`);
      result.deferred.push(op);
      continue;
    }
    if (result.writes + writesOf(op) > options.maxWrites) {
      result.deferred.push(...ops.slice(index));
      options.log(
        `write cap of ${options.maxWrites} reached: ${ops.length - index} operations left for the next run`,
      );
      break;
    }
    try {
      const created = await apply(api, op, options.labels);
      result.writes += writesOf(op);
      result.done.push(op);
      if (created !== null && op.kind === 'create')
        result.created.push({
          domain: op.domain,
          number: created,
          ...(op.cause === undefined ? {} : { cause: true }),
        });
      options.log(`did ${describeOperation(op)}`);
    } catch (error) {
      result.deferred.push(...ops.slice(index + 1));
      return { ...result, failure: { operation: op, error: error as Error } };
    }
  }
  return { ...result, failure: null };
}
