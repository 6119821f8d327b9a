#!/usr/bin/env bash
# Builds what is needed, then starts PostgreSQL, a Kafka broker, the three services and the HL7 v2 gateway.
# Options: --demo (load the demo patients), --data-dir DIR, port options (see --help).
set -euo pipefail
cd "$(dirname "$0")"
if [[ "${SUITE_SKIP_BUILD:-}" != "true" ]]; then
  echo "Building the suite (mvn package, tests skipped) ..."
  mvn -B -q -DskipTests package
fi
version=$(sed -n 's#^  <version>\(.*\)</version>#\1#p' pom.xml | head -1)
exec java -Dsuite.home="$PWD" -Dsuite.kafka.lib="$PWD/deploy/kafka-broker/target/lib" \
  -cp "deploy/local-stack/target/local-stack-${version}.jar:deploy/local-stack/target/lib/*" \
  org.ilsafety.stack.SuiteLauncher "$@"
