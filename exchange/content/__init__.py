"""Content: one typed record per source file for each collection (case studies, news, events, resources,
glossary, statistics, easy read, contacts), with its loading and its checks. Imports core and welsh only."""
