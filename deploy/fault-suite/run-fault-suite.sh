#!/usr/bin/env bash
# The fault suite (not part of mvn verify): builds the suite, then runs every scenario against it.
# Options: --patients N (default 1000), --events-per-patient N (default 100), --brokers N (default 1),
# --replicas N (default 1, at most 4: the partitions), --scenarios A,B (default all).
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests package
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -1)
exec java -Xmx2g -Dsuite.home="$PWD" -Dsuite.kafka.lib="$PWD/deploy/kafka-broker/target/lib" \
  -cp "deploy/fault-suite/target/fault-suite-${version}.jar:deploy/fault-suite/target/lib/*" \
  org.ilsafety.fault.FaultSuite "$@"
