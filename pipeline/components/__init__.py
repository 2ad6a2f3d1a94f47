"""presse's spaCy components.  Importing the package registers the attributes several of them share."""
from spacy.tokens import Doc, Span

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
    """The value of a custom attribute, or None when no component registered it (a layer left out)."""
    owner = Span if isinstance(obj, Span) else Doc
    return obj._.get(name) if owner.has_extension(name) else None


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
