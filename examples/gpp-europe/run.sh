#!/usr/bin/env bash
# The European GPP example study: writes synthetic CF EO inputs (scripts/make_gpp_europe_inputs.py),
# then runs `emulens gpp` over Europe at 1 degree and leaves gpp.nc, PNG maps and summary.csv in OUTDIR.
# Usage: examples/gpp-europe/run.sh [OUTDIR] [BACKEND]   (defaults: out/gpp-europe, cpu)
# Needs a built command line (mvn -o -B package -DskipTests from the checkout root) and /usr/bin/python3
# with numpy and netCDF4 (scripts/setup.sh installs them). Takes about half a minute on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/out/gpp-europe}"
backend="${2:-cpu}"
jar="$root/cli/target/emulens.jar"
if [ ! -f "$jar" ]; then
  echo "run.sh: $jar is missing; build it with: (cd $root && mvn -o -B package -DskipTests)" >&2
  exit 1
fi
/usr/bin/python3 "$root/scripts/make_gpp_europe_inputs.py" "$out/inputs"
exec java --add-modules jdk.incubator.vector -jar "$jar" gpp --inputs "$out/inputs" --out "$out" \
  --models "$root/models/gpp_pft" --backend "$backend" --region 35,70,-10,30 --step 1 \
  --members 128 --sobol-samples 32 --seed 1 --land-cover-accuracy 0.8 --c4-grass-share 0.1 --lst-length-km 100
