import {DOUBLE_QUOTES, type LanguageRules} from './language-rules.ts'

export const az: LanguageRules = {
  lang: 'az',
  name: 'Azerbaijani',
  dir: 'ltr',
  quotes: DOUBLE_QUOTES,
  fullStops: '.',
  credits: [/mənbə:/],
  bylines: [/müəllif:?/],
  chrome: [/əsas məzmuna keç/, /paylaş|çap et|şərhlər/, /şəkil|foto|video|reklam/],
  listHeads: [/oxşar xəbərlər|ən çox oxunan(?:lar)?|digər xəbərlər|bunları da oxuyun/],
  promos: [/abunə ol/],
  stopWords:
    'və bir bu da də ilə üçün kimi daha çox ən amma ancaq ki nə o hər ya deyil olan olaraq sonra qədər görə isə biz siz onlar mən sən onu onun bütün ' +
    'həm həmçinin çünki əgər necə niyə heç var yox oldu olub',
  months: [/yan/, /fev/, /mart/, /apr/, /may/, /iyun/, /iyul/, /avq/, /sen/, /okt/, /noy/, /dek/]
}
