"""Feedback rules for practice attempts: small pure functions on spoken text.

Each rule answers one question a therapist would ask about an opening line (DESIGN §6):
was it a question, an open one (not an accusing "why … always"), an "I" statement, was a
feeling named (not waved away or a label), was it free of blame, and, when listening, free of
advice and of dismissal (listening)? Spoken text has no punctuation we can trust, so every rule judges by wording.
Every rule takes the attempt as heard or typed and normalises it with `prepare` (lower
case, contractions in one canonical form, hesitation sounds dropped; idempotent).
Pace and pauses, which need timings, are in pace.
"""

from __future__ import annotations

import re
from functools import wraps

from intents.practice import blame as B
from intents.practice import feelings as F
from intents.practice import listening as L
from intents.practice import words as W


def prepare(text: str) -> str:
    """Lower-case, unify apostrophes and contractions, drop hesitation sounds and odd symbols."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    t = re.sub(r"[^a-z0-9',.;:!?\s]", " ", t)
    t = re.sub(r"\b(" + "|".join(W.BARE_CONTRACTIONS) + r")\b", lambda m: W.BARE_CONTRACTIONS[m.group(1)], t)
    t = re.sub(r"\bi'm\b", "i am", t)
    t = re.sub(r"\blet's\b", "let us", t)
    t = re.sub(r"(\w)'s been\b", r"\1 has been", t)
    t = re.sub(r"\b(it|that|what|where|how|who|there|here|he|she|everything|something|nothing|this)'s\b",
               r"\1 is", t)
    t = re.sub(r"(\w)'re\b", r"\1 are", t)
    t = re.sub(r"(\w)'ve\b", r"\1 have", t)
    t = re.sub(r"(\w)'ll\b", r"\1 will", t)
    t = re.sub(r"(\w)'d\b", r"\1 would", t)
    t = re.sub(r"(\w)'s\b", r"\1", t)
    t = re.sub(r"\bcan ?not\b", "can't", t)
    t = re.sub(r"\bwill not\b", "won't", t)
    t = re.sub(r"\b(do|does|did|is|are|was|were|have|has|had|would|could|should)\s+not\b", r"\1n't", t)
    t = re.sub(rf"\b({W.HESITATIONS})\b", " ", t)
    t = re.sub(r"\s+([,.;:!?])", r"\1", t)
    return re.sub(r"\s+", " ", t).strip()


def _on_prepared(rule):
    """Let a rule written for normalised text accept raw text too."""
    @wraps(rule)
    def judged(text: str, *args):
        return rule(prepare(text), *args)
    return judged


def _clauses(t: str) -> list[list[str]]:
    """Token lists split at punctuation, for rules that care where a clause begins."""
    return [c.split() for c in re.split(r"[,.;:!?]+", t) if c.split()]


def _starts_clause(tokens: list[str], i: int) -> bool:
    """True if only discourse markers come before position i in its clause."""
    return all(tok in W.MARKERS for tok in tokens[:i])


def _has(pattern: str, t: str) -> bool:
    return re.search(pattern, t) is not None


def _wh_questions(t: str) -> list[str]:
    """The wh-words that start a real question (not "when you…, you seemed", "what i need is")."""
    found = []
    for tokens in _clauses(t):
        for i, tok in enumerate(tokens[:-1]):
            nxt, prev = tokens[i + 1], tokens[i - 1] if i else ""
            if tok not in W.WH or prev in W.EMBEDDING and not _asks_directly(tokens[i + 1:i + 3]):
                continue
            if tok in ("who", "which") and _starts_clause(tokens, i):
                found.append(tok)
                continue
            if tok == "how" and nxt == "about":
                found.append("how about")
            elif nxt in W.AUX or nxt in W.WH_FOLLOWERS.get(tok, ()):
                found.append(tok)
            elif tok == "how" and nxt in W.HOW_DEGREE and _degree_question(tokens[i + 2:i + 4]):
                found.append(tok)
    return found


def _asks_directly(after: list[str]) -> bool:
    """An auxiliary before its subject right after a wh-word asks even after "idea", "know":
    "good idea what do you think" (an embedded question keeps the order: "i know what you mean")."""
    return len(after) == 2 and after[0] in W.AUX and after[1] in W.PEOPLE_ASKED


def _degree_question(after: list[str]) -> bool:
    """After "how hard"/"how many": "is it" or "times do" asks; "it is", "you do" tells."""
    if after and after[0] in W.AUX:
        return True
    return len(after) == 2 and after[0] not in W.SUBJECTS and after[1] in W.AUX


def _inverted(t: str) -> bool:
    """An auxiliary before its subject: "do you", "are we", "is everything", "can i"."""
    if _has(rf"\b({W.AUX_RX}) (you|we|i)\b", t) or _has(W.INVERTED_ANYWHERE, t):
        return True
    for tokens in _clauses(t):
        for i, tok in enumerate(tokens[:-1]):
            if tok in W.AUX and _starts_clause(tokens, i) and (
                    tokens[i + 1] in W.SUBJECTS or tok in W.MODALS):
                return True
            if tok in ("want", "wanna", "need", "anything") and _starts_clause(tokens, i):
                return True
    return _has(W.ELIDED_OFFER, t)


def _indirect(t: str) -> str:
    """'open', 'closed' or '' for requests that work as questions: "tell me about…", "i wonder if…"."""
    if _has(W.INDIRECT_OPEN, t):
        return "open"
    if _has(W.INDIRECT_CLOSED, t) or _has(W.TAG_QUESTION, t):
        return "closed"
    return ""


@_on_prepared
def question(t: str) -> bool:
    """The attempt asks something, judged by wording (wh-word, inversion, tag, "tell me…")."""
    return bool(_wh_questions(t)) or _inverted(t) or bool(_indirect(t))


@_on_prepared
def open_question(t: str) -> bool:
    """A question that cannot be answered yes or no ("what…", "how…", "tell me about…"), and not an
    accusation dressed as one ("why are you always so closed off")."""
    if accusing_question(t):
        return False
    return any(w != "how about" for w in _wh_questions(t)) or _indirect(t) == "open"


@_on_prepared
def accusing_question(t: str) -> bool:
    """A "why … always / never" question: open in form, a charge in effect."""
    return _has(L.ACCUSING_WHY, t)


@_on_prepared
def i_statement(t: str) -> bool:
    """First person about one's own feelings, needs or experience; "i feel like you…" is not."""
    masked = re.sub(W.I_DISGUISED, " ", t)
    return _has(W.I_OWN, masked)


@_on_prepared
def feelings(t: str) -> tuple[str, ...]:
    """The emotion words named in the text, negated or not ("i am not angry" names anger)."""
    t = re.sub(F.NOT_FEELINGS, " ", _without_dismissals(t))
    t = re.sub(F.OUT_PHRASES, lambda m: m.group(0).replace(" ", "_"), t)
    tokens = re.findall(r"[a-z0-9'_]+", t)
    named = [m.group(0) for m in re.finditer(F.FEELING_PHRASES, t)]
    for i, tok in enumerate(tokens):
        if tok in F.PERSON_FEELINGS:
            found = _said_of_person(tokens, i)
        elif tok in F.CONTEXT_FEELINGS:
            found = _after_feeling_verb(tokens, i)
        else:
            found = tok in F.FEELINGS
        if found:
            named.append(tok.replace("_", " "))
    return tuple(named)


def _link_chain(tokens: list[str], i: int) -> tuple[set[str], int]:
    """The linking verbs and modifiers right before tokens[i] ("have been feeling so"), and where
    the word before them sits (-1 at the start)."""
    j, links = i - 1, set()
    while j >= 0 and (tokens[j] in F.LINKS or tokens[j] in F.MODIFIERS):
        links.add(tokens[j])
        j -= 1
    return links & F.LINKS, j


def _after_feeling_verb(tokens: list[str], i: int) -> bool:
    """ "i feel safe", "it feels good", "you seem calm"; not "that looks good", "feels like a good time"."""
    links, j = _link_chain(tokens, i)
    return bool(links & F.FEEL_VERBS) or bool(links & F.APPEARANCE) and j >= 0 and tokens[j] in F.PEOPLE


def _said_of_person(tokens: list[str], i: int) -> bool:
    """ "i am drained", "you seem down", "being left out"; not "the battery is drained", "i left out the milk"."""
    links, j = _link_chain(tokens, i)
    if links & F.FEEL_VERBS:
        return True
    if j >= 0 and tokens[j] in F.PEOPLE:
        return bool(links) or j > 0 and tokens[j - 1] in W.AUX
    thing = j >= 0 and (tokens[j] in F.THINGS or F.DETERMINERS & set(tokens[max(0, j - 2):j]))
    return bool(links) and not thing


@_on_prepared
def feeling_named(t: str) -> bool:
    """An emotion is named: hurt, sad, worried, lonely, "felt left out"…"""
    return bool(feelings(t))


@_on_prepared
def blame_phrases(t: str) -> tuple[str, ...]:
    """Blame, contempt, absolutes or dismissal aimed at the partner, as found in the text."""
    cleared = re.sub(B.KIND_ABSOLUTES, " ", t)
    return tuple(m.group(0).strip() for m in re.finditer(B.BLAME, cleared))


@_on_prepared
def blame_free(t: str) -> bool:
    """No "you never", "what is wrong with you", "calm down", name-calling…"""
    return not blame_phrases(t)


@_on_prepared
def future_talk(t: str) -> bool:
    """The attempt is about where things are going ("in five years", "married") and not about now."""
    return _has(W.FUTURE, t) and not _has(W.PRESENT, t)


@_on_prepared
def us_right_now(t: str) -> bool:
    """A direct question about the relationship as it is now, not future-tripping."""
    return question(t) and _has(W.US, t) and not future_talk(t)


@_on_prepared
def noticed_specific(t: str) -> bool:
    """Names what was seen, in a moment: "when you were talking about work, you seemed…"."""
    return _has(W.OBSERVED, t) and _has(W.MOMENT, t)


def _stem(word: str) -> str:
    return re.sub(r"(ies|ied|ing|ed|es|s|y)$", "", word) if len(word) > 4 else word


def _mentions(t: str, alternatives: str) -> bool:
    """True if any of "a|b|c" (words or short phrases) appears, allowing simple word endings."""
    stems = {_stem(w) for w in re.findall(r"[a-z0-9']+", t)}
    for alt in alternatives.split("|"):
        words = alt.split()
        if len(words) > 1 and alt in t or len(words) == 1 and _stem(alt) in stems:
            return True
    return False


@_on_prepared
def reflection_kept_content(t: str, keep: tuple[str, ...]) -> bool:
    """The paraphrase kept at least half of the partner's content (each item "boss|manager")."""
    if not keep:
        return True
    kept = sum(_mentions(t, group) for group in keep)
    return kept * 2 >= len(keep)


@_on_prepared
def reflection_named_feeling(t: str, feeling: tuple[str, ...]) -> bool:
    """The paraphrase named the feeling the partner expressed (or a close word for it); a feeling
    waved away ("don't be so stressed", "you're not really hurt") is not named."""
    kept = _without_dismissals(t)
    return any(_mentions(kept, word) for word in feeling)


@_on_prepared
def dismissal_phrases(t: str) -> tuple[str, ...]:
    """Minimising, contradicting or hurrying the feeling: "don't worry", "at least", "calm down"…"""
    return tuple(m.group(0).strip(" ,.;:!?") for m in re.finditer(L.DISMISSAL, t))


@_on_prepared
def no_dismissal(t: str) -> bool:
    """The feeling is left to stand: nothing like "it'll be fine", "it's just work", "cheer up"."""
    return not dismissal_phrases(t)


@_on_prepared
def advice_phrases(t: str) -> tuple[str, ...]:
    """Advice, fixing or instructions, also as a question: "you should…", "have you tried…", "just tell
    him…". Telling them how to feel ("don't worry") is dismissal, so it is set aside first."""
    t = _without_dismissals(t, ",")
    found = [m.group(0) for m in re.finditer(L.ADVICE, t)]
    for tokens in _clauses(t):
        start = next((i for i, tok in enumerate(tokens) if tok not in L.LEAD_INS), len(tokens))
        rest = " ".join(tokens[start:])
        if re.match(L.IMPERATIVE, rest):
            found.append(" ".join(tokens[start:start + 3]))
    return tuple(found)


@_on_prepared
def no_advice(t: str) -> bool:
    """No advice, fixing or instructions: the drill asks to understand before solving."""
    return not advice_phrases(t)


def _without_dismissals(t: str, mark: str = " ") -> str:
    """The text with every dismissal replaced by `mark`: what is left is what was really said."""
    return re.sub(r"\s+", " ", re.sub(L.DISMISSAL, f" {mark} ", t)).strip()


def fillers(text: str) -> tuple[str, ...]:
    """Filler words in the raw text: um, uh, "you know", "like" used as a pause."""
    t = text.lower().replace("\u2019", "'")
    return tuple(m.group(0).strip(" ,") for m in re.finditer(W.FILLERS, t))
