#!/bin/sh
# How long LocalCluster.start(2) takes when the members start from an AOT cache (JDK 25+), from a dynamic CDS
# archive, and from neither, interleaved start by start (io.paralab.process.MemberStartProbe), from jars as the
# kernel runs; then the first start in a JVM (no archive yet: the first member records one) of each kind, in
# fresh JVMs with empty archive folders, FIRST_STARTS rounds (default 3). Usage, from the repository root:
#   src/test/perf/run-member-start.sh [--starts 5]
set -eu
cd "$(dirname "$0")/../../.."
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -DskipTests test-compile
. src/test/perf/jars-class-path.sh
echo "load: $(uptime)"
UNSAFE=""
"$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1 && UNSAFE="--sun-misc-unsafe-memory-access=allow"
"$JAVA_HOME/bin/java" $UNSAFE -cp "$CP" io.paralab.process.MemberStartProbe "$@"
echo "first start in a JVM: kind, LocalCluster.start(2) in s, first task after it in ms"
for round in $(seq "${FIRST_STARTS:-3}"); do
    for kind in aot cds none; do
        dir=$(mktemp -d)
        XDG_CACHE_HOME="$dir" "$JAVA_HOME/bin/java" $UNSAFE -cp "$CP" io.paralab.process.MemberStartProbe --first "$kind"
        rm -rf "$dir"
    done
done
