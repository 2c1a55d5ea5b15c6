#!/usr/bin/env python3
"""Benchmark journeys for the speed comparison with Graphviz (issue 13).

Writes, for each N given, a journey of N steps as a Kaidan project (`jN.kaidan.ron`)
and the same cards, grid and links as a Graphviz graph with pinned positions (`jN.dot`,
drawn with `dot -Kneato -n2`), so both tools draw the same thing without any layout
search of their own.

Shape, as in the journeys of the issue: 6 phases over the time axis, 5 affinity levels,
a main path from the start (bottom level) climbing to the goal (top level), never down,
and about 10 % of the steps on descending branches: a branch step sits one level below
the main-path step before it (the customer loses interest: a descending link, labelled
with its trigger) and rejoins the main path at the next main step. Steps are spread evenly
over a fixed period of SPAN units of time whatever N (a bigger journey is a busier one, not
a longer one), so every N fills the slide: Kaidan stacks the cards of a busy time in
lanes, and every stage (layout, labels, text, triangles, pixels) grows with N. Titles are
Japanese with a number, every step has a valence (emotion curve), no survey data.
Deterministic: the same N gives the same bytes.

Usage: python3 journeys.py OUT_DIR [N ...]    (default N: 200 2000 20000)

Python, not a Rust example, so that the peer's input does not depend on Kaidan's code
and anyone can read in a few dozen lines what the two tools are given.
"""

import heapq
import random
import sys
from pathlib import Path

LEVELS = ["無関心", "認知", "興味・検討", "購入・利用", "ファン"]
PHASES = ["認知前", "認知", "興味", "検討・購入", "利用・継続", "推奨"]
COLOURS = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#CC79A7"]
WORDS = ["広告を見る", "口コミを読む", "サイトで比較", "サンプルを試す", "店頭で購入",
         "定期便に申込", "使い続ける", "友人に薦める", "SNSで発信", "問い合わせる"]
TRIGGERS = ["価格改定で迷う", "飽きて休止", "効果を感じない", "対応に不満"]
# Units of time the journey spans, whatever its number of steps.
SPAN = 100
# Graphviz, in points: per unit of time, card size, gap between cards in a lane, lane height
# (Kaidan's slide sizes at its middle time scale).
DX, CARD_W, CARD_H, GAP, ROW_H = 96.0, 96.0, 62.0, 6.0, 68.0


def journey(n, seed=13):
    """Steps (id, kind, title, t, level, valence) and links (from, to, label)."""
    rng = random.Random(seed + n)
    steps, links = [], []
    prev_main = None  # (id, level) of the last main-path step
    pending_branch = None  # a branch step waiting to rejoin the main path
    for i in range(n):
        sid = 100 + i
        t = round((i + 0.5) * SPAN / n, 4)
        kind = "Start" if i == 0 else "Goal" if i == n - 1 else "Step"
        # The main path never steps down: it climbs with time, sometimes a level early.
        climb = min(len(LEVELS) - 1, i * len(LEVELS) // n + (rng.random() < 0.25))
        main_level = 0 if kind == "Start" else len(LEVELS) - 1 if kind == "Goal" else \
            max(climb, prev_main[1] if prev_main else 0)
        branch = (kind == "Step" and prev_main is not None and prev_main[1] > 0
                  and pending_branch is None and rng.random() < 0.1)
        level = prev_main[1] - 1 if branch else main_level
        title = f"{i} {WORDS[rng.randrange(len(WORDS))]}"
        steps.append((sid, kind, title, t, level, rng.randint(-2, 2)))
        if branch:
            links.append((prev_main[0], sid, TRIGGERS[rng.randrange(len(TRIGGERS))]))
            pending_branch = sid
            continue
        if prev_main is not None:
            links.append((prev_main[0], sid, ""))
        if pending_branch is not None:
            links.append((pending_branch, sid, ""))
            pending_branch = None
        prev_main = (sid, level)
    links.sort(key=lambda link: (link[0], link[1]))
    return steps, links


def ron(n, steps, links):
    out = ["(", "    format_version: 3,", "    journey: (",
           f'        title: "ベンチマーク ({n} steps)",',
           '        persona: (name: "テスト 花子"),',
           '        brand: "Kaidan",',
           '        start_statement: "商品を知る前",',
           '        goal_statement: "ブランドとの接点が日常化している",',
           "        phases: ["]
    for k, (name, colour) in enumerate(zip(PHASES, COLOURS)):
        start, end = SPAN * k / len(PHASES), SPAN * (k + 1) / len(PHASES)
        out.append(f'            (id: {10 + k}, name: "{name}", colour: "{colour}", '
                   f"start: {start:.1f}, end: {end:.1f}),")
    out.append("        ],")
    out.append("        levels: [")
    for k, label in enumerate(LEVELS):
        out.append(f'            (id: {k + 1}, label: "{label}"),')
    out.append("        ],")
    out.append("        steps: [")
    for sid, kind, title, t, level, valence in steps:
        kind_field = "" if kind == "Step" else f"kind: {kind}, "
        out.append(f'            (id: {sid}, {kind_field}title: "{title}", t: {t}, '
                   f"level: {level + 1}, emotion: (valence: {valence})),")
    out.append("        ],")
    out.append("        links: [")
    for a, b, label in links:
        label_field = f', label: "{label}"' if label else ""
        out.append(f"            (from: {a}, to: {b}{label_field}),")
    out.append("        ],")
    out.append(f"        next_id: {100 + n},")
    out.append("    ),")
    out.append(")")
    return "\n".join(out) + "\n"


def lanes(steps):
    """Kaidan's card stacking (`layout::stack`): per level, cards taken in time order go
    into the lowest lane whose last card ends a gap before them. Returns each step's lane
    and each level's number of lanes."""
    lane_of, count = {}, [1] * len(LEVELS)
    for level in range(len(LEVELS)):
        busy, free, used = [], [], 0  # heaps of (end, lane) and of free lane numbers
        for sid, _kind, _title, t, _level, _valence in (s for s in steps if s[4] == level):
            left = t * DX
            while busy and busy[0][0] + GAP <= left:
                heapq.heappush(free, heapq.heappop(busy)[1])
            lane = heapq.heappop(free) if free else used
            used = max(used, lane + 1)
            heapq.heappush(busy, (left + CARD_W, lane))
            lane_of[sid] = lane
        count[level] = max(used, 1)
    return lane_of, count


def dot(n, steps, links):
    # 3840×2160 pixels: 40 × 22.5 inches at 96 dpi, the drawing stretched to fill it (as
    # Kaidan fits the journey to its page). Cards stacked in lanes per level as Kaidan
    # stacks them; positions in points, y up. Edges are straight lines between the pinned
    # cards (`splines=line`): in Graphviz 2.43 with -n2, `splines=ortho` crashes,
    # `splines=polyline` took 43 s for 200 steps (an obstacle-avoiding search Kaidan does
    # not do), and staircase edges given as `pos` crash with `ratio=fill` and labels.
    # Descending links are dashed, with their trigger as an `xlabel` that Graphviz places
    # clear of the nodes, as Kaidan places its labels.
    lane_of, count = lanes(steps)
    band_bottom = [0.0]
    for level in range(len(LEVELS)):
        band_bottom.append(band_bottom[-1] + count[level] * ROW_H + ROW_H / 2)
    out = [f'digraph "j{n}" {{',
           '  graph [size="40,22.5!", ratio=fill, dpi=96, splines=line, '
           'outputorder=edgesfirst, bgcolor=white];',
           f'  node [shape=box, style="rounded,filled", fillcolor="#F5F5F5", '
           f'width={CARD_W / 72}, height={CARD_H / 72}, fixedsize=shape, fontsize=10];',
           "  edge [arrowsize=0.6];"]
    for k, (name, colour) in enumerate(zip(PHASES, COLOURS)):
        x = DX * SPAN * (k + 0.5) / len(PHASES)
        out.append(f'  p{k} [pos="{x:.1f},{band_bottom[-1] + ROW_H:.1f}!", label="{name}", '
                   f'fillcolor="{colour}", width=1.5]')
    for k, label in enumerate(LEVELS):
        y = (band_bottom[k] + band_bottom[k + 1]) / 2
        out.append(f'  l{k} [pos="{-CARD_W:.1f},{y:.1f}!", label="{label}", shape=plaintext]')
    level_of = {}
    for sid, _kind, title, t, level, _valence in steps:
        level_of[sid] = level
        y = band_bottom[level + 1] - (lane_of[sid] + 1) * ROW_H
        out.append(f'  s{sid} [pos="{DX * t:.1f},{y:.1f}!", label="{title}"]')
    for a, b, label in links:
        attrs = ""
        if level_of[b] < level_of[a]:
            attrs = f' [style=dashed, color="#D55E00", xlabel="{label}"]'
        out.append(f"  s{a} -> s{b}{attrs}")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    sizes = [int(a) for a in sys.argv[2:]] or [200, 2000, 20000]
    out_dir.mkdir(parents=True, exist_ok=True)
    for n in sizes:
        steps, links = journey(n)
        (out_dir / f"j{n}.kaidan.ron").write_text(ron(n, steps, links), encoding="utf-8")
        (out_dir / f"j{n}.dot").write_text(dot(n, steps, links), encoding="utf-8")
        level_of = {s[0]: s[4] for s in steps}
        descending = sum(1 for a, b, _ in links if level_of[b] < level_of[a])
        print(f"j{n}: {len(steps)} steps, {len(links)} links, {descending} descending")


if __name__ == "__main__":
    main()
