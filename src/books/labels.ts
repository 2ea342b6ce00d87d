/**
 * The few words a book prints of its own (“Contents”, “Colophon”), in the
 * book's language. Articles keep their own language; only these follow the
 * book's. An unknown language falls back to English.
 */
export interface BookLabels {
  readonly contents: string
  readonly colophon: string
  readonly editedBy: (names: string) => string
  readonly collected: (title: string, count: number) => string
}

const LABELS: Readonly<Record<string, BookLabels>> = {
  en: {
    contents: 'Contents',
    colophon: 'Colophon',
    editedBy: (names) => `Edited by ${names}`,
    collected: (title, count) => `${title} collects ${count} ${count === 1 ? 'article' : 'articles'}. Each keeps its source, credits and notice below, word for word.`
  },
  ru: {
    contents: 'Содержание',
    colophon: 'Выходные сведения',
    editedBy: (names) => `Составитель: ${names}`,
    collected: (title, count) => `«${title}»: статей — ${count}. Источник, авторы и примечание каждой приведены ниже дословно.`
  },
  de: {
    contents: 'Inhalt',
    colophon: 'Impressum',
    editedBy: (names) => `Herausgegeben von ${names}`,
    collected: (title, count) => `„${title}“ versammelt ${count} ${count === 1 ? 'Artikel' : 'Artikel'}. Quelle, Nachweise und Hinweise stehen unten im Wortlaut.`
  },
  fr: {
    contents: 'Table des matières',
    colophon: 'Colophon',
    editedBy: (names) => `Sous la direction de ${names}`,
    collected: (title, count) => `« ${title} » réunit ${count} ${count === 1 ? 'article' : 'articles'}. Source, crédits et mentions de chacun figurent ci-dessous, mot pour mot.`
  },
  fa: {
    contents: 'فهرست',
    colophon: 'شناسنامه',
    editedBy: (names) => `ویراستار: ${names}`,
    collected: (title, count) => `«${title}» شامل ${count} مقاله است. منبع، اعتبار و اطلاعیهٔ هر مقاله در زیر عیناً آمده است.`
  }
}

export function bookLabels(lang: string): BookLabels {
  return LABELS[lang.toLowerCase().split('-')[0] ?? 'en'] ?? LABELS.en!
}
