# Sourced by the perf scripts: sets CP to a class path of jars alone (child JVMs start from a class-data archive
# only then, as the kernel's do from paralab.jar): target/classes and target/test-classes packed into
# target/perf/*.jar when they changed since the last packing (an unchanged jar keeps the archives keyed to it),
# then the test dependencies' jars. Needs JAVA_HOME and a compiled tree (mvn test-compile).
mvn -q -DskipTests dependency:build-classpath -Dmdep.outputFile=target/cp.txt
mkdir -p target/perf
for dir in classes test-classes; do
    jar="target/perf/$dir.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "target/$dir" -newer "$jar" -print -quit)" ]; then
        rm -f "$jar"
        "$JAVA_HOME/bin/jar" --create --file "$jar" -C "target/$dir" .
    fi
done
CP="target/perf/classes.jar:target/perf/test-classes.jar:$(cat target/cp.txt)"
