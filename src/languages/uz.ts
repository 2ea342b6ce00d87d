import type {LanguageRules} from './language-rules.ts'

export const uz: LanguageRules = {
  lang: 'uz',
  name: 'Uzbek',
  dir: 'ltr',
  quotes: {primary: ['“', '”'], secondary: ['’', '‘'], spaced: false},
  fullStops: '.',
  credits: [/manba:/, /манба:/],
  bylines: [/muallif:?/, /муаллиф:?/],
  chrome: [/ulashish|chop etish|izohlar|улашиш|изоҳлар/, /rasm|surat|video|reklama|расм|сурат|видео/],
  listHeads: [/(?:aloqador|o['ʻ]xshash|boshqa) (?:xabarlar|maqolalar)|ko['ʻ]p o['ʻ]qilgan(?:lar)?|(?:алоқадор|ўхшаш|бошқа) (?:хабарлар|мақолалар)/],
  promos: [/obuna bo['ʻ]ling|обуна бўлинг/],
  // Written in Latin (with ' for ʻ and ’, as words are compared) and in Cyrillic.
  stopWords:
    "va bilan uchun ham bir bu u ular biz siz men sen shu bor yo'q emas edi bo'ldi bo'lib bo'lgan lekin ammo faqat keyin qadar haqida orqali bo'yicha " +
    "kabi yoki eng juda ko'p har barcha o'z uning uni deb ва билан учун ҳам бир бу у улар биз сиз мен шу бор йўқ эмас эди бўлди бўлиб бўлган лекин " +
    'аммо фақат кейин ҳақида орқали бўйича каби ёки энг жуда кўп ҳар барча ўз унинг уни деб',
  months: [/yanvar|январ/, /fevral|феврал/, /mart|март/, /aprel|апрел/, /may|май/, /iyun|июн/, /iyul|июл/, /avgust|август/, /sentabr|сентябр/, /oktabr|октябр/, /noyabr|ноябр/, /dekabr|декабр/]
}
