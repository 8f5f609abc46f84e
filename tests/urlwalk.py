"""Every URL pattern of the project, read from the URLconf, with a sample path for each,
so that permission tests cover pages nobody remembered to list."""

import itertools
import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

# Values tried for each URL argument; reverse() keeps the first one the pattern accepts.
_SAMPLE_VALUES = ("1", "x", "csv", "00000000-0000-0000-0000-000000000001")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>([^()]*)\)")


@dataclass(frozen=True)
class WalkedUrl:
    name: str  # namespaced, e.g. "registry:index"
    path: str  # a concrete path for GET/POST, e.g. "/registri/"


def _leaf_patterns(resolver: URLResolver, namespace: str = "", regex_source: str = ""):
    for pattern in resolver.url_patterns:
        source = regex_source + pattern.pattern.regex.pattern.lstrip("^")
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _leaf_patterns(pattern, inner, source)
        elif isinstance(pattern, URLPattern):
            yield namespace, pattern, source


def _candidates(group_name: str, regex_source: str) -> list[str]:
    values = list(_SAMPLE_VALUES)
    for name, body in _NAMED_GROUP.findall(regex_source):
        # An alternation of plain words (the admin's app_label) offers its first word.
        if name == group_name and re.fullmatch(r"[\w|]+", body):
            values.insert(0, body.split("|")[0])
    return values


def walk_urls() -> tuple[list[WalkedUrl], list[str]]:
    """All named URL patterns with a sample path, and the regexes of unnamed ones
    (those cannot be reversed; a test decides whether they are acceptable)."""
    walked, unnamed = [], []
    for namespace, pattern, source in _leaf_patterns(get_resolver()):
        if not pattern.name:
            unnamed.append(source)
            continue
        name = namespace + pattern.name
        compiled = re.compile(source)
        if compiled.groups and not compiled.groupindex:
            # Positional groups (simple_history's admin views): reverse with args.
            walked.append(WalkedUrl(name, reverse(name, args=["1"] * compiled.groups)))
            continue
        arg_names = list(pattern.pattern.regex.groupindex) + _outer_group_names(source, pattern)
        walked.append(WalkedUrl(name, _sample_path(name, arg_names, source)))
    return walked, unnamed


def _outer_group_names(source: str, pattern: URLPattern) -> list[str]:
    inner = set(pattern.pattern.regex.groupindex)
    return [name for name in re.compile(source).groupindex if name not in inner]


def _sample_path(name: str, arg_names: list[str], source: str) -> str:
    options = [_candidates(arg, source) for arg in arg_names]
    for values in itertools.product(*options):
        try:
            return reverse(name, kwargs=dict(zip(arg_names, values, strict=True)))
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a sample path for {name} ({source})")
