"""presse's spaCy components.  Importing the package registers the attributes several of them share."""
from urllib.parse import urlsplit

import pycountry
from spacy.tokens import Doc, Span
from spacy.tokens.underscore import Underscore

DOC_EXTENSIONS = {
    # ISO publication date of the article (or None), set before the pipeline: the anchor of relative dates.
    "published": None,
    # The article's address (or None), set before the pipeline: its country-code domain says the paper's country.
    "url": None,
}
for _name, _default in DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def ext(obj: Doc | Span, name: str):
    """The value of a custom attribute, or None when no component registered it (a layer left out).
    An attribute with no getter is read off `doc.user_data` under spaCy's own key, not through a new
    `Underscore` per read; a missing mutable default is left to spaCy (it stores a copy)."""
    span = isinstance(obj, Span)
    spec = (Underscore.span_extensions if span else Underscore.doc_extensions).get(name)
    if spec is None:
        return None
    default, method, getter, _ = spec
    if getter is None and method is None:
        data = obj.doc.user_data if span else obj.user_data
        key = ("._.", name, obj.start_char, obj.end_char) if span else ("._.", name, None, None)
        if key in data:
            return data[key]
        if not isinstance(default, Underscore.mutable_types):
            return default
    return obj._.get(name)


# Country-code domains that say no country: sold to anyone (".tv", ".io"), or a union's (".eu").
_OPEN_DOMAINS = frozenset({"eu", "tv", "io", "co", "me", "fm", "ai", "ly", "cc", "ws", "to", "gg", "nu", "tk"})
# A domain that is no ISO alpha-2 of its country, and French overseas lands, which the places layer puts in France.
_DOMAIN_COUNTRY = {"uk": "GB",
                   **dict.fromkeys(("re", "gp", "mq", "gf", "yt", "nc", "pf", "pm", "wf", "bl", "mf", "tf"), "FR")}


def domain_country(url: str | None) -> str | None:
    """"https://lematin.ma/..." -> MA, "www.lesoir.be" -> BE, "nouvelles.nc" -> FR: the country of an
    address's country-code domain; None for a generic one (".com", ".org", ".info", ".eu")."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in _OPEN_DOMAINS:
        return None
    if tld in _DOMAIN_COUNTRY:
        return _DOMAIN_COUNTRY[tld]
    return tld.upper() if pycountry.countries.get(alpha_2=tld.upper()) else None


def press_country(doc: Doc) -> str | None:
    """The paper's own country as its address tells it (`doc._.url`, set before the pipeline), or None;
    a dateline and the text's own words say more and win over it.  Read by the places layer (whose
    towns win over namesakes) and the events (whose officials are the paper's) through `countries`."""
    return domain_country(ext(doc, "url"))


def _event_key(span: Span) -> tuple:
    return ("presse.event", span.start_char, span.end_char, span.label, span.id)


def _get_event(span: Span):
    return span.doc.user_data.get(_event_key(span))


def _set_event(span: Span, value) -> None:
    span.doc.user_data[_event_key(span)] = value


if not Span.has_extension("event"):
    # The event an evidence span records (presse_interests, presse_events).  Keyed by the
    # span's label and id as well as its offsets: two events may share one sentence,
    # which a plain `default=` extension (keyed by offsets only) would conflate.
    Span.set_extension("event", getter=_get_event, setter=_set_event)
