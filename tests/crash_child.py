"""Child process for the crash tests: applies a random edit stream to a review, reporting each
edit's expected outcome *before* it commits ("pending <digest>") and again after ("committed
<digest>"), until it is killed. Run: python crash_child.py FILE SEED."""

from __future__ import annotations

import hashlib
import json
import random
import sys

from review_strategies import random_edit

from pm_desktop.domain.edits import EditError
from pm_desktop.export.json_export import review_to_dict
from pm_desktop.store.document import Document


def digest(review) -> str:
    data = review_to_dict(review, lambda sha: b"")
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def main() -> None:
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    doc = Document.open(path)
    print(f"committed {digest(doc.review)}", flush=True)
    while True:
        preview = doc.review.copy()
        try:
            edit = random_edit(rng, preview)
            edit.apply(preview)
        except EditError:
            continue
        print(f"pending {digest(preview)}", flush=True)
        doc.apply(edit)
        print(f"committed {digest(doc.review)}", flush=True)


if __name__ == "__main__":
    main()
