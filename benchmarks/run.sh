#!/usr/bin/env bash
# Runs JMH benchmarks and writes results/<timestamp>.json, then results/latest.md (scores with their 99.9% intervals,
# ratios to the ceiling measured in the same run with theirs, bytes per operation, ns per hit) and results/latest.svg
# (the ratios as bars with their intervals).
#
#   benchmarks/run.sh headline                          # the headline set, then heap per entry at 1M (≈ 30 min)
#   benchmarks/run.sh 'JCacheBenchmark.get'             # a regex over benchmark names
#   benchmarks/run.sh 'JCacheBenchmark' -p mode=byReference   # further arguments go to JMH as they are
#   benchmarks/run.sh 'IndexedUpdateBenchmark' -f 1 -wi 2 -i 3  # exploratory: marked so in the report
#   benchmarks/run.sh --append 'IndexQueryBenchmark'    # another run (with its own ceilings) in the same report
#   benchmarks/run.sh --append memory 1000000           # heap per entry (MemoryFootprint), 1M entries by default
#
# JMH gets -f 3 -wi 4 -i 5 -w 1s -r 1s -t 2 -prof gc, each unless the arguments give that option themselves: three
# forks and five measured iterations are what a decision needs (fewer are marked exploratory in the report).
#
# Options, before the set:
#   --append         add the runs to the report's list instead of starting a new one
#   --force          run even on a loaded machine, and mark the run so in the report
#   --results DIR    write there instead of benchmarks/results (an exploratory report then leaves latest.md alone)
#
# Before each run the script prints the load average and records it with the run. If the 1-minute load average is
# above 1.0 it waits up to three minutes for it to fall (a previous run's own load takes about a minute to decay),
# then refuses to start unless --force was given. The report's list of runs (latest-runs.tsv), latest.md and
# latest.svg are written only once every run of the command has finished.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
append=false
force=false
results="$here/results"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --append) append=true; shift ;;
        --force) force=true; shift ;;
        --results) mkdir -p "$2"; results="$(cd "$2" && pwd)"; shift 2 ;;
        *) break ;;
    esac
done
set_name="${1:-.*}"
shift || true
invocation="benchmarks/run.sh $set_name${*:+ $*}"

cd "$root"
# build-classpath in the same reactor as the build, so the store module resolves to what was just built
mvn -B -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile="$here/target/classpath.txt" >/dev/null
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

mkdir -p "$results"
new_runs="$(mktemp)"
trap 'rm -f "$new_runs"' EXIT

above_one() {
    awk -v load="$1" 'BEGIN { exit !(load > 1.0) }'
}

# Sets $load (the three load averages) and $state (quiet or loaded), or exits when the machine stays loaded.
check_load() {
    local one five fifteen rest waited=0
    read -r one five fifteen rest < /proc/loadavg
    echo "load average: $one $five $fifteen (1, 5, 15 minutes)"
    while above_one "$one" && ! $force && (( waited < 180 )); do
        echo "waiting for the 1-minute load average ($one) to fall to 1.0 or below"
        sleep 15
        waited=$((waited + 15))
        read -r one five fifteen rest < /proc/loadavg
    done
    load="$one $five $fifteen"
    state=quiet
    if above_one "$one"; then
        if ! $force; then
            echo "refusing to run on a loaded machine (1-minute load average $one > 1.0): its figures would not" \
                "be worth a report. Run again later, or with --force to mark the run as taken on a loaded machine." >&2
            exit 1
        fi
        state=loaded
    fi
}

# Appends a finished run to this command's list: its JSON, how it was made, and the load when it started.
record() {
    printf '%s\t%s\t%s\t%s\n' "$(basename "$1")" "$2 ($machine)" "$load" "$state" >> "$new_runs"
}

# Runs JMH with the given regexes and arguments, adding each default the arguments do not set themselves.
run_jmh() {
    local defaults=(-f 3 -wi 4 -i 5 -w 1s -r 1s -t 2) args=("$@") given i
    local jmh_args=()
    for ((i = 0; i < ${#defaults[@]}; i += 2)); do
        given=false
        for argument in "${args[@]}"; do
            [[ "$argument" == "${defaults[i]}" ]] && given=true
        done
        $given || jmh_args+=("${defaults[i]}" "${defaults[i + 1]}")
    done
    check_load
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    machine="$stamp, $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)"
    local json="$results/$stamp.json"
    java -cp "$classpath" org.openjdk.jmh.Main "${args[@]}" "${jmh_args[@]}" -prof gc -rf json -rff "$json"
    record "$json" "$invocation"
}

run_memory() {
    check_load
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    machine="$stamp, $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1)"
    local json="$results/$stamp.json"
    java -Xms3g -Xmx3g -cp "$classpath" dev.docstore.benchmarks.MemoryFootprint "$1" "$json"
    record "$json" "benchmarks/run.sh memory $1"
}

case "$set_name" in
    headline)
        # The performance bars (README, Benchmarks) in one JMH run, so every ratio's two sides share the run: JCache get
        # and put for docstore, Caffeine and the map; put with 0 and 3 indexes and by hand; exact and range queries
        # through DocumentCache at 100k and 1M with the ceiling and CQEngine; get with statistics off and on.
        run_jmh 'JCacheBenchmark\.(get|put|mapGet|mapPut)$' 'IndexedUpdateBenchmark' \
            'DocumentCacheQueryBenchmark' 'StatisticsCostBenchmark\.get$' \
            -p provider=docstore,caffeine -p mode=byReference -p indexes=0,3 -p shape=pojo "$@"
        run_memory 1000000
        ;;
    memory)
        run_memory "${1:-1000000}"
        ;;
    *)
        run_jmh "$set_name" "$@"
        ;;
esac

runs="$results/latest-runs.tsv"
if $append; then
    cat "$new_runs" >> "$runs"
else
    cp "$new_runs" "$runs"
fi
java -cp "$classpath" dev.docstore.benchmarks.report.Report "$runs" "$results/latest.md" "$results/latest.svg"
echo "wrote $results/latest.md and $results/latest.svg from the runs in $runs"
