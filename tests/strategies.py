"""Hypothesis strategies for the foundation's domain classes, one composite each, bottom-up."""

from __future__ import annotations

from hypothesis import strategies as st

from ict_competence.catalog import (
    Catalog,
    Cluster,
    CoreCriterion,
    Domain,
    Horizon,
    SchoolType,
    Scope,
    Task,
    TaskChoice,
    TaskOverview,
    load_catalog,
)
from ict_competence.text import LocalizedText, Provenance

# Text a person might type, including characters spreadsheets and JSON treat specially,
# but not the C0 control characters a workbook cannot store at all.
_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc"),
    include_characters="\n\t",
)
text = st.text(_CHARACTERS, max_size=40)
non_blank_text = text.filter(lambda value: value.strip() != "")
formula_like = st.sampled_from(["=", "+", "-", "@"]).flatmap(
    lambda start: text.map(lambda rest: start + rest)
)
user_text = st.one_of(text, formula_like)
codes = st.from_regex(r"[A-Z]{2,5}-[0-9]{2}", fullmatch=True)
# Hours to the hundredth: a spreadsheet keeps 15 significant digits, and nobody plans finer.
hours = st.one_of(
    st.integers(min_value=0, max_value=2000).map(float),
    st.integers(min_value=0, max_value=200_000).map(lambda cents: cents / 100),
)


def _not_blank(value: str) -> bool:
    return value.strip() != ""


@st.composite
def localized_texts(draw: st.DrawFn, words: st.SearchStrategy[str] = text) -> LocalizedText:
    """A Dutch text with an English one (possibly empty), drawn from ``words``."""
    return LocalizedText(draw(words.filter(_not_blank)), draw(words))


@st.composite
def provenances(draw: st.DrawFn, words: st.SearchStrategy[str] = text) -> Provenance:
    """A source file and a place in it, drawn from ``words``."""
    return Provenance(draw(words.filter(_not_blank)), draw(words))


@st.composite
def tasks(draw: st.DrawFn, code: st.SearchStrategy[str] = codes) -> Task:
    """A task of any cluster with consistent strategic / criterion fields."""
    strategic = draw(st.booleans())
    return Task(
        code=draw(code),
        cluster=draw(st.sampled_from(Cluster)),
        domain=draw(st.sampled_from(Domain)),
        description=draw(localized_texts()),
        strategic=strategic,
        criterion=draw(st.none() | st.sampled_from(CoreCriterion)) if strategic else None,
        required_level=draw(st.integers(1, 3)),
        scope=draw(st.sampled_from(Scope)),
        applies_to=tuple(draw(st.lists(st.sampled_from(SchoolType), unique=True, max_size=3))),
        candidates=tuple(draw(st.lists(st.sampled_from(["tict", "pict"]), unique=True))),
        hours_per_year=draw(hours),
        provenance=draw(provenances()),
    )


@st.composite
def task_choices(draw: st.DrawFn, task: st.SearchStrategy[Task] | None = None) -> TaskChoice:
    """A school's choice about one task, with free text that may look like a formula."""
    return TaskChoice(
        task=draw(task if task is not None else tasks()),
        applies=draw(st.booleans()),
        horizon=draw(st.sampled_from(Horizon)),
        scope=draw(st.sampled_from([Scope.SCHOOL, Scope.SCHOOL_GROUP])),
        hours_per_year=draw(hours),
        responsible=draw(user_text),
        backup=draw(user_text),
        notes=draw(user_text),
    )


@st.composite
def task_overviews(draw: st.DrawFn, max_size: int = 12) -> TaskOverview:
    """An overview of distinct tasks."""
    codes_drawn = draw(st.lists(codes, unique=True, max_size=max_size))
    return TaskOverview(
        tuple(draw(task_choices(tasks(code=st.just(code)))) for code in codes_drawn)
    )


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    """A catalog with generated tasks beside the built-in roles, competences and clusters."""
    builtin = load_catalog()
    codes_drawn = draw(st.lists(codes, unique=True, max_size=8))
    roles = draw(st.lists(st.sampled_from(builtin.roles), unique_by=lambda r: r.code, min_size=2))
    if not {"tict", "pict"} <= {role.code for role in roles}:
        roles += [builtin.role("tict"), builtin.role("pict")]
        roles = list({role.code: role for role in roles}.values())
    return Catalog(
        builtin.clusters,
        tuple(draw(tasks(code=st.just(code))) for code in codes_drawn),
        tuple(roles),
        builtin.competences,
    )
