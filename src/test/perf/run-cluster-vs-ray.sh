#!/bin/sh
# ParaLab's cluster pool against Ray on this machine, in one run: ray_peer.py (Ray with 2 CPUs) writes its
# timings, then io.paralab.perf.ClusterVsRay measures the same on a LocalCluster of 2 members and prints one
# Markdown table with the ratios. The Java side runs from jars, after an untimed training start
# (MemberStartProbe --train), so the members start from their class-data archive (an AOT cache on JDK 25+), as
# they do from the kernel's paralab.jar. Usage, from the repository root (after ./paralab has made build/venv):
#   src/test/perf/run-cluster-vs-ray.sh [--tasks 10000] [--runs 5] [--warmup 2] [--round-trips 200]
# PARALAB_PYTHON names another Python that has Ray.
set -eu
cd "$(dirname "$0")/../../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PYTHON=${PARALAB_PYTHON:-build/venv/bin/python}
mvn -q -DskipTests test-compile
. src/test/perf/jars-class-path.sh
UNSAFE=""
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && UNSAFE="--sun-misc-unsafe-memory-access=allow"
"$JAVA_HOME/bin/java" $UNSAFE -cp "$CP" io.paralab.process.MemberStartProbe --train
echo "load: $(uptime)"
RAY_TMPDIR=$(mktemp -d "${TMPDIR:-/tmp}/paralab-ray.XXXXXX")   # Ray's session folder goes with the run
export RAY_TMPDIR
trap 'rm -rf "$RAY_TMPDIR"' EXIT
"$PYTHON" src/test/perf/ray_peer.py "$@" --out target/ray.json
"$JAVA_HOME/bin/java" $UNSAFE -cp "$CP" io.paralab.perf.ClusterVsRay target/ray.json "$@"
