import {GUILLEMETS_LOW, type LanguageRules} from './language-rules.ts'

export const tg: LanguageRules = {
  lang: 'tg',
  name: 'Tajik',
  dir: 'ltr',
  // CLDR 47 lists “ ”; Tajik print, like Russian, uses « » and „ “.
  quotes: GUILLEMETS_LOW,
  fullStops: '.',
  credits: [/манбаъ:/],
  bylines: [/муаллиф:?/],
  chrome: [/чоп|шарҳҳо/, /сурат|акс|видео|реклама/],
  listHeads: [/хабарҳои (?:марбут|дигар|монанд)|(?:бештар|серхонандатарин) хондашуда|инчунин хонед/],
  promos: [/обуна шавед|обуна/],
  stopWords:
    'ва дар аз ба бо ки барои то ин он онҳо мо шумо ман ту як ҳам низ аст буд шуд мешавад кард карда мекунад худ ҳар ҳама чи чун агар аммо вале пас пеш ' +
    'байни бе на дигар бояд хоҳад дорад гуфт',
  months: [/январ/, /феврал/, /март/, /апрел/, /май/, /июн/, /июл/, /август/, /сентябр/, /октябр/, /ноябр/, /декабр/]
}
