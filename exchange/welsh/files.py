"""Where the site's texts in two languages live: the kinds of record, and the collections written
one folder per record with en.md and cy.md in each. Translation tracking (translations.py) and the
Welsh spelling check (spelling.py) both read this."""

PAGE, CASE_STUDY, NEWS_POST, EVENT = "page", "case study", "news post", "event"
# Collections written one folder per record, en.md and cy.md in each: the folder, the kind of
# record, and the section of the site its pages are in. (Resources are YAML records with some
# fields in English only, by design: exchange/content/resources.py checks their languages.)
FOLDER_COLLECTIONS = {
    "case_studies": (CASE_STUDY, "case-studies"),
    "news": (NEWS_POST, "news"),
    "events": (EVENT, "events"),
}
