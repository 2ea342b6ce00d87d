/**
 * The words imprint prints of its own, in every language of the language
 * table (languages.ts): a book's contents, colophon and title page, the
 * handout's folio and notice heading, and the download site and its OPDS
 * feed. A row per language, as the language table has; a book or the site
 * may set any of them in the config (`labels:`).
 *
 * Templates hold `{placeholders}`. Counts take the plural form Intl.PluralRules
 * gives for the language (`one`, `few`, `many`…; `other` always), so
 * "3 статьи" and "5 статей" are both right. Numbers, dates and page numbers
 * are written with the language's own digits (see `numerals`).
 */
import {languageRules} from './languages.ts'

/** Forms by plural category; `other` is the one every language has. */
export type Plural = Readonly<Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, string>> & {other: string}>

export interface Labels {
  /** The book's table of contents. */
  readonly contents: string
  /** The back matter listing each article's source, credits and notice. */
  readonly colophon: string
  /** A page number read aloud: `{page}`. */
  readonly page: string
  /** A handout's folio: `{page}` of `{pages}`. */
  readonly pageOf: string
  /** The book's editors, `{names}`, by how many there are. */
  readonly editedBy: Plural
  /** The colophon's opening line: `{title}` is the book's. */
  readonly collected: string
  /** A colophon entry's publisher. */
  readonly publisher: string
  /** The heading over an article's notice. */
  readonly notice: string
  /** The label of the source URL. */
  readonly source: string
  /** The text alternative of a handout's QR code: `{url}`. */
  readonly qrCode: string
  /** The heading of an article's note list. */
  readonly notes: string
  /** The download site's heading when the config gives it no title. */
  readonly downloads: string
  readonly books: string
  readonly articles: string
  /** The link from a book's page back to the index. */
  readonly allDownloads: string
  readonly bookletPdf: string
  /** What the OPDS link is for: `{catalog}` is the link. */
  readonly apps: string
  readonly catalog: string
  /** The site's publisher: `{publisher}`. */
  readonly publishedBy: string
  /** How many articles a book collects: `{count}`. */
  readonly articleCount: Plural
}

export const LABELS: Readonly<Record<string, Labels>> = {
  en: {
    contents: 'Contents',
    colophon: 'Colophon',
    page: 'Page {page}',
    pageOf: 'Page {page} of {pages}',
    editedBy: {other: 'Edited by {names}'},
    collected: 'Each article in {title} keeps its source, credits and notice, given here word for word.',
    publisher: 'Publisher',
    notice: 'Publisher’s notice',
    source: 'Source',
    qrCode: 'QR code for {url}',
    notes: 'Notes',
    downloads: 'Downloads',
    books: 'Books',
    articles: 'Articles',
    allDownloads: 'All downloads',
    bookletPdf: 'Booklet PDF',
    apps: 'For e-reader apps (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS catalog',
    publishedBy: 'Published by {publisher}',
    articleCount: {one: '{count} article', other: '{count} articles'}
  },
  ru: {
    contents: 'Содержание',
    colophon: 'Выходные сведения',
    page: 'Страница {page}',
    pageOf: 'Страница {page} из {pages}',
    editedBy: {one: 'Составитель: {names}', other: 'Составители: {names}'},
    collected: 'Для каждой статьи сборника «{title}» здесь дословно приведены источник, указание авторства и примечание издателя.',
    publisher: 'Издатель',
    notice: 'Примечание издателя',
    source: 'Источник',
    qrCode: 'QR-код со ссылкой {url}',
    notes: 'Примечания',
    downloads: 'Файлы для скачивания',
    books: 'Книги',
    articles: 'Статьи',
    allDownloads: 'Все файлы',
    bookletPdf: 'PDF-брошюра',
    apps: 'Для программ чтения электронных книг (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'каталог OPDS',
    publishedBy: 'Издатель: {publisher}',
    articleCount: {one: '{count} статья', few: '{count} статьи', many: '{count} статей', other: '{count} статьи'}
  },
  uk: {
    contents: 'Зміст',
    colophon: 'Вихідні дані',
    page: 'Сторінка {page}',
    pageOf: 'Сторінка {page} з {pages}',
    editedBy: {one: 'Упорядник: {names}', other: 'Упорядники: {names}'},
    collected: 'Для кожної статті збірника «{title}» тут дослівно наведено джерело, зазначення авторства та примітку видавця.',
    publisher: 'Видавець',
    notice: 'Примітка видавця',
    source: 'Джерело',
    qrCode: 'QR-код із посиланням {url}',
    notes: 'Примітки',
    downloads: 'Файли для завантаження',
    books: 'Книги',
    articles: 'Статті',
    allDownloads: 'Усі файли',
    bookletPdf: 'PDF-брошура',
    apps: 'Для програм читання електронних книжок (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'каталог OPDS',
    publishedBy: 'Видавець: {publisher}',
    articleCount: {one: '{count} стаття', few: '{count} статті', many: '{count} статей', other: '{count} статті'}
  },
  be: {
    contents: 'Змест',
    colophon: 'Выхадныя звесткі',
    page: 'Старонка {page}',
    pageOf: 'Старонка {page} з {pages}',
    editedBy: {one: 'Укладальнік: {names}', other: 'Укладальнікі: {names}'},
    collected: 'Для кожнага артыкула зборніка «{title}» тут даслоўна пададзены крыніца, пазначэнне аўтарства і заўвага выдаўца.',
    publisher: 'Выдавец',
    notice: 'Заўвага выдаўца',
    source: 'Крыніца',
    qrCode: 'QR-код са спасылкай {url}',
    notes: 'Заўвагі',
    downloads: 'Файлы для спампоўвання',
    books: 'Кнігі',
    articles: 'Артыкулы',
    allDownloads: 'Усе файлы',
    bookletPdf: 'PDF-брашура',
    apps: 'Для праграм чытання электронных кніг (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'каталог OPDS',
    publishedBy: 'Выдавец: {publisher}',
    articleCount: {one: '{count} артыкул', few: '{count} артыкулы', many: '{count} артыкулаў', other: '{count} артыкула'}
  },
  fa: {
    contents: 'فهرست مطالب',
    colophon: 'شناسنامه',
    page: 'صفحهٔ {page}',
    pageOf: 'صفحهٔ {page} از {pages}',
    editedBy: {other: 'به کوشش {names}'},
    collected: 'برای هر مقالهٔ «{title}»، منبع، نام منابع خبری و اطلاعیهٔ ناشر در اینجا عیناً آمده است.',
    publisher: 'ناشر',
    notice: 'اطلاعیهٔ ناشر',
    source: 'منبع',
    qrCode: 'کد QR برای {url}',
    notes: 'یادداشت‌ها',
    downloads: 'دریافت فایل‌ها',
    books: 'کتاب‌ها',
    articles: 'مقاله‌ها',
    allDownloads: 'همهٔ فایل‌ها',
    bookletPdf: 'کتابچه (PDF)',
    apps: 'برای برنامه‌های کتاب‌خوان (KOReader، Thorium، Calibre): {catalog}',
    catalog: 'کاتالوگ OPDS',
    publishedBy: 'ناشر: {publisher}',
    articleCount: {other: '{count} مقاله'}
  },
  ar: {
    contents: 'المحتويات',
    colophon: 'بيانات النشر',
    page: 'الصفحة {page}',
    pageOf: 'الصفحة {page} من {pages}',
    editedBy: {other: 'تحرير: {names}'},
    collected: 'يرد هنا حرفيًا مصدر كل مقالة في «{title}» وإسناداتها وتنويه ناشرها.',
    publisher: 'الناشر',
    notice: 'تنويه الناشر',
    source: 'المصدر',
    qrCode: 'رمز QR للرابط {url}',
    notes: 'الحواشي',
    downloads: 'التنزيلات',
    books: 'الكتب',
    articles: 'المقالات',
    allDownloads: 'كل التنزيلات',
    bookletPdf: 'كتيّب PDF',
    apps: 'لتطبيقات قراءة الكتب الإلكترونية (KOReader وThorium وCalibre): {catalog}',
    catalog: 'فهرس OPDS',
    publishedBy: 'الناشر: {publisher}',
    articleCount: {zero: '{count} مقالة', one: 'مقالة واحدة', two: 'مقالتان', few: '{count} مقالات', many: '{count} مقالة', other: '{count} مقالة'}
  },
  he: {
    contents: 'תוכן העניינים',
    colophon: 'קולופון',
    page: 'עמוד {page}',
    pageOf: 'עמוד {page} מתוך {pages}',
    editedBy: {other: 'עריכה: {names}'},
    collected: 'לכל כתבה ב”{title}” מובאים כאן המקור, הקרדיטים והודעת המוציא לאור, מילה במילה.',
    publisher: 'מוציא לאור',
    notice: 'הודעת המוציא לאור',
    source: 'מקור',
    qrCode: 'קוד QR לכתובת {url}',
    notes: 'הערות',
    downloads: 'הורדות',
    books: 'ספרים',
    articles: 'כתבות',
    allDownloads: 'כל ההורדות',
    bookletPdf: 'חוברת PDF',
    apps: 'לאפליקציות לקריאת ספרים אלקטרוניים (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'קטלוג OPDS',
    publishedBy: 'מוציא לאור: {publisher}',
    articleCount: {one: 'כתבה אחת', two: 'שתי כתבות', other: '{count} כתבות'}
  },
  de: {
    contents: 'Inhalt',
    colophon: 'Quellen und Hinweise',
    page: 'Seite {page}',
    pageOf: 'Seite {page} von {pages}',
    editedBy: {other: 'Herausgegeben von {names}'},
    collected: 'Zu jedem Artikel in „{title}“ stehen hier Quelle, Nachweise und Hinweis des Verlags im Wortlaut.',
    publisher: 'Verlag',
    notice: 'Hinweis des Verlags',
    source: 'Quelle',
    qrCode: 'QR-Code für {url}',
    notes: 'Anmerkungen',
    downloads: 'Downloads',
    books: 'Bücher',
    articles: 'Artikel',
    allDownloads: 'Alle Downloads',
    bookletPdf: 'Broschüre (PDF)',
    apps: 'Für E-Reader-Apps (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS-Katalog',
    publishedBy: 'Verlag: {publisher}',
    articleCount: {other: '{count} Artikel'}
  },
  fr: {
    contents: 'Sommaire',
    colophon: 'Sources et mentions',
    page: 'Page {page}',
    pageOf: 'Page {page} sur {pages}',
    editedBy: {other: 'Sous la direction de {names}'},
    collected: 'Pour chaque article de «\u202f{title}\u202f», la source, les crédits et la mention de l’éditeur sont reproduits ici mot pour mot.',
    publisher: 'Éditeur',
    notice: 'Mention de l’éditeur',
    source: 'Source',
    qrCode: 'Code QR vers {url}',
    notes: 'Notes',
    downloads: 'Téléchargements',
    books: 'Livres',
    articles: 'Articles',
    allDownloads: 'Tous les téléchargements',
    bookletPdf: 'Livret PDF',
    apps: 'Pour les applications de lecture (KOReader, Thorium, Calibre)\u202f: {catalog}',
    catalog: 'catalogue OPDS',
    publishedBy: 'Éditeur\u202f: {publisher}',
    articleCount: {one: '{count} article', other: '{count} articles'}
  },
  es: {
    contents: 'Índice',
    colophon: 'Fuentes y avisos',
    page: 'Página {page}',
    pageOf: 'Página {page} de {pages}',
    editedBy: {other: 'Edición a cargo de {names}'},
    collected: 'De cada artículo de «{title}» se reproducen aquí, palabra por palabra, la fuente, los créditos y el aviso del editor.',
    publisher: 'Editor',
    notice: 'Aviso del editor',
    source: 'Fuente',
    qrCode: 'Código QR de {url}',
    notes: 'Notas',
    downloads: 'Descargas',
    books: 'Libros',
    articles: 'Artículos',
    allDownloads: 'Todas las descargas',
    bookletPdf: 'Folleto PDF',
    apps: 'Para aplicaciones de lectura (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'catálogo OPDS',
    publishedBy: 'Editor: {publisher}',
    articleCount: {one: '{count} artículo', other: '{count} artículos'}
  },
  it: {
    contents: 'Indice',
    colophon: 'Fonti e avvertenze',
    page: 'Pagina {page}',
    pageOf: 'Pagina {page} di {pages}',
    editedBy: {other: 'A cura di {names}'},
    collected: 'Per ogni articolo di «{title}» sono riportati qui, parola per parola, la fonte, i crediti e l’avvertenza dell’editore.',
    publisher: 'Editore',
    notice: 'Avvertenza dell’editore',
    source: 'Fonte',
    qrCode: 'Codice QR per {url}',
    notes: 'Note',
    downloads: 'Download',
    books: 'Libri',
    articles: 'Articoli',
    allDownloads: 'Tutti i download',
    bookletPdf: 'Opuscolo PDF',
    apps: 'Per le app di lettura (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'catalogo OPDS',
    publishedBy: 'Editore: {publisher}',
    articleCount: {one: '{count} articolo', other: '{count} articoli'}
  },
  pt: {
    contents: 'Índice',
    colophon: 'Fontes e avisos',
    page: 'Página {page}',
    pageOf: 'Página {page} de {pages}',
    editedBy: {other: 'Organização de {names}'},
    collected: 'De cada artigo de “{title}” reproduzem-se aqui, palavra por palavra, a fonte, os créditos e o aviso do editor.',
    publisher: 'Editor',
    notice: 'Aviso do editor',
    source: 'Fonte',
    qrCode: 'Código QR para {url}',
    notes: 'Notas',
    downloads: 'Downloads',
    books: 'Livros',
    articles: 'Artigos',
    allDownloads: 'Todos os downloads',
    bookletPdf: 'Livreto PDF',
    apps: 'Para apps de leitura (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'catálogo OPDS',
    publishedBy: 'Editor: {publisher}',
    articleCount: {one: '{count} artigo', other: '{count} artigos'}
  },
  pl: {
    contents: 'Spis treści',
    colophon: 'Źródła i informacje',
    page: 'Strona {page}',
    pageOf: 'Strona {page} z {pages}',
    editedBy: {other: 'Pod redakcją {names}'},
    collected: 'Dla każdego artykułu zbioru „{title}” podano tu dosłownie źródło, informację o autorach i komunikat wydawcy.',
    publisher: 'Wydawca',
    notice: 'Komunikat wydawcy',
    source: 'Źródło',
    qrCode: 'Kod QR do {url}',
    notes: 'Przypisy',
    downloads: 'Do pobrania',
    books: 'Książki',
    articles: 'Artykuły',
    allDownloads: 'Wszystkie pliki',
    bookletPdf: 'Broszura PDF',
    apps: 'Dla aplikacji do czytania e-booków (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'katalog OPDS',
    publishedBy: 'Wydawca: {publisher}',
    articleCount: {one: '{count} artykuł', few: '{count} artykuły', many: '{count} artykułów', other: '{count} artykułu'}
  },
  ro: {
    contents: 'Cuprins',
    colophon: 'Surse și mențiuni',
    page: 'Pagina {page}',
    pageOf: 'Pagina {page} din {pages}',
    editedBy: {other: 'Ediție îngrijită de {names}'},
    collected: 'Pentru fiecare articol din „{title}” sunt redate aici, cuvânt cu cuvânt, sursa, mențiunile de autor și nota editorului.',
    publisher: 'Editor',
    notice: 'Nota editorului',
    source: 'Sursa',
    qrCode: 'Cod QR pentru {url}',
    notes: 'Note',
    downloads: 'Descărcări',
    books: 'Cărți',
    articles: 'Articole',
    allDownloads: 'Toate descărcările',
    bookletPdf: 'Broșură PDF',
    apps: 'Pentru aplicații de citit cărți electronice (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'catalog OPDS',
    publishedBy: 'Editor: {publisher}',
    articleCount: {one: '{count} articol', few: '{count} articole', other: '{count} de articole'}
  },
  hy: {
    contents: 'Բովանդակություն',
    colophon: 'Աղբյուրներ և ծանուցումներ',
    page: 'Էջ {page}',
    pageOf: 'Էջ {page}՝ {pages}-ից',
    editedBy: {one: 'Խմբագիր՝ {names}', other: 'Խմբագիրներ՝ {names}'},
    collected: '«{title}» ժողովածուի յուրաքանչյուր հոդվածի աղբյուրը, հեղինակային նշումները և հրատարակչի ծանուցումը բերված են այստեղ բառացի։',
    publisher: 'Հրատարակիչ',
    notice: 'Հրատարակչի ծանուցում',
    source: 'Աղբյուր',
    qrCode: 'QR կոդ՝ {url}',
    notes: 'Ծանոթագրություններ',
    downloads: 'Ներբեռնումներ',
    books: 'Գրքեր',
    articles: 'Հոդվածներ',
    allDownloads: 'Բոլոր ներբեռնումները',
    bookletPdf: 'Գրքույկ (PDF)',
    apps: 'Էլեկտրոնային գրքերի ընթերցման հավելվածների համար (KOReader, Thorium, Calibre)՝ {catalog}',
    catalog: 'OPDS կատալոգ',
    publishedBy: 'Հրատարակիչ՝ {publisher}',
    articleCount: {other: '{count} հոդված'}
  },
  ka: {
    contents: 'სარჩევი',
    colophon: 'წყაროები და შენიშვნები',
    page: 'გვერდი {page}',
    pageOf: 'გვერდი {page} / {pages}',
    editedBy: {one: 'რედაქტორი: {names}', other: 'რედაქტორები: {names}'},
    collected: 'კრებულის „{title}“ ყოველი სტატიის წყარო, ავტორობის მითითება და გამომცემლის შენიშვნა აქ სიტყვასიტყვით არის მოყვანილი.',
    publisher: 'გამომცემელი',
    notice: 'გამომცემლის შენიშვნა',
    source: 'წყარო',
    qrCode: 'QR კოდი: {url}',
    notes: 'შენიშვნები',
    downloads: 'ჩამოსატვირთი ფაილები',
    books: 'წიგნები',
    articles: 'სტატიები',
    allDownloads: 'ყველა ფაილი',
    bookletPdf: 'ბროშურა (PDF)',
    apps: 'ელწიგნების წასაკითხი აპლიკაციებისთვის (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS კატალოგი',
    publishedBy: 'გამომცემელი: {publisher}',
    articleCount: {other: '{count} სტატია'}
  },
  tr: {
    contents: 'İçindekiler',
    colophon: 'Künye',
    page: 'Sayfa {page}',
    pageOf: 'Sayfa {page} / {pages}',
    editedBy: {other: 'Yayına hazırlayan: {names}'},
    collected: '“{title}” kitabındaki her makalenin kaynağı, katkı notu ve yayıncı notu burada kelimesi kelimesine verilmiştir.',
    publisher: 'Yayıncı',
    notice: 'Yayıncı notu',
    source: 'Kaynak',
    qrCode: '{url} için QR kodu',
    notes: 'Notlar',
    downloads: 'İndirilebilir dosyalar',
    books: 'Kitaplar',
    articles: 'Makaleler',
    allDownloads: 'Tüm dosyalar',
    bookletPdf: 'Kitapçık (PDF)',
    apps: 'E-kitap okuma uygulamaları için (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS kataloğu',
    publishedBy: 'Yayıncı: {publisher}',
    articleCount: {other: '{count} makale'}
  },
  az: {
    contents: 'Mündəricat',
    colophon: 'Mənbələr və qeydlər',
    page: 'Səhifə {page}',
    pageOf: 'Səhifə {page} / {pages}',
    editedBy: {one: 'Redaktor: {names}', other: 'Redaktorlar: {names}'},
    collected: '“{title}” kitabındakı hər məqalənin mənbəyi, müəllif qeydi və naşirin bildirişi burada sözbəsöz verilib.',
    publisher: 'Naşir',
    notice: 'Naşirin bildirişi',
    source: 'Mənbə',
    qrCode: '{url} üçün QR kod',
    notes: 'Qeydlər',
    downloads: 'Yükləmələr',
    books: 'Kitablar',
    articles: 'Məqalələr',
    allDownloads: 'Bütün yükləmələr',
    bookletPdf: 'Kitabça (PDF)',
    apps: 'Elektron kitab oxuma tətbiqləri üçün (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS kataloqu',
    publishedBy: 'Naşir: {publisher}',
    articleCount: {other: '{count} məqalə'}
  },
  kk: {
    contents: 'Мазмұны',
    colophon: 'Дереккөздер мен ескертпелер',
    page: '{page}-бет',
    pageOf: '{pages} беттің {page}-беті',
    editedBy: {other: 'Құрастырған: {names}'},
    collected: '«{title}» жинағындағы әр мақаланың дереккөзі, авторлық белгісі және баспагердің ескертпесі осында сөзбе-сөз берілген.',
    publisher: 'Баспагер',
    notice: 'Баспагердің ескертпесі',
    source: 'Дереккөз',
    qrCode: '{url} сілтемесінің QR коды',
    notes: 'Ескертпелер',
    downloads: 'Жүктеп алу',
    books: 'Кітаптар',
    articles: 'Мақалалар',
    allDownloads: 'Барлық файлдар',
    bookletPdf: 'Кітапша (PDF)',
    apps: 'Электрондық кітап оқуға арналған қосымшалар үшін (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS каталогы',
    publishedBy: 'Баспагер: {publisher}',
    articleCount: {other: '{count} мақала'}
  },
  ky: {
    contents: 'Мазмуну',
    colophon: 'Булактар жана эскертүүлөр',
    page: '{page}-бет',
    pageOf: '{pages} беттин {page}-бети',
    editedBy: {other: 'Түзгөн: {names}'},
    collected: '«{title}» жыйнагындагы ар бир макаланын булагы, авторлук белгиси жана басып чыгаруучунун эскертүүсү бул жерде сөзмө-сөз берилди.',
    publisher: 'Басып чыгаруучу',
    notice: 'Басып чыгаруучунун эскертүүсү',
    source: 'Булак',
    qrCode: '{url} шилтемесинин QR коду',
    notes: 'Эскертүүлөр',
    downloads: 'Жүктөп алуу',
    books: 'Китептер',
    articles: 'Макалалар',
    allDownloads: 'Бардык файлдар',
    bookletPdf: 'Китепче (PDF)',
    apps: 'Электрондук китеп окуучу тиркемелер үчүн (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS каталогу',
    publishedBy: 'Басып чыгаруучу: {publisher}',
    articleCount: {other: '{count} макала'}
  },
  tt: {
    contents: 'Эчтәлек',
    colophon: 'Чыганаклар һәм искәрмәләр',
    page: '{page} бит',
    pageOf: '{pages} битнең {page} бите',
    editedBy: {one: 'Төзүче: {names}', other: 'Төзүчеләр: {names}'},
    collected: '«{title}» җыентыгындагы һәр мәкаләнең чыганагы, авторлык искәрмәсе һәм нәшрият белдерүе монда сүзгә-сүз китерелә.',
    publisher: 'Нәшрият',
    notice: 'Нәшрият белдерүе',
    source: 'Чыганак',
    qrCode: '{url} сылтамасының QR-коды',
    notes: 'Искәрмәләр',
    downloads: 'Йөкләп алу',
    books: 'Китаплар',
    articles: 'Мәкаләләр',
    allDownloads: 'Барлык файллар',
    bookletPdf: 'Китапчык (PDF)',
    apps: 'Электрон китап уку кушымталары өчен (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS каталогы',
    publishedBy: 'Нәшрият: {publisher}',
    articleCount: {other: '{count} мәкалә'}
  },
  tg: {
    contents: 'Мундариҷа',
    colophon: 'Манбаъҳо ва эзоҳҳо',
    page: 'Саҳифаи {page}',
    pageOf: 'Саҳифаи {page} аз {pages}',
    editedBy: {one: 'Мураттиб: {names}', other: 'Мураттибон: {names}'},
    collected: 'Барои ҳар як мақолаи «{title}» манбаъ, қайди муаллифон ва огоҳиномаи ношир дар ин ҷо айнан оварда шудааст.',
    publisher: 'Ношир',
    notice: 'Огоҳиномаи ношир',
    source: 'Манбаъ',
    qrCode: 'Рамзи QR барои {url}',
    notes: 'Эзоҳҳо',
    downloads: 'Боргирӣ',
    books: 'Китобҳо',
    articles: 'Мақолаҳо',
    allDownloads: 'Ҳамаи файлҳо',
    bookletPdf: 'Китобча (PDF)',
    apps: 'Барои барномаҳои хондани китобҳои электронӣ (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'феҳристи OPDS',
    publishedBy: 'Ношир: {publisher}',
    articleCount: {other: '{count} мақола'}
  },
  uz: {
    contents: 'Mundarija',
    colophon: 'Manbalar va izohlar',
    page: '{page}-sahifa',
    pageOf: '{pages} sahifadan {page}-sahifa',
    editedBy: {one: 'Tuzuvchi: {names}', other: 'Tuzuvchilar: {names}'},
    collected: '“{title}” toʻplamidagi har bir maqolaning manbasi, mualliflik qaydi va nashriyot bildirishnomasi shu yerda soʻzma-soʻz keltirilgan.',
    publisher: 'Nashriyot',
    notice: 'Nashriyot bildirishnomasi',
    source: 'Manba',
    qrCode: '{url} uchun QR-kod',
    notes: 'Izohlar',
    downloads: 'Yuklab olish',
    books: 'Kitoblar',
    articles: 'Maqolalar',
    allDownloads: 'Barcha fayllar',
    bookletPdf: 'Risola (PDF)',
    apps: 'Elektron kitob oʻqish ilovalari uchun (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS katalogi',
    publishedBy: 'Nashriyot: {publisher}',
    articleCount: {other: '{count} ta maqola'}
  },
  'uz-cyrl': {
    contents: 'Мундарижа',
    colophon: 'Манбалар ва изоҳлар',
    page: '{page}-саҳифа',
    pageOf: '{pages} саҳифадан {page}-саҳифа',
    editedBy: {one: 'Тузувчи: {names}', other: 'Тузувчилар: {names}'},
    collected: '«{title}» тўпламидаги ҳар бир мақоланинг манбаси, муаллифлик қайди ва нашриёт билдиришномаси шу ерда сўзма-сўз келтирилган.',
    publisher: 'Нашриёт',
    notice: 'Нашриёт билдиришномаси',
    source: 'Манба',
    qrCode: '{url} учун QR-код',
    notes: 'Изоҳлар',
    downloads: 'Юклаб олиш',
    books: 'Китоблар',
    articles: 'Мақолалар',
    allDownloads: 'Барча файллар',
    bookletPdf: 'Рисола (PDF)',
    apps: 'Электрон китоб ўқиш иловалари учун (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS каталоги',
    publishedBy: 'Нашриёт: {publisher}',
    articleCount: {other: '{count} та мақола'}
  },
  sr: {
    contents: 'Садржај',
    colophon: 'Извори и напомене',
    page: 'Страна {page}',
    pageOf: 'Страна {page} од {pages}',
    editedBy: {one: 'Уредник: {names}', other: 'Уредници: {names}'},
    collected: 'За сваки чланак у зборнику „{title}” овде су дословно наведени извор, ауторске напомене и обавештење издавача.',
    publisher: 'Издавач',
    notice: 'Обавештење издавача',
    source: 'Извор',
    qrCode: 'QR код за {url}',
    notes: 'Напомене',
    downloads: 'Преузимање',
    books: 'Књиге',
    articles: 'Чланци',
    allDownloads: 'Сва преузимања',
    bookletPdf: 'Брошура (PDF)',
    apps: 'За апликације за читање е-књига (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS каталог',
    publishedBy: 'Издавач: {publisher}',
    articleCount: {one: '{count} чланак', few: '{count} чланка', other: '{count} чланака'}
  },
  'sr-latn': {
    contents: 'Sadržaj',
    colophon: 'Izvori i napomene',
    page: 'Strana {page}',
    pageOf: 'Strana {page} od {pages}',
    editedBy: {one: 'Urednik: {names}', other: 'Urednici: {names}'},
    collected: 'Za svaki članak u zborniku „{title}” ovde su doslovno navedeni izvor, autorske napomene i obaveštenje izdavača.',
    publisher: 'Izdavač',
    notice: 'Obaveštenje izdavača',
    source: 'Izvor',
    qrCode: 'QR kod za {url}',
    notes: 'Napomene',
    downloads: 'Preuzimanje',
    books: 'Knjige',
    articles: 'Članci',
    allDownloads: 'Sva preuzimanja',
    bookletPdf: 'Brošura (PDF)',
    apps: 'Za aplikacije za čitanje e-knjiga (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS katalog',
    publishedBy: 'Izdavač: {publisher}',
    articleCount: {one: '{count} članak', few: '{count} članka', other: '{count} članaka'}
  },
  bs: {
    contents: 'Sadržaj',
    colophon: 'Izvori i napomene',
    page: 'Stranica {page}',
    pageOf: 'Stranica {page} od {pages}',
    editedBy: {one: 'Urednik: {names}', other: 'Urednici: {names}'},
    collected: 'Za svaki članak u zborniku „{title}” ovdje su doslovno navedeni izvor, autorske napomene i obavještenje izdavača.',
    publisher: 'Izdavač',
    notice: 'Obavještenje izdavača',
    source: 'Izvor',
    qrCode: 'QR kod za {url}',
    notes: 'Napomene',
    downloads: 'Preuzimanja',
    books: 'Knjige',
    articles: 'Članci',
    allDownloads: 'Sva preuzimanja',
    bookletPdf: 'Brošura (PDF)',
    apps: 'Za aplikacije za čitanje e-knjiga (KOReader, Thorium, Calibre): {catalog}',
    catalog: 'OPDS katalog',
    publishedBy: 'Izdavač: {publisher}',
    articleCount: {one: '{count} članak', few: '{count} članka', other: '{count} članaka'}
  },
  ps: {
    contents: 'منځپانګه',
    colophon: 'سرچینې او یادښتونه',
    page: 'مخ {page}',
    pageOf: 'مخ {page} / {pages}',
    editedBy: {other: 'ترتیب: {names}'},
    collected: 'د «{title}» د هرې مقالې سرچینه، د لیکوالانو یادونه او د خپرونکي خبرتیا دلته ټکي په ټکي راغلې ده.',
    publisher: 'خپرونکی',
    notice: 'د خپرونکي خبرتیا',
    source: 'سرچینه',
    qrCode: 'د {url} لپاره QR کوډ',
    notes: 'یادښتونه',
    downloads: 'ښکته کول',
    books: 'کتابونه',
    articles: 'مقالې',
    allDownloads: 'ټول فایلونه',
    bookletPdf: 'کتابګوټی (PDF)',
    apps: 'د برېښنايي کتابونو لوستلو اپلیکېشنونو لپاره (KOReader، Thorium، Calibre): {catalog}',
    catalog: 'د OPDS فهرست',
    publishedBy: 'خپرونکی: {publisher}',
    articleCount: {one: '{count} مقاله', other: '{count} مقالې'}
  },
  ur: {
    contents: 'فہرستِ مضامین',
    colophon: 'ماخذ اور اطلاعات',
    page: 'صفحہ {page}',
    pageOf: 'صفحہ {page} از {pages}',
    editedBy: {other: 'مرتب: {names}'},
    collected: '”{title}“ کے ہر مضمون کا ماخذ، اعترافِ خدمات اور ناشر کی اطلاع یہاں لفظ بہ لفظ درج ہے۔',
    publisher: 'ناشر',
    notice: 'ناشر کی اطلاع',
    source: 'ماخذ',
    qrCode: '{url} کا QR کوڈ',
    notes: 'حواشی',
    downloads: 'ڈاؤن لوڈز',
    books: 'کتابیں',
    articles: 'مضامین',
    allDownloads: 'تمام ڈاؤن لوڈز',
    bookletPdf: 'کتابچہ (PDF)',
    apps: 'ای بک ریڈر ایپس کے لیے (KOReader، Thorium، Calibre): {catalog}',
    catalog: 'OPDS کیٹلاگ',
    publishedBy: 'ناشر: {publisher}',
    articleCount: {one: '{count} مضمون', other: '{count} مضامین'}
  },
  zh: {
    contents: '目录',
    colophon: '版本说明',
    page: '第 {page} 页',
    pageOf: '第 {page} 页，共 {pages} 页',
    editedBy: {other: '{names} 编'},
    collected: '《{title}》中的每篇文章都保留其来源、致谢和声明，在此原文照录。',
    publisher: '出版者',
    notice: '出版者声明',
    source: '来源',
    qrCode: '{url} 的二维码',
    notes: '注释',
    downloads: '下载',
    books: '图书',
    articles: '文章',
    allDownloads: '全部下载',
    bookletPdf: '小册子 PDF',
    apps: '供电子阅读器应用（KOReader、Thorium、Calibre）使用：{catalog}',
    catalog: 'OPDS 目录',
    publishedBy: '{publisher} 出版',
    articleCount: {other: '{count} 篇文章'}
  },
  ja: {
    contents: '目次',
    colophon: '奥付',
    page: '{page} ページ',
    pageOf: '{page} / {pages} ページ',
    editedBy: {other: '{names} 編'},
    collected: '『{title}』の各記事は、出典、クレジット、告知をそのまま掲載しています。',
    publisher: '発行元',
    notice: '発行元からのお知らせ',
    source: '出典',
    qrCode: '{url} の QR コード',
    notes: '注',
    downloads: 'ダウンロード',
    books: '書籍',
    articles: '記事',
    allDownloads: 'すべてのダウンロード',
    bookletPdf: '小冊子 PDF',
    apps: '電子書籍リーダーアプリ（KOReader、Thorium、Calibre）用：{catalog}',
    catalog: 'OPDS カタログ',
    publishedBy: '発行：{publisher}',
    articleCount: {other: '{count} 件の記事'}
  }
}

/** What a config may set: any label, a count's forms as a map or one template for all. */
export type LabelOverrides = Readonly<Partial<Record<keyof Labels, string | Plural>>>

/**
 * The labels of a BCP 47 tag, most specific row first (`sr-Latn-RS` →
 * `sr-latn` → `sr`); a language without a row gets English. `overrides`
 * (the config's `labels:`) win over the row.
 */
export function labelsFor(lang: string, overrides: LabelOverrides = {}): Labels {
  const row = rowFor(lang) ?? LABELS.en!
  const merged: Record<string, string | Plural> = {...row}
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue
    const plural = typeof row[key as keyof Labels] === 'object'
    merged[key] = plural && typeof value === 'string' ? {other: value} : value
  }
  return merged as unknown as Labels
}

/** Whether the language table's tag has a row of its own here (the test's question). */
export function hasLabels(lang: string): boolean {
  return rowFor(lang) !== undefined
}

/** `template` with each `{name}` replaced; numbers in the language's digits. */
export function fillLabel(template: string, values: Readonly<Record<string, string | number>>, lang = 'en'): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name]
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value, lang) : value
  })
}

/** The form of `plural` for `count` in `lang`, filled with `values` and the count. */
export function pluralLabel(plural: Plural, count: number, lang: string, values: Readonly<Record<string, string | number>> = {}): string {
  const category = pluralRules(lang).select(count) as keyof Plural
  return fillLabel(plural[category] ?? plural.other, {...values, count}, lang)
}

/**
 * The CSS counter style that writes a number as the language does:
 * `persian` for Persian digits, `arabic-indic` for Arabic ones, else
 * `decimal`. Page numbers then match the dates and counts around them.
 */
export function counterStyle(lang: string): 'decimal' | 'persian' | 'arabic-indic' {
  const system = numberFormat(lang).resolvedOptions().numberingSystem
  return system === 'arabext' ? 'persian' : system === 'arab' ? 'arabic-indic' : 'decimal'
}

function rowFor(lang: string): Labels | undefined {
  const subtags = lang.trim().toLowerCase().split(/[-_]/)
  for (let length = subtags.length; length > 0; length--) {
    const row = LABELS[subtags.slice(0, length).join('-')]
    if (row) return row
  }
  // A tag the language table folds into one of its rows (`fa-AF`, `tg-Cyrl`) has its labels.
  const folded = languageRules(lang).lang
  return LABELS[folded]
}

const formats = new Map<string, Intl.NumberFormat>()
const rules = new Map<string, Intl.PluralRules>()

function numberFormat(lang: string): Intl.NumberFormat {
  let format = formats.get(lang)
  if (!format) {
    format = new Intl.NumberFormat(safeTag(lang), {useGrouping: false})
    formats.set(lang, format)
  }
  return format
}

function pluralRules(lang: string): Intl.PluralRules {
  let found = rules.get(lang)
  if (!found) {
    found = new Intl.PluralRules(safeTag(lang))
    rules.set(lang, found)
  }
  return found
}

function formatNumber(value: number, lang: string): string {
  return numberFormat(lang).format(value)
}

/** Intl throws on a malformed tag; such a tag reads as English. */
function safeTag(lang: string): string {
  try {
    return Intl.getCanonicalLocales(lang)[0] ?? 'en'
  } catch {
    return 'en'
  }
}
