"""Quality: checks on the built site (links and anchors, HTML validity, page weight). Imports core only."""
