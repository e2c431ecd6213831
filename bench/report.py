"""The benchmark's tables: one per size, each step beside its baseline, and the comparison of two runs."""

from __future__ import annotations

HEADER = ("step", "median", "baseline", "baseline median", "ratio", "runs", "peak MB", "baseline peak MB")


def seconds(value) -> str:
    if value is None:
        return "-"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def shown(measure: dict) -> str:
    """A median, or why there is none."""
    status = measure["status"]
    return seconds(measure["median_s"]) if status == "ok" else status[:60] + ("..." if len(status) > 60 else "")


def ratio(a, b) -> str:
    return f"{a / b:.2f}" if a and b else "-"


def size_table(size: dict) -> str:
    """The table of one size: a row per (step, baseline) pair; ratio = step / baseline,
    runs = how many runs each median is taken over (step / baseline)."""
    rows = [HEADER]
    paired = {step for step, _ in size["pairs"]}
    pairs = size["pairs"] + [[step, None] for step in size["steps"] if step not in paired]
    for step, base in pairs:
        s = size["steps"].get(step)
        b = size["baselines"].get(base) if base else None
        rows.append((
            step, shown(s) if s else "-", base or "-", shown(b) if b else "-",
            ratio(s and s["median_s"], b and b["median_s"]),
            f"{_runs(s)} / {_runs(b)}", _mb(s), _mb(b)))
    title = f"{size['label']}: {size['triples']} asserted triples in {size['files']} files"
    return title + "\n" + markdown(rows)


def _runs(measure) -> str:
    """How many runs the median is taken over ("-" where there is no median)."""
    return str(len(measure["runs_s"])) if measure and measure.get("median_s") is not None else "-"


def _mb(measure) -> str:
    return "-" if not measure or measure.get("peak_mb") is None else f"{measure['peak_mb']:.0f}"


def markdown(rows) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def compare(new: dict, old: dict) -> str:
    """Per size and item present in both runs: the old and new medians and the ratio new / old."""
    rows = [("size", "item", "old median", "new median", "new / old")]
    olds = {s["label"]: s for s in old["sizes"]}
    for size in new["sizes"]:
        before = olds.get(size["label"])
        if not before:
            continue
        for group in ("steps", "baselines"):
            for name, measure in size[group].items():
                was = before[group].get(name)
                if not was:
                    continue
                rows.append((size["label"], name, shown(was), shown(measure),
                             ratio(measure["median_s"], was["median_s"])))
    return markdown(rows)


def summary_table(result: dict) -> str:
    """All sizes in one table: per (step, baseline) pair and size, "step / baseline (ratio)"."""
    sizes = result["sizes"]
    header = ("step", "baseline") + tuple(f"{s['label']} ({s['triples']} triples)" for s in sizes)
    rows, seen = [header], []
    for size in sizes:
        for pair in size["pairs"] + [[step, None] for step in size["steps"]]:
            if pair[0] in [p[0] for p in seen if p[1] is not None] and pair[1] is None:
                continue
            if pair not in seen:
                seen.append(pair)
    for step, base in seen:
        cells = []
        for size in sizes:
            s, b = size["steps"].get(step), size["baselines"].get(base) if base else None
            cell = shown(s) if s else "-"
            if s and b:
                cell += f" / {shown(b)}"
                if s["median_s"] and b["median_s"]:
                    cell += f" ({ratio(s['median_s'], b['median_s'])})"
            cells.append(cell)
        rows.append((step, base or "-", *cells))
    return markdown(rows)


def growth_table(result: dict) -> str:
    """How each step's median grows between consecutive generated sizes, as
    (time ratio) / (triple ratio): 1.00 is linear, below it a fixed cost still weighs,
    above it the step grows faster than the graph. Empty with fewer than two sizes."""
    sizes = [s for s in result["sizes"] if s["label"] != "shipped"]
    spans = list(zip(sizes, sizes[1:]))
    if not spans:
        return ""
    names = []
    for size in sizes:
        names += [n for n in size["steps"] if n not in names]
    rows = [("step",) + tuple(f"{a['label']} -> {b['label']}" for a, b in spans)]
    for name in names:
        cells = []
        for a, b in spans:
            ta, tb = (s["steps"].get(name, {}).get("median_s") for s in (a, b))
            cells.append(f"{(tb / ta) / (b['triples'] / a['triples']):.2f}" if ta and tb else "-")
        rows.append((name, *cells))
    return markdown(rows)
