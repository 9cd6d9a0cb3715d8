"""Word lists and patterns behind the practice rules (intents/practice/rules.py), kept apart so the
rules stay short; feelings and blame have modules of their own (feelings, blame).
All patterns apply to text already passed through `practice.prepare`: lower case, "i am" /
"you are" / "what is" spelled out, negations as "don't", "can't".
"""

from __future__ import annotations

from intents.practice.feelings import FEELINGS

HESITATIONS = r"um+|uh+|uhm|erm|er|hmm+|mm+|ah+"

BARE_CONTRACTIONS = {
    "im": "i'm", "ive": "i've", "youre": "you're", "youve": "you've", "weve": "we've", "dont": "don't",
    "cant": "can't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
    "havent": "haven't", "hasnt": "hasn't", "whats": "what's", "thats": "that's", "hows": "how's",
    "wheres": "where's", "theres": "there's", "youll": "you'll", "wouldve": "would've",
    "id": "i'd", "its": "it's", "youd": "you'd", "theyre": "they're", "werent": "weren't", "wont": "won't",
    "hes": "he's", "shes": "she's", "whos": "who's", "howve": "how've", "lets": "let's", "itll": "it'll",
    "shouldve": "should've", "couldve": "could've", "aint": "ain't",
}
"""Contractions typed without the apostrophe, where the bare spelling is not another word."""

MARKERS = frozenset("""so but and or okay ok well hey honestly anyway then now just also babe love
like seriously really oh look listen right yeah yes no hon sweetheart please""".split())
"""Words that may come before a question without making it a statement."""

WH = frozenset("what how why where when who which whose".split())

AUX = frozenset("""is are was were am do does did don't doesn't didn't isn't aren't wasn't weren't can
could would will should shall may might can't couldn't wouldn't won't shouldn't have has had haven't
hasn't""".split())

AUX_RX = ("do|does|did|don't|doesn't|didn't|are|were|aren't|weren't|can|could|would|will|should|"
          "shall|may|might|can't|couldn't|wouldn't|won't|shouldn't|am")
"""Auxiliaries that, directly before you/we/i, make a question anywhere in a sentence."""

SUBJECTS = frozenset("""you we i it this that there everything something anything things he she they
now your my our the someone anyone""".split())

PEOPLE_ASKED = frozenset("you we i they he she".split())

EMBEDDING = frozenset("""know knew see saw understand understood said say told heard remember forgot
forget mean matter matters realize realise decide figure show showed love is was that because
exactly idea sure ask asked about tell""".split())
"""Before a wh-word these make it part of a statement: "i know what is going on"."""

WH_FOLLOWERS = {
    "what": ("happened", "happens", "made", "makes", "changed", "kind", "else", "about", "part",
             "brought", "came", "went", "exactly", "sort", "time", "helps", "would", "could"),
    "how": ("come",),
    "which": ("part", "one", "bit"),
    "who": ("cares",),
}
"""Words after a wh-word that make a question without an auxiliary: "what happened"."""

HOW_DEGREE = frozenset("hard long much many often bad serious close well sure big important".split())

INVERTED_ANYWHERE = (
    r"\b(have|has|haven't|hasn't|had) (you|we|i|things|it) (been|ever|noticed|thought|felt|had|seen"
    r"|talked|got|gotten|heard|considered|tried|done|said|told|always|never|changed)\b"
    r"|\b(is|was|isn't|wasn't) (everything|something|anything|there|now)\b"
    r"|\b(is|was|isn't|wasn't) (it|that|this) (okay|alright|ok|true|right|fair|something|anything|me|tough|rough"
    r"|bad|scary|awful|nice|fun|weird|good"
    r"|because|just|hard|about|too|possible|worth|still|really|normal|a|the|going|bothering|weighing)\b"
)

ELIDED_OFFER = (r"(?<!\bi )(?<!\bwe )(?<!\byou )(?<!\bthey )(?<!\bever )(?<!\breally )(?<!\bjust )(?<!\bto )"
                r"(?<!n't )(?<!\bwould )(?<!\bhe )(?<!\bshe )\b(want|wanna) (to )?(talk|chat|come|join)"
                r"( about (it|that|this)| along| with me| too)?\W*$")
"""A spoken offer with its "do you" dropped at the end: "…after the meeting, want to talk about it",
"the pub opens at six want to come"."""

INDIRECT_OPEN = (
    r"(?<!to )(?<!na )(?<!never )(?<!always )(?<!don't )(?<!didn't )(?<!won't )\btell me (about|more|everything|what|how|why|where|when|who|which)\b"
    r"|\b(walk|talk) me through\b|\bhelp me understand\b"
    r"|\b(i wonder|i wondered|wondering) (what|how|why|where|when|who)\b"
    r"|\b(want|like|love|need) to (know|hear|understand) (what|how|why|where|when|who|about|more)\b"
    r"|\bcurious (about|what|how|why|where|when)\b|\blet me know (what|how|why|where|when)\b"
)

INDIRECT_CLOSED = (
    r"\b(i wonder|i wondered|wondering|curious) (if|whether)\b"
    r"|\b(want|need|like|love) to know (if|whether)\b|\b(let me know|tell me) (if|whether)\b"
    r"|\bi (was|am|have been) (just )?hoping (we|you) (could|would|might|can)\b"
    r"|(^|[,.;:!?] )(so |hey |and )?(you|everything|things|we|all|is everything) (doing )?(okay|ok|alright"
    r"|all right|good)\W*($|[,.;:!?])"
    r"|(^|[,.;:!?] )(hey |so )?(got a (minute|second|sec)|mind if|care to|feel like talking|any chance"
    r"|(okay|ok|alright|all right) (if|to) )\b|\b(would|could|will) it (help|be|make|hurt)\b"
)

TAG_QUESTION = (
    r"(?<!\bare )(?<!\bis )(?<!\bwas )(?<!\bbe )(?<!\ball )(?<!\bit )(?<!\bthat )\bright\W*$"
    r"|(?<!\bso )(?<!\bneither )(?<!\bnor )(?<!\bas )\b(would|will|is|does|did|was|isn't|doesn't|didn't|wasn't"
    r"|won't|wouldn't) it\W*$"
    r"|\b(isn't it|aren't you|aren't we|don't you think|didn't you|won't you|wouldn't you|huh|eh)\W*$"
)

ADVERBS = (r"really|so|just|a|bit|little|kind|of|sort|also|still|not|very|pretty|quite|always|sometimes|"
           r"honestly|actually|too|getting|feeling|being|more|most|lot|even|deeply|truly|super|"
           r"extremely|totally|genuinely|starting|to|feel|become|becoming|often|never|probably")


I_DISGUISED = (r"\bi (really |just )?(feel|felt|think|know|guess|bet|noticed|notice|saw|see|hear|heard"
               r"|understand|believe|swear|suppose) (like |that |as if )?(you|your)\b"
               r"|\bi (guess|suppose)\b[^,.;:!?]*\b(to|for) you\b")
"""Sentences that start with "i" but are about the partner: "i feel like you never…", or that
reproach them: "i guess my feelings don't matter to you"."""

_FEELING_RX = "|".join(sorted(FEELINGS)) + (r"|sorry|struggling|overthinking|spiral(l)?ing|not good at|bad at"
                                              r"|not sure|new to|lost|worn out|burn(ed|t) out|stressed out|fed up|freaked out"
                                              r"|on edge|left out|let down|blue|alone|in a bad place")

I_OWN = (
    r"\bi (feel|felt|have felt|am feeling|was feeling|have been feeling|would feel|keep feeling)\b"
    r"|\bi (have|had) been\b"
    rf"|\bi (am|was|get|got)( ({ADVERBS}))*( ({_FEELING_RX}))\b"
    r"|\bi am not (okay|ok|fine|alright|doing (well|great|good))\b"
    r"|\bi (had|have had) (a |such a )?(really |pretty |very )?(rough|hard|long|tough|bad|awful|terrible"
    r"|difficult|horrible|stressful|weird) (day|week|night|time|month|year|morning)\b"
    r"|\bmy (heart|feelings|chest|stomach)\b"
    r"|\b(rough|hard|tough|difficult|scary|heavy|lonely|long|strange)( \w+){0,2} for me\b"
    r"|\bi (don't|didn't|can't|couldn't) (feel|felt)\b"
    rf"|\bi( ({ADVERBS}|would|do|did|could|don't|didn't))* (need|want|miss|hate|could use|wish|hope|worry|struggle|care|love|crave|long|regret|fear"
    r"|needed|wanted|missed|worried|struggled|wished|hoped|loved|cared|feared|appreciate|am hoping"
    r"|was hoping|have missed|have wanted|have needed|lost|grew up|tend to|usually|have trouble|have a hard time|find it hard|never learned|have never"
    r"|don't know how|don't always know|can't stop|would love|would like|would really like|would feel"
    r"|am working on|am trying)\b"
    r"|\b(hard|difficult|scary|new|tough|important|big|frightening) for me\b"
    r"|\b(means?|meant) (a lot|so much|everything) to me\b|\bhappened to me\b"
    r"|\b(it|this|that) (really )?(scares|worries|hurts|upsets|frightens|terrifies|saddens|bothers) me\b"
    rf"|\bmakes me( ({ADVERBS}))* (feel )?({_FEELING_RX})\b"
    r"|\bi (know|realize|realise|noticed|think|guess) i (have|am|usually|tend|was|get|need|want|can be"
    r"|could|don't|do|often|sometimes)\b"
)

PRESENT = (r"\b(right now|now|these days|lately|at the moment|currently|today|tonight|this week"
           r"|anymore|still|where we are|where we stand|how we are)\b")
FUTURE = (r"\b(future|someday|one day|years|months|married|going to be|will we|down the road"
          r"|long run|long term)\b")
US = r"\b(us|we|our|ourselves|relationship|between us|together|you and me|me and you|with me|this)\b"

OBSERVED = (r"\byou (seemed|seem|looked|look|sounded|sound|got|went|were|have been|stayed|kept|came"
            r"|walked|hung up|left)\b|\bi (noticed|saw|could see|could tell|heard) (you|that you|how you)\b")
MOMENT = (r"\b(when|after|before|during|earlier|while|since|this morning|tonight|last night|yesterday"
          r"|today|this week|all (day|evening|week|night)|at (dinner|lunch|breakfast|the|work)"
          r"|on the phone|reading)\b")

FILLERS = (
    r"\b(um+|uh+|uhm|erm|er|hmm+)\b"
    r"|\byou know\b(?! (what|that|how|why|when|where|who|i|me|it|about|this|him|her|them|we|you|if))"
    r"|(?:(?<=\bso )|(?<=\band )|(?<=\bbut )|(?<=, ))like\b|\blike(?=,? (um|uh|er)\b)"
    r"|\bbasically\b|\bliterally\b"
)

MODALS = frozenset("would could can will should shall may might".split())
"""At the start of a clause a modal asks, whatever follows: "would saturday work"."""

ENGLISH_COMMON = frozenset("""a about after again all also always am an and any anything are aren't as
ask at away back bad be because been before being better between both but by can can't come could
day did didn't do does doesn't don't down each even ever every everything feel feeling feelings felt
few for from get go going good got had has have haven't he hear her here him his home how i i'd i'll
i'm i've if in into is isn't it it's just know last let let's like listen little long look lot love
make me mean might more most much my need never new next night no not nothing now of off okay on once
one only or other our out over people please really right said same say see seem seemed she should
so some something sometimes still such sure take talk talking tell than that that's the their them
then there these they thing things think this those time to today told too try um uh up us very want
was we we're well went were what what's when where which while who why will with without work would
wouldn't yeah yes you you're you've your yourself since bit week weekend dinner morning tonight
yesterday lately right kind sorry mind hard help thank thanks mom dad sister brother friend job
boss""".split())
"""Frequent English words: when almost none appear, the attempt is probably in another language."""
