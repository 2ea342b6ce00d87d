import type {LanguageRules} from './language-rules.ts'

/**
 * Japanese. Written without spaces: the reader counts its words by ICU's
 * dictionary (Intl.Segmenter), which gives particles and endings as words
 * of their own ("の", "を", "ました"), so the function words below are kana
 * only, and a Chinese text holds none of them.
 */
export const ja: LanguageRules = {
  lang: 'ja',
  name: 'Japanese',
  dir: 'ltr',
  // CLDR 47: 「 」 with 『 』 inside.
  quotes: {primary: ['「', '」'], secondary: ['『', '』'], spaced: false},
  fullStops: '。',
  // Before a colon only: Japanese has no spaces, so "提供" could open a sentence.
  credits: [/(?:出典|出所|提供|取材協力)(?=\s*[:：])/],
  bylines: [/(?:文|写真|取材・文|執筆|記者)(?=\s*[:：])/],
  chrome: [
    /ホーム|トップ(?:ページ)?|メニュー|ログイン|会員登録|新規登録|検索|閉じる|もっと見る|続きを読む|ページの先頭へ|トップへ戻る/,
    /シェア(?:する)?|ツイート|印刷|保存|ブックマーク|コメント(?:する)?|いいね|前へ|次へ|前の記事|次の記事/,
    /画像|写真|動画|広告|PR|本文へ(?:スキップ)?|メインコンテンツへ(?:スキップ)?/
  ],
  listHeads: [
    /関連(?:記事|ニュース|リンク)|(?:人気|最新|おすすめ|オススメ|注目)(?:の)?(?:記事|ニュース|ランキング)|アクセスランキング|こちらもおすすめ|あわせて読みたい/
  ],
  promos: [/購読|メルマガ|ニュースレター|会員限定|アプリで読む|アプリをダウンロード|クッキー/],
  rightsReserved: [/無断転載(?:を)?禁(?:じます|ず)|著作権所有/],
  stopWords:
    'の に は を た が で て と し れ さ も な だ か へ や ね よ ます ました です でした って いる いた ある あっ する した ' +
    'ない なく から まで より ので こと もの これ それ あれ この その あの よう ため など という として において について られ れる',
  months: []
}
