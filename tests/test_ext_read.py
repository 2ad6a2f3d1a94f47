"""`ext` reads doc.user_data directly for an attribute with no getter: the same value as spaCy's `._`."""
import spacy
from spacy.tokens import Doc, Span

from pipeline.components import ext

for _cls in (Doc, Span):
    for _name, _default in (("t_ext_plain", None), ("t_ext_default", "x"), ("t_ext_list", [])):
        if not _cls.has_extension(_name):
            _cls.set_extension(_name, default=_default)
if not Span.has_extension("t_ext_getter"):
    Span.set_extension("t_ext_getter", getter=lambda s: s.text.upper())


def test_ext_reads_what_spacy_reads():
    doc = spacy.blank("fr")("Le ministre est arrivé à Dakar hier.")
    span, other = doc[5:6], doc[1:3]
    span._.t_ext_plain = {"timex": "2020"}
    doc._.t_ext_plain = "doc"
    for obj in (doc, span, other):
        for name in ("t_ext_plain", "t_ext_default", "t_ext_list"):
            assert ext(obj, name) == obj._.get(name)
    assert ext(span, "t_ext_plain") is span._.t_ext_plain
    assert ext(doc[5:6], "t_ext_plain") == {"timex": "2020"}  # a new Span over the same characters
    assert ext(span, "t_ext_getter") == "DAKAR"
    assert ext(span, "t_ext_unregistered") is None and ext(doc, "t_ext_unregistered") is None
    lst = ext(other, "t_ext_list")
    lst.append(1)
    assert other._.t_ext_list == [1]  # spaCy stored the mutable default's copy
