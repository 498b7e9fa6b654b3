"""Sentence shapes of blame and vagueness that no single judging verb gives away (issue #23).

Data only, like :mod:`.rules`: patterns, word lists and the sentences a user reads. The idea of
each shape, so new words go where they belong:

- *harm done by a person*: a person or role is the subject, and the clause carries the harm in
  an adverb ("by accident", "hastily"), in a judged object ("an untested hotfix"), in a
  destination ("against production", "instead of the test database"), in a missing step
  ("without telling anyone") or in a verb that is harm by itself ("misconfigured"). Deleting,
  killing or taking something offline is harm where causes are explained, not on the timeline,
  where it is mostly how the incident was stopped ("Jonas killed the runaway query");
- *judged work*: a possessive in front of a judged thing ("Lena's unreviewed patch");
- *a group judged*: a team as the subject of a verdict on its speed or care ("Operations did not
  react in time", "the SRE team was too slow to …");
- *not bothering*: "nobody bothered to", "couldn't be bothered", "no one cared to" — a claim about
  people's will, whoever the subject;
- *generic follow-up*: a generic verb on a generic object with nothing to check ("Fix the cache",
  "Revisit the alerting").

:mod:`.clauses` applies them. Patterns are case-insensitive, run on text with straight
apostrophes, and use bounded repetition only.
"""

from __future__ import annotations

from . import lexicon as lx
from .rules import WARNING, Advice


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ------------------------------------------------------------------------------ advice

BLAME_HARM = Advice(
    WARNING,
    "Starting the harm with a person (who ran what, where, by mistake) makes the review about "
    "them and not about what let the action through.",
    "Make the action's conditions the subject: “The cleanup script took the production host "
    "without asking for confirmation”.",
)
BLAME_JUDGED_WORK = Advice(
    WARNING,
    "Calling it someone's rushed, untested or bad work pins the failure on them and hides why "
    "the work could go out as it was.",
    "Name the change and the missing guard: “The retry patch shipped without review; the "
    "repository does not require one”.",
)
BLAME_GROUP = Advice(
    WARNING,
    "Judging a team's speed or care gives a verdict where readers need the facts that slowed "
    "the team down.",
    "Give times and what the team saw: “The page reached Operations at 09:12; the runbook step "
    "took 25 minutes”.",
)
BLAME_BOTHER = Advice(
    WARNING,
    "“Nobody bothered” claims people did not care; it is rarely true, and it ends the question "
    "of why the step was skipped.",
    "Say what was missing: “No step in the release checklist asks for the replica lag”.",
)
VAGUE_GENERIC = Advice(
    WARNING,
    "A generic verb on a broad object (“fix the cache”, “revisit alerting”) does not say what "
    "will be different, so nobody can tell when it is done.",
    "Name the change and its check: “Expire cache entries after 10 minutes; alert when the hit "
    "rate drops below 80 %”.",
)

# ------------------------------------------------------------------------------ harm by a person

# How an action was done, when the manner itself is the judgement.
JUDGING_MANNER = (
    r"(?:accidentally|mistakenly|carelessly|hastily|wrongly|unintentionally|inadvertently"
    r"|recklessly|blindly|negligently|sloppily|lazily|thoughtlessly|by accident|by mistake"
    r"|in error|in a hurry|in a rush)"
)
# Judged work. Strong words judge the person's care; weak ones also describe systems'
# output ("a broken build"), so they need a surer person.
JUDGED_STRONG = (
    r"(?:untested|unreviewed|unchecked|unapproved|unfinished|half-finished|half-baked"
    r"|incomplete|unvetted|unverified|hasty|rushed|careless|sloppy|reckless|ill-advised"
    r"|ill-considered|unauthori[sz]ed|botched)"
)
JUDGED_WEAK = r"(?:bad|broken|buggy|faulty|wrong|flawed)"
# A safeguard the person went past.
SKIPPED_STEP = (
    r"without (?:first |even )?(?:telling|asking|checking|testing|reading|reviewing|looking"
    r"|warning|notifying|informing|consulting|waiting|verifying|a review|review|approval"
    r"|permission|a second (?:review|reviewer|look|pair of eyes)|any (?:review|testing|tests"
    r"|approval|warning|notice|checks?)|a rollback plan|a (?:dry|test) run)"
)
# Where the action landed, when the place is the harm.
HARMFUL_TARGET = (
    r"(?:against (?:the |our )?(?:live|production|prod|primary)"
    r"|over (?:the |our )?(?:live|production|prod|existing|customer)"
    r"|(?:straight|directly) (?:to|into|on) (?:production|prod|main|master|live)"
    r"|instead of (?:the|a|an|our|its|their)(?= )"
    r"|to (?:all|every) (?:regions?|hosts?|servers?|customers?|nodes?|users?|clusters?"
    r"|environments?)|the only (?:[\w-]+ )?(?:copy|backup|replica|key|node|instance))"
)
# Verbs that are harm by themselves, whatever the object.
HARM_VERBS = (
    r"(?:mis(?!s)[a-z]{3,}ed|misread|mis-set"
    r"|rushed (?:the|a|an|his|her|their|through|out)"
    r"|(?:took|knocked|brought|sent) (?:[\w-]+ ){1,4}?(?:offline|down)"
    r"|let (?:[\w-]+ ){1,4}?(?:lapse|expire|slip|run out|fill up|rot)"
    r"|left (?:[\w-]+ ){1,4}?(?:on(?=[,.;!?]|$)|running|enabled|unpatched|unattended|exposed)"
    r"|(?:silenced|muted|snoozed|disabled|dismissed) (?:the |an |a |all |every |that )?"
    r"(?:[\w-]+ ){0,2}?(?:alerts?|alarms?|pages?|warnings?)"
    r"|(?:committed|pasted|posted|leaked|exposed|published|uploaded) (?:[\w-]+ ){0,3}?"
    r"(?:keys?|passwords?|secrets?|tokens?|credentials))"
)
# Destructive verbs: harm unless the object or the clause says it was meant.
DESTRUCTIVE = (
    r"(?:deleted|dropped|wiped|truncated|removed|purged|emptied|erased|destroyed|overwrote"
    r"|overwritten|clobbered|nuked|killed|revoked)"
)
SAFE_OBJECT = _words("""
    stale scratch old unused temporary temp test duplicate duplicated leaked orphaned obsolete
    empty expired extra corrupt corrupted debug dead unneeded orphan spare bad broken faulty
    unhealthy failing failed poisoned noisy flapping runaway compromised hung stuck zombie
    misbehaving
""")
INTENDED = (
    r"\b(?:after|once|as planned|as agreed|as intended|as scheduled|temporarily"
    r"|to (?:reproduce|free|stop|contain|mitigate|limit|clear|recover|restore|fix|unblock|reset"
    r"|rebuild|drain|release|test|force)"
    r"|for (?:an?|one|two|a few|\d+) (?:hours?|minutes?|mins?)|until the fix|while the fix"
    r"|(?:as|per|following) (?:the |our )?(?:runbook|plan|procedure|checklist|playbook"
    r"|change request)s?|for (?:planned |scheduled )?maintenance|with (?:the )?approval"
    r"|approved by)\b"
)
# "never" + a past action, except verbs of knowing, getting and being.
NEVER_DONE = (
    r"never (?!(?:had|knew|saw|heard|received|got|learned|learnt|expected|meant|intended"
    r"|needed|wanted|was|were|did|came|went|happened|used|existed|showed|appeared|seemed"
    r"|reached|fired|failed|worked|noticed)\b)"
    r"(?:[a-z]{2,}ed|ran|wrote|read|took|put|set|left|made|gave|sent|told|paid|built|kept"
    r"|spoke|thought|turned)"
)
# Words that can stand first in a past-tense clause and are not its verb.
IRREGULAR_PAST = _words("""
    ran wrote read took put set left let made gave sent told paid built kept spoke thought
    overwrote brought knocked hit cut shut chose drove began broke forgot
""")
# Words ending in -ed that are adjectives or nouns far more often than verbs.
NOT_VERBS = _words("""
    need needed red bed shed speed seed feed hundred bled wed fed led sled
    scheduled automated dedicated distributed related unrelated detailed limited
""")

# ------------------------------------------------------------------------------ judged work

# Work a person hands in, for "Lena's unreviewed patch" (not "Priya's untested theory").
WORK_NOUNS = _words("""
    change changes commit commits deploy deploys deployment deployments pr prs push merge
    migration migrations script scripts config configs configuration query queries code patch
    patches release releases hotfix hotfixes fix fixes edit edits command commands rollback
    rollbacks rollout rollouts handover handovers cleanup restart failover upgrade upgrades
    review reviews test tests work job jobs rule rules update updates setting settings build
    builds backfill backfills import change-set changeset refactor refactoring pull request
""")
JUDGING_NOUNS = (
    r"(?:shortcut|shortcuts|misstep|missteps|misjudge?ment|gaffe|goof|haste|lapse|inattention)"
)
# "the engineer's decision to ignore the warnings", "Dana's failure to renew"
CHOSEN_FAILURE = (
    r"(?:decision|choice|refusal|failure|unwillingness|reluctance|inability) to"
    r"(?: (?:ignore|skip|bypass|override|disable|silence|rush|cut corners|not)\b| \w+)"
)

# ------------------------------------------------------------------------------ groups and will

GROUP_VERDICTS: tuple[str, ...] = (
    r"(?:did(?:n't| not)|does(?:n't| not)|never|failed to|could(?:n't| not)) (?:react|respond"
    r"|act|escalate|move|notice|acknowledge|intervene|step in|follow up)(?: \w+)?"
    r" (?:in time|quickly enough|fast enough|soon enough|promptly|early enough|at all)",
    r"(?:was|were|is|are) (?:far |much |way |simply )?too (?:slow|late) to",
    r"(?:reacted|responded|acted|escalated|moved) (?:far |much |way )?too (?:late|slowly)",
    r"took (?:far |much |way )?too long to",
    r"did(?:n't| not) take (?:it|this|that|them|(?:the|our|their) [\w-]+(?: [\w-]+)?) seriously",
)
# Failing at a duty: people and groups, not systems ("QA failed to test", "Support did not tell").
GROUP_DUTY_FAILURE = r"(?:fail(?:s|ed)? to|did(?:n't| not)|does(?:n't| not)|never) "
NOT_BOTHERED: tuple[str, ...] = (
    r"(?:could(?:n't| not)|can't|cannot|would(?:n't| not)) (?:even )?be bothered",
    r"(?:nobody|no one|no-one|none|never|not|n't)(?: [\w-]+){0,4}? (?:even )?"
    r"(?:bother(?:ed|s)?|care[ds]?)(?: enough)? (?:to|with|about)\b",
)

# ------------------------------------------------------------------------------ generic follow-ups

GENERIC_VERBS = (
    r"(?:fix(?: up)?|address|resolve|handle|deal with|sort(?: out)?|tackle|clean up|tidy(?: up)?"
    r"|revisit|rework|rethink|review|update|harden|streamline|improve|enhance|revise|refine"
    r"|simplify|clarify|strengthen|overhaul|refactor|reduce|discuss|work on|make"
    r"|look(?: deeper| closer| again| more closely| harder)? (?:at|into)"
    r"|take (?:a |another )?(?:closer |deeper |second |hard |proper |good )?look (?:at|into)"
    r"|get to the bottom of|dig(?: deeper| further)?(?: into)?|circle back(?: on| to)?"
    r"|follow up(?: on)?|check (?:on|into|in on)|keep (?:monitoring|watching|checking|tracking"
    r"|an eye on))"
)
# A follow-up item splits into parts at these; every part must be generic for the item to be.
PART_SPLIT = r"\s*(?:[,;:]|\band\b|\bthen\b|&|\+)\s*"
# Where a takeaway list starts inside a longer text: "Next steps: …".
TAKEAWAY_LABEL = r"(?:next steps?|action items?|follow-?ups?|to-?dos?|actions?)\s*:\s*"
# Broad words an object of a generic follow-up is made of, beyond the lexicon's common words.
GENERIC_OBJECT_WORDS: frozenset[str] = (
    lx.COMMON_CAPITALISED
    | lx.SYSTEMS
    | lx.TEAMS_AND_AREAS
    | _words("""
    issue issues problem problems situation situations stuff thing things setup set-up
    alerting logging failover flaky latency spike spikes noise debt technical capacity root
    cause causes wrong went happened what deeper again more better resilient reliable robust
    stable safer faster slower less noisy retry logic replication load balancer pager rollout
    rollouts bottom closer whole entire overall related around in on at of for with into to
    up out from all any everything area areas part parts side gap gaps way ways handling flow
    flows path paths behaviour behavior state hygiene story concern concerns bug bugs slowness
    instability failures failure general current existing whatever stuff-ups things
    approach strategy plan setup practice practices question questions
""")
)
