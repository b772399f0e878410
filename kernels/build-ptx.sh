#!/usr/bin/env bash
# Regenerates the PTX that the CUDA backend loads, from the one kernel source that OpenCL also builds.
# Needs nvcc (CUDA 12 or newer) on the PATH. The flags are the exactness contract of docs/GPU.md: no fused
# multiply-adds but those the source names (EMU_FMAF), correctly rounded division and square root, no flushing of subnormals, no fast math.
# Each PTX file starts with the SHA-256 of the source it came from; PtxResourcesTest fails when the
# committed PTX is older than the C source.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/src/main/resources/org/emulens/kernels"
command -v nvcc >/dev/null 2>&1 || { echo "build-ptx: nvcc not found on the PATH; the committed PTX is unchanged" >&2; exit 1; }
hash="$(cat "$src/emulens_portability.h" "$src/emulens_fused.c" "$src/emulens_trees.c" | sha256sum | cut -d' ' -f1)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
flags=(-x cu -fmad=false -prec-div=true -prec-sqrt=true -ftz=false -I "$src")
# Audit: with the platform maths left out and EMU_FMAF spelt as a multiply and an add, our own arithmetic
# must compile to no fused multiply-add.
nvcc "${flags[@]}" -ptx -arch=compute_80 -DEMU_FMA_AUDIT -o "$tmp/audit.ptx" "$src/emulens_fused.c"
if grep -q 'fma.rn.f32' "$tmp/audit.ptx"; then
  echo "build-ptx: fused multiply-adds in the kernel's own arithmetic; check the nvcc flags" >&2
  exit 1
fi
for arch in 80 90; do
  nvcc "${flags[@]}" -ptx -arch=compute_$arch -o "$tmp/out.ptx" "$src/emulens_fused.c"
  { echo "// emulens-source-sha256: $hash"; cat "$tmp/out.ptx"; } > "$src/emulens_fused.sm_$arch.ptx"
  if command -v ptxas >/dev/null 2>&1; then
    ptxas -arch=sm_$arch -o "$tmp/out.cubin" "$src/emulens_fused.sm_$arch.ptx"
  fi
  echo "build-ptx: wrote emulens_fused.sm_$arch.ptx ($(nvcc --version | tail -1))" >&2
done
