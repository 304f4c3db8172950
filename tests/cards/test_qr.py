import random
import string

import pytest
import segno

from regdesk.cards.qr import qr_matrix, runs_operators, segno_matrix
from regdesk.cards.qrencode import fast_matrix


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_fast_matrix_equals_segno(error):
    rng = random.Random(7)
    lengths = [0, 1, 2, 15, 16, 17, 30, 60, 120, 163, 170, 250, 400]
    for n in lengths:
        text = "".join(rng.choice(string.ascii_letters + string.digits + "-_.") for _ in range(n))
        assert fast_matrix(text, error) == segno_matrix(text, error), (n, error)


def test_fixed_mask_and_version():
    text = "RD1." + "A" * 72 + "." + "b" * 86
    code = segno.make(text, error="m", mode="byte", mask=0, micro=False, boost_error=False)
    assert code.mask == 0
    assert len(qr_matrix(text)) == code.symbol_size(border=0)[0]


def test_non_ascii_goes_to_segno():
    assert qr_matrix("Désa") == segno_matrix("Désa")


def test_runs_cover_exactly_the_dark_modules():
    matrix = qr_matrix("STM-2026-000123")
    n = len(matrix)
    dark = set()
    for op in runs_operators(matrix).splitlines():
        x, y, w, h, name = op.split()
        assert name == "re" and h == "1"
        dark |= {(n - 1 - int(y), int(x) + k) for k in range(int(w))}
    assert dark == {(r, c) for r in range(n) for c in range(n) if matrix[r][c]}
