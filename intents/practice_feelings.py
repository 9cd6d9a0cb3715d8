"""Emotion words and the contexts that make a word name a feeling (intents.practice.feelings).

Patterns apply to text already passed through `practice.prepare`.
"""

from __future__ import annotations

FEELINGS = frozenset("""hurt hurting hurts sad sadness sadder worried worry worries worrying lonely
loneliness angry anger mad anxious anxiety frustrated frustrating frustration scared scary scares
afraid fear fears fearful frightened overwhelmed overwhelming stressed stress stressful upset ashamed
shame jealous jealousy disappointed disappointment disappointing nervous hopeless happy happier
happiness glad joy joyful excited grateful thankful proud relieved embarrassed embarrassing guilty guilt
insecure depressed tense aggravated annoyed irritated irritable grumpy moody bitter resentful
resentment heartbroken devastated miserable unhappy terrified panicked panicky confused exhausted
tired drained hopeful content uneasy vulnerable rejected abandoned neglected unappreciated unloved
disconnected isolated helpless defeated discouraged restless agitated furious livid sorrow grief
grieving lonesome homesick hurtful humiliated humiliating regret regretful envious heartbreaking
painful pain crushed gutted shattered conflicted panic panicking pissed upsetting despair dread
dreading betrayed excluded unwanted misunderstood delighted thrilled relief peaceful awkward
pressured hate""".split())
"""Emotion words named anywhere ("i am not angry" still names anger)."""

NOT_FEELINGS = (
    r"\bmad(?= (busy|good|expensive|hot|cold|late|early|long|hard|crowded|packed|hectic|random|funny"
    r"|lucky|fast|quick|cheap|nice|cool|fun|loud)\b)|\b(am|are|is|be) down (to|for)\b|\bcrushed it\b"
    r"|\bhate to\b|\bno worries\b|\b(back|head|feet|foot|legs?|arm|knee|neck|tooth|teeth|shoulder|hand"
    r"|eyes|throat|ear) (really |still |kind of )?(hurts|hurt|hurting)\b"
    r"|\bhappy to (help|talk|listen|wait|chat|go|do)\b"
    r"|\ba pain\b|\b(wouldn't|won't|doesn't|can't|couldn't|never) hurts? to\b|\bscary (movie|film|show|story|book)\b"
    r"|\bupset stomach\b|\bthe content\b|\bhappy (birthday|anniversary|new year|holidays)\b|\bpast tense\b"
    r"|\banxious to\b|\bafraid (i|we) (can't|won't|have to|don't|need to|must)\b"
)
"""Feeling-looking words that are not about emotion: "mad busy", "down to talk", "my back hurts",
politeness ("i'm afraid i can't") and eagerness ("anxious to hear")."""

FEELING_PHRASES = (r"\b(love (you|me|each other|us)|in love|bad mood|good mood|in a mood|burn(ed|t) out"
                   r"|stressed out|worn out|fed up|freaked out|freaking out|on edge|left out|let down|cared for"
                   r"|taken for granted|broken ?hearted)\b")

CONTEXT_FEELINGS = frozenset("""good bad safe safer unsafe small alone down lost distant ignored
invisible comfortable uncomfortable loved unheard calm blue heavy""".split())
"""Words that name a feeling only after a feeling verb: "i feel safe", "you seem down"."""

APPEARANCE = frozenset("seem seems seemed look looks looked sound sounds sounded".split())
PEOPLE = frozenset("you i he she they we both everyone".split())
"""Appearance verbs name a feeling only of a person: "you look down", not "that looks good"."""

FEEL_CONTEXT = frozenset("feel feels felt feeling".split()) | APPEARANCE

STATE_FEELINGS = frozenset("down alone".split())
"""Context feelings that a plain "to be" also introduces: "when i am down"."""

STATE_CONTEXT = FEEL_CONTEXT | frozenset("am are is was were been be get got getting".split())
