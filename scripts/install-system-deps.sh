#!/usr/bin/env bash
# Debian packages the browser tests need: Chromium (driven by Playwright and Lighthouse, never a downloaded
# browser), CJK fonts (so Chinese pages render as readers see them) and Java (for the Nu HTML checker).
# Idempotent: installs only what is missing, so a repeat run costs a few milliseconds.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
# grep without -q reads all of fc-list's output: with -q, pipefail would see fc-list die of SIGPIPE.
{ command -v fc-list >/dev/null && fc-list : family | grep -i "Noto Sans CJK" >/dev/null; } || missing+=(fonts-noto-cjk)
command -v java >/dev/null || missing+=(default-jre-headless)

if ((${#missing[@]} == 0)); then
    exit 0
fi
if ((EUID != 0)); then
    echo "install-system-deps: missing ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
