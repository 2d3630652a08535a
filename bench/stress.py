"""A stress site for the print layout (gen_site.py --stress): every printed field as long as the
content format allows, in English, German or French, so that the layout check
(tests/browser/layout.mjs) sees the longest words, names and texts a board pack may carry.

Two quarters: 2026-Q1 final, 2026-Q2 a draft (build with --drafts). In 2026-Q2 the five top risks
share one heat-map cell (impact 5, likelihood 5) and each moved there from another cell.
"""
import random

# Words of each language, long ones first: compound words that do not break, long names.
WORDS = {
    "en": {
        "org": "Northwind Consolidated Freight and Logistics Holdings International",
        "title": "Security and Technology Risk Report to the Board of Directors",
        "long": ["infrastructure-as-code", "misconfiguration", "interoperability",
                 "counterintelligence", "authentication", "decommissioning"],
        "text": ("an attacker who reaches the shared build runners and the backup vault at the same "
                 "time could halt every release for over a week expose code signing keys and breach "
                 "contracts with our largest customers while the recovery plan is still untested").split(),
        "owner": "Senior Vice President Platform Engineering and Site Reliability Operations",
        "risk": "Compromise of the {w} platform for warehouse scanners and customer portal sessions",
        "metric": "Mean time to remediate critical vulnerabilities on internet-facing {w} systems",
        "people": ["Alexandra Whitfield-Montgomery", "Maximilian Okafor-Richardson"],
        "joint": "joint",
    },
    "de": {
        "org": "Norddeutsche Versicherungsgesellschaft auf Gegenseitigkeit Lebensversicherung",
        "title": "Bericht zu Informationssicherheit und Technologierisiken an den Aufsichtsrat",
        "long": ["Bestandsführungssystem", "Berechtigungsmanagement", "Rechenzentrumsinfrastruktur",
                 "Datenschutzfolgenabschätzung", "Kundenstammdatenverwaltungsplattform",
                 "Schwachstellenmanagementprozess"],
        "text": ("ein Angreifer der die gemeinsam genutzten Build-Server und das Sicherungsarchiv "
                 "gleichzeitig erreicht könnte jede Auslieferung für über eine Woche anhalten die "
                 "Signaturschlüssel offenlegen und Verträge mit unseren größten Kunden verletzen").split(),
        "owner": "Bereichsleiterin Informationssicherheit und Datenschutzmanagement der Versicherungsgruppe",
        "risk": "Ausfall des {w} durch fehlerhafte Berechtigungsvergabe im Bestandsführungssystem",
        "metric": "Mittlere Behebungszeit kritischer Schwachstellen im {w} der Rechenzentren",
        "people": ["Friederike Hohenstein-Wallenberg", "Maximilian Schwarzenberger-Oldenburg"],
        "joint": "joint",
    },
    "fr": {
        "org": "Compagnie Générale d'Assurances et de Réassurances Mutuelles du Grand Ouest",
        "title": "Rapport sur la sécurité de l'information et les risques technologiques au conseil",
        "long": ["interopérabilité", "anticonstitutionnellement", "cybersurveillance",
                 "dématérialisation", "authentification multifacteur", "infogérance"],
        "text": ("un attaquant qui atteindrait en même temps les serveurs de compilation partagés et "
                 "le coffre de sauvegarde pourrait bloquer toute livraison pendant plus d'une semaine "
                 "exposer les clés de signature et rompre les contrats avec nos plus grands clients").split(),
        "owner": "Responsable de la sécurité des systèmes d'information du groupe et des filiales",
        "risk": "Compromission de la plateforme d'{w} des terminaux d'entrepôt et du portail client",
        "metric": "Délai moyen de correction des vulnérabilités critiques des systèmes d'{w} exposés",
        "people": ["Marie-Christine de La Rochefoucauld", "Jean-Baptiste Vasseur-Delacroix"],
        "joint": "joint",
    },
}


def text(lang, n, seed, start=""):
    """A sentence of about `n` characters (never more) from the language's words, with a long
    compound word in it."""
    w = WORDS[lang]
    rnd = random.Random(seed)
    words = [start] if start else []
    words.append(rnd.choice(w["long"]))
    pool = w["text"]
    k = rnd.randrange(len(pool))
    while len(" ".join(words)) < n + 20:
        words.append(pool[k % len(pool)])
        k += 1
    out = ""
    for word in words:
        cand = f"{out} {word}".strip()
        if len(cand) + 1 > n:
            break
        out = cand
    out = out[0].upper() + out[1:] + "."
    return out


def q(s):
    """A YAML double-quoted string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site(a, write):
    lang = a.language or "en"
    w = WORDS[lang]
    paper = a.paper or "a4"
    toml = (
        f"title = {q(w['title'])}\norganization = {q(w['org'])}\npaper = {q(paper)}\n"
        f"top_risks = 5\ntrend_quarters = 8\n"
    )
    if lang != "en":
        toml += f'language = "{lang}"\ncurrency = "EUR"\n'
    if getattr(a, "loss", False):
        # Money at risk with a loss tolerance: its sentences and the curve's points print too.
        toml += (
            f"[appetite]\nlimit = {a.appetite or 12}\n"
            "loss_tolerance = [[1000000, 50], [10000000, 10], [50000000, 1]]\n"
        )
    else:
        toml += f"risk_appetite = {a.appetite or 12}\n"
    write(f"{a.out}/quarterdeck.toml", toml)
    metrics = []
    for m in range(13):
        metrics.append(
            f"- id: metric_{m:02d}\n  name: {q(w['metric'].format(w=w['long'][m % len(w['long'])]))}\n"
            f"  unit: {q('days' if m % 3 else '%')}\n  better: {'lower' if m % 2 else 'higher'}\n"
            f"  target: {50 + m}\n  flat_band: 0.5\n  owner: {['cto', 'ciso', 'joint'][m % 3]}\n"
            f"  description: {q(text(lang, 180, m))}\n"
        )
    write(f"{a.out}/content/metrics.yaml", "".join(metrics))
    pages(a, lang, write)
    for k, (name, status, meeting) in enumerate(
        [("2026-Q1", "final", "2026-04-22"), ("2026-Q2", "draft", "2026-07-22")]
    ):
        quarter(a, lang, name, status, meeting, k, write)


def quarter(a, lang, name, status, meeting, k, write):
    w = WORDS[lang]
    d = f"{a.out}/content/quarters/{name}"
    bullets = "".join(f"  - {text(lang, 140, 100 + k * 10 + i)}\n" for i in range(6))
    # 120 words exactly (the lint's limit): six bullets cut to twenty words each.
    bullets = "".join(
        "  - " + " ".join(line[4:].split()[:20]) + "\n" for line in bullets.splitlines()
    )
    asks = "".join(f"  - {q(text(lang, 230, 200 + k * 10 + i))}\n" for i in range(6))
    sign = f"approved_by:\n  cto: {q(w['people'][0])}\n  ciso: {q(w['people'][1])}\n" if status == "final" else ""
    write(
        f"{d}/quarter.yaml",
        f"quarter: {name}\nstatus: {status}\nboard_meeting: {meeting}\n"
        f"headline: {q(text(lang, 190, 300 + k))}\nsummary: |\n{bullets}asks:\n{asks}{sign}",
    )
    write(
        f"{d}/trends.yaml",
        "".join(
            f"metric_{m:02d}:\n  value: {40 + m + k * 3.5}\n  monthly: [{40 + m}, {41 + m}, {42 + m}]\n"
            f"  note: {q(text(lang, 120, 400 + m))}\n"
            for m in range(13)
        ),
    )
    rnd = random.Random(2026 + k)
    for r in range(1, a.risks + 1):
        top = r <= 5
        impact, likelihood = (5, 5) if top and k == 1 else (1 + (r + k) % 5, 1 + (r * 2 + k) % 4)
        accepted = r % 6 == 0
        risk = (
            f"id: R-{r:03d}\ntitle: {q(w['risk'].format(w=w['long'][r % len(w['long'])]))}\n"
            f"statement: {q(text(lang, 200, 500 + r))}\nimpact: {impact}\nlikelihood: {likelihood}\n"
            f"owner: {q(w['owner'])}\nmitigation: {q(text(lang, 260, 600 + r))}\n"
            f"due: 2027-0{1 + r % 9}-{10 + r % 18}\nstatus: {'accepted' if accepted else 'mitigating'}\n"
        )
        if accepted:
            controls = "".join(f"    - {q(text(lang, 110, 700 + r * 5 + c))}\n" for c in range(4))
            risk += (
                f"exception:\n  reason: {q(text(lang, 240, 800 + r))}\n  expires: 2026-12-31\n"
                f"  compensating_controls:\n{controls}"
                f"  approved_by:\n    engineering: {q(w['people'][0])}\n    security: {q(w['people'][1])}\n"
                f"  review: 2026-10-31\n"
            )
        if getattr(a, "loss", False):
            # Wide ranges, so that every figure is as long as it gets ("€12.8M", "0.05 to 2.5").
            risk += (
                f"loss:\n  frequency: [{[0.05, 0.15, 0.45][r % 3]}, {[2.5, 1.25, 3.75][r % 3]}]\n"
                f"  magnitude: [{[150000, 450000, 1250000][r % 3]}, {[12750000, 38500000, 95000000][r % 3]}]\n"
            )
        write(f"{d}/risks/R-{r:03d}.yaml", risk)
    for n in range(1, 8):
        write(
            f"{d}/initiatives/I-{n:03d}.yaml",
            f"id: I-{n:03d}\ntitle: {q(text(lang, 90, 900 + n))}\nowner: {q(w['owner'])}\n"
            f"status: {['on_track', 'at_risk', 'off_track', 'done'][n % 4]}\nprogress: {rnd.randint(0, 100)}\n"
            f"reduces: [R-{n:03d}, R-{n + 1:03d}, R-{n + 2:03d}]\nenables: {q(text(lang, 150, 950 + n))}\n"
            f"due: 2027-09-30\n",
        )
    for n in range(1, 5):
        write(
            f"{d}/incidents/INC-2026-{k}{n}.yaml",
            f"id: INC-2026-{k}{n}\ntitle: {q(text(lang, 100, 1000 + n))}\nseverity: sev{1 + n % 3}\n"
            f"occurred: 2026-0{1 + k * 3 + n % 3}-1{n}\ntime_to_detect: {35 * n}m\ntime_to_contain: {7 * n}h\n"
            f"customer_impact: {q(text(lang, 220, 1100 + n))}\nlearning: {q(text(lang, 240, 1200 + n))}\n"
            f"risks: [R-001, R-00{n + 1}]\n",
        )
    for n in range(1, 5):
        opts = "".join(
            f"  {tier}: {{ cost: {cost}, summary: {q(text(lang, 90, 1300 + n * 3 + j))}, "
            f"tradeoff: {q(text(lang, 90, 1400 + n * 3 + j))}, residual_risk: {res}"
            + (f", cost_per: year, loss_reduction: {35 + 20 * j}" if getattr(a, "loss", False) else "")
            + " }\n"
            for j, (tier, cost, res) in enumerate(
                [("good", 180000, "high"), ("better", 1420000, "medium"), ("best", 12750000, "low")]
            )
        )
        write(
            f"{d}/investments/INV-{n:03d}.yaml",
            f"id: INV-{n:03d}\ntitle: {q(text(lang, 80, 1500 + n))}\nask: {q(text(lang, 200, 1600 + n))}\n"
            f"reduces: [R-001, R-002, R-00{n + 2}]\nrecommended: better\noptions:\n{opts}",
        )


def pages(a, lang, write):
    w = WORDS[lang]
    head = "| " + " | ".join(w["long"]) + " |\n|" + "---|" * len(w["long"]) + "\n"
    rows = "".join(
        "| " + " | ".join(text(lang, 40 + 10 * c, 2000 + r * 10 + c) for c in range(len(w["long"]))) + " |\n"
        for r in range(8)
    )
    paras = "\n\n".join(text(lang, 400, 2100 + i) for i in range(4))
    items = "".join(f"- {text(lang, 160, 2200 + i)}\n" for i in range(8))
    for order, slug in enumerate(["decision-rights", "exception-playbook", "stop-ship-criteria"], 1):
        title = text(lang, 60, 2300 + order).rstrip(".")
        write(
            f"{a.out}/content/pages/{slug}.md",
            f"---\ntitle: {q(title)}\norder: {order}\n---\n\n{paras}\n\n## {text(lang, 70, 2400 + order)}\n\n"
            f"{head}{rows}\n## {w['long'][order]}\n\n{items}",
        )
