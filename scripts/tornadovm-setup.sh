#!/usr/bin/env bash
# Installs a TornadoVM SDK (JDK 25 flavour, OpenCL backend) for Emulens' optional `tornado` backend, and prints
# how to enable it. Nothing here changes the default build: the backend is built only where TORNADOVM_HOME
# points at an SDK (Maven profile `tornado`, module kernels-tornado).
#
#   scripts/tornadovm-setup.sh [--version 5.2.0-jdk25] [--prefix DIR] [--from-source]
#
# Needs JDK 25 (JAVA_HOME, or the java on the PATH) and an OpenCL driver (a GPU's, or PoCL for the CPU).
# Default: downloads the prebuilt SDK of the public release,
#   https://github.com/beehive-lab/TornadoVM/releases/download/v<version>/tornadovm-<version>-opencl-linux-amd64.tar.gz
# (the name TornadoVM's release build gives its Linux archives, a .zip beside it; both hold one folder,
# tornadovm-<version>-opencl. Override with TORNADOVM_URL=...; with SDKMAN, `sdk install tornadovm
# <version>-opencl` is the same SDK).
# --from-source builds that release from its git tag instead (git, cmake, a C++ compiler, python3 and the
# OpenCL headers, e.g. Debian's opencl-c-headers; Maven comes from the project's wrapper), as TornadoVM's
# INSTALL_FROM_SOURCE.md describes, with the GraalVM jars taken from Maven Central.
set -euo pipefail

version="5.2.0-jdk25"
prefix="${HOME}/.local/tornadovm"
from_source=0
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --from-source) from_source=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "tornadovm-setup: unknown option '$1' (expected --version, --prefix, --from-source)" >&2; exit 2 ;;
  esac
done

java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major="$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
if [ "$java_major" != "25" ]; then
  echo "tornadovm-setup: expected JDK 25 (set JAVA_HOME), found ${java_major:-no java} at $java_cmd" >&2
  exit 1
fi
java_home="$(cd "$(dirname "$(readlink -f "$(command -v "$java_cmd")")")/.." && pwd)"
mkdir -p "$prefix"

if [ "$from_source" -eq 0 ]; then
  url="${TORNADOVM_URL:-https://github.com/beehive-lab/TornadoVM/releases/download/v${version}/tornadovm-${version}-opencl-linux-amd64.tar.gz}"
  echo "tornadovm-setup: downloading $url" >&2
  curl -fL "$url" -o "$prefix/tornadovm.tar.gz"
  tar -xzf "$prefix/tornadovm.tar.gz" -C "$prefix"
  rm -f "$prefix/tornadovm.tar.gz"
else
  src="$prefix/src-$version"
  if [ ! -d "$src" ]; then
    git clone --depth 1 --branch "v$version" https://github.com/beehive-lab/TornadoVM.git "$src"
  fi
  # The OpenCL headers the JNI library compiles against (TornadoVM's own script clones them from GitHub).
  headers="$src/tornado-drivers/opencl-jni/src/main/cpp/headers/include"
  if [ ! -f "$headers/CL/cl.h" ]; then
    [ -f /usr/include/CL/cl.h ] || { echo "tornadovm-setup: expected OpenCL headers in /usr/include/CL" \
      "(apt-get install opencl-c-headers), found none" >&2; exit 1; }
    mkdir -p "$headers" && cp -r /usr/include/CL "$headers/"
  fi
  # GraalVM compiler jars for a stock (non-Graal) JDK 25, as TornadoVM's bin/pull_graal_jars.py lists them
  # (less compiler-management, which Maven Central does not have at 25.0.2).
  graal="25.0.2"
  mkdir -p "$src/graalJars"
  for a in org.graalvm.compiler:compiler org.graalvm.sdk:graal-sdk org.graalvm.truffle:truffle-api \
           org.graalvm.truffle:truffle-compiler org.graalvm.sdk:collections org.graalvm.sdk:word \
           org.graalvm.polyglot:polyglot; do
    (cd "$prefix" && mvn -q -B dependency:copy -Dartifact="$a:$graal" -DoutputDirectory="$src/graalJars")
  done
  echo "tornado.backends=opencl-backend" > "$src/tornado-assembly/src/etc/tornado.backend"
  (cd "$src" && JAVA_HOME="$java_home" ./mvnw -B -T1 -Pjdk25,opencl-backend -Dtornado.backend=opencl \
      -DskipTests install)
  cp -r "$src"/dist/tornadovm-*-opencl-linux-amd64/tornadovm-* "$prefix/"
fi

home="$(find "$prefix" -maxdepth 4 -type d -path '*/share/java/tornado' | head -1)"
home="${home%/share/java/tornado}"
if [ -z "$home" ]; then
  echo "tornadovm-setup: expected an SDK (a share/java/tornado folder) under $prefix, found none" >&2
  exit 1
fi
# The JVM options for running TornadoVM (module path, JVMCI, exports): SDK archives carry a template.
if [ ! -f "$home/tornado-argfile" ]; then
  if [ ! -f "$home/tornado-argfile.template" ]; then
    # It runs `tornado --printJavaFlags` and `java -version`, so both must be JDK 25's.
    (cd "$home/bin" && JAVA_HOME="$java_home" TORNADOVM_HOME="$home" PATH="$home/bin:$java_home/bin:$PATH" \
        python3 gen-tornado-argfile-template.py opencl)
  fi
  sed "s#\${TORNADOVM_HOME}#$home#g" "$home/tornado-argfile.template" > "$home/tornado-argfile"
fi

echo "tornadovm-setup: devices TornadoVM sees:" >&2
JAVA_HOME="$java_home" TORNADOVM_HOME="$home" PATH="$home/bin:$java_home/bin:$PATH" tornado --devices

cat <<MSG

TornadoVM SDK installed at $home. To build and test Emulens with the tornado backend:

  export JAVA_HOME=$java_home
  export TORNADOVM_HOME=$home
  mvn -B verify           # the tornado profile activates itself and adds module kernels-tornado

With both variables set, scripts/emulens runs the command line on JDK 25 with the SDK's JVM options and
the backend's jar on the class path:
  scripts/emulens backends                   # tornado  available: TornadoVM opencl-0-0: ...
  scripts/emulens bench --members 2^16       # tornado beside opencl and cpu in one table
MSG
