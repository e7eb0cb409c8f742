"""Write a valid synthetic plan of realistic shape: `python benchmarks/make_plan.py --milestones N OUT`.

Seven focus areas (`--areas N` for N, one file each), milestones spread over the years 2023-2030,
two to four effects each with beneficiary codes, prerequisites chained to earlier milestones (never
later, never a cycle), Swedish text with å ä ö, and a history entry on some. The result validates
with no errors.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

AREAS = [
    ("personcentrerat-arbetssatt", "Personcentrerat arbetssätt", "arbetssatt-processer"),
    ("halsoframjande-forebyggande", "Hälsofrämjande och förebyggande insatser", "arbetssatt-processer"),
    ("nara-vard", "Nära vård", "arbetssatt-processer"),
    ("nivastrukturering-profilering", "Nivåstrukturering och profilering", "organisation-styrning"),
    ("medarbetare", "Medarbetare", "forutsattningar"),
    ("digitalisering", "Digitalisering", "forutsattningar"),
    ("fysisk-infrastruktur", "Fysisk infrastruktur", "forutsattningar"),
]
YEARS = range(2023, 2031)
NOUNS = [
    "Modell",
    "Struktur",
    "Handlingsplan",
    "Samverkansgrupp",
    "Funktion",
    "Strategi",
    "Plattform",
    "Process",
]
WHAT = ["för invånarinvolvering", "för kunskapsstöd", "för nära vård", "för kompetensförsörjning",
        "för digital vård", "för lärande och utveckling", "för hälsofrämjande arbete", "för uppföljning"]  # fmt: skip
DONE = ["är etablerad", "är beslutad", "är framtagen", "är införd", "är genomförd"]
EFFECTS = ["Ökad tillgänglighet för invånarna", "Tryggare patienter och närstående", "Bättre samordning mellan vårdgivare",
           "Effektivare processer i vården", "Ökad kvalitet och jämlik vård", "Minskad administration för medarbetare"]  # fmt: skip
CODES = ["inv", "sys", "vsh"]

PLAN = """\
# yaml-language-server: $schema=../../../schemas/plan.schema.json
id: syntetisk
title: Syntetisk förändrings- och genomförandeplan
owner: Region Benchmark
period: {{start: {start}, end: {end}}}
revisions:
  - {{year: 2022, decision: 2022-BENCH-001}}
  - {{year: 2023, decision: 2023-BENCH-002, decided_by: Hälso- och sjukvårdsnämnden}}
current_revision: 2023
groups:
  - {{id: arbetssatt-processer, name: Arbetssätt/processer}}
  - {{id: organisation-styrning, name: Organisation/styrning}}
  - {{id: forutsattningar, name: Förutsättningar}}
goals:
  - {{id: okad-tillganglighet, name: Ökad tillgänglighet}}
  - {{id: battre-kvalitet, name: Bättre kvalitet}}
beneficiaries:
  - {{id: inv, name: invånarna}}
  - {{id: sys, name: systemet}}
  - {{id: vsh, name: verksamheter}}
"""


def milestone_yaml(rng: random.Random, index: int, year: int, earlier: list[tuple[str, int]]) -> str:
    ident = f"m{index:06d}"
    title = f"{rng.choice(NOUNS)} {rng.choice(WHAT)} {rng.choice(DONE)} ({index})"
    lines = [
        f"  - id: {ident}",
        f"    title: {title}",
        "    description: >-",
        "      Utifrån ett gemensamt syfte formuleras en plan för aktörer i hälsosystemet gällande",
        "      förebyggande och tidiga samordnade insatser, där även andra arenor har en tydlig roll.",
        f"    due: {year}",
        f"    status: {rng.choice(['planned', 'started', 'unknown'])}",
        "    goals: [okad-tillganglighet]",
        "    effects:",
    ]
    for _ in range(rng.randint(2, 4)):
        codes = ", ".join(sorted(rng.sample(CODES, rng.randint(1, 2))))
        lines += [f"      - text: {rng.choice(EFFECTS)}", f"        beneficiaries: [{codes}]"]
    candidates = [e for e in earlier[-50:] if e[1] <= year]
    if candidates:
        lines.append("    depends_on:")
        for prerequisite, _ in rng.sample(candidates, min(len(candidates), rng.randint(1, 2))):
            lines.append(f"      - {{milestone: {prerequisite}, reason: Enligt den beslutade planen.}}")
    if index % 10 == 0:
        lines += [
            "    history:",
            "      - {kind: reformulated, revision: 2023, previous: Tidigare formulering av milstolpen}",
        ]
    lines.append(f"    source: {{document: syntetisk.pdf, section: Tabell {index % 7 + 1}}}")
    return "\n".join(lines) + "\n"


def areas_of(count: int) -> list[tuple[str, str, str]]:
    """The seven focus areas, and past seven numbered ones in the same map groups."""
    extra = [
        (f"omrade-{n:05d}", f"Insatsområde {n}", AREAS[n % len(AREAS)][2]) for n in range(len(AREAS), count)
    ]
    return (AREAS + extra)[:count]


def write_plan(out: Path, milestones: int, seed: int = 1, areas: int = len(AREAS)) -> None:
    rng = random.Random(seed)
    (out / "areas").mkdir(parents=True, exist_ok=True)
    (out / "plan.yaml").write_text(PLAN.format(start=YEARS[0], end=YEARS[-1]), encoding="utf-8")
    chosen = areas_of(areas)
    per_area = [
        milestones // len(chosen) + (1 if i < milestones % len(chosen) else 0) for i in range(len(chosen))
    ]
    index = 0
    earlier: list[tuple[str, int]] = []
    width = max(2, len(str(len(chosen))))
    for number, ((area_id, name, group), count) in enumerate(zip(chosen, per_area, strict=True), start=1):
        parts = [
            "# yaml-language-server: $schema=../../../../schemas/area.schema.json\n",
            f"id: {area_id}\nname: {name}\ngroup: {group}\ngoals: [okad-tillganglighet, battre-kvalitet]\n",
            "goal_images:\n  - text: Personen i sin livssituation är den viktigaste aktören i hälsosystemet.\n",
            "milestones:\n",
        ]
        for k in range(count):
            year = YEARS[k * len(YEARS) // max(count, 1)]
            parts.append(milestone_yaml(rng, index, year, earlier))
            earlier.append((f"m{index:06d}", year))
            index += 1
        (out / "areas" / f"{number:0{width}d}-{area_id}.yaml").write_text("".join(parts), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--milestones", type=int, required=True)
    parser.add_argument("--areas", type=int, default=len(AREAS), help="focus areas (one file each)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    write_plan(args.out, args.milestones, args.seed, args.areas)
    return 0


if __name__ == "__main__":
    sys.exit(main())
