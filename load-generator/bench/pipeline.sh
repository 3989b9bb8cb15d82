#!/usr/bin/env bash
# The pipeline benchmark (docs/benchmarks.md, "pipeline"): the whole local stack and the packaged
# services, driven by the load generator at fixed offered rates, open loop.
#
# For each configuration (processing guarantee x number of scorer instances) and each offered
# rate it records:
#   - offered and achieved rate (transactions ingest accepted per second of the step),
#   - ingest latency p50/p99 (from the intended send time to 202, so queueing counts),
#   - acceptance-to-score latency p50/p99/p99.9 (the scorer's vigil_scorer_latency histogram:
#     from ingest's receivedAt to the score on transaction-scores, over the step's window),
#   - alert latency p50/p99 (the load generator's detection report: send to alert stored and
#     readable over REST).
# A step is past saturation when ingest accepted less than 95% of the offered rate, or when the p99 of
# either ingest latency or acceptance-to-score latency reached a second: the harness stops raising the
# rate for that configuration, and its saturation point is the highest offered rate before that step
# (the last line per configuration: "saturation (<guarantee>, <n> scorer(s)): <rate> tx/s").
#
# Usage: load-generator/bench/pipeline.sh [--rates "250 500 1000 2000"] [--duration 60]
#            [--guarantees "exactly_once_v2 at_least_once"] [--scorers "1 2"] [--cards 20000] [--out DIR]
# Run by: ./vigil bench pipeline [same options]. Needs jq and gnuplot (./vigil installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."

RATES="250 500 1000 2000"
DURATION=60
GUARANTEES="exactly_once_v2 at_least_once"
SCORERS="1 2"
OUT=target/bench/pipeline
CARDS=20000
while [ $# -gt 0 ]; do
    case "$1" in
        --rates) RATES=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --guarantees) GUARANTEES=$2; shift 2 ;;
        --scorers) SCORERS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --cards) CARDS=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

LOAD_GENERATOR_JAR=load-generator/target/vigil-load-generator.jar
SCORER_JAR=realtime-scorer/target/quarkus-app/quarkus-run.jar
SECOND_SCORER_PORT=8084
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
printf 'guarantee\tscorers\toffered\tachieved\tingest_p50_ms\tingest_p99_ms\tscore_p50_ms\tscore_p99_ms\tscore_p999_ms\talert_p50_ms\talert_p99_ms\n' > "$RESULTS"

prometheus() { # an instant query at a time; prints the first value, or NaN
    curl -s --get "$VIGIL_PROMETHEUS_URL/api/v1/query" --data-urlencode "query=$1" --data-urlencode "time=$2" \
        | jq -r '.data.result[0].value[1] // "NaN"'
}

under_a_second() { # a latency in ms (NaN: not measured, so not shown to be under)
    jq -en --arg v "$1" '$v != "NaN" and ($v | tonumber) < 1000' > /dev/null
}

score_quantile_ms() { # quantile, window seconds, at
    local v
    v=$(prometheus "histogram_quantile($1, sum by (le) (increase(vigil_scorer_latency_seconds_bucket[$2s])))" "$3")
    jq -rn --arg v "$v" 'if $v == "NaN" then "NaN" else ($v | tonumber * 1000 | . * 10 | round / 10) end'
}

start_second_scorer() {
    VIGIL_SCORER_STATE_DIR="${VIGIL_STACK_DIR:-$PWD/.vigil}/data/scorer-2" QUARKUS_HTTP_PORT=$SECOND_SCORER_PORT \
        nohup java -jar "$SCORER_JAR" > "${VIGIL_STACK_DIR:-.vigil}/logs/realtime-scorer-2.log" 2>&1 &
    echo $! > "$OUT/scorer-2.pid"
    # both instances in the realtime-scorer job, so the latency histogram sums over them
    printf '[{"targets": ["127.0.0.1:8083", "127.0.0.1:%s"], "labels": {"service": "realtime-scorer"}}]\n' \
        "$SECOND_SCORER_PORT" > "$VIGIL_PROMETHEUS_TARGETS/realtime-scorer.json"
    until curl -sf "127.0.0.1:$SECOND_SCORER_PORT/q/health/ready" > /dev/null; do sleep 1; done
}

stop_second_scorer() {
    if [ -f "$OUT/scorer-2.pid" ]; then
        kill "$(cat "$OUT/scorer-2.pid")" 2> /dev/null || true
        while kill -0 "$(cat "$OUT/scorer-2.pid")" 2> /dev/null; do sleep 1; done
        rm -f "$OUT/scorer-2.pid"
    fi
}
trap stop_second_scorer EXIT
declare -A saturation

for guarantee in $GUARANTEES; do
    for scorers in $SCORERS; do
        echo "== $guarantee, $scorers scorer instance(s)" >&2
        stop_second_scorer
        ./vigil stack down > /dev/null
        # the services inherit this environment: it overrides kafka-streams.processing.guarantee
        KAFKA_STREAMS_PROCESSING_GUARANTEE=$guarantee ./vigil stack up --services > "$OUT/stack-up.log"
        # shellcheck disable=SC1091
        . "${VIGIL_STACK_DIR:-.vigil}/stack.env"
        for port in 8080 8082 8083; do
            until curl -sf "127.0.0.1:$port/q/health/ready" > /dev/null; do sleep 1; done
        done
        if [ "$scorers" = 2 ]; then
            KAFKA_STREAMS_PROCESSING_GUARANTEE=$guarantee start_second_scorer
        fi
        token=$(./vigil token --bank bank-a --role app)
        # ingest takes bank-a's transactions only from bank-a's sender (read by every run below)
        VIGIL_INGEST_TOKEN=$(./vigil token --bank bank-a --role sender)
        export VIGIL_INGEST_TOKEN
        # one population (same seed) for every step: its history first, so the steps score cards
        # with profiles and measure the live flow only
        java -jar "$LOAD_GENERATOR_JAR" run --rate 50 --duration 2s --banks 1 --cards "$CARDS" --history 2 \
            --seed 42 > "$OUT/history-$guarantee-$scorers.out" 2>&1
        # warm-up, not measured: the services' JIT compilers, the first rebalance and the history's
        # scoring settle before the first measured step (same population, at the first rate)
        java -jar "$LOAD_GENERATOR_JAR" run --rate "${RATES%% *}" --duration 15s --banks 1 --cards "$CARDS" \
            --history 0 --seed 42 > "$OUT/warmup-$guarantee-$scorers.out" 2>&1
        for rate in $RATES; do
            step="$guarantee-$scorers-$rate"
            report="$OUT/report-$step.json"
            started=$(date +%s)
            java -jar "$LOAD_GENERATOR_JAR" run --rate "$rate" --duration "${DURATION}s" --banks 1 --cards "$CARDS" \
                --history 0 --seed 42 --alerts-url http://127.0.0.1:8082 --alerts-token "$token" \
                --settle 20s --report-json "$report" > "$OUT/load-generator-$step.out" 2>&1
            # the live flow and the few seconds its last records take to be scored
            window=$((DURATION + 5))
            at=$((started + window))
            achieved=$(jq -r --argjson d "$DURATION" '.accepted / $d | round' "$report")
            ingest_p99=$(jq -r .p99Ms "$report")
            score_p99=$(score_quantile_ms 0.99 $window "$at")
            row=$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$guarantee" "$scorers" "$rate" "$achieved" \
                "$(jq -r .p50Ms "$report")" "$ingest_p99" \
                "$(score_quantile_ms 0.5 $window "$at")" "$score_p99" \
                "$(score_quantile_ms 0.999 $window "$at")" \
                "$(jq -r '.detection.alertLatency.p50 // "NaN"' "$report")" \
                "$(jq -r '.detection.alertLatency.p99 // "NaN"' "$report")")
            echo "$row" >> "$RESULTS"
            echo "$row" >&2
            if [ "$achieved" -lt $((rate * 95 / 100)) ] || ! under_a_second "$ingest_p99" \
                || ! under_a_second "$score_p99"; then
                echo "   saturated at an offered $rate tx/s (achieved $achieved)" >&2
                break
            fi
            saturation[$guarantee-$scorers]=$rate
        done
    done
done
stop_second_scorer
./vigil stack down > /dev/null

# one line per configuration: p99 acceptance-to-score latency against the achieved rate
{
    echo "set terminal png size 900,540 noenhanced"
    echo "set output '$OUT/pipeline-latency.png'"
    echo "set title 'Vigil pipeline: acceptance-to-score latency p99 by achieved rate'"
    echo "set xlabel 'achieved rate (transactions/s)'"
    echo "set ylabel 'p99 latency (ms)'"
    echo "set logscale y"
    echo "set key top left"
    echo "set datafile separator tab"
    echo "set datafile missing 'NaN'"
    plots=()
    for guarantee in $GUARANTEES; do
        for scorers in $SCORERS; do
            plots+=("'< grep -P \"^$guarantee\\t$scorers\\t\" $RESULTS' using 4:8 with linespoints title '$guarantee, $scorers scorer(s)'")
        done
    done
    (IFS=,; echo "plot ${plots[*]}")
} > "$OUT/pipeline-latency.gp"
gnuplot "$OUT/pipeline-latency.gp"

echo "| guarantee | scorers | offered tx/s | achieved tx/s | ingest p50 / p99 ms | score p50 / p99 / p99.9 ms | alert p50 / p99 ms |"
echo "|---|---|---|---|---|---|---|"
tail -n +2 "$RESULTS" | while IFS=$'\t' read -r g s o a i50 i99 s50 s99 s999 a50 a99; do
    echo "| $g | $s | $o | $a | $i50 / $i99 | $s50 / $s99 / $s999 | $a50 / $a99 |"
done
echo >&2
echo "results: $RESULTS, plot: $OUT/pipeline-latency.png" >&2
for guarantee in $GUARANTEES; do
    for scorers in $SCORERS; do
        echo "saturation ($guarantee, $scorers scorer(s)): ${saturation[$guarantee-$scorers]:-below ${RATES%% *}} tx/s" \
            "(the highest offered rate with ingest and acceptance-to-score p99 under a second)"
    done
done
