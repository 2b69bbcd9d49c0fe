"""Build hook for easy-read pages (front matter `easy_read: true`).

The checks are the same as `scripts/check_easy_read.py`: every problem is logged as a
warning, so the strict build fails instead of publishing an easy-read page that is not easy
to read. The page's look comes from overrides/main.html (class x-easy-read) and exchange.css.
"""

from __future__ import annotations

import logging

from exchange.content import easy_read
from exchange.core.site import page_language

log = logging.getLogger("mkdocs.plugins.exchange.easy_read")


def on_page_markdown(markdown, page, config, files):
    if easy_read.is_easy_read(page.meta) and page.file.abs_src_path:
        for problem in easy_read.check_easy_read_file(page.file.abs_src_path, page_language(page, config)):
            log.warning(f"easy read problem: {problem}")
    return markdown
