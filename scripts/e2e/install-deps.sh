#!/usr/bin/env bash
# Installs the real mail and DNS software that the end-to-end suite (test/e2e/, issue #4) runs inside a network
# namespace: NSD, nginx, Postfix, postfix-mta-sts-resolver, iproute2 and openssl, all from Debian's packages;
# Dante (danted), the SOCKS5 server the proxy tests start on loopback (issue #10 part 2); and Dovecot
# (dovecot-imapd), which the TLS-RPT IMAP test (issue #10) starts on loopback with a throwaway config; and for the
# DANE referee (issue #7 item 5), Unbound (the validating resolver inside the namespace) and ldnsutils
# (ldns-keygen and ldns-signzone sign the test zones offline, drill answers the world's readiness checks).
#
# Idempotent and quick when everything is present (one dpkg-query, no apt-get call).
# Never lets a package start its system service on the host: the suite starts its own daemons, from config in a
# temporary directory, inside the namespace only. While installing, a policy-rc.d that exits 101 forbids
# invoke-rc.d from starting anything, Postfix is preseeded to "No configuration", and afterwards any daemon that
# started all the same is stopped and disabled.
set -euo pipefail

PACKAGES=(nsd nginx postfix postfix-mta-sts-resolver dovecot-imapd iproute2 openssl ca-certificates dante-server
  unbound ldnsutils)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$pkg")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "e2e deps: all present (${PACKAGES[*]})"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "e2e deps: missing ${missing[*]}; run this script as root (it calls apt-get)" >&2
  exit 1
fi

echo "e2e deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# Forbid service starts for the duration of the install; put back whatever policy-rc.d was there before.
POLICY=/usr/sbin/policy-rc.d
backup=""
if [[ -e "$POLICY" ]]; then
  backup=$(mktemp)
  cp -p "$POLICY" "$backup"
fi
restore_policy() {
  if [[ -n "$backup" ]]; then
    cp -p "$backup" "$POLICY"
    rm -f "$backup"
  else
    rm -f "$POLICY"
  fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' >"$POLICY"
chmod 0755 "$POLICY"

echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

# apt-get update only when the package lists are missing or older than a day.
if [[ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -mmin -1440 2>/dev/null | head -1)" ]]; then
  apt-get update -qq
fi
apt_install() {
  apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >/dev/null
}
# Lists that are present but out of date can name versions the mirror no longer has: refresh once and retry.
apt_install || { apt-get update -qq && apt_install; }

# Belt and braces: stop and disable the service of each package this run installed, if it started anyway.
# Packages that were already present are left alone: their services are the machine owner's business.
declare -A PIDFILE=(
  [nsd]=/run/nsd/nsd.pid
  [nginx]=/run/nginx.pid
  [postfix]=/var/spool/postfix/pid/master.pid
  [postfix-mta-sts-resolver]=/run/mta-sts/mta-sts.pid
  [dante-server]=/run/danted.pid
  [dovecot-imapd]=/run/dovecot/master.pid
  [unbound]=/run/unbound.pid
)
declare -A COMM=([nsd]=nsd [nginx]=nginx [postfix]=master [postfix-mta-sts-resolver]=mta-sts-daemon [dante-server]=danted [dovecot-imapd]=dovecot
  [unbound]=unbound)
declare -A UNIT=([dovecot-imapd]=dovecot [dante-server]=danted)
for svc in "${missing[@]}"; do
  [[ -n "${PIDFILE[$svc]:-}" ]] || continue
  if command -v systemctl >/dev/null 2>&1 && [[ -d /run/systemd/system ]]; then
    systemctl disable --now "${UNIT[$svc]:-$svc}" >/dev/null 2>&1 || true
  elif command -v update-rc.d >/dev/null 2>&1; then
    update-rc.d -f "${UNIT[$svc]:-$svc}" disable >/dev/null 2>&1 || true
  fi
  pidfile=${PIDFILE[$svc]}
  if [[ -s "$pidfile" ]]; then
    pid=$(cat "$pidfile")
    # Only the daemon the pidfile names, never a process that reused its PID.
    if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "${COMM[$svc]}"* ]]; then
      echo "e2e deps: stopping $svc (pid $pid), started by its package"
      kill "$pid" 2>/dev/null || true
    fi
  fi
done
echo "e2e deps: installed in ${SECONDS} s"
