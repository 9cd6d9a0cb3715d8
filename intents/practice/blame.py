"""Blame, contempt, absolutes and dismissal aimed at the partner (intents.practice.rules.blame_phrases).

Patterns apply to text already passed through `practice.prepare` (lower case, "you are",
"what is" spelled out, negations as "don't", "can't"). Kept apart from the other word lists
because blame alone is as long as all of them.
"""

from __future__ import annotations

from intents.practice.feelings import FEELINGS

_FEELING_WORDS = "|".join(sorted(FEELINGS)) + "|left out|hurt|upset|sad|lonely|on edge|worn out"

KIND_ABSOLUTES = (
    r"\byou always (make me (laugh|smile|feel (safe|loved|better|good|happy|special))"
    r"|know (how|what)|help|support|listen to me when|remember|show up|look out|try|do your best)\b"
    r"|\bdo you always feel\b|\bof course you (are|feel|felt|were|would be|would feel)( (so|really|feeling|a bit|a little))*"
    rf" ({_FEELING_WORDS})\b"
    r"|\byou never (have|need|had) to\b|\byou never know\b|\byou are always (so )?(kind|good|sweet|patient|there)\b"
    r"|\b(not|isn't|wasn't|aren't) your fault\b|\b(love|thank|thanks|proud of|here for|grateful for|appreciate|great"
    r"|beautiful|lovely|wonderful|amazing|kind|sweet|right|there for me)( \w+){0,2},? as always\b"
)
"""Absolutes that are praise or reassurance ("not your fault", "i love you, as always", "of course you're
worried"), removed
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
