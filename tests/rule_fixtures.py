"""What the checks' fixture tests share: each folder of tests/fixtures/<collection>/ is one rule,
with files that break it, and the problems it must report, exactly."""

from __future__ import annotations

from typing import Iterable


def assert_exactly_these_problems(problems: Iterable, expected: list[tuple[str, int, str, list[str]]], relative: str, rule: str) -> list[tuple]:
    """The problems are exactly `expected` — (file in the rule's folder, line, field, words the
    message must contain) — on their path, line and field. Returns (problem, expected item)
    pairs for the callers' own checks."""
    problems = list(problems)
    found = sorted((problem.path, problem.line, problem.field) for problem in problems)
    wanted = sorted((f"{relative}/{rule}/{file}", line, field) for file, line, field, _ in expected)
    assert found == wanted, "\n".join(map(str, problems))
    pairs = []
    for problem in problems:
        item = next(item for item in expected if (f"{relative}/{rule}/{item[0]}", item[1], item[2]) == (problem.path, problem.line, problem.field))
        for word in item[3]:
            assert word in problem.message, f"{problem} should contain {word!r}"
        pairs.append((problem, item))
    return pairs


# Texts the site would render as live code: the checker refuses every one (test_case_studies),
# and the share form refuses them on the same lines (test_share_form).
LIVE_CODE_BODIES = [
    "<script>alert(1)</script>",
    "<SCRIPT/src=x.js></SCRIPT>",
    '<iframe src="https://example.org"></iframe>',
    "<style>body{display:none}</style>",
    '<object data="x.swf"></object>',
    '<img src="x.png" onerror="alert(1)">',
    '<p>\n<span class="a"\n  onclick="alert(1)">x</span>\n</p>',
    "Text\n{: onmouseover=\"alert(1)\" }",
    "[x](https://example.org){: onclick=\"alert(1)\" }",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript&colon;alert(1))",
    "[x][1]\n\n[1]: javascript:alert(1)",
    '<a href="java&#x09;script:alert(1)">x</a>',
    "```\n\n<script>alert(1)</script>\n\n```",
]
