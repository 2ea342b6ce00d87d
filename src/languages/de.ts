import type {LanguageRules} from './language-rules.ts'

export const de: LanguageRules = {
  lang: 'de',
  name: 'German',
  dir: 'ltr',
  quotes: {primary: ['„', '“'], secondary: ['‚', '‘'], spaced: false},
  fullStops: '.',
  credits: [/mit material (?:von|der|aus)/, /mit agenturmaterial/, /quellen?:/],
  bylines: [/von/, /autor(?:in)?:/],
  chrome: [
    /(?:zum|direkt zum) (?:haupt)?inhalt(?: springen)?/,
    /zur navigation(?: springen)?|zur suche(?: springen)?/,
    /eilmeldung|teilen|artikel teilen|drucken|kommentare|vorlesen|link kopieren/,
    /mehr zum thema|verwandte (?:artikel|themen)|das könnte sie auch interessieren/,
    /bild|foto|video|audio|bildergalerie|anzeige|werbung|startseite|suche|menü/
  ],
  listHeads: [
    /mehr zum thema(?: .{1,40})?|mehr (?:aus|zu|von) .{1,40}|auch (?:auf|interessant|lesenswert)(?: .{1,30})?|verwandte (?:artikel|themen)/,
    /meistgelesen|meistkommentiert|meistgeteilt|am meisten gelesen|beliebt|top[- ]themen|neueste (?:artikel|meldungen)|weitere (?:artikel|meldungen|nachrichten)|das könnte sie auch interessieren/
  ],
  promos: [/abonn|newsletter|jetzt (?:anmelden|registrieren|testen)|app herunterladen/],
  rightsReserved: [/alle rechte vorbehalten/],
  stopWords:
    'aber alle als also am an auch auf aus bei bin bis da damit dann das dass dem den der des die dies diese dieser dieses doch dort du durch ein eine ' +
    'einem einen einer eines er es für gegen hat hatte habe haben hier ich ihr ihre im in ist ja jedoch kann kein keine mit muss nach nicht noch nun nur ' +
    'ob oder ohne sehr sein seine sich sie sind so soll über um und uns unter vom von vor war waren was wenn werden wie wir wird wurde wurden zu zum zur',
  months: [/j[aä]n/, /feb/, /m[aä]r|mrz/, /apr/, /mai/, /jun/, /jul/, /aug/, /sep/, /okt/, /nov/, /dez/]
}
