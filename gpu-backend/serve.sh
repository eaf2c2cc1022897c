#!/usr/bin/env bash
# Bare-metal launch of one vLLM replica with the same flags as compose.yaml (which runs this script in the container).
#   ./serve.sh                                  one replica on GPU 0, port from vllm.env
#   CUDA_VISIBLE_DEVICES=1 VLLM_PORT=8002 ./serve.sh   the replica of the second card
#   ./serve.sh --print                          print the command instead of running it
# Values already in the environment win over vllm.env (per-replica port and GPU); extra arguments go to vllm serve.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
env_file="${VLLM_ENV_FILE:-$here/vllm.env}"
if [[ -f "$env_file" ]]; then
  while IFS= read -r line; do
    [[ "$line" =~ ^(VLLM_[A-Z_]+)=(.*)$ ]] || continue
    name="${BASH_REMATCH[1]}"
    [[ -n "${!name+x}" ]] || export "$name=${BASH_REMATCH[2]}"
  done <"$env_file"
elif [[ -z "${VLLM_MODEL:-}" ]]; then
  echo "serve.sh: no $env_file and no VLLM_MODEL in the environment; copy vllm.env next to this script" >&2
  exit 64
fi

print=0
if [[ "${1:-}" == "--print" ]]; then
  print=1
  shift
fi

for required in VLLM_MODEL VLLM_SERVED_MODEL_NAME VLLM_MAX_MODEL_LEN VLLM_GPU_MEMORY_UTILIZATION VLLM_MAX_NUM_SEQS VLLM_DTYPE VLLM_HOST VLLM_PORT; do
  if [[ -z "${!required:-}" ]]; then
    echo "serve.sh: $required is not set (see vllm.env)" >&2
    exit 64
  fi
done

args=(
  serve "$VLLM_MODEL"
  --served-model-name "$VLLM_SERVED_MODEL_NAME"
  --max-model-len "$VLLM_MAX_MODEL_LEN"
  --gpu-memory-utilization "$VLLM_GPU_MEMORY_UTILIZATION"
  --max-num-seqs "$VLLM_MAX_NUM_SEQS"
  --dtype "$VLLM_DTYPE"
  --host "$VLLM_HOST"
  --port "$VLLM_PORT"
)
if [[ "${VLLM_ENABLE_PREFIX_CACHING:-true}" == "true" ]]; then args+=(--enable-prefix-caching); fi
if [[ -n "${VLLM_REASONING_PARSER:-}" ]]; then args+=(--reasoning-parser "$VLLM_REASONING_PARSER"); fi
if [[ -n "${VLLM_RUNNER:-}" ]]; then args+=(--runner "$VLLM_RUNNER"); fi
if [[ -n "${VLLM_EXTRA_ARGS:-}" ]]; then
  read -r -a extra <<<"$VLLM_EXTRA_ARGS"
  args+=("${extra[@]}")
fi
args+=("$@")
# The API key travels in the environment (vLLM reads VLLM_API_KEY), so it never shows in `ps`.
if [[ -z "${VLLM_API_KEY:-}" ]]; then echo "serve.sh: warning: VLLM_API_KEY is empty, /v1 is open to anyone who can reach the port" >&2; fi

if [[ "$print" == 1 ]]; then
  printf '%s' vllm
  printf ' %q' "${args[@]}"
  printf '\n'
  exit 0
fi
exec vllm "${args[@]}"
