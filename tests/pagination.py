"""Reading a list page's pagination links in tests."""

import re
from html import unescape
from urllib.parse import parse_qs

from cilegon_umkm.kernel.query import PAGE


def page_links(html: str) -> dict[int, dict[str, list[str]]]:
    """The page's links to other pages of its list: {page number: the link's whole query}."""
    links = {}
    for href in re.findall(r'href="\?([^"]*)"', html):
        query = parse_qs(unescape(href))
        if PAGE in query:
            links[int(query[PAGE][0])] = query
    return links
