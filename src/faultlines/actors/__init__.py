"""Actors stage: find actor mentions in parsed documents and resolve them to stable ids.

>>> from faultlines.actors import ActorResolver  # doctest: +SKIP
>>> resolver = ActorResolver.default()  # doctest: +SKIP
>>> mentions = resolver.find_mentions(doc, document)  # doctest: +SKIP

Ids: knowledge-base ids (``NURI_AL_MALIKI``), ISO 3166 alpha-3 country codes (``IRQ``),
compositions of country, group and sector (``IRQ_GOV``, ``IRQ_SHIA_REB``), and ``x:`` + an
ASCII slug for actors the knowledge base does not know (``x:spencer-ackerman``).
"""

from faultlines.actors.importer import ImportReport, import_dictionaries, save_user_kb
from faultlines.actors.kb import (
    ActorEntry,
    AgentEntry,
    KnowledgeBase,
    Role,
    default_kb_dir,
    load_knowledge_base,
    split_code,
)
from faultlines.actors.registry import CURATION_OPS, ActorRegistry, CurationOp
from faultlines.actors.resolver import ActorResolver, compose_id

__all__ = [
    "ActorResolver",
    "ActorRegistry",
    "CurationOp",
    "CURATION_OPS",
    "ImportReport",
    "import_dictionaries",
    "save_user_kb",
    "ActorEntry",
    "AgentEntry",
    "KnowledgeBase",
    "Role",
    "default_kb_dir",
    "load_knowledge_base",
    "split_code",
    "compose_id",
]
