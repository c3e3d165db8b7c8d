"""Analysis chains shared by every Kennisbank index.

Dutch text is lower-cased, folded to ASCII (so "coöperatie" finds "cooperatie"),
stripped of Dutch stop words and stemmed with the Snowball Dutch stemmer, so
"gemeenten" finds "gemeente". Uses only analysis-common names, which the local
node gets from search/elasticsearch_plugin and production from Elastic's image.
"""

from elasticsearch_dsl import analyzer, token_filter

dutch_stop = token_filter("dutch_stop", "stop", stopwords="_dutch_")
dutch_stemmer = token_filter("dutch_stemmer", "stemmer", language="dutch")

dutch_text = analyzer(
    "dutch_text",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer],
)
