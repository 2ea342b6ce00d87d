import {GUILLEMETS_LOW, type LanguageRules} from './language-rules.ts'

export const tt: LanguageRules = {
  lang: 'tt',
  name: 'Tatar',
  dir: 'ltr',
  // CLDR 47 lists “ ”; Tatar print, like Russian, uses « » and „ “.
  quotes: GUILLEMETS_LOW,
  fullStops: '.',
  credits: [],
  bylines: [/автор:?/],
  chrome: [/уртаклашу|бастыру|фикерләр/, /рәсем|фото|видео|реклама/],
  listHeads: [/темага (?:бәйле|караган)|охшаш (?:яңалыклар|язмалар)|күп укылган(?:нар)?|башка яңалыклар/],
  promos: [/язылыгыз|язылу/],
  stopWords:
    'һәм белән бу да дә дип дигән бер ул алар без сез мин син шул бар юк түгел иде булды булып булган булса ләкин тик соң кадәр турында аша буенча кебек ' +
    'яки иң бик күп һәр барлык үз аның аны өчен',
  months: [/гыйнвар|январ/, /феврал/, /март/, /апрел/, /май/, /июн/, /июл/, /август/, /сентябр/, /октябр/, /ноябр/, /декабр/]
}
