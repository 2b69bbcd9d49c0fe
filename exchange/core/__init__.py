"""Core helpers every layer may use: problems, front matter, data files, interface strings, vocabulary,
language and address helpers, the checkers' command line. Imports nothing else of the package."""
