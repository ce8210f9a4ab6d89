#!/usr/bin/env bash
# Installs the system packages the tests drive (Chromium for the browser
# tests, Debian's Jupyter for the kernel tests, tmux for jupyter console)
# when they are missing. Needs root and Debian's package registry.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v jupyter-console >/dev/null 2>&1 || missing+=(jupyter-console)
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=(jupyter-nbconvert)
/usr/bin/python3 -c 'import jupyter_client' >/dev/null 2>&1 || missing+=(jupyter-client)
/usr/bin/python3 -c 'import nbclient' >/dev/null 2>&1 || missing+=(python3-nbclient)
/usr/bin/python3 -c 'import nbformat' >/dev/null 2>&1 || missing+=(python3-nbformat)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "test-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
