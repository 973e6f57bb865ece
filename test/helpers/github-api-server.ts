/**
 * A real HTTP server on loopback that implements the few GitHub REST endpoints the action uses, closely enough for
 * Octokit: issues listed by label with Link pagination, created, updated (body, state), commented; file contents
 * at a ref (raw or JSON); an issue's comments listed (paginated), created and deleted (the chunked state, issue #9
 * item 2). Every request is recorded, so tests can count reads and writes.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  comments: string[];
  /** The id of each comment, in step with `comments` (seeded comments get ids when first listed). */
  commentIds: number[];
  isPullRequest: boolean;
}

export interface RecordedApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** A canned error answer for matching requests (issue #11 item 16: rate limits, server errors). */
export interface ApiFault {
  readonly match: (request: RecordedApiRequest) => boolean;
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** The `message` of the JSON error body. */
  readonly message?: string;
  /** How many matching requests get the fault; default 1. */
  readonly times?: number;
}

/** GitHub's wording for a secondary rate limit, which Octokit's throttling plugin recognises. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

export interface GitHubApiServerOptions {
  readonly owner?: string;
  readonly repo?: string;
  /** Token the server expects in `Authorization: token ...`; default `test-token`. */
  readonly token?: string;
}

export interface TestGitHubApiServer {
  /** `http://127.0.0.1:PORT`, for GITHUB_API_URL. */
  readonly url: string;
  readonly issues: Map<number, FakeIssue>;
  /** Keyed `REF:PATH`. */
  readonly files: Map<string, string>;
  readonly requests: RecordedApiRequest[];
  /** Answer every non-GET with 403, as GitHub does for a read-only (fork) token. */
  readOnly: boolean;
  /** Drop the labels of new issues, as GitHub does silently for a token without push access. */
  dropLabels: boolean;
  /** Answer the request matching this predicate with a 500, once. */
  failNext: ((request: RecordedApiRequest) => boolean) | null;
  /** Answer matching requests with an error, the first matching fault first, until its `times` are used up. */
  fault(fault: ApiFault): void;
  /** Hold every matching request without an answer (a hung server), until reset() or close(). */
  hang: ((request: RecordedApiRequest) => boolean) | null;
  /** Hold the next `count` issue listings until all of them have arrived: makes two runs race. */
  gateListings(count: number): void;
  /** Forget issues, files and requests, and clear every fault switch (issue numbers keep counting). */
  reset(): void;
  /** Add an issue directly (not recorded as a request). */
  seedIssue(issue: Partial<FakeIssue> & { title: string; body: string }): FakeIssue;
  reads(): RecordedApiRequest[];
  writes(): RecordedApiRequest[];
  close(): Promise<void>;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

function issueJson(issue: FakeIssue, url: string, owner: string, repo: string): Record<string, unknown> {
  return {
    id: issue.number * 1000,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason,
    labels: issue.labels.map((name) => ({ name })),
    html_url: `${url}/${owner}/${repo}/issues/${issue.number}`,
    ...(issue.isPullRequest ? { pull_request: { url: `${url}/pulls/${issue.number}` } } : {}),
  };
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? null : (JSON.parse(text) as unknown);
}

function send(
  response: ServerResponse,
  status: number,
  data: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(data));
}

/** Start the server on a random loopback port. */
export async function startGitHubApiServer(
  options: GitHubApiServerOptions = {},
): Promise<TestGitHubApiServer> {
  const owner = options.owner ?? 'octo';
  const repo = options.repo ?? 'dns';
  const token = options.token ?? 'test-token';
  const issues = new Map<number, FakeIssue>();
  const files = new Map<string, string>();
  const requests: RecordedApiRequest[] = [];
  let nextNumber = 1;
  let nextCommentId = 9001;
  const idsOf = (issue: FakeIssue): number[] => {
    while (issue.commentIds.length < issue.comments.length) issue.commentIds.push(nextCommentId++);
    return issue.commentIds;
  };
  let gate: { count: number; waiting: (() => void)[] } | null = null;
  const faults: { fault: ApiFault; left: number }[] = [];

  const seedIssue: TestGitHubApiServer['seedIssue'] = (partial) => {
    const issue: FakeIssue = {
      number: nextNumber++,
      state: 'open',
      stateReason: null,
      labels: [],
      comments: [],
      commentIds: [],
      isPullRequest: false,
      ...partial,
    };
    issues.set(issue.number, issue);
    return issue;
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await once(server.listen(0, '127.0.0.1'), 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: TestGitHubApiServer = {
    url,
    issues,
    files,
    requests,
    readOnly: false,
    dropLabels: false,
    failNext: null,
    hang: null,
    fault(fault) {
      faults.push({ fault, left: fault.times ?? 1 });
    },
    gateListings(count) {
      gate = { count, waiting: [] };
    },
    reset() {
      issues.clear();
      files.clear();
      requests.length = 0;
      api.readOnly = false;
      api.dropLabels = false;
      api.failNext = null;
      api.hang = null;
      faults.length = 0;
    },
    seedIssue,
    reads: () => requests.filter((r) => r.method === 'GET'),
    writes: () => requests.filter((r) => r.method !== 'GET'),
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = new URL(request.url ?? '/', url);
    const recorded: RecordedApiRequest = {
      method: request.method ?? 'GET',
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      body: await readBody(request),
    };
    requests.push(recorded);
    if (request.headers.authorization !== `token ${token}`)
      return send(response, 401, { message: 'Bad credentials' });
    if (api.hang?.(recorded) === true) return;
    const fault = faults.find((f) => f.left > 0 && f.fault.match(recorded));
    if (fault !== undefined) {
      fault.left--;
      const { status, headers = {}, message = 'Server Error' } = fault.fault;
      return send(response, status, { message }, headers);
    }
    if (api.failNext?.(recorded) === true) {
      api.failNext = null;
      return send(response, 500, { message: 'Server Error' });
    }
    if (api.readOnly && recorded.method !== 'GET') {
      return send(response, 403, { message: 'Resource not accessible by integration' });
    }
    const prefix = `/repos/${owner}/${repo}`;
    if (!target.pathname.startsWith(`${prefix}/`)) return send(response, 404, { message: 'Not Found' });
    const rest = target.pathname.slice(prefix.length);
    const issueMatch = /^\/issues\/(\d+)(\/comments)?$/.exec(rest);
    const commentMatch = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (commentMatch !== null && recorded.method === 'DELETE')
      return deleteComment(Number(commentMatch[1]), response);
    if (issueMatch?.[2] !== undefined && recorded.method === 'GET')
      return listComments(Number(issueMatch[1]), recorded, response);
    if (rest === '/issues' && recorded.method === 'GET') return listIssues(recorded, response);
    if (rest === '/issues' && recorded.method === 'POST') return createIssue(recorded, response);
    if (issueMatch !== null)
      return changeIssue(Number(issueMatch[1]), issueMatch[2] !== undefined, recorded, response);
    if (rest.startsWith('/contents/') && recorded.method === 'GET')
      return getContents(rest, request, recorded, response);
    return send(response, 404, { message: 'Not Found' });
  }

  async function listIssues(recorded: RecordedApiRequest, response: ServerResponse): Promise<void> {
    if (gate !== null) {
      const current = gate;
      await new Promise<void>((resolve) => {
        current.waiting.push(resolve);
        if (current.waiting.length >= current.count) {
          gate = null;
          current.waiting.forEach((wake) => wake());
        }
      });
    }
    const { labels = '', state = 'open' } = recorded.query;
    const wanted = labels.split(',').filter((l) => l !== '');
    const perPage = Math.min(Number(recorded.query['per_page'] ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const page = Number(recorded.query['page'] ?? 1);
    const matching = [...issues.values()]
      .filter((i) => wanted.every((l) => i.labels.includes(l)) && (state === 'all' || i.state === state))
      .sort((a, b) => b.number - a.number);
    const last = Math.max(1, Math.ceil(matching.length / perPage));
    const link = (p: number): string => {
      const next = new URL(`${url}/repos/${owner}/${repo}/issues`);
      for (const [key, value] of Object.entries({ ...recorded.query, page: String(p) }))
        next.searchParams.set(key, value);
      return next.toString();
    };
    const rels = [
      ...(page < last ? [`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`] : []),
      ...(page > 1 ? [`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`] : []),
    ];
    const items = matching
      .slice((page - 1) * perPage, page * perPage)
      .map((i) => issueJson(i, url, owner, repo));
    send(response, 200, items, rels.length > 0 ? { link: rels.join(', ') } : {});
  }

  function createIssue(recorded: RecordedApiRequest, response: ServerResponse): void {
    const body = recorded.body as { title?: string; body?: string; labels?: string[] };
    if (typeof body.title !== 'string' || body.title === '')
      return send(response, 422, { message: 'title missing' });
    const labels = api.dropLabels ? [] : (body.labels ?? []);
    const issue = seedIssue({ title: body.title, body: body.body ?? '', labels });
    send(response, 201, issueJson(issue, url, owner, repo));
  }

  function changeIssue(
    number: number,
    comment: boolean,
    recorded: RecordedApiRequest,
    response: ServerResponse,
  ): void {
    const issue = issues.get(number);
    if (issue === undefined) return send(response, 404, { message: 'Not Found' });
    const body = recorded.body as {
      body?: string;
      state?: 'open' | 'closed';
      state_reason?: string;
      title?: string;
    };
    if (comment && recorded.method === 'POST') {
      idsOf(issue);
      const id = nextCommentId++;
      issue.comments.push(body.body ?? '');
      issue.commentIds.push(id);
      return send(response, 201, { id, body: body.body });
    }
    if (comment || recorded.method !== 'PATCH') return send(response, 404, { message: 'Not Found' });
    if (body.body !== undefined) issue.body = body.body;
    if (body.title !== undefined) issue.title = body.title;
    if (body.state !== undefined) issue.state = body.state;
    if (body.state_reason !== undefined) issue.stateReason = body.state_reason;
    send(response, 200, issueJson(issue, url, owner, repo));
  }

  function listComments(number: number, recorded: RecordedApiRequest, response: ServerResponse): void {
    const issue = issues.get(number);
    if (issue === undefined) return send(response, 404, { message: 'Not Found' });
    const perPage = Math.min(Number(recorded.query['per_page'] ?? DEFAULT_PER_PAGE), MAX_PER_PAGE);
    const page = Number(recorded.query['page'] ?? 1);
    const ids = idsOf(issue);
    const all = issue.comments.map((text, i) => ({ id: ids[i], body: text }));
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const next = new URL(`${url}/repos/${owner}/${repo}/issues/${number}/comments`);
    for (const [key, value] of Object.entries({ ...recorded.query, page: String(page + 1) }))
      next.searchParams.set(key, value);
    const headers: Record<string, string> = page < last ? { link: `<${next.toString()}>; rel="next"` } : {};
    send(response, 200, all.slice((page - 1) * perPage, page * perPage), headers);
  }

  function deleteComment(id: number, response: ServerResponse): void {
    for (const issue of issues.values()) {
      const index = idsOf(issue).indexOf(id);
      if (index < 0) continue;
      issue.comments.splice(index, 1);
      issue.commentIds.splice(index, 1);
      response.writeHead(204);
      response.end();
      return;
    }
    send(response, 404, { message: 'Not Found' });
  }

  function getContents(
    rest: string,
    request: IncomingMessage,
    recorded: RecordedApiRequest,
    response: ServerResponse,
  ): void {
    const path = decodeURIComponent(rest.slice('/contents/'.length));
    const text = files.get(`${recorded.query['ref'] ?? 'main'}:${path}`);
    if (text === undefined) return send(response, 404, { message: 'Not Found' });
    if ((request.headers.accept ?? '').includes('raw')) {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(text);
      return;
    }
    send(response, 200, {
      type: 'file',
      path,
      encoding: 'base64',
      content: Buffer.from(text).toString('base64'),
    });
  }

  return api;
}
