import type {LanguageRules} from './language-rules.ts'

export const ps: LanguageRules = {
  lang: 'ps',
  name: 'Pashto',
  dir: 'rtl',
  // CLDR 47 lists “ ”; Pashto news sites quote with « ».
  quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
  fullStops: '.',
  credits: [/سرچینه:/],
  bylines: [/لیکوال:?/],
  chrome: [/شریکول|چاپ|نظرونه|اړوند/, /انځور|عکس|ویډیو|اعلان/],
  listHeads: [/اړوند (?:خبرونه|مطالب)|نور خبرونه|ډېر لوستل شوي/],
  promos: [/ګډون وکړئ|گډون وکړئ/],
  stopWords: 'د او په له چې دا هغه ته سره کې یې دي ده وو شو شوې شول کوي کړي کړې کړل وايي وویل هم نو خو که بیا تر څخه لپاره باندې پورې یو دغه دې زه موږ تاسو دوی هر ټول نه',
  months: [/جنوري/, /فبروري/, /مارچ/, /اپریل/, /مۍ|می/, /جون/, /جولای/, /اګست|اگست/, /سپتمبر/, /اکتوبر/, /نومبر/, /دسمبر/],
  solarHijriMonths: [/وری/, /غویی/, /غبرگولی/, /چنګاښ|چنگاښ/, /زمری/, /وږی/, /تله/, /لړم/, /لیندۍ/, /مرغومی/, /سلواغه/, /کب/]
}
