import type {LanguageRules} from './language-rules.ts'

export const bs: LanguageRules = {
  lang: 'bs',
  name: 'Bosnian',
  dir: 'ltr',
  quotes: {primary: ['„', '”'], secondary: ['‘', '’'], spaced: false},
  fullStops: '.',
  credits: [/izvor:/],
  bylines: [/autor:?/, /piše:?/],
  chrome: [
    /linkovi (?:za )?pristupačnost[i]?|preskoči na glavni sadržaj/,
    /podijeli(?:te)?|printaj|štampaj|komentari|pročitajte i/,
    /fotografija|slika|foto|video|reklama/
  ],
  listHeads: [/(?:povezane|slične|ostale) vijesti|najčitanije|pročitajte (?:i|još)|preporučujemo/],
  promos: [/pretplat|newsletter/],
  stopWords:
    'i u na je da se za od sa ne su kao to iz što koji koja koje a ali ili jer ako kada gdje bio bila bilo bili biti će bi samo još već tako zbog prema ' +
    'tokom nakon prije između do kod on ona oni mi vi ja ti',
  months: [/jan/, /feb/, /mar/, /apr/, /maj/, /jun/, /jul/, /aug|avg/, /sep/, /okt/, /nov/, /dec/]
}
