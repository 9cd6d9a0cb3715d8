"""Word lists and patterns behind the practice rules (intents/practice.py), kept apart so the
rules stay short. All patterns apply to text already passed through `practice.prepare`:
lower case, "i am" / "you are" / "what is" spelled out, negations as "don't", "can't".
"""

from __future__ import annotations

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
                r"(?<!n't )(?<!\bwould )\b(want|wanna) (to )?(talk|chat) about (it|that|this)\W*$")
"""A spoken offer with its "do you" dropped, after an observation: "…after the meeting, want to talk about it"."""

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

KIND_ABSOLUTES = (
    r"\byou always (make me (laugh|smile|feel (safe|loved|better|good|happy|special))"
    r"|know (how|what)|help|support|listen to me when|remember|show up|look out|try|do your best)\b"
    r"|\bdo you always feel\b"
    r"|\byou never (have|need|had) to\b|\byou never know\b|\byou are always (so )?(kind|good|sweet|patient|there)\b"
    r"|\b(not|isn't|wasn't|aren't) your fault\b|\b(love|thank|thanks|proud of|here for|grateful for|appreciate|great"
    r"|beautiful|lovely|wonderful|amazing|kind|sweet|right|there for me)( \w+){0,2},? as always\b"
)
"""Absolutes that are praise or reassurance ("not your fault", "i love you, as always"), removed
before looking for blame."""

_NEG_ADJ = (r"overreacting|overthinking|dramatic|ridiculous|crazy|selfish|lazy|childish|immature|"
            r"paranoid|impossible|sensitive|unreasonable|pathetic|useless|insane|irrational|stupid|dumb|"
            r"idiot|mean|cold|weird|annoying|difficult|grumpy|moody|needy|clingy|stubborn|defensive|rude|"
            r"boring|hysterical|nuts|cruel|heartless|fake|liar|jerk|child|baby|mess|toxic|controlling|"
            r"exhausting|unbelievable|unbearable|too much|hopeless|emotional|ungrateful|impossible to|useless|"
            r"predictable|drama queen|touchy|petty|spoiled|hypocrite|joke")

_MILD_ADJ = r"negative|distant|distracted|jealous|secretive|bossy|picky|closed off|obsessed|late|loud|messy"
"""Complaints only with an intensifier: "you're so negative", not "you were late"."""

_MOPING = r"sulking|moping|pouting|whining|nagging|complaining|overreacting|overthinking|stewing|brooding"

BLAME = (
    r"\byou (are |were |have been |would )?(always|never)\b|\b(are|do|did) you (always|never|even)\b"
    r"|\byou( (obviously|clearly|just|really|simply|honestly))? (don't|didn't) (even|care|listen|understand"
    r"|get it|ever|love|try|respect|appreciate|notice)\b"
    r"|\b(obviously|clearly) you\b|\byou (obviously|clearly) (can't|aren't|never|have no)\b"
    r"|\b(snap out of it|hurry up|get it together|pull yourself together|man up|toughen up|lighten up"
    r"|deal with it|suck it up|knock it off|give it a rest|get a grip|shame on you|are you kidding me"
    r"|not this again|we have been over this|told you so|i don't want to hear it)\b"
    r"|\byou are the one who\b|\bthe problem (is|with) you\b|\bthis is (all )?on you\b|\byou started it\b"
    r"|\byou (ruin|ruined|ruin) (everything|it)\b|\byou make everything about\b"
    r"|\bmaking (this|it|such) (a |into a )?(big|bigger|huge) (deal|thing)\b|\bnot that hard\b"
    r"|\byou are (always |constantly )?(like|exactly like|just like) your (mother|mom|father|dad)\b"
    r"|\byou( always)? (sulk|whine|nag|exaggerate|pout|mope)\b|\byou (are )?constantly\b"
    r"|\bdo i have to (keep|beg|spell|repeat|remind|ask)\b"
    r"|\byou (wouldn't|won't|can't|couldn't) (understand|get it|possibly|even|ever)\b"
    r"|\bwhat is (wrong|the matter) with you\b|\bwhat is your (problem|deal)\b|\bwhat the (hell|heck)\b"
    r"|\bwhat were you thinking\b|\bhow (could|dare) you\b|\bhow many times\b"
    r"|\bwhy (can't|won't|don't|didn't|couldn't|wouldn't) you\b|\bwhy would you\b"
    r"|\bwhy (are|were) you (being|so|always|like this|acting)\b|\bwhy do you have to\b"
    r"|\bcan't you (just|ever|at least|even)\b|\bcan you (at least|just once)\b|\bat least try\b"
    r"|\bfor once\b|\bas usual\b|\btypical\b|\bhere we go again\b|\bof course you\b"
    r"|\bevery single time\b|\bevery time you\b|\bwhether you like it or not\b"
    rf"|\byou (are|were|have been|get|act)( (just|being|so|such|too|a|an|really|totally|completely"
    rf"|acting|always|very|again|kind of|being so|like))* ({_NEG_ADJ})\b"
    r"|\byou aren't making (any )?sense\b|\b(idiot|moron|jerk|loser|dumbass|asshole|shut up)\b"
    r"|\b(that|this|it) is (so |just |really )?(stupid|ridiculous|dumb|crazy|insane|nonsense|pathetic)\b"
    r"|\bcalm down\b|\bjust relax\b|\bchill out\b|\bget over it\b|\bjust move on\b"
    r"|\b(no|not (such |that |really )?(a |that )?|isn't (a |that )?)big (of a )?deal\b"
    r"|\bforget (it|about it)\b|\bprobably nothing\b|\b(not|isn.t) my fault\b|\bno excuse\b"
    r"|\byou are saying it is my fault\b|\bi am sorry you feel\b"
    r"|\bif that is what you (think|want|believe)\b|\byou are the (problem|issue)\b|\bi hate you\b"
    r"|\bi don't care (anymore|what you|about what you|how you)\b|\bi don't care\W*$"
    r"|\byou drive me (crazy|nuts|insane|mad|up the wall)\b|(^|[,.;:!?] )chill\W*($|[,.;:!?])|\bwhatever\b"
    r"|\bwho cares\b|\bso what\s*([,.!?]|$)"
    r"|\byou shouldn't (feel|be|let|worry|care|get|make)\b"
    r"|\bdon't be (so )?(sensitive|silly|dramatic|upset|sad|like that|ridiculous|a baby)\b"
    r"|\bstop (being|crying|whining|complaining|sulking|shutting|overthinking|overreacting|acting|worrying"
    r"|stressing|pouting|moping|nagging|it)\b"
    r"|\ball in your head\b|\bgrow up\b|\bspit it out\b|\bout with it\b"
    r"|\b(talk|speak|say it|tell me) (to me )?already\b|\bugh\b"
    r"|\byou (need|have|have got|got|better|had better) to (stop|start|get|open|talk|tell|listen|be"
    r"|understand|learn|change|fix|see|grow|calm|deal|snap|quit|accept|admit|explain)\b"
    r"|\byou should (have|know|be|stop|get|see|listen|apologi[sz]e)\b|\bshutting me out\b|\byou shut me out\b"
    r"|\byou (are|have been|were) (hiding|lying|ignoring|avoiding|keeping secrets|cheating)\b"
    r"|\bit is always about you\b|\byour excuses\b|\byou aren't (even )?(listening|trying)\b"
    r"|\byou (only )?(think|care) (only )?about yourself\b|\byou are (so |just |completely |totally )?wrong\b"
    r"|\band you know it\b|\byour (own )?fault\b|\bbecause of you\b|\byou (only )?care (only )?about yourself\b"
    r"|\byou (make|made) me (so |really |feel )*(angry|mad|furious|crazy|sick|sad|miserable"
    r"|frustrated|upset|stupid|bad|small|worthless|like|want to|cry)\b"
    # sarcasm and contempt
    rf"|\byou are (so|too|always|constantly|such a|getting so|way too) ({_MILD_ADJ})\b"
    r"|(^|[,.;:!?] )(oh )?sure,? (like|as if)\b|\byeah right\b|\bas if you\b"
    r"|\blike you would (ever|even|care|notice|remember|listen|bother)\b|\bclassic you\b|\bas always\b"
    r"|\bnot (that|like) you (would |will |ever |even |really )*(care|notice|remember|listen|ask|bother|help)"
    r"|\bit isn't like you (ever|even|would|will|care|bother|notice|listen|ask|help)\b"
    r"|\b(there|here) you go again\b|\byou (did|are doing) it again\b"
    rf"|\byou (are|have been|were) ({_MOPING})\b|\bquit (your|the) \w+ing\b"
    r"|\b(oh )?(great|wonderful|perfect|fantastic|lovely|brilliant),? (another|here we|just what)\b"
    r"|\banother one of your (moods|lectures|talks|speeches|tantrums|rants|excuses|games)\b"
    r"|\bnice of you to (finally|actually|bother|show up|join)\b|\bso now you (want|care|decide|wanna)\b"
    r"|\bi see how it is\b|\bthanks for nothing\b"
    r"|\bhow nice\W*$|\byeah yeah\b|\bhuh,? sure\b|\bglued to\b|\bact(s|ing)? like a (child|baby|kid|brat"
    r"|teenager|martyr|victim)\b|\bwould it kill you\b|\bhow hard (is it|can it be) to\b|\btoo much to ask\b"
    r"|\bis it (so|that|really that|really so) (hard|difficult)\b|\bwhat is it (this time|now)\b|\bwhat now\W*$"
    r"|(^|[,.;:!?] )(oh |just |okay |ok |hey )?chill\b(?! (evening|night|day|weekend|time|vibe))"
    # reproach in the first person
    r"|\b(not|isn't|aren't) (\w+ )?(important|a priority|good enough|enough|worth it) (to|for) you\b"
    r"|\b(don't|doesn't) (really |even )?(matter|count) (to|for) you\b|\b(sick|tired) of (always|being the one"
    r"|you|your|how you)\b"
    # minimising and dismissing
    r"|\bthat is what (happens when you|you get)\b|\b(brought|bring|did) (this|it|that) on yourself\b"
    r"|\bserves you right\b|\bwhat did you expect\b"
    r"|\byou asked for it\b|\bat least you\b|\bon the bright side\b|\bcould be worse\b"
    r"|\bhave it (way |much |a lot )?worse\b|\b(not|isn't) the end of the world\b|\bthicker skin\b"
    r"|\b(not|isn't) as bad as you\b"
    r"|\byou aren't (really |actually )?(sad|angry|upset|hurt|scared|worried|mad|stressed|anxious|lonely|jealous)\b"
    r"|\bdon't be (so )?(touchy|petty|negative|paranoid|jealous|childish|stupid|rude|serious)\b"
    # impatience
    r"|\b(haven't|don't have|have not) (got )?all (day|night|evening)\b|\bmake it quick\b|\bget to the point\b"
    r"|\bget this over with\b|\bhurry (this|it) up\b|\bi have (got )?(stuff|things|better things) to do\b"
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
