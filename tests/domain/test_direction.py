"""A paragraph reads right to left when its first strong letter does."""

from __future__ import annotations

import pytest

from pm_desktop.domain.direction import is_rtl


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("فشل الاتصال بقاعدة البيانات", True),
        ("שגיאה בשרת", True),
        ("42 – مرحبا", True),  # digits and punctuation are not strong
        ("API مرحبا", False),
        ("मुद्दा", False),
        ("ผู้ใช้", False),
        ("", False),
        (None, False),
        ("\u2067abc\u2069 שלום", True),  # an isolate is skipped
        ("😀 ...", False),
    ],
)
def test_first_strong_letter_decides(text, rtl):
    assert is_rtl(text) is rtl
