import type {LanguageRules} from './language-rules.ts'

export const sr: LanguageRules = {
  lang: 'sr',
  name: 'Serbian',
  dir: 'ltr',
  quotes: {primary: ['„', '”'], secondary: ['’', '’'], spaced: false},
  fullStops: '.',
  credits: [/извор:/, /izvor:/],
  bylines: [/аутор:?/, /autor:?/, /пише:?/, /piše:?/],
  chrome: [
    /пређи на главни садржај|pređi na glavni sadržaj/,
    /подели|штампај|коментари|podeli|štampaj|komentari/,
    /фотографија|фото|видео|реклама|fotografija|foto|video|reklama/
  ],
  listHeads: [/(?:повезане|сличне|друге) вести|најчитаније|прочитајте још|(?:povezane|slične|druge) vesti|najčitanije|pročitajte još/],
  promos: [/претплат|pretplat|newsletter/],
  // Written in Cyrillic and in Latin.
  stopWords:
    'и у на је да се за од са не су као то из што који која које а али или јер ако када где био била било били бити ће би само још већ тако због према ' +
    'током после пре између до код он она они ми ви ја ти i u na je da se za od sa ne su kao to iz što koji koja koje a ali ili jer ako kada gde bio ' +
    'bila bilo bili biti će bi samo još već tako zbog prema tokom posle pre između do kod on ona oni mi vi ja ti',
  months: [/јан|jan/, /феб|feb/, /мар|mar/, /апр|apr/, /мај|maj/, /јун|jun/, /јул|jul/, /авг|avg/, /сеп|sep/, /окт|okt/, /нов|nov/, /дец|dec/]
}
