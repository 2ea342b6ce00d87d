import type {LanguageRules} from './language-rules.ts'

export const ur: LanguageRules = {
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
  ],
  listHeads: [/متعلقہ (?:خبریں|مضامین)|یہ بھی پڑھیں|سب سے زیادہ پڑھی جانے والی|مزید خبریں/],
  promos: [/سبسکرائب/],
  stopWords:
    'کے میں کی اور سے کا اس کو ہے نے پر ایک کہ یہ بھی ان کر ہیں جو کیا وہ جس بعد ہو تو نہیں یا لیے تک ہی اپنے کرنے تھا ساتھ تھے تھی گیا گئی کسی لیکن ' +
    'جب اسے ہوئے ہوا کہا',
  months: [/جنوری/, /فروری/, /مارچ/, /اپریل/, /مئی/, /جون/, /جولائی/, /اگست/, /ستمبر/, /اکتوبر/, /نومبر/, /دسمبر/]
}
