#!/usr/bin/env bash
# Runs a chosen set of JMH benchmarks and writes results/<timestamp>.json, results/latest.md (scores as ratios to the
# ceiling measured in the same run, plus bytes per operation) and results/latest.svg (a bar chart of the ratios).
#
#   benchmarks/run.sh                                  # everything (long: JCacheBenchmark alone has ~100 cases)
#   benchmarks/run.sh 'JCacheBenchmark.get'            # a regex over benchmark names
#   benchmarks/run.sh 'JCacheBenchmark' -p mode=byReference   # further arguments go to JMH as they are
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
pattern="${1:-.*}"
shift || true

cd "$root"
mvn -B -q -pl benchmarks -am package -DskipTests
mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$here/target/classpath.txt" >/dev/null
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
json="$here/results/$stamp.json"
jmh_args=(-wi 4 -i 5 -w 1s -r 1s -f 1 -t 2 -prof gc -rf json -rff "$json" "$@")

java -cp "$classpath" org.openjdk.jmh.Main "$pattern" "${jmh_args[@]}"

java -cp "$classpath" dev.docstore.benchmarks.report.Report "$json" "$here/results/latest.md" \
    "$here/results/latest.svg" "benchmarks/run.sh '$pattern' $* ($stamp, $(nproc) cores, $(uname -m))"
echo "wrote $json, $here/results/latest.md and $here/results/latest.svg"
