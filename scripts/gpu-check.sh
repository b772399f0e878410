#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: builds Emulens, runs the GPU-tagged kernel tests (which must run, not skip),
# then the whole kernels suite, and prints benchmark figures for benchmark shapes B and A on CUDA:
# members/s, GFLOP/s of the dense layers and the fraction of the device's float32 peak.
#   scripts/gpu-check.sh [--members N] [--cells N] [--tanh fast|exact]   (options go to the benchmark)
# Needs the NVIDIA driver (libcuda.so.1); the CUDA toolkit is optional (with nvcc the PTX freshness and
# FMA-audit checks run too).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,driver_version,compute_cap,clocks.max.sm --format=csv
else
  echo "gpu-check: nvidia-smi not found; the CUDA tests will say whether the driver is usable" >&2
fi

echo "gpu-check: building" >&2
mvn -q -B -pl kernels -am install -DskipTests

echo "gpu-check: GPU-tagged tests (-Dgroups=gpu)" >&2
rm -rf kernels/target/surefire-reports
mvn -B -pl kernels test -Dgroups=gpu
reports=(kernels/target/surefire-reports/TEST-org.emulens.kernels.cuda.Cuda*Test.xml)
if grep -q 'skipped="[1-9]' "${reports[@]}"; then
  echo "gpu-check: FAILED: GPU tests were skipped on this machine (the reason is printed above and in" >&2
  echo "           kernels/target/surefire-reports); gpu-check needs a usable CUDA device" >&2
  exit 1
fi

echo "gpu-check: all kernel tests (OpenCL runs on whatever OpenCL device is first)" >&2
mvn -B -pl kernels test

cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -B -pl kernels dependency:build-classpath -Dmdep.outputFile="$cp_file"
echo "gpu-check: benchmark" >&2
java -cp "kernels/target/classes:$(cat "$cp_file")" org.emulens.kernels.KernelBenchmark --backend cuda \
  --shape B --shape A "$@"
