#!/bin/sh
# Kaidan's PNG export against its closest peer, Graphviz with pinned positions
# (`dot -Kneato -n2 -Tpng`), on the same generated journeys (issue 13): both whole processes,
# side by side in one hyperfine run per size, at 3840×2160, then each one's peak RSS.
#
#   benches/peer/compare.sh [N ...]       # default: 200 2000 20000
#
# Needs python3, hyperfine and Graphviz (Debian: `apt-get install -y hyperfine graphviz`) and
# builds Kaidan in release mode. Not run by CI: the figures depend on the machine, so run it
# on an idle one and repeat. RUNS (default 10; 3 for N ≥ 20,000) sets hyperfine's runs.
# The journeys, the PNGs and hyperfine's JSON go to target/peer/.
set -eu
cd "$(dirname "$0")/../.."
for tool in python3 hyperfine dot /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "compare.sh: $tool is missing (apt-get install -y hyperfine graphviz time)" >&2
        exit 1
    }
done
[ $# -gt 0 ] || set -- 200 2000 20000
out=target/peer
cargo build --release --quiet
python3 benches/peer/journeys.py "$out" "$@"
kaidan=target/release/kaidan

for n in "$@"; do
    runs=${RUNS:-$([ "$n" -ge 20000 ] && echo 3 || echo 10)}
    k="$kaidan export $out/j$n.kaidan.ron -o $out/kaidan-$n.png --width 3840 --height 2160 --date 2026-01-01"
    d="dot -Kneato -n2 -Tpng $out/j$n.dot -o $out/dot-$n.png"
    echo "== N = $n =="
    hyperfine --shell=none --warmup 1 --runs "$runs" --export-json "$out/compare-$n.json" \
        --command-name "kaidan $n" "$k" --command-name "dot $n" "$d"
    python3 - "$out/compare-$n.json" <<'EOF'
import json, sys
k, d = json.load(open(sys.argv[1]))["results"]
print(f"ratio kaidan/dot (means): {k['mean'] / d['mean']:.2f}; "
      f"kaidan {k['min']:.2f}–{k['max']:.2f} s, dot {d['min']:.2f}–{d['max']:.2f} s")
EOF
    for cmd in "$k" "$d"; do
        # shellcheck disable=SC2086 # word splitting of the command is intended
        /usr/bin/time -f "peak RSS %M KB, %e s: ${cmd%% *}" $cmd 2>&1 >/dev/null | grep "^peak"
    done
    ls -l "$out/kaidan-$n.png" "$out/dot-$n.png" | awk '{print $5, $9}'
done
