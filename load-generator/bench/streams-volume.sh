#!/usr/bin/env bash
# Kafka Streams vs Spark Structured Streaming at volume (docs/benchmarks.md): each engine ALONE on the
# same input, with the same 100-tree GBT (realtime-scorer's test-bench BenchModel) and RocksDB state:
#
#   drain       a `transactions` topic pre-filled with --drain transactions; each engine started on it from
#               the beginning, alone: records/s until drained, CPU seconds per record (the engine process'
#               user + system time from /proc), sampled every second into drain-<engine>.tsv
#   ks-saturation, spark-saturation
#               offered rates rising (--ks-rates, --spark-rates), each for --duration s, produced straight to
#               `transactions` (load generator `run --target kafka`, open loop); per step the engine's
#               throughput and event-to-score latency (load generator `scores`); the steps stop at the first
#               one the engine does not keep up with (throughput below 90 % of the rate sent)
#   ks-latency, spark-latency
#               one rate (--latency-rate; auto: the highest offered rate both engines kept up with in this run's
#               saturation steps, so the saturation phases run first) for --duration s: Kafka Streams, then Spark at each --triggers,
#               then Spark's continuous trigger (spark-continuous, also a phase of its own: its error is kept in
#               spark-continuous.err; as it cannot run per-card state, the scoring without state, score-stream
#               --without-state, is measured continuously instead)
#   down        stops the stack (kept running between invocations otherwise, so phases can be run apart)
#
# Each engine keeps its state between phases (the scorer's application id and state directory, Spark's
# checkpoint), so an engine restarted first reads what the other one was measured on: each run starts with
# an unmeasured warm-up step at 500 tx/s, whose wait (up to 10 minutes) absorbs that catch-up; a latency
# step follows a second warm-up step at its own rate.
#
# Event-to-score latency = scoredAt - receivedAt of each transaction of the step, from the engine's output
# topic (receivedAt: when the load generator produced it; scoredAt: when the engine scored it, before its
# output is written). Throughput = the step's transactions / (last score - step start).
#
# Usage: load-generator/bench/streams-volume.sh [--phases "drain ks-saturation spark-saturation ks-latency spark-latency down"] [--drain 1000000]
#            [--cards 20000] [--ks-rates "1000 2000 4000"] [--spark-rates "1000 2000 4000 8000"] [--duration 45]
#            [--latency-rate auto|1500] [--triggers "0 1s"] [--out target/bench/streams-volume] [--plot docs/streams-volume.png]
#        --report-only: the tables and the plot again from OUT's TSVs
# Needs the packaged jars (./mvnw -B install -DskipTests), jq and gnuplot. Starts its own stack (no services) on
# the ports of VIGIL_*_PORT (local-stack/README.md) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

PHASES="drain ks-saturation spark-saturation ks-latency spark-latency down"
DRAIN=1000000
CARDS=20000
KS_RATES="1000 2000 4000"
SPARK_RATES="1000 2000 4000 8000"
DURATION=45
LATENCY_RATE=auto
TRIGGERS="0 1s"
OUT=target/bench/streams-volume
PLOT=docs/streams-volume.png
REPORT_ONLY=false
while [ $# -gt 0 ]; do
    case "$1" in
        --phases) PHASES=$2; shift 2 ;;
        --drain) DRAIN=$2; shift 2 ;;
        --cards) CARDS=$2; shift 2 ;;
        --ks-rates) KS_RATES=$2; shift 2 ;;
        --spark-rates) SPARK_RATES=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --latency-rate) LATENCY_RATE=$2; shift 2 ;;
        --triggers) TRIGGERS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --plot) PLOT=$2; shift 2 ;;
        --report-only) REPORT_ONLY=true; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

LOAD_GENERATOR_JAR=load-generator/target/vigil-load-generator.jar
SCORER_JAR=realtime-scorer/target/quarkus-app/quarkus-run.jar
SPARK_TOPIC=transaction-scores-spark
STEPS="$OUT/steps.tsv"
DRAINS="$OUT/drains.tsv"
# both engines run two workers: the scorer two stream threads, Spark local[2] with two state partitions
WORKERS=2
# the Spark job reads at most this many records per micro-batch while draining (bounded memory)
SPARK_MAX_BATCH=250000
TICK=$(getconf CLK_TCK)
mkdir -p "$OUT"

loadgen() {
    java -Xmx768m -jar "$LOAD_GENERATOR_JAR" "$@"
}

cpu_seconds() { # pid: user + system time of the process so far
    awk -v tick="$TICK" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$1/stat"
}

load1() {
    cut -d' ' -f1 /proc/loadavg
}

# --- the engines -------------------------------------------------------------------------------------------

SCORER_PORT=${VIGIL_BENCH_SCORER_PORT:-18083}

# VIGIL_SCORER_ALERT_CEILING=1: the alert-budget guard off. The benchmark's random model alerts on almost
# everything; with the guard on, the scorer refuses it after its first window and scores by the rules alone,
# doing less work per record than the Spark job, which has no guard and scores with the model throughout.
start_ks() {
    KAFKA_STREAMS_PROCESSING_GUARANTEE=at_least_once KAFKA_STREAMS_NUM_STREAM_THREADS=$WORKERS VIGIL_SCORER_ALERT_CEILING=1 \
        QUARKUS_KAFKA_STREAMS_APPLICATION_ID=vigil-scorer-volume QUARKUS_HTTP_PORT=$SCORER_PORT \
        VIGIL_SCORER_STATE_DIR="$OUT/scorer-state" \
        nohup java -Xmx384m -XX:+UseSerialGC -jar "$SCORER_JAR" > "$OUT/scorer.log" 2>&1 &
    echo $! > "$OUT/engine.pid"
    until curl -sf "127.0.0.1:$SCORER_PORT/q/health/ready" > /dev/null; do
        kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null || { echo "the scorer ended: $OUT/scorer.log" >&2; exit 1; }
        sleep 1
    done
}

ks_scored() {
    curl -s "127.0.0.1:$SCORER_PORT/q/metrics" | awk '/^vigil_scorer_scored_total\{/ { sum += $NF } END { printf "%d", sum }'
}

start_spark() { # trigger [extra options]: on the job's checkpoint, from the beginning when it is new
    start_spark_on "$OUT/spark-checkpoint" earliest "$@"
}

start_spark_on() { # checkpoint starting-offsets trigger [extra options]
    local checkpoint=$1 from=$2 trigger=$3 rerun=false
    # how to start it again should it end during a step (revive_spark)
    echo "${SPARK_SLOTS:-$WORKERS} $*" > "$OUT/spark.args"
    shift 3
    pending_batch "$checkpoint" && rerun=true
    SPARK_LOCAL_IP=127.0.0.1 nohup java @batch-trainer/jvm.options -Xmx3g "-Dspark.master=local[${SPARK_SLOTS:-$WORKERS}]" \
        "-Dspark.sql.shuffle.partitions=$WORKERS" \
        -cp "batch-trainer/target/classes:$(cat batch-trainer/target/trainer.classpath)" dev.vigil.trainer.TrainerCli \
        score-stream --trigger "$trigger" --checkpoint "$checkpoint" --output-topic "$SPARK_TOPIC" \
        --starting-offsets "$from" "$@" > "$OUT/spark.log" 2> "$OUT/spark.err" &
    echo $! > "$OUT/engine.pid"
    until grep -qs '^score-stream: transactions' "$OUT/spark.log"; do
        kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null || return 1
        sleep 1
    done
    if [ "$rerun" = true ]; then
        # Spark 4.1's Kafka source fails the progress report of a batch re-run after a restart (a null in its
        # metrics, SPARK-55271) after the batch is committed: once it has, the job starts cleanly
        until grep -qs 'rows since start' "$OUT/spark.log"; do
            if ! kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null; then
                echo "Spark failed re-running its last batch (SPARK-55271); starting it again" >&2
                start_spark_on "$checkpoint" "$from" "$trigger" "$@"
                return
            fi
            sleep 1
        done
    fi
}

# whether the checkpoint holds a planned batch that was not committed (the job was stopped during a batch)
pending_batch() { # checkpoint
    local planned committed
    planned=$(find "$1/offsets" -maxdepth 1 -regex '.*/[0-9]+' -printf '%f\n' 2> /dev/null | sort -n | tail -1)
    committed=$(find "$1/commits" -maxdepth 1 -regex '.*/[0-9]+' -printf '%f\n' 2> /dev/null | sort -n | tail -1)
    [ "$planned" != "$committed" ]
}

spark_scored() { # rows read by the micro-batches finished since the job started (their scores are written)
    { grep -o '[0-9]* rows since start' "$OUT/spark.log" || echo 0; } | tail -1 | cut -d' ' -f1
}

# Spark 4.1's Kafka source can also fail the progress report of the first batch after any restart
# (SPARK-55271): a Spark job that ended during a step is started again on its checkpoint, and said so
revive_spark() {
    [ -f "$OUT/spark.args" ] && [ -f "$OUT/engine.pid" ] || return 0
    kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null && return 0
    local slots args
    read -r slots args < "$OUT/spark.args"
    cp "$OUT/spark.err" "$OUT/spark-ended-$(date +%s).err"
    echo "Spark ended during a step ($(grep -m1 -o 'Exception[^$]*' "$OUT/spark.err" | cut -c1-120)); starting it again" >&2
    # shellcheck disable=SC2086
    SPARK_SLOTS=$slots start_spark_on $args || echo "Spark did not start again: $OUT/spark.err" >&2
}

stop_engine() {
    rm -f "$OUT/spark.args"
    if [ -f "$OUT/engine.pid" ]; then
        kill "$(cat "$OUT/engine.pid")" 2> /dev/null || true
        while kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null; do sleep 1; done
        rm -f "$OUT/engine.pid"
    fi
}

# --- the phases --------------------------------------------------------------------------------------------

stack_up() {
    if ! { [ -f "${VIGIL_STACK_DIR:-.vigil}/stack.env" ] && ./vigil stack status > /dev/null 2>&1; }; then
        ./vigil stack up > "$OUT/stack-up.log"
    fi
    # shellcheck disable=SC1091
    . "${VIGIL_STACK_DIR:-.vigil}/stack.env"
    export KAFKA_BOOTSTRAP_SERVERS APICURIO_REGISTRY_URL
    # no ingest here: the load generator tokenises with a key of its own, kept so every phase sees the same cards
    [ -s "$OUT/pan-token.key" ] || head -c 32 /dev/urandom | base64 > "$OUT/pan-token.key"
    VIGIL_PAN_TOKEN_KEY=$(cat "$OUT/pan-token.key")
    export VIGIL_PAN_TOKEN_KEY
    ./mvnw -B -q -o -pl realtime-scorer test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
    java -cp "realtime-scorer/target/test-classes:$(cat realtime-scorer/target/test-classpath.txt)" \
        dev.vigil.scorer.bench.BenchModel "$KAFKA_BOOTSTRAP_SERVERS" "$APICURIO_REGISTRY_URL" >&2
}

# one engine from the start of the pre-filled topic until it has scored it all: one line per second
drain() { # engine count-function
    local engine=$1 counter=$2 start now count cpu pid
    start=$(date +%s%3N)
    pid=$(cat "$OUT/engine.pid")
    printf 'ms_since_start\tscored\tcpu_s\tload1\n' > "$OUT/drain-$engine.tsv"
    count=0
    while [ "$count" -lt "$DRAIN" ]; do
        kill -0 "$pid" 2> /dev/null || { echo "$engine ended while draining" >&2; exit 1; }
        sleep 1
        count=$($counter)
        now=$(date +%s%3N)
        cpu=$(cpu_seconds "$pid")
        printf '%d\t%d\t%s\t%s\n' $((now - start)) "$count" "$cpu" "$(load1)" >> "$OUT/drain-$engine.tsv"
    done
    # steady rate: from the first sample past 10 % (start-up and JIT warm-up excluded) to the end
    awk -F'\t' -v engine="$engine" -v n="$DRAIN" 'NR > 1 {
            if (!t0 && $2 >= n / 10) { t0 = $1; c0 = $2; u0 = $3 }
            t = $1; c = $2; u = $3; load += $4; samples++
        } END {
            printf "%s\t%d\t%.1f\t%.0f\t%.1f\t%.0f\t%.1f\t%.1f\n", engine, c, t / 1000, c / (t / 1000), u,
                (c - c0) / ((t - t0) / 1000), (u - u0) * 1e6 / (c - c0), load / samples
        }' "$OUT/drain-$engine.tsv" >> "$DRAINS"
    tail -1 "$DRAINS" >&2
}

run_drain() {
    printf 'engine\tscored\twall_s\trecords_per_s\tcpu_s\tsteady_records_per_s\tsteady_cpu_us_per_record\tload1_mean\n' > "$DRAINS"
    rm -rf "$OUT/scorer-state" "$OUT/spark-checkpoint"
    echo "== pre-filling transactions with $DRAIN ($(load1))" >&2
    loadgen run --target kafka --rate 50000 --count "$DRAIN" --banks 1 --cards "$CARDS" --history 0 --seed 42 \
        --label-delay 1s > "$OUT/prefill.out" 2>&1
    tail -3 "$OUT/prefill.out" >&2
    echo "== draining with Kafka Streams" >&2
    start_ks
    drain kafka-streams ks_scored
    stop_engine
    echo "== draining with Spark" >&2
    start_spark 0 --max-offsets-per-trigger "$SPARK_MAX_BATCH" || { echo "Spark did not start: $OUT/spark.err" >&2; exit 1; }
    drain spark spark_scored
    stop_engine
}

# one step: the load generator at a rate for DURATION seconds; prints "from to sent"
send() { # rate name
    local from to
    from=$(date +%s%3N)
    loadgen run --target kafka --rate "$1" --duration "${DURATION}s" --banks 1 --cards "$CARDS" --history 0 \
        --seed 42 --label-delay 1s --report-json "$OUT/report-$2.json" > "$OUT/load-generator-$2.out" 2>&1
    to=$(date +%s%3N)
    echo "$from $to $(jq -r .accepted "$OUT/report-$2.json")"
}

# one measured step of the engine running now; appends a row to steps.tsv and prints the throughput ratio
step() { # phase engine trigger topic rate
    local from to sent name=$1-$2-$3-$5 load
    read -r from to sent < <(send "$5" "$name")
    load=$(load1)
    local wait=300 idle=60
    # a warm-up also waits for the engine to catch up with what it has not read yet
    [ "$1" = warm-up ] && wait=600 idle=300
    loadgen scores --topic "$4" --from "$from" --to "$to" --expect "$sent" --wait "$wait" --idle "$idle" \
        > "$OUT/$name.json" 2>> "$OUT/scores.err" &
    local reader=$!
    while kill -0 "$reader" 2> /dev/null; do
        revive_spark
        sleep 2
    done
    wait "$reader" || true
    jq -r --arg phase "$1" --arg engine "$2" --arg trigger "$3" --arg rate "$5" --arg sent "$sent" \
        --arg seconds "$(((to - from) / 1000))" --arg load "$load" \
        '[$phase, $engine, $trigger, $rate, $sent, (($sent | tonumber) / ($seconds | tonumber) | round),
          .scored, .throughput, .p50Ms, .p99Ms, .p999Ms, .maxMs, $load] | map(tostring) | join("\t")' \
        "$OUT/$name.json" | tee -a "$STEPS" >&2
    jq -rn --slurpfile r "$OUT/$name.json" --arg sent "$sent" --arg seconds "$(((to - from) / 1000))" \
        'if ($r[0].throughput | type) == "number" then $r[0].throughput / (($sent | tonumber) / ($seconds | tonumber)) else 0 end'
}

# rising rates until the engine keeps up with less than 90 % of what was sent
rise() { # engine trigger topic rates
    local rate kept
    for rate in $4; do
        kept=$(step saturation "$1" "$2" "$3" "$rate")
        if jq -en --arg k "$kept" '($k | tonumber) < 0.9' > /dev/null; then
            echo "$1 falls behind at $rate tx/s (kept up with $kept of the rate sent)" >&2
            return
        fi
    done
}

run_ks-saturation() {
    echo "== saturation, Kafka Streams" >&2
    start_ks
    step warm-up kafka-streams - transaction-scores 500 > /dev/null
    rise kafka-streams - transaction-scores "$KS_RATES"
    stop_engine
}

run_spark-saturation() {
    echo "== saturation, Spark (trigger 0)" >&2
    start_spark 0 --max-offsets-per-trigger "$SPARK_MAX_BATCH"
    step warm-up spark 0 "$SPARK_TOPIC" 500 > /dev/null
    rise spark 0 "$SPARK_TOPIC" "$SPARK_RATES"
    stop_engine
}

# the highest offered rate of this run's saturation steps the engine kept up with (90 % of the rate sent)
kept_up_to() { # engine trigger
    awk -F'\t' -v engine="$1" -v trigger="$2" '$1 == "saturation" && $2 == engine && $3 == trigger \
        && $8 != "null" && $8 >= 0.9 * $6 && $4 > best { best = $4 } END { print best + 0 }' "$STEPS"
}

resolve_latency_rate() {
    [ "$LATENCY_RATE" = auto ] || return 0
    local ks spark
    ks=$(kept_up_to kafka-streams -)
    spark=$(kept_up_to spark 0)
    LATENCY_RATE=$((ks < spark ? ks : spark))
    if [ "$LATENCY_RATE" -eq 0 ]; then
        echo "--latency-rate auto needs saturation steps both engines kept up with in $STEPS" >&2
        exit 1
    fi
    echo "latency rate: $LATENCY_RATE tx/s (kept up with: Kafka Streams $ks, Spark $spark)" >&2
}

# before a latency step: catch up at 500 tx/s with what the other engine was measured on, then settle at the
# measured rate (a step right after a catch-up of millions of records measures the catch-up's after-effects)
warm_up() { # engine trigger topic
    step warm-up "$1" "$2" "$3" 500 > /dev/null
    step warm-up "$1" "$2" "$3" "$LATENCY_RATE" > /dev/null
}

run_ks-latency() {
    resolve_latency_rate
    echo "== latency at $LATENCY_RATE tx/s, Kafka Streams" >&2
    start_ks
    warm_up kafka-streams - transaction-scores
    step latency kafka-streams - transaction-scores "$LATENCY_RATE" > /dev/null
    stop_engine
}

run_spark-latency() {
    resolve_latency_rate
    echo "== latency at $LATENCY_RATE tx/s, Spark" >&2
    for trigger in $TRIGGERS; do
        start_spark "$trigger" --max-offsets-per-trigger "$SPARK_MAX_BATCH"
        warm_up spark "$trigger" "$SPARK_TOPIC"
        step latency spark "$trigger" "$SPARK_TOPIC" "$LATENCY_RATE" > /dev/null
        stop_engine
    done
    run_spark-continuous
}

# Spark's continuous trigger: the job with per-card state fails (the query starts, then stops with Spark's
# reason, kept in spark-continuous.err); what it can run, the scoring without state, is measured instead
run_spark-continuous() {
    echo "== Spark, continuous trigger" >&2
    start_spark 1s --continuous || true
    # the query is analysed once started: give it a minute to fail
    local waited=0
    while [ $waited -lt 60 ] && kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null; do
        sleep 1
        waited=$((waited + 1))
    done
    if kill -0 "$(cat "$OUT/engine.pid")" 2> /dev/null; then
        step latency spark continuous "$SPARK_TOPIC" "$LATENCY_RATE" > /dev/null
        stop_engine
        return
    fi
    rm -f "$OUT/engine.pid"
    cp "$OUT/spark.err" "$OUT/spark-continuous.err"
    grep -m1 'AnalysisException' "$OUT/spark-continuous.err" >&2 || true
    # from the topic's end, on a checkpoint of its own; a continuous task runs for good on each of the topic's 6
    # partitions, so it needs 6 task slots (threads on the same 2 cores), or 4 partitions are never read
    rm -rf "$OUT/spark-without-state-checkpoint"
    SPARK_SLOTS=6 start_spark_on "$OUT/spark-without-state-checkpoint" latest 1s --continuous --without-state
    warm_up spark continuous-without-state "$SPARK_TOPIC"
    step latency spark continuous-without-state "$SPARK_TOPIC" "$LATENCY_RATE" > /dev/null
    stop_engine
}

run_latency() {
    run_ks-latency
    run_spark-latency
}

run_down() {
    ./vigil stack down > /dev/null
}

if [ "$REPORT_ONLY" = false ]; then
    trap stop_engine EXIT
    [ -f "$STEPS" ] || printf 'phase\tengine\ttrigger\toffered\tsent\tsent_per_s\tscored\tthroughput\tp50_ms\tp99_ms\tp999_ms\tmax_ms\tload1\n' > "$STEPS"
    stack_up
    for phase in $PHASES; do
        "run_$phase"
    done
fi

# p99 event-to-score latency against the throughput each engine achieved, every measured step with state
series() { # engine trigger: "throughput p99" rows, by throughput
    awk -F'\t' -v engine="$1" -v trigger="$2" '$1 != "warm-up" && $2 == engine && $3 == trigger { print $8, $10 }' \
        "$STEPS" | sort -n > "$OUT/series-$1-$2.dat"
    echo "$OUT/series-$1-$2.dat"
}
{
    echo "set terminal pngcairo size 900,560 noenhanced font ',10'"
    echo "set output '$PLOT'"
    echo "set title 'p99 event-to-score latency vs achieved throughput, each engine alone (same input, same 2 shared cores)'"
    echo "set xlabel 'achieved throughput (transactions/s)'"
    echo "set ylabel 'p99 latency (ms), log scale'"
    echo "set logscale y"
    echo "set yrange [100:*]"
    echo "set grid"
    echo "set key top left"
    # points, not lines: steps ran at different loads, and a saturated step can achieve less than the one before
    echo "plot '$(series kafka-streams -)' using 1:2 with points ps 2 pt 7 title 'Kafka Streams', \\"
    echo "     '$(series spark 0)' using 1:2 with points ps 2 pt 5 title 'Spark, trigger 0', \\"
    echo "     '$(series spark 1s)' using 1:2 with points ps 2 pt 9 title 'Spark, trigger 1 s', \\"
    echo "     '$(series spark continuous-without-state)' using 1:2 with points ps 2 pt 11 title 'Spark continuous, without per-card state'"
} > "$OUT/streams-volume.gp"
gnuplot "$OUT/streams-volume.gp"

echo "| engine | scored | wall s (start to drained) | records/s | CPU s | records/s after the first 10 % | CPU µs per record after the first 10 % | load average (mean) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
tail -n +2 "$DRAINS" 2> /dev/null | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
echo
echo "| phase | engine | trigger | offered tx/s | sent | sent/s | scored | throughput tx/s | p50 / p99 / p99.9 / max ms | load average |"
echo "|---|---|---|---:|---:|---:|---:|---:|---|---:|"
tail -n +2 "$STEPS" | awk -F'\t' '$1 != "warm-up" { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s | %s |\n",
    $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 }'
# the summary line: each engine's saturation (the throughput of the last step it kept up with) and the p99 of
# both at the latency rate (Spark's best trigger)
awk -F'\t' '
    $1 == "saturation" && $8 != "null" && $8 >= 0.9 * $6 {
        key = $2 == "kafka-streams" ? "ks" : "spark"
        if ($4 > offered[key]) { offered[key] = $4; saturation[key] = $8 }
    }
    $1 == "latency" && $3 != "continuous-without-state" {
        key = $2 == "kafka-streams" ? "ks" : "spark"
        if (!(key in p99) || $10 < p99[key]) { p99[key] = $10; rate = $4 }
    }
    END {
        if (("ks" in saturation) && ("spark" in saturation) && ("ks" in p99) && ("spark" in p99))
            printf "streams vs spark: saturation %d vs %d records/s; p99 at %d tx/s: %d ms vs %d ms\n",
                saturation["ks"], saturation["spark"], rate, p99["ks"], p99["spark"]
    }' "$STEPS"
echo "results: $DRAINS, $STEPS, plot: $PLOT" >&2
