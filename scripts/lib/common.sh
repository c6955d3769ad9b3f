#!/usr/bin/env bash
# Shared by the scripts in scripts/: where things are, which ports, how to read the configuration.
# Sourced, not run.

CE_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CE_HOME
export CE_DATA_DIR="${CE_DATA_DIR:-$CE_HOME/data}"
CE_LOG_DIR="$CE_DATA_DIR/logs"
CE_RUN_DIR="$CE_DATA_DIR/run"
CE_ENV_FILE="$CE_DATA_DIR/ce.env"

# The services scripts/start runs, in start order. The embedded store is started first, apart.
CE_SERVICES=(tenant-service core-service cte-service cto-service cre-service cls-service ui-gateway)

say() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit "${CE_DIE_CODE:-1}"
}

# Reads data/ce.env; a variable already set in the environment wins over the file.
load_env() {
  [[ -f "$CE_ENV_FILE" ]] || return 0
  local key value
  while IFS='=' read -r key value; do
    [[ -z "$key" || "$key" == \#* ]] && continue
    if [[ -z "${!key+x}" ]]; then
      export "$key=$value"
    fi
  done <"$CE_ENV_FILE"
}

# Ports: fixed defaults, shifted by CE_PORT_OFFSET (so a second suite, e.g. the end-to-end tests,
# can run beside the first). CE_UI_PORT comes from setup.
compute_ports() {
  local off="${CE_PORT_OFFSET:-0}"
  export CE_PORTS_TENANT=$((8081 + off)) CE_PORTS_CORE=$((8082 + off)) CE_PORTS_CTE=$((8083 + off))
  export CE_PORTS_CTO=$((8084 + off)) CE_PORTS_CRE=$((8085 + off)) CE_PORTS_CLS=$((8086 + off))
  export CE_PORTS_GATEWAY_HTTP=$((${CE_HTTP_PORT:-8080} + off)) CE_PORTS_GATEWAY_MANAGEMENT=$((8090 + off))
  export CE_PORTS_UI=$((${CE_UI_PORT:-8443} + off))
  export CE_PORTS_NETSKOPE_SIM=$((8091 + off))
  CE_EMBEDDED_MONGO_PORT=$((${CE_EMBEDDED_MONGO_PORT:-27117} + off))
  # A second suite on the same broker must not share queues with the first.
  if [[ "$off" != 0 && -z "${CE_BUS_PREFIX:-}" ]]; then
    export CE_BUS_PREFIX="suite$off."
  fi
}

# The port a service listens on, and the URL of its readiness check.
service_port() {
  case "$1" in
    tenant-service) echo "$CE_PORTS_TENANT" ;;
    core-service) echo "$CE_PORTS_CORE" ;;
    cte-service) echo "$CE_PORTS_CTE" ;;
    cto-service) echo "$CE_PORTS_CTO" ;;
    cre-service) echo "$CE_PORTS_CRE" ;;
    cls-service) echo "$CE_PORTS_CLS" ;;
    ui-gateway) echo "$CE_PORTS_UI" ;;
    embedded-mongo) echo "$CE_EMBEDDED_MONGO_PORT" ;;
    netskope-sim) echo "$CE_PORTS_NETSKOPE_SIM" ;;
  esac
}

health_url() {
  if [[ "$1" == netskope-sim ]]; then
    echo "http://127.0.0.1:$CE_PORTS_NETSKOPE_SIM/sim/stats"
  elif [[ "$1" == ui-gateway ]]; then
    echo "http://127.0.0.1:$CE_PORTS_GATEWAY_MANAGEMENT/q/health/ready"
  else
    echo "http://127.0.0.1:$(service_port "$1")/q/health/ready"
  fi
}

pid_file() { echo "$CE_RUN_DIR/$1.pid"; }

# Demo mode (scripts/start --demo) is remembered by data/demo/: the Netskope tenant simulator runs
# beside the services and tenant-service seeds the demo tenant from data/demo/seed.json.
CE_DEMO_DIR="$CE_DATA_DIR/demo"
demo_mode() { [[ -f "$CE_DEMO_DIR/seed.json" ]]; }

# The pid of a running component, or nothing.
running_pid() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  # a killed process stays a zombie until its parent reaps it: that is not running
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z* ]]; then
    echo "$pid"
  fi
}

# True when something accepts TCP connections on host:port.
port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# host and port of an amqp:// or amqps:// URI, as "host port".
amqp_host_port() {
  local uri="$1" rest host port
  rest="${uri#*://}"
  rest="${rest#*@}"
  rest="${rest%%/*}"
  host="${rest%%:*}"
  port="${rest##*:}"
  [[ "$port" == "$rest" || -z "$port" ]] && port=$([[ "$uri" == amqps* ]] && echo 5671 || echo 5672)
  echo "${host:-127.0.0.1} $port"
}

redact_uri() { sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#' <<<"$1"; }

# Docker, for scripts/build-images and the --compose flags. Stops with exit code 3 and says what is
# missing when there is no docker client or no running engine.
require_docker_engine() { # require_docker_engine WHAT
  command -v docker >/dev/null ||
    CE_DIE_CODE=3 die "$1 needs Docker (docker client and a running engine); no docker command is installed here."
  docker info >/dev/null 2>&1 ||
    CE_DIE_CODE=3 die "$1 needs a running Docker engine; the docker client is here but no engine answers ('docker info' fails). Start the engine or run this on a host that has one."
}

# docker compose on the suite's compose file, with data/ce.env for the variables the file uses. The
# services run as the uid that owns data/ (10001 when that is root; setup --compose hands it the keys).
compose() {
  docker compose version >/dev/null 2>&1 ||
    CE_DIE_CODE=3 die "--compose needs Docker Compose v2 (the docker compose plugin); it is not installed here."
  export CE_UID="${CE_UID:-$([[ $EUID -eq 0 ]] && echo 10001 || echo "$EUID")}"
  docker compose --project-name opence --file "$CE_HOME/deploy/compose/compose.yaml" --env-file "$CE_ENV_FILE" "$@"
}
