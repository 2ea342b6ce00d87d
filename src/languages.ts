/**
 * What imprint knows about each language, as one table.
 *
 * A row gives the script direction, the quotation marks the typography pass
 * uses, and the patterns the pasted-text reader needs: credit-line prefixes,
 * byline prefixes and whole lines of page chrome (menus, share buttons, image
 * placeholders). Supporting a language means adding a row; no code changes.
 *
 * Quotes follow the article's language. Chrome, credit and byline patterns
 * are matched against every row at once: an English "Share" button sits on a
 * Russian page as easily as a Russian one.
 *
 * Quotation marks come from CLDR 47 (`delimiters`) unless a comment says why
 * a row differs.
 */
import type {Direction} from './article.ts'

export interface Quotes {
  /** Outer quotation marks: open, close. */
  readonly primary: readonly [open: string, close: string]
  /** Quotation marks for a quote inside a quote: open, close. */
  readonly secondary: readonly [open: string, close: string]
  /** French style: a narrow no-break space (U+202F) inside guillemets. */
  readonly spaced: boolean
}

export interface LanguageRules {
  /** BCP 47 tag of the row, lower case (`en`, `fa`, `sr`). */
  readonly lang: string
  /** English name, for messages and documentation. */
  readonly name: string
  readonly dir: Direction
  readonly quotes: Quotes
  /** Characters that end a declarative sentence (beyond the universal `…`). */
  readonly fullStops: string
  /**
   * Beginnings of an attribution line ("With reporting by"). Written without
   * anchors or flags; they are matched case-insensitively at the start of a line.
   */
  readonly credits: readonly RegExp[]
  /** Beginnings of a byline ("By"), followed by the names. */
  readonly bylines: readonly RegExp[]
  /**
   * Lines that are nothing but page furniture. Matched against the whole
   * line, after a list bullet, an aspect ratio ("16x9") and a count ("(12)")
   * are taken off, so `Image` also drops "• 16x9 Image".
   */
  readonly chrome: readonly RegExp[]
}

const DOUBLE_QUOTES = {primary: ['“', '”'], secondary: ['‘', '’'], spaced: false} as const satisfies Quotes
const GUILLEMETS_LOW = {primary: ['«', '»'], secondary: ['„', '“'], spaced: false} as const satisfies Quotes

/** The row used when a language has none of its own. */
const DEFAULT_RULES: LanguageRules = {
  lang: 'und',
  name: 'Undetermined',
  dir: 'ltr',
  quotes: DOUBLE_QUOTES,
  fullStops: '.',
  credits: [],
  bylines: [],
  // Share-button labels are brand names, the same in every language.
  chrome: [
    /Facebook|Twitter|X|WhatsApp|Telegram|Viber|Signal|VK|VKontakte|Odnoklassniki|LinkedIn/,
    /Reddit|Pinterest|Instagram|YouTube|Threads|Bluesky|Mastodon|RSS|E-?mail|Messenger/
  ]
}

export const LANGUAGES: readonly LanguageRules[] = [
  DEFAULT_RULES,
  {
    lang: 'en',
    name: 'English',
    dir: 'ltr',
    quotes: DOUBLE_QUOTES,
    fullStops: '.',
    credits: [
      /(?:with )?(?:additional )?reporting by/,
      /(?:compiled|written) (?:from|with) (?:wire|agency) reports/,
      /based on reporting by/,
      /with (?:material|information|reports) from/,
      /sources?:/
    ],
    bylines: [/by/, /written by/, /words by/],
    chrome: [
      /accessibility links/,
      /skip to (?:the )?(?:main )?(?:content|navigation|search)/,
      /breaking news/,
      /share(?: this(?: article| story| page)?| on \S+)?/,
      /print(?: this(?: article| page)?)?/,
      /related(?: articles| stories| content| topics| coverage)?/,
      /comments?|show comments|\d+ comments?/,
      /image|photo|picture|video|audio|gallery|graphic/,
      /advertisement|sponsored(?: content)?|ad/,
      /listen(?: to this article)?|copy link|link copied|read more|more|see also|back to top/,
      /home|menu|search|close|subscribe|sign in|log in|newsletter|follow us|loading\.\.\.?/
    ]
  },
  {
    lang: 'ru',
    name: 'Russian',
    dir: 'ltr',
    quotes: GUILLEMETS_LOW,
    fullStops: '.',
    credits: [
      /по материалам/,
      /с использованием материалов/,
      /при подготовке (?:материала|статьи|текста) использованы/,
      /источник:/
    ],
    bylines: [/автор:?/, /текст:/],
    chrome: [
      /ссылки для упр[ое]щ[её]нного доступа/,
      /(?:перейти|вернуться|вернутся) к (?:основному содержанию|главной навигации|поиску)/,
      /срочн(?:о|ые новости)/,
      /поделиться|печать|распечатать|комментарии|показать комментарии/,
      /читайте также|похожие материалы|по теме|смотрите также/,
      /изображение|фото|фотография|видео|аудио|фотогалерея|реклама/,
      /главная|поиск|меню|подписаться|войти|скопировать ссылку|слушать|загрузка\.\.\.?/
    ]
  },
  {
    lang: 'uk',
    name: 'Ukrainian',
    dir: 'ltr',
    quotes: GUILLEMETS_LOW,
    fullStops: '.',
    credits: [/за матеріалами/, /з матеріалами/, /з використанням матеріалів/, /джерело:/],
    bylines: [/автор(?:ка)?:?/, /текст:/],
    chrome: [
      /посилання (?:для спрощеного доступу|доступності)/,
      /(?:перейти|повернутися) до (?:основного (?:вмісту|змісту)|головної навігації|пошуку)/,
      /терміново|термінові новини/,
      /поділитися|друк|друкувати|коментарі/,
      /читайте також|схожі матеріали|на цю тему/,
      /зображення|фото|світлина|відео|аудіо|фотогалерея|реклама/,
      /головна|пошук|меню|підписатися|увійти|скопіювати посилання/
    ]
  },
  {
    lang: 'be',
    name: 'Belarusian',
    dir: 'ltr',
    quotes: GUILLEMETS_LOW,
    fullStops: '.',
    credits: [/па матэрыялах/, /паводле матэрыялаў/, /крыніца:/],
    bylines: [/аўтар(?:ка)?:?/],
    chrome: [
      /спасылкі для спрошчанага доступу/,
      /перайсці да (?:асноўнага зместу|галоўнай навігацыі|пошуку)/,
      /падзяліцца|друк|друкаваць|каментары|чытайце таксама/,
      /выява|фота|відэа|рэклама|галоўная|пошук|меню/
    ]
  },
  {
    lang: 'fa',
    name: 'Persian',
    dir: 'rtl',
    // CLDR's ‹ › are not what the Persian press nests; it nests “ ”.
    quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
    fullStops: '.',
    credits: [/با (?:استفاده از )?گزارش/, /منبع:/],
    bylines: [/نویسنده:?/, /نوشته:?/],
    chrome: [
      /پیوندهای دسترسی/,
      /(?:پرش|رفتن|بازگشت) به (?:محتوای اصلی|ناوبری اصلی|جستجو)/,
      /خبر فوری|فوری/,
      /اشتراک[\u200c ]?گذاری|هم[\u200c ]?رسانی|چاپ|نظرات|دیدگاه[\u200c ]?ها/,
      /مطالب مرتبط|مرتبط|بیشتر بخوانید/,
      /تصویر|عکس|ویدیو|ویدئو|صدا|آگهی|تبلیغات/,
      /صفحه(?:[\u200c ]?ی)? اصلی|جستجو|منو/
    ]
  },
  {
    lang: 'ar',
    name: 'Arabic',
    dir: 'rtl',
    quotes: {primary: ['”', '“'], secondary: ['’', '‘'], spaced: false},
    fullStops: '.',
    credits: [/المصادر?:/, /بمساهمة/],
    bylines: [/بقلم:?/, /كتب(?:ت|ه)?:/],
    chrome: [
      /روابط (?:إمكانية )?الوصول/,
      /(?:انتقل|تخط(?:ي|ى)?|اذهب) إلى المحتوى الرئيسي/,
      /عاجل|أخبار عاجلة/,
      /شارك|مشاركة|طباعة|اطبع|تعليقات|التعليقات/,
      /ذات صلة|مواضيع ذات صلة|اقرأ أيض(?:اً|ًا|ا)/,
      /صورة|فيديو|إعلان|الرئيسية|بحث|القائمة/
    ]
  },
  {
    lang: 'he',
    name: 'Hebrew',
    dir: 'rtl',
    quotes: {primary: ['”', '”'], secondary: ['’', '’'], spaced: false},
    fullStops: '.',
    credits: [],
    bylines: [/מאת/],
    chrome: [
      /(?:דלג|דילוג) ל(?:תוכן(?: הראשי)?|ניווט)/,
      /מבזק|שתף|שיתוף|הדפס|הדפסה|תגובות|כתבות נוספות|כתבות קשורות/,
      /תמונה|וידאו|פרסומת|חיפוש|תפריט/
    ]
  },
  {
    lang: 'de',
    name: 'German',
    dir: 'ltr',
    quotes: {primary: ['„', '“'], secondary: ['‚', '‘'], spaced: false},
    fullStops: '.',
    credits: [/mit material (?:von|der|aus)/, /mit agenturmaterial/, /quellen?:/],
    bylines: [/von/, /autor(?:in)?:/],
    chrome: [
      /(?:zum|direkt zum) (?:haupt)?inhalt(?: springen)?/,
      /zur navigation(?: springen)?|zur suche(?: springen)?/,
      /eilmeldung|teilen|artikel teilen|drucken|kommentare|vorlesen|link kopieren/,
      /mehr zum thema|verwandte (?:artikel|themen)|das könnte sie auch interessieren/,
      /bild|foto|video|audio|bildergalerie|anzeige|werbung|startseite|suche|menü/
    ]
  },
  {
    lang: 'fr',
    name: 'French',
    dir: 'ltr',
    // CLDR nests guillemets in guillemets; French presses nest “ ” (Lexique
    // des règles typographiques en usage à l'Imprimerie nationale).
    quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: true},
    fullStops: '.',
    credits: [/avec (?:les )?agences/, /avec (?:l['’])?(?:AFP|AP|Reuters)/, /sources? ?:/],
    bylines: [/par/],
    chrome: [
      /liens d['’]accessibilité/,
      /(?:aller|passer) au contenu(?: principal)?/,
      /dernière minute|partager|imprimer|commentaires/,
      /(?:à )?lire aussi|sur le même sujet|articles liés/,
      /image|photo|vidéo|publicité|accueil|rechercher|menu/
    ]
  },
  {
    lang: 'es',
    name: 'Spanish',
    dir: 'ltr',
    // The Real Academia Española prescribes « » with “ ” inside; CLDR 47
    // lists the “ ” the American press prefers.
    quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
    fullStops: '.',
    credits: [/con (?:información|informes|reportes) de/, /fuentes?:/],
    bylines: [/por/],
    chrome: [
      /enlaces de accesibilidad/,
      /(?:ir|saltar) al contenido(?: principal)?/,
      /última hora|compartir|imprimir|comentarios/,
      /(?:noticias )?relacionad[ao]s|lee también|lea también|te puede interesar/,
      /imagen|foto|vídeo|video|publicidad|inicio|buscar|menú/
    ]
  },
  {
    lang: 'it',
    name: 'Italian',
    dir: 'ltr',
    quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
    fullStops: '.',
    credits: [/fonti?:/],
    bylines: [/di/],
    chrome: [
      /(?:vai|salta) al contenuto(?: principale)?/,
      /ultim['’]ora|condividi|stampa|commenti|articoli correlati|leggi anche/,
      /immagine|foto|video|pubblicità|cerca|menu/
    ]
  },
  {
    lang: 'pt',
    name: 'Portuguese',
    dir: 'ltr',
    quotes: DOUBLE_QUOTES,
    fullStops: '.',
    credits: [/com (?:informações|agências) d[aeo]s?/, /fontes?:/],
    bylines: [/por/],
    chrome: [
      /(?:ir|pular|saltar) para o conteúdo(?: principal)?/,
      /última hora|compartilhar|partilhar|imprimir|comentários/,
      /(?:notícias )?relacionadas|leia também|leia mais/,
      /imagem|foto|vídeo|publicidade|pesquisar|buscar|menu/
    ]
  },
  {
    lang: 'pl',
    name: 'Polish',
    dir: 'ltr',
    quotes: {primary: ['„', '”'], secondary: ['«', '»'], spaced: false},
    fullStops: '.',
    credits: [/źródło:/],
    bylines: [/autor(?:ka)?:?/],
    chrome: [
      /przejdź do (?:głównej )?treści/,
      /pilne|udostępnij|drukuj|komentarze|powiązane|czytaj także|czytaj też/,
      /zdjęcie|obraz|wideo|reklama|szukaj|menu/
    ]
  },
  {
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
    ]
  },
  {
    lang: 'hy',
    name: 'Armenian',
    dir: 'ltr',
    quotes: {primary: ['«', '»'], secondary: ['«', '»'], spaced: false},
    // U+0589 ARMENIAN FULL STOP.
    fullStops: '։.',
    credits: [],
    bylines: [/հեղինակ:?/],
    chrome: [/կիսվել|տպել|մեկնաբանություններ|կարդացեք նաև/, /լուսանկար|նկար|տեսանյութ|գովազդ/]
  },
  {
    lang: 'ka',
    name: 'Georgian',
    dir: 'ltr',
    quotes: {primary: ['„', '“'], secondary: ['«', '»'], spaced: false},
    fullStops: '.',
    credits: [],
    bylines: [/ავტორი:?/],
    chrome: [/გაზიარება|ბეჭდვა|კომენტარები|ასევე წაიკითხეთ/, /სურათი|ფოტო|ვიდეო|რეკლამა/]
  },
  {
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
    ]
  },
  {
    lang: 'az',
    name: 'Azerbaijani',
    dir: 'ltr',
    quotes: DOUBLE_QUOTES,
    fullStops: '.',
    credits: [/mənbə:/],
    bylines: [/müəllif:?/],
    chrome: [/əsas məzmuna keç/, /paylaş|çap et|şərhlər/, /şəkil|foto|video|reklam/]
  },
  {
    lang: 'kk',
    name: 'Kazakh',
    dir: 'ltr',
    quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
    fullStops: '.',
    credits: [/дереккөз:/],
    bylines: [/автор:?/],
    chrome: [/бөлісу|басып шығару|пікірлер/, /сурет|фото|бейне|жарнама/]
  },
  {
    lang: 'ky',
    name: 'Kyrgyz',
    dir: 'ltr',
    quotes: GUILLEMETS_LOW,
    fullStops: '.',
    credits: [/булак:/],
    bylines: [/автор:?/],
    chrome: [/бөлүшүү|басып чыгаруу|пикирлер/, /сүрөт|фото|видео|жарнама/]
  },
  {
    lang: 'tt',
    name: 'Tatar',
    dir: 'ltr',
    // CLDR 47 lists “ ”; Tatar print, like Russian, uses « » and „ “.
    quotes: GUILLEMETS_LOW,
    fullStops: '.',
    credits: [],
    bylines: [/автор:?/],
    chrome: [/уртаклашу|бастыру|фикерләр/, /рәсем|фото|видео|реклама/]
  },
  {
    lang: 'tg',
    name: 'Tajik',
    dir: 'ltr',
    // CLDR 47 lists “ ”; Tajik print, like Russian, uses « » and „ “.
    quotes: GUILLEMETS_LOW,
    fullStops: '.',
    credits: [/манбаъ:/],
    bylines: [/муаллиф:?/],
    chrome: [/чоп|шарҳҳо/, /сурат|акс|видео|реклама/]
  },
  {
    lang: 'uz',
    name: 'Uzbek',
    dir: 'ltr',
    quotes: {primary: ['“', '”'], secondary: ['’', '‘'], spaced: false},
    fullStops: '.',
    credits: [/manba:/, /манба:/],
    bylines: [/muallif:?/, /муаллиф:?/],
    chrome: [/ulashish|chop etish|izohlar|улашиш|изоҳлар/, /rasm|surat|video|reklama|расм|сурат|видео/]
  },
  {
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
    ]
  },
  {
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
    ]
  },
  {
    lang: 'ps',
    name: 'Pashto',
    dir: 'rtl',
    // CLDR 47 lists “ ”; Pashto news sites quote with « ».
    quotes: {primary: ['«', '»'], secondary: ['“', '”'], spaced: false},
    fullStops: '.',
    credits: [/سرچینه:/],
    bylines: [/لیکوال:?/],
    chrome: [/شریکول|چاپ|نظرونه|اړوند/, /انځور|عکس|ویډیو|اعلان/]
  },
  {
    lang: 'ur',
    name: 'Urdu',
    dir: 'rtl',
    quotes: {primary: ['”', '“'], secondary: ['’', '‘'], spaced: false},
    // U+06D4 ARABIC FULL STOP ends an Urdu sentence.
    fullStops: '۔.',
    credits: [/ذرائع:/],
    bylines: [/تحریر:?/],
    chrome: [
      /مرکزی مواد پر جائیں|بریکنگ نیوز/,
      /شیئر کریں|پرنٹ کریں|تبصرے|متعلقہ خبریں|یہ بھی پڑھیں/,
      /تصویر|ویڈیو|اشتہار/
    ]
  }
]

/**
 * The row for a BCP 47 tag: `fa-IR` falls back to `fa`, then to a default
 * row (left to right, English quotes, no patterns of its own).
 */
export function languageRules(lang: string): LanguageRules {
  if (typeof lang !== 'string') {
    throw new TypeError(`languageRules: expected a BCP 47 language tag string, got ${typeof lang}`)
  }
  const subtags = lang.trim().toLowerCase().split(/[-_]/)
  for (let length = subtags.length; length > 0; length--) {
    const row = BY_TAG.get(subtags.slice(0, length).join('-'))
    if (row !== undefined) return row
  }
  return DEFAULT_RULES
}

/** Whether a whole line is page chrome in any language (`Share`, `• 16x9 Image`). */
export function isChromeLine(line: string): boolean {
  const core = line
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(LEADING_BULLET, '')
    .replace(/^\d+\s?[x×:]\s?\d+\s*/u, '')
    .replace(/\s*\(\d+\)$|\s*:$/u, '')
  return core !== '' && CHROME.test(core)
}

/** Whether a line opens with a credit prefix of any language ("With reporting by …"). */
export function isCreditsLine(line: string): boolean {
  return CREDITS.test(line.trim())
}

/**
 * The names of a byline in any language: `By Jane Doe` gives `Jane Doe`;
 * a line that is not a byline gives `undefined`.
 */
export function bylineNames(line: string): string | undefined {
  return BYLINE.exec(line.trim())?.groups?.names
}

/** List bullets a pasted page keeps at the start of a line. */
export const LEADING_BULLET = /^[•·▪◦‣∙*-]\s+/u

const BY_TAG = new Map(LANGUAGES.map((row) => [row.lang, row]))

// Not followed by another letter, so `By` never matches `Byzantine` and a
// Persian prefix may end at a zero-width non-joiner.
const WORD_END = '(?![\\p{L}\\p{M}\\p{N}])'

const CHROME = compile((row) => row.chrome, (alternatives) => `^(?:${alternatives})$`)
// `\s*(?::\s*)?`, not `\s*:?\s*`: two runs of white space side by side can split
// a long run every way, and a line of 64 KB of spaces took seconds.
const CREDITS = compile((row) => row.credits, (alternatives) => `^(?:${alternatives})${WORD_END}\\s*(?::\\s*)?\\S`)
const BYLINE = compile(
  (row) => row.bylines,
  (alternatives) => `^(?:${alternatives})${WORD_END}\\s*(?::\\s*)?(?<names>\\S.*)$`
)

/** One case-insensitive Unicode regex over one column of every row. */
function compile(column: (row: LanguageRules) => readonly RegExp[], wrap: (alternatives: string) => string): RegExp {
  const alternatives = LANGUAGES.flatMap(column)
    .map((pattern) => `(?:${pattern.source})`)
    .join('|')
  // An empty alternation would match everything; `(?!)` matches nothing.
  return new RegExp(wrap(alternatives === '' ? '(?!)' : alternatives), 'iu')
}
