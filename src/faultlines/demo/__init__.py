"""The bundled demo corpus: short news briefs on Iraqi politics, 2004-2010.

The briefs were written for faultlines from well-known public facts, in the project's own
words, by fictional outlets ("Tigris Wire", "Gulf Ledger", "Two Rivers Review", "Meridian Desk").
They are built so the pipeline can show alignments that change over time: Nouri al-Maliki with
Moqtada al-Sadr in 2006 and against him in 2008 (and with him again in late 2010), and the United
States against Sunni tribal leaders in 2004-2005 but allied with the Anbar Awakening in 2007.
See ``docs/demo.md`` for an outline by year.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from faultlines.errors import InputError

__all__ = ["DEMO_CORPUS_NAME", "demo_corpus_path"]

#: File name of the corpus inside the package (JSONL: id, date, source, author, title, text).
DEMO_CORPUS_NAME = "briefs.jsonl"


def demo_corpus_path() -> Path:
    """Return the path of the bundled demo corpus (a JSONL file readable by ``faultlines.ingest``).

    The file ships as package data, so the path works from a source checkout and from an
    installed wheel alike (wheels are unpacked on disk, so no temporary copy is needed).

    Returns
    -------
    Path
        Absolute path of ``faultlines/demo/data/briefs.jsonl``.

    Raises
    ------
    InputError
        If the package was installed without its data files.

    Examples
    --------
    >>> demo_corpus_path().name
    'briefs.jsonl'
    """
    resource = resources.files("faultlines.demo").joinpath("data", DEMO_CORPUS_NAME)
    path = Path(str(resource))
    if not path.is_file():
        raise InputError(
            str(path),
            "the demo corpus is missing from the installed package; reinstall faultlines "
            "(`pip install -e .`) so that package data under faultlines/demo/data is included",
        )
    return path
