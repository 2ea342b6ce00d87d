import {DOUBLE_QUOTES, type LanguageRules} from './language-rules.ts'

export const en: LanguageRules = {
  lang: 'en',
  name: 'English',
  dir: 'ltr',
  quotes: DOUBLE_QUOTES,
  fullStops: '.',
  credits: [
    /(?:with )?(?:additional )?reporting by/,
    /(?:compiled|written) (?:from|with) (?:wire|agency) reports/,
    /based on reporting by/,
    /with (?:material|information|reports) from/,
    /sources?:/
  ],
  bylines: [/by/, /(?:written|words|posted|reported|story|text) by/],
  chrome: [
    /accessibility links/,
    /skip to (?:the )?(?:main )?(?:content|navigation|search)/,
    /breaking news/,
    /share(?: this(?: article| story| page)?| on \S+)?/,
    /print(?: this(?: article| page)?)?/,
    /related(?: articles| stories| content| topics| coverage)?/,
    /comments?|show comments|\d+ comments?/,
    /image|photo|picture|video|audio|gallery|graphic/,
    /advertisement|sponsored(?: content)?|ad/,
    /listen(?: to this article)?|copy link|link copied|read more|more|see also|back to top/,
    /home|menu|search|close|subscribe|sign in|log in|newsletter|follow us|loading\.\.\.?/
  ],
  listHeads: [
    /related(?: \S+)?|more (?:stories|news|articles|videos|on this(?: story| topic)?|from \S+(?: \S+)?|in \S+(?: \S+)?|to (?:read|explore))/,
    /(?:most|top) (?:read|popular|viewed|shared|commented|stories)|trending(?: now| stories)?|popular(?: now| stories)?/,
    /recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?like|(?:don't|do not) miss|up next|what to read next/,
    /(?:latest|top|other) (?:news|stories|headlines)|editors?['’]? picks|elsewhere on \S+(?: \S+)?|around the web|in other news|promoted(?: links| stories)?/
  ],
  promos: [/sign up|subscribe|subscription|newsletter|download (?:our|the) app|follow us|unlock|free trial|already a (?:subscriber|member)/],
  rightsReserved: [/all rights reserved/],
  stopWords:
    'a about after again against all also am an and any are as at be because been before being between both but by can could did do does during each few for ' +
    'from further had has have having he her here hers him his how i if in into is it its just me more most my no nor not now of off on once only or other ' +
    'our out over own said same says she should so some such than that the their them then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your',
  months: [/jan/, /feb/, /mar/, /apr/, /may/, /jun/, /jul/, /aug/, /sep/, /oct/, /nov/, /dec/]
}
