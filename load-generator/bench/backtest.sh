#!/usr/bin/env bash
# The backtest (docs/detection.md): a dataset replayed in event time through the real stack and the
# packaged scorer, with the batch layer run as of event-time points, measured on the scorer's own
# scores. The same code that serves is the code that is measured.
#
#   1. a fresh stack (Kafka, registry, PostgreSQL, Prometheus) in <out>/stack and the packaged scorer
#   2. the history before the reference time imported straight to Kafka (original event times;
#      labels at their own time: event time + --label-delay), scored live by the scorer
#   3. at the reference time: archive, merchant risk and a training run (windows as given); the
#      scorer picks the published model up live
#   4. the test window, a risk interval at a time (a day by default): import the interval, wait until
#      it is scored, archive, publish merchant risk as of the next interval's start (so each interval is
#      scored with the risk of its own start, as the trainer folds it with --risk-interval)
#   5. the labels of the test window mature (--label-delay more of the dataset is imported)
#   6. the trainer scores the test window offline with the published model, and backtest-report
#      compares the live scores with it and measures them against the labels
#
# Usage: load-generator/bench/backtest.sh [options]   (./vigil backtest builds first, then runs this)
#   --customers 5000 --terminals 10000 --days 183 --start 2018-04-01 --seed 0   the Handbook world
#   --compromised-terminals-per-day 2 --compromised-customers-per-day 3           (fewer for a smaller world)
#   --csv FILE --columns "--id-column id --timestamp-column ..."                  or a dataset of your own
#   --reference 2018-08-08T00:00:00Z   training run and start of the test window
#   --test-days 7                      length of the test window
#   --import-from ISO                  first event time imported (default: the dataset's start)
#   --train-window 7d --delay-window 7d --validation-window 7d --label-delay 7d --risk-interval 1d --min-frauds 20
#   --k 100  --name "handbook protocol"  --out target/backtest  --keep (leave the stack and scorer running)
# Ports: VIGIL_KAFKA_PORT (29092), VIGIL_KAFKA_CONTROLLER_PORT, VIGIL_KAFKA_METRICS_PORT (29404), VIGIL_REGISTRY_PORT (28081),
# VIGIL_REGISTRY_MANAGEMENT_PORT (29081), VIGIL_PG_PORT (25432), VIGIL_PG_EXPORTER_PORT (29187), VIGIL_PROMETHEUS_PORT (29090),
# VIGIL_BACKTEST_SCORER_PORT (28083): apart from
# the demo stack's, so a running demo is left alone.
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=5000; TERMINALS=10000; DAYS=183; START=2018-04-01; SEED=0; TERMINALS_PER_DAY=2; CUSTOMERS_PER_DAY=3
CSV=""; COLUMNS=""
REFERENCE=2018-08-08T00:00:00Z; TEST_DAYS=7; IMPORT_FROM=""
TRAIN_WINDOW=7d; DELAY_WINDOW=7d; VALIDATION_WINDOW=7d; LABEL_DELAY=7d; RISK_INTERVAL=1d; MIN_FRAUDS=20
K=100; NAME="handbook protocol"; OUT=target/backtest; KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --customers) CUSTOMERS=$2; shift 2 ;;
        --terminals) TERMINALS=$2; shift 2 ;;
        --days) DAYS=$2; shift 2 ;;
        --start) START=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --compromised-terminals-per-day) TERMINALS_PER_DAY=$2; shift 2 ;;
        --compromised-customers-per-day) CUSTOMERS_PER_DAY=$2; shift 2 ;;
        --csv) CSV=$2; shift 2 ;;
        --columns) COLUMNS=$2; shift 2 ;;
        --reference) REFERENCE=$2; shift 2 ;;
        --test-days) TEST_DAYS=$2; shift 2 ;;
        --import-from) IMPORT_FROM=$2; shift 2 ;;
        --train-window) TRAIN_WINDOW=$2; shift 2 ;;
        --delay-window) DELAY_WINDOW=$2; shift 2 ;;
        --validation-window) VALIDATION_WINDOW=$2; shift 2 ;;
        --label-delay) LABEL_DELAY=$2; shift 2 ;;
        --risk-interval) RISK_INTERVAL=$2; shift 2 ;;
        --min-frauds) MIN_FRAUDS=$2; shift 2 ;;
        --k) K=$2; shift 2 ;;
        --name) NAME=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        *) echo "backtest: unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
done

LOAD_GENERATOR_JAR=load-generator/target/vigil-load-generator.jar
SCORER_JAR=realtime-scorer/target/quarkus-app/quarkus-run.jar
TRAINER_CLASSPATH=batch-trainer/target/trainer.classpath
for built in "$LOAD_GENERATOR_JAR" "$SCORER_JAR" "$TRAINER_CLASSPATH"; do
    [ -f "$built" ] || { echo "backtest: $built is missing: build first (./vigil backtest does)" >&2; exit 2; }
done

OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
DATA=$OUT/data
mkdir -p "$OUT/logs"
export VIGIL_STACK_DIR=$OUT/stack
export VIGIL_KAFKA_PORT=${VIGIL_KAFKA_PORT:-29092} VIGIL_KAFKA_CONTROLLER_PORT=${VIGIL_KAFKA_CONTROLLER_PORT:-29093}
export VIGIL_REGISTRY_PORT=${VIGIL_REGISTRY_PORT:-28081} VIGIL_REGISTRY_MANAGEMENT_PORT=${VIGIL_REGISTRY_MANAGEMENT_PORT:-29081}
export VIGIL_PG_PORT=${VIGIL_PG_PORT:-25432}
export VIGIL_KAFKA_METRICS_PORT=${VIGIL_KAFKA_METRICS_PORT:-29404} VIGIL_PG_EXPORTER_PORT=${VIGIL_PG_EXPORTER_PORT:-29187}
export VIGIL_PROMETHEUS_PORT=${VIGIL_PROMETHEUS_PORT:-29090}
SCORER_PORT=${VIGIL_BACKTEST_SCORER_PORT:-28083}
SCORER_METRICS=http://127.0.0.1:$SCORER_PORT/q/metrics

log() { echo "backtest $(date -u +%H:%M:%S): $*" >&2; }
fail() { echo "backtest: $*" >&2; exit 1; }
plus_days() { date -u -d "$1 + $2 days" +%Y-%m-%dT%H:%M:%SZ; }
plus_seconds() { date -u -d "$1 + $2 seconds" +%Y-%m-%dT%H:%M:%SZ; }
duration_days() { # 7d -> 7; the windows are whole days
    [[ $1 =~ ^([0-9]+)d$ ]] || fail "$2 must be whole days here (e.g. 7d), not $1"
    echo "${BASH_REMATCH[1]}"
}
interval_seconds() { # 1d, 6h, 30m -> seconds: merchant risk's step, a whole divisor of a day as the trainer's
    [[ $1 =~ ^([0-9]+)([dhm])$ ]] || fail "--risk-interval must be like 1d, 6h or 30m here, not $1"
    local seconds
    case ${BASH_REMATCH[2]} in
        d) seconds=$((BASH_REMATCH[1] * 86400)) ;;
        h) seconds=$((BASH_REMATCH[1] * 3600)) ;;
        m) seconds=$((BASH_REMATCH[1] * 60)) ;;
    esac
    [ "$seconds" -gt 0 ] && [ $((86400 % seconds)) = 0 ] || fail "--risk-interval must divide a day, not $1"
    echo "$seconds"
}

# the dataset: the Handbook world (cached by its parameters) or the given CSV
if [ -z "$CSV" ]; then
    CSV=target/backtest-worlds/handbook-c$CUSTOMERS-t$TERMINALS-d$DAYS-$START-s$SEED-ct$TERMINALS_PER_DAY-cc$CUSTOMERS_PER_DAY.csv
    if [ ! -f "$CSV" ]; then
        mkdir -p "$(dirname "$CSV")"
        log "making the Handbook world ($CUSTOMERS customers, $TERMINALS terminals, $DAYS days from $START, seed $SEED)"
        java -Xmx2g -jar "$LOAD_GENERATOR_JAR" handbook --out "$CSV.tmp" --customers "$CUSTOMERS" --terminals "$TERMINALS" \
            --days "$DAYS" --start "$START" --seed "$SEED" --compromised-terminals-per-day "$TERMINALS_PER_DAY" \
            --compromised-customers-per-day "$CUSTOMERS_PER_DAY" >&2
        mv "$CSV.tmp" "$CSV"
    fi
    COLUMNS="--id-column TRANSACTION_ID --timestamp-column TX_DATETIME --card-column CUSTOMER_ID --merchant-column TERMINAL_ID --amount-column TX_AMOUNT --label-column TX_FRAUD"
    SCENARIOS=(--scenarios "$CSV")
    IMPORT_FROM=${IMPORT_FROM:-${START}T00:00:00Z}
else
    [ -n "$COLUMNS" ] || fail "--csv needs --columns (the import's column options)"
    [ -n "$IMPORT_FROM" ] || fail "--csv needs --import-from (the first event time to import)"
    SCENARIOS=()
fi
TEST_TO=$(plus_days "$REFERENCE" "$TEST_DAYS")
RISK_STEP=$(interval_seconds "$RISK_INTERVAL")
MATURED=$(plus_days "$TEST_TO" "$(( $(duration_days "$LABEL_DELAY" --label-delay) + 1 ))")

# a fresh stack and scorer, stopped at the end unless --keep
./vigil stack down > /dev/null 2>&1 || true
rm -rf "$VIGIL_STACK_DIR" "$DATA"
log "starting a fresh stack in $VIGIL_STACK_DIR"
./vigil stack up > "$OUT/logs/stack-up.log"
# shellcheck disable=SC1091
. "$VIGIL_STACK_DIR/stack.env"
# a key of this run's own: the import is the only writer of card tokens here
VIGIL_PAN_TOKEN_KEY=$(head -c 32 /dev/urandom | base64 -w0)
export VIGIL_PAN_TOKEN_KEY
export VIGIL_HISTORY_DIR=$DATA/history VIGIL_ARCHIVE_CHECKPOINTS=$DATA/archive-checkpoints
export VIGIL_MODELS_DIR=$DATA/models VIGIL_REPORTS_DIR=$OUT/reports
export VIGIL_TRAINER_JDBC_URL=jdbc:postgresql://127.0.0.1:$VIGIL_PG_PORT/vigil

SCORER_PID=""
cleanup() {
    if [ "$KEEP" = 1 ]; then
        log "left running (--keep): the stack (VIGIL_STACK_DIR=$VIGIL_STACK_DIR ./vigil stack down) and the scorer (pid $SCORER_PID)"
        return
    fi
    [ -n "$SCORER_PID" ] && kill "$SCORER_PID" 2> /dev/null && wait "$SCORER_PID" 2> /dev/null || true
    ./vigil stack down > /dev/null 2>&1 || true
}
trap cleanup EXIT
# the backtest measures the published model as it is: the scorer's live alert-budget guard, which
# would refuse a model alerting on more than 5 % and swap it mid-measurement, only stops a model that
# alerts on nearly everything here
VIGIL_SCORER_STATE_DIR=$DATA/scorer QUARKUS_HTTP_PORT=$SCORER_PORT \
    VIGIL_SCORER_ALERT_CEILING=${VIGIL_BACKTEST_ALERT_CEILING:-0.99} \
    java -Xmx1g -jar "$SCORER_JAR" > "$OUT/logs/realtime-scorer.log" 2>&1 &
SCORER_PID=$!
until curl -sf "127.0.0.1:$SCORER_PORT/q/health/ready" > /dev/null; do
    kill -0 "$SCORER_PID" 2> /dev/null || fail "the scorer stopped; see $OUT/logs/realtime-scorer.log"
    sleep 1
done

trainer() {
    SPARK_LOCAL_IP=127.0.0.1 java @batch-trainer/jvm.options "-Xmx${VIGIL_TRAINER_HEAP:-3g}" \
        -cp "batch-trainer/target/classes:$(cat "$TRAINER_CLASSPATH")" dev.vigil.trainer.TrainerCli "$@" \
        2>> "$OUT/logs/batch-trainer.log"
}

scorer_counter() { # the sum of the scorer's counters matching a name
    curl -s "$SCORER_METRICS" | awk -v name="$1" '$1 ~ "^" name "(\\{|$)" { s += $NF } END { printf "%d", s }'
}

IMPORTED=0
import_slice() { # [from, until): transactions by event time, labels by their own time
    local out
    out=$(java -jar "$LOAD_GENERATOR_JAR" import --csv "$CSV" $COLUMNS --label-delay "$LABEL_DELAY" \
        --from "$1" --until "$2" --on-bad-row skip 2>> "$OUT/logs/import.log")
    log "$1 .. $2: $out"
    IMPORTED=$((IMPORTED + $(sed -n 's/^imported: \([0-9]*\) transactions.*/\1/p' <<< "$out")))
}

wait_scored() { # until the scorer has taken every imported transaction (scored, a duplicate or dead-lettered)
    local taken last=-1 still=0
    while true; do
        taken=$(( $(scorer_counter vigil_scorer_scored_total) + $(scorer_counter vigil_scorer_duplicates_total) \
            + $(scorer_counter vigil_scorer_dead_letters_total) ))
        [ "$taken" -ge "$IMPORTED" ] && return
        if [ "$taken" = "$last" ]; then
            still=$((still + 1))
            [ "$still" -lt 120 ] || fail "the scorer took $taken of $IMPORTED transactions and stopped moving"
        else
            still=0
        fi
        last=$taken
        sleep 1
    done
}

RISKS=0
publish_risk() { # archive, then merchant risk as of $1; waits until the scorer has applied it
    local out published
    out=$(trainer merchant-risk --archive --reference-time "$1" --label-delay "$LABEL_DELAY" --risk-interval "$RISK_INTERVAL")
    log "$out"
    published=$(sed -n 's/^merchant-risk: published \([0-9]*\) records.*/\1/p' <<< "$out")
    RISKS=$((RISKS + published))
    until [ "$(scorer_counter vigil_scorer_merchant_risk_applied_total)" -ge "$RISKS" ]; do sleep 1; done
}

# 2. the history before the reference time
import_slice "$IMPORT_FROM" "$REFERENCE"
wait_scored
log "the scorer has scored $IMPORTED transactions"

# 3. the batch layer as of the reference time
publish_risk "$REFERENCE"
TRAIN_OUT=$OUT/train.out
status=0
trainer train --reference-time "$REFERENCE" --train-window "$TRAIN_WINDOW" --delay-window "$DELAY_WINDOW" \
    --test-window "$VALIDATION_WINDOW" --label-delay "$LABEL_DELAY" --risk-interval "$RISK_INTERVAL" \
    --min-frauds "$MIN_FRAUDS" > "$TRAIN_OUT" || status=$?
cat "$TRAIN_OUT" >&2
[ "$status" = 0 ] || fail "the training run did not train (exit status $status; $OUT/logs/batch-trainer.log)"
grep -q '^published: yes' "$TRAIN_OUT" || fail "the gate published no model: nothing for the scorer to be measured with"
VERSION=$(sed -n 's/^best: \([^ ]*\) .*/\1/p' "$TRAIN_OUT")
# grep reads the whole page (grep -q would stop early, fail curl and, under pipefail, the test)
until curl -s "$SCORER_METRICS" | grep "^vigil_scorer_model{.*version=\"$VERSION\"" > /dev/null; do sleep 1; done
log "the scorer scores with $VERSION"

# 4. the test window, a risk interval at a time, merchant risk as of each interval's start
at=$REFERENCE
while [ "$(date -u -d "$at" +%s)" -lt "$(date -u -d "$TEST_TO" +%s)" ]; do
    next=$(plus_seconds "$at" "$RISK_STEP")
    import_slice "$at" "$next"
    wait_scored
    publish_risk "$next"
    at=$next
done

# 5. the test window's labels mature; 6. offline scores, then the report
import_slice "$TEST_TO" "$MATURED"
wait_scored
log "$(trainer archive --once)"
trainer score --model-version "$VERSION" --from "$REFERENCE" --to "$TEST_TO" --risk-interval "$RISK_INTERVAL" \
    --out "$OUT/offline-scores.csv" >&2
# the published test set: cards with a fraud known since the start of the published model's training window
KNOWN_FROM=$(plus_days "$REFERENCE" "-$(( $(duration_days "$DELAY_WINDOW" --delay-window) + $(duration_days "$TRAIN_WINDOW" --train-window) ))")
java -jar "$LOAD_GENERATOR_JAR" backtest-report --from "$REFERENCE" --to "$TEST_TO" --k "$K" --name "$NAME" \
    --known-compromised-from "$KNOWN_FROM" \
    --offline "$OUT/offline-scores.csv" "${SCENARIOS[@]}" --out "$OUT" | tee "$OUT/summary.txt"

log "report: $OUT/report.md, $OUT/report.json, $OUT/pr-curve.png"
