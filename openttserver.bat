@echo off
rem Starts OpenTTServer on Windows: from the unzipped release (openttserver.jar next to this
rem file) or from the repository root after "mvn -B -DskipTests package". Arguments go to the
rem server (e.g. --config FILE); JAVA_OPTS to the JVM. Needs Java 17 or later on the PATH.
setlocal
cd /d "%~dp0"
set "JAR=openttserver.jar"
if not exist "%JAR%" set "JAR=server-runtime\target\openttserver.jar"
java %JAVA_OPTS% -jar "%JAR%" %*
