import type {LanguageRules} from './language-rules.ts'

export const it: LanguageRules = {
  lang: 'it',
  name: 'Italian',
  dir: 'ltr',
  quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
  fullStops: '.',
  credits: [/fonti?:/],
  bylines: [/di/],
  chrome: [
    /(?:vai|salta) al contenuto(?: principale)?/,
    /ultim['’]ora|condividi|stampa|commenti|articoli correlati|leggi anche/,
    /immagine|foto|video|pubblicità|cerca|menu/
  ],
  listHeads: [/articoli correlati|leggi anche|potrebbe interessarti|(?:i )?più (?:letti|visti|condivisi)|ultime notizie|altre notizie/],
  promos: [/abbonat|iscriviti|newsletter|scarica l['’]app/],
  rightsReserved: [/tutti i diritti riservati/],
  stopWords:
    'a ad al alla alle anche che chi ci come con da dal dalla dei del della delle di e è ed gli ha hanno ho i il in la le lo loro ma mi ne nel nella non ' +
    'o per più può quale quando quella quello questa questo se si sia siamo sono su sua sue suo suoi tra un una uno era erano essere stato stata tutti ' +
    'tutto così dopo prima ancora',
  months: [/gen/, /feb/, /mar/, /apr/, /mag/, /giu/, /lug/, /ago/, /set/, /ott/, /nov/, /dic/]
}
