"""Search: the per-language Pagefind index and the Welsh readings added to it. Imports core, welsh and content."""
