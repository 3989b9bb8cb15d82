#!/usr/bin/env bash
# Kafka Streams vs Spark Structured Streaming on the same scoring (docs/benchmarks.md): the load
# generator writes transactions straight to Kafka at fixed offered rates, open loop, while BOTH the
# Kafka Streams scorer (realtime-scorer, to transaction-scores) and the Spark job (batch-trainer
# score-stream, to transaction-scores-spark) consume the same `transactions` topic. Both compute
# features with features' CardFeatures.next and decide with its Verdict.of, per card, with state.
#
# For each Spark trigger interval (the Spark job is restarted on the same checkpoint, so its per-card
# state carries over) and each offered rate, it measures per engine, over the transactions produced
# in the step (load-generator `scores`):
#   - scored: how many of the step's transactions the engine scored,
#   - sustained throughput: scores per second between the step's first and last score,
#   - event-to-score latency p50/p99/p99.9: scoredAt - receivedAt (receivedAt: when the load
#     generator produced the transaction; scoredAt: when the engine scored it, both stamped by
#     Verdict.scoreRecord the same way), the scorer's own vigil_scorer_latency measure.
#
# Usage: load-generator/bench/streams.sh [--rates "100 300"] [--duration 30] [--triggers "0 1s 5s"]
#            [--cards 5000] [--guarantee at_least_once] [--spark-cores 2] [--model gbt|rules] [--out DIR]
#            [--plot docs/streams-latency.png]
#        --model gbt (default): before either engine starts, publish the benchmarks' model (realtime-scorer's
#            test bench BenchModel: a seeded random 100-tree depth-6 GBT, for every bank) to fraud-models, so
#            both score with the same ModelBundle; --model rules: no model, both score on the rules
#        load-generator/bench/streams.sh --report-only [--out DIR] [--plot FILE]: the table and plot again
#            from DIR/results.tsv, without measuring
# Run by: ./vigil bench streams [same options]. Needs jq and gnuplot (./vigil installs them).
set -euo pipefail
cd "$(dirname "$0")/../.."

RATES="100 300"
DURATION=30
TRIGGERS="0 1s 5s"
CARDS=5000
# the same delivery guarantee as Spark's Kafka sink (at least once); exactly_once_v2 is the scorer's default
GUARANTEE=at_least_once
SPARK_CORES=2
MODEL=gbt
OUT=target/bench/streams
PLOT=docs/streams-latency.png
REPORT_ONLY=false
while [ $# -gt 0 ]; do
    case "$1" in
        --rates) RATES=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --triggers) TRIGGERS=$2; shift 2 ;;
        --cards) CARDS=$2; shift 2 ;;
        --guarantee) GUARANTEE=$2; shift 2 ;;
        --spark-cores) SPARK_CORES=$2; shift 2 ;;
        --model) MODEL=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --plot) PLOT=$2; shift 2 ;;
        --report-only) REPORT_ONLY=true; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

RESULTS="$OUT/results.tsv"
case "$MODEL" in gbt | rules) ;; *) echo "--model is gbt or rules, not $MODEL" >&2; exit 2 ;; esac

LOAD_GENERATOR_JAR=load-generator/target/vigil-load-generator.jar
SPARK_TOPIC=transaction-scores-spark

loadgen() {
    java -Xmx512m -jar "$LOAD_GENERATOR_JAR" "$@"
}

# the step's transactions on one engine's topic: a JSON line (ScoreLatency.Result)
measure() { # topic from_ms to_ms expected
    loadgen scores --topic "$1" --from "$2" --to "$3" --expect "$4" --wait 120 --idle 20 2>> "$OUT/scores.err"
}

start_spark() { # trigger
    # one state partition per core: fewer, larger tasks per micro-batch (fixed by the first checkpoint)
    SPARK_LOCAL_IP=127.0.0.1 nohup java @batch-trainer/jvm.options -Xmx1536m "-Dspark.master=local[$SPARK_CORES]" \
        "-Dspark.sql.shuffle.partitions=$SPARK_CORES" \
        -cp "batch-trainer/target/classes:$(cat batch-trainer/target/trainer.classpath)" dev.vigil.trainer.TrainerCli \
        score-stream --trigger "$1" --checkpoint "$OUT/spark-checkpoint" --output-topic "$SPARK_TOPIC" \
        --starting-offsets earliest > "$OUT/spark-$1.log" 2> "$OUT/spark-$1.err" &
    echo $! > "$OUT/spark.pid"
    until grep -qs '^score-stream: transactions' "$OUT/spark-$1.log"; do
        kill -0 "$(cat "$OUT/spark.pid")" 2> /dev/null || { echo "the Spark job ended: $OUT/spark-$1.err" >&2; exit 1; }
        sleep 1
    done
}

stop_spark() {
    if [ -f "$OUT/spark.pid" ]; then
        kill "$(cat "$OUT/spark.pid")" 2> /dev/null || true
        while kill -0 "$(cat "$OUT/spark.pid")" 2> /dev/null; do sleep 1; done
        rm -f "$OUT/spark.pid"
    fi
}

# one step: the load generator at a rate for a duration; prints "from to sent"
send() { # rate seconds name
    local from to
    from=$(date +%s%3N)
    loadgen run --target kafka --rate "$1" --duration "${2}s" --banks 1 --cards "$CARDS" --history 0 --seed 42 \
        --label-delay 1s --report-json "$OUT/report-$3.json" > "$OUT/load-generator-$3.out" 2>&1
    to=$(date +%s%3N)
    echo "$from $to $(jq -r .accepted "$OUT/report-$3.json")"
}

# the measurement: stack, history, then every trigger interval and rate
measure_all() {
    mkdir -p "$OUT"
    rm -rf "$OUT/spark-checkpoint"
    printf 'trigger\toffered\tsent\tload1\tks_scored\tks_tput\tks_p50_ms\tks_p99_ms\tks_p999_ms\tsp_scored\tsp_tput\tsp_p50_ms\tsp_p99_ms\tsp_p999_ms\n' > "$RESULTS"
    trap stop_spark EXIT
    ./vigil stack down > /dev/null
    # the services inherit this environment: it overrides kafka-streams.processing.guarantee
    # the alert-budget guard off (ceiling 1): the random model alerts on almost everything, and the scorer
    # would refuse it for the rules alone while the Spark job, which has no guard, scores with it
    KAFKA_STREAMS_PROCESSING_GUARANTEE=$GUARANTEE VIGIL_SCORER_ALERT_CEILING=1 ./vigil stack up --services > "$OUT/stack-up.log"
    # shellcheck disable=SC1091
    . "${VIGIL_STACK_DIR:-.vigil}/stack.env"
    until curl -sf 127.0.0.1:8083/q/health/ready > /dev/null; do sleep 1; done
    VIGIL_PAN_TOKEN_KEY=$(cat "${VIGIL_STACK_DIR:-.vigil}/pan-token.key")
    export VIGIL_PAN_TOKEN_KEY
    if [ "$MODEL" = gbt ]; then
        ./mvnw -B -q -pl realtime-scorer test-compile dependency:build-classpath \
            -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
        java -cp "realtime-scorer/target/test-classes:$(cat realtime-scorer/target/test-classpath.txt)" \
            dev.vigil.scorer.bench.BenchModel "$KAFKA_BOOTSTRAP_SERVERS" "$APICURIO_REGISTRY_URL" >&2
    fi
    # one population (same seed) for every step: its history first, so both engines score cards with profiles
    loadgen run --target kafka --rate 200 --duration 2s --banks 1 --cards "$CARDS" --history 2 --seed 42 \
        --label-delay 1s > "$OUT/history.out" 2>&1

    for trigger in $TRIGGERS; do
        echo "== Spark trigger $trigger (Kafka Streams: $GUARANTEE)" >&2
        start_spark "$trigger"
        # warm-up, not measured: the Spark job catches up on what it has not read yet, both JITs warm up
        read -r from to sent < <(send "${RATES%% *}" 10 "warmup-$trigger")
        measure transaction-scores "$from" "$to" "$sent" > /dev/null
        measure "$SPARK_TOPIC" "$from" "$to" "$sent" > /dev/null
        for rate in $RATES; do
            read -r from to sent < <(send "$rate" "$DURATION" "$trigger-$rate")
            # both engines' topics read at the same time
            measure transaction-scores "$from" "$to" "$sent" > "$OUT/kafka-streams-$trigger-$rate.json" &
            reader=$!
            measure "$SPARK_TOPIC" "$from" "$to" "$sent" > "$OUT/spark-$trigger-$rate.json"
            wait "$reader"
            # the 1-minute load average as the step ends: the machine is shared
            row=$(printf '%s\t%s\t%s\t%s' "$trigger" "$rate" "$sent" "$(cut -d' ' -f1 /proc/loadavg)")
            for engine in kafka-streams spark; do
                row+=$(jq -r '[.scored, .throughput, .p50Ms, .p99Ms, .p999Ms] | map(tostring) | "\t" + join("\t")' \
                    "$OUT/$engine-$trigger-$rate.json")
            done
            echo "$row" >> "$RESULTS"
            echo "$row" >&2
        done
        stop_spark
    done
    ./vigil stack down > /dev/null
}

if [ "$REPORT_ONLY" = false ]; then
    measure_all
fi

# p99 event-to-score latency by offered rate: a colour per Spark trigger interval, Spark solid, the
# Kafka Streams scorer measured beside it in the same steps dashed
{
    echo "set terminal pngcairo size 900,560 noenhanced font ',10'"
    echo "set output '$PLOT'"
    echo "set title 'Event-to-score latency p99, Kafka Streams vs Spark Structured Streaming (same input, same 2 cores)'"
    echo "set xlabel 'offered rate (transactions/s)'"
    echo "set ylabel 'p99 latency (ms), log scale'"
    echo "set logscale y"
    echo "set grid ytics"
    echo "set key below"
    echo "set datafile separator tab"
    echo "set datafile missing 'NaN'"
    plots=()
    colour=1
    for trigger in $(tail -n +2 "$RESULTS" | cut -f1 | uniq); do
        plots+=("'< grep -P \"^$trigger\\t\" $RESULTS' using 2:13 with linespoints lw 2 lc $colour pt 7 title 'Spark, trigger $trigger'")
        plots+=("'< grep -P \"^$trigger\\t\" $RESULTS' using 2:8 with linespoints lw 2 lc $colour dt 2 pt 6 title 'Kafka Streams, beside trigger $trigger'")
        colour=$((colour + 1))
    done
    (IFS=,; echo "plot ${plots[*]}")
} > "$OUT/streams-latency.gp"
gnuplot "$OUT/streams-latency.gp"

ratio() { # numerator denominator
    jq -rn --arg a "$1" --arg b "$2" \
        'if ($a == "NaN" or $b == "NaN" or ($b | tonumber) == 0) then "NaN" else ($a | tonumber) / ($b | tonumber) * 100 | round / 100 end'
}
echo "| Spark trigger | offered tx/s | sent | load avg | Kafka Streams: scored, tx/s, p50 / p99 / p99.9 ms | Spark: scored, tx/s, p50 / p99 / p99.9 ms | Spark ÷ Kafka Streams: throughput, p50, p99 |"
echo "|---|---:|---:|---:|---|---|---|"
tail -n +2 "$RESULTS" | while IFS=$'\t' read -r t o n load ksn kst ks50 ks99 ks999 spn spt sp50 sp99 sp999; do
    echo "| $t | $o | $n | $load | $ksn, $kst, $ks50 / $ks99 / $ks999 | $spn, $spt, $sp50 / $sp99 / $sp999 | $(ratio "$spt" "$kst"), $(ratio "$sp50" "$ks50"), $(ratio "$sp99" "$ks99") |"
done
echo >&2
echo "results: $RESULTS, plot: $PLOT" >&2
