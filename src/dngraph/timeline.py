"""The forum's timeline, for :mod:`dngraph.plot`: names, chairs, summits, members.

Every mark comes from a saved query's answer: ``name-history`` (a band per name
from the earliest date a source gives for it to the latest end, else to the next
name), ``chairs`` (a box per year, its nation; "planned" or "to be announced"
where a source says so), ``summits`` (a marker at the start date, or mid-year
when only the year is known, labelled with year, host and chair) and ``members``
(a bar per nation from its join date, solid up to the last year a source shows
it a member, pale after).
"""

from __future__ import annotations

from datetime import date

_NAME_COLOURS = ("#d9e7f5", "#f7e3c8", "#e0efd6", "#efd9ef", "#f5f0c4")


def gather(kg) -> dict:
    """The answers the timeline is drawn from."""
    return {q: kg.query(q).rows for q in ("name-history", "chairs", "summits", "members")}


def when(text, middle: bool = False) -> float | None:
    """A date, month or year as a fractional year (``middle``: a bare year's middle)."""
    if text is None or str(text) == "":
        return None
    if isinstance(text, date):
        text = text.isoformat()
    parts = [int(p) for p in str(text).split("-")[:3]]
    if len(parts) == 1:
        return parts[0] + (0.5 if middle else 0.0)
    if len(parts) == 2:
        return parts[0] + (parts[1] - 1) / 12
    return parts[0] + (date(*parts).timetuple().tm_yday - 1) / 366


def name_spans(rows: list[dict]) -> list[tuple]:
    """``(start, end, short, full)`` per name with a date, in order of start."""
    names: dict[str, dict] = {}
    for row in rows:
        start = when(row.get("from")) or when(row.get("inUseBy"))
        entry = names.setdefault(row["name"], {"starts": [], "ends": [], "short": row["shortName"],
                                               "full": row["fullName"]})
        if start is not None:
            entry["starts"].append(start)
        if when(row.get("until")) is not None:
            entry["ends"].append(when(row["until"]))
        if len(str(row["fullName"])) > len(str(entry["full"])):
            entry["full"] = row["fullName"]
    dated = sorted((min(e["starts"]), max(e["ends"]) if e["ends"] else None, e["short"], e["full"])
                   for e in names.values() if e["starts"])
    return [(s, e if e is not None else (dated[i + 1][0] if i + 1 < len(dated) else None), short, full)
            for i, (s, e, short, full) in enumerate(dated)]


def summit_marks(rows: list[dict]) -> list[tuple]:
    """``(x, year, host, chair)`` per summit, once each, in date order."""
    seen: dict[str, tuple] = {}
    for row in rows:
        if row["summit"] in seen or row.get("year") is None:
            continue
        x = when(row.get("startDate")) or row["year"] + 0.5
        detail = (f"chair: {row['chairLabel']}" if row.get("chairLabel")
                  else f"at {row['locationLabel']}" if row.get("locationLabel") else "")
        seen[row["summit"]] = (x, row["year"], row.get("hostLabel") or "host not known", detail)
    return sorted(seen.values())


def draw(figure, data: dict) -> None:
    members = sorted(data["members"], key=lambda r: (when(r.get("joined")) or 9999, r["nationLabel"]))
    summits = summit_marks(data["summits"])
    years = [r["year"] for r in data["chairs"]] + [s[1] for s in summits]
    first, last = min(years), max(years) + 1
    figure.set_size_inches(13, 3.2 + 0.42 * len(members))
    ax = figure.add_subplot()
    rows = ["Name", "Chair", "Summits"] + [r["nationLabel"] for r in members]
    heights = [1, 1, 2.2] + [1] * len(members)
    tops = [sum(heights[:i]) for i in range(len(rows))]
    _names(ax, name_spans(data["name-history"]), tops[0], last)
    _chairs(ax, data["chairs"], tops[1])
    _summits(ax, summits, tops[2])
    for row, top in zip(members, tops[3:]):
        _membership(ax, row, top, last)
    ax.set_yticks([t + h / 2 for t, h in zip(tops, heights)], rows)
    ax.set_ylim(sum(heights), 0)
    ax.set_xlim(first, last)
    ax.set_xticks(range(first, last + 1))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("Digital Nations: names, chairs, ministerial summits and members over time", loc="left")
    ax.set_xlabel("Membership bars: solid up to the last year a source shows the nation a member, pale after. "
                  "Chair boxes: pale where a source gives the term as planned or to be announced.", fontsize=8)


def _names(ax, spans, top, last) -> None:
    # Two lanes, so a name announced before the previous one ended shows beside it.
    for i, (start, end, short, full) in enumerate(spans):
        end = end if end is not None else last
        lane = top + 0.05 + 0.45 * (i % 2)
        ax.add_patch(_box(start, lane, end - start, 0.42, _NAME_COLOURS[i % len(_NAME_COLOURS)]))
        ax.text(start + 0.05, lane + 0.21, f"{short}: {full}" if short != full else full,
                va="center", fontsize=7.5, clip_on=True)


def _chairs(ax, rows, top) -> None:
    for row in rows:
        label = row.get("nationLabel") or "not named"
        if row.get("status"):
            label += f"\n({row['status']})"
        ax.add_patch(_box(row["year"] + 0.03, top + 0.1, 0.94, 0.8, "#fbe5b6" if row.get("status") else "#f2c46d"))
        ax.text(row["year"] + 0.5, top + 0.5, label, ha="center", va="center", fontsize=7)


def _summits(ax, marks, top) -> None:
    for i, (x, year, host, chair) in enumerate(marks):
        ax.plot([x], [top + 0.35], marker="D", color="#b03a2e", markersize=7)
        low = i % 2 == 1
        text = f"{year}: {host}" + (f"\n{chair}" if chair else "")
        ax.text(x, top + (1.35 if low else 0.6), text, ha="center", va="top", fontsize=7)


def _membership(ax, row, top, last) -> None:
    start = when(row.get("joined"))
    if start is None:
        ax.text(0.01, top + 0.5, "join date not known", transform=ax.get_yaxis_transform(), va="center", fontsize=7)
        return
    seen = (when(row.get("lastAttested")) or start)
    solid_end = min(max(int(seen) + 1, start), last)
    ax.add_patch(_box(start, top + 0.2, solid_end - start, 0.6, "#2e6da4"))
    if solid_end < last:
        ax.add_patch(_box(solid_end, top + 0.2, last - solid_end, 0.6, "#b8cfe6"))
    ax.text(start + 0.05, top + 0.5, f"joined {row['joined']}", color="white", va="center", fontsize=7)


def _box(x, y, width, height, colour):
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), width, height, facecolor=colour, edgecolor="none")
