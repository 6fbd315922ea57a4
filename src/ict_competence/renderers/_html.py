"""The HTML renderer: one self-contained, printable page per object, from jinja2 templates.

Autoescaping is always on, so every text a school typed (notes, names, its own tasks)
reaches the page as text and never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from ict_competence.catalog import Catalog, Cluster, Horizon, TaskOverview
from ict_competence.errors import IctCompetenceError
from ict_competence.renderers._templates import template_loader
from ict_competence.text import Language, LocalizedText, Provenance

if TYPE_CHECKING:
    from ict_competence.dialogue import Reference
    from ict_competence.flow import Advice, RoadmapSession

__all__ = ["RENDERS", "HtmlRenderer", "label"]

#: What the renderer renders, by class name, in the order its error message lists them.
RENDERS = (
    "Catalog",
    "TaskOverview",
    "ConversationGuide",
    "DialogueRecord",
    "Roadmap",
    "RoadmapSession",
    "Allocation",
)

# The page's own words (headings, column names); content carries its own LocalizedText.
_LABELS = {
    "action": LocalizedText("Actie", "Action"),
    "actions": LocalizedText("Afgesproken acties", "Agreed actions"),
    "advice": LocalizedText("Advies", "Advice"),
    "advice_gathered": LocalizedText("Verzameld advies", "Advice gathered"),
    "answer": LocalizedText("Antwoord", "Answer"),
    "applies": LocalizedText("Van toepassing", "Applies"),
    "aspects": LocalizedText("Aspecten", "Aspects"),
    "backup": LocalizedText("Back-up", "Back-up"),
    "basis": LocalizedText("Onderbouwing", "Basis"),
    "branches": LocalizedText("Vervolg", "What follows"),
    "catalog_intro": LocalizedText(
        "Alle taken van ICT-coördinatie, per cluster, met de rollen die ze kunnen opnemen.",
        "Every task of ICT coordination, by cluster, with the roles that can take them.",
    ),
    "catalog_title": LocalizedText("Takenoverzicht ICT-coördinatie", "ICT coordination tasks"),
    "cluster": LocalizedText("Cluster", "Cluster"),
    "clusters": LocalizedText("Clusters", "Clusters"),
    "code": LocalizedText("Code", "Code"),
    "contents": LocalizedText("Inhoud", "Contents"),
    "conversation_notes": LocalizedText("Gespreksverslag", "Conversation record"),
    "core_task": LocalizedText("Kerntaak", "Core task"),
    "current": LocalizedText("huidige stap", "current step"),
    "current_step": LocalizedText("Huidige stap", "Current step"),
    "cycle": LocalizedText("Ronde", "Cycle"),
    "cycle_ends": LocalizedText("einde van de ronde", "end of the cycle"),
    "diagram": LocalizedText("Schema (Mermaid)", "Diagram (Mermaid)"),
    "diagram_intro": LocalizedText(
        "De tekst hieronder beschrijft het schema van het stappenplan; een Mermaid-viewer "
        "tekent het.",
        "The text below describes the roadmap as a flowchart; a Mermaid viewer draws it.",
    ),
    "evidence": LocalizedText("Gegevens", "Evidence"),
    "for": LocalizedText("Voor", "For"),
    "guide_title": LocalizedText("Gespreksleidraad", "Conversation guide"),
    "history": LocalizedText("Verloop", "History"),
    "history_caption": LocalizedText("Alle zetten, de oudste eerst", "Every move, oldest first"),
    "horizon": LocalizedText("Termijn", "Horizon"),
    "hours": LocalizedText("Uren/jaar", "Hours/year"),
    "hours_by_cluster": LocalizedText("Uren per cluster", "Hours by cluster"),
    "hours_by_horizon": LocalizedText("Uren per termijn", "Hours by horizon"),
    "kicker": LocalizedText("ICT-coördinatie op school", "ICT coordination at school"),
    "key_figure": LocalizedText("Sleutelfiguur", "Key figure"),
    "main_question": LocalizedText("Hoofdvraag", "Main question"),
    "move": LocalizedText("Zet", "Move"),
    "needs": LocalizedText("Nodig", "Needs"),
    "next_step": LocalizedText("Volgende stap", "Next step"),
    "no": LocalizedText("nee", "no"),
    "no_advice": LocalizedText("Nog geen advies.", "No advice yet."),
    "no_moves": LocalizedText("Nog geen zetten.", "No moves yet."),
    "no_topics": LocalizedText("Geen onderwerpen gekozen.", "No topics chosen."),
    "note": LocalizedText("Notitie", "Note"),
    "notes": LocalizedText("Opmerkingen", "Notes"),
    "overview_intro": LocalizedText(
        "Per taak: of ze van toepassing is, wanneer, op welk niveau, hoeveel uren en wie ze "
        "opneemt.",
        "For each task: whether it applies, when, at which level, how many hours, and who "
        "takes it.",
    ),
    "overview_title": LocalizedText("Takenoverzicht op maat", "Tailored task overview"),
    "owner": LocalizedText("Eigenaar", "Owner"),
    "pauses": LocalizedText("pauze bij deze stap", "pauses at this step"),
    "phase": LocalizedText("Fase", "Phase"),
    "policy_themes": LocalizedText("Beleidsthema's", "Policy themes"),
    "positions": LocalizedText("Functies", "Positions"),
    "question": LocalizedText("Vraag", "Question"),
    "questions": LocalizedText("Gespreksvragen", "Conversation questions"),
    "reading_tips": LocalizedText("Leestips", "Reading tips"),
    "resources": LocalizedText("Middelen", "Resources"),
    "responsible": LocalizedText("Verantwoordelijke", "Responsible"),
    "revisit": LocalizedText("terug naar stap", "back to step"),
    "risks": LocalizedText("Risico's", "Risks"),
    "roadmap_progress": LocalizedText("Voortgang in het stappenplan", "Progress on the roadmap"),
    "roadmap_intro": LocalizedText(
        "Het stappenplan van één ICT-coördinator naar een ICT-team, stap voor stap.",
        "The roadmap from one ICT coordinator to an ICT team, step by step.",
    ),
    "roles": LocalizedText("Rollen", "Roles"),
    "scope": LocalizedText("Niveau", "Scope"),
    "see_also": LocalizedText("Zie ook de vragen voor", "See also the questions for"),
    "source": LocalizedText("Bron", "Source"),
    "sources": LocalizedText("Bronnen", "Sources"),
    "status": LocalizedText("Status", "Status"),
    "step": LocalizedText("Stap", "Step"),
    "steps": LocalizedText("Stappen", "Steps"),
    "success_criterion": LocalizedText("Succescriterium", "Success criterion"),
    "summary": LocalizedText("Samenvatting", "Summary"),
    "task": LocalizedText("Taak", "Task"),
    "tasks": LocalizedText("Taken", "Tasks"),
    "the_school": LocalizedText("De school", "The school"),
    "theme": LocalizedText("Thema", "Theme"),
    "themes": LocalizedText("Thema's", "Themes"),
    "timeframe": LocalizedText("Termijn", "Timeframe"),
    "topic_status": LocalizedText("Status", "Status"),
    "total": LocalizedText("Totaal", "Total"),
    "total_hours": LocalizedText(
        "Uren van de taken die van toepassing zijn", "Hours of the tasks that apply"
    ),
    "variant": LocalizedText("Vorm van stap 5", "Form of step 5"),
    "variant_open": LocalizedText("nog niet gekozen (stap 4)", "not chosen yet (step 4)"),
    "visited": LocalizedText("doorlopen", "done"),
    "warnings": LocalizedText("Aandachtspunten", "Points of attention"),
    "yes": LocalizedText("ja", "yes"),
    "allocation_title": LocalizedText("Verdeling van de ICT-taken", "Division of the ICT tasks"),
    "allocation_intro": LocalizedText(
        "Een voorstel om in overleg te bespreken (stap 7): wie welke taak opneemt, wie invalt, "
        "en wat te rekruteren of uit te besteden is.",
        "A proposal to discuss together (step 7): who takes which task, who backs them up, "
        "and what to recruit or outsource.",
    ),
    "coverage": LocalizedText("Gedekte uren", "Hours covered"),
    "assigned": LocalizedText("Toegewezen taken", "Tasks assigned"),
    "decided": LocalizedText("Te rekruteren of uit te besteden", "To recruit or outsource"),
    "solver": LocalizedText("Methode", "Method"),
    "proven": LocalizedText("bewezen optimaal", "proven optimal"),
    "gap": LocalizedText("afstand tot optimum hoogstens", "gap to the optimum at most"),
    "people": LocalizedText("Mensen", "People"),
    "person": LocalizedText("Persoon", "Person"),
    "hours_used": LocalizedText("Uren ingezet", "Hours used"),
    "hours_available": LocalizedText("Uren beschikbaar", "Hours available"),
    "suggested_role": LocalizedText("Voorgestelde rol", "Suggested role"),
    "assignments": LocalizedText("Toewijzingen", "Assignments"),
    "no_backup": LocalizedText("geen back-up", "no back-up"),
    "decisions": LocalizedText("Te rekruteren of uit te besteden", "To recruit or outsource"),
    "decision": LocalizedText("Beslissing", "Decision"),
    "reason": LocalizedText("Reden", "Reason"),
    "recruit": LocalizedText("rekruteren", "recruit"),
    "outsource": LocalizedText("uitbesteden", "outsource"),
}


def label(key: str, language: Language = "nl") -> str:
    """One of the page's own words in ``language``; templates call it as ``label(key)``.

    >>> label("task"), label("task", "en")
    ('Taak', 'Task')
    """
    return _LABELS[key].get(language)


def _cite(provenance: Provenance, common: str | None = None) -> str:
    """A provenance in a few words: only its locator when the table names the source once.

    >>> where = Provenance("003.txt", "line 101")
    >>> _cite(where), _cite(where, common="003.txt"), _cite(where, common="004.txt")
    ('003.txt, line 101', 'line 101', '003.txt, line 101')
    """
    if common is not None and provenance.source == common and provenance.locator:
        return provenance.locator
    return str(provenance)


def _common_source(provenances: Iterable[object]) -> str | None:
    """The one source file every given provenance cites, or ``None`` when they differ."""
    sources = {p.source for p in provenances if isinstance(p, Provenance)}
    return sources.pop() if len(sources) == 1 else None


def _localized(text: LocalizedText, language: Language) -> str:
    return text.get(language)


def _number(value: float, language: Language = "nl") -> str:
    """Hours as a person writes them: at most one decimal, a decimal comma in Dutch.

    >>> _number(1600.0), _number(12.5), _number(12.5, "en")
    ('1600', '12,5', '12.5')
    """
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if language == "nl" else text


def _tip_groups(tips: Iterable[Reference]) -> list[tuple[LocalizedText | None, list[Reference]]]:
    """Reading tips in runs that share one sentence, so the sentence is shown once."""
    return [(sentence, list(run)) for sentence, run in groupby(tips, key=lambda tip: tip.tip)]


@lru_cache(maxsize=8)
def _environment(template_dir: Path | None) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=template_loader(template_dir),
        undefined=jinja2.StrictUndefined,
        # On for every template, a user's own too, whatever its file name.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cite"] = _cite
    environment.filters["localized"] = _localized
    environment.filters["number"] = _number
    environment.filters["tip_groups"] = _tip_groups
    environment.globals["common_source"] = _common_source
    return environment


def _page(obj: object, language: Language) -> tuple[str, dict[str, object]] | None:
    """The template for ``obj`` and what it needs beyond the object, or ``None``."""
    if isinstance(obj, Catalog):
        return "catalog.html.j2", {"clusters": tuple(Cluster)}
    if isinstance(obj, TaskOverview):
        return "overview.html.j2", {
            "clusters": tuple(Cluster),
            "horizons": tuple(Horizon),
            "summary": obj.summary(),
        }
    return _roadmap_or_dialogue_page(obj, language)


def _roadmap_or_dialogue_page(
    obj: object, language: Language
) -> tuple[str, dict[str, object]] | None:
    # The roadmap and the dialogue load on first use (see ict_competence.__init__): importing
    # the renderer must not load them, so they are looked up only for what is not a catalog.
    from ict_competence import allocation, dialogue, flow  # noqa: PLC0415

    if isinstance(obj, allocation.Allocation):
        return "allocation.html.j2", {
            "spof": set(obj.single_points_of_failure),
            "profiles": obj.profiles(),
        }
    if isinstance(obj, dialogue.ConversationGuide):
        return "guide.html.j2", {"guide": obj, "record": None}
    if isinstance(obj, dialogue.DialogueRecord):
        return "guide.html.j2", {"guide": obj.guide(), "record": obj}
    if isinstance(obj, flow.RoadmapSession):
        return "session.html.j2", {
            "roadmap": obj.roadmap,
            "advice": _sourced_advice(obj),
            "mermaid": flow.to_mermaid(obj, language=language),
        }
    if isinstance(obj, flow.Roadmap):
        return "roadmap.html.j2", {
            "roadmap": obj,
            "mermaid": flow.to_mermaid(obj, language=language),
        }
    return None


def _sourced_advice(session: RoadmapSession) -> list[tuple[Advice, Provenance | None]]:
    """Each advice of the session with the provenance of the branch advice it came from."""
    return [
        (
            advice,
            next(
                (
                    given.provenance
                    for branch in session.roadmap.step(advice.step).branches
                    for given in branch.advice
                    if given.actor is advice.actor and given.text == advice.text
                ),
                None,
            ),
        )
        for advice in session.advice
    ]


def _template_error(name: str, exc: jinja2.TemplateError) -> IctCompetenceError:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name or name}, line {exc.lineno}"
        return IctCompetenceError(f"html template {where}: {exc.message}")
    return IctCompetenceError(f"html template {name!r}: {exc}")


class HtmlRenderer:
    """Renders the catalog, an overview, a conversation guide or record, or the roadmap as HTML.

    Each page is one self-contained HTML5 document with its CSS inline, readable and
    printable without JavaScript. Labels are Dutch unless ``language="en"``.

    >>> from ict_competence import load_catalog
    >>> page = HtmlRenderer().render(load_catalog(), language="en")
    >>> page.startswith("<!doctype html>"), '<html lang="en">' in page
    (True, True)
    """

    name = "html"
    media_type = "text/html"

    def render(self, obj: object, **options: object) -> str:
        """Render ``obj``; options: ``language`` ("nl" or "en"), ``template_dir`` (a folder).

        Raises:
            IctCompetenceError: an unknown option or language, an object it does not
                render, or a user's template that fails (its name and line are given).
        """
        language = options.pop("language", "nl")
        template_dir = options.pop("template_dir", None)
        if options:
            raise IctCompetenceError(
                f"unknown html option(s): {', '.join(sorted(options))}; "
                "known: language, template_dir"
            )
        if language not in ("nl", "en"):
            raise IctCompetenceError(f"language must be 'nl' or 'en', found {language!r}")
        if template_dir is not None and not isinstance(template_dir, str | Path):
            raise IctCompetenceError("template_dir must be a folder path")
        chosen: Language = "en" if language == "en" else "nl"
        page = _page(obj, chosen)
        if page is None:
            raise IctCompetenceError(
                f"the html renderer renders {', '.join(RENDERS)}, not {type(obj).__name__}"
            )
        name, context = page
        environment = _environment(Path(template_dir) if template_dir else None)
        try:
            template = environment.get_template(name)
            return template.render(
                obj=obj, language=chosen, label=partial(label, language=chosen), **context
            )
        except jinja2.TemplateError as exc:
            raise _template_error(name, exc) from None
