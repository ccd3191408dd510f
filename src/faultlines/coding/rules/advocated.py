"""Advocated reports: *X said Y must hand over the suspects* is also X's REQUEST of Y.

An opinion is not a demand: *X believes Y should strike* (an ``opinion`` cue) asks nothing of Y;
only the advocated act itself is coded, with its own modality.
"""

from __future__ import annotations

from faultlines.coding.categories import REQUEST
from faultlines.coding.context import Context
from faultlines.coding.document import DocumentCoder
from faultlines.coding.emission import SentenceEvents
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.rules.reference import actors_of

__all__ = ["emit_speaker_demand"]

#: Intensity of the demand a speaker makes by saying someone must act.
SPEAKER_DEMAND_INTENSITY = 4.0


def emit_speaker_demand(coder: DocumentCoder, frame: Frame, out: SentenceEvents) -> None:
    """advocated: "The envoy said *the militias must disarm*" -> envoy REQUEST militias."""
    ctx = frame.ctx
    if not (ctx.advocated and ctx.speech is not None and ctx.speaker is not None):
        return
    if coder.lex.is_cue(Cue.OPINION, ctx.speech.lemma_.lower()):
        return  # "The envoy believes Washington should act": an opinion, asked of no one
    demand_ctx = Context(according_to=ctx.according_to)
    text = f"{ctx.speech.text} {ctx.advocate_word}".strip()
    for speaker in actors_of(coder, [ctx.speaker]):
        for target in frame.actors:
            if target.id != speaker.id:
                out.emit(REQUEST, speaker, target, SPEAKER_DEMAND_INTENSITY, demand_ctx, text,
                         ctx.speech, "advocated")
