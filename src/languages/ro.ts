import type {LanguageRules} from './language-rules.ts'

export const ro: LanguageRules = {
  lang: 'ro',
  name: 'Romanian',
  dir: 'ltr',
  quotes: {primary: ['„', '”'], secondary: ['«', '»'], spaced: false},
  fullStops: '.',
  // Romanian text arrives with comma-below (ș ț) or cedilla (ş ţ) letters.
  credits: [/cu informa[țţ]ii (?:de la|din)/, /sursa:/],
  bylines: [/de/, /autor:/],
  chrome: [
    /linkuri de accesibilitate/,
    /(?:sari|treci) la con[țţ]inutul principal/,
    /[șş]tiri de ultim[ăa] or[ăa]|distribuie|imprim[ăa]|printeaz[ăa]|comentarii/,
    /cite[șş]te [șş]i|articole similare/,
    /imagine|foto|video|publicitate|c[ăa]utare|meniu/
  ],
  listHeads: [/cite[șş]te [șş]i|articole (?:similare|recomandate)|cele mai (?:citite|populare|comentate)|[șş]tiri (?:similare|recente)/],
  promos: [/abon|newsletter|descarc[ăa] aplica[țţ]ia/],
  stopWords:
    'a acest această aceasta acum al ale am ca că care ce cu cum dar de din după el ea ei eu fi fie fost în la le lui mai nu o pe pentru prin să sa se ' +
    'și şi sunt sau un una unei unui au este era fără iar dacă către despre între',
  months: [/ian/, /feb/, /mar/, /apr/, /mai/, /iun/, /iul/, /aug/, /sep/, /oct/, /noi/, /dec/]
}
