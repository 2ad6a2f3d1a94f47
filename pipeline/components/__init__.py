"""presse's spaCy components.  Importing the package registers the Doc attributes all of them read."""
from spacy.tokens import Doc

DOC_EXTENSIONS = {
    # ISO publication date of the article (or None), set before the pipeline: the anchor of relative dates.
    "published": None,
}
for _name, _default in DOC_EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
