#!/bin/sh
# Runs the benchmark against Python's tools (issue 3, Performance): python_peers.py, then the Java side of
# workloads 1-8 of src/test/perf/WORKLOADS.md; prints one Markdown table and writes JSON under build/bench/.
# Usage, from the repository root:
#   src/test/perf/run-peer-benchmark.sh [--runs 10] [--only 1,1b,2,3,4,5,6,7,8] [--peers PATH/python_peers.py]
# Without --peers, ../shared/peers/python_peers.py (relative to the repository) is used when it exists;
# otherwise Python's figures recorded in src/test/perf/WORKLOADS.md are printed, labelled "recorded, not measured now".
set -eu
cd "$(dirname "$0")/../../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
echo "load: $(uptime)"
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/cp.txt)" \
    io.paralab.perf.PeerBenchmark "$@"
