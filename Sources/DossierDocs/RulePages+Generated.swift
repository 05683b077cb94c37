// Generated from docs/rules/*.md by `DOSSIER_UPDATE_DOCS=1 swift test --filter RulePageTests`: do not edit.

extension RulePages {
    /// The Markdown of each rule page, by code.
    static let markdown: [String: String] = [
        "alias-conflict": #"""
# alias-conflict

**Default severity:** warning

One name or alias belongs to two actors. It is reported on each actor's entry of that name.

## Why it matters

When “Khan” can mean the ICC prosecutor or a former prime minister, a plain-text mention cannot be
linked to either with confidence: completion offers both, unlinked mentions are ambiguous, and
attribution inference cannot tell who spoke. A reader could be told the wrong person is on record.

## Examples

This fires: both actors claim “Khan”.

```markdown fires
## Karim Khan {#karim-khan .person}

- aliases: Khan

## Imran Khan {#imran-khan .person}

- aliases: Khan
```

This does not fire: each alias says which Khan.

```markdown passes
## Karim Khan {#karim-khan .person}

- aliases: Mr. Khan, prosecutor Khan

## Imran Khan {#imran-khan .person}

- aliases: Imran
```

## How to fix it

Keep the shared name on the actor your articles mean by it, and give the other a longer alias
(“Imran Khan” rather than “Khan”). In articles, link the ambiguous name by hand:
`[Khan](@karim-khan)`.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "alias-conflict": "off" } }
```

Or silence it for a whole cast file:

```markdown passes
<!-- dossier-ignore-file alias-conflict -->
## Karim Khan {#karim-khan .person}

- aliases: Khan

## Imran Khan {#imran-khan .person}

- aliases: Khan
```

"""#,
        "anonymous-source": #"""
# anonymous-source

**Default severity:** information

A claim is attributed to an unnamed source with `by="…"`, or prose leans on one: “officials familiar
with the matter”, “a person close to”, “senior administration officials”, “on condition of
anonymity”… (`dossier.json` can add phrases under `cues.unnamed`).

## Why it matters

Anonymous sourcing is sometimes the only way a story can be told, but a reader should know when a
claim rests on people who are not named. The finding is information, not a warning: it marks the
claim so that the brief can say the source is unnamed, rather than asking you to remove it.

## Examples

The examples below use this cast:

```markdown cast
## The New York Times {#nyt .outlet}
```

This fires: the source is a description, not an actor.

```markdown fires
[The evidence includes decisions to strike civilian infrastructure]{.claim by="officials familiar with the matter" via=@nyt}
```

This fires: the prose names no one.

```markdown fires
The order was signed last week, according to people familiar with the matter.
```

This does not fire:

```markdown passes
[The evidence includes decisions to strike civilian infrastructure]{.claim by=@nyt}
```

## How to fix it

Name the source if the reporting allows it (`by=@id`); otherwise keep `by="…"` with a precise
description (“two officials at the Defense Department”), add `via=@outlet` for who relayed it, and
say in the text why the source is anonymous. `dossier export` writes such claims' footnotes as
“unnamed source”.

## Configure or silence it

Turn it off, or raise it, in `dossier.json`; `cues.unnamed` adds phrases:

```json dossier.json
{ "rules": { "anonymous-source": "off" } }
```

```json dossier.json
{ "rules": { "anonymous-source": "warning" }, "cues": { "unnamed": ["a source in the ministry"] } }
```

Or silence it for the next block with a comment on the line before it:

```markdown passes
<!-- dossier-ignore anonymous-source -->
The order was signed last week, according to people familiar with the matter.
```

"""#,
        "configuration": #"""
# configuration

**Default severity:** warning (error when `dossier.json` is not JSON at all)

`dossier.json`, the workspace's settings, has an unknown key, an unknown rule code, a bad severity or
a value of the wrong type. The finding is shown on `dossier.json` itself, on the offending key, and
the message names the nearest known key or code. The defaults stay in force for whatever is wrong,
so a typo never turns checking off.

## Why it matters

A misspelt rule name (`vague-atribution`) silently fails to do what you meant: the rule you wanted
off stays on, or the severity you raised stays low. Reporting it keeps the workspace's settings
honest for everyone who checks it, locally and in CI.

## Examples

This fires: there is no rule `vague-atribution`.

```json dossier.json fires
{ "rules": { "vague-atribution": "off" } }
```

This fires: severities are `error`, `warning`, `information`, `hint` or `off`.

```json dossier.json fires
{ "rules": { "vague-attribution": "loud" } }
```

This does not fire:

```json dossier.json
{
  "exclude": ["drafts/**"],
  "rules": { "vague-attribution": "error", "unlinked-mention": "off" },
  "cues": { "vague": ["it is rumoured"], "unnamed": ["a person close to"], "reporting": ["tweeted"] },
  "completion": { "linkNames": true }
}
```

## How to fix it

Use the key or code the message suggests. The keys are `exclude` (a list of globs), `rules` (code →
`error`, `warning`, `information`, `hint` or `off`), `cues` (lists `vague`, `unnamed`, `reporting`)
and `completion` (`linkNames`: true or false); `dossier explain` lists the codes. The
[format reference](../format.md#configuration-dossierjson) describes each setting.

## Configure or silence it

These findings cannot be turned off: fix the file. Editors that pass settings as LSP
`initializationOptions` get the same findings for those settings.

"""#,
        "duplicate-actor": #"""
# duplicate-actor

**Default severity:** error

One actor id is defined by two headings. Every definition is reported, each pointing at the others.

## Why it matters

An id must stand for one actor. With two definitions, hover, counts and the brief's footnotes take
whichever comes first, so a reader may be told the wrong role, affiliation or description for the
person on record.

## Examples

This fires: `karim-khan` is defined twice.

```markdown fires
## Karim Khan {#karim-khan .person}

- role: Prosecutor of the International Criminal Court

## Karim A. A. Khan {#karim-khan .person}
```

This does not fire: one definition, with the other spelling as an alias.

```markdown passes
## Karim Khan {#karim-khan .person}

- aliases: Karim A. A. Khan, Mr. Khan
- role: Prosecutor of the International Criminal Court
```

## How to fix it

Keep one definition and move the other's aliases and fields into it; if they are different actors,
give one of them a new id (rename it in the editor to update every reference).

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "duplicate-actor": "off" } }
```

Or silence it with a comment: on the line before a heading, for that heading; as
`dossier-ignore-file`, for the whole file:

```markdown passes
<!-- dossier-ignore-file duplicate-actor -->
## Karim Khan {#karim-khan .person}

## Karim A. A. Khan {#karim-khan .person}
```

"""#,
        "duplicate-claim": #"""
# duplicate-claim

**Default severity:** error

One claim id is given to two claims. Every one of them is reported, each pointing at the others.

## Why it matters

A citation `cite=#id` must lead to one claim. With two, the brief's sentence is attributed to
whichever comes first, which may not be the source the analyst meant.

## Examples

This fires: two claims share `austin-concerns`.

```markdown fires
[Austin said he had concerns about reciprocity]{.claim #austin-concerns by=@lloyd-austin}

[Austin repeated his concerns a week later]{.claim #austin-concerns by=@lloyd-austin}
```

This does not fire:

```markdown passes
[Austin said he had concerns about reciprocity]{.claim #austin-concerns by=@lloyd-austin}

[Austin repeated his concerns a week later]{.claim #austin-concerns-again by=@lloyd-austin}
```

## How to fix it

Give each claim its own id; rename one in the editor so that the citations of it follow. Ids are
workspace-wide: two articles cannot both have `#austin-concerns`.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "duplicate-claim": "off" } }
```

Or silence it for a file:

```markdown passes
<!-- dossier-ignore-file duplicate-claim -->
[Austin said he had concerns about reciprocity]{.claim #austin-concerns by=@lloyd-austin}

[Austin repeated his concerns a week later]{.claim #austin-concerns by=@lloyd-austin}
```

"""#,
        "front-matter": #"""
# front-matter

**Default severity:** warning

A value in the front matter (the `---` block at the top of a file) is not what its key expects:
`published` is not a `YYYY-MM-DD` date, `url` is not an `http://` or `https://` address, or `type`
is not `article`, `brief` or `cast`. (An `outlet:` that names no actor is an
[unknown-actor](unknown-actor.md) error; a bare `@id` value, which YAML rejects, is a
[syntax](syntax.md) error.)

## Why it matters

The front matter is where a claim's provenance comes from: `dossier export` footnotes each claim
with its article's outlet, title, date and link. A date that cannot be read or a broken link makes
that footnote wrong or useless for the reader who wants to check the source.

## Examples

This fires: there is no thirteenth month.

```markdown fires
---
title: Austin testifies on the ICC evidence
published: 2023-13-03
---
```

This fires: the URL has no scheme.

```markdown fires
---
url: www.example.com/austin-testifies
---
```

This does not fire:

```markdown passes
---
title: Austin testifies on the ICC evidence
type: article
published: 2023-05-03
url: https://www.example.com/austin-testifies
---
```

## How to fix it

Write dates as `YYYY-MM-DD`, links as full URLs, and `type` as `article` (the default), `brief` or
`cast`. Other keys (`author`, `section`…) are free and kept.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "front-matter": "off" } }
```

Or silence it for the whole file (the front matter comes first, so a comment cannot stand before it):

```markdown passes
---
published: 2023-13-03
---

<!-- dossier-ignore-file front-matter -->
```

"""#,
        "invalid-actor": #"""
# invalid-actor

**Default severity:** warning

An actor heading is incomplete or malformed: it has no name (`## {#id .person}`), its class is not
one of the nine kinds (the message suggests the nearest), or its `wikidata` field is not `Q`
followed by digits.

## Why it matters

The kind tells a reader what sort of source an actor is (a person, a government, an outlet), and the
name is what every export and hover shows. A misspelt kind class makes the heading an ordinary anchor
in other tools, and a bad Wikidata id links to the wrong entity or to nothing.

## Examples

This fires: `.persn` is not a kind.

```markdown fires
## Karim Khan {#karim-khan .persn}
```

This fires: a Wikidata id is `Q` and digits.

```markdown fires
## Lloyd Austin {#lloyd-austin .person}

- wikidata: 1869253
```

This does not fire:

```markdown passes
## Lloyd Austin {#lloyd-austin .person}

- wikidata: Q1869253
```

The kinds are `.person .organization .country .court .outlet .group .place .document .event`. A
heading with `{#id}` and no class is an ordinary anchor, not an actor, and is not checked.

## How to fix it

Use one of the nine kind classes, give the heading its name (the text before `{`), and write the
Wikidata id as shown on the entity's page (`Q1869253`), or remove the field.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "invalid-actor": "off" } }
```

Or silence it for one heading with a comment on the line before it:

```markdown passes
<!-- dossier-ignore invalid-actor -->
## Karim Khan {#karim-khan .persn}
```

"""#,
        "syntax": #"""
# syntax

**Default severity:** error

An annotation, the front matter or an attribute block is malformed, so Dossier cannot read it: an
attribute block that is never closed, a claim span inside another claim, a claim that runs across a
blank line, an id outside the id alphabet, an attribute without its value, a bare `@id` in front
matter, or a file that is not valid UTF-8 (then the file is otherwise skipped).

## Why it matters

A malformed annotation is silently wrong everywhere else: the claim it was meant to mark has no
source, the actor it was meant to mention is not counted, and Pandoc renders the braces as text. A
reader of the finished brief would see stray `{.claim …}` markup or lose the attribution entirely.

## Examples

This fires: the attribute block is never closed.

```markdown fires
[The Pentagon is blocking the evidence]{.claim by=@nyt
```

This fires: a claim cannot hold another claim.

```markdown fires
[Officials said [the order was signed]{.claim by=@nyt} last week]{.claim by=@nyt}
```

This does not fire:

```markdown passes
[The Pentagon is blocking the evidence]{.claim by=@nyt}, officials said.
```

## How to fix it

Read the message: it names what is missing and where. Close the attribute block with `}`; close
the outer claim before the next one opens, or mark only the inner claim; keep a claim within one
paragraph; write ids as lowercase letters and digits joined by single hyphens (`lloyd-austin`); in
front matter write actor ids bare (`outlet: nyt`) or quoted (`outlet: "@nyt"`), never `@nyt` bare,
which YAML rejects. The [format reference](../format.md) shows every construct.

## Configure or silence it

Turning it off hides broken annotations; fix them instead. If a passage must stay as it is (a
quoted sample of markup, say), put it in a code span or a fenced code block, where nothing is
recognised, or silence the rule for the block that follows a comment:

```markdown passes
<!-- dossier-ignore syntax -->
[Officials said [the order was signed]{.claim by=@nyt} last week]{.claim by=@nyt}
```

In `dossier.json`, `rules` can change its severity or turn it off:

```json dossier.json
{ "rules": { "syntax": "off" } }
```

"""#,
        "unattributed-claim": #"""
# unattributed-claim

**Default severity:** warning

A `.claim` or `.quote` span has neither `by=` nor `cite=`, or its `cite=` chain ends in claims that
have none: nobody is on record for it.

## Why it matters

Marking a sentence as a claim says “someone asserts this”. Without a source, a reader cannot weigh
it: a defence minister's statement, a leak from anonymous officials and an outlet's own reporting
carry different weight. In a brief, an unattributed claim is the analyst's assertion in disguise.

## Examples

The examples below use this cast:

```markdown cast
## The New York Times {#nyt .outlet}

- aliases: the Times
```

This fires: no source.

```markdown fires
[The Pentagon is blocking the evidence]{.claim}
```

This fires too: the cited claim has no source either.

```markdown fires
[It was blocked]{.claim #blocked}

[The Pentagon blocked the transfer]{.claim cite=#blocked}
```

This does not fire: the claim says who is on record, or cites a claim that does.

```markdown passes
[The Pentagon is blocking the evidence]{.claim #nyt-blocking by=@nyt}

[The Pentagon blocked the transfer]{.claim cite=#nyt-blocking}
```

## How to fix it

Add `by=@id` for the actor on record (`by=@a,@b` for several), `by="officials familiar with the
matter"` for an unnamed source, or `cite=#claim-id` to rest it on a claim that has a source. The
editor's quick fix attributes it to the actor its reporting verb names.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "unattributed-claim": "error" } }
```

```json dossier.json
{ "rules": { "unattributed-claim": "off" } }
```

Or silence it for the next block with a comment on the line before it:

```markdown passes
<!-- dossier-ignore unattributed-claim -->
[The Pentagon is blocking the evidence]{.claim}
```

"""#,
        "unattributed-quote": #"""
# unattributed-quote

**Default severity:** warning

A quotation of four or more words stands in prose, outside any claim span, and attribution inference
finds no one who said it: no speaker with a reporting verb around it (“…,” Austin said), no colon
lead-in (Austin said: “…”), no transcript label. See the [format reference](../format.md#attribution-inference)
for what inference recognises.

## Why it matters

Quotation marks promise a reader that these are someone's exact words. A quotation with no speaker
is the least checkable thing in an article: it may be from the subject, from another outlet, or from
a document, and once copied into a brief nobody can tell which.

## Examples

The examples below use this cast:

```markdown cast
## Lloyd Austin {#lloyd-austin .person}

- aliases: Austin
- role: U.S. Secretary of Defense
```

This fires: nobody near it is said to have said it.

```markdown fires
The hearing was tense.

“We will not share the evidence with anyone, ever.”
```

This does not fire: the sentence names the speaker with a reporting verb.

```markdown passes
“I will always prioritize the protection of U.S. military personnel,” Austin said.
```

This does not fire: the quotation is marked as a quote with its source.

```markdown passes
[“I will always prioritize the protection of U.S. military personnel,”]{.quote by=@lloyd-austin cue=said} he said.
```

Short quotations of fewer than four words (scare quotes such as a “special operation”) are not
checked.

## How to fix it

Say who said it, with a reporting verb, in the sentence or the next one; or mark it as a quote with
its source: `[“…”]{.quote by=@lloyd-austin cue=said}` (the editor's quick fix does this with the
speaker inference found, if any). If the source is unnamed, write `by="a defense official"`.

## Configure or silence it

Turn it off or change its severity in `dossier.json`; `cues.reporting` adds reporting verbs that
inference recognises:

```json dossier.json
{ "rules": { "unattributed-quote": "off" } }
```

```json dossier.json
{ "cues": { "reporting": ["quipped"] } }
```

Or silence it for the next block with a comment on the line before it:

```markdown passes
<!-- dossier-ignore unattributed-quote -->
“We will not share the evidence with anyone, ever.”
```

"""#,
        "unknown-actor": #"""
# unknown-actor

**Default severity:** error (a hint for a bare `@word` that merely resembles an id)

A mention, `by=`, `via=`, `member-of:` or `outlet:` names an actor id that no heading defines. The
message offers the nearest known id. A bare `@word` that is not an id is only a hint, and only when
it is within two edits of one (`@lloyd-austn`): e-mail addresses and handles are left alone.

## Why it matters

A mention of an unknown id leads nowhere: hover shows nothing, the actor's counts miss it, and a
claim whose `by=` names no one known cannot say who is on record. A typo in an id is the most
common way for a source to go missing from a brief.

## Examples

The examples below use this cast:

```markdown cast
## Lloyd Austin {#lloyd-austin .person}

- aliases: Austin
- role: U.S. Secretary of Defense
```

This fires: the id is misspelt.

```markdown fires
Defense Secretary [Lloyd Austin](@loyd-austin) testified on Tuesday.
```

This fires too: `by=` names no actor.

```markdown fires
[“I do have concerns about reciprocity,”]{.quote by=@austin} he said.
```

This does not fire:

```markdown passes
Defense Secretary [Lloyd Austin](@lloyd-austin) testified on Tuesday.
```

## How to fix it

Use the id the message suggests (the editor's quick fix replaces it), or define the actor: add a
heading such as `## Lloyd Austin {#lloyd-austin .person}` to your cast file (the quick fix
"create actor" writes a stub there). `dossier actors` lists the ids in use.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "unknown-actor": "warning" } }
```

Silence it for the next block with a comment on the line before it (`dossier-ignore-file` silences
it for the whole file):

```markdown passes
<!-- dossier-ignore unknown-actor -->
Defense Secretary [Lloyd Austin](@loyd-austin) testified on Tuesday.
```

"""#,
        "unknown-claim": #"""
# unknown-claim

**Default severity:** error

A `cite=#id` names a claim id that no claim in the workspace has.

## Why it matters

A brief's sentence rests on the claims it cites: that is where its attribution comes from. A citation
of a claim that does not exist (a typo, or an article renamed or removed) leaves the sentence with no
source, and the exported brief cannot say who is on record for it.

## Examples

This fires: no claim has the id `biden-order`.

```markdown fires
[Biden overrode the Pentagon]{.claim cite=#biden-order}
```

This does not fire: the cited claim exists (here in the same file; usually in an article).

```markdown passes
[President Biden ordered the government to share the evidence]{.claim #biden-order by="officials familiar with the matter"}

[Biden overrode the Pentagon]{.claim cite=#biden-order}
```

## How to fix it

Cite an existing id (completion after `cite=#` lists them, and `dossier claims` prints them all), or
give the claim you mean that id: `{.claim #biden-order …}`.

## Configure or silence it

Turn it off or change its severity in `dossier.json`:

```json dossier.json
{ "rules": { "unknown-claim": "warning" } }
```

Or silence it for the next block with a comment on the line before it:

```markdown passes
<!-- dossier-ignore unknown-claim -->
[Biden overrode the Pentagon]{.claim cite=#biden-order}
```

"""#,
        "unlinked-mention": #"""
# unlinked-mention

**Default severity:** hint (shown by `dossier check --min-severity hint` and in editors)

Plain text equals the name or an alias of a known actor (case-sensitive, whole words, longest match
first), but is not linked to it.

## Why it matters

A linked mention is what counts: it shows up in the actor's references and counts, hover on it
works in every tool, and the brief can link the name to the actor's page. An unlinked name is easy
to miss when you look for everything said about or by someone. It is a hint because linking every
occurrence is a matter of taste: many writers link the first mention in each article.

## Examples

The examples below use this cast:

```markdown cast
## Lloyd Austin {#lloyd-austin .person}

- aliases: Austin, Secretary Austin
- role: U.S. Secretary of Defense
```

This fires: “Lloyd Austin” is an actor's name.

```markdown fires
Lloyd Austin testified on Tuesday.
```

This does not fire: the name is linked (or written as a bare `@lloyd-austin`).

```markdown passes
[Lloyd Austin](@lloyd-austin) testified on Tuesday.
```

## How to fix it

Link it: `[Lloyd Austin](@lloyd-austin)`. The editor's quick fix does it, and completion inserts
linked names as you type. `"completion": {"linkNames": false}` in `dossier.json` makes completion
insert plain names instead.

## Configure or silence it

Hints are not shown by `dossier check` unless `--min-severity hint` is given. Turn the rule off, or
raise it, in `dossier.json`:

```json dossier.json
{ "rules": { "unlinked-mention": "off" } }
```

Or silence it for the next block with a comment on the line before it:

```markdown passes
<!-- dossier-ignore unlinked-mention -->
Lloyd Austin testified on Tuesday.
```

"""#,
        "unused-actor": #"""
# unused-actor

**Default severity:** hint (shown by `dossier check --min-severity hint` and in editors)

An actor is defined, but no document refers to it: no linked or bare mention, no `by=`, `via=`,
`member-of:` or `outlet:` names it.

## Why it matters

A cast grows as stories do. An actor nobody refers to is either left over from a draft, or someone
the articles name without linking, so their statements are not counted. It is a hint: a cast
prepared ahead of the articles is fine.

## Examples

This fires: `karim-khan` is defined and never referred to.

```markdown fires
## Karim Khan {#karim-khan .person}

- role: Prosecutor of the International Criminal Court
```

This does not fire: a mention refers to it (in any document of the workspace).

```markdown passes
## Karim Khan {#karim-khan .person}

- role: Prosecutor of the International Criminal Court

The court's prosecutor, [Karim Khan](@karim-khan), met the senators.
```

## How to fix it

Link the articles' mentions of the actor (see [unlinked-mention](unlinked-mention.md)), or remove
the definition if it is no longer needed. Find References on the heading shows nothing for such an
actor.

## Configure or silence it

Hints are not shown by `dossier check` unless `--min-severity hint` is given. Turn the rule off in
`dossier.json`:

```json dossier.json
{ "rules": { "unused-actor": "off" } }
```

Or silence it for one heading with a comment on the line before it:

```markdown passes
<!-- dossier-ignore unused-actor -->
## Karim Khan {#karim-khan .person}
```

"""#,
        "vague-attribution": #"""
# vague-attribution

**Default severity:** warning

Prose outside an attributed claim attributes a statement to no one: “reportedly”, “allegedly”, “it
is said”, “reports indicate”, “according to reports”, “some say”, “it is believed”, “is said to”…
(`dossier.json` can add phrases under `cues.vague`). A named source with a reporting verb in the same
sentence (“according to The New York Times”) satisfies it, and an unnamed-source phrase gets
[anonymous-source](anonymous-source.md) instead.

## Why it matters

“Reportedly” tells a reader that someone said so without saying who. Whether the claim came from a
minister, a rival government or a rumour, it reads the same. These words are how unsourced
assertions slip from one outlet's copy into the next, and from articles into briefs.

## Examples

The examples below use this cast:

```markdown cast
## The New York Times {#nyt .outlet}

- aliases: the Times
```

This fires: reported by whom?

```markdown fires
The Pentagon reportedly blocked the transfer of the evidence.
```

This fires: “reports indicate”, with no report named.

```markdown fires
Reports indicate that the decision was made in recent days.
```

This does not fire: the sentence names its source and a reporting verb.

```markdown passes
According to The New York Times, the Pentagon reportedly blocked the transfer of the evidence.
```

This does not fire: the sentence is a claim with a source on record.

```markdown passes
[The Pentagon reportedly blocked the transfer of the evidence]{.claim by=@nyt}.
```

## How to fix it

Say who: name the source with a reporting verb (“the Times reported”), or mark the sentence as a
claim with `by=` (the editor's quick fix wraps it for you). If nobody can be named, say that the
source is anonymous and why.

## Configure or silence it

Turn it off or change its severity in `dossier.json`; `cues.vague` adds phrases:

```json dossier.json
{ "rules": { "vague-attribution": "off" } }
```

```json dossier.json
{ "cues": { "vague": ["it is rumoured in the capital"] } }
```

Silence it for the next block with a comment on the line before it:

```markdown passes
<!-- dossier-ignore vague-attribution -->
The Pentagon reportedly blocked the transfer of the evidence.
```

Inside a paragraph, right before a sentence, the comment silences that sentence only, so the other
sentences are still checked:

```markdown
Officials met on Friday. <!-- dossier-ignore vague-attribution --> The Pentagon reportedly objected.
```

"""#,
    ]
}
