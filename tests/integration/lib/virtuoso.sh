# tests/integration/lib/virtuoso.sh — start and stop a throwaway Virtuoso on 127.0.0.1 (sourced).
#
#   source tests/integration/lib/virtuoso.sh
#   virtuoso_ensure_installed || exit 77      # apt-get only when missing; prints why on failure
#   virtuoso_start "$tmpdir"                  # sets VIRT_HTTP (http://127.0.0.1:PORT), VIRT_SQL_PORT, VIRT_DIR
#   trap virtuoso_stop EXIT
#   virtuoso_isql "SELECT 1;"                 # as dba/dba (a fresh database)
#
# The database lives in a temporary directory (copied virtuoso.ini with paths and ports edited).

virtuoso_ensure_installed() {
  if command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null; then return 0; fi
  if [[ $(id -u) -ne 0 ]] && ! command -v sudo >/dev/null; then
    echo "SKIP: virtuoso-opensource is not installed and there are no root rights to install it"; return 1
  fi
  local SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource >/dev/null 2>&1; then
    echo "SKIP: virtuoso-opensource is not installed and apt-get install failed"; return 1
  fi
  command -v virtuoso-t >/dev/null || { echo "SKIP: virtuoso-t not found after installing"; return 1; }
}

_virtuoso_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

virtuoso_start() {
  VIRT_DIR="$1"
  VIRT_SQL_PORT=$(_virtuoso_free_port)
  local http_port; http_port=$(_virtuoso_free_port)
  while [[ $http_port == "$VIRT_SQL_PORT" ]]; do http_port=$(_virtuoso_free_port); done
  VIRT_HTTP="http://127.0.0.1:$http_port"
  mkdir -p "$VIRT_DIR/db"
  /usr/bin/python3 - "$VIRT_DIR" "$VIRT_SQL_PORT" "$http_port" <<'PY'
import configparser, sys
d, sql_port, http_port = sys.argv[1], sys.argv[2], sys.argv[3]
cp = configparser.RawConfigParser(strict=False, inline_comment_prefixes=(";",))
cp.optionxform = str
cp.read("/etc/virtuoso-opensource-7/virtuoso.ini")
db = d + "/db/"
for key, name in [("DatabaseFile", "virtuoso.db"), ("ErrorLogFile", "virtuoso.log"), ("LockFile", "virtuoso.lck"),
                  ("TransactionFile", "virtuoso.trx"), ("xa_persistent_file", "virtuoso.pxa")]:
    cp["Database"][key] = db + name
cp["TempDatabase"]["DatabaseFile"] = db + "virtuoso-temp.db"
cp["TempDatabase"]["TransactionFile"] = db + "virtuoso-temp.trx"
cp["Parameters"]["ServerPort"] = "127.0.0.1:" + sql_port
cp["Parameters"]["DirsAllowed"] = ".., /usr/share/virtuoso-opensource-7/vad, " + d
cp["Parameters"]["NumberOfBuffers"] = "20000"
cp["Parameters"]["MaxDirtyBuffers"] = "15000"
cp["Parameters"]["ThreadsPerQuery"] = "2"
cp["HTTPServer"]["ServerPort"] = "127.0.0.1:" + http_port
with open(d + "/virtuoso.ini", "w") as f:
    cp.write(f)
PY
  (cd "$VIRT_DIR" && exec virtuoso-t +foreground +configfile "$VIRT_DIR/virtuoso.ini" >"$VIRT_DIR/stdout.log" 2>&1) &
  VIRT_PID=$!
  local i
  for i in $(seq 1 120); do
    if curl -s -o /dev/null -w '%{http_code}' "$VIRT_HTTP/sparql?query=ASK%7B%7D" 2>/dev/null | grep -q 200; then
      return 0
    fi
    if ! kill -0 "$VIRT_PID" 2>/dev/null; then
      echo "virtuoso-t exited during start-up:"; tail -20 "$VIRT_DIR/db/virtuoso.log" "$VIRT_DIR/stdout.log" 2>/dev/null
      return 1
    fi
    sleep 0.5
  done
  echo "virtuoso did not answer on $VIRT_HTTP within 60 s"; tail -20 "$VIRT_DIR/db/virtuoso.log"
  return 1
}

virtuoso_isql() {
  isql-vt "127.0.0.1:$VIRT_SQL_PORT" dba dba exec="$1" >"$VIRT_DIR/isql.out" 2>&1
  local rc=$?
  if [[ $rc -ne 0 ]] || grep -q "^\*\*\* Error" "$VIRT_DIR/isql.out"; then cat "$VIRT_DIR/isql.out"; return 1; fi
}

virtuoso_stop() {
  if [[ -n "${VIRT_PID:-}" ]] && kill -0 "$VIRT_PID" 2>/dev/null; then
    kill "$VIRT_PID" 2>/dev/null
    local i
    for i in $(seq 1 40); do kill -0 "$VIRT_PID" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$VIRT_PID" 2>/dev/null || true
  fi
  VIRT_PID=""
}
