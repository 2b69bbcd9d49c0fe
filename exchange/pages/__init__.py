"""Pages: views and generated pages built from content records (case studies, contacts, listings, feeds,
the share form) and the preview rebuild rules. Imports core, welsh and content."""
