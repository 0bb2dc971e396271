#!/bin/sh
# ParaLab's cluster pool against Ray on this machine, in one run: ray_peer.py (Ray with 2 CPUs) writes its
# timings, then io.paralab.perf.ClusterVsRay measures the same on a LocalCluster of 2 members and prints one
# Markdown table with the ratios. Usage, from the repository root (after ./paralab has made build/venv):
#   src/test/perf/run-cluster-vs-ray.sh [--tasks 10000] [--runs 5] [--warmup 2] [--round-trips 200]
# PARALAB_PYTHON names another Python that has Ray.
set -eu
cd "$(dirname "$0")/../../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PYTHON=${PARALAB_PYTHON:-build/venv/bin/python}
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
echo "load: $(uptime)"
"$PYTHON" src/test/perf/ray_peer.py "$@" --out target/ray.json
UNSAFE=""
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && UNSAFE="--sun-misc-unsafe-memory-access=allow"
exec "$JAVA_HOME/bin/java" $UNSAFE -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
    io.paralab.perf.ClusterVsRay target/ray.json "$@"
