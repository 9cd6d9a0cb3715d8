"""Emotion words and the contexts that make a word name a feeling (intents.practice.rules.feelings).

Patterns apply to text already passed through `practice.prepare`.
"""

from __future__ import annotations

FEELINGS = frozenset("""hurt hurting hurts sad sadness sadder worried worry worries worrying lonely
loneliness angry anger mad anxious anxiety frustrated frustrating frustration scared scary scares
afraid fear fears fearful frightened overwhelmed overwhelming stressed stress stressful upset ashamed
shame jealous jealousy disappointed disappointment disappointing nervous hopeless happy happier
happiness glad joy joyful excited grateful thankful proud relieved embarrassed embarrassing guilty guilt
insecure depressed tense aggravated annoyed irritated irritable bitter resentful
resentment heartbroken devastated miserable unhappy terrified panicked panicky confused exhausted
tired drained hopeful content uneasy vulnerable rejected abandoned neglected unappreciated unloved
disconnected isolated helpless defeated discouraged restless agitated furious livid sorrow grief
grieving lonesome homesick hurtful humiliated humiliating regret regretful envious heartbreaking
painful pain crushed gutted shattered conflicted panic panicking pissed upsetting despair dread
dreading betrayed excluded unwanted misunderstood delighted thrilled relief peaceful awkward
pressured hate""".split())
"""Emotion words named anywhere ("i am not angry" still names anger). Labels such as "moody" or
"grumpy" judge the person and are left out (listening.LABELS)."""

_BODY = (r"back|head|feet|foot|legs?|arms?|knees?|neck|tooth|teeth|shoulders?|hands?|wrist|ankle|hips?"
         r"|eyes?|throat|ears?|fingers?|toes?|elbow|stomach|tummy|muscles?|joints?|skin")
"""Body parts: "hurt my knee" and "back pain" are about the body, not feelings ("heart" is left out)."""

_FANDOM = (r"show|shows|series|band|team|song|songs|music|football|soccer|game|games|film|films|movie|movies"
           r"|book|books|podcast|singer|dogs?|cats?|horses?|cars?")
"""Things people are "mad about" in the sense of loving them."""

NOT_FEELINGS = (
    r"\bmad(?= (busy|good|expensive|hot|cold|late|early|long|hard|crowded|packed|hectic|random|funny"
    r"|lucky|fast|quick|cheap|nice|cool|fun|loud)\b)|\b(am|are|is|be) down (to|for)\b|\bcrushed it\b"
    rf"|\blike mad\b|\bmad (about|on|for) (the |that |this |those |these |my |your |our )?({_FANDOM})\b"
    r"|\bhate to\b|\bno worries\b"
    rf"|\b({_BODY})( \w+){{0,3}} (hurts|hurt|hurting|pain|aches?|aching)\b"
    rf"|\b(hurts?|hurting|hurt|injured|pain|painful|sore) (in )?((my|his|her|your|their|our|the|a)( \w+)? )?({_BODY})\b"
    r"|\bhurt (myself|himself|herself|yourself|themselves)\b"
    r"|\bhappy to (help|talk|listen|wait|chat|go|do)\b|\bhappy (hour|medium|meal)\b|\b(pain|tax) relief\b"
    r"|\ba pain\b|\b(wouldn't|won't|doesn't|can't|couldn't|never) hurts?( (you|anyone))?( to\b|\W*$)"
    r"|\b(does|would|will|could|can) it( really)? hurt( (you|anyone))? to\b|\bscary (movie|film|show|story|book)\b"
    r"|\bupset stomach\b|\b(the|your|my|our|this|that|new|online|video) content\b|\bcontent (creator|warning)"
    r"|\bhappy (birthday|anniversary|new year|holidays)\b|\b(past|present|future|verb) tense\b"
    r"|\banxious to\b|\bafraid (i|we) (can't|won't|have to|don't|need to|must)\b|\bhopeless (at|with)\b"
    r"|\bstress(ed|ing)? (the )?(importance|point|need)\b|\boverwhelming (majority|evidence|support|odds)\b"
    r"|\bguilty pleasure\b|\bfeel good (movie|film|song|story|show|book|music)\b"
    r"|\bawkward (question|timing|time|spot|angle|position|shape)\b|\bwould love (you|me|us|them) to\b"
    r"|\bafraid (that )?i (have|haven't|had|hadn't|was|wasn't|did|didn't|forgot|missed|messed|broke|made|said"
    r"|lost|left|ate|used)\b|\bafraid (that )?i am (running late|late|going to be late|busy|out of)\b"
    r"|\bwould hate (for (you|us|them|him|her) )?to\b"
)
"""Feeling-looking words that are not about emotion: "mad busy", "down to talk", "my back hurts",
"hurt my knee", fandom ("mad about the show"), politeness ("i'm afraid i can't", "i'm afraid i
forgot", "i'd hate for you to miss it"), eagerness ("anxious to hear") and fixed phrases ("happy
hour", "pain relief")."""

FEELING_PHRASES = (r"\b(love (you|me|each other|us)|in love|bad mood|good mood|in a mood"
                   r"|stressed out|fed up|freaked out|freaking out|on edge|let down|cared for"
                   r"|taken for granted|broken ?hearted)\b")

OUT_PHRASES = r"\b(burn(ed|t)|worn|left) out\b"
"""Two-word states that also describe things ("the bulb burned out", "i left out the milk"): joined
into one token and judged like PERSON_FEELINGS."""

CONTEXT_FEELINGS = frozenset("""good bad safe safer unsafe small lost distant ignored
invisible comfortable uncomfortable loved unheard calm blue heavy""".split())
"""Words that name a feeling only after a feeling verb: "i feel safe", not "it feels like a good time"."""

PERSON_FEELINGS = frozenset("""down alone drained crushed shattered rejected excluded abandoned isolated
bitter neglected unwanted gutted burned_out burnt_out worn_out left_out""".split())
"""Words that name a feeling only when said of a person ("i am drained", "you seem down"), not
of things ("the battery is drained", "the wifi is down", "an abandoned house")."""

FEEL_VERBS = frozenset("feel feels felt feeling".split())
APPEARANCE = frozenset("seem seems seemed look looks looked sound sounds sounded".split())
LINKS = frozenset("""am are is was were be been being get gets got getting become became to have has had
must might may could would will can should""".split()) | FEEL_VERBS | APPEARANCE
"""Verbs that link a person to their state: "you have been feeling", "i must be"."""

MODIFIERS = frozenset("""really so very a bit little kind kinda sort sorta of pretty quite too more most less
totally completely absolutely utterly just still all super rather somewhat extremely deeply truly
genuinely incredibly not never always sometimes often even also lately""".split())
"""Words that may stand between a linking verb and the state: "you seem a little down"."""

PEOPLE = frozenset("you i he she they we both everyone someone nobody".split())
"""Appearance verbs name a feeling only of a person: "you look down", not "that looks good"."""

DETERMINERS = frozenset("the a an my your his her our their this that these those its".split())
"""Before a subject they mark a thing ("the wifi is down"), not a person."""

THINGS = frozenset("it this that which there everything something what".split())
"""Subjects that are never the person feeling: "it is down again"."""
