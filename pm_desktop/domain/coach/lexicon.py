"""Word lists that tell a person from a system, a team or a capitalised common word.

Data only, like :mod:`.rules`. All entries are lower case; lookups casefold the word first.
A participant of the review is always a person, whatever these lists say.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that are never people: days, months, systems, vendors, teams, and the common
# words an incident write-up starts sentences with.
DAYS_MONTHS = _words("""
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
    january february march april may june july august september october november december
    feb mar apr jun jul aug sep sept oct nov dec today yesterday tomorrow tonight
    christmas easter weekend
""")
SYSTEMS = _words("""
    kafka zookeeper postgres postgresql pg mysql mariadb redis memcached mongo mongodb cassandra
    scylla elasticsearch opensearch elastic kibana logstash solr clickhouse snowflake bigquery
    redshift dynamo dynamodb aurora rds sqs sns kinesis lambda ec2 s3 ecs eks gke aks fargate
    cloudfront cloudflare akamai fastly nginx apache envoy haproxy traefik istio linkerd consul
    vault nomad terraform pulumi ansible puppet chef salt kubernetes k8s docker helm argo argocd
    flux spinnaker jenkins circleci travis buildkite teamcity bamboo github gitlab bitbucket git
    jira confluence slack teams zoom meet opsgenie pagerduty victorops statuspage grafana
    prometheus alertmanager thanos loki tempo jaeger zipkin datadog newrelic honeycomb sentry
    splunk sumo bugsnag rollbar airflow luigi dagster prefect spark flink hadoop hive presto trino
    celery sidekiq resque rabbitmq activemq nats pulsar beanstalk heroku vercel netlify azure aws
    gcp okta auth0 keycloak ldap stripe adyen braintree paypal twilio sendgrid mailgun salesforce
    zendesk intercom hubspot segment mixpanel amplitude launchdarkly unleash cron systemd linux
    windows macos ios android chrome firefox safari java python ruby rails django flask node
    nodejs react angular vue go golang rust kotlin swift php perl scala erlang elixir graphql
    grpc rest http https tcp udp dns ssl tls api apis cdn vpn vpc waf sso oauth saml jwt json
    yaml xml csv sql nosql orm etl ci cd cicd qa uat prod staging dev sandbox
""")
TEAMS_AND_AREAS = _words("""
    payments payment checkout billing invoicing orders order search auth authentication login
    signup gateway inventory shipping notifications notification ledger platform frontend backend
    mobile web support sales product security compliance finance devops sre ops operations
    marketing legal engineering infra infrastructure networking network database databases data
    analytics reporting growth identity accounts account catalog catalogue pricing fraud risk
    customer customers success leadership management everyone everybody nobody someone somebody
    anyone anybody team teams
""")
COMMON_CAPITALISED = _words("""
    the a an this that these those it its it's we our us they their them i my you your he she his
    her him who what when where why how which there here then now after before during while
    because since although though but and or nor so yet if unless until once also again still
    only even just all both each every some any no none not nothing something everything
    one two three four five first second third last next later earlier finally meanwhile
    alert alerts alarm alarms deploy deploys deployment deployments migration migrations pipeline
    pipelines service services system systems config configuration monitoring release releases
    build builds job jobs script scripts test tests testing check checks rollback rollout load
    traffic disk memory cpu queue queues cluster clusters node nodes pod pods server servers host
    hosts certificate certificates cert certs proxy cache caching index indexes schema backup
    backups replica replicas primary leader worker workers scheduler runbook runbooks process
    processes review reviews change changes code feature features flag flags toggle users user
    vendor provider upstream downstream nightly automation bot bots health dashboard dashboards
    metrics logs log errors error latency timeouts timeout retries retry requests request
    responses response failover replication storage network firewall balancer router endpoint
    endpoints app apps application applications client clients browser library libraries sdk
    version versions patch patches hotfix hotfixes fix fixes update updates upgrade upgrades
    tooling tool tools policy policies rule rules limit limits quota quotas batch batches report
    reports query queries table tables row rows transaction transactions consumer consumers
    producer producers topic topics partition partitions lock locks thread threads process
    oncall on-call pager page pages escalation escalations incident incidents outage outages
    impact customer ticket tickets channel channel's status page management ci/cd
    note notes update summary timeline why whys follow-up follow-ups action actions root cause
    yes ok okay please thanks hello hi dear per via about around approximately roughly
    unfortunately fortunately luckily apparently eventually initially ultimately afterwards
    overall however therefore otherwise instead whoever whatever nothing
""")
NOT_PERSON: frozenset[str] = DAYS_MONTHS | SYSTEMS | TEAMS_AND_AREAS | COMMON_CAPITALISED

# Common given names from many places. Names that are also everyday words, months or product names
# (Will, May, June, Mark, Grant, Ruby, Julia, Ada, Cassandra…) are left out on purpose.
FIRST_NAMES: frozenset[str] = _words("""
    aaron abdul abigail adam adebayo aditya adrian ahmed aiden aisha akira alan albert alejandro
    aleksandra alex alexander alexandra alexei ali alice alicia alina alison amara amelia amir
    amit ana andrea andreas andrei andrew andrés angela anita anna anne annika anton antonio anya
    arjun arthur asha ashley astrid ayşe barbara beatriz ben benjamin bernard bianca björn blessing
    boris brandon brian bruno camila carla carlos carmen carol caroline catherine cecilia charles
    charlotte chen chidi chloe chris christian christina christopher claire clara claudia colin
    connor daniel daniela danielle dana daria david deepak denise dennis diana diego dimitri dmitri
    dominik dorothy duc dylan edward elena eleni elif elijah elisa elizabeth ella ellen emily emma
    eric erik esther ethan eva evan fatima felix fernando fiona francesca françois frederik
    gabriel gabriela george georgia gerald gloria grace greg gregory hana hannah hans harry hassan
    heather helen henrik henry hiroshi hugo ian ibrahim ida igor ines ingrid irina isaac isabel
    isabella ivan jacob jakub james jamie jan jana jane janet jasmine jason javier jean jennifer
    jeremy jessica jia jin joanna joe joel johan johannes john jonas jonathan jorge josé joseph
    joshua juan julian julie juliette jürgen kai karen karim karin kate katarzyna katherine kathy
    kayode keith kelly ken kenji kevin kim kofi kristina kwame lars laura lauren leah lena leo
    leon li lin linda lisa liam lucas lucía lucy luis luka lukas łukasz maria mariam marie marina
    mario marta martin martina mary mateo matthew matteo maya megan mehmet mei melissa mia michael
    michelle miguel mikhail min ming mohamed mohammed monica nadia naomi natalia natasha nathan
    neha nicholas nicole nikhil nikola nina noah nora oleksandr oliver olivia omar oscar pablo
    pamela patricia patrick paul paula pedro peter philip pierre piotr pooja priya rachel rahul
    raj rajesh ramón rebecca ricardo richard rita robert roberto rohan ruth ryan saanvi sabrina
    sam samantha samuel sandra sara sarah sean sebastian sergei shreya simon siobhan sofia sophie
    stefan stephanie steven sven søren takeshi tanya teresa thomas tim timothy tobias tom tomás
    tomasz valentina vanessa vera victor victoria vikram vincent wei wojciech xavier yan yara
    yasmin yuki yusuf yvonne zainab zara zoe zoë zofia
""")

# Subject pronouns for one person, and words for "some person".
PERSON_PRONOUNS = _words("he she someone somebody")
OBJECT_PRONOUNS = _words("him her someone somebody")

# A singular role after a determiner ("the intern forgot …") points at one person.
ROLE_NOUNS = _words("""
    intern engineer developer dev operator admin administrator sysadmin dba contractor reviewer
    author on-caller oncaller hire junior person guy employee tester manager lead sre coder
    programmer colleague teammate newcomer responder trainee apprentice consultant freelancer
    analyst architect technician staffer newbie
""")
ROLE_MODIFIERS = _words("""
    on-call oncall junior senior new backend frontend responsible platform devops database ops
    support release primary secondary qa
""")
# Groups of people. Words that name a team on their own ("Operations did not react") …
PEOPLE_GROUPS = _words("""
    support operations ops engineering management leadership qa sre sres devops secops helpdesk
""")
# … the head of a group ("the SRE team", "the networking folks", "the on-call rotation") …
GROUP_HEADS = _words("team teams folks people crew squad staff department")
# Heads that are a group only after certain words ("on-call rotation", not "key rotation").
GROUP_HEADS_AFTER: dict[str, frozenset[str]] = {
    "rotation": _words("on-call oncall pager support"),
    "shift": _words("on-call oncall night support"),
}
# … and people named by their role in the plural ("the developers", "Engineers never …").
PLURAL_ROLES = _words("""
    engineers developers devs reviewers operators admins administrators responders testers
    managers contractors interns employees colleagues teammates on-callers oncallers dbas
""")

# "Dana from support", "someone on the team": a person followed by where they work.
AFFILIATIONS = _words("from on in at of with")
DETERMINERS = _words("the a an one our their that this some your his her its each every no any")

# Words that may stand between a subject and its verb ("Dana then accidentally forgot").
GAP_WORDS = _words("""
    also then accidentally apparently again simply just clearly obviously completely totally
    mistakenly inadvertently unfortunately somehow probably evidently carelessly unknowingly
    unintentionally still already ultimately initially later first actually basically even really
    allegedly had has have must may might supposedly reportedly both hastily wrongly recklessly
    blindly needlessly negligently sloppily lazily thoughtlessly prematurely
""")

# Name words that are not names on their own ("van", "de"): never matched alone.
NAME_PARTICLES = _words("van von de der den da di du le la bin al el del dos das")
# A sentence-initial unknown word with these endings is more likely a thing than a name
# ("Deploys ignored …", "Caching missed …").
NOUN_SUFFIXES: tuple[str, ...] = (
    "s", "ing", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ics",
)  # fmt: skip
