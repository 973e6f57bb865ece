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

function location(plan: ScenarioPlan): string {
  const serve = plan.scenario.policy?.serve ?? 'text/plain';
  const plain = (path: string, type: string) =>
    `    location = /${path} {\n      types { }\n      default_type "${type}";\n      add_header Cache-Control "no-store";\n    }`;
  switch (serve) {
    case 'redirect':
      return (
        `    location = /${POLICY_PATH} {\n      return 301 https://${plan.policyHost}/${MOVED_PATH};\n    }\n` +
        plain(MOVED_PATH, 'text/plain')
      );
    case 'not-found':
      return '    location / {\n      return 404;\n    }';
    default:
      return plain(POLICY_PATH, serve);
  }
}

export function renderNginxConf(
  dir: string,
  plans: readonly ScenarioPlan[],
  certOf: (p: ScenarioPlan) => IssuedCert,
): string {
  const servers = plans
    .filter((p) => p.scenario.policy !== null)
    .map((p) => {
      const cert = certOf(p);
      return `  server {
    listen ${p.policyAddress}:443 ssl;
    server_name ${p.policyHost};
    ssl_certificate ${cert.certFile};
    ssl_certificate_key ${cert.keyFile};
    root ${webRoot(dir, p.domain)};
${location(p)}
  }`;
    });
  const tmp = (name: string) => `${name}_temp_path ${join(dir, 'tmp', name)};`;
  return `# mta-sts-drift e2e: policy hosts (generated)
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
user root root;
events { worker_connections 256; }
http {
  access_log ${join(dir, 'access.log')};
  ${tmp('client_body')}
  ${tmp('proxy')}
  ${tmp('fastcgi')}
  ${tmp('uwsgi')}
  ${tmp('scgi')}
  server_tokens off;
  ssl_protocols TLSv1.2 TLSv1.3;
${servers.join('\n')}
}
`;
}
