import {DOUBLE_QUOTES, type LanguageRules} from './language-rules.ts'

export const tr: LanguageRules = {
  lang: 'tr',
  name: 'Turkish',
  dir: 'ltr',
  quotes: DOUBLE_QUOTES,
  fullStops: '.',
  credits: [/kaynak:/],
  bylines: [/yazan:?/, /yazar:/],
  chrome: [
    /(?:ana )?içeriğe (?:geç|atla)/,
    /son dakika|paylaş|yazdır|yorumlar|ilgili haberler/,
    /görsel|fotoğraf|resim|video|reklam|ana sayfa/
  ],
  listHeads: [/ilgili haberler|(?:en çok|çok) okunan(?:lar)?|benzer haberler|diğer haberler|bunlar da ilginizi çekebilir/],
  promos: [/abone ol|bülten|uygulamayı indir/],
  stopWords:
    've bir bu da de ile için gibi daha çok en ama ancak ki ne o şu her ya veya değil olan olarak sonra kadar göre diye ise mi mı mu mü biz siz onlar ' +
    'ben sen bunu bunun tüm bütün hem ayrıca çünkü eğer nasıl neden hiç var yok oldu olduğu olduğunu',
  months: [/oca/, /şub/, /mar/, /nis/, /may/, /haz/, /tem/, /ağu/, /eyl/, /eki/, /kas/, /ara/]
}
