"""The JSON Lines interchange format for casusbladen and lessen (import and export).

schema: the one table between JSON keys and model fields; records: checking lines;
importer and exporter: the two directions; the rest are their shared helpers.
"""
