#!/usr/bin/env bash
# Sets up the machine and runs the demo: the backends found here, the GPP demo emulator described,
# the emulator evaluated over a table of inputs, its Sobol' sensitivity indices, and the uncertainty study
# over Africa on ../shared/data (about 3 minutes on 2 cores). Outputs go to out/demo/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
emulens="$root/scripts/emulens"
out="$root/out/demo"
mkdir -p "$out"

echo; echo "== emulens backends"
"$emulens" backends
echo; echo "== emulens info models/gpp_lue.onnx"
"$emulens" info models/gpp_lue.onnx
echo; echo "== emulens eval models/gpp_lue.onnx --in examples/gpp-inputs.csv"
"$emulens" eval models/gpp_lue.onnx --in examples/gpp-inputs.csv --out "$out/gpp-outputs.csv" --keep-inputs
head -5 "$out/gpp-outputs.csv"
echo; echo "== emulens sobol models/gpp_lue.onnx  (which input matters most, each uniform over its valid range)"
"$emulens" sobol models/gpp_lue.onnx -n 4096 --backend cpu | tee "$out/gpp-sobol.txt"
echo; echo "== emulens run examples/beta-africa.yaml  (ESA CCI soil moisture over Africa, 5 days, 10^4 members per cell)"
"$emulens" run examples/beta-africa.yaml
echo; echo "== emulens season examples/drought-africa.yaml  (soil moisture stepped through a year, 100 members per cell)"
"$emulens" season examples/drought-africa.yaml
echo; echo "demo: outputs are in $out (beta-africa.nc holds the per-cell statistics; the PNG files are quick-look maps)"
