/**
 * Where each host of the small internet lives. All of 127.0.0.0/8 is local on Linux, so every host gets its own
 * loopback address inside the namespace without configuring any interface:
 *
 *   127.0.0.53          the authoritative DNS server (NSD), the namespace's only nameserver
 *   127.0.0.1:8461      postfix-mta-sts-resolver (socketmap for the sender)
 *   127.1.<n>.1:443     nginx: the policy host `mta-sts.<domain>` of scenario n
 *   127.2.<n>.<k>:25    Postfix smtpd: MX host k of scenario n
 *
 * The sender Postfix has no listener at all: messages are injected with its `sendmail`.
 */
import { domainOf, mxHostName, type MxSpec, type MxTls, type Scenario } from '../scenarios.js';

export const DNS_ADDRESS = '127.0.0.53';
export const RESOLVER_ADDRESS = '127.0.0.1';
export const RESOLVER_PORT = 8461;

export interface MxHostPlan {
  readonly scenario: Scenario;
  /** Relative name as in the scenario (`mx1`, `a.b`, `@`). */
  readonly host: string;
  readonly fqdn: string;
  readonly address: string;
  readonly tls: MxTls;
}

export interface ScenarioPlan {
  readonly scenario: Scenario;
  readonly index: number;
  readonly domain: string;
  readonly policyHost: string;
  readonly policyAddress: string;
  /** Every MX host of both phases (a phase-2 host listens from the start; only the MX records change). */
  readonly hosts: readonly MxHostPlan[];
}

export function planScenarios(scenarios: readonly Scenario[]): ScenarioPlan[] {
  if (scenarios.length > 250) throw new Error('at most 250 scenarios fit the address plan');
  return scenarios.map((scenario, i) => {
    const index = i + 1;
    const domain = domainOf(scenario);
    const specs = new Map<string, MxSpec>();
    for (const mx of [...scenario.mx, ...(scenario.phase2?.mx ?? [])]) {
      if (!specs.has(mx.host)) specs.set(mx.host, mx);
    }
    const hosts = [...specs.values()].map((mx, k): MxHostPlan => ({
      scenario,
      host: mx.host,
      fqdn: mxHostName(scenario, mx.host),
      address: `127.2.${index}.${k + 1}`,
      tls: mx.tls,
    }));
    return {
      scenario,
      index,
      domain,
      policyHost: `mta-sts.${domain}`,
      policyAddress: `127.1.${index}.1`,
      hosts,
    };
  });
}

/** The MX records a phase publishes, with preferences 10, 20, ... unless given. */
export function mxRecords(plan: ScenarioPlan, phase: 1 | 2): { preference: number; fqdn: string }[] {
  const list = phase === 2 && plan.scenario.phase2 ? plan.scenario.phase2.mx : plan.scenario.mx;
  return list.map((mx, i) => ({
    preference: mx.preference ?? 10 * (i + 1),
    fqdn: mxHostName(plan.scenario, mx.host),
  }));
}
