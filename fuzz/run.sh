#!/bin/sh
# Fuzz seminorm's parser and writers for a bounded time.
#
#   fuzz/run.sh [SECONDS]          # default 60
#
# With atheris installed (pip install atheris) this is coverage-guided
# libFuzzer; without it, a hypothesis-driven random loop of the same target.
# The working corpus and any crash inputs go to $FUZZ_WORK (default
# /tmp/seminorm-fuzz), never into the repository. Seeds: examples/ and, when
# present, ../shared/corpus (read, never copied into the repo).
# Exit status: 0 no crash; non-zero a crash, whose input is in $FUZZ_WORK/crash-*.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=${1:-60}
work=${FUZZ_WORK:-/tmp/seminorm-fuzz}
python=${PYTHON:-"$root/.venv/bin/python"}
[ -x "$python" ] || python=python3
mkdir -p "$work/corpus"

seeds="$root/examples"
for d in "$root/../shared/corpus/text" "$root/../shared/corpus/ics"; do
    [ -d "$d" ] && seeds="$seeds $d"
done

export SOURCE_DATE_EPOCH=1700000000
if "$python" -c "import atheris" 2>/dev/null; then
    # the first corpus folder is the one libFuzzer writes to; the seeds are only read
    # shellcheck disable=SC2086
    exec "$python" "$here/fuzz_parse.py" "$work/corpus" $seeds \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=200000 \
        -artifact_prefix="$work/" -print_final_stats=1
else
    echo "atheris not installed: hypothesis fallback" >&2
    # shellcheck disable=SC2086
    exec "$python" "$here/fuzz_parse.py" --seconds "$seconds" $seeds
fi
