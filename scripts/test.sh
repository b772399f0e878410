#!/usr/bin/env bash
# Sets up the machine and runs every test: unit tests (*Test) and end-to-end tests (*IT).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
exec mvn -B verify
