/**
 * nginx as every policy host: one server per scenario on its own address, with that host's certificate, serving
 * `/.well-known/mta-sts.txt` from a file (so phase 2 changes the body without a reload), or misbehaving.
 */
import { join } from 'node:path';
import type { IssuedCert } from './certs.js';
import type { ScenarioPlan } from './layout.js';

/** Where the policy file of a domain lives under the web root. */
export const POLICY_PATH = '.well-known/mta-sts.txt';
/** Where a redirect points: the same host, another path (a sender that followed it would find a valid policy). */
const MOVED_PATH = 'moved/mta-sts.txt';

export function webRoot(dir: string, domain: string): string {
  return join(dir, 'www', domain);
}

/** Paths of the files a policy is served from (the redirect target holds the same body). */
export function policyFiles(dir: string, domain: string): string[] {
  const root = webRoot(dir, domain);
  return [join(root, POLICY_PATH), join(root, MOVED_PATH)];
}

/** A location that serves the file at `path` as it is, with content type `type` and no caching. */
export function plainLocation(path: string, type = 'text/plain'): string {
  return `    location = /${path} {\n      types { }\n      default_type "${type}";\n      add_header Cache-Control "no-store";\n    }`;
}

function location(plan: ScenarioPlan): string {
  const serve = plan.scenario.policy?.serve ?? 'text/plain';
  switch (serve) {
    case 'redirect':
      return (
        `    location = /${POLICY_PATH} {\n      return 301 https://${plan.policyHost}/${MOVED_PATH};\n    }\n` +
        plainLocation(MOVED_PATH)
      );
    case 'not-found':
      return '    location / {\n      return 404;\n    }';
    default:
      return plainLocation(POLICY_PATH, serve);
  }
}

/** One policy host: the address it listens on, its name, certificate and web root, and its locations. */
export interface PolicyServer {
  readonly address: string;
  readonly host: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly root: string;
  /** Default: the policy file, served as text/plain ({@link plainLocation}). */
  readonly locations?: string;
}

export function policyServerBlock(server: PolicyServer): string {
  return `  server {
    listen ${server.address}:443 ssl;
    server_name ${server.host};
    ssl_certificate ${server.certFile};
    ssl_certificate_key ${server.keyFile};
    root ${server.root};
${server.locations ?? plainLocation(POLICY_PATH)}
  }`;
}

/**
 * nginx as the policy hosts of a world (the e2e worlds, the bench's peer world): one worker in the foreground,
 * every path and log under `dir`, the given server blocks.
 */
export function nginxConf(
  dir: string,
  servers: readonly string[],
  options: { readonly title: string; readonly workerConnections?: number; readonly accessLog?: boolean },
): string {
  const tmp = (name: string) => `  ${name}_temp_path ${join(dir, 'tmp', name)};`;
  return `# mta-sts-drift: ${options.title} (generated)
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
user root root;
events { worker_connections ${options.workerConnections ?? 256}; }
http {
  access_log ${options.accessLog === false ? 'off' : join(dir, 'access.log')};
${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(tmp).join('\n')}
  server_tokens off;
  server_names_hash_max_size 4096;
  ssl_protocols TLSv1.2 TLSv1.3;
${servers.join('\n')}
}
`;
}

export const NGINX = '/usr/sbin/nginx';

/** nginx's command line for the config `nginxConf` wrote into `dir`: in the foreground, logging there. */
export function nginxArgs(dir: string): string[] {
  return ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'];
}

export function renderNginxConf(
  dir: string,
  plans: readonly ScenarioPlan[],
  certOf: (p: ScenarioPlan) => IssuedCert,
): string {
  const servers = plans
    .filter((p) => p.scenario.policy !== null)
    .map((p) =>
      policyServerBlock({
        address: p.policyAddress,
        host: p.policyHost,
        ...certOf(p),
        root: webRoot(dir, p.domain),
        locations: location(p),
      }),
    );
  return nginxConf(dir, servers, { title: 'e2e policy hosts' });
}
