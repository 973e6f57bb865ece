/**
 * The catalogue of finding codes: default severity, meaning and the one-sentence fix. README.md documents every code
 * listed here (a test keeps the two in step). Messages are written where the rule is enforced.
 */
import { MAX_ADDRESSES_PER_HOST, MAX_MX_HOSTS_PER_DOMAIN } from './fan-out.js';
import type { Finding, Severity } from './types.js';

interface CodeInfo {
  readonly severity: Severity;
  /** What the finding means, for README.md and issue bodies. */
  readonly meaning: string;
  readonly fix: string;
}

const E = 'error' as const;
const W = 'warning' as const;
const N = 'notice' as const;

export const FINDING_CODES = {
  // The _mta-sts TXT record (RFC 8461 §3.1)
  'sts-record-missing': {
    severity: E,
    meaning:
      'No TXT record beginning with v=STSv1 at _mta-sts.<domain>: senders do not use MTA-STS for the domain.',
    fix: 'Publish a TXT record `v=STSv1; id=<new id>` at `_mta-sts.<domain>`.',
  },
  'sts-record-multiple': {
    severity: E,
    meaning:
      'More than one v=STSv1 record: RFC 8461 §3.1 says senders then treat the domain as having no policy.',
    fix: 'Delete all but one `v=STSv1` TXT record at `_mta-sts.<domain>`.',
  },
  'sts-record-invalid': {
    severity: E,
    meaning: 'The v=STSv1 record does not follow the RFC 8461 §3.1 grammar, so senders ignore it.',
    fix: 'Rewrite the record as `v=STSv1; id=<1-32 letters and digits>`.',
  },
  'sts-id-invalid': {
    severity: E,
    meaning:
      'The id is not 1 to 32 letters and digits (dashes, dots, colons and ISO timestamps are invalid).',
    fix: 'Use an id of 1 to 32 letters and digits only, for example `20241107T1200`.',
  },
  'sts-id-missing': {
    severity: E,
    meaning: 'The record has no id field, so it is invalid.',
    fix: 'Add an id field: `v=STSv1; id=<1-32 letters and digits>`.',
  },
  'sts-record-duplicate-id': {
    severity: W,
    meaning: 'The record carries two id fields; senders may pick either.',
    fix: 'Keep a single id field in the record.',
  },
  'sts-record-unknown': {
    severity: N,
    meaning: 'The TXT lookup failed (SERVFAIL, REFUSED or timeout): nothing is concluded from it.',
    fix: 'Nothing to change if it passes on the next run; otherwise check the DNS servers.',
  },
  // Fetching the policy (RFC 8461 §3.3)
  'policy-host-missing': {
    severity: E,
    meaning: 'mta-sts.<domain> has no address, so no sender can fetch the policy.',
    fix: 'Publish A/AAAA records for `mta-sts.<domain>` pointing at the policy web server.',
  },
  'policy-host-unknown': {
    severity: N,
    meaning: 'The address lookup of the policy host failed: nothing is concluded from it.',
    fix: 'Nothing to change if it passes on the next run; otherwise check the DNS servers.',
  },
  'policy-fetch-failed': {
    severity: E,
    meaning: 'An address of the policy host refused the connection or the TLS handshake failed.',
    fix: 'Make the policy host accept HTTPS on port 443 at every address it publishes.',
  },
  'policy-fetch-timeout': {
    severity: N,
    meaning: 'Fetching the policy from an address timed out: reported as unknown, not as drift.',
    fix: 'Check the policy host answers quickly; senders give up after a few seconds.',
  },
  'policy-redirect': {
    severity: E,
    meaning: 'The policy URL answers with a redirect, which senders must not follow (RFC 8461 §3.3).',
    fix: 'Serve the policy directly with status 200; senders must not follow redirects.',
  },
  'policy-http-status': {
    severity: E,
    meaning: 'The policy URL answers with a status other than 200.',
    fix: 'Serve `/.well-known/mta-sts.txt` with status 200.',
  },
  'policy-content-type': {
    severity: E,
    meaning: 'The policy is not served as text/plain; strict senders reject it.',
    fix: 'Serve the policy with `Content-Type: text/plain`.',
  },
  'policy-too-large': {
    severity: E,
    meaning: 'The response body exceeds 64 KiB, the limit senders apply.',
    fix: 'Serve only the policy: it must be well under 64 KiB.',
  },
  'policy-cert-expired': {
    severity: E,
    meaning: 'The policy host certificate has expired, so senders cannot fetch the policy.',
    fix: 'Renew the certificate of `mta-sts.<domain>`.',
  },
  'policy-cert-not-yet-valid': {
    severity: E,
    meaning: 'The policy host certificate is not valid yet.',
    fix: 'Install a certificate that is already valid, or fix the server clock.',
  },
  'policy-cert-untrusted': {
    severity: E,
    meaning:
      'The policy host certificate does not chain to a trusted root (self-signed, private CA, missing intermediate).',
    fix: 'Install a certificate for `mta-sts.<domain>` from a public CA, with its full chain.',
  },
  'policy-cert-malformed': {
    severity: E,
    meaning:
      'The policy host certificate cannot be read (for example a malformed validity date), so verifying senders refuse it.',
    fix: 'Reissue the certificate of `mta-sts.<domain>` with a standard CA tool.',
  },
  'policy-cert-name-mismatch': {
    severity: E,
    meaning: 'The policy host certificate is not valid for mta-sts.<domain>.',
    fix: 'Install a certificate whose names include `mta-sts.<domain>`.',
  },
  'policy-cert-expiring': {
    severity: W,
    meaning: 'The policy host certificate expires within the warning threshold.',
    fix: 'Renew the certificate of `mta-sts.<domain>` before it expires.',
  },
  'policy-addresses-differ': {
    severity: E,
    meaning: 'Different addresses of the policy host (for example CDN edges) serve different policies.',
    fix: 'Make every address of `mta-sts.<domain>` (every CDN edge) serve the same policy; purge stale caches.',
  },
  'policy-without-record': {
    severity: W,
    meaning:
      'No TXT record, but the policy host still serves an active policy that caches may keep enforcing.',
    fix: 'Publish the `_mta-sts.<domain>` TXT record, or publish `mode: none` until cached policies expire (RFC 8461 §8.3).',
  },
  'addresses-truncated': {
    severity: N,
    meaning: `A host (MX or policy host) publishes more than ${MAX_ADDRESSES_PER_HOST} addresses; only ${MAX_ADDRESSES_PER_HOST} of them were contacted.`,
    fix: 'Nothing to change if the host is meant to have that many addresses; the others were not checked.',
  },
  'address-blocked': {
    severity: N,
    meaning: 'An address is loopback, private or otherwise not public, so it was not contacted.',
    fix: 'Use public addresses, or pass `--allow-private-addresses` for internal mail systems.',
  },
  // The policy body (RFC 8461 §3.2)
  'policy-line-invalid': {
    severity: E,
    meaning: 'A line of the policy is not "key: value".',
    fix: 'Write every line as `key: value`.',
  },
  'policy-version-missing': {
    severity: E,
    meaning: 'The policy has no version line.',
    fix: 'Add the line `version: STSv1`.',
  },
  'policy-version-invalid': {
    severity: E,
    meaning: 'The version is not STSv1.',
    fix: 'Write `version: STSv1` (it is case-sensitive).',
  },
  'policy-mode-missing': {
    severity: E,
    meaning: 'The policy has no mode line (keys are case-sensitive: "Mode" does not count).',
    fix: 'Add `mode: enforce`, `mode: testing` or `mode: none`.',
  },
  'policy-mode-invalid': {
    severity: E,
    meaning: 'The mode is not enforce, testing or none.',
    fix: 'Write `mode: enforce`, `mode: testing` or `mode: none` (lower case).',
  },
  'policy-max-age-missing': {
    severity: E,
    meaning: 'The policy has no max_age line.',
    fix: 'Add `max_age: 604800` (a week) or longer.',
  },
  'policy-max-age-invalid': {
    severity: E,
    meaning: 'max_age is not a number of 1 to 10 digits.',
    fix: 'Set max_age to a whole number of seconds, for example `max_age: 604800`.',
  },
  'policy-max-age-too-large': {
    severity: E,
    meaning: 'max_age exceeds 31557600 seconds (one year).',
    fix: 'Set max_age to at most one year: `max_age: 31557600`.',
  },
  'policy-max-age-short': {
    severity: W,
    meaning: 'max_age is under a day in enforce mode: caches expire quickly and protection is weak.',
    fix: 'Raise max_age to at least a day; with enforce, a week or more is usual: `max_age: 604800`.',
  },
  'policy-mx-invalid': {
    severity: E,
    meaning:
      'An mx value is not a host name or a *. wildcard (IP addresses and inner wildcards are invalid).',
    fix: 'Write each mx as a host name or `*.` plus a host name, without IP addresses: `mx: mx1.<domain>`.',
  },
  'policy-mx-missing': {
    severity: E,
    meaning: 'A policy in enforce or testing mode lists no mx.',
    fix: 'Add one `mx: <host>` line for each MX host (or wildcard) that receives mail.',
  },
  'policy-duplicate-key': {
    severity: W,
    meaning: 'A key other than mx appears twice; senders disagree on which value wins.',
    fix: 'Keep each key once (only mx may repeat).',
  },
  'policy-key-case': {
    severity: W,
    meaning: 'A key differs from a known key only in case, so senders ignore it.',
    fix: 'Write keys in lower case: `version`, `mode`, `max_age`, `mx`.',
  },
  'policy-unknown-key': {
    severity: N,
    meaning: 'A key RFC 8461 does not define; senders ignore it.',
    fix: 'Remove the line, or ignore this notice if it is intentional.',
  },
  'policy-blank-line': {
    severity: W,
    meaning:
      'A blank line comes before a field: senders that stop reading at the first blank line never see the rest.',
    fix: 'Remove blank lines from the policy file.',
  },
  'policy-trailing-blank-line': {
    severity: N,
    meaning: 'The policy ends with blank lines; the RFC 8461 §3.2 grammar has none, but few senders mind.',
    fix: 'Remove the blank lines at the end of the policy file.',
  },
  'policy-mx-trailing-dot': {
    severity: E,
    meaning:
      'An mx value ends with a dot (mail.example.com.): RFC 5321 Domain has none, and senders differ on matching it.',
    fix: 'Remove the final dot from the mx value.',
  },
  'policy-mx-single-label': {
    severity: W,
    meaning:
      'An mx value is a single label (mx1) or a wildcard over one (*.com): grammatical, but it matches no real MX host or far too many.',
    fix: 'Write each mx as a full host name or a wildcard under your own domain: `mx: mx1.<domain>`.',
  },
  'policy-bom': {
    severity: E,
    meaning:
      'The policy starts with a UTF-8 byte order mark: senders that keep it read an unknown first key, so "version" is missing.',
    fix: 'Save the policy file as ASCII or UTF-8 without a BOM.',
  },
  'policy-encoding': {
    severity: E,
    meaning: 'The policy is UTF-16 or binary, not ASCII text: senders find no "key: value" line in it.',
    fix: 'Save the policy file as ASCII or UTF-8 without a BOM.',
  },
  // MX hosts (RFC 8461 §4)
  'mx-not-covered': {
    severity: E,
    meaning: 'An MX host matches no mx pattern of the policy: enforcing senders refuse to deliver to it.',
    fix: 'Add an `mx: <host>` line for the host to the policy, then publish a new id in the `_mta-sts.<domain>` record.',
  },
  'mx-starttls-missing': {
    severity: E,
    meaning: 'The MX host does not offer STARTTLS.',
    fix: 'Enable STARTTLS on the MX host.',
  },
  'mx-cert-expired': {
    severity: E,
    meaning: 'The MX host certificate has expired (or is not valid yet).',
    fix: 'Renew the MX host certificate.',
  },
  'mx-cert-untrusted': {
    severity: E,
    meaning: 'The MX host certificate does not chain to a trusted root.',
    fix: 'Install a certificate from a public CA on the MX host, with its full chain.',
  },
  'mx-cert-malformed': {
    severity: E,
    meaning:
      'The MX host certificate cannot be read (for example a malformed validity date), so verifying senders refuse it.',
    fix: 'Reissue the MX host certificate with a standard CA tool.',
  },
  'mx-cert-name-mismatch': {
    severity: E,
    meaning: 'The MX host certificate is not valid for the MX host name.',
    fix: 'Install a certificate whose names include the MX host name.',
  },
  'mx-tls-old': {
    severity: E,
    meaning: 'The MX host negotiates a TLS version below 1.2.',
    fix: 'Enable TLS 1.2 or later on the MX host.',
  },
  'mx-tls-failed': {
    severity: E,
    meaning: 'The MX host offers STARTTLS but the TLS handshake fails.',
    fix: 'Fix the TLS configuration of the MX host so that a TLS 1.2+ handshake succeeds.',
  },
  'mx-cert-expiring': {
    severity: W,
    meaning: 'The MX host certificate expires within the warning threshold.',
    fix: 'Renew the MX host certificate before it expires.',
  },
  'mx-unreachable': {
    severity: W,
    meaning: 'An address of the MX host refuses connections on port 25.',
    fix: 'Check that the MX host accepts connections on port 25 at every address.',
  },
  'mx-timeout': {
    severity: N,
    meaning: 'The SMTP probe of an MX address timed out: reported as unknown, not as drift.',
    fix: 'Check that the MX host answers on port 25; nothing to change if it passes on the next run.',
  },
  'mx-smtp-error': {
    severity: E,
    meaning:
      'The MX host accepts connections but no SMTP dialogue (garbage, endless or oversized replies, a rejecting greeting), so no sender can deliver there; an error under enforce, a warning otherwise.',
    fix: 'Fix the SMTP service on the MX host, or remove its MX record: it did not answer as an SMTP server should.',
  },
  'mx-timeout-confirmed': {
    severity: E,
    meaning:
      'An MX address timed out twice, a few seconds apart, while other MX hosts in the same run answered on port 25: the host is at fault, not the network; an error under enforce, a warning otherwise.',
    fix: 'Check that the MX host answers on port 25 at every address it publishes, or remove the dead address or MX record.',
  },
  'mx-host-missing': {
    severity: E,
    meaning: 'An MX record points at a name with no address.',
    fix: 'Publish A/AAAA records for the MX host, or remove the MX record.',
  },
  'mx-host-unknown': {
    severity: N,
    meaning: 'The address lookup of an MX host failed: nothing is concluded from it.',
    fix: 'Nothing to change if it passes on the next run; otherwise check the DNS servers.',
  },
  'mx-unknown': {
    severity: N,
    meaning: 'The MX lookup failed: nothing is concluded from it.',
    fix: 'Nothing to change if it passes on the next run; otherwise check the DNS servers.',
  },
  'domain-not-found': {
    severity: E,
    meaning:
      'The domain itself does not exist (NXDOMAIN), so nothing under it exists either (RFC 8020): often a typo in domains.yml.',
    fix: 'Check the spelling of the domain in `domains.yml`, or remove the entry if the domain is gone.',
  },
  'mx-hosts-truncated': {
    severity: W,
    meaning: `The domain publishes more than ${MAX_MX_HOSTS_PER_DOMAIN} MX hosts; only the first ${MAX_MX_HOSTS_PER_DOMAIN} by preference were checked.`,
    fix: 'Publish fewer MX hosts: senders give up after a few (Postfix tries 5 addresses), so the rest never receive mail.',
  },
  'mx-implicit': {
    severity: N,
    meaning: 'The domain has no MX record, so the domain itself is the mail host (RFC 5321 §5.1).',
    fix: 'Publish an MX record if the domain itself is not meant to receive mail directly.',
  },
  'mx-null': {
    severity: N,
    meaning: 'The domain publishes a null MX (RFC 7505): it receives no mail.',
    fix: 'Nothing to change if the domain accepts no mail; then MTA-STS is not needed.',
  },
  'mx-tls-not-checked': {
    severity: N,
    meaning: 'MX STARTTLS was not probed (disabled, or port 25 blocked where the check ran).',
    fix: 'Send the probes through a SOCKS5 proxy (input `smtp-proxy`, option `--smtp-proxy`), or run where outbound port 25 is open (a self-hosted runner).',
  },
  // The run itself (issue #10 part 3): said once, not per domain
  'dns-unavailable': {
    severity: E,
    meaning:
      'More than half of the DNS lookups of the run failed or timed out (SERVFAIL, REFUSED, timeout): the monitor is blind, so the run fails instead of staying green.',
    fix: 'Check the resolver this runs with (`--dns-server`), the network, or the name servers of the domains; then run again.',
  },
  'smtp-proxy-failed': {
    severity: E,
    meaning:
      'The SOCKS5 proxy for the port-25 probes failed (down, or it refused the credentials or the request): MX TLS was not checked.',
    fix: 'Check that the proxy (for example the `ssh -D` tunnel) is up and its user and password are right (input `smtp-proxy`, option `--smtp-proxy`).',
  },
  // Verdicts
  'mail-bounces': {
    severity: E,
    meaning:
      'Some sender class counted for the domain (domains.yml `senders:`, all by default) refuses every MX host: the policy is enforcing and no MX host passes MTA-STS, or DANE refuses or defers at every host. The message names the classes (see "Sender profiles").',
    fix: 'Fix the MX and DANE findings of this domain, or switch the policy to `mode: testing` and publish a new id.',
  },
  'senders-disagree': {
    severity: N,
    meaning:
      'Some of the sender classes counted for the domain (domains.yml `senders:`) refuse every MX host while others deliver: whether mail arrives depends on who sends it (see "Sender profiles").',
    fix: 'Fix the findings that name the refusing senders (for DANE, the TLSA records; for MTA-STS, the policy or the MX certificates).',
  },
  'bounces-if-enforced': {
    severity: W,
    meaning:
      'The policy is in testing mode and no MX host passes: switching to enforce would bounce all mail.',
    fix: 'Fix the MX findings before switching the policy to `mode: enforce`.',
  },
  // TLS-RPT (RFC 8460 §3)
  'tlsrpt-missing': {
    severity: N,
    meaning: 'No v=TLSRPTv1 record at _smtp._tls.<domain>: nobody is told when TLS delivery fails.',
    fix: 'Publish `v=TLSRPTv1; rua=mailto:<address>` at `_smtp._tls.<domain>` to receive failure reports.',
  },
  'tlsrpt-multiple': {
    severity: W,
    meaning: 'More than one v=TLSRPTv1 record: senders ignore them all.',
    fix: 'Delete all but one `v=TLSRPTv1` TXT record at `_smtp._tls.<domain>`.',
  },
  'tlsrpt-record-invalid': {
    severity: W,
    meaning: 'The TLS-RPT record does not follow the RFC 8460 §3 grammar.',
    fix: 'Rewrite the record as `v=TLSRPTv1; rua=mailto:<address>`.',
  },
  'tlsrpt-rua-invalid': {
    severity: W,
    meaning: 'A rua URI is not mailto: or https:, or is malformed.',
    fix: 'Use `mailto:` or `https:` URIs, with `,` and `!` percent-encoded as `%2C` and `%21`.',
  },
  'tlsrpt-rua-missing': {
    severity: W,
    meaning: 'The TLS-RPT record has no rua field.',
    fix: 'Add `rua=mailto:<address>` to the record.',
  },
  'tlsrpt-duplicate-rua': {
    severity: W,
    meaning: 'The TLS-RPT record has more than one rua field.',
    fix: 'Keep a single rua field, with the URIs separated by commas.',
  },
  'tlsrpt-unknown': {
    severity: N,
    meaning: 'The TLS-RPT lookup failed: nothing is concluded from it.',
    fix: 'Nothing to change if it passes on the next run; otherwise check the DNS servers.',
  },
  // TLS-RPT reports tied to the check (issue #10 item 1)
  'tlsrpt-failures': {
    severity: W,
    meaning:
      'TLS-RPT reports show failed sessions that this run does not explain (for example an MX certificate problem not probed because port 25 is blocked). Error at 5 % or more of the sessions in a report of the last 2 days, warning at 1 % or more, notice below.',
    fix: 'Read the result types and the MX named in the finding, and fix that MX host or the policy; run with MX probing to see the cause.',
  },
  'tlsrpt-old-policy': {
    severity: W,
    meaning:
      'Senders named in TLS-RPT reports of the last 3 days still apply a policy-string other than the policy published now.',
    fix: 'Make sure the id in the `_mta-sts.<domain>` TXT record changed when the policy did (RFC 8461 §3.3), so that senders fetch the new policy.',
  },
  'tlsrpt-no-reports': {
    severity: N,
    meaning:
      'The domain publishes TLS-RPT but no report in the given sources ended in the last 3 days: the rua mailbox or the source may be wrong.',
    fix: 'Check that the rua address receives mail and that the report source (folder or IMAP mailbox) is the one it delivers to.',
  },
  // DANE for SMTP (RFC 7672, issue #7), checked with a validating resolver
  'tlsa-mismatch': {
    severity: E,
    meaning:
      'The TLSA records at _25._tcp.<mx> do not match the certificate the MX host serves: senders that validate DANE (Exchange Online, Postfix with DANE) refuse it, and MTA-STS cannot override that (RFC 8461 §2).',
    fix: 'Publish a TLSA record for the key now served, e.g. `3 1 1 <SHA-256 of the SubjectPublicKeyInfo>` (`openssl x509 -in cert.pem -noout -pubkey | openssl pkey -pubin -outform DER | openssl sha256`; the observed value of the finding is that record), or serve the key the TLSA names.',
  },
  'tlsa-lookup-failed': {
    severity: E,
    meaning:
      'The TLSA, MX or address lookup for the MX host is bogus or failed (SERVFAIL, expired or broken DNSSEC signatures): DANE senders defer mail (RFC 7672 §2.1.1).',
    fix: 'Fix the DNSSEC signing of the zone (re-sign it, check the DS record and the signature dates) until `dig +dnssec TLSA _25._tcp.<mx>` answers NOERROR with the ad flag.',
  },
  'tlsa-no-starttls': {
    severity: E,
    meaning:
      'The MX host publishes TLSA records but offers no STARTTLS, or its TLS handshake fails: TLSA makes TLS mandatory, so DANE senders do not deliver to it (RFC 7672 §2.2).',
    fix: 'Enable STARTTLS with a working certificate on the MX host (Postfix: `smtpd_tls_security_level = may`), or remove the TLSA records.',
  },
  'tlsa-unusable': {
    severity: W,
    meaning:
      'The TLSA set has no usable record (only PKIX-TA(0)/PKIX-EE(1) usages, or unknown parameters): DANE senders require TLS but do not authenticate the server (RFC 7672 §3.1.3).',
    fix: 'Publish DANE-EE or DANE-TA records, e.g. `3 1 1 <SHA-256 of the SubjectPublicKeyInfo>`, instead of usages 0 and 1.',
  },
  'tlsa-no-next-key': {
    severity: W,
    meaning:
      'The MX certificate expires within cert_warning_days and the TLSA set only matches the current key: a renewal with a new key will break DANE (RFC 7671 §8.1).',
    fix: 'Publish a TLSA record for the next key beside the current one (`3 1 1 <next key digest>`), or renew with the same key (certbot `--reuse-key`).',
  },
  'rrsig-expiring': {
    severity: W,
    meaning:
      'A DNSSEC signature over the MX, TLSA or address records expires within cert_warning_days: once it lapses the answer is bogus and DANE senders defer mail.',
    fix: 'Check that the zone signer re-signs the zone (`dig +dnssec` shows the RRSIG expiration), and fix its schedule.',
  },
  'dns-not-validating': {
    severity: N,
    meaning:
      'DANE checking was asked for, but the DNS resolver does not validate DNSSEC (no AD bit on the signed root), or did not answer that test query in time: DANE was skipped rather than guessed.',
    fix: 'Name a validating resolver with `--dns-server` or the input `dns-server`, for example a local Unbound (see "DANE on GitHub-hosted runners"), or run with `--dane false`.',
  },
  // Drift against domains.yml
  'drift-mode': {
    severity: E,
    meaning: 'The live policy mode differs from domains.yml.',
    fix: 'Publish the mode committed in domains.yml (with a new id), or update domains.yml.',
  },
  'drift-mx': {
    severity: E,
    meaning: 'The live policy mx set differs from domains.yml.',
    fix: 'Make the policy mx lines match domains.yml (with a new id), or update domains.yml.',
  },
  'drift-max-age': {
    severity: E,
    meaning: 'The live max_age differs from (or is below the minimum in) domains.yml.',
    fix: 'Publish the max_age committed in domains.yml (with a new id), or update domains.yml.',
  },
  'drift-id': {
    severity: E,
    meaning: 'The live _mta-sts id differs from domains.yml.',
    fix: 'Publish the id committed in domains.yml, or update domains.yml.',
  },
  'drift-tlsrpt': {
    severity: E,
    meaning: 'The live TLS-RPT rua URIs differ from domains.yml.',
    fix: 'Publish the rua URIs committed in domains.yml, or update domains.yml.',
  },
  // Policy freshness (RFC 8461 §3.3, §5)
  'stale-policy-id': {
    severity: E,
    meaning:
      'The policy changed since an earlier run but the _mta-sts id did not: senders holding the old policy keep it for up to max_age.',
    fix: 'Publish a new id in the `_mta-sts.<domain>` TXT record so that senders fetch the changed policy.',
  },
  // What senders still hold (RFC 8461 §3.2, §3.3, §5.1; issue #8 item 3). Each message names when the window ends.
  'cached-policy-refuses-mx': {
    severity: E,
    meaning:
      'A policy that senders still hold in their cache enforces and refuses a live MX host, and they cannot replace it (the live policy cannot be fetched): mail to that host is refused until the cache runs out.',
    fix: 'Make `https://mta-sts.<domain>/.well-known/mta-sts.txt` serve a policy listing every MX host, publish a new id in the `_mta-sts.<domain>` TXT record, and keep the refused hosts out of the MX set until then.',
  },
  'new-id-fetch-failing': {
    severity: W,
    meaning:
      'The _mta-sts id changed but its policy cannot be fetched, so senders keep the policy they cached before (RFC 8461 §3.3) until it runs out; an error when that policy refuses a live MX host.',
    fix: 'Make `https://mta-sts.<domain>/.well-known/mta-sts.txt` serve the new policy (HTTP 200, `Content-Type: text/plain`); the policy-fetch findings say why it fails.',
  },
  'sts-removed-while-cached': {
    severity: W,
    meaning:
      'The _mta-sts record is gone while senders may still hold an enforcing policy: they keep applying it until its max_age runs out (RFC 8461 §3.3); an error when it refuses a live MX host.',
    fix: 'Put the record back with a new id and serve `mode: none` (RFC 8461 §8.3): `v=STSv1; id=<new id>` at `_mta-sts.<domain>`; remove them only after the longest max_age has passed.',
  },
  'max-age-lowered': {
    severity: N,
    meaning:
      'The live policy has a lower max_age than one senders may still hold: caches that exist keep the old max_age, so a change relying on the shorter one must wait for the old caches to run out.',
    fix: 'Nothing to change; plan the next change after the time named here (`mta-sts-drift plan` counts it).',
  },
  'mode-downgrade-same-id': {
    severity: E,
    meaning:
      'The policy mode went down (enforce to testing or none, testing to none) under the same _mta-sts id: senders holding the stronger policy never refetch and keep applying it until it runs out (RFC 8461 §5.1).',
    fix: 'Publish a new id in the `_mta-sts.<domain>` TXT record so that senders fetch the lower mode.',
  },
} as const satisfies Record<string, CodeInfo>;

export type FindingCode = keyof typeof FINDING_CODES;

/** Codes that say "could not be observed": never drift on their own (issue #2, #3). */
export const UNKNOWN_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'sts-record-unknown',
  'policy-host-unknown',
  'policy-fetch-timeout',
  'address-blocked',
  'mx-timeout',
  'mx-host-unknown',
  'mx-unknown',
  'tlsrpt-unknown',
]);

export interface FindingDetails {
  readonly host?: string;
  readonly expected?: string;
  readonly observed?: string;
  readonly severity?: Severity;
}

/** Build a finding with the catalogue's severity and fix, the `<domain>` placeholder filled in. */
export function makeFinding(
  code: FindingCode,
  domain: string,
  message: string,
  details: FindingDetails = {},
): Finding {
  const info: CodeInfo = FINDING_CODES[code];
  return {
    code,
    severity: details.severity ?? info.severity,
    domain,
    ...(details.host === undefined ? {} : { host: details.host }),
    message,
    fix: info.fix.replaceAll('<domain>', domain),
    ...(details.expected === undefined ? {} : { expected: details.expected }),
    ...(details.observed === undefined ? {} : { observed: details.observed }),
    ...(UNKNOWN_CODES.has(code) ? { unknown: true } : {}),
  };
}

/** Whether a string is a known finding code (for validating `ignore` lists). */
export function isFindingCode(code: string): code is FindingCode {
  return Object.hasOwn(FINDING_CODES, code);
}
