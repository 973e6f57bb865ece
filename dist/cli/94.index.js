export const id = 94;
export const ids = [94];
export const modules = {

/***/ 4094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CHECK_OPTIONS: () => (/* binding */ CHECK_OPTIONS),
  DEFAULT_CONCURRENCY: () => (/* reexport */ DEFAULT_CONCURRENCY),
  DEFAULT_TIMEOUT_SECONDS: () => (/* reexport */ DEFAULT_TIMEOUT_SECONDS),
  USAGE: () => (/* binding */ USAGE),
  UsageError: () => (/* reexport */ UsageError),
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/core/fan-out.ts
/** MX hosts checked per domain, in preference order. */
const MAX_MX_HOSTS_PER_DOMAIN = 10;
/** Addresses contacted per host (an MX host, the domain itself without MX, or the policy host). */
const MAX_ADDRESSES_PER_HOST = 5;
/** The first `MAX_MX_HOSTS_PER_DOMAIN` targets (already in preference order) and the rest. */
function capMxTargets(targets) {
    return {
        checked: targets.slice(0, MAX_MX_HOSTS_PER_DOMAIN),
        skipped: targets.slice(MAX_MX_HOSTS_PER_DOMAIN),
    };
}
/**
 * The addresses to contact: at most `MAX_ADDRESSES_PER_HOST`, IPv4 and IPv6 taken in turn so that a long A list
 * cannot crowd out every AAAA (a sender with IPv6 may well use one). DNS order is kept within each family.
 */
function pickAddresses(addresses) {
    if (addresses.length <= MAX_ADDRESSES_PER_HOST)
        return [...addresses];
    const v6 = addresses.filter((a) => a.includes(':'));
    const v4 = addresses.filter((a) => !a.includes(':'));
    const picked = [];
    for (let i = 0; picked.length < MAX_ADDRESSES_PER_HOST; i++) {
        const four = v4[i];
        const six = v6[i];
        if (four !== undefined)
            picked.push(four);
        if (six !== undefined && picked.length < MAX_ADDRESSES_PER_HOST)
            picked.push(six);
    }
    return picked;
}
/** The addresses of a lookup that were not contacted because of the cap (empty when nothing was left out). */
function skippedAddresses(addresses) {
    if (addresses.status !== 'ok')
        return [];
    const picked = new Set(pickAddresses(addresses.value));
    return addresses.value.filter((a) => !picked.has(a));
}
/** A list for a finding message: the first few items and how many more. */
function listSome(items, shown = 5) {
    const head = items.slice(0, shown).join(', ');
    return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}

;// CONCATENATED MODULE: ./src/core/findings.ts
/**
 * The catalogue of finding codes: default severity, meaning and the one-sentence fix. README.md documents every code
 * listed here (a test keeps the two in step). Messages are written where the rule is enforced.
 */

const E = 'error';
const W = 'warning';
const N = 'notice';
const FINDING_CODES = {
    // The _mta-sts TXT record (RFC 8461 §3.1)
    'sts-record-missing': {
        severity: E,
        meaning: 'No TXT record beginning with v=STSv1 at _mta-sts.<domain>: senders do not use MTA-STS for the domain.',
        fix: 'Publish a TXT record "v=STSv1; id=<new id>" at _mta-sts.<domain>.',
    },
    'sts-record-multiple': {
        severity: E,
        meaning: 'More than one v=STSv1 record: RFC 8461 §3.1 says senders then treat the domain as having no policy.',
        fix: 'Delete all but one "v=STSv1" TXT record at _mta-sts.<domain>.',
    },
    'sts-record-invalid': {
        severity: E,
        meaning: 'The v=STSv1 record does not follow the RFC 8461 §3.1 grammar, so senders ignore it.',
        fix: 'Rewrite the record as "v=STSv1; id=<1-32 letters and digits>".',
    },
    'sts-id-invalid': {
        severity: E,
        meaning: 'The id is not 1 to 32 letters and digits (dashes, dots, colons and ISO timestamps are invalid).',
        fix: 'Use an id of 1 to 32 letters and digits only, for example 20241107T1200.',
    },
    'sts-id-missing': {
        severity: E,
        meaning: 'The record has no id field, so it is invalid.',
        fix: 'Add an id field: "v=STSv1; id=<1-32 letters and digits>".',
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
        fix: 'Publish A/AAAA records for mta-sts.<domain> pointing at the policy web server.',
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
        fix: 'Serve /.well-known/mta-sts.txt with status 200.',
    },
    'policy-content-type': {
        severity: E,
        meaning: 'The policy is not served as text/plain; strict senders reject it.',
        fix: 'Serve the policy with "Content-Type: text/plain".',
    },
    'policy-too-large': {
        severity: E,
        meaning: 'The response body exceeds 64 KiB, the limit senders apply.',
        fix: 'Serve only the policy: it must be well under 64 KiB.',
    },
    'policy-cert-expired': {
        severity: E,
        meaning: 'The policy host certificate has expired, so senders cannot fetch the policy.',
        fix: 'Renew the certificate of mta-sts.<domain>.',
    },
    'policy-cert-not-yet-valid': {
        severity: E,
        meaning: 'The policy host certificate is not valid yet.',
        fix: 'Install a certificate that is already valid, or fix the server clock.',
    },
    'policy-cert-untrusted': {
        severity: E,
        meaning: 'The policy host certificate does not chain to a trusted root (self-signed, private CA, missing intermediate).',
        fix: 'Install a certificate for mta-sts.<domain> from a public CA, with its full chain.',
    },
    'policy-cert-malformed': {
        severity: E,
        meaning: 'The policy host certificate cannot be read (for example a malformed validity date), so verifying senders refuse it.',
        fix: 'Reissue the certificate of mta-sts.<domain> with a standard CA tool.',
    },
    'policy-cert-name-mismatch': {
        severity: E,
        meaning: 'The policy host certificate is not valid for mta-sts.<domain>.',
        fix: 'Install a certificate whose names include mta-sts.<domain>.',
    },
    'policy-cert-expiring': {
        severity: W,
        meaning: 'The policy host certificate expires within the warning threshold.',
        fix: 'Renew the certificate of mta-sts.<domain> before it expires.',
    },
    'policy-addresses-differ': {
        severity: E,
        meaning: 'Different addresses of the policy host (for example CDN edges) serve different policies.',
        fix: 'Make every address of mta-sts.<domain> (every CDN edge) serve the same policy; purge stale caches.',
    },
    'policy-without-record': {
        severity: W,
        meaning: 'No TXT record, but the policy host still serves an active policy that caches may keep enforcing.',
        fix: 'Publish the _mta-sts TXT record, or publish "mode: none" until cached policies expire (RFC 8461 §8.3).',
    },
    'addresses-truncated': {
        severity: N,
        meaning: `A host (MX or policy host) publishes more than ${MAX_ADDRESSES_PER_HOST} addresses; only ${MAX_ADDRESSES_PER_HOST} of them were contacted.`,
        fix: 'Nothing to change if the host is meant to have that many addresses; the others were not checked.',
    },
    'address-blocked': {
        severity: N,
        meaning: 'An address is loopback, private or otherwise not public, so it was not contacted.',
        fix: 'Use public addresses, or pass --allow-private-addresses for internal mail systems.',
    },
    // The policy body (RFC 8461 §3.2)
    'policy-line-invalid': {
        severity: E,
        meaning: 'A line of the policy is not "key: value".',
        fix: 'Write every line as "key: value".',
    },
    'policy-version-missing': {
        severity: E,
        meaning: 'The policy has no version line.',
        fix: 'Add the line "version: STSv1".',
    },
    'policy-version-invalid': {
        severity: E,
        meaning: 'The version is not STSv1.',
        fix: 'Set "version: STSv1".',
    },
    'policy-mode-missing': {
        severity: E,
        meaning: 'The policy has no mode line (keys are case-sensitive: "Mode" does not count).',
        fix: 'Add "mode: enforce", "mode: testing" or "mode: none".',
    },
    'policy-mode-invalid': {
        severity: E,
        meaning: 'The mode is not enforce, testing or none.',
        fix: 'Set mode to enforce, testing or none (lower case).',
    },
    'policy-max-age-missing': {
        severity: E,
        meaning: 'The policy has no max_age line.',
        fix: 'Add "max_age: 604800" (a week) or longer.',
    },
    'policy-max-age-invalid': {
        severity: E,
        meaning: 'max_age is not a number of 1 to 10 digits.',
        fix: 'Set max_age to a whole number of seconds, for example 604800.',
    },
    'policy-max-age-too-large': {
        severity: E,
        meaning: 'max_age exceeds 31557600 seconds (one year).',
        fix: 'Set max_age to at most 31557600 (one year).',
    },
    'policy-max-age-short': {
        severity: W,
        meaning: 'max_age is under a day in enforce mode: caches expire quickly and protection is weak.',
        fix: 'Raise max_age to at least 86400; 604800 to 31557600 is usual in enforce mode.',
    },
    'policy-mx-invalid': {
        severity: E,
        meaning: 'An mx value is not a host name or a *. wildcard (IP addresses and inner wildcards are invalid).',
        fix: 'Write each mx as a host name or "*." plus a host name, without IP addresses.',
    },
    'policy-mx-missing': {
        severity: E,
        meaning: 'A policy in enforce or testing mode lists no mx.',
        fix: 'Add one "mx:" line for each MX host (or wildcard) that receives mail.',
    },
    'policy-duplicate-key': {
        severity: W,
        meaning: 'A key other than mx appears twice; senders disagree on which value wins.',
        fix: 'Keep each key once (only mx may repeat).',
    },
    'policy-key-case': {
        severity: W,
        meaning: 'A key differs from a known key only in case, so senders ignore it.',
        fix: 'Write keys in lower case: version, mode, max_age, mx.',
    },
    'policy-unknown-key': {
        severity: N,
        meaning: 'A key RFC 8461 does not define; senders ignore it.',
        fix: 'Remove the line, or ignore this notice if it is intentional.',
    },
    'policy-blank-line': {
        severity: N,
        meaning: 'The policy contains a blank line.',
        fix: 'Remove blank lines from the policy file.',
    },
    // MX hosts (RFC 8461 §4)
    'mx-not-covered': {
        severity: E,
        meaning: 'An MX host matches no mx pattern of the policy: enforcing senders refuse to deliver to it.',
        fix: 'Add an mx line for the host to the policy, then publish a new id in the _mta-sts record.',
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
        meaning: 'The MX host certificate cannot be read (for example a malformed validity date), so verifying senders refuse it.',
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
        meaning: 'The MX host accepts connections but no SMTP dialogue (garbage, endless or oversized replies, a rejecting greeting), so no sender can deliver there; an error under enforce, a warning otherwise.',
        fix: 'Fix the SMTP service on the MX host, or remove its MX record: it did not answer as an SMTP server should.',
    },
    'mx-timeout-confirmed': {
        severity: E,
        meaning: 'An MX address timed out twice, a few seconds apart, while other MX hosts in the same run answered on port 25: the host is at fault, not the network; an error under enforce, a warning otherwise.',
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
        meaning: 'The domain itself does not exist (NXDOMAIN), so nothing under it exists either (RFC 8020): often a typo in domains.yml.',
        fix: 'Check the spelling of <domain> in domains.yml, or remove the entry if the domain is gone.',
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
        fix: 'Send the probes through a SOCKS5 proxy (input smtp-proxy, --smtp-proxy), or run where outbound port 25 is open (a self-hosted runner).',
    },
    // The run itself (issue #10 part 3): said once, not per domain
    'dns-unavailable': {
        severity: E,
        meaning: 'More than half of the DNS lookups of the run failed or timed out (SERVFAIL, REFUSED, timeout): the monitor is blind, so the run fails instead of staying green.',
        fix: 'Check the resolver this runs with (--dns-server), the network, or the name servers of the domains; then run again.',
    },
    'smtp-proxy-failed': {
        severity: E,
        meaning: 'The SOCKS5 proxy for the port-25 probes failed (down, or it refused the credentials or the request): MX TLS was not checked.',
        fix: 'Check that the proxy (for example the ssh -D tunnel) is up and its user and password are right (smtp-proxy, --smtp-proxy).',
    },
    // Verdicts
    'mail-bounces': {
        severity: E,
        meaning: 'The policy is valid and enforcing and no MX host passes: enforcing senders bounce all mail for the domain.',
        fix: 'Fix the MX findings of this domain, or switch the policy to "mode: testing" and publish a new id.',
    },
    'bounces-if-enforced': {
        severity: W,
        meaning: 'The policy is in testing mode and no MX host passes: switching to enforce would bounce all mail.',
        fix: 'Fix the MX findings before switching the policy to "mode: enforce".',
    },
    // TLS-RPT (RFC 8460 §3)
    'tlsrpt-missing': {
        severity: N,
        meaning: 'No v=TLSRPTv1 record at _smtp._tls.<domain>: nobody is told when TLS delivery fails.',
        fix: 'Publish "v=TLSRPTv1; rua=mailto:<address>" at _smtp._tls.<domain> to receive failure reports.',
    },
    'tlsrpt-multiple': {
        severity: W,
        meaning: 'More than one v=TLSRPTv1 record: senders ignore them all.',
        fix: 'Delete all but one "v=TLSRPTv1" TXT record at _smtp._tls.<domain>.',
    },
    'tlsrpt-record-invalid': {
        severity: W,
        meaning: 'The TLS-RPT record does not follow the RFC 8460 §3 grammar.',
        fix: 'Rewrite the record as "v=TLSRPTv1; rua=mailto:<address>".',
    },
    'tlsrpt-rua-invalid': {
        severity: W,
        meaning: 'A rua URI is not mailto: or https:, or is malformed.',
        fix: 'Use mailto: or https: URIs, with "," and "!" percent-encoded.',
    },
    'tlsrpt-rua-missing': {
        severity: W,
        meaning: 'The TLS-RPT record has no rua field.',
        fix: 'Add rua=mailto:<address> to the record.',
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
        meaning: 'The policy changed since an earlier run but the _mta-sts id did not: senders holding the old policy keep it for up to max_age.',
        fix: 'Publish a new id in the _mta-sts TXT record so that senders fetch the changed policy.',
    },
};
/** Codes that say "could not be observed": never drift on their own (issue #2, #3). */
const UNKNOWN_CODES = new Set([
    'sts-record-unknown',
    'policy-host-unknown',
    'policy-fetch-timeout',
    'address-blocked',
    'mx-timeout',
    'mx-host-unknown',
    'mx-unknown',
    'tlsrpt-unknown',
]);
/** Build a finding with the catalogue's severity and fix, the `<domain>` placeholder filled in. */
function makeFinding(code, domain, message, details = {}) {
    const info = FINDING_CODES[code];
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
function isFindingCode(code) {
    return Object.hasOwn(FINDING_CODES, code);
}

;// CONCATENATED MODULE: ./src/core/certificates.ts
const OLD_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);
const DAY_MS = 86_400_000;
/** OpenSSL's verdicts for a validity field it cannot parse (X509_V_ERR_ERROR_IN_CERT_NOT_*_FIELD). */
const MALFORMED_ERRORS = new Set(['ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);
/**
 * The first fault a verifying sender would stop at, in the order it checks. A certificate that cannot be read
 * (issue #11 item 1) is refused before its dates are judged, since they may be the part that is unreadable.
 */
function classifyTls(tls, now) {
    if (tls.protocol !== null && OLD_PROTOCOLS.has(tls.protocol))
        return 'old-tls';
    if ((tls.certificateProblems?.length ?? 0) > 0 || MALFORMED_ERRORS.has(tls.verifyError ?? '')) {
        return 'cert-malformed';
    }
    const cert = tls.certificate;
    if (tls.verifyError === 'CERT_HAS_EXPIRED' || isBefore(cert?.notAfter, now.getTime())) {
        return 'cert-expired';
    }
    if (tls.verifyError === 'CERT_NOT_YET_VALID' || isBefore(now.getTime(), cert?.notBefore)) {
        return 'cert-not-yet-valid';
    }
    if (!tls.chainTrusted)
        return 'cert-untrusted';
    if (!tls.nameMatches)
        return 'name-mismatch';
    return 'ok';
}
/** `a < b` for two instants given as ISO strings or milliseconds; false when either is missing or unreadable. */
function isBefore(a, b) {
    const ms = (t) => typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
    return ms(a) < ms(b);
}
/** Whole days from `now` until `notAfter` (negative when already expired). */
function daysUntil(notAfter, now) {
    return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}
/** A short human description of a fault, naming the certificate where it helps. */
function describeTlsFault(fault, tls, name) {
    const cert = tls.certificate;
    switch (fault) {
        case 'old-tls':
            return `negotiated ${tls.protocol ?? 'an old protocol'}, but RFC 8461 §4.2 requires TLS 1.2 or later`;
        case 'cert-malformed': {
            const what = [
                ...(tls.certificateProblems ?? []),
                ...(tls.verifyError === null ? [] : [tls.verifyError]),
            ];
            return `the certificate cannot be read, so verifying senders refuse it (${JSON.stringify(what.join('; '))})`;
        }
        case 'cert-expired':
            return `the certificate expired on ${cert?.notAfter ?? 'an earlier date'}`;
        case 'cert-not-yet-valid':
            return `the certificate is not valid before ${cert?.notBefore ?? 'a later date'}`;
        case 'cert-untrusted':
            return `the certificate does not chain to a trusted root (${tls.verifyError ?? 'unverified'}; issuer ${JSON.stringify(cert?.issuer ?? '?')})`;
        case 'name-mismatch':
            return `the certificate is not valid for ${name} (names: ${JSON.stringify(cert?.dnsNames ?? [])})`;
        case 'ok':
            return 'the certificate is valid';
    }
}

;// CONCATENATED MODULE: ./src/core/judge-mx-host.ts
/**
 * One MX host judged as an RFC 8461 sender would (§4.2): STARTTLS offered, TLS 1.2 or later, a certificate that
 * chains to a trusted root, is in date and is valid for the MX host name, on every address that answers.
 */



const FAULT_STATUS = {
    'old-tls': { status: 'old-tls', code: 'mx-tls-old' },
    // A certificate no verifier can read is refused like an untrusted one (issue #11 item 1).
    'cert-malformed': { status: 'cert-untrusted', code: 'mx-cert-malformed' },
    'cert-expired': { status: 'cert-expired', code: 'mx-cert-expired' },
    'cert-not-yet-valid': { status: 'cert-expired', code: 'mx-cert-expired' },
    'cert-untrusted': { status: 'cert-untrusted', code: 'mx-cert-untrusted' },
    'name-mismatch': { status: 'name-mismatch', code: 'mx-cert-name-mismatch' },
};
/** Severity of a TLS fault on an MX: it blocks mail only where the policy enforces. */
function tlsSeverity(mode) {
    if (mode === 'enforce')
        return 'error';
    if (mode === 'testing')
        return 'warning';
    return 'notice';
}
function judgeProbe(ctx, probe, out) {
    const { domain: d, host, now, severity } = ctx;
    // A host no sender can talk to blocks mail whatever the mode: an error under enforce, else a warning.
    const deadSeverity = severity === 'error' ? 'error' : 'warning';
    const at = `${host} (${probe.address})`;
    const details = { host, observed: probe.address };
    switch (probe.outcome) {
        case 'blocked':
            out.push(makeFinding('address-blocked', d, `Not probed ${at}: ${probe.error}.`, details));
            return { status: 'not-checked', ok: null, notAfter: null };
        case 'proxy-failed':
            // Said once for the run (smtp-proxy-failed, issue #10 part 2): the proxy failed, not this host.
            return { status: 'not-checked', ok: null, notAfter: null };
        case 'timeout':
            if (probe.confirmed === true) {
                const message = `${at} accepted no SMTP dialogue, twice, while other MX hosts answered on port 25 (${probe.error}).`;
                out.push(makeFinding('mx-timeout-confirmed', d, message, { ...details, severity: deadSeverity }));
                return { status: 'no-smtp', ok: false, notAfter: null };
            }
            out.push(makeFinding('mx-timeout', d, `The SMTP probe of ${at} timed out (${probe.error}).`, details));
            return { status: 'unreachable', ok: null, notAfter: null };
        case 'unreachable':
            out.push(makeFinding('mx-unreachable', d, `${at} does not accept connections on port 25: ${probe.error}.`, details));
            return { status: 'unreachable', ok: null, notAfter: null };
        case 'protocol-error':
            // A host that takes the connection and then never completes the dialogue blocks the senders that pick it:
            // a fault, and part of the bounce verdict (issue #11 item 9).
            out.push(makeFinding('mx-smtp-error', d, `${at} did not speak SMTP as expected: ${probe.error}.`, {
                ...details,
                severity: deadSeverity,
            }));
            return { status: 'no-smtp', ok: false, notAfter: null };
        case 'no-starttls':
            out.push(makeFinding('mx-starttls-missing', d, `${at} does not offer STARTTLS, which RFC 8461 §4.2 requires.`, { ...details, severity }));
            return { status: 'no-starttls', ok: false, notAfter: null };
        case 'tls-failed':
            out.push(makeFinding('mx-tls-failed', d, `The TLS handshake with ${at} failed: ${probe.error}.`, {
                ...details,
                severity,
            }));
            return { status: 'tls-failed', ok: false, notAfter: null };
        case 'tls':
            break;
    }
    const notAfter = probe.tls.certificate?.notAfter ?? null;
    const fault = classifyTls(probe.tls, now);
    if (fault !== 'ok') {
        const { status, code } = FAULT_STATUS[fault];
        out.push(makeFinding(code, d, `${at}: ${describeTlsFault(fault, probe.tls, host)}.`, { ...details, severity }));
        return { status, ok: false, notAfter };
    }
    if (notAfter !== null && daysUntil(notAfter, now) < ctx.warningDays) {
        out.push(makeFinding('mx-cert-expiring', d, `The certificate of ${at} expires on ${notAfter}, in ${daysUntil(notAfter, now)} days.`, { host, expected: `more than ${ctx.warningDays} days`, observed: notAfter }));
    }
    return { status: 'ok', ok: true, notAfter };
}
/** Combine the addresses of one host: one failing address fails the host, since a sender may pick it. */
function judgeHost(ctx, obs, out) {
    const { domain: d, host } = ctx;
    if (obs === undefined || obs.addresses.status === 'unknown') {
        const reason = obs?.addresses.status === 'unknown' ? obs.addresses.reason : 'not looked up';
        out.push(makeFinding('mx-host-unknown', d, `The address lookup of MX host ${host} failed (${reason}).`, {
            host,
        }));
        return { status: 'not-checked', ok: null, notAfter: null };
    }
    if (obs.addresses.status === 'absent') {
        out.push(makeFinding('mx-host-missing', d, `MX host ${host} has no A or AAAA record, so no sender can deliver to it.`, { host }));
        return { status: 'unreachable', ok: null, notAfter: null };
    }
    if (obs.smtp === null)
        return { status: 'not-checked', ok: null, notAfter: null };
    const skipped = skippedAddresses(obs.addresses);
    if (skipped.length > 0) {
        const message = `MX host ${host} has ${obs.addresses.value.length} addresses; only ${MAX_ADDRESSES_PER_HOST} were probed, not ${listSome(skipped)}.`;
        out.push(makeFinding('addresses-truncated', d, message, { host, observed: String(obs.addresses.value.length) }));
    }
    const verdicts = obs.smtp.map((probe) => judgeProbe(ctx, probe, out));
    // A TLS fault fails the host: a sender may pick that address, and must not deliver there.
    const failed = verdicts.find((v) => v.ok === false && v.status !== 'no-smtp');
    const notAfters = verdicts
        .map((v) => v.notAfter)
        .filter((n) => n !== null)
        .sort();
    const notAfter = notAfters[0] ?? null;
    if (failed !== undefined)
        return { status: failed.status, ok: false, notAfter };
    // An address that refuses connections, or never completes a greeting, is skipped by senders, who try the next
    // one (RFC 5321 §5.1).
    if (verdicts.some((v) => v.ok === true))
        return { status: 'ok', ok: true, notAfter };
    // No address passes: the host is dead when every address is (issue #11 item 9), unknown while one is unknown.
    if (verdicts.length > 0 && verdicts.every((v) => v.status === 'no-smtp')) {
        return { status: 'no-smtp', ok: false, notAfter };
    }
    const unknown = verdicts.find((v) => v.status !== 'no-smtp') ?? verdicts[0];
    return { status: unknown?.status ?? 'not-checked', ok: null, notAfter };
}

;// CONCATENATED MODULE: ./src/core/mx-pattern.ts
/**
 * MX host patterns, RFC 8461 §3.2 and §4.1. A pattern is a host name or `*.` plus a host name; the wildcard
 * covers exactly one left-most label: `*.example.com` matches `mx1.example.com`, but neither `example.com` nor
 * `a.b.example.com`. Matching is case-insensitive and ignores a trailing dot.
 */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** Lower case, one trailing dot removed. */
function normalizeHost(name) {
    return name.trim().toLowerCase().replace(/\.$/, '');
}
/** A host name in A-label form with at least two labels, not an IP address. */
function isValidHostName(name) {
    const host = normalizeHost(name);
    if (host.length === 0 || host.length > 253 || IPV4.test(host) || host.includes(':'))
        return false;
    const labels = host.split('.');
    return labels.length >= 2 && labels.every((label) => LABEL.test(label));
}
/** RFC 8461 §3.2 `sts-policy-mx-value = ["*."] Domain`: no bare `*`, no `*` inside a label, no IP address. */
function isValidMxPattern(pattern) {
    const p = normalizeHost(pattern);
    return isValidHostName(p.startsWith('*.') ? p.slice(2) : p);
}
/** Does the MX host name match the pattern? (RFC 8461 §4.1) */
function matchesMxPattern(pattern, host) {
    const p = normalizeHost(pattern);
    const h = normalizeHost(host);
    if (!p.startsWith('*.'))
        return p === h;
    const suffix = p.slice(1); // ".example.com"
    if (!h.endsWith(suffix))
        return false;
    const label = h.slice(0, h.length - suffix.length);
    return label.length > 0 && !label.includes('.');
}
/** The first pattern that matches the host, or null. */
function findMatchingPattern(patterns, host) {
    return patterns.find((pattern) => matchesMxPattern(pattern, host)) ?? null;
}

;// CONCATENATED MODULE: ./src/core/assess-mx.ts
/**
 * Per MX host: would an RFC 8461 sender deliver to it? (§4.1 pattern match, §4.2 certificate checks.)
 * Every MX that may be used must pass, backups included (§8.4).
 */




/** The MX hosts a sender would use: the MX records, or the domain itself when there are none (RFC 5321 §5.1). */
function mxTargets(domain, mx) {
    if (mx.status === 'unknown')
        return 'unknown';
    if (mx.status === 'absent')
        return [{ host: domain, preference: 0 }];
    if (mx.value.some((r) => r.exchange === ''))
        return 'null-mx';
    return [...mx.value]
        .sort((a, b) => a.preference - b.preference)
        .map((r) => ({ host: r.exchange, preference: r.preference }));
}
/** Assess every MX host of the domain against the live policy (or, with `policy` null, TLS alone). */
function assessMx(obs, policy, now, warningDays) {
    const d = obs.domain;
    const findings = [];
    const targets = mxTargets(d, obs.mx);
    if (targets === 'unknown') {
        const reason = obs.mx.status === 'unknown' ? obs.mx.reason : '';
        findings.push(makeFinding('mx-unknown', d, `The MX lookup of ${d} failed (${reason}).`));
        return { reports: [], findings, known: false, nullMx: false };
    }
    if (targets === 'null-mx') {
        findings.push(makeFinding('mx-null', d, `${d} publishes a null MX (RFC 7505): it accepts no mail.`));
        return { reports: [], findings, known: true, nullMx: true };
    }
    if (obs.mx.status === 'absent') {
        findings.push(makeFinding('mx-implicit', d, `${d} has no MX record, so senders deliver to ${d} itself (RFC 5321 §5.1).`));
    }
    const severity = tlsSeverity(policy?.mode ?? null);
    // Only the first hosts by preference are probed (issue #11 item 6); the others are still matched against the
    // policy, which costs no connection, and their TLS is "not checked".
    const { skipped } = capMxTargets(targets);
    if (skipped.length > 0) {
        const names = skipped.map((t) => t.host);
        findings.push(makeFinding('mx-hosts-truncated', d, `${d} has ${targets.length} MX hosts; only the first ${MAX_MX_HOSTS_PER_DOMAIN} by preference were checked, not ${listSome(names)}.`, { expected: `at most ${MAX_MX_HOSTS_PER_DOMAIN}`, observed: String(targets.length) }));
    }
    const notProbed = new Set(skipped.map((t) => t.host));
    const reports = targets.map(({ host, preference }) => {
        const tls = notProbed.has(host)
            ? { status: 'not-checked', ok: null, notAfter: null }
            : judgeHost({ domain: d, host, now, warningDays, severity }, obs.mxHosts[host], findings);
        const pattern = policy === null ? null : findMatchingPattern(policy.mx, host);
        const matched = policy === null ? null : pattern !== null;
        if (policy !== null && policy.mode !== 'none' && !matched) {
            const message = `MX host ${host} matches no mx pattern of the policy (${policy.mx.join(', ') || 'none'}), so enforcing senders refuse it (RFC 8461 §4.1).`;
            findings.push(makeFinding('mx-not-covered', d, message, {
                host,
                severity: policy.mode === 'enforce' ? 'error' : 'warning',
                expected: policy.mx.join(', '),
                observed: host,
            }));
        }
        const enforceOk = matched === false || tls.ok === false ? false : matched === true && tls.ok === true ? true : null;
        return { host, preference, matched, tls: tls.status, notAfter: tls.notAfter, enforceOk };
    });
    if (reports.some((r) => r.tls === 'not-checked') &&
        Object.values(obs.mxHosts).some((h) => h.smtp === null)) {
        const reason = Object.values(obs.mxHosts).find((h) => h.notCheckedReason !== undefined)?.notCheckedReason ??
            'disabled';
        findings.push(makeFinding('mx-tls-not-checked', d, `MX TLS was not checked: ${reason}.`));
    }
    return { reports, findings, known: true, nullMx: false };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/core/problems.ts
/** Collects problems while a parser walks its input. */
class ProblemList {
    errors = [];
    warnings = [];
    notices = [];
    error(code, message) {
        this.errors.push({ code, message });
    }
    warn(code, message) {
        this.warnings.push({ code, message });
    }
    notice(code, message) {
        this.notices.push({ code, message });
    }
    outcome(value) {
        return {
            value: this.errors.length === 0 ? value : null,
            errors: this.errors,
            warnings: this.warnings,
            notices: this.notices,
        };
    }
}
/** JSON.stringify for quoting remote text inside messages: visible quotes, escaped control characters. */
function quote(text, max = 80) {
    const cut = text.length > max ? `${text.slice(0, max)}…` : text;
    return JSON.stringify(cut);
}

;// CONCATENATED MODULE: ./src/core/judge-policy-fetch.ts
/**
 * One HTTPS fetch of the policy, judged as an RFC 8461 sender would (§3.3): the connection, then the certificate
 * (valid for mta-sts.<domain>, trusted, in date), then the HTTP answer (200, text/plain, at most 64 KiB).
 */




const TLS_CODES = {
    'old-tls': 'policy-fetch-failed',
    'cert-malformed': 'policy-cert-malformed',
    'cert-expired': 'policy-cert-expired',
    'cert-not-yet-valid': 'policy-cert-not-yet-valid',
    'cert-untrusted': 'policy-cert-untrusted',
    'name-mismatch': 'policy-cert-name-mismatch',
};
/** Failures before any HTTP answer; null when there is a response to judge. */
function judgeTransport(ctx, fetch) {
    const at = `${ctx.host} (${fetch.address})`;
    const details = { host: ctx.host, observed: fetch.address };
    switch (fetch.outcome) {
        case 'blocked':
            return makeFinding('address-blocked', ctx.domain, `Not fetched from ${at}: ${fetch.error}.`, details);
        case 'timeout':
            return makeFinding('policy-fetch-timeout', ctx.domain, `Fetching the policy from ${at} timed out (${fetch.error}).`, details);
        case 'unreachable':
        case 'tls-failed':
            return makeFinding('policy-fetch-failed', ctx.domain, `Fetching the policy from ${at} failed: ${fetch.error}.`, details);
        case 'response':
            return null;
    }
}
/** The certificate: a fault stops senders; one close to expiry is a warning. */
function judgeCertificate(ctx, fetch, out) {
    const fault = classifyTls(fetch.tls, ctx.now);
    if (fault !== 'ok') {
        const why = describeTlsFault(fault, fetch.tls, ctx.host);
        const message = `Senders cannot fetch the policy from ${ctx.host} (${fetch.address}): ${why}.`;
        out.push(makeFinding(TLS_CODES[fault], ctx.domain, message, { host: ctx.host, observed: fetch.address }));
        return false;
    }
    const notAfter = fetch.tls.certificate?.notAfter ?? null;
    if (notAfter !== null && daysUntil(notAfter, ctx.now) < ctx.warningDays) {
        const message = `The certificate of ${ctx.host} expires on ${notAfter}, in ${daysUntil(notAfter, ctx.now)} days.`;
        const details = { host: ctx.host, expected: `more than ${ctx.warningDays} days`, observed: notAfter };
        out.push(makeFinding('policy-cert-expiring', ctx.domain, message, details));
    }
    return true;
}
/** The HTTP answer: only a direct 200 with text/plain within 64 KiB is a policy. */
function judgeAnswer(ctx, fetch) {
    const at = `${ctx.host} (${fetch.address})`;
    const status = { host: ctx.host, expected: '200', observed: String(fetch.statusCode) };
    if (fetch.statusCode >= 300 && fetch.statusCode < 400) {
        const message = `${at} answers ${fetch.statusCode} redirecting to ${quote(fetch.location ?? '')}; senders do not follow redirects (RFC 8461 §3.3).`;
        return makeFinding('policy-redirect', ctx.domain, message, status);
    }
    if (fetch.statusCode !== 200) {
        const message = `${at} answers HTTP ${fetch.statusCode} for the policy; only 200 counts (RFC 8461 §3.3).`;
        return makeFinding('policy-http-status', ctx.domain, message, status);
    }
    const mediaType = (fetch.contentType ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'text/plain') {
        const message = `${at} serves the policy as ${quote(fetch.contentType ?? 'no Content-Type')}, not text/plain (RFC 8461 §3.2).`;
        return makeFinding('policy-content-type', ctx.domain, message, {
            host: ctx.host,
            expected: 'text/plain',
            observed: fetch.contentType ?? '',
        });
    }
    if (fetch.truncated) {
        const message = `${at} serves a policy body over 64 KiB (RFC 8461 §3.3 limit).`;
        return makeFinding('policy-too-large', ctx.domain, message, { host: ctx.host, observed: fetch.address });
    }
    return null;
}
/** The body if a sender would accept this fetch, else null with the reason added to `out`. */
function judgePolicyFetch(ctx, fetch, out) {
    const transport = judgeTransport(ctx, fetch);
    if (transport !== null || fetch.outcome !== 'response') {
        if (transport !== null)
            out.push(transport);
        return null;
    }
    if (!judgeCertificate(ctx, fetch, out))
        return null;
    const answer = judgeAnswer(ctx, fetch);
    if (answer !== null) {
        out.push(answer);
        return null;
    }
    return fetch.body ?? '';
}
/** The policy host's addresses left out by the cap (issue #11 item 6), as a finding in `out`. */
function judgePolicyAddresses(ctx, addresses, out) {
    const skipped = skippedAddresses(addresses);
    if (skipped.length === 0 || addresses.status !== 'ok')
        return;
    const count = addresses.value.length;
    const message = `${ctx.host} has ${count} addresses; the policy was fetched from ${MAX_ADDRESSES_PER_HOST} of them, not from ${listSome(skipped)}.`;
    out.push(makeFinding('addresses-truncated', ctx.domain, message, { host: ctx.host, observed: String(count) }));
}

;// CONCATENATED MODULE: ./src/core/policy.ts
/**
 * The MTA-STS policy file, RFC 8461 §3.2. Lines are `key: value`, separated by CRLF or LF (the ABNF allows
 * both; erratum 6253). Keys are case-sensitive; unknown keys are ignored; for a repeated key other than `mx`
 * the first value wins.
 */


/** RFC 8461 §3.2: "maximum value of 31557600" seconds (one year). */
const MAX_AGE_LIMIT = 31_557_600;
/** Below a day, an enforcing policy expires from caches quickly and gives little protection (RFC 8461 §3.2 advice). */
const MAX_AGE_SHORT = 86_400;
const MODES = ['enforce', 'testing', 'none'];
const KNOWN_KEYS = ['version', 'mode', 'max_age', 'mx'];
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** Split the body into fields; malformed lines are reported with their line number. */
function splitFields(body, problems) {
    const fields = [];
    const lines = body.split(/\r?\n/);
    if (lines.at(-1) === '')
        lines.pop();
    lines.forEach((raw, index) => {
        const line = index + 1;
        if (raw.trim() === '') {
            problems.notice('policy-blank-line', `Line ${line} is blank; strict parsers may reject blank lines.`);
            return;
        }
        const colon = raw.indexOf(':');
        const key = colon < 0 ? '' : raw.slice(0, colon);
        if (colon < 0 || !EXT_NAME.test(key)) {
            problems.error('policy-line-invalid', `Line ${line} is not of the form "key: value": ${quote(raw)}.`);
            return;
        }
        fields.push({ key, value: raw.slice(colon + 1).trim(), line });
    });
    return fields;
}
/** The first occurrence of each non-`mx` key wins; later ones are flagged because some senders keep the last. */
function firstValues(fields, problems) {
    const first = new Map();
    for (const field of fields) {
        if (field.key === 'mx')
            continue;
        const seen = first.get(field.key);
        if (seen === undefined) {
            first.set(field.key, field);
        }
        else {
            problems.warn('policy-duplicate-key', `Key "${field.key}" appears again on line ${field.line}; RFC 8461 senders use the first value (line ${seen.line}), some use the last.`);
        }
    }
    return first;
}
function checkKeys(fields, problems) {
    for (const field of fields) {
        if (KNOWN_KEYS.includes(field.key))
            continue;
        const lower = field.key.toLowerCase();
        if (KNOWN_KEYS.includes(lower)) {
            problems.warn('policy-key-case', `Key "${field.key}" on line ${field.line} is not "${lower}": keys are case-sensitive, so senders ignore it.`);
        }
        else {
            problems.notice('policy-unknown-key', `Key "${field.key}" on line ${field.line} is not defined by RFC 8461 and is ignored.`);
        }
    }
}
function parseMode(field, problems) {
    if (field === undefined) {
        problems.error('policy-mode-missing', 'The policy has no "mode" field (RFC 8461 §3.2 requires one).');
        return 'none';
    }
    if (MODES.includes(field.value))
        return field.value;
    problems.error('policy-mode-invalid', `mode ${quote(field.value)} on line ${field.line} is not one of enforce, testing, none.`);
    return 'none';
}
function parseMaxAge(field, mode, problems) {
    if (field === undefined) {
        problems.error('policy-max-age-missing', 'The policy has no "max_age" field (RFC 8461 §3.2 requires one).');
        return 0;
    }
    if (!/^[0-9]{1,10}$/.test(field.value)) {
        problems.error('policy-max-age-invalid', `max_age ${quote(field.value)} on line ${field.line} is not 1 to 10 digits.`);
        return 0;
    }
    const maxAge = Number(field.value);
    if (maxAge > MAX_AGE_LIMIT) {
        problems.error('policy-max-age-too-large', `max_age ${maxAge} is above the RFC 8461 §3.2 maximum of ${MAX_AGE_LIMIT}; some senders reject the policy.`);
    }
    else if (mode === 'enforce' && maxAge < MAX_AGE_SHORT) {
        problems.warn('policy-max-age-short', `max_age ${maxAge} is under a day; enforcing senders forget the policy quickly, which weakens protection.`);
    }
    return maxAge;
}
function parseMx(fields, mode, problems) {
    const patterns = [];
    for (const field of fields.filter((f) => f.key === 'mx')) {
        if (isValidMxPattern(field.value)) {
            patterns.push(field.value.toLowerCase().replace(/\.$/, ''));
        }
        else {
            problems.error('policy-mx-invalid', `mx ${quote(field.value)} on line ${field.line} is not a host name or "*." plus a host name (RFC 8461 §3.2).`);
        }
    }
    if (patterns.length === 0 &&
        mode !== 'none' &&
        !problems.errors.some((e) => e.code === 'policy-mx-invalid')) {
        problems.error('policy-mx-missing', `A policy in mode "${mode}" needs at least one "mx" line (RFC 8461 §3.2).`);
    }
    return patterns;
}
/** Parse a policy body. Values are returned only when there are no errors. */
function parsePolicy(body) {
    const problems = new ProblemList();
    const fields = splitFields(body, problems);
    const first = firstValues(fields, problems);
    checkKeys(fields, problems);
    const version = first.get('version');
    if (version === undefined) {
        problems.error('policy-version-missing', 'The policy has no "version" field; it must be "version: STSv1".');
    }
    else if (version.value !== 'STSv1') {
        problems.error('policy-version-invalid', `version ${quote(version.value)} is not "STSv1".`);
    }
    const mode = parseMode(first.get('mode'), problems);
    const maxAge = parseMaxAge(first.get('max_age'), mode, problems);
    const mx = parseMx(fields, mode, problems);
    return problems.outcome({ version: 'STSv1', mode, maxAge, mx });
}

;// CONCATENATED MODULE: ./src/core/split-fields.ts
/**
 * Splitting a record on a separator with optional blanks around it (`*WSP ";" *WSP`, RFC 8461 §3.1 and
 * RFC 8460 §3), in linear time. Splitting on the regular expression "blanks, separator, blanks" does the same job,
 * but a backtracking engine retries the run of blanks from every position when no separator follows: a 64 KiB TXT
 * record of spaces took seconds (issue #11 item 8).
 */
const isBlank = (code) => code === 0x20 || code === 0x09;
/**
 * Splits `text` on `separator` (one character), removing the spaces and tabs next to each separator, and only
 * those: blanks at the very start and end of `text` are kept, as the regular expression kept them.
 */
function split_fields_splitFields(text, separator) {
    const fields = [];
    let start = 0;
    for (;;) {
        const at = text.indexOf(separator, start);
        const end = at === -1 ? text.length : at;
        let from = start;
        let to = end;
        if (fields.length > 0)
            while (from < to && isBlank(text.charCodeAt(from)))
                from++;
        if (at !== -1)
            while (to > from && isBlank(text.charCodeAt(to - 1)))
                to--;
        fields.push(text.slice(from, to));
        if (at === -1)
            return fields;
        start = at + separator.length;
    }
}

;// CONCATENATED MODULE: ./src/core/sts-record.ts
/**
 * The `_mta-sts` TXT record, RFC 8461 §3.1:
 *
 *   sts-text-record = sts-version 1*(sts-sep sts-field) [sts-sep]
 *   sts-version     = %s"v=STSv1"
 *   sts-sep         = *WSP %x3B *WSP
 *   sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 *   sts-extension   = sts-ext-name "=" sts-ext-value
 */


const STS_RECORD_PREFIX = 'v=STSv1';
/** RFC 8461 §3.1: `1*32(ALPHA / DIGIT)`. */
const STS_ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;
const sts_record_EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** Printable US-ASCII except `;` and `=` (RFC 8461 §3.1 sts-ext-value). */
const EXT_VALUE = /^[\x21-\x3A\x3C\x3E-\x7E]+$/;
/**
 * RFC 8461 §3.1: "Records that do not begin with 'v=STSv1;' are discarded." Unrelated TXT records at the same
 * name are therefore not errors.
 */
function selectStsRecords(txt) {
    // `v=STSv10; ...` does not begin with the version term; a bare `v=STSv1` is kept so its missing id is reported.
    return txt.filter((record) => /^v=STSv1[ \t]*(;|$)/.test(record));
}
/** Parse one `_mta-sts` TXT record value (the record's strings already joined). */
function parseStsRecord(text) {
    const problems = new ProblemList();
    if (!/^[\x20-\x7E\t]*$/.test(text)) {
        problems.error('sts-record-invalid', `The record contains characters outside printable US-ASCII: ${quote(text)}.`);
        return problems.outcome({ id: '', extensions: {} });
    }
    // sts-sep = *WSP ";" *WSP, split in linear time (issue #11 item 8).
    const fields = split_fields_splitFields(text.trimEnd(), ';');
    if (fields[0] !== STS_RECORD_PREFIX) {
        problems.error('sts-record-invalid', `The record must begin with "v=STSv1", found ${quote(text)}.`);
        return problems.outcome({ id: '', extensions: {} });
    }
    if (fields.at(-1) === '')
        fields.pop(); // optional trailing separator
    let id = null;
    const extensions = {};
    for (const field of fields.slice(1)) {
        const eq = field.indexOf('=');
        const name = eq < 0 ? field : field.slice(0, eq);
        const value = eq < 0 ? '' : field.slice(eq + 1);
        if (name === 'id') {
            if (id !== null) {
                problems.warn('sts-record-duplicate-id', `The record has more than one id field; the first (${quote(id)}) is used.`);
            }
            else if (STS_ID_PATTERN.test(value)) {
                id = value;
            }
            else {
                problems.error('sts-id-invalid', `The id ${quote(value)} is not 1 to 32 letters and digits (RFC 8461 §3.1); "-", "_", ".", ":" are not allowed.`);
                id = value;
            }
        }
        else if (eq < 0 || !sts_record_EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
            problems.error('sts-record-invalid', `The field ${quote(field)} is not of the form name=value (RFC 8461 §3.1).`);
        }
        else {
            extensions[name] = value;
        }
    }
    if (id === null)
        problems.error('sts-id-missing', 'The record has no id field (RFC 8461 §3.1 requires one).');
    return problems.outcome({ id: id ?? '', extensions });
}

;// CONCATENATED MODULE: ./src/core/assess-policy.ts
/**
 * From the `_mta-sts` TXT answer and the HTTPS fetches to the policy a sender would use (RFC 8461 §3.1, §3.3).
 */






function problemFindings(domain, problems, host) {
    return problems.map((p) => makeFinding(p.code, domain, p.message, host === undefined ? {} : { host }));
}
/** RFC 8461 §3.1: exactly one `v=STSv1` record, and it must parse. */
function assessRecord(obs, out) {
    const d = obs.domain;
    const name = `_mta-sts.${d}`;
    if (obs.stsTxt.status === 'unknown') {
        out.push(makeFinding('sts-record-unknown', d, `The TXT lookup of ${name} failed (${obs.stsTxt.reason}).`));
        return { record: null, state: 'unknown' };
    }
    const records = obs.stsTxt.status === 'ok' ? selectStsRecords(obs.stsTxt.value) : [];
    if (records.length === 0)
        return { record: null, state: 'absent' };
    if (records.length > 1) {
        const observed = records.map((r) => quote(r)).join(', ');
        out.push(makeFinding('sts-record-multiple', d, `${name} has ${records.length} "v=STSv1" records, so senders ignore them all (RFC 8461 §3.1).`, { observed }));
        return { record: null, state: 'invalid' };
    }
    const parsed = parseStsRecord(records[0] ?? '');
    out.push(...problemFindings(d, [...parsed.errors, ...parsed.warnings], name));
    return parsed.value === null ? { record: null, state: 'invalid' } : { record: parsed.value, state: null };
}
/** A hash of what senders act on; formatting changes alone are not a new policy. */
function hashPolicy(policy) {
    const canonical = JSON.stringify([policy.mode, policy.maxAge, [...policy.mx].sort()]);
    return (0,external_node_crypto_.createHash)('sha256').update(canonical).digest('hex');
}
/** Gather the policy a sender would obtain, with every finding on the way. */
function assessPolicy(obs, now, certWarningDays) {
    const d = obs.domain;
    const findings = [];
    const { record, state: recordState } = assessRecord(obs, findings);
    const host = obs.policyHost.host;
    const empty = { record, policy: null, policyHash: null };
    const summary = (status, policy = null) => ({
        status,
        id: record?.id ?? null,
        mode: policy?.mode ?? null,
        maxAge: policy?.maxAge ?? null,
        mx: policy?.mx ?? [],
        certificate: policyCertificate(obs.policyHost.fetches),
    });
    const addresses = obs.policyHost.addresses;
    // No record: senders do not use MTA-STS, whether or not mta-sts.<domain> resolves (RFC 8461 §3.1).
    if (recordState === 'absent' && addresses.status !== 'ok')
        return assessWithoutRecord(obs, [], findings, summary);
    if (addresses.status === 'unknown') {
        if (recordState === null)
            findings.push(makeFinding('policy-host-unknown', d, `The address lookup of ${host} failed (${addresses.reason}).`, {
                host,
            }));
        return { ...empty, summary: summary(recordState ?? 'unknown'), findings };
    }
    if (addresses.status === 'absent') {
        if (recordState === null)
            findings.push(makeFinding('policy-host-missing', d, `${host} has no A or AAAA record, so senders cannot fetch the policy.`, { host }));
        return { ...empty, summary: summary(recordState ?? 'unreachable'), findings };
    }
    const fetchFindings = [];
    const ctx = { domain: d, host, now, warningDays: certWarningDays };
    const bodies = obs.policyHost.fetches.map((f) => judgePolicyFetch(ctx, f, fetchFindings));
    const served = bodies.filter((b) => b !== null);
    // Without a TXT record senders never fetch; a policy still served there matters only to caches (§8.3).
    if (recordState === 'absent')
        return assessWithoutRecord(obs, served, findings, summary);
    findings.push(...fetchFindings);
    judgePolicyAddresses(ctx, addresses, findings);
    if (recordState !== null)
        return { ...empty, summary: summary(recordState), findings };
    const first = served[0];
    if (first === undefined) {
        const onlyUnknown = fetchFindings.every((f) => f.unknown === true);
        return { ...empty, summary: summary(onlyUnknown ? 'unknown' : 'unreachable'), findings };
    }
    const distinct = new Set(served);
    if (distinct.size > 1) {
        findings.push(makeFinding('policy-addresses-differ', d, `The addresses of ${host} serve ${distinct.size} different policy bodies; senders get whichever address they reach.`, { host }));
    }
    const parsed = parsePolicy(first);
    findings.push(...problemFindings(d, [...parsed.errors, ...parsed.warnings, ...parsed.notices], host));
    if (parsed.value === null)
        return { ...empty, summary: summary('invalid'), findings };
    const policyHash = distinct.size > 1 ? null : hashPolicy(parsed.value);
    return { record, policy: parsed.value, policyHash, summary: summary('valid', parsed.value), findings };
}
function assessWithoutRecord(obs, served, findings, summary) {
    const d = obs.domain;
    findings.push(makeFinding('sts-record-missing', d, `_mta-sts.${d} has no "v=STSv1" TXT record, so senders do not use MTA-STS for ${d}.`));
    const still = served.map((body) => parsePolicy(body).value).find((p) => p !== null && p.mode !== 'none');
    if (still !== undefined && still !== null) {
        findings.push(makeFinding('policy-without-record', d, `${obs.policyHost.host} still serves a policy in mode ${still.mode}; senders that cached it keep applying it for up to ${still.maxAge} s.`));
    }
    return { record: null, policy: null, policyHash: null, summary: summary('absent'), findings };
}
/** The first certificate seen on the policy host, for the report; faults are findings, not this. */
function policyCertificate(fetches) {
    for (const fetch of fetches) {
        const cert = fetch.outcome === 'response' ? fetch.tls.certificate : null;
        if (cert !== null)
            return { names: cert.dnsNames, issuer: cert.issuer, notAfter: cert.notAfter };
    }
    return null;
}

;// CONCATENATED MODULE: ./src/core/tlsrpt-record.ts
/**
 * The TLS-RPT TXT record at `_smtp._tls.<domain>`, RFC 8460 §3:
 *
 *   tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 *   field-delim   = *WSP ";" *WSP
 *   tlsrpt-rua    = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 *
 * Only `mailto:` and `https:` URIs are defined; `,`, `!` and `;` inside a URI must be percent-encoded.
 */

const TLSRPT_RECORD_PREFIX = 'v=TLSRPTv1';
const tlsrpt_record_EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
/** RFC 8460 §3: records not beginning with `v=TLSRPTv1` are discarded. */
function selectTlsRptRecords(txt) {
    return txt.filter((record) => /^v=TLSRPTv1[ \t]*(;|$)/.test(record));
}
function checkUri(uri, problems) {
    // RFC 8460 §3: "!" inside a URI MUST be percent-encoded (`,` and `;` already split the record).
    const bang = uri.includes('!');
    if (!bang && /^mailto:[^@\s]+@[^@\s]+$/i.test(uri))
        return;
    if (!bang && /^https:\/\/[^\s/]+/i.test(uri)) {
        try {
            new URL(uri);
            return;
        }
        catch {
            // fall through to the error below
        }
    }
    problems.error('tlsrpt-rua-invalid', `rua URI ${quote(uri)} is not a mailto: address or an https: URL (RFC 8460 §3); "!" and "," must be percent-encoded.`);
}
/** Parse one TLS-RPT TXT record value (the record's strings already joined). */
function parseTlsRptRecord(text) {
    const problems = new ProblemList();
    const fields = text.trimEnd().split(/[ \t]*;[ \t]*/);
    if (fields[0] !== TLSRPT_RECORD_PREFIX) {
        problems.error('tlsrpt-record-invalid', `The record must begin with "v=TLSRPTv1", found ${quote(text)}.`);
        return problems.outcome({ rua: [] });
    }
    if (fields.at(-1) === '')
        fields.pop();
    let rua = null;
    for (const field of fields.slice(1)) {
        const eq = field.indexOf('=');
        const name = eq < 0 ? field : field.slice(0, eq);
        if (eq < 0 || !tlsrpt_record_EXT_NAME.test(name)) {
            problems.error('tlsrpt-record-invalid', `The field ${quote(field)} is not of the form name=value (RFC 8460 §3).`);
        }
        else if (name === 'rua') {
            if (rua !== null) {
                problems.warn('tlsrpt-duplicate-rua', 'The record has more than one rua field; the first is used.');
                continue;
            }
            rua = field
                .slice(eq + 1)
                .split(/[ \t]*,[ \t]*/)
                .filter((uri) => uri !== '');
            rua.forEach((uri) => checkUri(uri, problems));
            if (rua.length === 0)
                problems.error('tlsrpt-rua-missing', 'The rua field is empty.');
        }
    }
    if (rua === null)
        problems.error('tlsrpt-rua-missing', 'The record has no rua field (RFC 8460 §3 requires one).');
    return problems.outcome({ rua: rua ?? [] });
}

;// CONCATENATED MODULE: ./src/core/assess-tlsrpt.ts
/** The TLS-RPT record at `_smtp._tls.<domain>` (RFC 8460 §3), against what domains.yml expects. */



/** Returns the findings and the rua URIs published (null when none could be read). */
function assessTlsRpt(obs, expect) {
    const d = obs.domain;
    const name = `_smtp._tls.${d}`;
    const required = expect.tlsrpt?.required === true;
    const severity = required ? 'error' : undefined;
    const findings = [];
    if (obs.tlsrptTxt.status === 'unknown') {
        findings.push(makeFinding('tlsrpt-unknown', d, `The TXT lookup of ${name} failed (${obs.tlsrptTxt.reason}).`));
        return { findings, rua: null };
    }
    const records = obs.tlsrptTxt.status === 'ok' ? selectTlsRptRecords(obs.tlsrptTxt.value) : [];
    if (records.length === 0) {
        if (expect.tlsrpt?.required !== false) {
            const message = `${name} has no "v=TLSRPTv1" record, so nobody receives reports of failed TLS deliveries.`;
            findings.push(makeFinding('tlsrpt-missing', d, message, required ? { severity: 'error' } : {}));
        }
        return { findings, rua: null };
    }
    if (records.length > 1) {
        const message = `${name} has ${records.length} "v=TLSRPTv1" records; senders ignore them all (RFC 8460 §3).`;
        findings.push(makeFinding('tlsrpt-multiple', d, message, {
            observed: records.map((r) => quote(r)).join(', '),
            ...(severity ? { severity } : {}),
        }));
        return { findings, rua: null };
    }
    const parsed = parseTlsRptRecord(records[0] ?? '');
    for (const p of [...parsed.errors, ...parsed.warnings]) {
        findings.push(makeFinding(p.code, d, `${name}: ${p.message}`, severity ? { severity } : {}));
    }
    if (parsed.value === null)
        return { findings, rua: null };
    const expected = expect.tlsrpt?.rua;
    if (expected !== undefined && !sameSet(expected, parsed.value.rua)) {
        const message = `${name} sends reports to ${parsed.value.rua.join(', ')}, but domains.yml expects ${expected.join(', ')}.`;
        findings.push(makeFinding('drift-tlsrpt', d, message, {
            expected: expected.join(', '),
            observed: parsed.value.rua.join(', '),
        }));
    }
    return { findings, rua: [...parsed.value.rua] };
}
/** Order-insensitive equality of two string lists, ignoring duplicates. */
function sameSet(a, b) {
    const left = new Set(a);
    const right = new Set(b);
    return left.size === right.size && [...left].every((x) => right.has(x));
}

;// CONCATENATED MODULE: ./src/core/drift.ts
/** The live policy against what domains.yml commits to (mode, mx set, max_age, id). */


/** Compare only what is both expected and observed; a missing or invalid policy is reported elsewhere. */
function compareExpectations(expect, record, policy) {
    const d = expect.domain;
    const findings = [];
    if (record !== null && expect.id !== undefined && record.id !== expect.id) {
        findings.push(makeFinding('drift-id', d, `_mta-sts.${d} publishes id ${record.id}, but domains.yml expects ${expect.id}.`, { expected: expect.id, observed: record.id }));
    }
    if (policy === null)
        return findings;
    if (expect.mode !== undefined && policy.mode !== expect.mode) {
        findings.push(makeFinding('drift-mode', d, `The policy is in mode ${policy.mode}, but domains.yml expects ${expect.mode}.`, { expected: expect.mode, observed: policy.mode }));
    }
    if (expect.mx !== undefined && !sameSet(expect.mx, policy.mx)) {
        const missing = expect.mx.filter((p) => !policy.mx.includes(p));
        const extra = policy.mx.filter((p) => !expect.mx?.includes(p));
        const parts = [
            missing.length > 0 ? `lacks ${missing.join(', ')}` : '',
            extra.length > 0 ? `also lists ${extra.join(', ')}` : '',
        ];
        const message = `The policy mx list ${parts.filter(Boolean).join(' and ')} compared with domains.yml.`;
        findings.push(makeFinding('drift-mx', d, message, {
            expected: [...expect.mx].sort().join(', '),
            observed: [...policy.mx].sort().join(', '),
        }));
    }
    const maxAge = expect.maxAge;
    if (maxAge !== undefined) {
        if ('exact' in maxAge && policy.maxAge !== maxAge.exact) {
            findings.push(makeFinding('drift-max-age', d, `The policy max_age is ${policy.maxAge}, but domains.yml expects ${maxAge.exact}.`, { expected: String(maxAge.exact), observed: String(policy.maxAge) }));
        }
        else if ('min' in maxAge && policy.maxAge < maxAge.min) {
            findings.push(makeFinding('drift-max-age', d, `The policy max_age is ${policy.maxAge}, below the minimum of ${maxAge.min} in domains.yml.`, { expected: `at least ${maxAge.min}`, observed: String(policy.maxAge) }));
        }
    }
    return findings;
}

;// CONCATENATED MODULE: ./src/core/freshness.ts
/**
 * id freshness (RFC 8461 §3.1, §5.1): while the TXT id is unchanged, senders holding a cached policy do not fetch
 * again, for up to max_age. A policy whose meaning changed under the same id never reaches them.
 */


/**
 * Returns the finding (if any) and the state to keep. When the policy changed under the same id, the old entry is
 * kept, so the finding repeats until a new id is published. When nothing could be observed, the old entry is kept:
 * losing an observation must never turn into a false alarm on the next run.
 */
function checkFreshness(input) {
    const { domain, id, policyHash, previous } = input;
    if (id === null || policyHash === null)
        return { finding: null, state: previous };
    const { policy } = input;
    const current = {
        id,
        bodyHash: policyHash,
        seenAt: input.now.toISOString(),
        ...(policy === null ? {} : { mode: policy.mode, maxAge: policy.maxAge, mx: policy.mx }),
    };
    if (previous === undefined || previous.id !== id)
        return { finding: null, state: current };
    if (previous.bodyHash === policyHash)
        return { finding: null, state: { ...previous, seenAt: current.seenAt } };
    const cache = previous.maxAge === undefined ? 'its max_age' : `${previous.maxAge} s`;
    const message = `The policy changed since ${previous.seenAt} but the _mta-sts id is still ${id}, so senders that cached the old policy keep it for up to ${cache}.${refusedByCache(previous, input.mxHosts)}`;
    const finding = makeFinding('stale-policy-id', domain, message, {
        expected: `an id other than ${id}`,
        observed: id,
    });
    return { finding, state: previous };
}
/** The MX hosts a sender holding the old, enforcing policy would refuse now (RFC 8461 §4.1). */
function refusedByCache(previous, mxHosts) {
    if (previous.mode !== 'enforce' || previous.mx === undefined)
        return '';
    const refused = mxHosts.filter((host) => findMatchingPattern(previous.mx ?? [], host) === null);
    if (refused.length === 0)
        return '';
    return ` Those senders refuse ${refused.join(', ')}, which the old policy does not list.`;
}

;// CONCATENATED MODULE: ./src/core/evaluate.ts
/**
 * Observations in, findings out: the whole verdict for one domain. Pure: no I/O, the clock is a parameter.
 */






const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 };
/**
 * Would an enforcing sender bounce all mail? Only when the policy is valid and enforcing and no MX passes.
 * Without a usable policy mail still flows (unprotected), so that is not a bounce.
 */
function predictBounce(policy, mode, mx) {
    if (policy === 'unknown')
        return null;
    if (policy !== 'valid' || mode !== 'enforce')
        return false;
    if (!mx.known)
        return null;
    if (mx.nullMx)
        return false;
    if (mx.reports.some((r) => r.enforceOk === true))
        return false;
    if (mx.reports.some((r) => r.enforceOk === null))
        return null;
    return true;
}
/** The worst of the findings; a domain with a skipped check is never `ok` (issue #10 part 3). */
function statusOf(findings, notChecked) {
    if (findings.some((f) => f.severity === 'error'))
        return 'error';
    if (findings.some((f) => f.severity === 'warning'))
        return 'warning';
    if (findings.some((f) => f.unknown === true))
        return 'unknown';
    if (notChecked.length > 0)
        return 'incomplete';
    return 'ok';
}
/**
 * NXDOMAIN for the domain itself: nothing exists under it either (RFC 8020 §2), so its policy, TLS-RPT and MX
 * findings would only repeat the one fact, most often a typo in domains.yml (issue #10 part 3).
 */
function notFound(obs) {
    if (obs.mx.status !== 'absent' || obs.mx.reason !== 'nxdomain')
        return null;
    return makeFinding('domain-not-found', obs.domain, `${obs.domain} does not exist in the DNS (NXDOMAIN): nothing about it can be checked.`, { observed: 'NXDOMAIN' });
}
function verdictFindings(domain, bounces, ifEnforced, mode) {
    if (bounces === true) {
        return [
            makeFinding('mail-bounces', domain, `No MX host of ${domain} passes RFC 8461 validation, so enforcing senders (Gmail, Microsoft 365, Postfix with an MTA-STS resolver) refuse to deliver mail.`),
        ];
    }
    if (mode === 'testing' && ifEnforced === true) {
        return [
            makeFinding('bounces-if-enforced', domain, `No MX host of ${domain} passes RFC 8461 validation: switching the policy to enforce would bounce all mail.`),
        ];
    }
    return [];
}
/** Evaluate one domain's observations against RFC 8461/8460 and its expectations in domains.yml. */
function evaluateDomain(obs, expect, previous, now) {
    const d = obs.domain;
    const policy = assessPolicy(obs, now, expect.certWarningDays);
    const mx = assessMx(obs, policy.policy, now, expect.certWarningDays);
    const tlsrpt = assessTlsRpt(obs, expect);
    const drift = compareExpectations(expect, policy.record, policy.policy);
    const fresh = checkFreshness({
        domain: d,
        id: policy.record?.id ?? null,
        policyHash: policy.policyHash,
        policy: policy.policy,
        mxHosts: mx.reports.map((r) => r.host),
        previous,
        now,
    });
    const bounces = predictBounce(policy.summary.status, policy.summary.mode, mx);
    // "What switching to enforce would do" has no meaning for mode none, whose mx list may be empty.
    const ifEnforced = policy.summary.mode === 'none'
        ? null
        : predictBounce(policy.summary.status, policy.summary.status === 'valid' ? 'enforce' : null, mx);
    let findings = [
        ...verdictFindings(d, bounces, ifEnforced, policy.summary.mode),
        ...policy.findings,
        ...mx.findings,
        ...drift,
        ...(fresh.finding === null ? [] : [fresh.finding]),
        ...tlsrpt.findings,
    ];
    // Removing MTA-STS (RFC 8461 §8.3) ends with no record at all: expected when domains.yml says mode none.
    if (expect.mode === 'none' && policy.summary.status === 'absent') {
        findings = findings.filter((f) => f.code !== 'sts-record-missing');
    }
    const missing = notFound(obs);
    if (missing !== null)
        findings = [missing];
    const ignored = new Set(expect.ignore);
    findings = findings.filter((f) => !ignored.has(f.code));
    findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const mxReports = missing === null ? mx.reports : [];
    const notChecked = mxReports.some((r) => r.tls === 'not-checked') ? ['mx-tls'] : [];
    const report = {
        domain: d,
        status: statusOf(findings, notChecked),
        bounces: missing === null ? bounces : null,
        bouncesIfEnforced: missing === null ? ifEnforced : null,
        policy: policy.summary,
        mx: mxReports,
        notChecked,
        findings,
    };
    return { report, state: fresh.state };
}

;// CONCATENATED MODULE: ./src/core/assess-run.ts
/**
 * Run-level findings: what makes the whole run unable to observe, said once rather than as a notice per domain
 * (issue #10 part 3: "a monitor that cannot observe must say so loudly"). Pure, like the rest of the core.
 */

/** Findings of the run itself carry this domain: they belong to no domain. */
const RUN_DOMAIN = '';
/**
 * The run is blind when more than this share of its DNS lookups came back unknown (SERVFAIL, REFUSED, timeout).
 * Half, because a few failing name servers of some domains are per-domain notices, while a broken resolver or
 * network fails nearly every lookup; with one domain, more than half of its own lookups failing means nothing
 * about it can be concluded either.
 */
const BLIND_DNS_SHARE = 0.5;
/** Every DNS answer the observations rest on: the four per domain, and each MX host's addresses once. */
function lookupsOf(observations) {
    const lookups = [];
    const hosts = new Map();
    for (const obs of observations) {
        lookups.push(obs.stsTxt, obs.tlsrptTxt, obs.mx, obs.policyHost.addresses);
        for (const [host, h] of Object.entries(obs.mxHosts))
            hosts.set(host, h.addresses);
    }
    return [...lookups, ...hosts.values()];
}
function dnsBlindness(observations) {
    const lookups = lookupsOf(observations);
    const failed = lookups.flatMap((l) => (l.status === 'unknown' ? [l.reason] : []));
    if (lookups.length === 0 || failed.length <= lookups.length * BLIND_DNS_SHARE)
        return null;
    const reasons = [...new Set(failed)].slice(0, 3).join('; ');
    return makeFinding('dns-unavailable', RUN_DOMAIN, `${failed.length} of ${lookups.length} DNS lookups failed or timed out (${reasons}): the domains cannot be observed, so this run concludes nothing about them.`, {
        expected: `at most ${Math.round(BLIND_DNS_SHARE * 100)}% failed lookups`,
        observed: `${failed.length} of ${lookups.length}`,
    });
}
function proxyFailure(observations) {
    const failures = new Map();
    for (const obs of observations) {
        for (const host of Object.values(obs.mxHosts)) {
            for (const probe of host.smtp ?? []) {
                if (probe.outcome === 'proxy-failed')
                    failures.set(`${host.host}|${probe.address}`, probe.error);
            }
        }
    }
    const first = failures.values().next();
    if (first.done === true)
        return null;
    return makeFinding('smtp-proxy-failed', RUN_DOMAIN, `${failures.size} SMTP probe(s) could not go through the proxy (${first.value}): MX TLS was not checked for them.`);
}
/** The run-level findings of one run's observations. */
function assessRun(observations) {
    return [dnsBlindness(observations), proxyFailure(observations)].filter((f) => f !== null);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./src/probes/address-guard.ts
/**
 * Refuse to connect to addresses that are not on the public Internet.
 *
 * Why: the action may run on self-hosted runners inside a private network. A monitored name (or a hostile DNS
 * answer for it) could point the policy fetch or the SMTP probe at internal services, turning the monitor
 * into a request forwarder. Every address that comes out of DNS is checked here before a probe connects.
 *
 * The ranges are the IANA special-purpose registries (RFC 6890 and its updates), for IPv4 and IPv6.
 */

const IPV4_RANGES = [
    ['0.0.0.0', 8, 'this network (RFC 791)'],
    ['10.0.0.0', 8, 'private (RFC 1918)'],
    ['100.64.0.0', 10, 'shared address space (RFC 6598)'],
    ['127.0.0.0', 8, 'loopback'],
    ['169.254.0.0', 16, 'link-local'],
    ['172.16.0.0', 12, 'private (RFC 1918)'],
    ['192.0.0.0', 24, 'IETF protocol assignments (RFC 6890)'],
    ['192.0.2.0', 24, 'documentation (RFC 5737)'],
    ['192.88.99.0', 24, '6to4 relay anycast (RFC 7526)'],
    ['192.168.0.0', 16, 'private (RFC 1918)'],
    ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
    ['198.51.100.0', 24, 'documentation (RFC 5737)'],
    ['203.0.113.0', 24, 'documentation (RFC 5737)'],
    ['224.0.0.0', 4, 'multicast'],
    // Includes the limited broadcast address 255.255.255.255.
    ['240.0.0.0', 4, 'reserved (RFC 1112)'],
];
const IPV6_RANGES = [
    ['::', 128, 'unspecified'],
    ['::1', 128, 'loopback'],
    ['64:ff9b::', 96, 'NAT64 (RFC 6052)'],
    ['64:ff9b:1::', 48, 'local-use NAT64 (RFC 8215)'],
    ['100::', 64, 'discard-only (RFC 6666)'],
    ['2001::', 23, 'IETF protocol assignments (RFC 2928)'],
    ['2001:db8::', 32, 'documentation (RFC 3849)'],
    ['3fff::', 20, 'documentation (RFC 9637)'],
    ['5f00::', 16, 'SRv6 SIDs (RFC 9602)'],
    ['fc00::', 7, 'unique local (RFC 4193)'],
    ['fe80::', 10, 'link-local'],
    ['ff00::', 8, 'multicast'],
];
/** IPv4-mapped IPv6 addresses (RFC 4291 §2.5.5.2) reach the embedded IPv4 address, so that one is judged. */
const MAPPED = new external_node_net_.BlockList();
MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');
/** 6to4 (RFC 3056 §2): `2002:V4ADDR::/48` reaches, through a relay, the IPv4 host in bits 16 to 47. */
const SIX_TO_FOUR = new external_node_net_.BlockList();
SIX_TO_FOUR.addSubnet('2002::', 16, 'ipv6');
/** Global unicast (RFC 4291 §2.4): everything outside 2000::/3 is unassigned, reserved or local. */
const GLOBAL_UNICAST = new external_node_net_.BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');
/** One BlockList per reason, since a BlockList only says whether *some* rule matched. */
function compile(ranges, family) {
    const byReason = new Map();
    for (const [network, prefix, reason] of ranges) {
        const list = byReason.get(reason) ?? new external_node_net_.BlockList();
        list.addSubnet(network, prefix, family);
        byReason.set(reason, list);
    }
    return [...byReason];
}
const IPV4_LISTS = compile(IPV4_RANGES, 'ipv4');
const IPV6_LISTS = compile(IPV6_RANGES, 'ipv6');
function findReason(ip, family) {
    for (const [reason, list] of family === 'ipv4' ? IPV4_LISTS : IPV6_LISTS) {
        if (list.check(ip, family))
            return reason;
    }
    return null;
}
/** The eight 16-bit groups of a valid IPv6 address without a zone id, from the URL parser's canonical form. */
function groups(ip) {
    const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
    const [head = '', tail] = canonical.split('::');
    const parse = (part) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
    const left = parse(head);
    const right = tail === undefined ? [] : parse(tail);
    return [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}
/** The IPv4 address carried by a 6to4 address: groups 1 and 2 (RFC 3056 §2). */
function sixToFourIpv4(ip) {
    const [, high = 0, low = 0] = groups(ip);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
/** The embedded IPv4 address of `::ffff:a.b.c.d`, read from the URL parser's canonical `::ffff:hhhh:hhhh`. */
function embeddedIpv4(ip) {
    const canonical = new URL(`http://[${ip}]/`).hostname;
    const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(canonical);
    if (!match?.[1] || !match[2])
        return null;
    const high = parseInt(match[1], 16);
    const low = parseInt(match[2], 16);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
/**
 * Why `ip` is not a public address, as a short phrase ("loopback", "private (RFC 1918)", "link-local"), or
 * `null` when it is public. Invalid input is "not an IP address".
 */
function describeAddressRange(ip) {
    if ((0,external_node_net_.isIPv4)(ip))
        return findReason(ip, 'ipv4');
    if (!(0,external_node_net_.isIPv6)(ip))
        return 'not an IP address';
    // A zone id (`fe80::1%eth0`, RFC 4007 §11) only makes sense for scoped, hence non-public, addresses.
    if (ip.includes('%'))
        return 'scoped address with a zone id';
    if (MAPPED.check(ip, 'ipv6')) {
        const v4 = embeddedIpv4(ip);
        if (v4 === null)
            return 'not an IP address';
        const reason = findReason(v4, 'ipv4');
        return reason === null ? null : `IPv4-mapped ${reason}`;
    }
    // A 6to4 address is as private as the IPv4 address inside it (issue #11 item 8): 2002:7f00:1:: is loopback.
    if (SIX_TO_FOUR.check(ip, 'ipv6')) {
        const v4 = sixToFourIpv4(ip);
        const inner = findReason(v4, 'ipv4');
        return inner === null ? null : `6to4 of ${inner} (${v4})`;
    }
    const reason = findReason(ip, 'ipv6');
    if (reason !== null)
        return reason;
    return GLOBAL_UNICAST.check(ip, 'ipv6') ? null : 'not global unicast (outside 2000::/3)';
}
/** True when `ip` is a valid IPv4 or IPv6 address outside every special-purpose range; false otherwise. */
function isPublicAddress(ip) {
    return describeAddressRange(ip) === null;
}

;// CONCATENATED MODULE: ./src/probes/limits.ts
/**
 * Bounds for the network probes, each with its source. A probe talks to servers we do not control, so every
 * read and every wait has a limit; hitting one is recorded as an observation, never thrown.
 */
/** RFC 8461 §3.3: "senders SHOULD impose a limit on the response size ... 64 KiB". */
const MAX_POLICY_BYTES = 64 * 1024;
/** The port the policy host is fetched on: HTTPS (RFC 8461 §3.3). */
const HTTPS_PORT = 443;
/**
 * Overall deadline for one policy fetch (connect, handshake, headers and body). RFC 8461 §3.3 suggests a
 * one-minute limit, but real senders give up after 2 to 15 seconds, so a slower host is already broken for many.
 */
const POLICY_FETCH_TIMEOUT_MS = 10_000;
/** The path of the policy file (RFC 8461 §3.3). */
const POLICY_PATH = '/.well-known/mta-sts.txt';
/** The SMTP port MTA-STS applies to: MX delivery (RFC 5321 §2.3.5, RFC 8461 §4). */
const SMTP_PORT = 25;
/**
 * Overall deadline for one STARTTLS probe (connect, greeting, EHLO, STARTTLS, handshake). Far below the
 * RFC 5321 §4.5.3.2 server timeouts (5 minutes for the greeting): we only need to know what senders see.
 */
const SMTP_PROBE_TIMEOUT_MS = 15_000;
/**
 * Longest reply line we accept, in bytes, CRLF excluded. RFC 5321 §4.5.3.1.5 sets 512 octets for a reply line;
 * real servers exceed it in banners and EHLO keywords, so we allow four times that before calling it garbage.
 */
const MAX_SMTP_LINE_BYTES = 2048;
/** Most lines in one multi-line reply (RFC 5321 §4.2.1). An EHLO reply has one line per extension. */
const MAX_SMTP_REPLY_LINES = 100;
/** Most bytes read from an SMTP server in one probe, before TLS: stops a banner that never ends. */
const MAX_SMTP_SESSION_BYTES = 64 * 1024;
/** Length at which the recorded banner is cut: it is kept as data for the report, not parsed. */
const MAX_BANNER_CHARS = 512;
/** How long we wait for the server to answer QUIT and close before we close the socket ourselves. */
const SMTP_QUIT_GRACE_MS = 500;
/**
 * Name sent in EHLO when none is configured. RFC 5321 §4.1.1.1 asks for the client's FQDN; a fixed name under
 * `.invalid` (RFC 2606) says who we are without leaking the runner's internal host name.
 */
const DEFAULT_EHLO_NAME = 'mta-sts-drift.invalid';
/**
 * Sockets open at once for the whole run, HTTPS and SMTP together (issue #11 item 6). Well under the usual
 * 1,024 open-file limit, leaving room for DNS and the GitHub API; 64 does not slow `npm run bench` (1,000 domains
 * at concurrency 32), and a run that needs more waits rather than opening thousands of connections.
 */
const MAX_OPEN_SOCKETS = 64;
/**
 * Wait before probing a timed-out MX address a second time (issue #11 item 9). A few seconds lets a passing
 * hiccup (a full accept queue, a lost SYN) clear, so a second timeout says the host does not answer.
 */
const SMTP_TIMEOUT_RETRY_DELAY_MS = 5_000;

;// CONCATENATED MODULE: ./src/probes/pool.ts
/** Run `task` over `items` with at most `limit` in flight; results keep the input order. */
async function mapPool(items, limit, task) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await task(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}
/**
 * One bound shared by every caller: each probe holds one socket at a time, so `max` tasks in flight is `max`
 * sockets open (issue #11 item 6: one domain's DNS must not decide how many sockets a run opens).
 */
function createLimiter(max) {
    const limit = Math.max(1, Math.floor(max));
    let active = 0;
    const waiting = [];
    // A finishing task hands its slot straight to the next waiter, so no caller can slip in between.
    const release = () => {
        const next = waiting.shift();
        if (next === undefined)
            active--;
        else
            next();
    };
    return async (task) => {
        if (active < limit)
            active++;
        else
            await new Promise((resolve) => waiting.push(resolve));
        try {
            return await task();
        }
        finally {
            release();
        }
    };
}

;// CONCATENATED MODULE: ./src/probes/retry-timeouts.ts
/** Key of one SMTP probe: the same address under another host name is another probe (SNI differs). */
const probeKey = (host, address) => `${host}|${address}`;
/**
 * The server sent something over port 25, SMTP or not: port 25 is open between here and there. A refused
 * connection is not enough, since a firewall may refuse on the server's behalf.
 */
function answered(probe) {
    if (probe.outcome === 'timeout')
        return probe.banner !== undefined || probe.heard === true;
    return probe.outcome !== 'unreachable' && probe.outcome !== 'blocked';
}
/**
 * Issue #11 item 9: a timeout means little while port 25 may be blocked where the check runs. When another MX
 * probe of the run answered, it is not; then each timed-out address is tried once more after `delayMs`, all at
 * once, and a second timeout is marked `confirmed`: the host's own fault. So is a host that sent bytes but no
 * complete greeting, on its own evidence. Returns the new results by probe key.
 */
async function retryTimeouts(probes, retry) {
    const answeredKeys = [...probes].filter(([, p]) => answered(p)).map(([key]) => key);
    // A host that sent bytes but never finished its greeting is its own evidence that port 25 is open.
    const timedOut = [...probes].filter(([key, p]) => p.outcome === 'timeout' && (p.heard === true || answeredKeys.some((other) => other !== key)));
    const results = new Map();
    if (timedOut.length === 0)
        return results;
    await new Promise((resolve) => setTimeout(resolve, retry.delayMs));
    await Promise.all(timedOut.map(async ([key]) => {
        const separator = key.lastIndexOf('|');
        const second = await retry.probe(key.slice(0, separator), key.slice(separator + 1));
        results.set(key, second.outcome === 'timeout' ? { ...second, confirmed: true } : second);
    }));
    return results;
}
/** The observation with the probes of `results` in place of the first tries. */
function replaceProbes(obs, results) {
    const mxHosts = Object.fromEntries(Object.entries(obs.mxHosts).map(([host, h]) => [
        host,
        h.smtp === null ? h : { ...h, smtp: h.smtp.map((p) => results.get(probeKey(host, p.address)) ?? p) },
    ]));
    return { ...obs, mxHosts };
}

;// CONCATENATED MODULE: ./src/probes/observe.ts






const PORT25_BLOCKED = 'port 25 could not be reached on any MX host, so outbound port 25 is probably blocked where this runs (as on GitHub-hosted runners)';
const MX_TLS_DISABLED = 'disabled by configuration (check-mx-tls: false)';
/**
 * Said after a blocked port 25, once per run: what was skipped and the ways to get it back (issue #10 part 3).
 */
const MX_TLS_HOW_TO = 'Skipped: STARTTLS and the certificates and TLS versions of the MX hosts, so whether enforcing senders bounce mail is unknown. ' +
    'To check them, send the probes through a SOCKS5 proxy (--smtp-proxy, or the input smtp-proxy; for example an ssh -D tunnel to a small VM), ' +
    "or run where outbound port 25 is open (a self-hosted runner); the domains' TLS-RPT reports also show MX TLS failures that senders met.";
function blockedReason(address, allowPrivate) {
    if (allowPrivate || isPublicAddress(address))
        return null;
    return `${address} is a ${describeAddressRange(address)} address; not contacted without --allow-private-addresses`;
}
/** The addresses to contact: within the per-host cap (issue #11 item 6); the core reports the rest. */
function addressList(lookup) {
    return lookup.status === 'ok' ? pickAddresses(lookup.value) : [];
}
/** Observe many domains with bounded concurrency and shared MX probes. */
async function observeDomains(domains, deps, options) {
    const hostCache = new Map();
    const probeCache = new Map();
    let smtpConnections = 0;
    // One bound on open sockets for every probe of the run, whatever the domain concurrency (issue #11 item 6).
    const limit = createLimiter(options.maxOpenSockets ?? MAX_OPEN_SOCKETS);
    const probeAddress = (host, address) => {
        const key = probeKey(host, address);
        let probe = probeCache.get(key);
        if (probe === undefined) {
            const blocked = blockedReason(address, options.allowPrivateAddresses);
            if (blocked !== null) {
                probe = Promise.resolve({ address, outcome: 'blocked', error: blocked });
            }
            else {
                smtpConnections++;
                probe = limit(() => deps.probeSmtp(host, address));
            }
            probeCache.set(key, probe);
        }
        return probe;
    };
    const observeHost = (host) => {
        let pending = hostCache.get(host);
        if (pending === undefined) {
            pending = (async () => {
                const addresses = await deps.dns.addresses(host);
                if (options.checkMxTls === 'false')
                    return {
                        host,
                        addresses,
                        smtp: null,
                        notCheckedReason: options.mxTlsSkipReason ?? MX_TLS_DISABLED,
                    };
                const smtp = await Promise.all(addressList(addresses).map((a) => probeAddress(host, a)));
                return { host, addresses, smtp };
            })();
            hostCache.set(host, pending);
        }
        return pending;
    };
    const fetchFrom = (host, address) => {
        const blocked = blockedReason(address, options.allowPrivateAddresses);
        return blocked === null
            ? limit(() => deps.fetchPolicy(host, address))
            : Promise.resolve({ address, outcome: 'blocked', error: blocked });
    };
    const observeDomain = async (domain) => {
        const policyHostName = `mta-sts.${domain}`;
        const [stsTxt, tlsrptTxt, mx, policyAddresses] = await Promise.all([
            deps.dns.txt(`_mta-sts.${domain}`),
            deps.dns.txt(`_smtp._tls.${domain}`),
            deps.dns.mx(domain),
            deps.dns.addresses(policyHostName),
        ]);
        const targets = mxTargets(domain, mx);
        // The MX hosts past the cap are not contacted; the core reports them (issue #11 item 6).
        const hosts = Array.isArray(targets) ? capMxTargets(targets).checked.map((t) => t.host) : [];
        const [fetches, hostObservations] = await Promise.all([
            Promise.all(addressList(policyAddresses).map((a) => fetchFrom(policyHostName, a))),
            Promise.all(hosts.map(observeHost)),
        ]);
        return {
            domain,
            observedAt: deps.now().toISOString(),
            stsTxt,
            tlsrptTxt,
            mx,
            policyHost: { host: policyHostName, addresses: policyAddresses, fetches },
            mxHosts: Object.fromEntries(hostObservations.map((h) => [h.host, h])),
        };
    };
    const observations = await mapPool(domains, options.concurrency, observeDomain);
    const notices = options.checkMxTls === 'false' && options.mxTlsSkipReason !== undefined
        ? [`MX TLS not checked: ${options.mxTlsSkipReason}. ${MX_TLS_HOW_TO}`]
        : [];
    const probes = new Map();
    for (const [key, probe] of probeCache)
        probes.set(key, await probe);
    if (options.checkMxTls === 'auto' && port25Blocked(hostCache.size, [...probes.values()])) {
        notices.push(`MX TLS not checked: ${PORT25_BLOCKED}. ${MX_TLS_HOW_TO}`);
        return { observations: observations.map(markNotChecked), notices, smtpConnections };
    }
    const retried = await retryTimeouts(probes, {
        delayMs: options.timeoutRetryDelayMs ?? SMTP_TIMEOUT_RETRY_DELAY_MS,
        probe: (host, address) => limit(() => deps.probeSmtp(host, address)),
    });
    if (retried.size === 0)
        return { observations, notices, smtpConnections };
    return {
        observations: observations.map((obs) => replaceProbes(obs, retried)),
        notices,
        smtpConnections: smtpConnections + retried.size,
    };
}
/**
 * Outbound port 25 is blocked on many cloud runners. When no MX host at all could be reached (and there were
 * at least two to try, so one dead server is not mistaken for a blocked port), MX TLS is "not checked".
 */
function port25Blocked(hostCount, probes) {
    const attempted = probes.filter((p) => p.outcome !== 'blocked');
    // A timeout after the server sent something (a greeting, or part of one) proves port 25 open.
    const silent = (p) => p.outcome === 'unreachable' || (p.outcome === 'timeout' && p.banner === undefined && p.heard !== true);
    return hostCount >= 2 && attempted.length > 0 && attempted.every(silent);
}
function markNotChecked(obs) {
    const mxHosts = Object.fromEntries(Object.entries(obs.mxHosts).map(([host, h]) => [
        host,
        { ...h, smtp: null, notCheckedReason: PORT25_BLOCKED },
    ]));
    return { ...obs, mxHosts };
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/state/state-file.ts
/**
 * The id-freshness memory (`--state FILE`): per domain, the last policy's hash, its id and when it was seen.
 * A missing or unreadable state only costs the freshness check for one run; it never causes a false alarm.
 */



const STATE_VERSION = 1;
/**
 * A map of domains without a prototype (issue #11 item 8): state comes from an editable issue or file, and a key
 * such as `__proto__` or `constructor` must be a domain like any other, neither a setter nor an inherited value.
 */
function domainMap() {
    return Object.create(null);
}
const EMPTY_STATE = Object.freeze({
    version: STATE_VERSION,
    domains: Object.freeze(domainMap()),
});
function isEntry(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    return typeof v['id'] === 'string' && typeof v['bodyHash'] === 'string' && typeof v['seenAt'] === 'string';
}
/** Keep the required fields and whichever optional ones have the right type. */
function readEntry(entry) {
    const { id, bodyHash, seenAt, mode, maxAge, mx } = entry;
    return {
        id,
        bodyHash,
        seenAt,
        ...(mode === 'enforce' || mode === 'testing' || mode === 'none' ? { mode } : {}),
        ...(typeof maxAge === 'number' ? { maxAge } : {}),
        ...(Array.isArray(mx) && mx.every((m) => typeof m === 'string') ? { mx } : {}),
    };
}
/** Parse state JSON; anything unexpected yields an empty state and a warning, never an exception. */
function parseState(text) {
    try {
        const data = JSON.parse(text);
        if (typeof data !== 'object' ||
            data === null ||
            data.version !== STATE_VERSION) {
            return { state: EMPTY_STATE, warning: `state is not version ${STATE_VERSION}; starting afresh` };
        }
        const raw = data.domains;
        const domains = domainMap();
        for (const [domain, entry] of Object.entries(typeof raw === 'object' && raw !== null ? raw : {})) {
            if (isEntry(entry))
                domains[domain] = readEntry(entry);
        }
        return { state: { version: STATE_VERSION, domains }, warning: null };
    }
    catch (error) {
        return {
            state: EMPTY_STATE,
            warning: `state is not valid JSON (${error.message}); starting afresh`,
        };
    }
}
/** Why the file system refused, in words a person reads: "it is a folder", "Permission denied (EACCES)". */
function refusal(error) {
    const { errno, code, message } = error;
    if (code === 'EISDIR')
        return 'it is a folder';
    // mkdir -p says EEXIST when a part of the folder path is a file; a later open says ENOTDIR.
    if (code === 'ENOTDIR' || code === 'EEXIST')
        return `a part of the path is a file, not a folder (${code})`;
    if (typeof errno !== 'number')
        return String(message);
    return `${(0,external_node_util_.getSystemErrorMessage)(errno)}${code === undefined ? '' : ` (${code})`}`;
}
/** Read a state file; a missing file is a normal first run. */
async function readStateFile(path) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return { state: EMPTY_STATE, warning: null };
        return {
            state: EMPTY_STATE,
            warning: `cannot read the state from ${path}: ${refusal(error)}; starting afresh`,
        };
    }
    const parsed = parseState(text);
    return { state: parsed.state, warning: parsed.warning === null ? null : `${path}: ${parsed.warning}` };
}
/**
 * Write atomically (temporary file, then rename) so an interrupted run never leaves half a file. The parent
 * folders are created: with actions/cache the folder is missing on the first run (issue #11 item 2).
 *
 * Never throws: losing the state only costs the next run its id-freshness check, so a refused write is returned
 * as a warning (with the path and the reason) for the caller to print after its report, and the temporary file is
 * removed.
 */
async function writeStateFile(path, state) {
    const temporary = `${path}.${process.pid}.tmp`;
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        await (0,promises_.writeFile)(temporary, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
        await (0,promises_.rename)(temporary, path);
        return null;
    }
    catch (error) {
        await (0,promises_.rm)(temporary, { force: true }).catch(() => undefined);
        return `cannot save the state to ${path}: ${refusal(error)}; the next run checks id freshness afresh`;
    }
}

;// CONCATENATED MODULE: ./src/check.ts
/**
 * The engine's pipeline, shared by the CLI and the Action: observe -> evaluate -> report object.
 */




/** Version of the JSON report format (README: "JSON report"). */
const REPORT_VERSION = 1;
/** Run a full check of `expectations`. Never throws for anything a remote server does. */
async function runCheck(expectations, deps, options, previous) {
    const observed = await observeDomains(expectations.map((e) => e.domain), deps, options);
    const now = deps.now();
    const nextState = { ...previous.domains };
    const domains = expectations.map((expect, index) => {
        const obs = observed.observations[index];
        if (obs === undefined)
            throw new Error(`internal: no observation for ${expect.domain}`);
        const { report, state } = evaluateDomain(obs, expect, previous.domains[expect.domain], now);
        if (state !== undefined)
            nextState[expect.domain] = state;
        return report;
    });
    const report = buildReport(domains, observed.notices, now, assessRun(observed.observations));
    return {
        report,
        state: { version: STATE_VERSION, domains: nextState },
        smtpConnections: observed.smtpConnections,
    };
}
/** Assemble the versioned report from evaluated domains; the summary counts are derived from the findings. */
function buildReport(domains, notices, now, runFindings = []) {
    const all = [...runFindings, ...domains.flatMap((d) => d.findings)];
    return {
        version: REPORT_VERSION,
        generatedAt: now.toISOString(),
        notices,
        runFindings,
        summary: {
            domains: domains.length,
            errors: all.filter((f) => f.severity === 'error').length,
            warnings: all.filter((f) => f.severity === 'warning').length,
            notices: all.filter((f) => f.severity === 'notice').length,
            bouncing: domains.filter((d) => d.bounces === true).map((d) => d.domain),
        },
        domains,
    };
}
/** Does the report reach the fail-on level? */
function reachesFailLevel(report, failOn) {
    if (failOn === 'never')
        return false;
    const levels = failOn === 'error' ? ['error'] : ['error', 'warning'];
    return [...report.runFindings, ...report.domains.flatMap((d) => d.findings)].some((f) => levels.includes(f.severity));
}

;// CONCATENATED MODULE: ./src/config/suggest.ts
/**
 * Returns the candidate nearest to `input`, or undefined when none is close enough to be a likely typo.
 *
 * Case and `-`/`_` are ignored first, since `max-age` and `Max_Age` are the typical slips for `max_age`.
 */
function suggest(input, candidates) {
    const wanted = fold(input);
    // Short keys such as `mx` and `id` are one edit away from many words; allow only one edit there.
    const limit = wanted.length <= 3 ? 1 : 2;
    let best;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        const distance = editDistance(wanted, fold(candidate));
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}
function fold(text) {
    return text.toLowerCase().replaceAll('-', '_');
}
/**
 * Optimal string alignment distance: insertions, deletions, substitutions, and swaps of two adjacent
 * characters each cost one (a Damerau-Levenshtein variant), so `mdoe` is one edit from `mode`.
 */
function editDistance(a, b) {
    // rows[i][j] is the distance between the first i characters of a and the first j characters of b.
    const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    const at = (i, j) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
    for (let i = 1; i <= a.length; i++) {
        const row = rows[i] ?? [];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                distance = Math.min(distance, at(i - 2, j - 2) + 1);
            }
            row[j] = distance;
        }
    }
    return at(a.length, b.length);
}

;// CONCATENATED MODULE: ./src/cli-help.ts
/**
 * The argument layer of the command line (issue #11 item 11): `--help` text for every command, built from the same
 * option tables that parseArgs reads, short usage errors that point at `--help`, and a "did you mean" for
 * mistyped options, commands and values.
 */


/** A mistake in the command line itself; `command` names the help that explains it ("check", "lint policy"). */
class UsageError extends Error {
    command;
    name = 'UsageError';
    constructor(message, command = null) {
        super(message);
        this.command = command;
    }
}
const WIDTH = 100;
const OPTION_COLUMN = 30;
/** Word-wrap `text` (or its words) into lines of at most `width` characters (a longer word stays whole). */
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of typeof text === 'string' ? text.split(' ') : text) {
        if (line !== '' && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else
            line = line === '' ? word : `${line} ${word}`;
    }
    return [...lines, line];
}
/** `  --name VALUE` in a column, its meaning and default wrapped beside it (below it when the name is long). */
function optionLines(flag, text) {
    const indent = ' '.repeat(OPTION_COLUMN);
    const body = wrap(text, WIDTH - OPTION_COLUMN);
    if (flag.length + 2 > OPTION_COLUMN)
        return [flag, ...body.map((l) => `${indent}${l}`)];
    return body.map((l, i) => `${i === 0 ? flag.padEnd(OPTION_COLUMN) : indent}${l}`);
}
function describe(name, help) {
    const flag = `  --${name}${help.value === undefined ? '' : ` ${help.value}`}`;
    // "Default:" stays on the line of its value.
    const [first = '', ...rest] = `${help.default}.`.split(' ');
    const words = [
        ...help.meaning.split(' '),
        ...(help.repeatable === true ? ['Repeatable.'] : []),
        `Default: ${first}`,
        ...rest,
    ];
    return optionLines(flag, words);
}
/** The `--help` text of one command. */
function renderCommandHelp(help) {
    const lines = [
        ...help.usage.map((u, i) => `${i === 0 ? 'Usage: ' : '       '}${u}`),
        '',
        ...wrap(help.summary, WIDTH),
        '',
        'Options:',
        ...Object.entries(help.options).flatMap(([name, option]) => describe(name, option)),
        ...optionLines('  -h, --help', 'Show this help.'),
    ];
    for (const note of help.notes ?? [])
        lines.push('', ...wrap(note, WIDTH));
    return `${lines.join('\n')}\n`;
}
/** The two lines of a usage error: what is wrong, and where the help is. */
function renderUsageError(error) {
    const where = error.command === null ? '' : ` ${error.command}`;
    return `mta-sts-drift${where}: ${error.message}\nsee 'mta-sts-drift${where} --help'\n`;
}
/** `; did you mean X?` when one candidate is close to what was typed, else nothing. */
function didYouMean(typed, candidates) {
    const near = suggest(typed, candidates);
    return near === undefined ? '' : `; did you mean ${near}?`;
}
/** Does the command line ask for help (`--help` or `-h` before any `--`)? */
function wantsHelp(args) {
    const end = args.indexOf('--');
    const head = end === -1 ? args : args.slice(0, end);
    return head.includes('--help') || head.includes('-h');
}
function parseArgsCode(error) {
    const code = error?.code;
    return error instanceof TypeError && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')
        ? code
        : null;
}
/** A parseArgs refusal in our words, with a suggestion for an unknown option. */
function usageErrorFrom(error, code, command, options) {
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
        const typed = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
        const flags = options.map((o) => `--${o}`);
        return new UsageError(`unknown option ${typed}${didYouMean(typed, flags)}`, command);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
        const typed = /'([^']*)'/.exec(error.message)?.[1] ?? '';
        return new UsageError(`takes options only, not ${JSON.stringify(typed)}`, command);
    }
    // "Option '--config <value>' argument missing", "Option '--json' does not take an argument".
    const option = /'(-[^' ]*)/.exec(error.message)?.[1];
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
        const needs = /argument missing/.test(error.message);
        return new UsageError(`${option} ${needs ? 'needs a value' : 'takes no value'}`, command);
    }
    return new UsageError(error.message, command);
}
/**
 * parseArgs, strict, with its errors turned into short UsageErrors for `command`: an unknown option gets a
 * "did you mean" among the command's options.
 */
function parseCommand(command, args, options, allowPositionals) {
    try {
        return (0,external_node_util_.parseArgs)({ args, options, strict: true, allowPositionals });
    }
    catch (error) {
        const code = parseArgsCode(error);
        if (code === null)
            throw error;
        throw usageErrorFrom(error, code, command, Object.keys(options));
    }
}
/** A value from a fixed set, or a UsageError listing the set (and the nearest one). */
function oneOf(command, name, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not allowed; expected one of ${allowed.join(', ')}` +
        didYouMean(value, allowed), command);
}

;// CONCATENATED MODULE: ./src/cli-help-text.ts
const DEFAULT_CONCURRENCY = 32;
const DEFAULT_TIMEOUT_SECONDS = 10;
/** `check --help`: every option of CHECK_OPTIONS, with its meaning and default (the type keeps them in step). */
const CHECK_HELP = {
    usage: ['mta-sts-drift check [--config FILE | --domain D...] [options]'],
    summary: 'Check each domain of domains.yml against what it publishes: the _mta-sts TXT record, the policy at ' +
        'https://mta-sts.DOMAIN/.well-known/mta-sts.txt, the MX hosts and their STARTTLS certificates, and the ' +
        '_smtp._tls TLS-RPT record. Prints a table of domains and verdicts, then each finding with its fix.',
    options: {
        config: {
            value: 'FILE',
            meaning: 'The domains and what they should publish (see README "domains.yml").',
            default: 'domains.yml',
        },
        domain: {
            value: 'D',
            meaning: 'Check only this domain of the config; without --config, check it with no expectations.',
            default: 'every domain of the config',
            repeatable: true,
        },
        json: { meaning: 'Print the JSON report instead of the terminal report.', default: 'off' },
        state: {
            value: 'FILE',
            meaning: 'Remember each policy id between runs, to report a policy changed without a new id ' +
                '(stale-policy-id). Missing folders are created; a file that cannot be read or written is a warning.',
            default: 'none (no id-freshness check)',
        },
        'fail-on': {
            value: 'LEVEL',
            meaning: 'Exit 1 when a finding reaches this level: error, warning or never.',
            default: 'error',
        },
        concurrency: {
            value: 'N',
            meaning: 'Domains observed at once, 1 to 1000.',
            default: String(DEFAULT_CONCURRENCY),
        },
        timeout: {
            value: 'SECONDS',
            meaning: 'Deadline of each HTTPS fetch and SMTP probe, 1 to 300.',
            default: String(DEFAULT_TIMEOUT_SECONDS),
        },
        'dns-server': {
            value: 'IP[:PORT]',
            meaning: 'Resolver to ask, e.g. 127.0.0.1:5353 or [::1]:5353.',
            default: 'the system resolver',
            repeatable: true,
        },
        'check-mx-tls': {
            value: 'MODE',
            meaning: 'Probe STARTTLS on port 25 of each MX host: true, false, or auto (probe, and when no MX host at all ' +
                'answers, as where outbound port 25 is blocked, say so once instead of failing every domain).',
            default: 'auto',
        },
        'allow-private-addresses': {
            meaning: 'Contact loopback, private and other non-public addresses (internal mail systems, test worlds).',
            default: 'off',
        },
        'smtp-proxy': {
            value: 'URL',
            meaning: 'Send the port-25 probes through this SOCKS5 proxy, socks5://[user:password@]host:port (e.g. ssh -D). ' +
                'The address guard still judges each MX address; the password never appears in any output.',
            default: 'none (connect directly)',
        },
        'smtp-port': { value: 'N', meaning: 'SMTP port of the MX hosts, for test worlds.', default: '25' },
        'https-port': { value: 'N', meaning: 'HTTPS port of the policy hosts, for test worlds.', default: '443' },
    },
    notes: [
        'Exit status: 0 nothing reaches --fail-on, 1 something does, 2 usage or configuration error, 3 internal error.',
        'Colour: on a terminal only; NO_COLOR=1 turns it off, FORCE_COLOR=1 turns it on.',
    ],
};
const LINT_USAGE = {
    policy: 'mta-sts-drift lint policy FILE|- [--mx HOST]... [--json]',
    'sts-record': 'mta-sts-drift lint sts-record TXT... [--json]',
    'tlsrpt-record': 'mta-sts-drift lint tlsrpt-record TXT... [--json]',
};
const LINT_TARGETS = Object.keys(LINT_USAGE);
const JSON_HELP = { meaning: 'Print the result as JSON.', default: 'off' };
const MX_HELP = {
    value: 'HOST',
    meaning: 'An MX host that must match one of the policy mx patterns (RFC 8461 §4.1).',
    default: 'none',
    repeatable: true,
};
const LINT_EXIT = 'Exit status: 0 valid, 1 invalid, 2 usage error.';
/** `lint --help` and `lint TARGET --help`. */
const LINT_HELP = {
    lint: {
        usage: LINT_TARGETS.map((t) => LINT_USAGE[t]),
        summary: 'Offline checks of what you are about to publish: a policy file, an _mta-sts TXT record, an _smtp._tls ' +
            'TXT record. Nothing is looked up.',
        options: { mx: { ...MX_HELP, meaning: `${MX_HELP.meaning} For lint policy only.` }, json: JSON_HELP },
        notes: [
            LINT_EXIT,
            "Run 'mta-sts-drift lint TARGET --help' for one target: policy, sts-record, tlsrpt-record.",
        ],
    },
    policy: {
        usage: [LINT_USAGE.policy],
        summary: 'Check a policy file (or standard input with -) against RFC 8461 §3.2, and that every --mx host matches ' +
            'one of its mx patterns.',
        options: { mx: MX_HELP, json: JSON_HELP },
        notes: [LINT_EXIT],
    },
    'sts-record': {
        usage: [LINT_USAGE['sts-record']],
        summary: 'Check the TXT records published at _mta-sts.DOMAIN (RFC 8461 §3.1), one argument per record, so ' +
            '"exactly one record" is checked across them.',
        options: { json: JSON_HELP },
        notes: [LINT_EXIT],
    },
    'tlsrpt-record': {
        usage: [LINT_USAGE['tlsrpt-record']],
        summary: 'Check the TXT records published at _smtp._tls.DOMAIN (RFC 8460 §3), one argument per record, so ' +
            '"exactly one record" is checked across them.',
        options: { json: JSON_HELP },
        notes: [LINT_EXIT],
    },
};

;// CONCATENATED MODULE: ./src/config/config-error.ts
/**
 * A config file that cannot be used: unreadable, not YAML, or not valid against the schema.
 *
 * An operational failure rather than drift, so it is thrown; it carries every problem found, because fixing one
 * error per run is tedious.
 */
class ConfigError extends Error {
    name = 'ConfigError';
    issues;
    constructor(issues, options) {
        const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
        super(sorted.map(formatIssue).join('\n'), options);
        this.issues = sorted;
    }
}
/** Formats an issue the way compilers do, `file:line:column: path: message`, so editors can link it. */
function formatIssue(issue) {
    const position = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
    const path = issue.path === '' ? '' : `${issue.path}: `;
    return `${position}: ${path}${issue.message}`;
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/config/normalize-domain.ts

/** RFC 1035 §2.3.4: 63 octets per label, 255 per name on the wire, so 253 in dotted text without the root. */
const MAX_LABEL_LENGTH = 63;
const MAX_NAME_LENGTH = 253;
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/**
 * Normalises a domain name for comparison: trims it, drops one trailing dot, lower-cases it and converts
 * internationalised labels to A-labels (`bücher.example` becomes `xn--bcher-kva.example`), the form in which
 * DNS names and policy mx patterns are compared (RFC 8461 §3.2 requires A-labels in policies).
 */
function normalizeDomain(input) {
    const trimmed = input.trim();
    const undotted = trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
    if (undotted === '')
        return { ok: false, reason: 'is empty' };
    // WHATWG domain-to-ASCII (UTS #46) maps case and width, and returns '' for names it cannot convert.
    const ascii = (0,external_node_url_.domainToASCII)(undotted.toLowerCase());
    if (ascii === '')
        return { ok: false, reason: 'is not a valid domain name' };
    return checkHostname(ascii);
}
/**
 * Normalises an mx pattern the same way: a host name, or `*.` followed by a host name (RFC 8461 §4.1).
 * A `*` anywhere else, and IP addresses, are rejected as the policy grammar does.
 */
function normalizeMxPattern(input) {
    const trimmed = input.trim();
    const wildcard = trimmed.startsWith('*.');
    const host = normalizeDomain(wildcard ? trimmed.slice(2) : trimmed);
    if (!host.ok)
        return host;
    return { ok: true, value: wildcard ? `*.${host.value}` : host.value };
}
function checkHostname(ascii) {
    if (ascii.length > MAX_NAME_LENGTH) {
        return { ok: false, reason: `is longer than ${MAX_NAME_LENGTH} characters` };
    }
    // domainToASCII passes a bracketed IPv6 literal through unchanged.
    if (ascii.startsWith('['))
        return { ok: false, reason: 'is an IP address, not a domain name' };
    const labels = ascii.split('.');
    if (labels.length < 2)
        return { ok: false, reason: 'has a single label; expected a name such as example.com' };
    // An all-numeric last label means an IP address (domainToASCII also turns 0x7f.1 into 127.0.0.1).
    if (/^[0-9]+$/.test(labels.at(-1) ?? ''))
        return { ok: false, reason: 'is an IP address, not a domain name' };
    for (const label of labels) {
        if (label.length > MAX_LABEL_LENGTH) {
            return { ok: false, reason: `has a label longer than ${MAX_LABEL_LENGTH} characters` };
        }
        if (!LDH_LABEL.test(label)) {
            return {
                ok: false,
                reason: `has an invalid label "${label}"; expected letters, digits and inner hyphens`,
            };
        }
    }
    return { ok: true, value: ascii };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/config/yaml-source.ts


/**
 * Parses config text as YAML, keeping positions for later messages; `file` is only used in messages.
 *
 * @throws ConfigError listing every YAML error and warning, each with its line and column.
 */
function parseYamlSource(raw, file) {
    // Editors on Windows may save a byte-order mark; yaml 2.9 then misreads a top-level `- item` list.
    const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = { file, doc, lines };
    // Warnings (such as an unknown !tag) are errors here: a config that YAML reads with doubts is ambiguous.
    const yamlProblems = [...doc.errors, ...doc.warnings];
    if (yamlProblems.length > 0) {
        throw new ConfigError(yamlProblems.map((problem) => yamlIssue(source, text, problem)));
    }
    try {
        return { source, data: doc.toJS() };
    }
    catch (error) {
        // toJS refuses documents whose aliases expand too far (a "billion laughs" file).
        throw new ConfigError([issueAt(source, { segments: [] }, error.message)], { cause: error });
    }
}
function yamlIssue(source, text, problem) {
    const { line, col } = source.lines.linePos(problem.pos[0]);
    // The parser reports only "Map keys must be unique"; naming the key saves a search.
    const key = /^(?:"[^"]*"|'[^']*'|[^:\n]*)/
        .exec(text.slice(problem.pos[0]))?.[0]
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2');
    let message = problem.message;
    if (problem.code === 'DUPLICATE_KEY' && key !== undefined) {
        message = `duplicate key ${JSON.stringify(key)}; each key may appear only once in a mapping`;
    }
    else if (problem.code === 'MULTIPLE_DOCS') {
        // The parser's own text advises a library call, which helps no one editing domains.yml.
        message = 'a second YAML document starts here; keep every setting in one document';
    }
    return { file: source.file, line, column: col, path: '', message };
}
/** Builds an issue for a place, positioned on the deepest YAML node that exists along its path. */
function issueAt(source, place, message) {
    const { line, column } = positionOf(source, place);
    return { file: source.file, line, column, path: formatPath(place.segments), message };
}
/** The line and column of the deepest YAML node that exists along the place's path. */
function positionOf(source, place) {
    const { line, col } = source.lines.linePos(locate(source, place).offset);
    return { line, column: col };
}
/** Follows a place through the document: the node there (undefined if absent) and the offset to report. */
function locate(source, place) {
    let node = source.doc.contents;
    let offset = rangeStart(node) ?? 0;
    const steps = place.key === undefined ? place.segments : [...place.segments, place.key];
    steps.forEach((step, index) => {
        if ((0,dist/* isAlias */.Vj)(node))
            node = node.resolve(source.doc);
        const wantKey = place.key !== undefined && index === steps.length - 1;
        if ((0,dist/* isSeq */.oP)(node))
            node = node.items[Number(step)];
        else if ((0,dist/* isMap */.jh)(node)) {
            const pair = node.items.find((item) => (0,dist/* isScalar */.jn)(item.key) && String(item.key.value) === String(step));
            node = wantKey ? pair?.key : (pair?.value ?? pair?.key);
        }
        else
            node = undefined;
        offset = rangeStart(node) ?? offset;
    });
    return { node, offset };
}
function rangeStart(node) {
    return (0,dist/* isNode */.Ll)(node) ? node.range?.[0] : undefined;
}
/** `['domains', 1, 'mode']` becomes `domains[1].mode`, the way users read their file. */
function formatPath(segments) {
    return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
/** Whether parsed data is a YAML mapping (not a list, not null). */
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

;// CONCATENATED MODULE: ./src/config/build-expectations.ts


/** Used when neither the domain nor `defaults` sets `cert_warning_days`. */
const DEFAULT_CERT_WARNING_DAYS = 21;
/** The domain list and the defaults, in either form of the file. */
function splitConfig(data) {
    if (Array.isArray(data))
        return { listPath: [], entries: data, defaults: undefined };
    if (!isRecord(data))
        return { listPath: [], entries: [], defaults: undefined };
    const entries = Array.isArray(data.domains) ? data.domains : [];
    return { listPath: ['domains'], entries, defaults: data.defaults };
}
/**
 * `defaults` and every domain entry, each with its path: the blocks that may hold expectations such as `mx` and
 * `ignore`. Blocks are as parsed, so not necessarily valid; callers check their shape.
 */
function expectationBlocks(data) {
    const { listPath, entries, defaults } = splitConfig(data);
    return [
        ...(defaults === undefined ? [] : [{ segments: ['defaults'], block: defaults }]),
        ...entries.map((block, index) => ({ segments: [...listPath, index], block })),
    ];
}
/** Where an entry's domain name is: the entry itself, or its `domain` value. */
function nameSegments(listPath, index, entry) {
    return typeof entry === 'string' ? [...listPath, index] : [...listPath, index, 'domain'];
}
/**
 * Normalises domain names and mx patterns, reporting names that do not convert and domains listed twice.
 * Runs even when the schema found errors elsewhere, so one run reports everything; `invalid` holds the paths
 * the schema already reported, which are skipped.
 */
function checkNames(source, data, invalid) {
    const issues = [];
    const check = (segments, raw, normalize) => {
        if (typeof raw !== 'string' || invalid.has(formatPath(segments)))
            return undefined;
        const result = normalize(raw);
        if (!result.ok)
            issues.push(issueAt(source, { segments }, `${JSON.stringify(raw)} ${result.reason}`));
        return result.ok ? result.value : undefined;
    };
    for (const { segments, block } of expectationBlocks(data)) {
        const mx = isRecord(block) ? block.mx : undefined;
        if (Array.isArray(mx))
            mx.forEach((raw, i) => check([...segments, 'mx', i], raw, normalizeMxPattern));
    }
    const { listPath, entries } = splitConfig(data);
    const seen = new Map();
    entries.forEach((entry, index) => {
        const segments = nameSegments(listPath, index, entry);
        const raw = typeof entry === 'string' ? entry : isRecord(entry) ? entry.domain : undefined;
        const name = check(segments, raw, normalizeDomain);
        if (name === undefined)
            return;
        const issue = issueAt(source, { segments }, '');
        const first = seen.get(name);
        if (first === undefined)
            seen.set(name, { raw: String(raw), line: issue.line });
        else {
            const message = `${JSON.stringify(raw)} is the same domain as "${first.raw}" on line ${first.line}; list each domain once`;
            issues.push({ ...issue, message });
        }
    });
    return issues;
}
/**
 * Turns a valid config into expectations, applying defaults: the domain's own value wins, ignore lists merge.
 * Call only once the schema and checkNames have found no issue.
 */
function buildExpectations(source, data, fallbackWarningDays = DEFAULT_CERT_WARNING_DAYS) {
    const { listPath, entries, defaults } = splitConfig(data);
    const base = (defaults ?? {});
    return entries.map((entry, index) => {
        const own = (typeof entry === 'string' ? { domain: entry } : entry);
        const { line, column } = positionOf(source, { segments: nameSegments(listPath, index, entry) });
        const mode = own.mode ?? base.mode;
        const mx = own.mx ?? base.mx;
        const maxAge = own.max_age ?? base.max_age;
        const tlsrpt = own.tlsrpt ?? base.tlsrpt;
        return {
            domain: normalized(normalizeDomain(own.domain), own.domain),
            line,
            column,
            ...(mode === undefined ? {} : { mode }),
            ...(mx === undefined ? {} : { mx: unique(mx.map((p) => normalized(normalizeMxPattern(p), p))) }),
            ...(maxAge === undefined
                ? {}
                : { maxAge: typeof maxAge === 'number' ? { exact: maxAge } : { min: maxAge.min } }),
            ...(own.id === undefined ? {} : { id: own.id }),
            ...(tlsrpt === undefined ? {} : { tlsrpt: tlsrptExpectation(tlsrpt) }),
            certWarningDays: own.cert_warning_days ?? base.cert_warning_days ?? fallbackWarningDays,
            ignore: unique([...(base.ignore ?? []), ...(own.ignore ?? [])]),
        };
    });
}
function tlsrptExpectation(value) {
    return typeof value === 'boolean' ? { required: value } : { required: true, rua: unique(value) };
}
/** checkNames has already rejected every name that fails to normalise, so the fallback is never used. */
function normalized(result, raw) {
    return result.ok ? result.value : raw;
}
function unique(values) {
    return [...new Set(values)];
}

;// CONCATENATED MODULE: ./src/config/ignore-codes.ts




const KNOWN_CODES = Object.keys(FINDING_CODES);
/** With dozens of codes, listing them all would bury the message; the README table has each one's meaning. */
const NO_NEAR_CODE_HINT = 'see the Findings table in README.md for the codes';
/**
 * Reports every `ignore` entry, in `defaults` and in each domain, that names no finding code: a misspelt code
 * would otherwise silently ignore nothing. Entries the schema already reported (in `invalid`) are skipped.
 */
function checkIgnoreCodes(source, data, invalid) {
    const issues = [];
    for (const { segments, block } of expectationBlocks(data)) {
        const ignore = isRecord(block) ? block.ignore : undefined;
        if (!Array.isArray(ignore))
            continue;
        ignore.forEach((code, index) => {
            const at = [...segments, 'ignore', index];
            if (typeof code !== 'string' || isFindingCode(code) || invalid.has(formatPath(at)))
                return;
            issues.push(issueAt(source, { segments: at }, unknownCodeMessage(code)));
        });
    }
    return issues;
}
/** The message for a code that is not in the catalogue, suggesting the nearest code when one is close. */
function unknownCodeMessage(code) {
    const near = suggest(code, KNOWN_CODES);
    const advice = near === undefined ? NO_NEAR_CODE_HINT : `did you mean "${near}"?`;
    return `unknown finding code ${JSON.stringify(code)}; ${advice}`;
}

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var dist_ajv = __webpack_require__(2463);
var ajv_default = /*#__PURE__*/__webpack_require__.n(dist_ajv);
;// CONCATENATED MODULE: ./src/config/domains.schema.json
const domains_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","title":"mta-sts-drift domains.yml","description":"The intended MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) state of each monitored domain. Either a list of domain names, or a mapping with optional defaults and a domains list.","if":{"type":"array"},"then":{"$ref":"#/definitions/domainList"},"else":{"$ref":"#/definitions/fullForm"},"definitions":{"fullForm":{"type":"object","errorMessage":"expected a list of domain names, or a mapping with a \\"domains\\" key","required":["domains"],"additionalProperties":false,"properties":{"defaults":{"$ref":"#/definitions/defaults"},"domains":{"$ref":"#/definitions/domainList"}}},"defaults":{"title":"Defaults","description":"Expectations applied to every domain; a domain\'s own value wins, and ignore lists are merged. The policy id is per domain, so it is not allowed here.","type":"object","errorMessage":"expected a mapping of default expectations","additionalProperties":false,"properties":{"mode":{"$ref":"#/definitions/mode"},"mx":{"$ref":"#/definitions/mx"},"max_age":{"$ref":"#/definitions/maxAge"},"tlsrpt":{"$ref":"#/definitions/tlsrpt"},"cert_warning_days":{"$ref":"#/definitions/certWarningDays"},"ignore":{"$ref":"#/definitions/ignore"}}},"domainList":{"title":"Domains","description":"The monitored domains: each a domain name, or a mapping with a domain key and its expectations.","type":"array","errorMessage":"expected a list of domains","minItems":1,"items":{"if":{"type":"string"},"then":{"$ref":"#/definitions/domainName"},"else":{"$ref":"#/definitions/domainEntry"}}},"domainEntry":{"type":"object","errorMessage":"expected a domain name, or a mapping with a \\"domain\\" key","required":["domain"],"additionalProperties":false,"properties":{"domain":{"$ref":"#/definitions/domainName"},"mode":{"$ref":"#/definitions/mode"},"mx":{"$ref":"#/definitions/mx"},"max_age":{"$ref":"#/definitions/maxAge"},"id":{"$ref":"#/definitions/id"},"tlsrpt":{"$ref":"#/definitions/tlsrpt"},"cert_warning_days":{"$ref":"#/definitions/certWarningDays"},"ignore":{"$ref":"#/definitions/ignore"}}},"domainName":{"title":"Domain","description":"A domain name such as example.com. Case, one trailing dot and internationalised names are normalised (IDNs become A-labels, xn--...).","type":"string","errorMessage":"expected a domain name such as example.com","pattern":"^(?![0-9.]+$)(?:[A-Za-z0-9\\\\u00a1-\\\\uffff](?:[A-Za-z0-9\\\\u00a1-\\\\uffff-]{0,61}[A-Za-z0-9\\\\u00a1-\\\\uffff])?\\\\.)+[A-Za-z0-9\\\\u00a1-\\\\uffff](?:[A-Za-z0-9\\\\u00a1-\\\\uffff-]{0,61}[A-Za-z0-9\\\\u00a1-\\\\uffff])?\\\\.?$","patternErrorMessage":"expected a domain name such as example.com (not an IP address or a URL)"},"mode":{"title":"Policy mode","description":"The mode the published policy must have (RFC 8461 §5): enforce, testing or none.","type":"string","errorMessage":"expected one of enforce, testing, none","enum":["enforce","testing","none"]},"mx":{"title":"MX patterns","description":"The policy\'s mx patterns, compared as a set: each a host name or *. plus a host name (RFC 8461 §3.2, §4.1). No IP addresses.","type":"array","errorMessage":"expected a list of mx patterns","items":{"title":"MX pattern","description":"A host name such as mx1.example.com, or a wildcard such as *.mail.example.com that matches exactly one left-most label.","type":"string","errorMessage":"expected an mx pattern such as mx1.example.com or *.mail.example.com","pattern":"^(?:\\\\*\\\\.)?(?![0-9.]+$)(?:[A-Za-z0-9\\\\u00a1-\\\\uffff](?:[A-Za-z0-9\\\\u00a1-\\\\uffff-]{0,61}[A-Za-z0-9\\\\u00a1-\\\\uffff])?\\\\.)+[A-Za-z0-9\\\\u00a1-\\\\uffff](?:[A-Za-z0-9\\\\u00a1-\\\\uffff-]{0,61}[A-Za-z0-9\\\\u00a1-\\\\uffff])?\\\\.?$","patternErrorMessage":"expected a host name such as mx1.example.com or a wildcard such as *.mail.example.com (no IP addresses, no * inside a label)"}},"maxAge":{"title":"Policy max_age","description":"The policy\'s max_age in seconds, exactly (an integer from 1 to 31557600, RFC 8461 §3.2), or a lower bound written as { min: 86400 }.","if":{"type":"object"},"then":{"type":"object","required":["min"],"additionalProperties":false,"properties":{"min":{"title":"Minimum max_age","description":"The smallest acceptable max_age in seconds, from 1 to 31557600 (RFC 8461 §3.2).","type":"integer","errorMessage":"expected a whole number of seconds","minimum":1,"maximum":31557600}}},"else":{"type":"integer","errorMessage":"expected a whole number of seconds, or { min: N }","minimum":1,"maximum":31557600}},"id":{"title":"Policy id","description":"The expected id of the _mta-sts TXT record: 1 to 32 letters and digits (RFC 8461 §3.1). Quote numeric ids so YAML keeps them as text.","type":"string","errorMessage":"expected a string of 1 to 32 letters and digits","pattern":"^[A-Za-z0-9]{1,32}$","patternErrorMessage":"expected 1 to 32 letters and digits, no punctuation (RFC 8461 §3.1)"},"tlsrpt":{"title":"TLS-RPT","description":"TLS reporting (RFC 8460): true if a valid _smtp._tls record is required, false if not, or the exact set of rua URIs expected (mailto: or https:).","if":{"type":"array"},"then":{"type":"array","errorMessage":"expected at least one rua URI, or true to require a TLS-RPT record without naming its URIs","minItems":1,"items":{"title":"Reporting URI","description":"A rua URI: mailto:address or https://url (RFC 8460 §3). Commas, ! and ; must be percent-encoded.","type":"string","errorMessage":"expected a mailto: or https: URI","pattern":"^(?:mailto:[^\\\\s,;!]+@[^\\\\s,;!]+|https://[^\\\\s,;!]+)$","patternErrorMessage":"expected a mailto: or https:// URI such as mailto:tlsrpt@example.com (RFC 8460 §3)"}},"else":{"type":"boolean","errorMessage":"expected true, false, or a list of rua URIs"}},"certWarningDays":{"title":"Certificate warning days","description":"Warn when a certificate of the policy host or an MX host expires within this many days (0 to 365; default 21).","type":"integer","errorMessage":"expected a whole number of days","minimum":0,"maximum":365},"ignore":{"title":"Ignored findings","description":"Finding codes to drop for this domain, such as policy-max-age-short. Defaults and a domain\'s own list are merged.","type":"array","errorMessage":"expected a list of finding codes","items":{"title":"Finding code","description":"A finding code in kebab-case, as listed in the README.","type":"string","errorMessage":"expected a finding code such as policy-max-age-short","pattern":"^[a-z0-9]+(?:-[a-z0-9]+)*$","patternErrorMessage":"expected a finding code in kebab-case such as policy-max-age-short"}}}}');
;// CONCATENATED MODULE: ./src/config/schema-issues.ts





const NO_DOMAINS = 'no domains; list at least one domain name';
let validator;
function getValidator() {
    if (validator === undefined) {
        // ajv is CommonJS: under NodeNext the default import is module.exports, whose `default` is the class.
        const ajv = new (ajv_default())["default"]({ allErrors: true, verbose: true, strict: true });
        ajv.addVocabulary(['errorMessage', 'patternErrorMessage']);
        validator = ajv.compile(domains_schema_namespaceObject);
    }
    return validator;
}
/**
 * Validates parsed data against domains.schema.json, turning each ajv error into a positioned issue worded for
 * someone editing the file. `invalid` holds the paths with an error, so later checks skip them.
 */
function validateSchema(source, data) {
    const validate = getValidator();
    validate(data);
    // `if` errors only say which branch failed; the branch's own errors say why.
    const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if');
    const issues = errors.map((error) => {
        const segments = pointerSegments(error.instancePath, data);
        const { node } = locate(source, { segments });
        const { message, key } = describeError(error, segments, (0,dist/* isScalar */.jn)(node) ? node.source : undefined);
        return issueAt(source, key === undefined ? { segments } : { segments, key }, message);
    });
    return { issues, invalid: new Set(issues.map((issue) => issue.path)) };
}
/** Splits a JSON pointer; a segment is a number where the data at that point is a list. */
function pointerSegments(pointer, data) {
    if (pointer === '')
        return [];
    let cursor = data;
    return pointer
        .slice(1)
        .split('/')
        .map((raw) => {
        const step = raw.replaceAll('~1', '/').replaceAll('~0', '~');
        const segment = Array.isArray(cursor) ? Number(step) : step;
        cursor =
            isRecord(cursor) || Array.isArray(cursor) ? cursor[step] : undefined;
        return segment;
    });
}
function describeError(error, segments, text) {
    const hints = (error.parentSchema ?? {});
    const params = error.params;
    const found = describeValue(error.data, text);
    const domainList = segments.length === 0 || (segments.length === 1 && segments[0] === 'domains');
    switch (error.keyword) {
        case 'enum':
            return {
                message: `${found} is not allowed; expected one of ${params.allowedValues.join(', ')}`,
            };
        case 'additionalProperties': {
            const key = String(params.additionalProperty);
            return { key, message: unknownKey(key, segments, Object.keys(hints.properties ?? {})) };
        }
        case 'required':
            return { message: `missing required key "${String(params.missingProperty)}"` };
        case 'minimum':
        case 'maximum':
            return { message: `${found} is out of range; expected ${hints.minimum} to ${hints.maximum}` };
        case 'pattern':
            return {
                message: `${found} is not valid; ${hints.patternErrorMessage ?? `expected ${String(params.pattern)}`}`,
            };
        case 'minItems':
            return {
                message: domainList ? NO_DOMAINS : `found an empty list; ${hints.errorMessage ?? 'expected entries'}`,
            };
        case 'type':
            if (error.data === null && domainList) {
                return { message: segments.length === 0 ? 'no domains; the file is empty' : NO_DOMAINS };
            }
            return { message: typeMessage(hints, String(params.type), found, error.data, text) };
        default:
            return { message: `${found} ${error.message ?? 'is not valid'}` };
    }
}
function typeMessage(hints, type, found, data, text) {
    const message = `${hints.errorMessage ?? `expected ${type}`}, found ${found}`;
    // `id: 20240101` is a number to YAML, and `0123` would even lose its zero: quoting is the fix.
    return type === 'string' && typeof data === 'number'
        ? `${message}; quote it ("${text ?? data}") to keep it as text`
        : message;
}
function unknownKey(key, segments, allowed) {
    if (key === 'id' && segments.length === 1 && segments[0] === 'defaults') {
        return '"id" is not allowed in defaults; each domain publishes its own policy id, so set id on the domain';
    }
    const near = suggest(key, allowed);
    if (near !== undefined)
        return `unknown key "${key}"; did you mean "${near}"?`;
    if (allowed.length === 1) {
        return `unknown key "${key}"; the only key allowed here is "${String(allowed[0])}"`;
    }
    return `unknown key "${key}"; expected one of ${allowed.join(', ')}`;
}
function describeValue(data, text) {
    if (data === null || data === undefined)
        return 'an empty value';
    if (typeof data === 'string')
        return JSON.stringify(data);
    // The source text keeps what YAML's number parsing loses, such as the zero of `0123`.
    if (typeof data === 'number' || typeof data === 'boolean')
        return text ?? String(data);
    return Array.isArray(data) ? 'a list' : 'a mapping';
}

;// CONCATENATED MODULE: ./src/config/load-config.ts








/**
 * Reads and validates a config file.
 *
 * @throws ConfigError when the file cannot be read, is not YAML, or does not match the schema; the error lists
 *   every problem found, each with its line and column.
 */
async function loadConfig(path, options = {}) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        const issue = {
            file: path,
            line: 0,
            column: 0,
            path: '',
            message: `cannot read the file: ${osReason(error)}`,
        };
        throw new ConfigError([issue], { cause: error });
    }
    return parseConfig(text, path, options);
}
/**
 * Parses and validates config text; `file` is only used in messages. Pure, so tests need no files.
 *
 * @throws ConfigError listing every problem found.
 */
function parseConfig(raw, file, options = {}) {
    const { source, data } = parseYamlSource(raw, file);
    // Every check runs even when an earlier one found problems, so one run reports everything.
    const { issues, invalid } = validateSchema(source, data);
    issues.push(...checkNames(source, data, invalid), ...checkIgnoreCodes(source, data, invalid));
    if (issues.length > 0)
        throw new ConfigError(issues);
    return { file, domains: buildExpectations(source, data, options.certWarningDays) };
}
function osReason(error) {
    const { errno, code, message } = error;
    if (typeof errno !== 'number')
        return String(message);
    return `${(0,external_node_util_.getSystemErrorMessage)(errno)}${code === undefined ? '' : ` (${code})`}`;
}

;// CONCATENATED MODULE: ./src/lint.ts
/**
 * Offline validation before publishing: a policy file, `_mta-sts` TXT values, TLS-RPT TXT values.
 * Each TXT argument is one record at that name, so the RFC's "exactly one" rule applies across them.
 */




function result(errors, warnings, notices, extra) {
    return { valid: errors.length === 0, errors, warnings, notices, ...extra };
}
/** Lint a policy body; each `--mx` host must match one of its patterns (RFC 8461 §4.1). */
function lintPolicy(body, mxHosts) {
    const parsed = parsePolicy(body);
    const errors = [...parsed.errors];
    const extra = {};
    if (parsed.value !== null) {
        const { version, mode, maxAge, mx } = parsed.value;
        extra.policy = { version, mode, maxAge, mx };
        extra.mx = mxHosts.map((raw) => {
            const host = normalizeHost(raw);
            const pattern = findMatchingPattern(mx, host);
            if (pattern === null && mode !== 'none') {
                errors.push({
                    code: 'mx-not-covered',
                    message: `MX host ${host} matches no mx pattern (${mx.join(', ')}); enforcing senders would refuse it.`,
                });
            }
            return { host, matched: pattern !== null, pattern };
        });
    }
    return result(errors, [...parsed.warnings], [...parsed.notices], extra);
}
/** Lint the TXT records that would be published at `_mta-sts.<domain>`. */
function lintStsRecords(records) {
    const selected = selectStsRecords(records);
    const ignored = records.length - selected.length;
    const notices = ignored > 0
        ? [
            {
                code: 'sts-record-ignored',
                message: `${ignored} record(s) not beginning with "v=STSv1" are ignored by senders.`,
            },
        ]
        : [];
    if (selected.length !== 1) {
        const error = selected.length === 0
            ? { code: 'sts-record-missing', message: 'No record begins with "v=STSv1".' }
            : {
                code: 'sts-record-multiple',
                message: `${selected.length} records begin with "v=STSv1"; senders ignore them all.`,
            };
        return result([error], [], notices, {});
    }
    const parsed = parseStsRecord(selected[0] ?? '');
    return result([...parsed.errors], [...parsed.warnings], notices, parsed.value ? { id: parsed.value.id } : {});
}
/** Lint the TXT records that would be published at `_smtp._tls.<domain>`. */
function lintTlsRptRecords(records) {
    const selected = selectTlsRptRecords(records);
    if (selected.length !== 1) {
        const error = selected.length === 0
            ? { code: 'tlsrpt-missing', message: 'No record begins with "v=TLSRPTv1".' }
            : {
                code: 'tlsrpt-multiple',
                message: `${selected.length} records begin with "v=TLSRPTv1"; senders ignore them all.`,
            };
        return result([error], [], [], {});
    }
    const parsed = parseTlsRptRecord(selected[0] ?? '');
    return result([...parsed.errors], [...parsed.warnings], [], parsed.value ? { rua: parsed.value.rua } : {});
}
/** Plain-text rendering of a lint result. */
function renderLint(what, lint) {
    const lines = [`${what}: ${lint.valid ? 'valid' : 'INVALID'}`];
    for (const [label, list] of [
        ['error', lint.errors],
        ['warning', lint.warnings],
        ['notice', lint.notices],
    ]) {
        for (const p of list)
            lines.push(`  ${label.padEnd(7)} ${p.code}: ${p.message}`);
    }
    if (lint.policy)
        lines.push(`  mode ${lint.policy.mode}, max_age ${lint.policy.maxAge}, mx ${lint.policy.mx.join(', ')}`);
    for (const m of lint.mx ?? [])
        lines.push(`  mx ${m.host}: ${m.matched ? `matches ${m.pattern ?? ''}` : 'NOT covered'}`);
    if (lint.id !== undefined)
        lines.push(`  id ${lint.id}`);
    if (lint.rua !== undefined)
        lines.push(`  rua ${lint.rua.join(', ')}`);
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: external "node:dns/promises"
var external_node_dns_promises_ = __webpack_require__(1553);
;// CONCATENATED MODULE: ./src/probes/dns.ts
/**
 * The live `DnsClient`: `node:dns/promises` with bounded timeouts, and failures turned into data.
 *
 * NXDOMAIN and NODATA are answers ("absent"); SERVFAIL, REFUSED, timeouts and unreachable servers are not
 * ("unknown"), so the core can tell "the record is gone" from "we could not look".
 */


/**
 * Per-try timeout. c-ares defaults to 5 s with 4 tries and a doubling back-off, up to about 24 s per look-up;
 * real senders give up on a policy look-up after a few seconds, so a slower answer is itself worth reporting.
 */
const DEFAULT_DNS_TIMEOUT_MS = 2500;
const DEFAULT_DNS_TRIES = 2;
const DNS_PORT = 53;
/** A `servers` entry that is not `IP[:PORT]`. */
class DnsServerFormatError extends Error {
    name = 'DnsServerFormatError';
    /** The rejected text, as given. */
    value;
    constructor(value) {
        super(`Invalid DNS server ${JSON.stringify(value)}: expected IP[:PORT], e.g. 127.0.0.1:5353 or [::1]:5353`);
        this.value = value;
    }
}
/** Split `text` into host and port, or `null` when it has none of the accepted shapes. */
function splitServer(text) {
    const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
    if (bracketed?.[1] !== undefined) {
        return (0,external_node_net_.isIPv6)(bracketed[1]) ? { host: bracketed[1], port: bracketed[2] } : null;
    }
    const withPort = /^([\d.]+):(\d{1,5})$/.exec(text);
    if (withPort?.[1] !== undefined) {
        return (0,external_node_net_.isIPv4)(withPort[1]) ? { host: withPort[1], port: withPort[2] } : null;
    }
    // A bare IPv6 address keeps all its colons: `::1:5353` is an address, `[::1]:5353` an address and a port.
    return (0,external_node_net_.isIP)(text) !== 0 ? { host: text, port: undefined } : null;
}
/**
 * Validate a DNS server address and normalise it to the form `Resolver.setServers` takes and
 * `Resolver.getServers` reports: `IP` for port 53, otherwise `IPv4:PORT` or `[IPv6]:PORT`, IPv6 compressed
 * and in lower case. Surrounding white space is ignored. Throws `DnsServerFormatError`.
 */
function parseDnsServer(text) {
    const parts = splitServer(text.trim());
    const port = parts?.port === undefined ? DNS_PORT : Number(parts.port);
    // Node silently drops an IPv6 zone id (`fe80::1%eth0`), so the query could leave by another interface.
    if (parts === null || parts.host.includes('%') || port < 1 || port > 65535) {
        throw new DnsServerFormatError(text);
    }
    if (!(0,external_node_net_.isIPv6)(parts.host))
        return port === DNS_PORT ? parts.host : `${parts.host}:${port}`;
    const canonical = new URL(`http://[${parts.host}]/`).hostname.slice(1, -1);
    return port === DNS_PORT ? canonical : `[${canonical}]:${port}`;
}
/** Short explanations for the failure codes seen in practice; any other code keeps Node's message. */
const FAILURE_TEXT = {
    ESERVFAIL: 'the server could not answer (SERVFAIL)',
    EREFUSED: 'the server refused the query (REFUSED)',
    ETIMEOUT: 'no answer before the timeout',
    ECONNREFUSED: 'the DNS server refused the connection',
};
/** Turn a rejected query into an `absent` or `unknown` observation. */
function toFailure(error) {
    const code = error?.code;
    if (code === 'ENOTFOUND')
        return { status: 'absent', reason: 'nxdomain' };
    if (code === 'ENODATA')
        return { status: 'absent', reason: 'nodata' };
    const message = error instanceof Error ? error.message : String(error);
    if (typeof code !== 'string')
        return { status: 'unknown', reason: `UNKNOWN: ${message}` };
    return { status: 'unknown', reason: `${code}: ${FAILURE_TEXT[code] ?? message}` };
}
/** Run one query; never throws. An empty answer is NODATA, whatever the resolver made of it. */
async function lookup(query) {
    try {
        const value = await query();
        return value.length > 0 ? { status: 'ok', value } : { status: 'absent', reason: 'nodata' };
    }
    catch (error) {
        return toFailure(error);
    }
}
/** A and AAAA together: any address is an answer; else "unknown" beats "absent", NXDOMAIN beats NODATA. */
function combineAddresses(v4, v6) {
    const both = [v4, v6];
    const value = both.flatMap((result) => (result.status === 'ok' ? result.value : []));
    if (value.length > 0)
        return { status: 'ok', value };
    const unknown = both.flatMap((result) => (result.status === 'unknown' ? [result.reason] : []));
    if (unknown.length > 0)
        return { status: 'unknown', reason: [...new Set(unknown)].join('; ') };
    const nxdomain = both.some((result) => result.status === 'absent' && result.reason === 'nxdomain');
    return { status: 'absent', reason: nxdomain ? 'nxdomain' : 'nodata' };
}
/**
 * MX host names compare case-insensitively without the trailing dot (RFC 8461 §4.1). c-ares already drops
 * the dot; removing it here keeps the contract should that change.
 */
function normaliseMx(records) {
    return (records
        .map(({ exchange, priority }) => ({
        exchange: exchange.toLowerCase().replace(/\.$/, ''),
        preference: priority,
    }))
        // Code-unit order, not localeCompare: the order must not depend on the runner's locale.
        .sort((a, b) => a.preference - b.preference || (a.exchange < b.exchange ? -1 : a.exchange > b.exchange ? 1 : 0)));
}
/**
 * Create the live DNS client. Throws `DnsServerFormatError` for a bad `servers` entry.
 *
 * CNAMEs are followed by the recursive resolver: its answer carries the chain and the records at its end.
 */
function createDnsClient(options = {}) {
    const timeout = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
    // maxTimeout reins in c-ares' doubling back-off between tries: a dead server costs seconds.
    const resolver = new external_node_dns_promises_.Resolver({ timeout, tries: options.tries ?? DEFAULT_DNS_TRIES, maxTimeout: timeout });
    if (options.servers !== undefined && options.servers.length > 0) {
        resolver.setServers(options.servers.map(parseDnsServer));
    }
    return {
        // A multi-string TXT record is one record: its strings are joined without separators (RFC 8461 §3.1).
        txt: (name) => lookup(async () => (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''))),
        // A null MX (RFC 7505) arrives as exchange '' and is kept, with its preference, for the core to judge.
        mx: (name) => lookup(async () => normaliseMx(await resolver.resolveMx(name))),
        addresses: async (name) => {
            const [v4, v6] = await Promise.all([
                lookup(() => resolver.resolve4(name)),
                lookup(() => resolver.resolve6(name)),
            ]);
            return combineAddresses(v4, v6);
        },
    };
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./src/probes/certificate-info.ts
/**
 * Plain data about one certificate; `subject` is the CN when there is one, else the whole subject, else `''`
 * (an empty subject is legal when the names are in a subjectAltName, RFC 5280 §4.1.2.6). Total: each field is
 * read on its own, and one that throws or is malformed is left empty (dates null) and named in `problems`.
 */
function describeCertificate(x509) {
    const problems = [];
    const subject = attempt('subject', problems, () => textOrEmpty(x509.subject), '');
    return {
        certificate: {
            subject: commonName(subject) ?? oneLine(subject),
            dnsNames: attempt('subjectAltName', problems, () => parseDnsNames(x509.subjectAltName), []),
            issuer: attempt('issuer', problems, () => oneLine(textOrEmpty(x509.issuer)), ''),
            notBefore: readDate('notBefore', problems, () => x509.validFromDate, () => x509.validFrom),
            notAfter: readDate('notAfter', problems, () => x509.validToDate, () => x509.validTo),
            fingerprint256: attempt('fingerprint256', problems, () => textOrEmpty(x509.fingerprint256), ''),
        },
        problems,
    };
}
/** Runs `read`; if it throws, records `field: message` and returns `fallback`. */
function attempt(field, problems, read, fallback) {
    try {
        return read();
    }
    catch (error) {
        problems.push(`${field}: ${error instanceof Error ? error.message : String(error)}`);
        return fallback;
    }
}
/** Node gives `undefined` for an absent subject or issuer (an empty sequence), not `''`. */
function textOrEmpty(value) {
    return typeof value === 'string' ? value : '';
}
/**
 * A validity date as ISO 8601, or null when the certificate's time field is malformed. OpenSSL's text form is the
 * witness: it reads "Bad time value" then, while `validToDate` is undefined, an Invalid Date (whose toISOString()
 * throws a RangeError) or, on some Node releases, a date made from uninitialised memory.
 */
function readDate(field, problems, date, text) {
    const raw = attempt(field, problems, text, undefined);
    const textMs = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (!Number.isFinite(textMs)) {
        if (!problems.some((p) => p.startsWith(`${field}:`))) {
            problems.push(`${field}: not a valid date (${JSON.stringify(String(raw ?? '')).slice(0, 80)})`);
        }
        return null;
    }
    const value = attempt(field, problems, date, undefined);
    if (value instanceof Date && Number.isFinite(value.getTime()))
        return value.toISOString();
    return new Date(textMs).toISOString();
}
/**
 * The `DNS:` entries of Node's `subjectAltName` string, e.g. `DNS:a.example, IP Address:192.0.2.1`. Node quotes
 * a value that contains a separator as a JSON string, so the split honours quotes (a `URI:"x, DNS:evil"` entry
 * must not yield a name).
 */
function parseDnsNames(subjectAltName) {
    if (subjectAltName === undefined)
        return [];
    const names = [];
    for (const entry of splitOutsideQuotes(subjectAltName)) {
        if (!entry.startsWith('DNS:'))
            continue;
        const value = entry.slice('DNS:'.length);
        names.push(value.startsWith('"') ? unquote(value) : value);
    }
    return names;
}
/** Splits on `, ` outside double-quoted strings (backslash escapes respected inside quotes). */
function splitOutsideQuotes(text) {
    const parts = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i] ?? '';
        if (quoted && ch === '\\') {
            current += ch + (text[i + 1] ?? '');
            i++;
        }
        else if (ch === '"') {
            quoted = !quoted;
            current += ch;
        }
        else if (!quoted && ch === ',' && text[i + 1] === ' ') {
            parts.push(current);
            current = '';
            i++;
        }
        else {
            current += ch;
        }
    }
    parts.push(current);
    return parts;
}
function unquote(value) {
    try {
        const parsed = JSON.parse(value);
        return typeof parsed === 'string' ? parsed : value;
    }
    catch {
        return value;
    }
}
/** `X509Certificate.subject` is one `KEY=value` per line; the last CN is the most specific one. */
function commonName(distinguishedName) {
    const cns = distinguishedName
        .split('\n')
        .filter((line) => line.startsWith('CN='))
        .map((line) => line.slice('CN='.length));
    return cns.at(-1);
}
function oneLine(distinguishedName) {
    return distinguishedName.split('\n').join(', ');
}

;// CONCATENATED MODULE: ./src/probes/tls-inspect.ts
/**
 * Turns a completed TLS handshake into plain data. Probes connect with `rejectUnauthorized: false` so the
 * handshake completes whatever the certificate; this module then records what a verifying client would have
 * decided, so the core can name the exact fault (RFC 8461 §4.2: trusted chain, validity period, name).
 */



const NAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';
/**
 * Records protocol, trust verdict, name match and the leaf certificate of a connected TLS socket. Never throws
 * (issue #11 item 1): it runs inside a `secureConnect` handler, where an exception would end the whole run. A
 * field that cannot be read becomes a `certificateProblems` entry, which the core reports as a TLS fault.
 *
 * `chainTrusted` is OpenSSL's verdict at handshake time against the socket's trusted roots: it reflects the real
 * clock, not a pinned one, because OpenSSL verifies during the handshake.
 */
function inspectTls(socket, expectedName) {
    const problems = [];
    // One call, one object: on Node 24, getPeerCertificate() returns {} once getPeerX509Certificate() has been
    // called on the same socket, so the X509Certificate is built from the legacy object's DER instead.
    const peer = attempt('certificate', problems, () => socket.getPeerCertificate(), null);
    // An empty object means the server sent no certificate at all.
    const present = peer !== null && typeof peer === 'object' && Object.keys(peer).length > 0;
    const verifyError = socket.authorized ? null : verifyErrorCode(socket.authorizationError);
    // tls.connect() runs its name check only after the chain verified, and reports a mismatch through the same
    // `authorized` flag; the name is judged separately below, so that verdict still means "chain trusted".
    const chainTrusted = socket.authorized || verifyError === NAME_MISMATCH;
    const certificate = present ? readCertificate(peer, problems) : null;
    return {
        protocol: attempt('protocol', problems, () => socket.getProtocol(), null),
        chainTrusted,
        verifyError: chainTrusted ? null : verifyError,
        nameMatches: present && matchesName(expectedName, peer),
        certificate,
        ...(problems.length > 0 ? { certificateProblems: problems } : {}),
    };
}
/** The legacy peer object's DER, parsed; a certificate Node cannot parse is a problem, not an exception. */
function readCertificate(peer, problems) {
    const x509 = attempt('certificate', problems, () => new external_node_crypto_.X509Certificate(peer.raw), null);
    if (x509 === null)
        return null;
    const described = describeCertificate(x509);
    problems.push(...described.problems);
    return described.certificate;
}
/**
 * RFC 6125 matching as a verifying client does it (wildcard only as the whole left-most label). A certificate
 * with no subject is judged by its SANs alone: Node reads `subject.CN` as a fallback, so a missing subject object
 * is given as empty rather than let it throw (issue #11 item 1). Anything else that throws is "does not match".
 */
function matchesName(expectedName, peer) {
    try {
        const subject = peer.subject;
        const withSubject = typeof subject === 'object' && subject !== null ? peer : { ...peer, subject: {} };
        return (0,external_node_tls_.checkServerIdentity)(expectedName, withSubject) === undefined;
    }
    catch {
        return false;
    }
}
/** Node's typings say `Error`, but the runtime value is OpenSSL's code string, e.g. `CERT_HAS_EXPIRED`. */
function verifyErrorCode(error) {
    if (typeof error === 'string')
        return error;
    if (error instanceof Error)
        return error.code ?? error.message;
    return null;
}

;// CONCATENATED MODULE: ./src/probes/https-connect.ts
/**
 * The connection half of a policy fetch: an undici connector that dials one address, presents the policy host
 * in SNI, completes the handshake without verifying it, and records how far it got for the failure report.
 */


/** A fresh attempt, before the TCP connection. */
function startAttempt() {
    return { phase: 'connect', timedOut: false, tls: null, connectError: null, socket: null };
}
/**
 * An undici connector that dials `target.address` but presents `target.servername` in SNI, verifies nothing,
 * and records what a verifying client would have decided. It also honours the deadline: undici only applies an
 * abort signal once the request is dispatched, so a handshake that never completes would otherwise outlive it.
 */
function connectTo(target, attempt, signal) {
    return (_options, callback) => {
        const tlsOptions = {
            host: target.address,
            port: target.port,
            servername: target.servername,
            rejectUnauthorized: false,
            ALPNProtocols: ['http/1.1'],
            ...(target.ca === undefined ? {} : { ca: target.ca }),
        };
        const socket = (0,external_node_tls_.connect)(tlsOptions);
        attempt.socket = socket;
        let settled = false;
        const fail = (error) => {
            if (settled)
                return;
            settled = true;
            attempt.connectError = error;
            socket.destroy();
            callback(error instanceof Error ? error : new Error(String(error)), null);
        };
        const onAbort = () => fail(signal.reason);
        if (signal.aborted)
            return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('connect', () => (attempt.phase = 'handshake'));
        // Kept for the socket's whole life so a late error never becomes an uncaught exception.
        socket.on('error', fail);
        socket.once('close', () => fail(new Error('connection closed before the TLS handshake completed')));
        socket.once('secureConnect', () => {
            if (settled)
                return;
            // inspectTls never throws (issue #11 item 1); should that ever break, an exception in this event handler
            // would end the whole process, so it becomes a failed fetch instead.
            let tls;
            try {
                tls = inspectTls(socket, target.servername);
            }
            catch (error) {
                fail(error);
                return;
            }
            settled = true;
            signal.removeEventListener('abort', onAbort);
            attempt.tls = tls;
            attempt.phase = 'headers';
            callback(null, socket);
        });
    };
}

;// CONCATENATED MODULE: ./src/probes/error-text.ts
/** One line for a failed operation, with Node's error code in front when the message does not already carry it. */
function errorText(error) {
    if (!(error instanceof Error))
        return String(error);
    const code = error.code;
    return code !== undefined && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

;// CONCATENATED MODULE: ./src/probes/https-record.ts

/** Records status, content type, location and (for a 200 only) the body, read up to `maxBytes`. */
async function recordResponse(address, response, attempt, maxBytes) {
    if (attempt.tls === null)
        throw new Error('response without a TLS handshake');
    const { statusCode, headers } = response;
    // Destroying an unread undici body emits "Request aborted"; we destroy on purpose, so that is no error.
    response.body.on('error', () => undefined);
    let body = null;
    let truncated = false;
    // Only a 200 is a policy (RFC 8461 §3.3); any other body is never read.
    if (statusCode === 200) {
        const read = await readCapped(response.body, maxBytes);
        // ignoreBOM keeps a byte-order mark in the text, so the core can see it; bad bytes become U+FFFD.
        body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(read.bytes);
        truncated = read.truncated;
    }
    else {
        response.body.destroy();
    }
    const contentType = headerValue(headers['content-type']);
    const location = headerValue(headers.location);
    return {
        address,
        outcome: 'response',
        tls: attempt.tls,
        statusCode,
        contentType,
        location,
        body,
        truncated,
    };
}
/** Reads at most `maxBytes + 1` bytes, then destroys the stream: a 10 MB body is never buffered. */
async function readCapped(stream, maxBytes) {
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        chunks.push(buffer);
        size += buffer.length;
        if (size > maxBytes) {
            stream.destroy();
            return { bytes: Buffer.concat(chunks).subarray(0, maxBytes), truncated: true };
        }
    }
    return { bytes: Buffer.concat(chunks), truncated: false };
}
/** One header as text: a repeated header is joined with `, ` (RFC 9110 §5.3), a missing one is null. */
function headerValue(value) {
    if (value === undefined)
        return null;
    return Array.isArray(value) ? value.join(', ') : value;
}
/** Classifies by how far the fetch got: before TCP, during the handshake, or after it. */
function recordFailure(address, error, attempt, timeoutMs) {
    const detail = errorText(error);
    const code = error?.code;
    if (attempt.timedOut || code === 'ETIMEDOUT') {
        return {
            address,
            outcome: 'timeout',
            error: `no complete response within ${timeoutMs} ms (${attempt.phase})`,
        };
    }
    // A reset during the handshake is a TLS failure: the server took the connection, then refused to talk TLS.
    if (attempt.phase === 'handshake')
        return { address, outcome: 'tls-failed', error: detail };
    return { address, outcome: 'unreachable', error: detail };
}

;// CONCATENATED MODULE: ./src/probes/https.ts
/**
 * The live PolicyFetcher: one HTTPS GET of `/.well-known/mta-sts.txt` from one address of the policy host
 * (RFC 8461 §3.3), recorded as data. The TCP connection goes to the given address while SNI and Host carry the
 * policy host name, so every A and AAAA address can be tested on its own.
 *
 * The parts: https-connect (dialling and the handshake under the deadline), https-record (the response with its
 * body bound, and the failure classification).
 */




/** Builds the live fetcher. It never throws: refused, reset, TLS failures and timeouts become outcomes. */
function createPolicyFetcher(options = {}) {
    const settings = {
        port: options.port ?? HTTPS_PORT,
        timeoutMs: options.timeoutMs ?? POLICY_FETCH_TIMEOUT_MS,
        maxBytes: options.maxBytes ?? MAX_POLICY_BYTES,
        ca: options.ca,
    };
    return (host, address) => fetchPolicy(host, address, settings);
}
async function fetchPolicy(host, address, settings) {
    const attempt = startAttempt();
    const controller = new AbortController();
    const timer = setTimeout(() => {
        attempt.timedOut = true;
        controller.abort(new Error(`deadline of ${settings.timeoutMs} ms exceeded`));
    }, settings.timeoutMs);
    let client;
    try {
        // A fresh client per fetch: no connection, session or cache is shared between addresses (RFC 8461 §3.3
        // forbids HTTP caches; each address must be judged on its own handshake).
        const origin = new URL(`https://${host}:${settings.port}`);
        const target = { address, servername: origin.hostname, port: settings.port, ca: settings.ca };
        const connect = connectTo(target, attempt, controller.signal);
        client = new undici/* Client */.Kj(origin, { connect, headersTimeout: 0, bodyTimeout: 0, pipelining: 1 });
        // undici's request follows no redirect: a 3xx is recorded, never followed (RFC 8461 §3.3).
        const response = await client.request({ method: 'GET', path: POLICY_PATH, signal: controller.signal });
        attempt.phase = 'body';
        return await recordResponse(address, response, attempt, settings.maxBytes);
    }
    catch (error) {
        return recordFailure(address, attempt.connectError ?? error, attempt, settings.timeoutMs);
    }
    finally {
        clearTimeout(timer);
        attempt.socket?.destroy();
        await client?.destroy().catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/probes/smtp-failure.ts
/**
 * How an SMTP probe stops early. Failures are thrown inside the probe only to unwind the dialogue; the session
 * turns every one of them into a SmtpProbe outcome, so nothing leaves the prober as an exception.
 */
/** A probe that stopped early; turned into a SmtpProbe outcome, never thrown out of the prober. */
class ProbeFailure extends Error {
    outcome;
    name = 'ProbeFailure';
    constructor(outcome, message) {
        super(message);
        this.outcome = outcome;
    }
}


;// CONCATENATED MODULE: ./src/probes/smtp-reply.ts


/**
 * Parses one reply line without its line ending. Returns null for anything that is not `Reply-code [SP text]`
 * or `Reply-code "-" text` with a code of 2xx to 5xx (RFC 5321 §4.2, §4.2.1).
 */
function parseReplyLine(line) {
    const match = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/.exec(line);
    if (match === null)
        return null;
    return { code: Number(match[1]), final: match[2] !== '-', text: match[3] ?? '' };
}
/** EHLO reply lines after the first are keywords with parameters (RFC 5321 §4.1.1.1); keywords ignore case. */
function offersStartTls(ehlo) {
    return ehlo.lines.slice(1).some((line) => line.split(' ')[0]?.toUpperCase() === 'STARTTLS');
}
/** A reply quoted for an error message, cut at the banner length: the server's text is data, not trusted. */
function describeReply(reply) {
    return JSON.stringify(`${reply.code} ${reply.lines.join(' / ')}`.slice(0, MAX_BANNER_CHARS));
}
/** Reads reply lines from the plaintext part of the session, within the line, reply and session bounds. */
class ReplyReader {
    socket;
    partial = Buffer.alloc(0);
    lines = [];
    received = 0;
    failure = null;
    wake = null;
    constructor(socket) {
        this.socket = socket;
        socket.on('data', this.onData);
        socket.on('error', this.onError);
        socket.on('close', this.onClose);
    }
    /** Reads one complete reply; every line must carry the same code (RFC 5321 §4.2.1). */
    async read() {
        const texts = [];
        let code = null;
        for (;;) {
            const raw = await this.nextLine();
            const line = parseReplyLine(raw);
            if (line === null)
                throw new ProbeFailure('protocol-error', `not an SMTP reply: ${quoteRaw(raw)}`);
            if (code !== null && line.code !== code) {
                throw new ProbeFailure('protocol-error', `reply codes differ within one reply: ${quoteRaw(raw)}`);
            }
            code = line.code;
            texts.push(line.text);
            if (line.final)
                return { code, lines: texts };
            if (texts.length >= MAX_SMTP_REPLY_LINES) {
                throw new ProbeFailure('protocol-error', `reply longer than ${MAX_SMTP_REPLY_LINES} lines`);
            }
        }
    }
    /** Stops reading, so the socket can be handed to TLS. */
    detach() {
        this.socket.off('data', this.onData);
        this.socket.off('error', this.onError);
        this.socket.off('close', this.onClose);
    }
    async nextLine() {
        for (;;) {
            const line = this.lines.shift();
            if (line !== undefined)
                return line;
            if (this.failure !== null)
                throw this.failure;
            await new Promise((resolve) => (this.wake = resolve));
        }
    }
    onData = (chunk) => {
        this.received += chunk.length;
        if (this.received > MAX_SMTP_SESSION_BYTES)
            return this.fail(`more than ${MAX_SMTP_SESSION_BYTES} bytes`);
        let data = Buffer.concat([this.partial, chunk]);
        for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a)) {
            const line = data.subarray(0, end > 0 && data[end - 1] === 0x0d ? end - 1 : end);
            if (line.length > MAX_SMTP_LINE_BYTES)
                return this.fail(`reply line longer than ${MAX_SMTP_LINE_BYTES} bytes`);
            this.lines.push(line.toString('utf8'));
            data = data.subarray(end + 1);
        }
        this.partial = data;
        if (data.length > MAX_SMTP_LINE_BYTES)
            return this.fail(`reply line longer than ${MAX_SMTP_LINE_BYTES} bytes`);
        this.notify();
    };
    onError = (error) => {
        this.failure ??= new ProbeFailure('unreachable', errorText(error));
    };
    onClose = () => {
        this.failure ??= new ProbeFailure('unreachable', 'connection closed by the server');
        this.notify();
    };
    fail(message) {
        this.failure ??= new ProbeFailure('protocol-error', message);
        this.socket.destroy();
        this.notify();
    }
    notify() {
        const wake = this.wake;
        this.wake = null;
        wake?.();
    }
}
function quoteRaw(raw) {
    return JSON.stringify(raw.slice(0, 80));
}

// EXTERNAL MODULE: ./node_modules/socks/build/index.js
var build = __webpack_require__(2474);
;// CONCATENATED MODULE: ./src/probes/socks.ts
/**
 * Port 25 through a SOCKS5 proxy (RFC 1928, username/password auth RFC 1929), for runners whose outbound port 25
 * is blocked, such as GitHub-hosted ones (issue #10 part 2). The MX address is resolved and judged by the address
 * guard here, before the proxy is asked to connect to that IP: the proxy never resolves names for us.
 *
 * The credentials of the proxy URL never leave this module in a message: everything that describes the proxy
 * uses {@link SocksProxy.display}, which has no user or password.
 */



/** A proxy URL that cannot be used; the message never contains the password. */
class ProxyUrlError extends Error {
    name = 'ProxyUrlError';
}
/** The form the proxy URL must take, for error messages. */
const PROXY_URL_FORM = 'socks5://[user:password@]host:port';
/** RFC 1929 §2: ULEN and PLEN are one octet each, from 1 to 255. */
const MAX_CREDENTIAL_BYTES = 255;
/** `raw` with any `user:password@` replaced, for quoting a bad value back to the user. */
function redactProxyUrl(raw) {
    return raw.replace(/^([^/]*\/\/)[^@/?#]*@/, '$1***@');
}
function credential(encoded, what) {
    let value;
    try {
        value = decodeURIComponent(encoded);
    }
    catch {
        throw new ProxyUrlError(`the proxy ${what} is not valid percent-encoding`);
    }
    const bytes = Buffer.byteLength(value);
    if (bytes < 1 || bytes > MAX_CREDENTIAL_BYTES) {
        throw new ProxyUrlError(`the proxy ${what} must be 1 to ${MAX_CREDENTIAL_BYTES} bytes (RFC 1929), not ${bytes}`);
    }
    return value;
}
/** Parse and validate a proxy URL. Throws ProxyUrlError naming what is wrong, without the password. */
function parseSocksProxyUrl(raw) {
    const text = raw.trim();
    const shown = JSON.stringify(redactProxyUrl(text));
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new ProxyUrlError(`${shown} is not a URL; expected ${PROXY_URL_FORM}`);
    }
    if (url.protocol !== 'socks5:') {
        // socks5h (the proxy resolves names) is refused on purpose: the address guard must judge the MX address.
        throw new ProxyUrlError(`${shown} has the scheme ${JSON.stringify(url.protocol.replace(/:$/, ''))}; only socks5 is supported (the MX address is resolved locally, so that the address guard can judge it)`);
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (host === '')
        throw new ProxyUrlError(`${shown} has no host; expected ${PROXY_URL_FORM}`);
    if (url.port === '')
        throw new ProxyUrlError(`${shown} has no port; expected ${PROXY_URL_FORM}`);
    const port = Number(url.port);
    if (port < 1 || port > 65535)
        throw new ProxyUrlError(`${shown} has port 0; expected 1 to 65535`);
    if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
        throw new ProxyUrlError(`${shown} has a path, query or fragment; expected ${PROXY_URL_FORM}`);
    }
    if ((url.username === '') !== (url.password === '')) {
        throw new ProxyUrlError(`${shown} gives a user without a password or the reverse; give both or neither`);
    }
    const display = `socks5://${(0,external_node_net_.isIP)(host) === 6 ? `[${host}]` : host}:${port}`;
    if (url.username === '')
        return { host, port, display };
    return {
        host,
        port,
        username: credential(url.username, 'user name'),
        password: credential(url.password, 'password'),
        display,
    };
}
/**
 * SOCKS5 replies that say the target, not the proxy, failed (RFC 1928 §6: 3 network unreachable, 4 host
 * unreachable, 5 connection refused, 6 TTL expired): the MX is then unreachable, as it would be directly.
 */
const TARGET_FAILURES = ['NetworkUnreachable', 'HostUnreachable', 'ConnectionRefused', 'TTLExpired'];
/**
 * Ask the proxy, over `toProxy` (already connected and in the probe's socket set, so the probe deadline covers
 * the SOCKS handshake too), to connect to `address:port`. Resolves with the socket carrying the SMTP session.
 *
 * Size bound: the socks client reads exactly the bytes each handshake step needs (at most 262 for a reply with
 * a host name, RFC 1928 §6); whatever arrives beyond them is handed to the SMTP reader, which has its own bounds.
 */
async function connectThroughProxy(proxy, toProxy, address, port, timeoutMs) {
    try {
        const { socket } = await build.SocksClient.createConnection({
            command: 'connect',
            proxy: {
                host: proxy.host,
                port: proxy.port,
                type: 5,
                ...(proxy.username === undefined ? {} : { userId: proxy.username, password: proxy.password }),
            },
            destination: { host: address, port },
            existing_socket: toProxy,
            timeout: timeoutMs,
        });
        return socket;
    }
    catch (error) {
        // Only the library's message: its error object also carries the options, password included.
        const message = error instanceof Error ? error.message : 'SOCKS handshake failed';
        if (TARGET_FAILURES.some((name) => message.endsWith(`- ${name}`))) {
            throw new ProbeFailure('unreachable', `${message} (through the SOCKS proxy ${proxy.display})`);
        }
        throw new ProbeFailure('proxy-failed', `SOCKS proxy ${proxy.display}: ${message}`);
    }
}

;// CONCATENATED MODULE: ./src/probes/smtp-socket.ts
/**
 * The sockets of one SMTP probe: open the TCP connection, upgrade it to TLS after STARTTLS, and close it with
 * QUIT. Each socket is added to the probe's set so the deadline can destroy it; errors become ProbeFailures.
 */





/**
 * The one connect path of every SMTP probe: straight to `address`, or through the SOCKS5 proxy when one is set
 * (issue #10 part 2). The caller has already put `address` past the address guard.
 */
async function openSocket(address, port, sockets, proxy = null, timeoutMs = 0) {
    if (proxy === null)
        return openTcp(address, port, sockets, 'unreachable');
    const toProxy = await openTcp(proxy.host, proxy.port, sockets, 'proxy-failed', proxy.display);
    return connectThroughProxy(proxy, toProxy, address, port, timeoutMs);
}
/** Connects to `host`; any error or close before the connection is up is a failure of that kind. */
function openTcp(host, port, sockets, outcome, label) {
    const prefix = label === undefined ? '' : `SOCKS proxy ${label}: `;
    return new Promise((resolve, reject) => {
        const socket = (0,external_node_net_.connect)({ host, port });
        sockets.add(socket);
        // A permanent listener: a late error must never become an uncaught exception.
        socket.on('error', (error) => reject(new ProbeFailure(outcome, `${prefix}${errorText(error)}`)));
        socket.once('close', () => reject(new ProbeFailure(outcome, `${prefix}connection closed`)));
        socket.once('connect', () => resolve(socket));
    });
}
/**
 * Completes the handshake without verifying it, accepting TLS 1.0 and weak parameters so an old server is
 * observed rather than refused: the core flags anything below TLS 1.2 (RFC 8461 §4.2 via RFC 8996).
 */
function upgrade(plain, host, ca, sockets) {
    return new Promise((resolve, reject) => {
        const options = {
            socket: plain,
            rejectUnauthorized: false,
            minVersion: 'TLSv1',
            ciphers: 'DEFAULT:@SECLEVEL=0',
            // SNI carries the MX host name (RFC 8461 §4.2); RFC 6066 §3 forbids an IP literal there.
            ...((0,external_node_net_.isIP)(host) === 0 ? { servername: host } : {}),
            ...(ca === undefined ? {} : { ca }),
        };
        const secure = (0,external_node_tls_.connect)(options);
        sockets.add(secure);
        secure.on('error', (error) => reject(new ProbeFailure('tls-failed', errorText(error))));
        secure.once('close', () => reject(new ProbeFailure('tls-failed', 'connection closed during the handshake')));
        secure.once('secureConnect', () => resolve(secure));
    });
}
/** Says goodbye politely (RFC 5321 §4.1.1.10), but never waits longer than the grace period or the deadline. */
function quit(socket) {
    if (socket.destroyed)
        return Promise.resolve();
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(grace);
            socket.destroy();
            resolve();
        };
        const grace = setTimeout(done, SMTP_QUIT_GRACE_MS);
        socket.once('close', done);
        // Drain the 221 reply: a paused socket never sees the server's end, and would wait out the grace period.
        socket.resume();
        socket.end('QUIT\r\n');
    });
}

;// CONCATENATED MODULE: ./src/probes/smtp-session.ts





/** Probes STARTTLS on `address`, presenting `host` in SNI. Never throws. */
async function probeStartTls(host, address, settings) {
    const sockets = new Set();
    // Through a proxy, a timeout while connecting may be the proxy's as well as the MX's: say which path it was.
    const stage = settings.proxy === null ? 'connect' : `connect through the SOCKS proxy ${settings.proxy.display}`;
    const progress = { stage, banner: null };
    let timedOut = false;
    // One deadline for everything: destroying the sockets wakes whatever is waiting on them.
    const timer = setTimeout(() => {
        timedOut = true;
        for (const socket of sockets)
            socket.destroy();
    }, settings.timeoutMs);
    try {
        return await converse(host, address, settings, sockets, progress);
    }
    catch (error) {
        return smtp_session_recordFailure(address, error, progress, timedOut ? settings.timeoutMs : null);
    }
    finally {
        clearTimeout(timer);
        for (const socket of sockets)
            socket.destroy();
    }
}
/**
 * Turns what stopped a probe into its outcome. `deadlineMs` is set when the deadline fired: whatever error that
 * caused is then a timeout, which keeps the banner when the greeting had already arrived.
 */
function smtp_session_recordFailure(address, error, progress, deadlineMs) {
    if (deadlineMs !== null) {
        const message = `no answer within ${deadlineMs} ms (${progress.stage})`;
        const banner = progress.banner === null ? {} : { banner: progress.banner };
        const heard = progress.heard === true && progress.banner === null ? { heard: true } : {};
        return { address, outcome: 'timeout', error: message, ...banner, ...heard };
    }
    const failure = error instanceof ProbeFailure ? error : new ProbeFailure('protocol-error', errorText(error));
    if (failure.outcome === 'proxy-failed') {
        return { address, outcome: 'proxy-failed', error: failure.message };
    }
    if (failure.outcome === 'tls-failed') {
        return { address, outcome: 'tls-failed', banner: progress.banner ?? '', error: failure.message };
    }
    return { address, outcome: failure.outcome, error: `${failure.message} (${progress.stage})` };
}
/** The session itself (RFC 5321 §3.1, §4.1.1.1; RFC 3207 §4); throws ProbeFailure when it cannot go on. */
async function converse(host, address, settings, sockets, progress) {
    const plain = await openSocket(address, settings.port, sockets, settings.proxy, settings.timeoutMs);
    const reader = new ReplyReader(plain);
    plain.once('data', () => (progress.heard = true));
    progress.stage = 'greeting';
    const greeting = await reader.read();
    const banner = (greeting.lines[0] ?? '').slice(0, MAX_BANNER_CHARS);
    progress.banner = banner;
    requireCode(greeting, 220, 'greeting');
    progress.stage = 'EHLO';
    const ehlo = await command(plain, reader, `EHLO ${settings.ehloName}`);
    requireCode(ehlo, 250, 'EHLO');
    if (!offersStartTls(ehlo)) {
        await quit(plain);
        return { address, outcome: 'no-starttls', banner };
    }
    progress.stage = 'STARTTLS';
    const ready = await command(plain, reader, 'STARTTLS');
    if (ready.code !== 220)
        throw new ProbeFailure('tls-failed', `STARTTLS refused: ${describeReply(ready)}`);
    // Whatever the reader still holds was sent in plaintext after the 220 and is dropped with it: the client
    // must discard knowledge not obtained from the TLS negotiation itself (RFC 3207 §4.2).
    reader.detach();
    progress.stage = 'TLS handshake';
    const secure = await upgrade(plain, host, settings.ca, sockets);
    const tls = inspectTls(secure, host);
    await quit(secure);
    return { address, outcome: 'tls', banner, tls };
}
function requireCode(reply, code, what) {
    if (reply.code !== code)
        throw new ProbeFailure('protocol-error', `${what} not accepted: ${describeReply(reply)}`);
}
async function command(socket, reader, line) {
    socket.write(`${line}\r\n`);
    return reader.read();
}

;// CONCATENATED MODULE: ./src/probes/smtp.ts



/** Builds the live prober. It never throws: refused, reset, garbage, TLS failures and timeouts are outcomes. */
function createSmtpProber(options = {}) {
    const settings = {
        port: options.port ?? SMTP_PORT,
        timeoutMs: options.timeoutMs ?? SMTP_PROBE_TIMEOUT_MS,
        ehloName: options.ehloName ?? DEFAULT_EHLO_NAME,
        ca: options.ca,
        proxy: options.proxy ?? null,
    };
    return (host, address) => probeStartTls(host, address, settings);
}

;// CONCATENATED MODULE: ./src/probe-deps.ts
/**
 * The live probes for runCheck, built from the few settings the CLI and the Action share. Tests and demos pass
 * loopback DNS servers, ports and a test CA through the same options.
 */



/** DNS look-ups get at most this long per try, whatever the probe timeout: a slow resolver is itself a finding. */
const MAX_DNS_TIMEOUT_MS = 5000;
/** Build the live ObserveDeps. Throws DnsServerFormatError for a bad DNS server. */
function createObserveDeps(settings) {
    const ca = settings.ca === undefined ? {} : { ca: settings.ca };
    return {
        dns: createDnsClient({
            servers: settings.dnsServers ?? [],
            timeoutMs: Math.min(settings.timeoutMs, MAX_DNS_TIMEOUT_MS),
            tries: 2,
        }),
        fetchPolicy: createPolicyFetcher({
            timeoutMs: settings.timeoutMs,
            ...(settings.httpsPort === undefined ? {} : { port: settings.httpsPort }),
            ...ca,
        }),
        probeSmtp: createSmtpProber({
            timeoutMs: settings.timeoutMs,
            ...(settings.smtpPort === undefined ? {} : { port: settings.smtpPort }),
            ...(settings.smtpProxy === undefined ? {} : { proxy: settings.smtpProxy }),
            ...ca,
        }),
        now: settings.now ?? (() => new Date()),
    };
}

;// CONCATENATED MODULE: ./src/report/sanitize.ts
/**
 * Text from remote servers (banners, policy bodies, certificate names) reaches terminals and GitHub. These helpers
 * keep it inert.
 */
/**
 * C0 and C1 controls, and the characters that reorder or break text without being seen (issue #11 item 8): the
 * bidi marks U+200E, U+200F, U+061C, embeddings and overrides U+202A-U+202E, isolates U+2066-U+2069, and the
 * line and paragraph separators U+2028, U+2029. A remote name could otherwise read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** Replace control characters (ESC, CR, NUL, bidi controls...) with a visible escape; keeps newlines if asked. */
function stripControl(text, keepNewlines = false) {
    return text.replace(CONTROL, (c) => keepNewlines && c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

;// CONCATENATED MODULE: ./src/report/terminal.ts
/**
 * The human-readable check report: a table of domains and verdicts, then the findings grouped by domain.
 * Colour follows NO_COLOR and FORCE_COLOR, then whether the stream is a terminal (see wantsColour).
 */


/**
 * Colour or not (issue #11 item 19), in this order:
 * 1. FORCE_COLOR with a non-empty value forces colour, even into a pipe (https://force-color.org), except `0` and
 *    `false`, which turn it off as Node and most tools read them;
 * 2. NO_COLOR with a non-empty value turns colour off (https://no-color.org: an empty value does not count);
 * 3. TERM=dumb turns it off, as Node's own terminal detection does;
 * 4. otherwise colour exactly when the stream is a terminal.
 */
function wantsColour(isTty, env) {
    const force = env['FORCE_COLOR'];
    if (force !== undefined && force !== '')
        return force !== '0' && force.toLowerCase() !== 'false';
    const noColour = env['NO_COLOR'];
    if (noColour !== undefined && noColour !== '')
        return false;
    if (env['TERM'] === 'dumb')
        return false;
    return isTty;
}
/** A painter bound to a stream: plain text unless that stream shows colour. */
function painterFor(stream, env = process.env) {
    const colour = wantsColour(stream.isTTY === true, env);
    // validateStream: false, because the decision above is ours (styleText alone would refuse FORCE_COLOR=0 only).
    return colour ? (style, text) => (0,external_node_util_.styleText)(style, text, { validateStream: false }) : (_style, text) => text;
}
const SEVERITY_STYLE = { error: 'red', warning: 'yellow', notice: 'dim' };
const STATUS_STYLE = {
    ok: 'green',
    warning: 'yellow',
    error: 'red',
    unknown: 'magenta',
    incomplete: 'cyan',
};
const SKIPPED_LABEL = { 'mx-tls': 'MX TLS' };
/** The status with what was not checked, so a domain with skipped checks never reads plain "ok" (issue #10). */
function statusText(d) {
    if (d.notChecked.length === 0)
        return d.status;
    return `${d.status} (${d.notChecked.map((c) => SKIPPED_LABEL[c]).join(', ')} not checked)`;
}
function findingLines(f, paint) {
    const tag = paint(SEVERITY_STYLE[f.severity], `${f.severity.padEnd(7)} ${f.code}`);
    return [`  ${tag}  ${stripControl(f.message)}`, `          fix: ${stripControl(f.fix)}`];
}
function verdict(value) {
    return value === null ? 'unknown' : value ? 'YES' : 'no';
}
function table(rows, paint, styles) {
    const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
    return rows.map((row, r) => row
        .map((cell, col) => {
        const padded = cell.padEnd(widths[col] ?? 0);
        const style = styles[r]?.[col] ?? null;
        return style === null ? padded : paint(style, padded);
    })
        .join('  ')
        .trimEnd());
}
/** Render the whole report as text lines. */
function renderTerminal(report, paint) {
    const header = ['DOMAIN', 'STATUS', 'BOUNCES', 'IF ENFORCED', 'POLICY', 'MODE', 'MX'];
    const rows = report.domains.map((d) => [
        d.domain,
        statusText(d),
        verdict(d.bounces),
        verdict(d.bouncesIfEnforced),
        d.policy.status,
        d.policy.mode ?? '-',
        d.mx.map((m) => `${m.host}:${m.tls}`).join(' ') || '-',
    ]);
    const styles = [
        header.map(() => 'bold'),
        ...report.domains.map((d) => [
            null,
            STATUS_STYLE[d.status],
            d.bounces === true ? 'red' : null,
        ]),
    ];
    const lines = table([header, ...rows], paint, styles);
    if (report.runFindings.length > 0) {
        lines.push('', paint('bold', 'this run'));
        for (const f of report.runFindings)
            lines.push(...findingLines(f, paint));
    }
    for (const notice of report.notices)
        lines.push('', paint('cyan', `note: ${stripControl(notice)}`));
    for (const d of report.domains.filter((x) => x.findings.length > 0)) {
        lines.push('', paint('bold', `${d.domain} (${statusText(d)})`));
        for (const f of d.findings)
            lines.push(...findingLines(f, paint));
    }
    const s = report.summary;
    lines.push('', `${s.domains} domain(s): ${s.errors} error(s), ${s.warnings} warning(s), ${s.notices} notice(s)` +
        (s.bouncing.length > 0 ? `; bouncing: ${s.bouncing.join(', ')}` : ''));
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/version.ts
/** The released version; test/version.test.ts keeps it equal to package.json. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli.ts
/**
 * The command line: `mta-sts-drift check` and `mta-sts-drift lint ...`. Exit codes: 0 nothing reaches the fail-on
 * level (or the lint passed), 1 something does (or the lint failed), 2 usage or config error, 3 internal error.
 * The help texts are in src/cli-help-text.ts, the argument layer (parsing, usage errors) in src/cli-help.ts.
 */

















const USAGE = `Usage:
  mta-sts-drift check [--config domains.yml] [--json] [--state FILE] [--fail-on error|warning|never]
                      [--concurrency N] [--timeout SECONDS] [--dns-server IP[:PORT]]... [--domain D]...
                      [--check-mx-tls auto|true|false] [--allow-private-addresses]
                      [--smtp-port N] [--https-port N] [--smtp-proxy socks5://[user:pass@]host:port]
  mta-sts-drift lint policy FILE|- [--mx HOST]... [--json]
  mta-sts-drift lint sts-record TXT... [--json]
  mta-sts-drift lint tlsrpt-record TXT... [--json]

Exit status: 0 ok, 1 findings at the fail-on level (or lint failed), 2 usage or config error, 3 internal error.
mta-sts-drift --version prints the version.
`;
/** The commands, for the top-level help and "did you mean". */
const COMMANDS = ['check', 'lint', 'help'];
const TOP_HELP = `mta-sts-drift ${VERSION}: a drift monitor for MTA-STS (RFC 8461) and TLS-RPT (RFC 8460).

${USAGE}
Options:
  -h, --help                  Show this help.
  -V, --version               Print the version.

Run 'mta-sts-drift COMMAND --help' for the meaning and default of each option: check, lint, lint policy,
lint sts-record, lint tlsrpt-record.
`;
function positiveInt(name, value, fallback, max = 65535) {
    if (value === undefined)
        return fallback;
    if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > max) {
        throw new UsageError(`--${name} ${JSON.stringify(value)} is not a whole number from 1 to ${max}`, 'check');
    }
    return Number(value);
}
const CHECK_OPTIONS = {
    config: { type: 'string' },
    json: { type: 'boolean' },
    state: { type: 'string' },
    'fail-on': { type: 'string' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    'dns-server': { type: 'string', multiple: true },
    domain: { type: 'string', multiple: true },
    'check-mx-tls': { type: 'string' },
    'allow-private-addresses': { type: 'boolean' },
    'smtp-port': { type: 'string' },
    'https-port': { type: 'string' },
    'smtp-proxy': { type: 'string' },
};
/** Expectations from the config, narrowed or extended by `--domain`. */
async function expectationsFor(config, domains) {
    const wanted = domains.map((raw) => {
        const n = normalizeDomain(raw);
        if (!n.ok)
            throw new UsageError(`--domain ${JSON.stringify(raw)} ${n.reason}`, 'check');
        return n.value;
    });
    if (config === undefined && wanted.length > 0) {
        return wanted.map((domain) => ({
            domain,
            line: 0,
            column: 0,
            certWarningDays: DEFAULT_CERT_WARNING_DAYS,
            ignore: [],
        }));
    }
    const loaded = await loadConfig(config ?? 'domains.yml');
    if (wanted.length === 0)
        return [...loaded.domains];
    const missing = wanted.filter((w) => !loaded.domains.some((d) => d.domain === w));
    if (missing.length > 0)
        throw new UsageError(`--domain ${missing.join(', ')} is not in ${loaded.file}`, 'check');
    return loaded.domains.filter((d) => wanted.includes(d.domain));
}
/** `--smtp-proxy`: port 25 through SOCKS5 (issue #10 part 2); the error never repeats the password. */
function proxyOption(value) {
    if (value === undefined)
        return undefined;
    try {
        return parseSocksProxyUrl(value);
    }
    catch (error) {
        if (error instanceof ProxyUrlError)
            throw new UsageError(`--smtp-proxy: ${error.message}`);
        throw error;
    }
}
async function check(args, io) {
    if (wantsHelp(args))
        return help(io, CHECK_HELP);
    const { values } = parseCommand('check', args, CHECK_OPTIONS, false);
    const failOn = oneOf('check', 'fail-on', values['fail-on'] ?? 'error', [
        'error',
        'warning',
        'never',
    ]);
    const checkMxTls = oneOf('check', 'check-mx-tls', values['check-mx-tls'] ?? 'auto', [
        'auto',
        'true',
        'false',
    ]);
    const concurrency = positiveInt('concurrency', values.concurrency, DEFAULT_CONCURRENCY, 1000);
    const timeoutMs = positiveInt('timeout', values.timeout, DEFAULT_TIMEOUT_SECONDS, 300) * 1000;
    const servers = (values['dns-server'] ?? []).map(parseDnsServer);
    const smtpProxy = proxyOption(values['smtp-proxy']);
    const expectations = await expectationsFor(values.config, values.domain ?? []);
    const previous = values.state === undefined ? { state: EMPTY_STATE, warning: null } : await readStateFile(values.state);
    if (previous.warning !== null)
        io.stderr.write(`warning: ${previous.warning}\n`);
    const deps = createObserveDeps({
        timeoutMs,
        dnsServers: servers,
        httpsPort: positiveInt('https-port', values['https-port'], 443),
        smtpPort: positiveInt('smtp-port', values['smtp-port'], 25),
        ...(smtpProxy === undefined ? {} : { smtpProxy }),
        ...(io.ca === undefined ? {} : { ca: io.ca }),
        ...(io.now === undefined ? {} : { now: io.now }),
    });
    const options = {
        concurrency,
        checkMxTls,
        allowPrivateAddresses: values['allow-private-addresses'] === true,
    };
    const result = await runCheck(expectations, deps, options, previous.state);
    // The report first: a state that cannot be saved costs only a warning, never the run (issue #11 item 2).
    io.stdout.write(values.json === true
        ? `${JSON.stringify(result.report, null, 2)}\n`
        : renderTerminal(result.report, painterFor(io.stdout, io.env)));
    const stateWarning = values.state === undefined ? null : await writeStateFile(values.state, result.state);
    if (stateWarning !== null)
        io.stderr.write(`warning: ${stateWarning}\n`);
    return reachesFailLevel(result.report, failOn) ? 1 : 0;
}
async function readAll(stream) {
    const chunks = [];
    for await (const chunk of stream)
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    return Buffer.concat(chunks).toString('utf8');
}
/** Print a command's help; exit 0. */
function help(io, text) {
    io.stdout.write(renderCommandHelp(text));
    return 0;
}
const LINT_OPTIONS = { json: { type: 'boolean' }, mx: { type: 'string', multiple: true } };
/** The lint target named first on the command line, if it is one. */
function lintTarget(args) {
    const first = args.find((a) => !a.startsWith('-'));
    return LINT_TARGETS.find((t) => t === first);
}
async function lint(args, io) {
    if (wantsHelp(args))
        return help(io, LINT_HELP[lintTarget(args) ?? 'lint']);
    const target = lintTarget(args);
    const command = target === undefined ? 'lint' : `lint ${target}`;
    const { values, positionals } = parseCommand(command, args, LINT_OPTIONS, true);
    const [what, ...rest] = positionals;
    let result;
    if (what === 'policy') {
        if (rest.length !== 1)
            throw new UsageError('takes exactly one FILE (or - for standard input)', 'lint policy');
        const file = rest[0] ?? '-';
        const body = file === '-' ? await readAll(io.stdin ?? process.stdin) : await readPolicyFile(file);
        result = lintPolicy(body, values.mx ?? []);
    }
    else if (what === 'sts-record' || what === 'tlsrpt-record') {
        if (values.mx !== undefined)
            throw new UsageError('--mx applies to lint policy only', `lint ${what}`);
        if (rest.length === 0)
            throw new UsageError('takes one or more TXT record values', `lint ${what}`);
        result = what === 'sts-record' ? lintStsRecords(rest) : lintTlsRptRecords(rest);
    }
    else if (what === undefined) {
        throw new UsageError('needs a target: policy, sts-record or tlsrpt-record', 'lint');
    }
    else {
        throw new UsageError(`takes policy, sts-record or tlsrpt-record, not ${JSON.stringify(what)}${didYouMean(what, LINT_TARGETS)}`, 'lint');
    }
    io.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderLint(what, result));
    return result.valid ? 0 : 1;
}
async function readPolicyFile(file) {
    try {
        return await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        throw new UsageError(`cannot read ${file}: ${error.message}`, 'lint policy');
    }
}
/** Run the CLI; returns the exit status. Expected failures print one clear message, never a stack trace. */
async function runCli(argv, io) {
    const [command, ...args] = argv;
    try {
        if (command === 'check')
            return await check(args, io);
        if (command === 'lint')
            return await lint(args, io);
        if (command === '--version' || command === '-V') {
            io.stdout.write(`mta-sts-drift ${VERSION}\n`);
            return 0;
        }
        if (command === '--help' || command === '-h') {
            io.stdout.write(TOP_HELP);
            return 0;
        }
        // `help check` and `help lint policy` are the same as `check --help` and `lint policy --help`.
        if (command === 'help')
            return args.length === 0 ? runCli(['--help'], io) : runCli([...args, '--help'], io);
        if (command === undefined) {
            io.stderr.write(TOP_HELP);
            return 2;
        }
        if (command.startsWith('-'))
            throw new UsageError(`unknown option ${command}${didYouMean(command, ['--help', '--version'])}`);
        throw new UsageError(`unknown command ${JSON.stringify(command)}${didYouMean(command, COMMANDS)}`);
    }
    catch (error) {
        if (error instanceof ConfigError) {
            io.stderr.write(`mta-sts-drift: invalid configuration:\n${error.message}\n`);
            return 2;
        }
        if (error instanceof UsageError) {
            io.stderr.write(renderUsageError(error));
            return 2;
        }
        if (error instanceof DnsServerFormatError) {
            io.stderr.write(renderUsageError(new UsageError(error.message, 'check')));
            return 2;
        }
        throw error;
    }
}


/***/ })

};
