#!/bin/sh
# Starts the server from the unzipped release (openttserver.jar next to this file) or from the
# repository root (after 'mvn -B -DskipTests package'), in this file's directory, with the
# open-file limit raised as far as this shell allows first: each client uses one file descriptor,
# and the common soft limit of 1,024 holds only about 850 clients. Arguments go to the server
# (e.g. --config FILE); JAVA_OPTS to the JVM.
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ]; then
  hard=1048576
fi
ulimit -n "$hard" 2>/dev/null || ulimit -n 65536 2>/dev/null \
  || echo "openttserver.sh: could not raise the open-file limit; it stays $(ulimit -n)" >&2
cd "$(dirname "$0")" || exit 1
jar=openttserver.jar
[ -f "$jar" ] || jar=server-runtime/target/openttserver.jar
exec java ${JAVA_OPTS:-} -jar "$jar" "$@"
