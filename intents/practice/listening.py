"""Word lists and patterns for listening without fixing or dismissing (intents.practice.rules.advice_phrases,
dismissal_phrases, accusing_question): the reflective-listening drill's "no advice, no fixing".

Patterns apply to text already passed through `practice.prepare` (lower case, "you are", "it is",
"i would" spelled out, negations as "don't", "aren't"). Telling someone how to feel ("don't worry",
"calm down", "try not to think about it") is dismissal, not advice; advice is what to do about the
situation ("tell him no", "have you tried…", "you should quit").
"""

from __future__ import annotations

from intents.practice.feelings import FEELINGS

LABELS = frozenset("""moody grumpy cranky dramatic hysterical crazy sensitive oversensitive touchy needy
clingy paranoid irrational emotional overemotional unreasonable""".split())
"""Character labels, not feelings: "you get moody", "you're being dramatic" judge the person."""

_STATES = (r"|down|upset|sad|hurt|lonely|left out|burn(ed|t) out|worn out|stressed out|on edge|freaked out"
           r"|worked up")
_FEELING_RX = "|".join(sorted(FEELINGS)) + _STATES
_FEELING_OR_LABEL_RX = "|".join(sorted(FEELINGS | LABELS)) + _STATES
_LABEL_RX = "|".join(sorted(LABELS))

_DO = (r"tell|ask|talk|speak|say|quit|leave|call|text|message|email|write|plan|invite|find|look for|look into"
       r"|go|get|set|block|push|report|confront|delegate|apply|start|keep|make|take|put|send|sleep|rest|stand up"
       r"|try|visit|focus|breathe|meditate|ignore|skip|switch|stick|book|sign up|join|update|let (him|her|them)"
       r"|just|say no|google|look up|read up|sort|figure|fix|deal|handle|organi[sz]e|prioriti[sz]e|journal|exercise|distract|avoid")

_INSIST = (r"tell|ask|talk|speak|say|quit|leave|call|stand up|set|push|report|confront|stop|start|find|look for"
           r"|get out|go to|let (him|her|them)|text|message|email")
"""After "you have to": the verbs that make it an instruction ("you have to tell him"), unlike
"you have to stay late", "you have to deal with all that", which reflect."""

LEAD_INS = frozenset("""so well okay ok honestly maybe then just and but hey babe love seriously
oh yeah right look listen please""".split())
"""Words that may come before an instruction at the start of a clause: "well, just tell him"."""
"""Verbs of doing something about the situation (the advice itself)."""

_NOT_ADVICE_AFTER = (r"me\b|to me\b|on\b|ahead\b|your time\b|it easy on yourself|care of yourself|a breath|a moment"
                     r"|not\b|more\b|going\b|talking\b|it out\b|all of it\b|through it\b"
                     r"|(a |some )?time\b|through\b|all the time\b|how you feel|what you (need|want|feel)"
                     r"|(it|that|this) (out|off your chest)")
"""What makes an imperative an invitation to talk, not advice: "tell me", "go on", "take your time"."""

ADVICE = (
    r"\bwhy (don't you|not (just )?(ask|tell|talk|try|call|quit|go|say|get|text|message|leave|find))\b"
    r"|\bhave you (ever )?(tried|considered|asked (him|her|them|for)|looked into|talked to (him|her|them|your|hr))\b"
    r"|\b(have|did) you (ever )?(thought|think) (about|of) \w+ing\b"
    r"|(?<!what )(?<!how )(?<!why )(?<!when )\bdid you (try|consider)\b"
    r"|\byou (should|could|ought to|might want to|may want to|need to"
    r"|better|had better|can always|can just|can try|could always|could just|could try)"
    rf"(?! (be|feel|have been|have felt|not have to|be feeling|(just |always )?(say it|tell me|talk to me|come to me"
    rf"|ask me|take your time)))( (just|really|maybe|also|probably|at least|definitely"
    rf"|totally|honestly))* ({_DO}|stop|not|\w+ (him|her|them|your|it|a|some|the|to|for|about|yourself))\b"
    rf"|\byou (have to|have got to|got to|gotta|must)( just| really)? ({_INSIST})\b"
    r"|\byou shouldn't (stay|put up|let|take|do|work|go|say|answer|accept)\b"
    r"|\bmaybe (you |we )?(should|could)\b|(?<!\bor )\bmaybe (just )?(try|ask|tell|talk|call|go|get|look into|start"
    r"|see if|text|quit|leave|speak)\b"
    r"|\bif i were you\b|\bif i was you\b|\bin your (shoes|place|position)\b"
    r"|\bi would (just |probably |definitely |honestly )?(quit|tell|talk|say|ask|go|leave|call|text|look|find|speak"
    r"|push|report|email|write|start|stop|confront|plan|invite|get)\b"
    r"|\bwhat if you\b|\bhow about (you|we|trying|asking|talking|telling|calling|going|leaving|planning|getting)\b"
    r"|\b(it|that) (might|would|could|will|may) help (to|if|you to)\b|\b(the )?best thing (to do )?(is|would be)\b"
    r"|\bwhat you (need|should do|have to do|ought to do)\b|\byour best bet\b|\bmy advice\b"
    r"|\blet us (figure|fix|sort|make a plan|plan|work out|find|think of|come up)\b"
    r"|\bhere is what you\b|\bthe (answer|solution|trick|key) is\b"
    r"|\bwhat (are you going to|will you|do you plan to|should you) do (about|now|next)\b"
)
"""Advice and fixing, also as a question ("why don't you", "have you tried", "what if you")."""

IMPERATIVE = rf"^({_DO})\b(?! ({_NOT_ADVICE_AFTER}))"
"""A clause that starts with a doing verb (after discourse markers) gives an instruction: "just tell him
no", "go talk to hr", "maybe try leaving at five"; not "tell me more", "take your time"."""

DISMISSAL = (
    # telling them how (not) to feel
    r"(?<!\bi )(?<!\bwe )(?<!\bthey )\b(don't|do not|never) (worry|stress|panic|fret|dwell|overthink|stress out|freak out|get upset|get worked up"
    r"|take it (so |too )?personally|let it get to you|think about it|feel bad|sweat it)\b"
    rf"|\b(don't|do not) (be|get|feel) (so |too |that |such a |all )?({_FEELING_OR_LABEL_RX}|silly|like that|a baby)\b"
    r"|\byou (don't|do not) (need|have) to (worry|stress|panic|be|feel|get)\b"
    r"|\bstop (worrying|stressing|panicking|fretting|overthinking|overreacting|dwelling|crying|being|feeling|thinking about it"
    r"|sulking|moping|whining|complaining|getting)\b"
    rf"|\b(no|there is no|there isn't any|isn't any) (need|point|use) (to|in)( (be|feel|get|being|feeling|getting))?"
    rf"( (so|too|that|all))?( ({_FEELING_RX}))?\b|\bno point \w+ing\b"
    rf"|\bno reason (to|for you to) (be|feel|worry|get|stress|panic|cry)( (so|too|that|all))?( ({_FEELING_RX}))?\b"
    rf"|\bnothing to (worry|be|feel|get|stress|panic)( (so|too|that|all))?( ({_FEELING_RX}))?\b"
    rf"|\byou (aren't|weren't|shouldn't be|shouldn't feel|don't need to be|don't need to feel|don't have to feel"
    rf"|shouldn't get)( (really|actually|even|truly|that|so|too))* ({_FEELING_RX})\b"
    r"|\byou shouldn't (feel|worry|let|care|get|take)\b|\bthere is no reason to\b"
    r"|\b(calm|settle|simmer|cool) down\b|(^|[,.;:!?] )(just |try to |please )?relax\b|\bjust relax\b"
    r"|\b(chill|cheer|lighten|buck|perk) up\b|\bchill out\b|\bget over it\b|\bmove on\b|\blet it go\b"
    r"|\bshake it off\b|\bsnap out of it\b|\bsuck it up\b|\btoughen up\b|\bman up\b|\bforget (it|about it|them)\b"
    r"|\btry not to (think|worry|dwell|stress|let|take|get|be)\b|\bkeep your chin up\b"
    # labelling the feeling as too much
    r"|\breact(ing)? (too much|badly)\b|(?<!think )\byou( are| were| have been)?( (just|being|totally|so|really"
    r"|completely|kind of|a bit|always))* (overreact(ing|ed)?|overthinking)\b|(^|[,.;:!?] )overreacting\b"
    r"|\bblowing (it|this|that) out of\b"
    r"|\bmaking (a big deal|a fuss|a mountain|too much|such a)\b|\bmaking (this|it|that) (into )?(a |such a )?(big|bigger|huge)\b"
    rf"|\byou are (being|acting|getting)( (a bit|a little|so|too|really|just|kind of|way))* ({_LABEL_RX})\b"
    rf"|\byou are (so|too|way too|a bit too|being too|such a) ({_LABEL_RX})\b"
    r"|\bdrama queen\b|\ball in your head\b"
    # minimising and false reassurance
    r"|\bat least (you|they|he|she|it|your|there|now|that|this)\b|(^|[,.;:!?] )(well )?at least\b|\b(look on |on )the bright side\b|\bsilver lining\b|\bcould (be|have been) worse\b"
    r"|\b(not|isn't|wasn't|no) (a |that |such a |really a |really that )?big (of a )?deal\b"
    r"|\b(not|isn't) the end of the world\b|\b(not|isn't|wasn't) (that|so|as) bad\b|\bnot as bad as\b"
    r"|\b(everything|things|it all|stuff) (happens|happen) for a reason\b|\bit is what it is\b"
    r"|\bprobably (just )?(nothing|fine|okay|ok|routine|an accident|a mistake|forgot|busy|an oversight|didn't mean"
    r"|not (a big deal|that bad|as bad|personal|on purpose|serious|anything))\b"
    r"|\bi am (sure|certain|positive) (that )?(it|everything|things|she|he|they|your \w+|it all|nothing)( is| was| will"
    r"| are| would| has| had| didn't| wasn't| isn't| weren't| won't)?( be| been)? (fine|okay|ok|alright|all right|nothing"
    r"|not|good|well|great|healthy|normal|going to|on purpose|an accident|mean)\b"
    r"|\b(it|everything|things|she|he|they|you|it all) (will|is going to|are going to) (be )?(fine|okay|ok|alright"
    r"|all right|pass|blow over|work out|sort itself out|turn out fine|feel better)\b"
    r"|\byou will (get over it|survive|be over it|forget|feel better)\b"
    r"|\b(it|that|this) (is|was) (just|only) (a |one |work|some|the |stuff|a few|for)(?!lot\b)"
    r"|\bonly (a few|a couple of|one|two) (days|weeks|nights|trips|week)\b"
    r"|\b(nothing|not) personal\b|\b(wasn't|isn't|not) (on purpose|personal|about you|intentional)\b"
    r"|\b(they|he|she) (probably )?(didn't|don't) mean (it|anything)\b|\bdidn't miss (much|anything|a thing)\b"
    r"|\bthere will be (other|more|plenty|another|loads)\b|\bplenty of (other|more)\b"
    r"|\b(everyone|everybody) (has to|has been there|gets|goes through|does that|feels that|is busy|stays late"
    r"|works late)\b|\bto (everyone|everybody)\b"
    r"|\b(lots|plenty|loads) of people\b|\bother people have it\b|\bhappens to (everyone|everybody|all of us)\b"
    r"|\bmost (tests|results|people|of the time|scans|biopsies)\b|\busually (fine|nothing|okay|normal|routine)\b"
    r"|\b(routine|standard) (test|check|thing)\b|\b(is|are) routine\b"
    r"|\bit could (always )?be worse\b|\bworse things\b|\byou will be fine\b"
    r"|\bget some perspective\b|\bfirst world problem\b"
    r"|\b(try to |just |you have to |you need to )?(stay|think|be|keep it) (positive|optimistic)( thoughts)?\b"
    r"|\bpositive thoughts\b|\bgood vibes\b|\b(god|the universe) has a plan\b|\bmeant to be\b"
    r"|\b(not|aren't|isn't) worth (it|your time|the stress|worrying|getting upset|crying over)\b"
)
"""Minimising, contradicting or hurrying the feeling: "don't worry", "at least", "it'll be fine",
"it's just work", "you're overreacting", "everything happens for a reason", "cheer up"."""

ACCUSING_WHY = (r"\bwhy (do|does|did|are|were|is|can't|won't|don't|do you have to|must)\b[^,.;:!?]*"
                r"\b(always|never|constantly|every (?:single )?time|all the time|for once)\b")
"""A "why … always / never" question charges rather than asks, however open its form."""
