#!/usr/bin/env bash
# Installs what the test suite needs when it is missing: net-snmp's agent and tools, InfluxDB,
# Debian's chromium with its chromedriver for the console's browser tests, and kubectl (Debian's
# kubernetes-client) to render the k8s/ overlays, npm to fetch the IETF MIB texts the profile lint is tested on; with
# --bench also prometheus-snmp-exporter (make bench's Go peer).
set -euo pipefail
need=()
command -v snmpd >/dev/null 2>&1 || [ -x /usr/sbin/snmpd ] || need+=(snmpd)
command -v snmpget >/dev/null 2>&1 || need+=(snmp)
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
command -v npm >/dev/null 2>&1 || need+=(npm)
# make bench: the Go peer
if [ "${1:-}" = "--bench" ]; then
  command -v prometheus-snmp-exporter >/dev/null 2>&1 || need+=(prometheus-snmp-exporter)
fi
for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "test-deps: $tool is required (a JDK 17+ and Maven 3.8+)" >&2; exit 1; }
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-deps: missing Debian packages: ${need[*]}" >&2
    echo "test-deps: run as root, or: sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "test-deps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
  # The packages may start system services; the tests run their own instances on free ports.
fi
# The IETF's SNMPv2 and IF-MIB texts the profile lint is tested on (RFC code components; Debian ships net-snmp without
# them, and no MIB file goes into this repository): from the npm registry's net-snmp package (MIT), which carries them.
mibs="${EMCOMM_IETF_MIBS:-$HOME/.cache/emcomm/ietf-mibs}"
if [ ! -s "$mibs/IF-MIB.mib" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent net-snmp@3.29.2 >/dev/null && tar xzf net-snmp-3.29.2.tgz)
  mkdir -p "$mibs"
  for m in SNMPv2-SMI SNMPv2-TC SNMPv2-CONF SNMPv2-MIB IF-MIB IANAifType-MIB; do cp "$tmp/package/lib/mibs/$m.mib" "$mibs/"; done
  rm -rf "$tmp"
  echo "test-deps: IETF MIBs in $mibs"
fi
