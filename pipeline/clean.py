"""From a raw page or text to the article's text: trafilatura for HTML, a line filter for both.

HTML goes through trafilatura with metadata (title, date, URL, author, site name),
with the settings chosen by `benchmarks/extraction.py`.  Text, and trafilatura's
output too, then passes a line filter whose patterns are data in
`models/clean/boilerplate.tsv`: theme licence nags, share buttons, "Lire aussi",
related-posts blocks, cookie banners, author bios.  Paragraphs of the result are
separated by a blank line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from lxml.html import HtmlElement

from .sources import decode_bytes
from .tables import MODELS_DIR, read_table

BOILERPLATE_TABLE = MODELS_DIR / "clean" / "boilerplate.tsv"

# Chosen by measurement (benchmarks/extraction.py: 87 pages, five CMS layouts, token F1).  Bare
# trafilatura: defaults 0.946, favor_precision 0.953.  With layout tables unwrapped, our line filter
# and the title first: balanced 0.995 (P 0.992, R 0.999); favor_precision the same, lower recall
# before the title; favor_recall 0.972; dropping tables 0.992, losing every data table.
# Never `deduplicate`: its cache outlives a call and blanks the next copy of an article.
TRAFILATURA_SETTINGS = dict(
    favor_precision=False,
    favor_recall=False,
    include_comments=False,
    include_tables=True,
    deduplicate=False,
)
# Above this many characters a page goes to the fast extractor, not trafilatura's full one: measured
# (benchmarks/salted.py) trafilatura takes ~3 s per MB of repeated blocks and minutes on some large pages;
# real article pages are far below it.
FULL_EXTRACTION_MAX_CHARS = 1_000_000
# libxml2 stops building the tree below this depth: a deeper page loses its text in trafilatura.
LIBXML_MAX_DEPTH = 255
# Dates from the page's metadata only: a date found in the running text is an event date,
# not the publication date.
DATE_PARAMS = {"extensive_search": False, "original_date": True}

# End markers ("Articles similaires") close the article only after this much text.
MIN_TEXT_BEFORE_END = 200
# Share of control or replacement characters above which input is binary junk.
MAX_JUNK_SHARE = 0.05
# A table holding any of these, or a cell with this much text, lays out a page: it is no data table.
LAYOUT_TABLE_TAGS = ("table", "h1", "h2", "h3", "article", "nav", "form", "header", "footer")
LAYOUT_CELL_CHARS = 400
TABLE_TAGS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")

_WORD = re.compile(r"\w+")
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_RUNS = re.compile(r"[ \t]{2,}")
_TABLE_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")


@dataclass
class Cleaned:
    """The article text and what the page says about it."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO date from page metadata
    url: str | None = None
    author: str | None = None
    sitename: str | None = None


class NoArticleError(ValueError):
    """The input holds no article text (empty, boilerplate only, junk)."""


@dataclass(frozen=True)
class _Rules:
    cut: tuple[re.Pattern, ...]
    line: tuple[re.Pattern, ...]
    end: tuple[re.Pattern, ...]
    tail: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    """The boilerplate table, compiled once per process."""
    by_kind: dict[str, list[re.Pattern]] = {"cut": [], "line": [], "end": [], "tail": []}
    for row in read_table(BOILERPLATE_TABLE):
        if row["kind"] not in by_kind:
            raise ValueError(f"{BOILERPLATE_TABLE}: unknown kind {row['kind']!r}")
        by_kind[row["kind"]].append(re.compile(row["pattern"], re.IGNORECASE))
    return _Rules(**{kind: tuple(patterns) for kind, patterns in by_kind.items()})


def _matches(patterns: tuple[re.Pattern, ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def clean_text(text: str) -> str:
    """The article lines of `text`, boilerplate removed; raises NoArticleError if none remain.

    A line goes only when a pattern of the boilerplate table says so, never for being
    short: subheadings, datelines ("SOLEUVRE.") and officer lists ("vice-président :
    André Ménétrez ;") are article text, and a one-word text is an article.  Lines are
    compared stripped; kept lines are stripped of surrounding whitespace, runs of blank
    lines become one blank line (the paragraph separator).
    """
    rules = _rules()
    out: list[str | None] = []  # None: a dropped line; "": a blank line
    seen = 0
    for raw in text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw
        for pattern in rules.cut:
            line = pattern.sub("", line)
        if line != raw:
            line = _SPACE_RUNS.sub(" ", line)  # where a nag was cut out of a sentence
        line = line.strip()
        if not line:
            out.append(None if raw.strip() else "")
        elif _matches(rules.end, line):
            if seen >= MIN_TEXT_BEFORE_END:
                break
            out.append(None)
        elif _matches(rules.line, line):
            out.append(None)
        else:
            out.append(line)
            seen += len(line)
    # Author bios sit between the last paragraph and the end markers: drop them from the end back.
    # A text that is only such a line is not a bio after an article: it stays.
    kept_at = [i for i, line in enumerate(out) if line]
    for i in reversed(kept_at[1:]):
        if not _matches(rules.tail, out[i]):
            break
        out[i] = None
    kept = "\n".join(line for line in out if line is not None)
    kept = _BLANK_RUNS.sub("\n\n", kept).strip()
    if not _WORD.search(kept):
        raise NoArticleError("no article text: empty or only boilerplate lines")
    return kept


def decode_html(data: bytes) -> str:
    """Bytes of a page to text, in the readers' one decoding order (`sources.decode_bytes`)."""
    return decode_bytes(data, html=True)[0]


def _check_not_junk(html: str) -> None:
    head = html[:4096]
    if not head.strip():
        raise NoArticleError("empty page")
    junk = sum(1 for c in head if c == "\ufffd" or (ord(c) < 32 and c not in "\t\n\r\f"))
    if junk > MAX_JUNK_SHARE * len(head):
        raise NoArticleError(f"binary data, not an HTML page ({junk} control bytes in the first {len(head)})")


def _is_layout_table(table: HtmlElement) -> bool:
    if any(True for _ in table.iterdescendants(*LAYOUT_TABLE_TAGS)):
        return True
    return any(len(cell.text_content()) > LAYOUT_CELL_CHARS for cell in table.iter("td", "th"))


def unwrap_layout_tables(tree: HtmlElement) -> HtmlElement:
    """Turn tables that lay out a page (old CMSs) into divs, so that only data tables stay tables.

    trafilatura keeps a table whole when tables are included: a layout table would
    bring the page's menus and sidebars into the text.
    """
    for table in [t for t in tree.iter("table") if _is_layout_table(t)]:
        # its own rows and cells only: a data table nested in a layout cell stays a table
        own = [el for el in table.iterdescendants(*TABLE_TAGS[1:])
               if next(el.iterancestors("table"), None) is table]
        for element in [table, *own]:
            element.tag = "div"
    return tree


def load_page(html: str | bytes) -> HtmlElement:
    """Decode, reject junk, parse, drop navigation and unwrap layout tables: the tree that trafilatura reads.

    A `<nav>` is never article text; without it, trafilatura's fallback on a page with
    no article would return the menu.
    """
    from trafilatura.utils import load_html  # imported by HTML inputs only: ~0.15 s of every worker's start-up

    if isinstance(html, bytes):
        html = decode_html(html)
    _check_not_junk(html)
    tree = load_html(html)
    if tree is None:
        raise NoArticleError("not an HTML page")
    for nav in list(tree.iter("nav")):
        nav.drop_tree()
    return unwrap_layout_tables(tree)


def with_title(text: str, title: str | None) -> str:
    """The title as the first paragraph, as in text inputs, unless one of the first paragraphs is it."""
    if not title:
        return text
    key = " ".join(title.split()).casefold()
    opening = [" ".join(p.split()).casefold() for p in text.split("\n\n")[:3]]
    if any(p == key or p.startswith(key) for p in opening):
        return text
    return f"{title}\n\n{text}"


def paragraphs(extracted: str) -> str:
    """trafilatura's lines as paragraphs separated by a blank line; the rows of a table stay together."""
    blocks: list[str] = []
    for line in extracted.split("\n"):
        line = line.strip()
        if not line or _TABLE_RULE.fullmatch(line):
            continue
        if line.startswith("|") and blocks and blocks[-1].startswith("|"):
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return "\n\n".join(blocks)


def clean_html(html: str | bytes, url: str | None = None) -> Cleaned:
    """Article text and metadata of an HTML page; raises NoArticleError when it holds no article.

    The text opens with the page's title, as text inputs do.  A page over
    `FULL_EXTRACTION_MAX_CHARS`, or one nested deeper than libxml2 builds, is read
    by the fast extractor (`fast_text`), linear in the page's size.
    """
    from trafilatura import bare_extraction

    if isinstance(html, bytes):
        html = decode_html(html)
    if len(html) > FULL_EXTRACTION_MAX_CHARS:
        return fast_clean(html, url)
    doc = bare_extraction(load_page(html), url=url, with_metadata=True,
                          date_extraction_params=DATE_PARAMS, **TRAFILATURA_SETTINGS)
    if doc is None or not (doc.text or "").strip():
        collector = fast_text(html)
        if collector.max_depth > LIBXML_MAX_DEPTH:
            return fast_clean(html, url, collector)
        raise NoArticleError("no article found in the HTML page")
    return Cleaned(
        text=with_title(clean_text(paragraphs(doc.text)), doc.title),
        title=doc.title or None,
        published=doc.date or None,
        url=doc.url or url,
        author=doc.author or None,
        sitename=doc.sitename or None,
    )


class TextCollector(HTMLParser):
    """The visible text of a page as paragraphs, in one pass with no tree (so no depth limit)."""
    HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "footer", "form"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "blockquote", "header", "main", "table", "ul", "ol", "dd", "dt", "pre"}
    VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False
        self.depth = self.max_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1
            self.max_depth = max(self.max_depth, self.depth)
        self.in_title = tag == "title" or self.in_title
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(self.depth - 1, 0)
        if tag == "title":
            self.in_title = False
        if tag in self.HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def fast_text(html: str) -> TextCollector:
    collector = TextCollector()
    collector.feed(html)
    collector.close()
    return collector


def fast_clean(html: str, url: str | None = None, collector: TextCollector | None = None) -> Cleaned:
    """The fast extractor: visible text by paragraphs, then the line filter; title, no other metadata."""
    collector = collector or fast_text(html)
    title = " ".join("".join(collector.title).split()) or None
    lines = (" ".join(block.split()) for block in "".join(collector.parts).split("\n\n"))
    text = "\n\n".join(line for line in lines if line)
    return Cleaned(text=with_title(clean_text(text), title), title=title, url=url)
