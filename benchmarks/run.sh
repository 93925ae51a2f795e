#!/usr/bin/env bash
# Runs a chosen set of JMH benchmarks and writes results/<timestamp>.json, results/latest.md (scores as ratios to the
# ceiling measured in the same run, bytes per operation, ns per hit) and results/latest.svg (a bar chart of the ratios).
#
#   benchmarks/run.sh                                  # everything (long: JCacheBenchmark alone has ~100 cases)
#   benchmarks/run.sh 'JCacheBenchmark.get'            # a regex over benchmark names
#   benchmarks/run.sh 'JCacheBenchmark' -p mode=byReference   # further arguments go to JMH as they are
#   benchmarks/run.sh --append 'IndexQueryBenchmark'   # another run (with its own ceilings) in the same report
#   benchmarks/run.sh --append memory 1000000          # heap per entry (MemoryFootprint), 1M entries by default
#
# A report lists the runs named in results/latest-runs.tsv: a run without --append starts a new list.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
append=false
if [[ "${1:-}" == "--append" ]]; then
    append=true
    shift
fi
pattern="${1:-.*}"
shift || true

cd "$root"
# build-classpath in the same reactor as the build, so the store module resolves to what was just built
mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$here/target/classpath.txt" >/dev/null
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
json="$here/results/$stamp.json"
machine="$stamp, $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)"

if [[ "$pattern" == "memory" ]]; then
    entries="${1:-1000000}"
    java -Xms3g -Xmx3g -cp "$classpath" dev.docstore.benchmarks.MemoryFootprint "$entries" "$json"
    command="benchmarks/run.sh memory $entries ($machine)"
else
    jmh_args=(-wi 4 -i 5 -w 1s -r 1s -f 1 -t 2 -prof gc -rf json -rff "$json" "$@")
    java -cp "$classpath" org.openjdk.jmh.Main "$pattern" "${jmh_args[@]}"
    command="benchmarks/run.sh '$pattern' $* ($machine)"
fi

runs="$here/results/latest-runs.tsv"
if [[ "$append" == false ]]; then
    : > "$runs"
fi
printf '%s\t%s\n' "$(basename "$json")" "$command" >> "$runs"

java -cp "$classpath" dev.docstore.benchmarks.report.Report "$runs" "$here/results/latest.md" "$here/results/latest.svg"
echo "wrote $json, $here/results/latest.md and $here/results/latest.svg"
