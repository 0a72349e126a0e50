#!/usr/bin/env bash
# StreamDesk launcher: finds a JDK 21+, builds what is missing, and runs a subcommand.
# `./cs help` lists the subcommands.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CLASSPATH_FILE="$ROOT/compose/target/cs.classpath"
MAIN_CLASS="io.streamdesk.stack.StreamDeskCli"
MIN_JAVA=21

usage() {
  cat <<'EOF'
StreamDesk: an event-driven customer-service assistant on Apache Kafka.

Usage: ./cs <command> [options]        (./cs <command> --help for its options)

Run
  up               the local stack: embedded Kafka, every service, sample KB, chat page on :8080
  service NAME     one service against an external Kafka + registry (the compose deployment)
  topics           create the catalogue's topics on a cluster and report drift

Knowledge base
  index PATH...    index files or folders into the knowledge base (incremental)
  retrieval-eval   retrieval quality (hit@k, mrr, ndcg) and latency on an FAQ set
  embed-bench      encoder throughput, one by one and batched

Intents
  intent-train     train the intent classifier from labelled utterances
  intent-eval      train on one set, score another (accuracy, macro F1, out-of-scope)
  intent-bench     intent topology throughput next to the raw encoder

Retrieval
  retrieval-bench  retrieval topology cost per message next to the index's own hybrid search
  retrieval-calibrate
                   fit the relevance gate's thresholds on a labelled query set

Generation
  gen-bench        LLM decoding throughput and time to first token per concurrency

Channels
  ingest-key       make a channel's API key (--channel; prints the key once and its hash)
  ingest-admin-key make the /admin page's key (prints the key once and its hash)
  ingest-bench     HTTP ingest throughput and latency into Kafka
  bench-dispatch   reply dispatcher throughput and delivery latency against a local webhook

Pipeline and data
  bench            drive the whole pipeline through Kafka and report throughput and latency
  replay           re-run a time range of conversations through a shadow pipeline
  export           conversations as JSONL in the fine-tuning format, PII masked
  bench-hop        latency of one exactly-once Kafka hop (produce, transform, read_committed)
  text-bench       text pipeline (language, PII masking, sensitive words) throughput
  config-reference every configuration key of every service, with defaults (markdown)

Development
  test             run the test suite (./mvnw -B verify with a JDK 21+)
  build            build the launcher's classpath now (done on demand otherwise)
  java-home        print the JDK the launcher uses
  help             this text
EOF
}

java_major() { # prints the major version of the java binary $1, or nothing
  local v
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1)
  [[ -n "$v" ]] && echo "${v#1.}" || true
}

find_java_home() {
  local candidates=() d best="" best_v=0 v
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$d" ]] && candidates+=("$d")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in "${candidates[@]}"; do
    [[ -x "$d/bin/java" && -x "$d/bin/javac" ]] || continue
    v=$(java_major "$d/bin/java")
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    # JAVA_HOME wins when it is recent enough; otherwise take the newest JDK on the machine.
    if [[ "$d" == "${JAVA_HOME:-}" && "$v" -ge $MIN_JAVA ]]; then best="$d"; best_v=$v; break; fi
    if (( v > best_v )); then best="$d"; best_v=$v; fi
  done
  if [[ -z "$best" || "$best_v" -lt $MIN_JAVA ]]; then
    echo "StreamDesk needs a JDK $MIN_JAVA or newer, and none was found." >&2
    echo "Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /opt and the java on PATH." >&2
    echo "Install one (e.g. Temurin 21 or 25) or point JAVA_HOME at it." >&2
    exit 1
  fi
  echo "$best"
}

sources_newer_than() { # true when a pom or source file changed after $1
  [[ -f "$1" ]] || return 0
  [[ -n "$(find "$ROOT" -path "$ROOT/.git" -prune -o \( -name pom.xml -o -path '*/src/main/*' \) \
           -newer "$1" -type f -print -quit 2>/dev/null)" ]]
}

build_classpath() {
  echo "Building StreamDesk (first run or sources changed)..." >&2
  (cd "$ROOT" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package -pl compose -am \
     dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -DincludeScope=runtime >&2)
}

main() {
  local cmd="${1:-help}"
  case "$cmd" in
    help|-h|--help) usage; return 0 ;;
  esac

  JAVA_HOME="$(find_java_home)"
  export JAVA_HOME
  case "$cmd" in
    java-home) echo "$JAVA_HOME"; return 0 ;;
    test) shift; cd "$ROOT"; exec ./mvnw -B verify "$@" ;;
    build) build_classpath; return 0 ;;
  esac

  if sources_newer_than "$CLASSPATH_FILE"; then
    build_classpath
  fi
  # The classpath goes through an @argfile: ONNX Runtime crashes the JVM when the command line is
  # longer than about 4 KB, and ours is far longer.
  local argfile="$ROOT/compose/target/cs.args"
  if [[ ! -f "$argfile" || "$CLASSPATH_FILE" -nt "$argfile" ]]; then
    printf -- '-cp\n"%s"\n' "$ROOT/compose/target/classes:$(cat "$CLASSPATH_FILE")" > "$argfile"
  fi
  exec "$JAVA_HOME/bin/java" ${STREAMDESK_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector "@$argfile" "$MAIN_CLASS" "$@"
}

main "$@"
