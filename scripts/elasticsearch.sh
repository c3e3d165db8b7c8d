#!/usr/bin/env bash
# A local single-node Elasticsearch for development and the test suite.
#
#   scripts/elasticsearch.sh start    fetch (once), install, start, wait until usable
#   scripts/elasticsearch.sh tools    only install the Debian packages that start needs
#   scripts/elasticsearch.sh stop     stop the node and wait until it has exited
#   scripts/elasticsearch.sh status   print the cluster health; exit 1 when down
#
# The only runnable Elasticsearch on Maven Central is the integ-test zip (no bundled
# JDK, so it runs on the machine's JDK 17). It is fetched with `mvn dependency:copy`
# into .cache/ (git-ignored) and unpacked into a node directory outside the
# checkout, owned by an unprivileged user: Elasticsearch refuses to run as root.
# Production uses Elastic's official image instead (docker-compose.yml). Both get the
# analysis files of elasticsearch-node/config/ in their config directory; only this node
# gets the plugin of elasticsearch-node/analysis-plugin/ (see its README).
set -euo pipefail

ES_VERSION=8.19.21
ES_PORT=${ES_PORT:-9200}
ES_HEAP=${ES_HEAP:-512m}
ES_USER=${ES_USER:-kennisbank-es}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIST_DIR="$ROOT/.cache/elasticsearch"
DIST_ZIP="$DIST_DIR/elasticsearch-$ES_VERSION.zip"
NODE_DIR=${ES_NODE_DIR:-/var/tmp/kennisbank-elasticsearch-$ES_VERSION-$ES_PORT}
ES_HOME="$NODE_DIR/elasticsearch-$ES_VERSION"
PID_FILE="$NODE_DIR/elasticsearch.pid"
PLUGIN_SRC="$ROOT/elasticsearch-node/analysis-plugin"
CONFIG_SRC="$ROOT/elasticsearch-node/config"
URL="http://127.0.0.1:$ES_PORT"

say() { printf '[elasticsearch] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

java17_home() {
    local candidate
    for candidate in "${ES_JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/*17* ; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        if "$candidate/bin/java" -version 2>&1 | grep -q 'version "17\.'; then
            echo "$candidate"; return 0
        fi
    done
    return 1
}

ensure_tools() {
    local missing=()
    java17_home >/dev/null || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null || missing+=(maven)
    command -v unzip >/dev/null || missing+=(unzip)
    command -v curl >/dev/null || missing+=(curl)
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" -eq 0 ] || die "install ${missing[*]} first (needs root)"
    say "installing ${missing[*]} from Debian's packages"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

fetch() {
    [ -s "$DIST_ZIP" ] && return 0
    say "fetching org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip with Maven"
    mkdir -p "$DIST_DIR"
    mvn -B -q -Dstyle.color=never dependency:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
        -DoutputDirectory="$DIST_DIR" -Dmdep.overWriteReleases=true
    [ -s "$DIST_ZIP" ] || die "Maven did not deliver $DIST_ZIP"
}

run_as_es() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u "$ES_USER" -- "$@"; else "$@"; fi
}

ensure_user() {
    [ "$(id -u)" -eq 0 ] || return 0
    id "$ES_USER" >/dev/null 2>&1 && return 0
    say "creating system user $ES_USER (Elasticsearch will not run as root)"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER"
}

plugin_stamp() {
    cat "$PLUGIN_SRC/plugin-descriptor.properties" $(find "$PLUGIN_SRC/src" -name '*.java' | sort) \
        | sha256sum | cut -c1-16
}

# The word lists and hyphenation patterns that the index settings name by a path
# relative to the config directory. Refreshed on every start (also of a running node:
# a file is read when an index is created, so new indices see the new version).
install_analysis_files() {
    rm -rf "$ES_HOME/config/analysis"
    cp -R "$CONFIG_SRC/analysis" "$ES_HOME/config/analysis"
    [ "$(id -u)" -eq 0 ] && chown -R "$ES_USER" "$ES_HOME/config/analysis"
    return 0
}

install_node() {
    local java_home=$1 stamp
    if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
        say "unpacking into $NODE_DIR"
        mkdir -p "$NODE_DIR"
        rm -rf "$ES_HOME"
        unzip -q "$DIST_ZIP" -d "$NODE_DIR"
    fi
    stamp=$(plugin_stamp)
    if [ "$(cat "$NODE_DIR/plugin.stamp" 2>/dev/null)" != "$stamp" ]; then
        say "building the kennisbank-analysis-nl plugin (Dutch analysis) against $ES_VERSION"
        local build="$NODE_DIR/plugin-build"
        rm -rf "$build" && mkdir -p "$build/classes" "$build/zip"
        "$java_home/bin/javac" --release 17 -nowarn -cp "$ES_HOME/lib/*" -d "$build/classes" \
            $(find "$PLUGIN_SRC/src" -name '*.java')
        "$java_home/bin/jar" cf "$build/zip/kennisbank-analysis-nl.jar" -C "$build/classes" .
        sed "s/\${version}/$ES_VERSION/g" "$PLUGIN_SRC/plugin-descriptor.properties" \
            > "$build/zip/plugin-descriptor.properties"
        (cd "$build/zip" && "$java_home/bin/jar" cfM "$build/kennisbank-analysis-nl.zip" .)
        rm -rf "$ES_HOME/plugins/kennisbank-analysis-nl"
        ES_JAVA_HOME="$java_home" "$ES_HOME/bin/elasticsearch-plugin" install --batch --silent \
            "file://$build/kennisbank-analysis-nl.zip"
        echo "$stamp" > "$NODE_DIR/plugin.stamp"
    fi
    install_analysis_files
    # Written on every start so a changed setting here always takes effect. No
    # security: the node listens on loopback only, for tests and development.
    cat > "$ES_HOME/config/elasticsearch.yml" <<YAML
cluster.name: kennisbank-local
node.name: kennisbank-local-1
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $((ES_PORT + 100))
discovery.type: single-node
path.data: $NODE_DIR/data
path.logs: $NODE_DIR/logs
xpack.security.enabled: false
# A nearly full disk must not silently make the test indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# Test clean-up deletes kennisbank-test-* by pattern.
action.destructive_requires_name: false
YAML
    mkdir -p "$NODE_DIR/data" "$NODE_DIR/logs"
    [ "$(id -u)" -eq 0 ] && chown -R "$ES_USER" "$NODE_DIR"
    return 0
}

health() {
    curl -fsS --max-time 2 "$URL/_cluster/health" 2>/dev/null
}

running_pid() {
    local pid
    pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
    # One start at a time: CI starts the node in the background while the packages
    # install, and `make test` starts it again; the second waits here for the first
    # and then finds the node running. (The node itself does not inherit the lock.)
    mkdir -p "$(dirname "$NODE_DIR")"
    exec 9>"$NODE_DIR.lock"
    flock 9
    if health >/dev/null; then
        say "already running at $URL"
        if [ -d "$ES_HOME/config" ]; then
            install_analysis_files
            [ "$(cat "$NODE_DIR/plugin.stamp" 2>/dev/null)" = "$(plugin_stamp)" ] \
                || say "warning: the analysis plugin changed; run '$0 stop' and '$0 start' to load it"
        fi
        status; return 0
    fi
    ensure_tools
    local java_home
    java_home=$(java17_home) || die "no JDK 17 found"
    fetch
    ensure_user
    install_node "$java_home"
    say "starting $ES_VERSION on $URL (heap $ES_HEAP, $java_home)"
    rm -f "$PID_FILE"
    ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" \
        run_as_es "$ES_HOME/bin/elasticsearch" -d -p "$PID_FILE" >"$NODE_DIR/start.out" 2>&1 9>&- \
        || { tail -20 "$NODE_DIR/start.out" >&2; die "Elasticsearch did not start"; }
    local waited=0
    until health | grep -Eq '"status":"(green|yellow)"'; do
        if [ $waited -ge 180 ]; then
            tail -20 "$NODE_DIR/logs/kennisbank-local.log" >&2 || true
            die "not healthy after ${waited}s"
        fi
        [ $((waited % 10)) -eq 0 ] && say "waiting for the cluster (${waited}s)"
        sleep 1; waited=$((waited + 1))
    done
    say "ready after ${waited}s"
    status
}

stop() {
    local pid
    if ! pid=$(running_pid); then
        say "not running"; return 0
    fi
    say "stopping (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { say "stopped"; return 0; }
        sleep 1
    done
    say "still running after 60s; killing"
    kill -9 "$pid" 2>/dev/null || true
}

status() {
    local body
    if body=$(health); then
        echo "$body"
    else
        say "not reachable at $URL"; return 1
    fi
}

case "${1:-}" in
    start) start ;;
    tools) ensure_tools ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 start|stop|status|tools" >&2; exit 2 ;;
esac
