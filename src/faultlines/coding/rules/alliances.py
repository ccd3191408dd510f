"""Rule 14 (alignment and opposition): allies, beneficiaries and common opponents.

*fought on the side of X*, *alongside X*: X is an ally (COOPERATE), never the target;
*on behalf of X* and, for a conflict act, *for X* name a beneficiary or a cause; *an alliance
with Y against Z*: the actor and the partner each ACCUSE Z, and Z is not the target of
the cooperation.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from faultlines.coding.categories import ACCUSE, COOPERATE
from faultlines.coding.context import Context
from faultlines.coding.document import DocumentCoder
from faultlines.coding.emission import SentenceEvents
from faultlines.coding.frame import Frame
from faultlines.coding.lexicon import Cue
from faultlines.coding.records import evolve
from faultlines.coding.rules.reference import actors_of
from faultlines.types import ActorRef, polarity_of

__all__ = ["emit_allies", "emit_opposition", "opponents", "set_aside_sides", "side_phrases",
           "stray_partners"]

#: Intensity of the cooperation with an ally and of the opposition to a common opponent.
ALLY_INTENSITY = 5.0
OPPONENT_INTENSITY = 3.0


def _side_owners(coder: DocumentCoder, head: Token) -> list[Token]:
    return [c for c in coder.children(head) if c.dep_ == "poss"] + [
        p for c in coder.children(head) if c.dep_ == "prep" and c.lower_ == "of"
        for p in coder.children(c) if p.dep_ == "pobj"]


def side_phrases(coder: DocumentCoder, verb: Token) -> tuple[list[Token], set[int]]:
    """sides: "The tribes fought *on the side of the army*" -> the army is an ally.

    Allies and the tokens of side/beneficiary phrases hanging off ``verb``: "on X's side",
    "alongside X" name X as an ally; "on behalf of X" names a beneficiary. Returns (ally
    tokens, indices of every token in such phrases).
    """
    allies: list[Token] = []
    dropped: set[int] = set()
    for prep in coder.children(verb):
        if prep.dep_ != "prep":
            continue
        low = prep.lower_
        pobjs = [p for p in coder.children(prep) if p.dep_ == "pobj"]
        if low == "alongside":
            allies += pobjs
        elif low in ("on", "by", "at") and pobjs and (
                coder.lex.is_cue(Cue.SIDE, pobjs[0].lemma_.lower())
                or pobjs[0].lower_ == "behalf"):
            if pobjs[0].lower_ != "behalf":
                allies += _side_owners(coder, pobjs[0])
        else:
            continue
        dropped |= {t.i for t in prep.subtree}
    return allies, dropped


def stray_partners(noun: Token) -> list[Token]:
    """stray with-phrase: "the costs of *X's alliance* with Y" (parsed onto "costs").

    A with-phrase right after an of-phrase's event noun belongs to that noun.
    """
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or any(
            c.dep_ == "prep" and c.lower_ == "with" for c in noun.children):
        return []
    owner = noun.head.head
    return [p for c in owner.children if c.dep_ == "prep" and c.lower_ == "with"
            and c.i == noun.right_edge.i + 1 for p in c.children if p.dep_ == "pobj"]


def opponents(trigger: Token, partners: Sequence[Token] = ()) -> list[Token]:
    """common opponent: "an alliance with the Shiites *against the Sunnis*" -> the Sunnis.

    Objects of "against" on a cooperative trigger or on its partner ("cooperation against
    terrorists").
    """
    holders = [trigger, *partners] + [p for c in trigger.children if c.dep_ == "prep"
                                      and c.lower_ in ("with", "between") for p in c.children
                                      if p.dep_ == "pobj"]
    holders += [c for h in holders[1:] for c in h.conjuncts]
    return [p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "against"
            for p in c.children if p.dep_ == "pobj"]


def set_aside_sides(coder: DocumentCoder, frame: Frame) -> Frame | None:
    """sides are no targets: "Insurgents fought *for Sunni interests* against the army".

    Allies, beneficiaries, common opponents and, for a conflict act, *for* phrases are taken
    out of the target candidates.
    """
    tok = frame.tok
    allies, dropped = side_phrases(coder, tok)
    against = opponents(tok) if polarity_of(frame.category) > 0 else []
    dropped |= {t.i for o in against for t in o.subtree}
    if polarity_of(frame.category) < 0 and frame.entry.prep != "for":
        # "insurgents fighting for Sunni interests": "for" names a cause or a side
        dropped |= {t.i for c in coder.children(tok) if c.dep_ == "prep" and c.lower_ == "for"
                    for t in c.subtree}
    candidates = tuple(c for c in frame.candidates if c.i not in dropped)
    return evolve(frame, candidates=candidates, allies=tuple(allies), opponents=tuple(against))


def emit_allies(frame: Frame, actor: ActorRef, allies: Sequence[ActorRef],
                out: SentenceEvents) -> None:
    """ally: "The tribes fought *alongside the army*" -> tribes COOPERATE army."""
    for ally in allies:
        if ally.id != actor.id:
            out.emit(COOPERATE, actor, ally, ALLY_INTENSITY, frame.ctx,
                     f"{frame.text} on the side of", frame.tok, "alliances")


def emit_opposition(coder: DocumentCoder, out: SentenceEvents, sides: Sequence[ActorRef],
                    against: Sequence[Token], ctx: Context, text: str, tok: Token) -> None:
    """opposition: "Kurds and Shiites *allied against* the cleric" -> each ACCUSE him.

    PLOVER's ACCUSE (mode disapprove) is expressed opposition; the cooperation says nothing
    more material about the opponent.
    """
    if not against:
        return
    side_ids = {s.id for s in sides}
    for opponent in actors_of(coder, against):
        if opponent.id in side_ids:
            continue
        for side in sides:
            out.emit(ACCUSE, side, opponent, OPPONENT_INTENSITY, ctx, f"{text} against",
                     tok, "alliances")
