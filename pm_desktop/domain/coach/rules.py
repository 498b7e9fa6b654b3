"""The coach's rules as data: phrases, word lists, messages and suggested rewrites.

Nothing here runs; :mod:`.matching` compiles these into regular expressions and applies them.
Patterns are matched case-insensitively against the text with curly apostrophes straightened,
and are written without nested unbounded repetition so a 100,000-character paste stays linear.
Every sentence a user reads comes from this module, in one place, so the tone stays consistent.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..prompts import HINTS

WARNING = "warning"  # likely to hurt the review: blame, vague takeaways, missing essentials
INFO = "info"  # worth a second look; often fine once reread
SEVERITIES: tuple[str, ...] = (WARNING, INFO)

RULES: tuple[str, ...] = (
    "blame",
    "counterfactual",
    "normative",
    "vague_followup",
    "followup_incomplete",
    "review_incomplete",
)
RULE_LABELS: dict[str, str] = {
    "blame": "Blame",
    "counterfactual": "Hindsight",
    "normative": "Judging word",
    "vague_followup": "Vague follow-up",
    "followup_incomplete": "Follow-up incomplete",
    "review_incomplete": "Review incomplete",
}


@dataclass(frozen=True, slots=True)
class Advice:
    """Why a finding matters (one sentence) and a pattern for rewriting it."""

    severity: str
    message: str
    suggestion: str


# ------------------------------------------------------------------------------ blame

BLAME = Advice(
    WARNING,
    "Naming a person as the cause of a failure invites defensiveness and hides the conditions "
    "that made the slip easy.",
    "Make the system or the process the subject: “The deploy pipeline did not check …” or "
    "“Nothing prompted a look at …”.",
)
BLAME_HINDSIGHT = Advice(
    WARNING,
    "“Someone should have …” judges a person with hindsight they did not have at the time.",
    "Say what the person saw and what was missing: “The dashboard showed …, and no alert "
    "pointed at …”.",
)
BLAME_LABEL = Advice(
    WARNING,
    "“Human error” ends the analysis where it should start: what made the error easy to make "
    "and hard to catch?",
    "Name the condition instead: “The script accepted … without asking for confirmation”.",
)

# Failure verbs that only people do: a subject in front of them is a person unless it is
# clearly a system, team or common word.
STRONG_FAILURES: tuple[str, ...] = (
    r"forg[eo]t(?:s|ten)?",
    r"neglect(?:s|ed)?",
    r"ignor(?:e|es|ed)",
    r"overlook(?:s|ed)?",
    r"(?:mess|messes|messed|screw|screws|screwed|foul|fouled) up",
    r"botch(?:es|ed)?",
    r"bungl(?:e|es|ed)",
    r"dropped the ball",
    r"fat[- ]?finger(?:s|ed)?",
    r"did(?:n't| not) (?:even )?bother",
    r"(?:made|makes) (?:a|an|another|the|one|two|several) (?:\w+ )?(?:mistakes?|errors?|blunders?"
    r"|slip-ups?)(?! (?:budget|rate|log|message|code|report|count|handling|page))",
    r"(?:was|were|is|got) (?:being |too |so |very )?(?:careless|negligent|sloppy|lazy|reckless"
    r"|inattentive|distracted|asleep at the wheel|not paying attention)",
    r"(?:is|was) (?:solely |entirely |partly |fully )?(?:to blame|at fault)",
)
# Failure verbs systems share with people ("the job failed to run"): only a name we know is a
# person (a participant, a common first name, he/she, "the intern") makes them blame.
HUMAN_DUTIES = (
    r"(?:check|test|notice|read|follow|review|verify|validate|update|escalate|communicate"
    r"|inform|tell|mention|report|ask|document|run|look|see|respond|acknowledge|answer|page"
    r"|monitor|confirm|wait|realise|realize|catch|flag|consult|notify|warn|back up|double-check"
    r"|coordinate|rotate|renew|reply|listen|think|care|pay attention|merge|deploy|roll back)"
)
WEAK_FAILURES: tuple[str, ...] = (
    # not "broke the work into tickets", "broke down the problem", "broke the news"
    r"(?:has |had )?(?:broke|breaks|broken)(?! down| up| off| the news| (?:[\w-]+ ){0,3}into)",
    r"(?:has |had )?caus(?:e|es|ed)",
    r"(?:has |had )?miss(?:es|ed)",
    r"fail(?:s|ed)? to (?:\w+)",
    r"(?:did(?:n't| not)|does(?:n't| not)|never|had(?:n't| not)) " + HUMAN_DUTIES,
    r"introduc(?:ed|es) (?:a|an|the|this|that|another) (?:\w+ )?(?:bug|regression|error|problem"
    r"|issue|outage|typo|fault)",
    r"(?:deleted|dropped|removed|restarted|deployed|pushed|merged|ran|changed|edited|configured"
    r"|killed|truncated|rebooted|terminated|shipped|updated|modified|picked|used|typed|chose)"
    r" (?:the |a |an )?wrong(?: [\w-]+)?",
    r"(?:pushed|deployed|merged|shipped|committed|released) (?:a |an |the |some )?(?:bad|broken"
    r"|buggy|faulty|untested)(?: [\w-]+)?",
    r"(?:took|takes|brought|brings) (?:down|out)|knocked (?:over|out)",
    r"(?:is|was) (?:solely |directly )?responsible for (?:the|this|that|our) (?:outage|incident"
    r"|failure|breakage|downtime|mistake|error|problem|bug|mess)",
)
# "<person>'s fault", "a mistake by <person>", "caused by <person>".
FAULT_NOUNS = (
    r"(?:fault|mistake|error|blunder|oversight|negligence|carelessness|screw-?up|slip(?:-up)?"
    r"|typo|incompetence)"
)
FAULT_BY = r"(?:" + FAULT_NOUNS + r")s? (?:made |committed )?(?:by|of|from)"
# Faults that only people commit ("Helios's mistake" is still blame) …
STRICT_FAULTS = frozenset(
    "fault mistake mistakes blunder blunders negligence carelessness screw-up screwup "
    "incompetence".split()
)
# … and words after "error" or "fault" that make it a measurement ("Helios's error rate").
FAULT_NOT_BLAME = frozenset(
    "rate rates count counts budget budgets log logs message messages code codes handling page "
    "pages spike spikes ratio metric metrics percentage threshold response responses tracking "
    "reporting report reports detection tolerance".split()
)
BY_STRONG = (
    r"(?:overlooked|ignored|forgotten|neglected|botched|messed up|screwed up|fat-fingered) by"
)
BY_WEAK = r"(?:caused|broken|introduced|missed|pushed|deployed|merged) by"
BLAME_ON = r"blam(?:e|es|ed|ing) (?:it |this |the \w+ )?on"
# Things a person owns whose failure is written as the person's ("Jonas's change broke …").
OWNED_THINGS = (
    r"(?:change|changes|commit|commits|deploy|deployment|pr|pull request|push|merge|migration"
    r"|script|config|query|code|patch|release|hotfix|fix|typo|edit|command)"
)
# Labels that pin a failure on people without naming anyone.
BLAME_LABELS: tuple[str, ...] = (
    r"human errors?",
    r"operator errors?",
    r"pilot errors?",
    r"pebkac",
    r"layer 8 (?:issue|problem|error)",
    r"(?:a |the )?person who (?:broke|caused|forgot|missed|deployed the bad)",
)

# A past participle, so "should have checked" is hindsight and "should have an owner" is not.
PAST_PARTICIPLE = (
    r"(?:[a-z]{2,}ed|been|had|known|seen|done|gone|taken|caught|run|found|kept|read|set|put|made|got"
    r"|gotten|written|built|told|paid|sent|spent|left|lost|held|brought|thought|bought|taught"
    r"|felt|meant|met|heard|hit|cut|shut|let|begun|won|spoken|broken|chosen|given|driven|fallen"
    r"|forgotten|hidden|risen|shaken|thrown|understood|stood|become|come|withdrawn|drawn|grown"
    r"|shown|blown|woken|led|dealt|split|spread|struck|stuck|dug|undone|rerun|rewritten|foreseen)"
)
# After a negated "would have", verbs that weigh an option rather than regret an outcome.
NEGATED_EXEMPT = (
    r"(?:helped|mattered|changed|made|worked|prevented|saved|avoided|caught|stopped|fixed"
    r"|solved|been enough|been (?:any )?(?:better|different|faster|possible))"
)
# Counterfactual modals; with a person as the subject they count as blame (see matching).
HINDSIGHT_MODALS = (
    r"(?:should(?:n't| not)? have|should've|shouldn't've|ought(?:n't)? to have"
    r"|could have|could've|would have|would've"
    # negated outcomes: "the restore would not have failed" (not "a cache would not have helped")
    r"|(?:would(?:n't| not| never) have|wouldn't've)(?! " + NEGATED_EXEMPT + r"))"
    r"(?= (?:(?:[a-z]+ly|also|already|just|still|never|not|even|at least) )?"
    + PAST_PARTICIPLE
    + r"(?![\w']))"
)
# What follows a modal that makes it something other than hindsight about actions.
MODAL_EXEMPT_AFTER = r"been (?:much |far |a lot |even |so )?(?:worse|longer|bigger|more)"

# ------------------------------------------------------------------------------ counterfactual

COUNTERFACTUAL = Advice(
    INFO,
    "Hindsight phrases describe what did not happen; the review learns more from what did, and "
    "why it made sense at the time.",
    "State what happened and what was missing: “The migration ran without a dry run; the "
    "pipeline has no such step”.",
)
COUNTERFACTUALS: tuple[str, ...] = (
    r"if only",
    # "if the job had run", "if we hadn't restarted": a past that did not happen.
    r"if (?:[\w'-]+ ){1,4}?had(?:n't| not)? " + PAST_PARTICIPLE,
)

# ------------------------------------------------------------------------------ normative

NORMATIVE = Advice(
    WARNING,
    "A judging word carries blame without adding a fact, and readers stop at the judgement.",
    "Drop the word, or put the fact behind it in its place: “the config set the pool size to "
    "5, not 40”.",
)
NORMATIVE_EASY = Advice(
    INFO,
    "Words like “obviously” or “simply” suggest the right move was easy to see, which it rarely "
    "is while an incident unfolds.",
    "Remove the word, or say which signal was available and when: “the disk graph showed 95 % "
    "at 09:40”.",
)
# Judgements of people and their work.
NORMATIVE_WORDS: tuple[str, ...] = (
    r"careless(?:ly|ness)?",
    r"sloppy|sloppily|sloppiness",
    r"negligen(?:t|tly|ce)",
    r"lazy|lazily|laziness",
    r"incompeten(?:t|tly|ce)",
    r"reckless(?:ly|ness)?",
    r"stupid(?:ly|ity)?|dumb|idiot(?:ic|s)?|moronic",
    r"thoughtless(?:ly|ness)?",
    r"irresponsibl(?:e|y)",
    r"inexcusabl(?:e|y)",
    r"unprofessional(?:ly)?",
    r"amateur(?:ish)?",
    r"(?:rookie|silly|basic|dumb|stupid|schoolboy|beginner's) (?:mistake|error)s?",
    r"lack of (?:care|attention|diligence|discipline|professionalism)",
    r"(?:not|wasn't|weren't|isn't|aren't) careful enough",
    r"(?:should|ought to) (?:have )?know(?:n)? better",
    r"no excuse",
)
# Words that make the right action sound easy in hindsight.
EASY_WORDS: tuple[str, ...] = (
    r"obviously",
    r"(?:be|is|was|were|are|seems?|seemed|looks?|looked) (?:so |very |pretty |quite |really )?"
    r"obvious",
    r"(?:an?|the|such an?) obvious (?:mistake|error|oversight|thing|problem|signs?|fix|bug"
    r"|typo|step|check|cause)",
    r"simply",
    # hindsight uses only: "clearly visible", "it was clearly wrong" (not "label it clearly")
    r"(?:is|was|were|are|it's) clearly|clearly(?=,)|clearly (?:visible|wrong|broken|showed"
    r"|shows|showing|indicated|pointed|didn't|did not|wasn't|was not|ignored|missed|forgot|not)",
    r"blatant(?:ly)?",
    r"just (?:had to|needed to|forgot|ignored|didn't|did not|wasn't|was not|skipped)",
    r"all (?:he|she|they|you|we|it) (?:had|needed) to do",
    r"common sense",
    r"no-?brainer",
)

# ------------------------------------------------------------------------------ vague follow-ups

VAGUE_EFFORT = Advice(
    WARNING,
    "A takeaway that relies on effort or attention changes nothing the next time the same "
    "conditions come round.",
    "Name a concrete change and how to check it: “Add a pre-deploy check that …, owned by …, "
    "by …”.",
)
VAGUE_WISH = Advice(
    WARNING,
    "Wishing that it never happens again names no change, so nothing will be different next time.",
    "Name the change that would stop it: “Reject configs without a signing key in CI, owned by "
    "…, by …”.",
)
VAGUE_IMPROVE = Advice(
    WARNING,
    "“Improve …” with nothing to measure gives nobody a way to tell when it is done.",
    "Say what will exist and how to check it: “Alert on p95 > 2 s for 3 min, routed to on-call”.",
)
VAGUE_INVESTIGATE = Advice(
    WARNING,
    "An investigation with no deliverable and no date tends to stay open for ever.",
    "Name the output and the date: “Compare … and write a one-page recommendation by …”.",
)
# Effort, attention and wishes: vague wherever a takeaway is written.
EFFORT_PHRASES: tuple[str, ...] = (
    r"be (?:more |extra |very |much more |even more |a bit more |a lot more )?(?:careful|vigilant"
    r"|diligent|attentive|mindful|cautious|thorough|proactive)",
    r"(?:take|taking) (?:more |extra |greater |better )?care",
    r"pay(?:ing)? (?:more |closer |better |extra )?attention",
    r"try(?:ing)? (?:harder|to do better|our best|to be more \w+)",
    r"do(?:ing)? (?:better|our best)(?: next time| in future| going forward)?",
    r"(?:raise|raising|increase|spread|create|build) (?:more )?awareness",
    r"awareness (?:session|campaign|training)",
    r"remind(?:ing)? (?:the |all |our |every )?(?:team|teams|everyone|everybody|engineers"
    r"|developers|devs|people|staff|folks|on-call|colleagues)",
    r"communicate (?:better|more clearly|more effectively|more|earlier)",
    r"better communication",
    r"stay (?:alert|vigilant|focused|on top of (?:it|things))",
    r"double[- ]check (?:everything|all (?:changes|deploys|the things)|more)",
    r"keep an eye on (?:it|things|this|the situation)",
    r"(?:learn|learned|learnt) (?:our|a|the|this) lesson",
)
# Wishes: vague on their own, fine as the purpose of a concrete action in the same sentence
# ("Add a lock to prevent this from happening again").
WISH_PHRASES: tuple[str, ...] = (
    r"(?:make sure|makes sure|ensure|ensures|guarantee) (?:that )?(?:this|it|that|the same"
    r"(?: thing)?|nothing like this|something like this|such (?:an? )?(?:incident|issue|outage)s?"
    r"|this (?:kind|type|sort) of (?:thing|incident|issue|outage))"
    r"(?: (?:will|does|can|is))? (?:never|not|doesn't|won't|can't|cannot) (?:\w+ )?"
    r"(?:happens?|occurs?|recurs?|repeats?)(?: again)?",
    r"never (?:happens?|occurs?) again",
    r"prevent (?:a )?recurrence",
    r"prevent (?:this|it|that|similar (?:incidents|issues|outages)|such (?:incidents|issues))"
    r" (?:from (?:happening|occurring|recurring|repeating)(?: again| in the future)?|again"
    r"|in the future)",
    r"avoid (?:this|similar (?:incidents|issues|outages)|such (?:incidents|issues)) in the future",
)
# "Improve X" where X is a broad area: vague unless the same text gives something measurable.
IMPROVE_VERBS = (
    r"(?:improve|improving|enhance|enhancing|increase|increasing|strengthen|strengthening|boost"
    r"|better|tighten|tightening|optimi[sz]e|optimi[sz]ing|revisit|revisiting|rethink|rework"
    r"|upgrade|work on|focus on|invest in)"
)
IMPROVE_AREAS = (
    r"(?:monitoring|alerting|alerts|observability|visibility|testing|tests|test coverage"
    r"|coverage|documentation|docs|communications?|processe?s?|procedures?|quality|code quality"
    r"|reliability|stability|resilience|robustness|performance|tooling|coordination"
    r"|collaboration|awareness|on-call|incident response|response times?|practices|code reviews?"
    r"|reviews|review process|training|knowledge sharing|onboarding|handovers?|security"
    r"|infrastructure|the system|ownership|runbooks|qa|checks)"
)
IMPROVE_PHRASE = (
    r"(?:more|better) (?:testing|monitoring|alerting|documentation|observability|coordination)|"
    + IMPROVE_VERBS
    + r" (?:our |the |team |overall |internal |existing |general |current )?"
    + IMPROVE_AREAS
    + r"(?: (?:and|&) (?:our |the )?"
    + IMPROVE_AREAS
    + r")?"
)
# Leading verbs of follow-up titles that describe an activity instead of a result.
INVESTIGATE_START = (
    r"(?:investigate|look into|looking into|explore|research|dig into|check (?:on|into)"
    r"|figure out|understand|analy[sz]e|assess|evaluate|consider|think about|discuss"
    r"|follow up on|monitor|keep an eye on|review|revisit|check whether|check if)"
)
# Anything that makes a takeaway checkable: numbers, thresholds, dates, a concrete deliverable.
SPECIFIC_MARKERS: tuple[str, ...] = (
    r"\d",
    r"%",
    r"[<>≤≥]",
    r"\bp(?:50|75|90|95|99|999)\b",
    r"\b(?:add|adding|create|creating|write|writing|set up|setting up|configure|configuring"
    r"|build|building|enable|enabling|introduce|introducing|automate|automating|page|paging"
    r"|alert on|alerting on|require|requiring|block|blocking|reject|rejecting|schedule"
    r"|publish|assign|route|routing|replace|remove|migrate|split|deploy|fail the build"
    r"|fails? ci|move|rename|delete|install|upgrade to|pin|limit|cap)\b",
)
DELIVERABLES: tuple[str, ...] = (
    r"\b(?:and|then|to) (?:write|add|propose|report|share|decide|document|present|fix|file"
    r"|open|create|produce|recommend|implement|ship|publish|update|remove|replace|list|pick"
    r"|choose|agree)\b",
    r"\b(?:write-?up|proposal|decision|report|rfc|adr|summary|recommendation|design doc"
    r"|one-pager|ticket|plan|prototype|benchmark|comparison|estimate|shortlist)s?\b",
    r"\bdecide (?:whether|if|on|between|which)\b",
    r"\b(?:and|then) (?:page|alert|route|block|reject|require|set|cap|limit|move|raise|lower"
    r"|schedule|enable|disable|add|merge|ship|deploy|delete|rename|pin|rotate)\b",
    r"\breport back\b",
    r"\bso that\b",
)
DATE_MARKERS: tuple[str, ...] = (
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}\b|\b\d{1,2} may\b|\bmay \d{1,2}\b",
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?"
    r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"\bby (?:the )?(?:end of|eod|eow|eom|next|this)\b",
    r"\b(?:this|next) (?:week|sprint|month|quarter|iteration|cycle)\b",
    r"\bq[1-4]\b",
)

# ------------------------------------------------------------------------------ follow-ups

FOLLOWUP_PARTS: dict[str, Advice] = {
    "no owner": Advice(
        WARNING,
        "Without one named owner, everyone can assume someone else is taking care of it.",
        "Name one person who will drive it; they can still share out the work.",
    ),
    "no due date": Advice(
        WARNING,
        "Without a due date, a follow-up competes with everything else and usually loses.",
        "Agree a date with the owner, even a rough one, and revisit it if it slips.",
    ),
    "no acceptance criteria": Advice(
        WARNING,
        "Without acceptance criteria, nobody can tell when the follow-up is finished.",
        "Add one to three checks, e.g. “CI fails on a sequential scan of the orders table”.",
    ),
    "not linked to a root cause": Advice(
        INFO,
        "A follow-up that is not tied to a root cause makes it hard to see which causes are still "
        "open.",
        "Link it to the why node it addresses, or mark that node as a root cause.",
    ),
}

# ------------------------------------------------------------------------------ review checklist


@dataclass(frozen=True, slots=True)
class ChecklistRule:
    key: str
    label: str
    severity: str
    message: str  # the gap and why it matters, shown as a finding when the item is not done
    hint: str  # what to do, shown next to the checklist item


CHECKLIST: tuple[ChecklistRule, ...] = (
    ChecklistRule(
        "summary", "Summary written", INFO,
        "There is no summary yet, and it is the part most readers read, often the only one.",
        "Three or four sentences: what happened, what users saw, what stopped it, what changes.",
    ),
    ChecklistRule(
        "impact", "Impact described", WARNING,
        "The impact is not described, so readers cannot judge how much the follow-ups matter.",
        "Say who was affected, how many or how much, and for how long.",
    ),
    ChecklistRule(
        "trigger", "Trigger named", INFO,
        "Nothing says what set the incident off, so a reader may take the trigger for the cause "
        "or never learn it.",
        "Name what set it off (a release, a traffic peak, a changed setting), apart from the "
        "root causes that let it do harm.",
    ),
    ChecklistRule(
        "impact_start", "Start of impact on the timeline", INFO,
        "No event marks when users were first affected, so time to detect cannot be measured.",
        "Mark the event where users were first affected as “Impact starts”.",
    ),
    ChecklistRule(
        "detected", "Detection on the timeline", WARNING,
        "No event marks the detection, so the review cannot show how long the problem went "
        "unnoticed.",
        "Mark the event where someone or something first noticed the problem as “Detected”.",
    ),
    ChecklistRule(
        "resolved", "Resolution on the timeline", WARNING,
        "No event marks the resolution, so the length of the incident is unknown.",
        "Mark the event where the incident was over as “Resolved”.",
    ),
    ChecklistRule(
        "root_cause", "At least one root cause or contributing factor", WARNING,
        "No why node is marked as a root cause or a contributing factor, so the review explains "
        "what happened but not what to change.",
        "In the why tree, mark the answers you can act on as root causes (R) or, when several "
        "conditions led there together, as contributing factors (K).",
    ),
    ChecklistRule(
        "root_followups", "Every root cause has a follow-up", WARNING,
        "This root cause has no follow-up, so it will still be there next time.",
        "Create a follow-up from each root cause (or link an existing one).",
    ),
    ChecklistRule(
        "functions", "People from more than one team", INFO,
        "The participants listed come from one team at most; support, sales and product often "
        "see an incident differently from engineering.",
        "Add the people who noticed, escalated or communicated, with their team or role.",
    ),
    ChecklistRule(
        "time_zone", "Times have a stated zone", INFO,
        "Some times have no stated zone, and they will be misread as soon as readers sit in "
        "different places.",
        "Choose the review's display zone and give each time the zone it was read in.",
    ),
    ChecklistRule(
        "lessons", "Lessons noted", INFO,
        "No lessons are noted; what went well and where you got lucky help the next team as much "
        "as what broke.",
        "Fill in what went well, what went wrong and where you got lucky.",
    ),
)  # fmt: skip

# The instructions older templates stored as field text; a field still holding one has not been
# written (the hints and the check live in ..prompts).
TEMPLATE_PROMPTS: dict[str, str] = dict(HINTS)
