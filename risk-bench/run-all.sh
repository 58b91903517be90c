#!/usr/bin/env bash
# Runs every benchmark of docs/PERFORMANCE.md with the settings its figures use — 10 to 15 minutes
# on 2 quiet cores — and writes each one's output (text, and JSON for the JMH ones) and the machine
# to risk-bench/results/<UTC time>/ (or $OUT). Extra JMH options go in $JMH_ARGS, e.g.
# JMH_ARGS="-wi 1 -i 1" for a quick look; VELOCITY_NUMBERS (default 1000000) and REPLAY_USERS
# (default 212000: 1.0 million charges) size the two programs. Run it on a machine doing nothing else.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="${OUT:-$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"

echo "building the benchmarks jar ..." >&2
mvn -B -q -f "$ROOT/pom.xml" -DskipTests package >&2
# A copy, so that a rebuild during the run cannot pull the jar from under the running JVMs.
JAR="$OUT/benchmarks.jar"
cp "$HERE/target/benchmarks.jar" "$JAR"

{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "cores: $(nproc)"; echo "load: $(cat /proc/loadavg 2>/dev/null || uptime)";
  java -version 2>&1; echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"; } > "$OUT/machine.txt"
cat "$OUT/machine.txt"

jmh() { # name, then JMH arguments
  local name=$1; shift
  echo; echo "== $name: java -jar risk-bench/target/benchmarks.jar $* ${JMH_ARGS:-}"
  # shellcheck disable=SC2086
  java -jar "$JAR" "$@" ${JMH_ARGS:-} -rf json -rff "$OUT/$name.json" > "$OUT/$name.txt" 2>&1
  sed -n '/^Benchmark /,$p' "$OUT/$name.txt"
}

jmh check CheckBenchmark -prof gc                  # 1, 2: end to end, Drools and hand-written, 1 and 2 threads
jmh evaluate EvaluateBenchmark -prof gc            # 3: rule evaluation alone
jmh build RuleSetBuildBenchmark -wi 0 -i 10 -f 2   # 4: rule-set build, cold (first shot of a fork) and warm
jmh reload ReloadBenchmark                         # 4: first 1,000 checks after a reload vs steady state

echo; echo "== paired ratio: java -Xms1g -Xmx1g -cp risk-bench/target/benchmarks.jar io.tollgate.bench.PairedRatio 4000 30 40"
java -Xms1g -Xmx1g -cp "$JAR" io.tollgate.bench.PairedRatio 4000 30 40 | tee "$OUT/paired.txt"          # 2, by CPU time

NUMBERS="${VELOCITY_NUMBERS:-1000000}"
echo; echo "== velocity memory: java -Xmx8g -cp risk-bench/target/benchmarks.jar io.tollgate.bench.VelocityMemory $NUMBERS 5"
java -Xmx8g -cp "$JAR" io.tollgate.bench.VelocityMemory "$NUMBERS" 5 | tee "$OUT/velocity-memory.txt"   # 5

USERS="${REPLAY_USERS:-212000}"
REPLAY_JVM="-XX:+UseParallelGC -Xms2g -XX:MetaspaceSize=256m"   # what ./tollgate runs replay and backtest with
echo; echo "== replay: java $REPLAY_JVM -cp risk-bench/target/benchmarks.jar io.tollgate.bench.ReplayWallTime $USERS 30"
# shellcheck disable=SC2086
java $REPLAY_JVM -cp "$JAR" io.tollgate.bench.ReplayWallTime "$USERS" 30 | tee "$OUT/replay.txt"     # 6

rm -f "$JAR"
echo; echo "results in $OUT"
