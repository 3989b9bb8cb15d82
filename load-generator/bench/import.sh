#!/usr/bin/env bash
# Throughput of `load-generator import` (docs/benchmarks.md): generates a CSV of history shaped like
# the Fraud Detection Handbook's (5,000 customers, 10,000 terminals, 183 days from 2018-04-01, about
# 1 % fraud, 1 % zero amounts, 5 % of amounts with float artefacts such as 85.64999999999999), then
# imports it with a 7-day label delay and prints the summary line with the load average around it.
#
# Usage: load-generator/bench/import.sh [ROWS (default 1000000)] [DIR (default target/bench-import)]
# Needs a broker and registry (KAFKA_BOOTSTRAP_SERVERS, APICURIO_REGISTRY_URL, e.g. `. .vigil/stack.env`),
# VIGIL_PAN_TOKEN_KEY, and the packaged jar (./mvnw -B -pl load-generator -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${1:-1000000}"
DIR="${2:-load-generator/target/bench-import}"
mkdir -p "$DIR"
CSV="$DIR/history-$ROWS.csv"

if [ ! -s "$CSV" ]; then
  awk -v rows="$ROWS" 'BEGIN {
    srand(42)
    start = 1522540800              # 2018-04-01T00:00:00Z
    span = 183 * 86400
    print "TRANSACTION_ID,TX_DATETIME,CUSTOMER_ID,TERMINAL_ID,TX_AMOUNT,TX_FRAUD"
    for (i = 0; i < rows; i++) {
      t = start + int(span * i / rows)
      amount = rand() < 0.01 ? 0 : 1 + rand() * 199
      text = rand() < 0.05 ? sprintf("%.14f", amount) : sprintf("%.2f", amount)
      printf "%d,%s,%d,%d,%s,%d\n", i, strftime("%Y-%m-%d %H:%M:%S", t, 1), int(rand() * 5000),
        int(rand() * 10000), text, rand() < 0.01 ? 1 : 0
    }
  }' > "$CSV"
fi

echo "before: $(uptime)" >&2
java -jar load-generator/target/vigil-load-generator.jar import --csv "$CSV" \
    --id-column TRANSACTION_ID --timestamp-column TX_DATETIME --card-column CUSTOMER_ID \
    --merchant-column TERMINAL_ID --amount-column TX_AMOUNT --label-column TX_FRAUD --label-delay 7d \
    --id-prefix "bench-$(date +%s)-" 2> "$DIR/progress.txt"
echo "after: $(uptime)" >&2
