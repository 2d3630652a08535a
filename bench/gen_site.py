#!/usr/bin/env python3
"""Generates a large, valid quarterdeck site for benchmarks, or a stress site for print layout.

Usage: gen_site.py OUT_DIR [--quarters 40] [--risks 25] [--metrics 12]
                   [--language en|de|fr] [--paper a4|letter] [--appetite N] [--stress] [--loss]

Deterministic (seeded), standard library only. Every quarter is final, carries the same risk ids
with moving scores, 6 initiatives, 2 incidents, 2 investment asks and a reading per metric.

--stress fills every printed field to what the content format allows, in the site's language
(stress.py): 200-character statements, long titles with compound words, long owner names, the
five top risks in one heat-map cell, a two-line headline, a 120-word summary, five long asks,
every one-pager section past its print cap, accepted risks with long exceptions and standing pages
with wide tables; the layout check (tests/browser/layout.mjs) runs on such sites.

With --loss, every risk also carries money at risk (`loss`) and every option a `loss_reduction`;
everything else is the same site, byte for byte (the ranges come from the risk's number, not the
seeded generator), so a build with and without --loss measures what money at risk costs.
"""
import argparse
import os
import random
import shutil


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--quarters", type=int, default=40)
    ap.add_argument("--risks", type=int, default=25)
    ap.add_argument("--metrics", type=int, default=12)
    ap.add_argument("--language", choices=["en", "de", "fr"])
    ap.add_argument("--paper", choices=["a4", "letter"])
    ap.add_argument("--appetite", type=int)
    ap.add_argument("--stress", action="store_true")
    ap.add_argument("--loss", action="store_true", help="money at risk on every risk and option")
    a = ap.parse_args()
    rnd = random.Random(2026)
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    if a.stress:
        import stress

        stress.site(a, write)
        return
    toml = 'title = "Benchmark board report"\norganization = "Bench Corp"\n'
    for key in ("language", "paper"):
        if getattr(a, key):
            toml += f'{key} = "{getattr(a, key)}"\n'
    if a.appetite:
        toml += f"risk_appetite = {a.appetite}\n"
    write(f"{a.out}/quarterdeck.toml", toml)
    metrics = []
    for m in range(a.metrics):
        better = "lower" if m % 2 else "higher"
        metrics.append(
            f"- id: metric_{m}\n  name: Metric number {m}\n  unit: days\n  better: {better}\n"
            f"  target: {50 + m}\n  flat_band: 0.5\n  owner: joint\n"
        )
    write(f"{a.out}/content/metrics.yaml", "".join(metrics))
    write(f"{a.out}/content/pages/about.md", "---\ntitle: About\n---\nA generated site.\n")
    year, q = 2017, 1
    for i in range(a.quarters):
        name = f"{year}-Q{q}"
        d = f"{a.out}/content/quarters/{name}"
        meet_month = {1: 4, 2: 7, 3: 10, 4: 1}[q]
        meet_year = year + 1 if q == 4 else year
        meeting = f"{meet_year}-{meet_month:02d}-20"
        due = f"{year + 2}-06-30"
        write(
            f"{d}/quarter.yaml",
            f"quarter: {name}\nstatus: final\nboard_meeting: {meeting}\n"
            f"headline: Quarter {i} in one line\nsummary: |\n  Things **moved** this quarter.\n"
            f"asks:\n  - Approve INV-001.\napproved_by:\n  cto: A. CTO\n  ciso: B. CISO\n",
        )
        write(
            f"{d}/trends.yaml",
            "".join(f"metric_{m}: {round(rnd.uniform(30, 80), 2)}\n" for m in range(a.metrics)),
        )
        for r in range(1, a.risks + 1):
            write(
                f"{d}/risks/R-{r:03d}.yaml",
                f"id: R-{r:03d}\ntitle: Risk {r}\nstatement: Something bad could happen to system {r} and halt the business.\n"
                f"impact: {rnd.randint(1, 5)}\nlikelihood: {rnd.randint(1, 5)}\nowner: Owner {r}\n"
                f"mitigation: Mitigation for risk {r}.\ndue: {due}\nstatus: mitigating\n"
                + (loss(r, i) if a.loss else ""),
            )
        for n in range(1, 7):
            write(
                f"{d}/initiatives/I-{n:03d}.yaml",
                f"id: I-{n:03d}\ntitle: Initiative {n}\nowner: Owner\nstatus: on_track\nprogress: {rnd.randint(0, 100)}\n"
                f"reduces: [R-{n:03d}, R-{n + 1:03d}]\ndue: {due}\n",
            )
        for n in range(1, 3):
            month = (q - 1) * 3 + n
            write(
                f"{d}/incidents/INC-{year}-{i}{n}.yaml",
                f"id: INC-{year}-{i}{n}\ntitle: Incident {n}\nseverity: sev{n + 1}\noccurred: {year}-{month:02d}-10\n"
                f"time_to_detect: {rnd.randint(10, 600)}m\ntime_to_contain: {rnd.randint(1, 48)}h\n"
                f"customer_impact: Some customers saw errors.\nlearning: We added an alert.\nrisks: [R-001]\n",
            )
        for n in range(1, 3):
            write(
                f"{d}/investments/INV-{n:03d}.yaml",
                f"id: INV-{n:03d}\ntitle: Investment {n}\nask: Fund the thing.\nreduces: [R-002]\nrecommended: better\n"
                "options:\n"
                f"  good: {{ cost: 100000, summary: Small, tradeoff: Partial, residual_risk: high{reduction(20, a)} }}\n"
                f"  better: {{ cost: 250000, summary: Medium, tradeoff: Hires, residual_risk: medium{reduction(45, a)} }}\n"
                f"  best: {{ cost: 600000, summary: Large, tradeoff: Cost, residual_risk: low{reduction(70, a)} }}\n",
            )
        q += 1
        if q == 5:
            year, q = year + 1, 1


def loss(r, i):
    """Money at risk for risk number r in quarter i: ranges from rare and costly to frequent and
    cheap, drifting a little from quarter to quarter."""
    low = [0.05, 0.1, 0.2, 0.5, 1.0][r % 5] * (1 + (i % 4) / 10)
    cost = [20_000, 80_000, 250_000, 1_000_000, 4_000_000][(r * 3) % 5]
    return f"loss:\n  frequency: [{low:g}, {low * 6:g}]\n  magnitude: [{cost}, {cost * 15}]\n"


def reduction(percent, a):
    return f", loss_reduction: {percent}" if a.loss else ""


if __name__ == "__main__":
    main()
